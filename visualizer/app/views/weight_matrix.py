"""A deeper layer's weights as one heatmap: units (rows) x inputs (columns), and the widget that shows it.

Layer k's weights ``W[k]`` are stored (n_in, n_out) (``z = a @ W + b``); the
heatmap shows their transpose, (n_out, n_in): row j is what unit j of layer k
listens to, column i is what input i (unit i of layer k-1) tells every unit.
Blue is negative, red positive, white zero, on a scale symmetric about zero
(the weights view's colour bar): one scale for the whole matrix, or per unit
(each row divided by its own largest |w|). NaN weights (a diverged run) are
transparent. ``matrix_argb`` is pure NumPy; ``MatrixGrid`` paints its result
scaled to fit with square cells, reports the cell under the mouse and
outlines the selected unit's row.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .colormap import lut_indices, symmetric_limit
from .qtimage import argb_image
from .tiles import DIVERGING_ARGB


def matrix_argb(w: np.ndarray, per_unit: bool) -> tuple[np.ndarray, float]:
    """W (n_in, n_out) -> ((n_out, n_in) uint32 ARGB heatmap, scale limit).

    Shared scale: limit = the largest finite |w|; per unit: every row of W.T divided by its own
    largest |w|, limit 1.
    """
    v = np.asarray(w, dtype=np.float32).T                              # (n_out, n_in)
    if per_unit:
        m = np.max(np.abs(np.nan_to_num(v)), axis=1, keepdims=True)     # (n_out, 1)
        v = v / np.where(m > 0, m, 1.0).astype(np.float32)
        limit = 1.0
    else:
        limit = symmetric_limit(v)
    argb = np.take(DIVERGING_ARGB, lut_indices(v, -limit, limit))
    nan = np.isnan(v)
    if nan.any():
        argb[nan] = 0
    return argb, limit


class MatrixGrid(QWidget):
    """Paints a (rows, cols) heatmap scaled to fit (square cells), with hover and a selected row."""

    hovered = Signal(int, int)     # row (unit), column (input) under the mouse; -1, -1 when leaving
    clicked = Signal(int)          # row (unit) clicked
    context = Signal(int, object)  # row (unit) right-clicked, global QPoint of the click

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self.argb: np.ndarray | None = None      # (rows, cols) uint32: what is shown
        self._image = None
        self._hover = (-1, -1)
        self._selected = -1

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def set_matrix(self, argb: np.ndarray | None) -> None:
        self.argb = argb
        self._image = None if argb is None else argb_image(argb)
        self._hover = (-1, -1)
        self.update()

    def set_selected(self, row: int) -> None:
        if row != self._selected:
            self._selected = row
            self.update()

    def image_rect(self) -> QRectF:
        """Where the heatmap is drawn: centred, as large as fits, square cells."""
        if self._image is None:
            return QRectF()
        iw, ih = self._image.width(), self._image.height()
        s = min(self.width() / iw, self.height() / ih)
        if s >= 2:
            s = float(int(s))
        return QRectF((self.width() - iw * s) / 2, (self.height() - ih * s) / 2, iw * s, ih * s)

    def cell_at(self, pos: QPointF) -> tuple[int, int]:
        """(row, column) under a widget position, (-1, -1) outside the heatmap."""
        r = self.image_rect()
        if self._image is None or not r.contains(pos):
            return -1, -1
        s = r.width() / self._image.width()
        row = min(int((pos.y() - r.top()) / s), self._image.height() - 1)
        col = min(int((pos.x() - r.left()) / s), self._image.width() - 1)
        return row, col

    def row_rect(self, row: int) -> QRectF:
        r = self.image_rect()
        s = r.width() / self._image.width()
        return QRectF(r.left(), r.top() + row * s, r.width(), s)

    def cell_rect(self, row: int, col: int) -> QRectF:
        r = self.image_rect()
        s = r.width() / self._image.width()
        return QRectF(r.left() + col * s, r.top() + row * s, s, s)

    def paintEvent(self, event):
        if self._image is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        r = self.image_rect()
        p.drawImage(r, self._image)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(r)
        if self._hover[0] >= 0:
            p.setPen(QPen(self.palette().text().color(), 1))
            p.drawRect(self.row_rect(self._hover[0]))
        if 0 <= self._selected < self._image.height():
            p.setPen(QPen(QColor(255, 170, 0), 2.0))
            p.drawRect(self.row_rect(self._selected))
        p.end()

    def mouseMoveEvent(self, event):
        cell = self.cell_at(event.position())
        if cell != self._hover:
            self._hover = cell
            self.hovered.emit(*cell)
            self.update()

    def leaveEvent(self, event):
        if self._hover != (-1, -1):
            self._hover = (-1, -1)
            self.hovered.emit(-1, -1)
            self.update()

    def mousePressEvent(self, event):
        row, _ = self.cell_at(event.position())
        if row < 0:
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(row)
        elif event.button() == Qt.MouseButton.RightButton:
            self.context.emit(row, event.globalPosition().toPoint())
