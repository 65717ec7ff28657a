"""The confusion matrix: rows the true class, columns the predicted one, each cell its count.

Cells are coloured by the share of their row (blue on the diagonal: right, red
off it: confused), drawn as one image through a cached pixel map
(``cellgrid.CellGrid``). Rows are labelled with the whole class name, columns
with the class number (names too long for a column are listed on the rows).
Clicking a cell emits ``cell_clicked(true, predicted)``.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import tr
from .cellgrid import CellGrid
from .colormap import BLUES, REDS, argb_lut, lut_indices
from .eval_result import EvalResult
from .qtimage import argb_image

BLUES_ARGB = argb_lut(BLUES)
REDS_ARGB = argb_lut(REDS)
HIGHLIGHT = QColor(255, 170, 0)


class ConfusionMatrix(QWidget):
    """The clickable K x K matrix."""

    cell_clicked = Signal(int, int)       # true, predicted

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: EvalResult | None = None
        self.counts: np.ndarray | None = None
        self.selected: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None
        self._grid: CellGrid | None = None       # pixel map of the cells at the current size
        self.setMouseTracking(True)
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(380, 380)

    def set_result(self, result: EvalResult | None) -> None:
        self.result = result
        self.counts = None if result is None else result.confusion()
        self.update()

    def labels(self) -> tuple[list[str], list[str]]:
        """(row labels, column labels). Short names (digits) on both; long names (Fashion-MNIST)
        whole on the rows with their number, which labels the columns."""
        names = [str(n) for n in (self.result.class_names if self.result is not None else range(10))]
        if all(len(n) <= 3 for n in names):
            return names, names
        return [f"{n} {i}" for i, n in enumerate(names)], [str(i) for i in range(len(names))]

    def _geometry(self) -> tuple[float, float, float, int]:
        """(left, top, cell side in whole pixels, K)."""
        fm = self.fontMetrics()
        rows, _ = self.labels()
        k = len(rows)
        left = fm.height() + 8 + max(fm.horizontalAdvance(r) for r in rows)
        top = fm.height() * 2 + 6
        right_margin = fm.horizontalAdvance("100%") + 10
        side = max(8.0, min((self.width() - left - right_margin) / k, (self.height() - top - 4) / k))
        return left, top, float(math.floor(side)), k

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        if self.counts is None:
            return None
        left, top, side, k = self._geometry()
        c = math.floor((pos.x() - left) / side)
        r = math.floor((pos.y() - top) / side)
        return (r, c) if 0 <= r < k and 0 <= c < k else None

    def cell_colors(self) -> tuple[np.ndarray, np.ndarray]:
        """((K, K) uint32 ARGB fill, (K, K) bool "dark fill": white text) of the current counts.

        Diagonal: blue by the share of the row classified right; off the diagonal: red by
        the share taken for that class (x4, so small confusions show); empty cells: the base colour.
        """
        counts = self.counts
        share = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
        blue = BLUES_ARGB[lut_indices(0.08 + 0.92 * share, 0.0, 1.0)]
        red = REDS_ARGB[lut_indices(0.12 + 0.88 * np.minimum(1.0, share * 4), 0.0, 1.0)]
        base = self.palette().base().color()
        base_argb = (0xFF << 24) | (base.red() << 16) | (base.green() << 8) | base.blue()
        diag = np.eye(len(counts), dtype=bool)
        argb = np.where(diag, blue, np.where(counts > 0, red, np.uint32(base_argb))).astype(np.uint32)
        r, g, b = (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF
        lightness = (np.maximum(np.maximum(r, g), b) + np.minimum(np.minimum(r, g), b)) / 510.0
        return argb, lightness < 0.55

    def paintEvent(self, event):
        p = QPainter(self)
        if self.counts is None:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       tr("The confusion matrix appears after the first epoch,\nor press Evaluate now."))
            p.end()
            return
        left, top, side, k = self._geometry()
        self._paint_cells(p, left, top, side, k)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_labels(p, left, top, side, k)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for cell, pen in ((self._hover, QPen(self.palette().text().color(), 1)),
                          (self.selected, QPen(HIGHLIGHT, 2.5))):
            if cell is not None:
                r, c = cell
                p.setPen(pen)
                p.drawRect(QRectF(left + c * side, top + r * side, side, side).adjusted(1, 1, -1, -1))
        p.end()

    def _paint_cells(self, p: QPainter, left: float, top: float, side: float, k: int) -> None:
        """The cells: one image (one gather through a cached pixel map), one drawImage; then the counts."""
        counts = self.counts
        argb, dark = self.cell_colors()
        if self._grid is None or self._grid.key != (k * k, k, k, int(side)):
            self._grid = CellGrid(k * k, k, k, int(side))
        p.drawImage(QPointF(left, top), argb_image(self._grid.render(argb.reshape(-1), None, 0, 0, 0)))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, min(small.pointSizeF(), side * 0.32)))
        p.setFont(small)
        white, black = QColor(255, 255, 255), QColor(30, 30, 30)
        for r, c in zip(*np.nonzero(counts)):
            p.setPen(white if dark[r, c] else black)
            p.drawText(QRectF(left + c * side, top + r * side, side - 1, side - 1), Qt.AlignmentFlag.AlignCenter,
                       str(int(counts[r, c])))
        p.setFont(self.font())

    def _paint_labels(self, p: QPainter, left: float, top: float, side: float, k: int) -> None:
        """Class labels on both axes, each row's recall on the right, and the axis titles."""
        pal = self.palette()
        fm = p.fontMetrics()
        rows = self.counts.sum(axis=1)
        row_labels, col_labels = self.labels()
        label_x = fm.height() + 4
        for i in range(k):
            p.setPen(pal.text().color())
            p.drawText(QRectF(left + i * side, top - fm.height() - 2, side, fm.height()),
                       Qt.AlignmentFlag.AlignCenter, col_labels[i])
            p.drawText(QRectF(label_x, top + i * side, left - label_x - 4, side),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, row_labels[i])
            p.setPen(pal.placeholderText().color())
            p.drawText(QRectF(left + k * side + 4, top + i * side, 60, side), Qt.AlignmentFlag.AlignVCenter,
                       f"{self.counts[i, i] / rows[i]:.0%}" if rows[i] else "")
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(pal.text().color())
        p.drawText(QRectF(left, 0, k * side, fm.height()), Qt.AlignmentFlag.AlignCenter, tr("predicted \u2192"))
        p.save()
        p.translate(fm.height() - 2, top + k * side / 2)
        p.rotate(-90)
        p.drawText(QRectF(-k * side / 2, -fm.height(), k * side, fm.height() + 2),
                   Qt.AlignmentFlag.AlignCenter, tr("true \u2192"))
        p.restore()
        p.setFont(self.font())

    def mouseMoveEvent(self, event):
        cell = self.cell_at(event.position())
        if cell != self._hover:
            self._hover = cell
            if cell is not None and self.counts is not None:
                r, c = cell
                names = self.result.class_names
                n = int(self.counts[r, c])
                images = tr("%n image(s)", None, n)
                self.setToolTip(tr("{images} of {true} classified right").format(images=images, true=names[r])
                                if r == c else tr("{images} of {true} taken for {pred}").format(
                                    images=images, true=names[r], pred=names[c]))
            else:
                self.setToolTip("")
            self.update()

    def leaveEvent(self, event):
        self._hover = None
        self.update()

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            cell = self.cell_at(event.position())
            if cell is not None:
                self.cell_clicked.emit(*cell)
