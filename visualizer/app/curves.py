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
stay fast over long runs.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

from visualizer.core.atomic import atomic_write_text

from .curves_model import SMOOTHING, CurvesModel, GrowingArray, nice_ceil, nice_step, peak_downsample
from .curves_texts import batch_note, divergence_label
from .ghosts import GhostSet, ghost_of
from .i18n import tr
from .theme import plot_colors

__all__ = ["CurvesWidget", "GrowingArray", "SMOOTHING", "nice_ceil", "nice_step", "peak_downsample"]

REDRAW_MS = 90          # coalesced redraws: ~11 per second while batches arrive (>= 10 required)
EMPTY_LOSS_TOP = 2.5    # cross-entropy of 10 classes starts near 2.3


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
        self._build_pending = False
        self._reset_fit()
        self._timer = QTimer(self)           # a steady 10 Hz while data flows, idle otherwise
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._tick)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel("")
        self._placeholder.setMinimumSize(320, 290)
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
        self.graphics.setMinimumSize(320, 290)
        self._layout.addWidget(self.graphics)
        self._build_plots(pg, items)
        self._build_items(pg, items)
        self._build_legend()
        from .curves_ghosts import GhostLayer, TwinLayer
        self._others = (GhostLayer(self, self.ghosts), TwinLayer(self))
        self._others[1].show(*self._twin)
        self.loss_plot.vb.sigXRangeChanged.connect(lambda *_: self._schedule())
        self.loss_plot.vb.sigResized.connect(lambda *_: self._schedule())
        self.loss_plot.vb.sigResized.connect(self.runs_button.place)
        self.set_theme(self._theme)

    def _build_plots(self, pg, items) -> None:
        """The legend row and the three plots sharing one x-axis."""
        g = self.graphics
        # one legend row above the plots (never over the data): colours mean the same in all three
        self.legend = pg.LegendItem(colCount=4, labelTextSize="8pt", horSpacing=14, verSpacing=-6)
        g.addItem(self.legend, row=0, col=0)
        self.legend.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.loss_plot = g.addPlot(row=1, col=0)
        self.acc_plot = g.addPlot(row=2, col=0)
        self.lr_plot = g.addPlot(row=3, col=0, axisItems={"left": items.LogAxis("left")})
        lay = g.ci.layout
        for row, stretch in enumerate((0, 5, 4, 2)):
            lay.setRowStretchFactor(row, stretch)
        lay.setSpacing(2)
        lay.setContentsMargins(2, 2, 8, 2)
        for p in (self.loss_plot, self.acc_plot, self.lr_plot):
            p.setDownsampling(auto=True, mode="peak")
            p.setClipToView(True)
            p.showGrid(x=True, y=True, alpha=0.35)
            p.setMenuEnabled(True)
            for name in ("left", "bottom"):       # axes change rarely: repaint them from a pixmap
                p.getAxis(name).setCacheMode(QGraphicsItem.DeviceCoordinateCache)
            for name in ("left", "bottom"):       # "0.5 epochs", never "500 (x0.001)"
                p.getAxis(name).enableAutoSIPrefix(False)
            p.enableAutoRange(x=False, y=False)      # ranges are set in steps (see _fit_*)
            p.vb.sigRangeChangedManually.connect(self._on_range_changed_manually)
        self.acc_plot.setXLink(self.loss_plot)
        self.lr_plot.setXLink(self.loss_plot)
        self.lr_plot.setLogMode(y=True)
        self.lr_plot.setYRange(-4, -2, padding=0)
        self.acc_plot.setYRange(0, 100, padding=0.02)
        self.loss_plot.setLabel("left", tr("Loss"))
        self.acc_plot.setLabel("left", tr("Accuracy %"))
        self.acc_plot.getAxis("left").setToolTip(tr("Share of images classified right.") + " " + batch_note())
        self.lr_plot.setLabel("left", tr("LR"))
        self.lr_plot.getAxis("left").setToolTip(tr("Learning rate (log scale)"))
        self.lr_plot.setLabel("bottom", tr("Epochs"))
        from .curves_axes import fit_titles
        for p in (self.loss_plot, self.acc_plot, self.lr_plot):     # titles fit the plots' heights
            p.getAxis("left").geometryChanged.connect(lambda: fit_titles(self))
        for p in (self.loss_plot, self.acc_plot):
            p.getAxis("bottom").setStyle(showValues=False)
            p.getAxis("bottom").setHeight(6)

    def _build_items(self, pg, items) -> None:
        """The data items, and PlotDataItems without data that stand for them in the legend."""
        self.c_old_loss = self.loss_plot.plot()
        self.c_diverged = self.loss_plot.plot()           # what a divergence rolled back, in red
        self.c_diverged.setZValue(5)
        self.s_diverged = pg.ScatterPlotItem(symbol="t1", size=11)   # the loss that went off the chart
        self.s_diverged.setZValue(6)
        self.loss_plot.addItem(self.s_diverged)
        self.fast_loss = items.FastLines(2)           # batch loss: raw, smoothed
        self.fast_acc = items.FastLines(1)                 # running batch accuracy
        self.loss_plot.addItem(self.fast_loss)
        self.acc_plot.addItem(self.fast_acc)
        self.c_loss_raw = self.loss_plot.plot()       # legend entries for the fast lines (no data)
        self.c_loss_smooth = self.loss_plot.plot()
        self.epoch_loss = items.EpochPoints(("o", "s"))   # train, validation
        self.epoch_acc = items.EpochPoints(("o", "s"))
        self.loss_plot.addItem(self.epoch_loss)
        self.acc_plot.addItem(self.epoch_acc)
        self.c_train_loss = self.loss_plot.plot(symbol="o", symbolSize=6)   # legend entries only
        self.c_val_loss = self.loss_plot.plot(symbol="s", symbolSize=6)
        self.c_acc_run = self.acc_plot.plot()
        self.c_train_acc = self.acc_plot.plot(symbol="o", symbolSize=6)
        self.c_val_acc = self.acc_plot.plot(symbol="s", symbolSize=6)
        self.c_lr = self.lr_plot.plot()
        self.c_epoch_lr = self.lr_plot.plot(symbol="o", symbolSize=4, pen=None)
        for c in (self.c_old_loss, self.c_diverged, self.c_loss_raw, self.c_loss_smooth, self.c_train_loss,
                  self.c_val_loss, self.c_acc_run, self.c_train_acc, self.c_val_acc, self.c_epoch_lr):
            c.setSkipFiniteCheck(False)
            c.opts["autoDownsampleFactor"] = 1.0    # ~1 sample per pixel (peak mode keeps the extremes)
        self.c_lr.setSkipFiniteCheck(True)
        self.c_lr.opts["autoDownsampleFactor"] = 1.0
        self.hint = pg.TextItem(tr("Press Start (F5) to watch the network learn"), anchor=(0.5, 0.5))
        self.hint.setParentItem(self.loss_plot.vb)
        self.loss_plot.vb.sigResized.connect(self._place_hint)

    def _build_legend(self) -> None:
        self.legend.addItem(self.c_loss_raw, tr("batch*"))
        self.legend.addItem(self.c_loss_smooth, tr("batch, smoothed*"))
        self.legend.addItem(self.c_train_loss, tr("train (epoch)"))
        self.legend.addItem(self.c_val_loss, tr("validation (epoch)"))
        self.legend.setToolTip("* " + batch_note())

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
        self._remove_markers()
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
        self._add_marker(float(progress), text)

    def mark_settings(self, ev) -> None:
        """Mark a ``SettingsChangedEvent``."""
        self.mark_change(ev.progress, self.model.settings_text(ev))

    def mark_diverged(self, ev) -> None:
        """Show a ``DivergedEvent``: the rolled-back batches and the exploded loss in red, and a
        red marker labelled with the step that diverged and the step restored."""
        d = self.model.add_divergence(ev)
        self._add_marker(d.x, divergence_label(d), key="bad")
        self._schedule()

    # ------------------------------------------------------------------ markers
    def _add_marker(self, x: float, text: str, key: str = "marker") -> None:
        if self.graphics is None:
            return                        # drawn from the model when the plots are built
        import pyqtgraph as pg

        c = plot_colors(self._theme)
        pen = pg.mkPen(c[key], width=1, style=Qt.DashLine)
        for plot in (self.loss_plot, self.acc_plot, self.lr_plot):
            if plot is self.loss_plot:
                # a divergence's long label goes left of its line, unless that is the left half
                left = key != "marker" and x > 0.5 * (self._x_top or self.model.x_top(False, self._planned))
                side = (1.05, 0.5) if left else (-0.05, 0.5)
                fill = pg.mkColor(c["background"])
                fill.setAlpha(210)                 # readable over the curves it crosses
                line = pg.InfiniteLine(pos=x, angle=90, pen=pen, movable=False, label=text,
                                       labelOpts=dict(position=0.9 if key == "marker" else 0.6, color=c[key],
                                                      anchors=[side, side], fill=fill))
            else:
                line = pg.InfiniteLine(pos=x, angle=90, pen=pen, movable=False)
            line.setZValue(-5 if key == "marker" else 10)   # a divergence's label stays readable on top
            plot.addItem(line, ignoreBounds=True)
            self._markers.append((plot, line))

    def _remove_markers(self) -> None:
        for plot, item in self._markers:
            plot.removeItem(item)
        self._markers.clear()

    def _redo_markers(self) -> None:
        self._remove_markers()
        for x, text in self.model.changes:
            self._add_marker(x, text)
        for d in self.model.divergences:
            self._add_marker(d.x, divergence_label(d), key="bad")

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
        self._redo_markers()
        from .curves_ghosts import TWIN_COLOURS
        self._others[1].style(c, TWIN_COLOURS[self._resolved])
        self._others[0].draw(self._resolved, c, self._loss_top or EMPTY_LOSS_TOP, force=True)
        self._drawn_version = self._div_top = self._old_drawn = None
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
