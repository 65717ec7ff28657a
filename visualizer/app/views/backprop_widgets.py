"""The pictures of the backprop view: signed bars, vectors as cell grids, matrices, weight tiles.

Each widget only renders arrays it is given (the values come from ``core.backprop``
and ``core.update`` through ``backprop_frame``), in the diverging colour map of
the other views (blue negative, white zero, red positive, symmetric about zero).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .cellgrid import CellGrid
from .colormap import DIVERGING, lut_indices, map_values, symmetric_limit
from .qtimage import argb_image, rgba_image
from .tile_grid import TileGrid
from .tiles import DIVERGING_ARGB, TileComposer, grid_shape

OFF_FILL, OFF_HATCH, OFF_BORDER = 0xFFD0D0D0, 0xFF707070, 0xFF505050   # units whose g'(Z) = 0
POSITIVE, NEGATIVE = QColor(214, 96, 77), QColor(67, 147, 195)


class SignedBars(QWidget):
    """Ten signed bars around a zero line (dZ at the output: p − y), each labelled with its class
    and its value; the longest bar fills its half of the height."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values: np.ndarray | None = None
        self.target = -1
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(320, 120)

    def set_values(self, values: np.ndarray | None, target: int = -1) -> None:
        self.values = None if values is None else np.asarray(values, dtype=np.float64)
        self.target = int(target)
        self.update()

    def paintEvent(self, event):
        p = QPainter(self)
        v = self.values
        if v is None or len(v) == 0:
            p.end()
            return
        fm = p.fontMetrics()
        top, bottom = 2, self.height() - fm.height() - 2         # class names below ``bottom``
        mid = (top + bottom) / 2
        half = max(4.0, (bottom - top) / 2 - fm.height())      # room for the values at the bar ends
        col = self.width() / len(v)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawLine(QPointF(0, mid), QPointF(self.width(), mid))
        scale = half / symmetric_limit(v)              # the largest bar fills its half
        for k, val in enumerate(np.nan_to_num(v)):     # (a diverged network: NaN drawn as 0)
            h = float(val) * scale
            rect = QRectF(k * col + col * 0.2, mid - max(h, 0), col * 0.6, abs(h))
            p.fillRect(rect, POSITIVE if val > 0 else NEGATIVE)
            p.setPen(self.palette().text().color())
            font = p.font()
            font.setBold(k == self.target)
            p.setFont(font)
            p.drawText(QRectF(k * col, bottom + 1, col, fm.height()), Qt.AlignmentFlag.AlignCenter, str(k))
            if abs(val) >= 0.005:                      # the value beside its bar's end
                txt = f"{val:+.2f}".replace("-", "\u2212")
                y = mid - h - fm.height() if val > 0 else mid - h
                p.drawText(QRectF(k * col - col * 0.2, y, col * 1.4, fm.height()),
                           Qt.AlignmentFlag.AlignCenter, txt)
        p.end()


class _ImageBox(QWidget):
    """An image drawn as large as fits, pixels kept sharp."""

    def __init__(self, min_h: int = 40, parent=None):
        super().__init__(parent)
        self.image: QImage | None = None
        self.setMinimumSize(60, min_h)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self.update()

    def image_rect(self) -> QRectF:
        iw, ih = self.image.width(), self.image.height()
        s = min(self.width() / iw, self.height() / ih)
        return QRectF(0, (self.height() - ih * s) / 2, iw * s, ih * s)

    def paintEvent(self, event):
        if self.image is None:
            return
        p = QPainter(self)
        p.drawImage(self.image_rect(), self.image)
        p.end()


class VectorGrid(QWidget):
    """A vector (a layer's units) as a row-major grid of cells, units whose g'(Z) = 0 hatched."""

    SIDE = 8

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        self.box = _ImageBox(24)
        self._grid: CellGrid | None = None
        self.limit = 1.0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.box)

    def set_values(self, values: np.ndarray, off: np.ndarray | None = None, title: str | None = None) -> None:
        v = np.asarray(values, dtype=np.float32)
        n = len(v)
        cols = min(n, 16)
        rows = -(-n // cols)
        if self._grid is None or self._grid.key != (n, rows, cols, self.SIDE):
            self._grid = CellGrid(n, rows, cols, self.SIDE)
            self.box.setMinimumHeight(min(120, rows * 10))
        self.limit = symmetric_limit(v)
        colors = DIVERGING_ARGB[lut_indices(v, -self.limit, self.limit)]        # (n,) uint32
        self.box.set_image(argb_image(self._grid.render(colors, off, OFF_FILL, OFF_HATCH, OFF_BORDER)))
        if title is not None:
            self.title.setText(title)


class MatrixImage(QWidget):
    """A weight-shaped matrix (n_in, n_out) drawn as units x inputs (one row per unit)."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        self.box = _ImageBox(60)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.box)
        self.limit = 1.0

    def set_matrix(self, m: np.ndarray, title: str | None = None) -> None:
        m = np.ascontiguousarray(np.asarray(m, dtype=np.float32).T)   # (n_in, n_out) -> (n_out, n_in)
        self.limit = symmetric_limit(m)
        self.box.setMinimumHeight(int(np.clip(m.shape[0] * 3, 40, 160)))
        self.box.set_image(rgba_image(map_values(m, -self.limit, self.limit, DIVERGING)))
        if title is not None:
            self.title.setText(title)


class TilePanel(QWidget):
    """First-layer columns (784, n) as 28x28 tiles per unit (the weights view's renderer), titled."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        self.grid = TileGrid(self)
        self.grid.setMinimumSize(160, 160)
        self._composer: TileComposer | None = None
        self.limit = 1.0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.grid, 1)

    def set_columns(self, values: np.ndarray, title: str | None = None) -> None:
        n = values.shape[1]
        rows, cols = grid_shape(n, 1.0)
        if self._composer is None or self._composer.key[:3] != (n, rows, cols):
            self._composer = TileComposer(n, rows, cols)
        argb, self.limit = self._composer.render(values, per_tile=False)
        self.grid.set_image(argb_image(argb), rows, cols, n)
        if title is not None:
            self.title.setText(title)


def side_by_side(*widgets: QWidget) -> QWidget:
    """The widgets in one row, equal stretch."""
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        lay.addWidget(w, 1)
    return row
