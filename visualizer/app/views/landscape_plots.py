"""The Landscape view's two pyqtgraph plots: the slice as a heatmap with its path, the 1-D profiles.

``SlicePlot.show_result(result, metric)`` draws a ``LandscapeResult``: the colours and
contour lines are ``core.landscape_image.heatmap`` (those of ``visualizer landscape --png``),
alpha to the right and beta upwards, with the trajectory (a dot per kept epoch) and the
current weights (a white square at the centre). ``ProfilePlot.show_result`` draws the
profiles. Both only render; nothing here computes a loss.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from visualizer.core.landscape_image import heatmap

from ..i18n import tr
from ..theme import plot_colors

PIXELS = 240            # the heatmap's side in image pixels (bilinear between grid points)


def _style(plot: pg.PlotWidget, theme: str) -> None:
    """The plot's background and axes in ``theme`` ("light" / "dark")."""
    c = plot_colors(theme)
    plot.setBackground(c["background"])
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(c["foreground"])
        axis.setTextPen(c["text"])
        axis.enableAutoSIPrefix(False)


def values(result, metric: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What is shown: (the loss or accuracy (n, m), alphas (n,), betas (m,)) at the points computed
    so far: while the grid is refined, its complete coarse lattice (every ``stride``-th point)."""
    g = result.grid
    v = g.loss if metric == "loss" else g.accuracy
    s = g.stride
    return v[::s, ::s], g.alphas[::s], g.betas[::s]


class SlicePlot(pg.PlotWidget):
    """The heatmap, the path and the current weights."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.addItem(self.image)
        self.path = pg.PlotDataItem([], [], pen=pg.mkPen("w", width=1.5), symbol="o", symbolSize=5,
                                    symbolBrush="w", symbolPen=None)
        self.addItem(self.path)
        self.current = pg.ScatterPlotItem([0.0], [0.0], symbol="s", size=10, brush="w",
                                          pen=pg.mkPen("k", width=2))
        self.addItem(self.current)
        self.setAspectLocked(False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.range_text = ""        # e.g. "loss 0.21 (dark) to 2.3 (yellow)"
        self.set_theme("light")

    def set_theme(self, theme: str) -> None:
        _style(self, theme)

    def clear_result(self) -> None:
        self.image.clear()
        self.path.setData([], [])
        self.range_text = ""

    def show_result(self, result, metric: str) -> None:
        g = result.grid
        log = metric == "loss"
        shown, alphas, betas = values(result, metric)
        rgb, lo, hi = heatmap(shown, PIXELS, PIXELS, log=log)       # (H, W, 3), top row first
        self.image.setImage(np.ascontiguousarray(rgb[::-1]), autoLevels=False, levels=(0, 255))
        a0, a1, b0, b1 = float(alphas[0]), float(alphas[-1]), float(betas[0]), float(betas[-1])
        self.image.setRect(QRectF(a0, b0, a1 - a0, b1 - b0))
        a0, a1, b0, b1 = float(g.alphas[0]), float(g.alphas[-1]), float(g.betas[0]), float(g.betas[-1])
        if result.path is not None:
            self.path.setData(result.path[:, 0], result.path[:, 1])
        else:
            self.path.setData([], [])
        self.setXRange(a0, a1, padding=0)
        self.setYRange(b0, b1, padding=0)
        lo, hi = (np.exp(lo), np.exp(hi)) if log else (lo * 100, hi * 100)
        unit = "" if log else "%"
        self.range_text = tr("{metric} {lo:.3g}{unit} (dark) to {hi:.3g}{unit} (yellow)").format(
            metric=tr("loss") if log else tr("accuracy"), lo=lo, hi=hi, unit=unit)
        d = result.directions
        if d.kind == "pca":
            share = d.explained or (0.0, 0.0)
            self.setLabel("bottom", tr("α: distance along PC1 ({share:.0%} of the path's spread)").format(
                share=share[0]))
            self.setLabel("left", tr("β: along PC2 ({share:.0%})").format(share=share[1]))
        else:
            n1, n2 = (float(np.linalg.norm(v.astype(np.float64))) for v in (d.d1, d.d2))
            self.setLabel("bottom", tr("α: steps of d1 (random, filter-normalised, |d1| = {n:.3g})").format(n=n1))
            self.setLabel("left", tr("β: steps of d2 (|d2| = {n:.3g})").format(n=n2))


class ProfilePlot(pg.PlotWidget):
    """The loss (or accuracy) along one line: ``kind`` "interpolation" (initial weights at t = 0,
    current at t = 1) or "update" (the current weights at t = 0, t in updates of the last
    updates' mean size)."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.setMenuEnabled(False)
        self.hideButtons()
        colour = "#e8710a" if kind == "interpolation" else "#1a73e8"
        self.line = self.plot([], [], pen=pg.mkPen(colour, width=2))
        self.setLabel("bottom", tr("initial (t = 0) → current (t = 1)") if kind == "interpolation"
                      else tr("t mean last updates (0 = now)"))
        self.set_theme("light")

    def set_theme(self, theme: str) -> None:
        _style(self, theme)

    def clear_result(self) -> None:
        self.line.setData([], [])

    def show_result(self, result, metric: str) -> None:
        self.clear_result()
        self.setLabel("left", tr("loss") if metric == "loss" else tr("accuracy"))
        for p in result.profiles:
            if p.kind == self.kind:
                y = p.loss if metric == "loss" else p.accuracy
                ok = np.isfinite(y)
                self.line.setData(p.ts[ok], y[ok])
