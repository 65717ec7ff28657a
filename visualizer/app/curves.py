"""Live training curves (pyqtgraph): loss, accuracy and learning rate against epochs.

Three stacked plots share one x-axis in (fractional) epochs:

    Loss          per batch: raw (faint) and smoothed (EMA); per epoch: train and validation;
                  in red, what a divergence rolled back, up to the loss that exploded
    Accuracy (%)  per epoch: train and validation; running (EMA) batch accuracy
    Learning rate per batch, log scale

Vertical markers show where a setting (e.g. the learning rate) was changed live.
The numbers live in a Qt-free ``CurvesModel`` (curves_model.py); this widget only
renders them. Redraws are coalesced to ~11/s and the batch curves are clipped to
the view and peak-downsampled per pixel column (curves_items.py), so the curves
stay fast over long runs. The plots and their items are made by curves_build.py
once pyqtgraph is loaded, styled by curves_style.py (their left axes fitted by
curves_axes.py), the markers drawn by curves_markers.py and the earlier runs and
a twin by curves_ghosts.py.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from visualizer.core.atomic import atomic_write_text

from .curves_markers import add_marker, redo_markers, remove_markers
from .curves_model import SMOOTHING, CurvesModel, GrowingArray, nice_ceil, nice_step, peak_downsample
from .curves_texts import divergence_label
from .ghosts import GhostSet, ghost_of
from .i18n import tr
from .theme import plot_colors

__all__ = ["CurvesWidget", "GrowingArray", "SMOOTHING", "nice_ceil", "nice_step", "peak_downsample"]

REDRAW_MS = 90          # coalesced redraws: ~11 per second while batches arrive (>= 10 required)
EMPTY_LOSS_TOP = 2.5    # cross-entropy of 10 classes starts near 2.3
MIN_SIZE = (320, 220)   # px: below this the plots would be cut off rather than squeezed (a banner above)


class CurvesWidget(QWidget):
    """See the module docstring. Feed it with ``add_batches``, ``add_epoch``, ``mark_settings``,
    ``mark_diverged``; ``model`` holds what it shows."""

    def __init__(self, parent: QWidget | None = None, theme: str = "light") -> None:
        super().__init__(parent)
        self.setObjectName("curves")
        self.model = CurvesModel()
        self.ghosts = GhostSet()         # earlier runs, faint (ghosts.py, drawn by curves_ghosts.py)
        self.ghosts.same_text = tr("same settings")
        self.run_settings = None         # RunSettings of the run shown: its ghost's settings later
        self.main_label = tr("main")     # the current run's legend entry beside a twin
        self._others = None              # (GhostLayer, TwinLayer) once built
        self._twin = (None, "")          # a twin run's CurvesModel and legend label
        self._theme = theme
        self._markers: list = []
        self._dirty = False
        self.redraws = 0
        self.graphics = None
        self.grid_shown = True            # the plots' grid lines (the right-click menu turns them off)
        self.context_actions: list = []   # QActions the window adds to the right-click menu (curves_menu.py)
        self._build_pending = False
        self._reset_fit()
        self._timer = QTimer(self)           # a steady 10 Hz while data flows, idle otherwise
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._tick)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel("")
        self._placeholder.setMinimumSize(*MIN_SIZE)
        self._layout.addWidget(self._placeholder)
        from .runs_menu import RunsButton
        self.runs_button = RunsButton(self)     # pin, hide, clear the ghosts (shown when there are some)
        self.set_theme(theme)

    # the model's columns, as earlier callers know them
    x_batch = property(lambda self: self.model.x_batch)
    loss = property(lambda self: self.model.loss)
    acc = property(lambda self: self.model.acc)
    lr = property(lambda self: self.model.lr)
    step = property(lambda self: self.model.step)
    x_epoch = property(lambda self: self.model.x_epoch)
    old_x = property(lambda self: self.model.old_x)

    @property
    def built(self) -> bool:
        return self.graphics is not None

    @property
    def marker_count(self) -> int:
        return len(self.model.changes)

    def point_counts(self) -> dict[str, int]:
        """How many points each curve holds (tests and diagnostics)."""
        return self.model.point_counts()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.graphics is None and not self._build_pending:
            self._build_pending = True
            QTimer.singleShot(0, self.ensure_built)    # right after the window's first paint

    # ------------------------------------------------------------------ building
    def ensure_built(self) -> None:
        """Create the plots (imports pyqtgraph, ~0.5 s): lazily, so the window shows at once."""
        if self.graphics is not None:
            return
        import pyqtgraph as pg

        from . import curves_items as items
        self._placeholder.hide()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumSize(*MIN_SIZE)
        self._layout.addWidget(self.graphics)
        from .curves_build import build_items, build_legend, build_plots
        build_plots(self, pg, items)
        build_items(self, pg, items)
        build_legend(self)
        from .curves_ghosts import GhostLayer, TwinLayer
        self._others = (GhostLayer(self, self.ghosts), TwinLayer(self))
        self._others[1].show(*self._twin)
        self.loss_plot.vb.sigXRangeChanged.connect(lambda *_: self._schedule())
        self.loss_plot.vb.sigResized.connect(lambda *_: self._schedule())
        self.loss_plot.vb.sigResized.connect(self.runs_button.place)
        self.set_theme(self._theme)
        self.graphics.sigDeviceRangeChanged.connect(lambda *_: self.fit_legend())     # resized
        from .curves_menu import attach
        attach(self)                             # our right-click menu instead of pyqtgraph's

    def fit_legend(self) -> None:
        """Lay the legend out in as many columns as the width allows (curves_legend.py)."""
        if self.graphics is not None:
            from .curves_legend import fit_legend
            fit_legend(self)

    # ------------------------------------------------------------------ feeding
    def _reset_fit(self) -> None:
        """Forget what was drawn and fitted (a new start, or a cleared plot)."""
        self._manual = False
        self._loss_top = None
        self._x_top = None
        self._drawn_version = None
        self._old_drawn = None
        self._epoch_lr_drawn = True               # unknown: cleared at the first redraw
        self._div_top = None
        self._lr_range = None
        self._snug = True
        self._planned = None

    def clear(self) -> None:
        self.model.clear()
        self._reset_fit()
        remove_markers(self)
        self._schedule()

    def set_history(self, history) -> None:
        """Restart from per-epoch history rows (``EpochEvent.history_row()`` dicts); what was
        shown stays as a ghost (labelled with ``run_settings``)."""
        name = tr("run {n}").format(n=len(self.ghosts) + 1)
        self.ghosts.add(ghost_of(self.model, self.run_settings, name))
        self.runs_button.sync()
        self.clear()
        self.model.set_history(history)
        self.fit_view()

    def add_batches(self, events) -> None:
        """Append a tuple of ``BatchEvent``s."""
        self.ensure_built()
        self._snug = False
        if len(events):
            self.model.add_batches(events)
            self._schedule()

    def add_epoch(self, ev) -> None:
        """Append an ``EpochEvent``."""
        self.model.add_epoch(ev)
        self._schedule()

    def mark_change(self, progress: float, text: str) -> None:
        """A vertical marker at ``progress`` epochs labelled ``text`` (e.g. "lr 0.01")."""
        self.model.add_change(progress, text)
        add_marker(self, float(progress), text)

    def mark_settings(self, ev) -> None:
        """Mark a ``SettingsChangedEvent``."""
        self.mark_change(ev.progress, self.model.settings_text(ev))

    def mark_diverged(self, ev) -> None:
        """Show a ``DivergedEvent``: the rolled-back batches and the exploded loss in red, and a
        red marker labelled with the step that diverged and the step restored."""
        d = self.model.add_divergence(ev)
        add_marker(self, d.x, divergence_label(d), key="bad")
        self._schedule()

    # ------------------------------------------------------------------ drawing
    def _tick(self) -> None:
        if self._dirty and self.isVisible():
            self.redraw()
        else:
            self._timer.stop()            # hidden: redrawn when shown again (showEvent)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self._schedule()

    def _schedule(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def redraw(self) -> None:
        """Push the model to the plot items (batch curves always, the rest when it changed)."""
        if self.graphics is None:
            return
        self._dirty = False
        self.redraws += 1
        m = self.model
        x_range = tuple(self.loss_plot.vb.viewRange()[0])
        columns = max(1, int(self.loss_plot.vb.width()))
        self.fast_loss.set_data(m.x_batch.view(), (m.loss.view(), m.loss_smooth.view()), x_range, columns)
        self.fast_acc.set_data(m.x_batch.view(), (m.acc_smooth.view(),), x_range, columns)
        self._draw_lr()
        key = (m.version, len(m.lr) == 0)        # the first batch hides a loaded model's lr points
        if key != self._drawn_version:
            self._drawn_version = key
            self._draw_epochs()
        self._fit_loss_range()
        self._draw_divergences()
        self._fit_x_range()
        self.hint.setVisible(m.empty and not self.ghosts.visible())
        self._draw_others()

    # ------------------------------------------------------------------ ghosts and a twin
    def set_twin(self, model, label: str = "") -> None:
        """Overlay a twin run's ``CurvesModel`` named ``label`` ("twin: lr 0.1"); None removes it."""
        self._twin = (model, label)
        if self._others is not None:
            self._others[1].show(model, label)
        self._schedule()

    def refresh_ghosts(self) -> None:
        """Draw the ghosts again (pinned, hidden, cleared or relabelled)."""
        self._schedule()

    def _draw_others(self) -> None:
        ghosts, twin = self._others
        top = self._loss_top or EMPTY_LOSS_TOP
        ghosts.draw(self._resolved, plot_colors(self._theme), top)
        twin.draw(top, tuple(self.loss_plot.vb.viewRange()[0]), max(1, int(self.loss_plot.vb.width())))

    def _draw_lr(self) -> None:
        m = self.model
        bounds = m.lr_bounds()
        if bounds is not None and len(m.lr):
            self.c_lr.setData(m.lr_x.view(), m.lr_y.view())
        else:
            self.c_lr.setData([], [])
        if bounds is not None:
            lo, hi = math.log10(bounds[0]), math.log10(bounds[1])
            if (lo, hi) != self._lr_range:
                self._lr_range = (lo, hi)
                self.lr_plot.setYRange(lo - 0.6, hi + 0.6, padding=0)

    def _draw_epochs(self) -> None:
        """Epoch points, the earlier runs and, for a loaded model, the lr per epoch."""
        m = self.model
        xe, elr = m.x_epoch.view(), m.epoch_lr.view()
        self.epoch_loss.set_data(xe, (m.train_loss.view(), m.val_loss.view()))
        self.epoch_acc.set_data(xe, (m.train_acc.view(), m.val_acc.view()))
        if len(m.old_x) != self._old_drawn:          # changes only when a run redid an epoch
            self._old_drawn = len(m.old_x)
            self.c_old_loss.setData(m.old_x.view(), m.old_loss.view(), connect="finite")
            self.c_old_loss.setVisible(len(m.old_x) > 0)
        per_epoch_lr = not len(m.lr) and len(elr) > 0 and bool(np.all(np.nan_to_num(elr, nan=1.0) > 0))
        if per_epoch_lr:
            self.c_epoch_lr.setData(xe, elr)   # a loaded model: lr per epoch from its history
        elif self._epoch_lr_drawn:
            self.c_epoch_lr.setData([], [])
        self._epoch_lr_drawn = per_epoch_lr
        self.c_epoch_lr.setVisible(per_epoch_lr)

    def _draw_divergences(self) -> None:
        """The rolled-back loss in red; a loss above the axis (or NaN) ends at its top, marked."""
        m = self.model
        top = self._loss_top or EMPTY_LOSS_TOP
        key = (len(m.div_x), top)
        if key == self._div_top:
            return
        self._div_top = key
        y = np.minimum(m.div_loss.view(), top * 0.985)        # NaN stays NaN: the gap between two
        self.c_diverged.setData(m.div_x.view(), y, connect="finite")
        self.c_diverged.setVisible(len(y) > 0)
        xs = [d.x for d in m.divergences]
        ys = [min(d.loss, top * 0.985) if math.isfinite(d.loss) else top * 0.985 for d in m.divergences]
        self.s_diverged.setData(xs, ys)

    def _fit_loss_range(self) -> None:
        """Keep the loss readable (see ``CurvesModel.loss_top``); a zoom or pan is left alone."""
        if self._manual:
            return
        top = self.model.loss_top() or EMPTY_LOSS_TOP
        if top != self._loss_top:
            self._loss_top = top
            self.loss_plot.setYRange(0.0, top, padding=0)

    def _place_hint(self, *args) -> None:
        r = self.loss_plot.vb.boundingRect()
        self.hint.setPos(r.center())

    def fit_view(self) -> None:
        """Fit the x-axis snugly to the data (when a run ended or a history was loaded)."""
        self._snug = True
        self._planned = None
        self.redraw()

    def plan(self, x_end: float) -> None:
        """A run will train up to ``x_end`` epochs: show 0..x_end from the start, so the axes
        do not re-layout while it runs (and the person sees how far it will go)."""
        self._planned = float(x_end)
        self._snug = False
        self._schedule()

    def _fit_x_range(self) -> None:
        if self._manual:
            return
        top = self.model.x_top(self._snug, self._planned)
        ends = [float(g.x[-1]) for g in self.ghosts.visible() if len(g.x)]
        top = max([top, *(nice_ceil(e * 1.02, parts=5) for e in ends)])   # the ghosts fit too
        if top != self._x_top:
            self._x_top = top
            self.loss_plot.setXRange(-0.015 * top, top, padding=0)

    def _on_range_changed_manually(self, *args) -> None:
        self._manual = True

    @property
    def zoomed(self) -> bool:
        """True once the person zoomed or panned: the axes no longer follow the run."""
        return self._manual

    def follow_run(self) -> None:
        """Undo zooming and panning: every axis is fitted to the run again and follows it."""
        self._manual = False
        self._loss_top = self._x_top = self._lr_range = None
        if self.graphics is not None:
            self.acc_plot.setYRange(0, 100, padding=0.02)
        self.redraw()

    def plots(self) -> tuple:
        """The loss, accuracy and learning-rate plots (once built)."""
        return (self.loss_plot, self.acc_plot, self.lr_plot) if self.graphics is not None else ()

    # ------------------------------------------------------------------ theme
    def set_theme(self, theme: str) -> None:
        from .theme import resolve
        self._theme, self._resolved = theme, resolve(theme)
        c = plot_colors(theme)
        self._placeholder.setStyleSheet(f"background: {c['background']};")
        if self.graphics is None:
            return
        from .curves_style import style_axes, style_batch_curves, style_epoch_curves

        self.graphics.setBackground(c["background"])
        for style in (style_axes, style_batch_curves, style_epoch_curves):
            style(self, c)
        redo_markers(self)
        from .curves_ghosts import TWIN_COLOURS
        self._others[1].style(c, TWIN_COLOURS[self._resolved])
        self._others[0].draw(self._resolved, c, self._loss_top or EMPTY_LOSS_TOP, force=True)
        self._drawn_version = self._div_top = self._old_drawn = None
        self.fit_legend()                        # the labels' size may have changed (projector mode)
        self.redraw()

    # ------------------------------------------------------------------ export
    def export_png(self, path, title: str | None = None, width: int = 1920, *,
                   network=None, dataset: str | None = None) -> None:
        """Save the three plots to ``path`` as a PNG ``width`` pixels wide (at least 1920) under
        a title line (default: the network, the dataset and the step shown, see
        ``CurvesModel.title``). Written atomically."""
        from .curves_export import save_png

        self.ensure_built()
        self.redraw()
        save_png(self, path, title or self.model.title(network, dataset), max(1920, int(width)),
                 plot_colors(self._theme))

    def metrics_csv(self) -> str:
        """Batch, epoch and divergence metrics as CSV text, in epoch order."""
        return self.model.metrics_csv()

    def export_csv(self, path) -> None:
        atomic_write_text(path, self.model.metrics_csv())
