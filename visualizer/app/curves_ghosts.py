"""The other runs on the curves: faint ghosts of earlier runs and a twin run in its own colour.

``GhostLayer`` draws a ``GhostSet`` (ghosts.py) into a built ``CurvesWidget``:
per visible ghost a faint smoothed loss (with what a divergence rolled back in
faint red, marked), a faint running accuracy with its validation points, and
the ghost's label at the end of its loss curve. ``TwinLayer`` draws a twin
run's ``CurvesModel`` (curves_model.py) over the main run's: smoothed loss,
running accuracy and validation points in the "twin" colour, with a legend entry
("twin: lr 0.1") beside "main". Both only render: the numbers are in the models,
and a layer redraws its items only when the model's version moved.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from .ghosts import GhostSet
from .theme import pen_scale

# one hue per ghost slot (degrees), away from the main run's blue, the twin's magenta and red
GHOST_HUES = (160, 45, 100, 265, 190, 75, 235, 20)
TWIN_COLOURS = {"light": "#b0008a", "dark": "#ff8bcb"}   # the twin's curves (magenta)


def ghost_colour(index: int, theme: str, alpha: int = 95):
    """The faint colour of the ``index``-th ghost slot."""
    dark = theme == "dark"
    c = pg.hsvColor(GHOST_HUES[index % len(GHOST_HUES)] / 360.0, sat=0.45 if dark else 0.6,
                    val=0.9 if dark else 0.55)
    c.setAlpha(alpha)
    return c


class GhostLayer:
    """The ghosts' plot items in ``widget`` (a built CurvesWidget); ``draw`` syncs them."""

    def __init__(self, widget, ghosts: GhostSet) -> None:
        self.w = widget
        self.ghosts = ghosts
        self._items: list = []
        self._drawn = None

    def _add(self, plot, item):
        plot.addItem(item, ignoreBounds=True)
        item.setZValue(-8)                     # under the live curves
        self._items.append((plot, item))
        return item

    def remove_all(self) -> None:
        for plot, item in self._items:
            plot.removeItem(item)
        self._items.clear()

    def draw(self, theme: str, c: dict, label_top: float, force: bool = False) -> None:
        """Redraw the ghosts when they (or the theme, or the loss axis' top) changed."""
        key = (self.ghosts.version, theme, label_top)
        if key == self._drawn and not force:
            return
        self._drawn = key
        self.remove_all()
        k = pen_scale()
        w = self.w
        for g in self.ghosts.visible():
            slot = self.ghosts.ghosts.index(g)
            colour = ghost_colour(slot, theme)
            pen = pg.mkPen(colour, width=1.5 * k)
            line = self._add(w.loss_plot, pg.PlotDataItem(g.x, g.loss, pen=pen, connect="finite"))
            line.setToolTip(self.ghosts.label(g))
            self._add(w.acc_plot, pg.PlotDataItem(g.x, g.acc, pen=pg.mkPen(colour, width=k), connect="finite"))
            ok = np.isfinite(g.val_acc)
            if ok.any():
                self._add(w.acc_plot, pg.PlotDataItem(g.epoch_x[ok], g.val_acc[ok], pen=pen, symbol="s",
                                                      symbolSize=5, symbolBrush=colour, symbolPen=None))
            if g.diverged:
                red = pg.mkColor(c["bad"])
                red.setAlpha(120)
                y = np.minimum(g.div_loss, label_top * 0.985)     # the exploded loss ends at the top
                self._add(w.loss_plot, pg.PlotDataItem(g.div_x, y, pen=pg.mkPen(red, width=1.5 * k,
                                                                                 style=Qt.DashLine),
                                                       connect="finite"))
            self._add_label(g, colour, c["background"], label_top)

    def _add_label(self, g, colour, background: str, top: float) -> None:
        ok = np.isfinite(g.loss)
        if not ok.any():
            return
        x, y = float(g.x[ok][-1]), float(min(g.loss[ok][-1], top * 0.95))
        text_colour = pg.mkColor(colour)
        text_colour.setAlpha(255)
        fill = pg.mkColor(background)
        fill.setAlpha(190)                       # readable over the curves it crosses
        left_half = x < 0.5 * (self.w._x_top or x)       # the label reads towards the middle
        label = pg.TextItem(self.ghosts.label(g), color=text_colour, anchor=(0.0 if left_half else 1.0, 1.0),
                            fill=fill)
        label.setPos(x, y)
        self._add(self.w.loss_plot, label)


class TwinLayer:
    """A twin run's curves over the main run's, and the "main" / "twin: …" legend entries."""

    def __init__(self, widget) -> None:
        self.w = widget
        self.model = None              # the twin's CurvesModel (None: no twin shown)
        self.label = ""
        from .curves_items import FastLines

        p = widget.loss_plot
        self.loss, self.acc = FastLines(1), FastLines(1)     # clipped, one point per pixel column
        p.addItem(self.loss)
        widget.acc_plot.addItem(self.acc)
        self.epoch_loss = p.plot(symbol="s", symbolSize=6)
        self.epoch_acc = widget.acc_plot.plot(symbol="s", symbolSize=6)
        self.diverged = p.plot()
        self.legend_main = pg.PlotDataItem()
        self.legend_twin = pg.PlotDataItem()
        for item in (self.loss, self.epoch_loss, self.acc, self.epoch_acc, self.diverged):
            item.setZValue(3)
        for item in (self.epoch_loss, self.epoch_acc, self.diverged):
            item.setSkipFiniteCheck(False)
        self._in_legend = False
        self._drawn = None

    def show(self, model, label: str) -> None:
        """Overlay ``model`` (a CurvesModel), named ``label`` in the legend; None hides the twin."""
        self.model, self.label = model, label
        self._drawn = ()
        self._legend(model is not None)

    def _legend(self, on: bool) -> None:
        legend = self.w.legend
        if self._in_legend:
            legend.removeItem(self.legend_main)
            legend.removeItem(self.legend_twin)
        if on:
            legend.addItem(self.legend_main, self.w.main_label)
            legend.addItem(self.legend_twin, self.label)
        self._in_legend = on
        self.w.fit_legend()

    def style(self, c: dict, twin_colour: str) -> None:
        k = pen_scale()
        pen = pg.mkPen(twin_colour, width=2 * k)
        self.loss.set_pen(0, pen)
        self.legend_twin.setPen(pen)
        self.legend_main.setPen(pg.mkPen(c["train"], width=2 * k))
        faint = pg.mkColor(twin_colour)
        faint.setAlpha(140)
        self.acc.set_pen(0, pg.mkPen(faint, width=k))
        for item in (self.epoch_loss, self.epoch_acc):
            item.setPen(pg.mkPen(twin_colour, width=2.5 * k))
            item.setSymbolBrush(pg.mkBrush(twin_colour))
            item.setSymbolPen(pg.mkPen(c["background"]))
        self.diverged.setPen(pg.mkPen(c["bad"], width=2 * k))
        self._drawn = ()

    def draw(self, top: float, x_range: tuple[float, float], columns: int) -> None:
        m = self.model
        if m is None:
            if self._drawn is not None:
                self._drawn = None
                for item in (self.loss, self.acc):
                    item.set_data(np.empty(0), (np.empty(0),), x_range, columns)
                for item in (self.epoch_loss, self.epoch_acc, self.diverged):
                    item.setData([], [])
            return
        key = (len(m.x_batch), m.version, top, x_range, columns)
        if key == self._drawn:
            return
        self._drawn = key
        self.loss.set_data(m.x_batch.view(), (m.loss_smooth.view(),), x_range, columns)
        self.acc.set_data(m.x_batch.view(), (m.acc_smooth.view(),), x_range, columns)
        self.epoch_loss.setData(m.x_epoch.view(), m.val_loss.view(), connect="finite")
        self.epoch_acc.setData(m.x_epoch.view(), m.val_acc.view(), connect="finite")
        self.diverged.setData(m.div_x.view(), np.minimum(m.div_loss.view(), top * 0.985), connect="finite")
