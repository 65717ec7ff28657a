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
The plots themselves (pyqtgraph) are built when the Curves tab is first on screen
(``plot_slot``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QTabWidget, QVBoxLayout, QWidget

from ..gradients_model import GradientsModel
from ..i18n import tr
from ..theme import pen_scale, plot_colors
from .closing import stop_on_close
from .exposure import LazyRefresh, set_text
from .gradient_histograms import HistogramPanel
from .plot_slot import PLOT_HINT, PLOT_MINIMUM, PlotSlot

REDRAW_S = 0.25       # at most four redraws a second while training
MIN_PLOT_HEIGHT = 110


def layer_pen(i: int, n: int):
    """The pen of layer ``i`` of ``n``: from dark blue (the first layer) to orange (the last)."""
    import pyqtgraph as pg

    colour = pg.ColorMap([0.0, 1.0], [(40, 90, 200), (240, 120, 20)])
    return pg.mkPen(colour.map(i / max(1, n - 1), mode="qcolor"), width=1.6 * pen_scale())


def positive(values: np.ndarray) -> np.ndarray:
    """``values`` with the entries a log axis cannot show (<= 0, NaN) as NaN."""
    out = np.array(values, np.float64)
    out[~(out > 0)] = np.nan
    return out


class GradientsView(QWidget):
    """See the module docstring. ``model`` holds the records; ``curves`` the drawn items (pairs of
    pyqtgraph ``PlotDataItem``: ||dW||, ratio); ``grad_plot``, ``ratio_plot`` and ``legend`` are
    None until the Curves tab is first on screen."""

    #: str: the verdict sentence shown after a redraw
    redrawn = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = GradientsModel()
        self.curves: list[tuple] = []
        self.grad_plot = self.ratio_plot = self.legend = None
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
        curves = self.curves_page = QWidget()
        lay = QVBoxLayout(curves)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.message)
        space = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)   # between the two
        self.plots_slot = PlotSlot(self._make_plots, hint=QSize(2 * PLOT_HINT.width() + space, PLOT_HINT.height()),
                                   minimum=QSize(2 * PLOT_MINIMUM.width() + space, MIN_PLOT_HEIGHT))
        self.plots_slot.built.connect(self._on_plots_built)
        lay.addWidget(self.plots_slot, 1)
        self.histograms = HistogramPanel(self.session)
        self.tabs = QTabWidget()
        self.tabs.addTab(curves, tr("Curves"))
        self.tabs.addTab(self.histograms, tr("Histograms"))
        self.tabs.currentChanged.connect(lambda _: self.histograms.exposed(True))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

    def _make_plots(self) -> QWidget:
        """The two plots side by side (imports pyqtgraph): called by the slot when first on screen."""
        self.grad_plot = self._plot(tr("‖dW‖ per layer"))
        self.ratio_plot = self._plot(tr("‖ΔW‖ / ‖W‖ per layer"))
        self.grad_plot.setToolTip(tr("‖dW‖: the size of each layer's weight gradient, on a log scale"))
        self.ratio_plot.setToolTip(tr("‖ΔW‖ / ‖W‖: how much each step changed a layer's weights, relative "
                                      "to their size (about 0.001 is healthy)"))
        self.ratio_plot.setXLink(self.grad_plot)
        self.legend = self.grad_plot.addLegend(offset=(4, 4), labelTextSize="8pt")
        self.grad_plot.setLabel("bottom", tr("step"))
        self.ratio_plot.setLabel("bottom", tr("step"))
        box = QWidget()
        plots = QHBoxLayout(box)         # side by side: the dock under the curves is wide and low
        plots.setContentsMargins(0, 0, 0, 0)
        plots.addWidget(self.grad_plot, 1)
        plots.addWidget(self.ratio_plot, 1)
        return box

    def _on_plots_built(self, _box) -> None:
        """Apply the theme and draw what was recorded before the plots existed."""
        self._style_plots()
        self.refresh()

    def _plot(self, title: str):
        import pyqtgraph as pg

        plot = pg.PlotWidget()
        plot.setLogMode(x=False, y=True)
        plot.title_text = title
        plot.setTitle(title, size="9pt")
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setMenuEnabled(False)
        plot.setMinimumHeight(MIN_PLOT_HEIGHT)
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
        self.histograms.set_theme(theme)
        self._style_plots()
        self._lazy.request()

    def _style_plots(self) -> None:
        if self.grad_plot is None:
            return                      # styled when they are built
        import pyqtgraph as pg

        c = plot_colors(self._theme)
        for plot in (self.grad_plot, self.ratio_plot):
            plot.setBackground(c["background"])
            for name in ("left", "bottom"):
                plot.getAxis(name).setTextPen(pg.mkPen(c["foreground"]))
                plot.getAxis(name).setPen(pg.mkPen(c["grid"]))
            plot.setTitle(plot.title_text, size="9pt", color=c["foreground"])
        self.legend.setLabelTextColor(c["foreground"])

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
        """Redraw the verdict and, once the plots are built, the curves from the model (``redrawn``
        follows the curves: the plots' building draws them)."""
        verdict = self.model.verdict()
        text = self.model.message()
        set_text(self.message, text)
        warn = verdict is not None and verdict.kind != "healthy"
        self.message.setStyleSheet(f"color: {plot_colors(self._theme)['bad']}; font-weight: bold;"
                                   if warn else "")
        if self.grad_plot is None:
            return
        steps, grad_w, ratio = self.model.series()
        self._ensure_curves(self.model.n_layers)
        x = steps.astype(np.float64)
        for i, (g_item, r_item) in enumerate(self.curves):
            g_item.setData(x, positive(grad_w[:, i]))
            r_item.setData(x, positive(ratio[:, i]))
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
