"""The curves' graphics items (pyqtgraph, imported lazily: the window shows before it loads).

    LogAxis      a log-scale axis labelled only at powers of ten
    FastLines    growing batch series as plain paths, clipped and peak-downsampled
    EpochPoints  per-epoch series: a line plus a fixed-size marker at every epoch

This module imports pyqtgraph (~0.5 s): the widget imports it when it builds its plots.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath

from .curves_model import peak_downsample


class LogAxis(pg.AxisItem):
    """A log-scale axis labelled only at powers of ten (1e-4, 0.001, 0.01...)."""

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 - pyqtgraph API
        if not self.logMode:
            return super().tickValues(minVal, maxVal, size)
        lo, hi = math.floor(minVal), math.ceil(maxVal)
        inside = [float(v) for v in range(math.ceil(minVal - 1e-9), math.floor(maxVal + 1e-9) + 1)]
        every = max(1, math.ceil(len(inside) / max(1.0, size / 24.0)))   # >= 24 px per label
        major = [v for v in inside if int(v) % every == 0] or inside[:1]
        minor = [math.log10(k) + v for v in range(lo - 1, hi + 1) for k in (2, 5)
                 if minVal <= math.log10(k) + v <= maxVal]
        return [(1.0, major), (0.5, minor)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        if not self.logMode:
            return super().tickStrings(values, scale, spacing)
        if spacing < 1.0:
            return ["" for _ in values]
        return [f"{10 ** v:g}" for v in values]


class FastLines(pg.GraphicsObject):
    """Growing batch series drawn as plain paths: clipped to the visible x-range and
    peak-downsampled to the pixel columns on each update, without the per-item
    bookkeeping of PlotDataItem (the GUI thread's time is the training thread's time:
    both need the GIL)."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self._pens = [pg.mkPen(None)] * count
        self._paths = [QPainterPath() for _ in range(count)]
        self._rect = QRectF()
        self.points_drawn = 0

    def set_pen(self, i: int, pen) -> None:
        self._pens[i] = pen
        self.update()

    def set_data(self, x: np.ndarray, ys, x_range: tuple[float, float], columns: int) -> None:
        n = len(x)
        self.prepareGeometryChange()
        if n < 2:
            self._paths = [QPainterPath() for _ in ys]
            self._rect = QRectF()
            self.points_drawn = 0
            self.update()
            return
        i0 = max(0, int(np.searchsorted(x, x_range[0])) - 1)
        i1 = min(n, int(np.searchsorted(x, x_range[1])) + 1)
        xs = x[i0:i1]
        paths, lo, hi, drawn = [], math.inf, -math.inf, 0
        for y in ys:
            xd, yd = peak_downsample(xs, y[i0:i1], columns)
            paths.append(pg.arrayToQPath(xd, yd, connect="all") if len(xd) > 1 else QPainterPath())
            drawn += len(xd)
            if len(yd):
                lo, hi = min(lo, float(yd.min())), max(hi, float(yd.max()))
        self._paths = paths
        self.points_drawn = drawn
        if math.isfinite(lo):
            self._rect = QRectF(float(x[0]), lo, max(float(x[-1] - x[0]), 1e-9), max(hi - lo, 1e-9))
        self.update()

    def boundingRect(self):  # noqa: N802 - Qt API
        return self._rect

    def paint(self, painter, *args) -> None:
        for pen, path in zip(self._pens, self._paths):
            if not path.isEmpty():
                painter.setPen(pen)
                painter.drawPath(path)


class EpochPoints(pg.GraphicsObject):
    """A few short series (one point per epoch) drawn as a line plus a marker ("o" or "s")
    of a fixed pixel size at every point. Replaces symbol PlotDataItems, whose setData and
    scatter bookkeeping cost ~0.3 ms each per epoch on the GUI thread (= the training
    thread's time, through the GIL) and whose bounding rects are recomputed at every paint."""

    def __init__(self, symbols: tuple[str, ...], size: float = 6.0) -> None:
        super().__init__()
        n = len(symbols)
        self._symbols = tuple(symbols)
        self._size = float(size)
        self._pens = [pg.mkPen(None)] * n
        self._brushes = [pg.mkBrush(None)] * n
        self._symbol_pens = [pg.mkPen(None)] * n
        self._x = np.empty(0)
        self._ys = [np.empty(0)] * n
        self._paths = [QPainterPath() for _ in range(n)]
        self._rect = QRectF()
        self._bounds: QRectF | None = None

    def set_style(self, i: int, pen, brush, symbol_pen) -> None:
        self._pens[i], self._brushes[i], self._symbol_pens[i] = pen, brush, symbol_pen
        self.update()

    def set_data(self, x: np.ndarray, ys) -> None:
        """x (N,) epochs; ys: one (N,) array per series (NaN = no point, the line breaks there)."""
        self.prepareGeometryChange()
        self._x = np.array(x, dtype=np.float64)
        self._ys = [np.array(y, dtype=np.float64) for y in ys]
        paths, lo, hi = [], math.inf, -math.inf
        for y in self._ys:
            ok = np.isfinite(y)
            paths.append(pg.arrayToQPath(self._x, y, connect="finite") if ok.sum() > 1 else QPainterPath())
            if ok.any():
                lo, hi = min(lo, float(y[ok].min())), max(hi, float(y[ok].max()))
        self._paths = paths
        if math.isfinite(lo) and len(self._x):
            x0, x1 = float(self._x.min()), float(self._x.max())
            self._rect = QRectF(x0, lo, max(x1 - x0, 1e-9), max(hi - lo, 1e-9))
        else:
            self._rect = QRectF()
        self._bounds = None
        self.update()

    def get_data(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Series ``i`` as drawn: (x, y) of its finite points."""
        y = self._ys[i] if i < len(self._ys) else np.empty(0)
        ok = np.isfinite(y)
        return self._x[ok] if len(y) else np.empty(0), y[ok]

    def viewTransformChanged(self) -> None:  # noqa: N802 - pyqtgraph API
        self.prepareGeometryChange()          # the markers' padding is in pixels
        self._bounds = None

    def boundingRect(self):  # noqa: N802 - Qt API
        """The points' rect padded by half a marker (in pixels); cached, as Qt asks often."""
        if self._bounds is None:
            if self._rect.isNull():
                self._bounds = QRectF()
            else:
                pad = self._size / 2 + 2
                pw, ph = self.pixelWidth() or 0.0, self.pixelHeight() or 0.0
                self._bounds = self._rect.adjusted(-pad * pw, -pad * ph, pad * pw, pad * ph)
        return self._bounds

    def paint(self, painter, *args) -> None:
        for pen, path in zip(self._pens, self._paths):
            if not path.isEmpty():
                painter.setPen(pen)
                painter.drawPath(path)
        if not len(self._x):
            return
        tr = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.Antialiasing, True)
        r = self._size / 2
        for symbol, brush, spen, y in zip(self._symbols, self._brushes, self._symbol_pens, self._ys):
            painter.setBrush(brush)
            painter.setPen(spen)
            for xi, yi in zip(self._x, y):
                if not math.isfinite(yi):
                    continue
                p = tr.map(QPointF(float(xi), float(yi)))
                if symbol == "s":
                    painter.drawRect(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r))
                else:
                    painter.drawEllipse(p, r, r)
        painter.restore()
