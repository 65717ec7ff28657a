"""The Gradients view's second tab: per layer, the weights, biases and weight gradient now,
each against its distribution at the start of the run, on one set of bins.

The start is the run's first kept moment (``session.timeline``: the model's initial
weights for a run from scratch); the gradients of both networks are measured on the
same ``HISTOGRAM_IMAGES`` training images. ``core.gradhealth.layer_histograms``
computes it all off the GUI thread (a ``TaskGroup`` task), for the latest snapshot,
only while the tab is on screen: at once when training rests (paused, finished, a model
opened), at most every five seconds while it trains (30-60 ms of one core each).
The plots (pyqtgraph) are built when the tab is first on screen (``plot_slot``).
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from visualizer.core.blas import blas_thread_limit
from visualizer.core.gradhealth import layer_histograms

from ..gradients_model import HISTOGRAM_IMAGES, histogram_models
from ..i18n import tr
from ..tasks import TaskGroup
from ..theme import pen_scale, plot_colors
from .exposure import is_exposed, set_text
from .plot_slot import PlotSlot

INTERVAL_S = 5.0      # while training, at most one recomputation every five seconds (~30-60 ms each)


class HistogramPanel(QWidget):
    """See the module docstring. ``shown`` holds the ``LayerHistograms`` drawn (None: none yet);
    ``plots`` is pyqtgraph's ``GraphicsLayoutWidget`` (None until first on screen)."""

    #: tuple[LayerHistograms, ...]: new histograms were drawn
    computed = Signal(object)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.shown = None
        self._theme = "light"
        self._tasks = TaskGroup()
        self._busy = False
        self._dirty = True
        self._last = 0.0
        self.note = QLabel(tr("The weights, biases and gradients of every layer now (coloured) and "
                              "at the start of the run (grey)."))
        self.note.setWordWrap(True)
        self.plots = None
        self.plots_slot = PlotSlot(self._make_plots)
        self.plots_slot.built.connect(lambda _w: self.set_theme(self._theme))    # draws ``shown`` too
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.note)
        lay.addWidget(self.plots_slot, 1)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.request)
        session.snapshot.connect(self._on_snapshot)
        session.model_changed.connect(self._on_snapshot)
        session.state_changed.connect(lambda *_: self.request())    # resting: no need to wait

    def _on_snapshot(self, *_) -> None:
        self._dirty = True
        self.request()

    def exposed(self, visible: bool = True) -> None:
        if visible and self._dirty:
            QTimer.singleShot(0, self.request)       # once the tab or dock is really on screen

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.exposed(True)

    def _make_plots(self):
        """The grid of plots (imports pyqtgraph): called by the slot when first on screen."""
        import pyqtgraph as pg

        self.plots = pg.GraphicsLayoutWidget()
        return self.plots

    def set_theme(self, theme: str) -> None:
        self._theme = theme
        if self.plots is None:
            return                        # applied when the plots are built
        self.plots.setBackground(plot_colors(theme)["background"])
        if self.shown is not None:
            self._draw(self.shown)

    def request(self) -> None:
        """Recompute for the latest snapshot if on screen, not busy and (while training) not done
        in the last ``INTERVAL_S`` seconds."""
        if not self._dirty or self._busy or not is_exposed(self):
            return
        interval = INTERVAL_S if self.session.state == "running" else 0.0
        wait = self._last + interval - time.monotonic()
        if wait > 0:
            if not self._timer.isActive():
                self._timer.start(int(wait * 1000) + 1)
            return
        job = self._job()
        if job is None:
            return
        self._dirty, self._busy, self._last = False, True, time.monotonic()
        self._tasks.start(lambda progress, cancelled: job(), self._on_done, self._on_error)

    def _job(self):
        """The computation for the latest snapshot (None, with a note, when there is nothing to compare)."""
        session = self.session
        snap, data, moments = session.latest_snapshot, session.data, session.timeline.moments()
        network = session.network_config
        if snap is None or data is None or not moments or tuple(snap.sizes) != tuple(network.sizes):
            set_text(self.note, tr("No network to compare yet: train or open a model."))
            return None
        initial = moments[0].params
        if initial.size != sum(w.size + b.size for w, b in zip(snap.weights, snap.biases)):
            return None
        n = min(HISTOGRAM_IMAGES, len(data.y_train))
        x, y = data.inputs_train[:n], np.asarray(data.y_train[:n], np.int64)
        step = moments[0].step

        def job():
            with blas_thread_limit(1):          # a second spinning BLAS thread would slow training
                start, now = histogram_models(network, initial, snap)
                return step, snap.step, layer_histograms(start, now, x, y)
        return job

    def _on_done(self, result) -> None:
        self._busy = False
        start_step, now_step, hists = result
        set_text(self.note, tr("Every layer's weights, biases and gradients at step {now} (coloured) "
                               "and at step {start} (grey), on the same bins.").format(
                                   now=now_step, start=start_step))
        self._draw(hists)
        self.computed.emit(hists)
        if self._dirty:
            self.request()

    def _on_error(self, exc) -> None:
        self._busy = False
        set_text(self.note, tr("The histograms could not be computed: {error}").format(error=exc))

    def _draw(self, hists) -> None:
        import pyqtgraph as pg

        self.shown = hists
        if self.plots is None:
            self.plots_slot.ensure()      # computed before the first paint: build now (draws them)
            return
        c = plot_colors(self._theme)
        k = pen_scale()
        self.plots.clear()
        titles = (tr("W"), tr("b"), tr("dW"))
        for i, layer in enumerate(hists):
            for j, (title, h) in enumerate(zip(titles, (layer.weights, layer.biases, layer.gradient))):
                plot = self.plots.addPlot(row=i, col=j)
                plot.setTitle(f"{title}[{i + 1}]", size="8pt", color=c["foreground"])
                plot.setMenuEnabled(False)
                plot.hideAxis("left")
                plot.getAxis("bottom").setStyle(tickLength=3, maxTickLevel=0)
                plot.getAxis("bottom").setTextPen(pg.mkPen(c["foreground"]))
                initial = pg.mkColor(c["raw"])
                initial.setAlpha(90)
                plot.plot(h.edges, h.initial, stepMode="center", fillLevel=0, brush=initial,
                          pen=pg.mkPen(c["raw"], width=k))
                plot.plot(h.edges, h.now, stepMode="center", pen=pg.mkPen(c["accent"], width=1.5 * k))

    def shutdown(self, timeout_s: float) -> None:
        self._tasks.cancel_all()
        self._tasks.wait_all(time.monotonic() + timeout_s)
