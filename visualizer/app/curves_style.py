"""The curves' colours, pens and fonts for a theme: ``CurvesWidget.set_theme`` applies them.

Each function styles one group of a built ``CurvesWidget`` (its first argument)
from ``theme.plot_colors``: the axes and legend, the batch curves (1 px pens:
half the paint time of wider ones) with the divergence in the "bad" colour, and
the per-epoch points, drawn like their legend entries. Projector mode widens
every pen by ``theme.pen_scale()`` and the tick font by ``theme.font_scale()`` (curves_axes.py
fits the axes' width and titles to it).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from .curves_axes import fit_axes, tick_font
from .theme import pen_scale


def style_axes(self, c: dict) -> None:
    """Axes, their labels and ticks, the legend text and the empty-plot hint."""
    font = tick_font()
    for plot in (self.loss_plot, self.acc_plot, self.lr_plot):
        for name in ("left", "bottom"):
            ax = plot.getAxis(name)
            ax.setPen(pg.mkPen(c["grid"]))
            ax.setTextPen(pg.mkPen(c["foreground"]))
            ax.setTickFont(font)
            ax.label.setDefaultTextColor(pg.mkColor(c["foreground"]))
    fit_axes(self)                        # the left axes' width and titles for this font
    self.legend.setLabelTextColor(c["muted"])
    self.hint.setColor(c["muted"])
    self._place_hint()


def style_batch_curves(self, c: dict) -> None:
    """The batch curves, the earlier runs, the divergence and the learning rate."""
    k = pen_scale()
    raw = pg.mkColor(c["raw"])
    raw.setAlpha(110)
    self.c_loss_raw.setPen(pg.mkPen(raw, width=k))
    self.fast_loss.set_pen(0, pg.mkPen(raw, width=k))
    old = pg.mkColor(c["raw"])
    old.setAlpha(70)
    self.c_old_loss.setPen(pg.mkPen(old, width=k, style=Qt.DotLine))
    self.c_loss_smooth.setPen(pg.mkPen(c["train"], width=k))
    self.fast_loss.set_pen(1, pg.mkPen(c["train"], width=k))
    acc_run = pg.mkColor(c["train"])
    acc_run.setAlpha(120)
    self.c_acc_run.setPen(pg.mkPen(acc_run, width=k))
    self.fast_acc.set_pen(0, pg.mkPen(acc_run, width=k))
    self.c_diverged.setPen(pg.mkPen(c["bad"], width=2 * k))
    self.s_diverged.setBrush(pg.mkBrush(c["bad"]))
    self.s_diverged.setPen(pg.mkPen(c["background"]))
    self.c_lr.setPen(pg.mkPen(c["lr"], width=k))
    self.c_epoch_lr.setSymbolBrush(pg.mkBrush(c["lr"]))


def style_epoch_curves(self, c: dict) -> None:
    """Train (dashed, circles) and validation (solid, squares) per epoch, and their legend entries."""
    k = pen_scale()
    for curve in (self.c_train_loss, self.c_train_acc):
        curve.setPen(pg.mkPen(c["accent"], width=2 * k, style=Qt.DashLine))
        curve.setSymbolBrush(pg.mkBrush(c["accent"]))
        curve.setSymbolPen(pg.mkPen(c["background"]))
    for curve in (self.c_val_loss, self.c_val_acc):
        curve.setPen(pg.mkPen(c["val"], width=2.5 * k))
        curve.setSymbolBrush(pg.mkBrush(c["val"]))
        curve.setSymbolPen(pg.mkPen(c["background"]))
    for item, curves in ((self.epoch_loss, (self.c_train_loss, self.c_val_loss)),
                         (self.epoch_acc, (self.c_train_acc, self.c_val_acc))):
        for i, curve in enumerate(curves):       # the same styles as the legend entries
            item.set_style(i, curve.opts["pen"], curve.opts["symbolBrush"], curve.opts["symbolPen"])
