"""The Gradients view: how large each layer's gradient and update are, over training.

Two tabs:

    Curves       per layer, ||dW|| and the update-to-weight ratio ||delta W|| / ||W|| over
                 the steps (log y), as the training loop recorded them every few steps
                 (``core.steprecord``; they arrive on the session's batches), under one
                 sentence that names what they show (``app.gradients_model``: vanishing
                 gradients, exploding ones, or healthy)
    Histograms   per layer, the weights, biases and weight gradients now against the
                 run's start (``gradient_histograms.HistogramPanel``)

Recording goes on while the view is hidden (it is a list of a few floats); drawing
happens only while it is on screen (``exposure.LazyRefresh``), at most four times a second.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ..gradients_model import GradientsModel
from ..i18n import tr
from ..theme import pen_scale, plot_colors
from .closing import stop_on_close
from .exposure import LazyRefresh, set_text
from .gradient_histograms import HistogramPanel

REDRAW_S = 0.25       # at most four redraws a second while training


def layer_pen(i: int, n: int):
    """The pen of layer ``i`` of ``n``: from dark blue (the first layer) to orange (the last)."""
    colour = pg.ColorMap([0.0, 1.0], [(40, 90, 200), (240, 120, 20)])
    return pg.mkPen(colour.map(i / max(1, n - 1), mode="qcolor"), width=1.6 * pen_scale())


def positive(values: np.ndarray) -> np.ndarray:
    """``values`` with the entries a log axis cannot show (<= 0, NaN) as NaN."""
    out = np.array(values, np.float64)
    out[~(out > 0)] = np.nan
    return out


class GradientsView(QWidget):
    """See the module docstring. ``model`` holds the records; ``curves`` the drawn items."""

    #: str: the verdict sentence shown after a redraw
    redrawn = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = GradientsModel()
        self.curves: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []
        self._theme = "light"
        self._build()
        self._lazy = LazyRefresh(self.curves_page, self.refresh)   # only while the Curves tab shows
        self._timer = QTimer(self, singleShot=True, interval=int(REDRAW_S * 1000))
        self._timer.timeout.connect(self._lazy.request)
        session.batches.connect(self.on_batches)
        session.model_changed.connect(self.clear)
        session.diverged.connect(lambda ev: (self.model.truncate(ev.restored_step), self._lazy.request()))

    # --------------------------------------------------------------- layout
    def _build(self) -> None:
        self.message = QLabel(self.model.message())
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grad_plot = self._plot(tr("‖dW‖ per layer"))
        self.ratio_plot = self._plot(tr("‖ΔW‖ / ‖W‖ per layer"))
        self.grad_plot.setToolTip(tr("‖dW‖: the size of each layer's weight gradient, on a log scale"))
        self.ratio_plot.setToolTip(tr("‖ΔW‖ / ‖W‖: how much each step changed a layer's weights, relative "
                                      "to their size (about 0.001 is healthy)"))
        self.ratio_plot.setXLink(self.grad_plot)
        self.legend = self.grad_plot.addLegend(offset=(4, 4), labelTextSize="8pt")
        self.grad_plot.setLabel("bottom", tr("step"))
        self.ratio_plot.setLabel("bottom", tr("step"))
        curves = self.curves_page = QWidget()
        lay = QVBoxLayout(curves)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.message)
        plots = QHBoxLayout()            # side by side: the dock under the curves is wide and low
        plots.addWidget(self.grad_plot, 1)
        plots.addWidget(self.ratio_plot, 1)
        lay.addLayout(plots, 1)
        self.histograms = HistogramPanel(self.session)
        self.tabs = QTabWidget()
        self.tabs.addTab(curves, tr("Curves"))
        self.tabs.addTab(self.histograms, tr("Histograms"))
        self.tabs.currentChanged.connect(lambda _: self.histograms.exposed(True))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

    def _plot(self, title: str) -> pg.PlotWidget:
        plot = pg.PlotWidget()
        plot.setLogMode(x=False, y=True)
        plot.title_text = title
        plot.setTitle(title, size="9pt")
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setMenuEnabled(False)
        plot.setMinimumHeight(110)
        return plot

    # --------------------------------------------------------------- data in
    def on_batches(self, batches) -> None:
        """tuple[BatchEvent, ...] from the session: keep the norms; redraw soon if any came."""
        if self.model.add_batches(batches) and not self._timer.isActive():
            self._timer.start()

    def clear(self, *_) -> None:
        """A new or opened model: no records yet."""
        self.model.clear()
        self._lazy.request()

    def exposed(self, visible: bool = True) -> None:
        """The dock's ``visibilityChanged``: catch up when shown."""
        self._lazy.exposed(visible)
        self.histograms.exposed(visible)

    def set_theme(self, theme: str) -> None:
        self._theme = theme
        c = plot_colors(theme)
        for plot in (self.grad_plot, self.ratio_plot):
            plot.setBackground(c["background"])
            for name in ("left", "bottom"):
                plot.getAxis(name).setTextPen(pg.mkPen(c["foreground"]))
                plot.getAxis(name).setPen(pg.mkPen(c["grid"]))
            plot.setTitle(plot.title_text, size="9pt", color=c["foreground"])
        self.legend.setLabelTextColor(c["foreground"])
        self.histograms.set_theme(theme)
        self._lazy.request()

    # --------------------------------------------------------------- drawing
    def _ensure_curves(self, n: int) -> None:
        if len(self.curves) == n:
            return
        self.legend.clear()
        for plot in (self.grad_plot, self.ratio_plot):
            plot.clear()
        self.curves = []
        for i in range(n):
            pen = layer_pen(i, n)
            name = tr("layer {i}").format(i=i + 1)
            self.curves.append((self.grad_plot.plot([], [], pen=pen, name=name, connect="finite"),
                                self.ratio_plot.plot([], [], pen=pen, connect="finite")))

    def refresh(self) -> None:
        """Redraw the curves and the verdict from the model."""
        steps, grad_w, ratio = self.model.series()
        self._ensure_curves(self.model.n_layers)
        x = steps.astype(np.float64)
        for i, (g_item, r_item) in enumerate(self.curves):
            g_item.setData(x, positive(grad_w[:, i]))
            r_item.setData(x, positive(ratio[:, i]))
        verdict = self.model.verdict()
        text = self.model.message()
        set_text(self.message, text)
        warn = verdict is not None and verdict.kind != "healthy"
        self.message.setStyleSheet(f"color: {plot_colors(self._theme)['bad']}; font-weight: bold;"
                                   if warn else "")
        self.redrawn.emit(text)



def install_dock(window) -> GradientsView:
    """Create the view on ``window.session`` and add it as the "gradients" dock (tabbed under the curves, beside the activations)."""
    view = GradientsView(window.session)
    dock = window.add_dock("gradients", tr("Gradients"), view, Qt.DockWidgetArea.BottomDockWidgetArea)
    dock.visibilityChanged.connect(view.exposed)
    if hasattr(window, "theme_changed"):
        window.theme_changed.connect(view.set_theme)
        view.set_theme(getattr(window, "theme", "light"))
    stop_on_close(window, lambda: view.histograms.shutdown(1.0))
    window.gradients_view = view
    return view
