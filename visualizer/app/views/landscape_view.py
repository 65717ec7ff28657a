"""The Landscape view: the loss over a 2-D slice of weight space through the current weights.

A heatmap with contour lines (``landscape_plots.SlicePlot``) of the loss, or the
accuracy, at W + alpha d1 + beta d2 on a fixed subsample of training images, with
the run's path across it, and the loss along two lines (initial -> current, and
along the last update). Directions: two random filter-normalised ones (from a
seed) or the two principal directions of the weights this view kept, one per
epoch (``app.landscape_model.LandscapeModel``). Beneath, what the picture is and
is not (``core.landscape.about``).

The work runs on one worker thread (``landscape_worker``), coarse grid first. It
starts only while the view is on screen: when it is shown, on "Recompute", when the
directions change, when the weights change outside a run (loaded, reset, a single
step); while training, every few epochs and no more often than
``LandscapeModel.due`` allows (at most 5% of the time), never at a run's start (a run
starting cancels the job around the weights it is about to move). A job around
weights that were replaced (a new model, or a change outside a run) is cancelled. While
training, the worker's thread runs at low priority, so that the training process keeps
its core.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter,
                               QVBoxLayout, QWidget)

from visualizer.core.config import NetworkConfig
from visualizer.core.landscape import n_params

from ..i18n import count, tr
from ..landscape_model import LandscapeModel, network_of
from .exposure import LazyRefresh, is_exposed, set_text
from .landscape_worker import LandscapeWorker


def about(network: NetworkConfig | None = None) -> str:
    """``core.landscape.about`` in the window's language: what a landscape of ``network``
    (default 784-128-64-10) is and is not, in one paragraph (the same text, translated)."""
    network = network if network is not None else NetworkConfig()
    return tr("A loss landscape is a 2-D slice through the loss surface of the network, which lives in as "
              "many dimensions as the network has parameters ({n_params} for {sizes}). Each point of the "
              "picture is the loss (or accuracy) of the network whose weights are the current ones moved by "
              "alpha along one direction and beta along another: W + alpha d1 + beta d2; the centre is the "
              "network as it is. Its shape depends on the directions chosen: two random directions show how "
              "the surface looks around the current weights in typical directions, the two principal "
              "directions of the training trajectory show the plane in which training moved the most. It is "
              "not the whole surface, and a valley in the slice is not a valley in every direction; the path "
              "drawn over it is the trajectory's projection onto that plane, which can pass over ridges the "
              "real path went around.").format(n_params=count(n_params(network)),
                                                sizes="-".join(map(str, network.sizes)))

class LandscapeView(QWidget):
    """See the module docstring."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = LandscapeModel()
        self.worker = LandscapeWorker(self)
        self.snapshot = None            # the latest NetworkSnapshot
        self.data = None                # the RunData
        self.result = None              # the latest LandscapeResult drawn
        self._training = False
        self._epochs_since = 0
        self._last_end: float | None = None     # time.monotonic() when the last job ended
        self._run_start = 0.0                   # time.monotonic() when the latest run started
        self._last_seconds = 0.0
        self._error = ""
        self._theme = "light"
        self.slice_plot = None          # landscape_plots.SlicePlot, built on the first paint
        self._plots_pending = False
        self.profiles: list = []        # landscape_plots.ProfilePlot x 2, likewise
        self._build()
        self.worker.progressed.connect(self._on_result)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_finished)
        self._lazy = LazyRefresh(self, self._maybe_compute)

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.directions = QComboBox()
        self.directions.addItem(tr("Random directions"), "random")
        self.directions.addItem(tr("Training's principal directions"), "pca")
        self.quantity = QComboBox()
        self.quantity.addItem(tr("Loss"), "loss")
        self.quantity.addItem(tr("Accuracy"), "accuracy")
        self.seed = QSpinBox()
        self.seed.setRange(0, 9999)
        self.seed.setPrefix(tr("seed "))
        self.recompute = QPushButton(tr("Recompute"))
        row = QHBoxLayout()
        for w in (self.directions, self.seed, self.quantity, self.recompute):
            row.addWidget(w)
        row.addStretch(1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self._plot_area = QWidget()              # the plots (pyqtgraph) come on the first paint
        self._plot_area.setMinimumHeight(200)
        QVBoxLayout(self._plot_area).setContentsMargins(0, 0, 0, 0)
        self.about = QLabel(about())
        self.about.setWordWrap(True)
        font = self.about.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self.about.setFont(font)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.status)
        box.addWidget(self._plot_area, 1)
        box.addWidget(self.about)
        self.directions.currentIndexChanged.connect(self._on_choice)
        self.seed.valueChanged.connect(self._on_choice)
        self.quantity.currentIndexChanged.connect(self._redraw)
        self.recompute.clicked.connect(self.compute_now)
        self.seed.setToolTip(tr("seed of the random directions"))
        self.recompute.setToolTip(tr("compute the landscape around the current weights now"))

    def ensure_plots(self) -> None:
        """Create the plots (imports pyqtgraph, ~0.5 s): on the view's first paint, not at start-up."""
        if self.slice_plot is not None:
            return
        from .landscape_plots import ProfilePlot, SlicePlot

        self.slice_plot = SlicePlot()
        self.profiles = [ProfilePlot("interpolation"), ProfilePlot("update")]
        lines = QWidget()
        lines_row = QHBoxLayout(lines)
        lines_row.setContentsMargins(0, 0, 0, 0)
        for p in self.profiles:
            lines_row.addWidget(p)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.slice_plot)
        split.addWidget(lines)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self._plot_area.layout().addWidget(split)
        self.set_theme(self._theme)
        self._redraw()

    def _plots(self) -> list:
        return [self.slice_plot, *self.profiles] if self.slice_plot is not None else []

    def paintEvent(self, event):  # noqa: N802 - Qt API
        """The first paint means the view is on screen: its plots are built right after it."""
        if self.slice_plot is None and not self._plots_pending:
            self._plots_pending = True
            QTimer.singleShot(0, self.ensure_plots)
        super().paintEvent(event)

    # -- session -> view -----------------------------------------------------------------------
    def connect_session(self, session) -> None:
        """Follow ``session``: its data, snapshots, epochs, state and new models."""
        session.data_changed.connect(self.set_data)
        session.snapshot.connect(self.set_snapshot)
        session.epoch_ended.connect(self.on_epoch)
        session.state_changed.connect(self.set_state)
        if hasattr(session, "model_changed"):
            session.model_changed.connect(self.new_model)
        if session.data is not None:
            self.set_data(session.data)
        if session.latest_snapshot is not None:
            self.set_snapshot(session.latest_snapshot)

    def set_data(self, data) -> None:
        """RunData: the subsample is drawn from its training images."""
        self.data = data
        self._cancel_and_clear()
        self._lazy.request()

    def set_state(self, state: str) -> None:
        """str: the session's state; "running" means the weights move on their own."""
        was, self._training = self._training, state == "running"
        if self._training and not was:          # weights about to move: no picture of the old ones
            self._run_start, self._epochs_since = time.monotonic(), 0
            self.worker.cancel()
        if was and not self._training:
            self._lazy.request()                # the run stopped: around its final weights

    def new_model(self, *_) -> None:
        """A model was created, reset or loaded: forget the kept weights and the picture."""
        self.model.clear()
        self._cancel_and_clear()

    def set_snapshot(self, snapshot) -> None:
        """NetworkSnapshot: keep it (one per epoch for the path); outside a run, new weights
        replace the picture."""
        self.model.add_snapshot(snapshot)
        changed = self.snapshot is None or snapshot.step != self.snapshot.step
        self.snapshot = snapshot
        if self.about.text() == about() and tuple(snapshot.sizes) != (784, 128, 64, 10):
            self.about.setText(about(network_of(snapshot)))
        if changed and not self._training:
            self.worker.cancel()
            self._lazy.request()

    def on_epoch(self, event) -> None:
        """EpochEvent: count epochs towards the next recompute while training."""
        self._epochs_since += 1
        self._lazy.request()

    # -- computing -----------------------------------------------------------------------------
    def exposed(self, visible: bool = True) -> None:
        """The dock's ``visibilityChanged``: catch up when shown."""
        self._lazy.exposed(visible)
        if visible and is_exposed(self) and self._stale():
            self._maybe_compute()

    def compute_now(self) -> None:
        """Recompute around the current weights now (the button; the directions changed)."""
        if self.snapshot is None or self.data is None:
            self._show_status()
            return
        self._error = ""
        self.worker.start(self.model.job(self.snapshot, self.data, self.directions.currentData(),
                                         self.seed.value()), low_priority=self._training)
        self._epochs_since = 0
        self._show_status()

    def _stale(self) -> bool:
        return self.snapshot is not None and (self.result is None or self.result.job.step != self.snapshot.step)

    def _maybe_compute(self) -> None:
        """Start a job if one is wanted now (only ever called while the view is on screen)."""
        if self.worker.running or not self._stale() or self._error:
            self._show_status()
            return
        if self._training:
            since = time.monotonic() - max(self._last_end or 0.0, self._run_start)
            if not self.model.due(since, self._last_seconds, self._epochs_since):
                return
        self.compute_now()

    def _on_choice(self, *_) -> None:
        self.seed.setEnabled(self.directions.currentData() == "random")
        if is_exposed(self):
            self.compute_now()
        else:
            self._cancel_and_clear()

    def _cancel_and_clear(self) -> None:
        self.worker.cancel()
        self.result = None
        self._error = ""
        for p in self._plots():
            p.clear_result()
        self._show_status()

    # -- worker -> view ------------------------------------------------------------------------
    def _on_result(self, result) -> None:
        """LandscapeResult: draw it if it belongs to the job running now."""
        if result.job is not self.worker.job:
            return
        self.result = result
        self._redraw()

    def _on_failed(self, message) -> None:
        self._error = str(message)
        self._show_status()

    def _on_finished(self, job) -> None:
        if job is self.worker.job:
            self._last_end = time.monotonic()
            if self.result is not None and self.result.job is job:
                self._last_seconds = self.result.grid.seconds
            if self._stale() and not self._training:
                self._lazy.request()           # weights changed while it ran: around the new ones
        self._show_status()

    def _redraw(self, *_) -> None:
        if self.result is None:
            return
        self.ensure_plots()
        metric = self.quantity.currentData()
        for p in self._plots():
            p.show_result(self.result, metric)
        self._show_status()

    def _show_status(self) -> None:
        set_text(self.status, status_text(self))

    def set_theme(self, theme: str) -> None:
        """str: "light" or "dark" (the window's ``theme_changed``)."""
        self._theme = theme
        for p in self._plots():
            p.set_theme(theme)

    def hideEvent(self, event):  # noqa: N802 - Qt API
        """Closed, or its window closed: stop computing (it starts again when shown)."""
        self.worker.cancel()
        super().hideEvent(event)

    def shutdown(self, timeout_s: float) -> None:
        """Cancel the work and wait for the thread (the window closes)."""
        self.worker.cancel()
        self.worker.wait(timeout_s)


def status_text(view: LandscapeView) -> str:
    """One or two lines: what the picture is computed on, how far it got, or why there is none."""
    if view._error:
        return view._error
    if view.data is None or view.snapshot is None:
        return tr("Load a dataset and create or train a model to see its loss landscape.")
    r = view.result
    if r is None:
        if view.worker.running:
            return tr("Computing the landscape…")
        if view._training:
            return tr("While training, the landscape follows the network every few epochs "
                      "(Recompute: now).")
        return tr("The landscape is computed when this view is shown (or on Recompute).")
    job, g = r.job, r.grid
    n = len(job.labels)
    state = tr("{a}×{b} grid").format(a=g.alphas.size, b=g.betas.size)
    if not g.complete:
        state += tr(", refining (1 point in {n} so far)").format(n=g.stride ** 2)
    where = tr("at epoch {epoch}, step {step:,}").format(epoch=job.epochs_done, step=job.step)
    stale = tr(" · the weights have moved on since: Recompute") if view._stale() and not view.worker.running else ""
    shown = view.slice_plot.range_text if view.slice_plot is not None else ""
    return tr("{quantity} on a fixed subsample of {n:,} of the {total:,} training images · {state}, "
              "{seconds:.1f} s · {where} · {shown}{stale}").format(
        quantity=view.quantity.currentText(), n=n, total=job.n_train, state=state, seconds=g.seconds,
        where=where, shown=shown, stale=stale)
