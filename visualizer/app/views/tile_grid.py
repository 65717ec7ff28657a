"""The widgets of the weights view: the tile image scaled to fit (hover, click, selection) and its colour bar."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import tr
from .qtimage import argb_image
from .tiles import DIVERGING_ARGB, GAP


class ColorBar(QWidget):
    """A vertical diverging colour bar with its numeric ends (or "per tile" labels)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._limit = 1.0
        self._per_tile = False
        self._bar: QImage | None = None          # the colour ramp at the current height
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("\u2212max0.000") + 24)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def set_scale(self, limit: float, per_tile: bool) -> None:
        before = self.labels()
        self._limit, self._per_tile = float(limit), bool(per_tile)
        if self.labels() != before:             # repaint only when what it shows changes
            self.update()

    def labels(self) -> tuple[str, str, str]:
        if self._per_tile:
            return "+max", "0", "\u2212max"
        return f"{self._limit:+.3g}", "0", f"{-self._limit:+.3g}".replace("-", "\u2212")

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), 200)

    def _bar_image(self, height: int) -> QImage:
        """The colour ramp, ``height`` pixels tall (+max at the top), cached per height."""
        if self._bar is None or self._bar.height() != height:
            n = len(DIVERGING_ARGB)
            idx = np.round(np.linspace(n - 1, 0, height)).astype(np.intp)         # top: +max
            self._bar = argb_image(np.repeat(DIVERGING_ARGB[idx][:, None], 12, axis=1))
        return self._bar

    def paintEvent(self, event):
        p = QPainter(self)
        fm = p.fontMetrics()
        top, bottom = fm.height(), self.height() - fm.height()
        bar = QRectF(4, top, 12, max(10, bottom - top))
        p.drawImage(bar.topLeft(), self._bar_image(int(bar.height())))
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(bar)
        p.setPen(self.palette().text().color())
        hi, mid, lo = self.labels()
        x = int(bar.right()) + 5
        p.drawText(QPointF(x, bar.top() + fm.ascent() / 2), hi)
        p.drawText(QPointF(x, bar.center().y() + fm.ascent() / 2 - 1), mid)
        p.drawText(QPointF(x, bar.bottom() + fm.ascent() / 2 - 1), lo)
        p.end()


class TileGrid(QWidget):
    """Paints the composed tile image scaled to fit, with hover and selection outlines."""

    hovered = Signal(int)      # tile index on the page, -1 when leaving
    clicked = Signal(int)      # tile index on the page
    context = Signal(int, object)   # tile index on the page right-clicked, global QPoint of the click
    resized = Signal()         # the widget's size changed (the view may re-flow the grid)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self._image: QImage | None = None
        self._rows = self._cols = 0
        self._count = 0
        self._tile = 28
        self._hover = -1
        self._selected = -1
        self._message = tr("No network yet: press Start or open a model.")

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def set_image(self, image: QImage | None, rows: int, cols: int, count: int) -> None:
        self._image, self._rows, self._cols, self._count = image, rows, cols, count
        if self._hover >= count:
            self._hover = -1
        self.update()

    def set_message(self, text: str) -> None:
        self._message = text
        self.update()

    def set_selected(self, index: int) -> None:
        self._selected = index
        self.update()

    def aspect(self) -> float:
        return max(self.width(), 1) / max(self.height(), 1)

    def image_rect(self) -> QRectF:
        """Where the image is drawn: centred, as large as fits, integer zoom when >= 1."""
        if self._image is None:
            return QRectF()
        iw, ih = self._image.width(), self._image.height()
        s = min(self.width() / iw, self.height() / ih)
        if s >= 2:
            s = math.floor(s)
        w, h = iw * s, ih * s
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def tile_at(self, pos: QPointF) -> int:
        """Tile index under a widget position, -1 if none."""
        r = self.image_rect()
        if self._image is None or not r.contains(pos):
            return -1
        s = r.width() / self._image.width()
        cell = (self._tile + GAP) * s
        col = int((pos.x() - r.left() - GAP * s) // cell)
        row = int((pos.y() - r.top() - GAP * s) // cell)
        if not (0 <= col < self._cols and 0 <= row < self._rows):
            return -1
        i = row * self._cols + col
        return i if i < self._count else -1

    def tile_rect(self, i: int) -> QRectF:
        r = self.image_rect()
        s = r.width() / self._image.width()
        row, col = divmod(i, self._cols)
        cell = (self._tile + GAP) * s
        return QRectF(r.left() + col * cell + GAP * s * 0.5, r.top() + row * cell + GAP * s * 0.5,
                      cell, cell)

    def paintEvent(self, event):
        p = QPainter(self)
        if self._image is None:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
            p.end()
            return
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(self.image_rect(), self._image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if 0 <= self._hover < self._count:
            p.setPen(QPen(self.palette().text().color(), 1))
            p.drawRect(self.tile_rect(self._hover))
        if 0 <= self._selected < self._count:
            p.setPen(QPen(QColor(255, 170, 0), 2.5))
            p.drawRect(self.tile_rect(self._selected))
        p.end()

    def mouseMoveEvent(self, event):
        i = self.tile_at(event.position())
        if i != self._hover:
            self._hover = i
            self.hovered.emit(i)
            self.update()

    def leaveEvent(self, event):
        if self._hover != -1:
            self._hover = -1
            self.hovered.emit(-1)
            self.update()

    def mousePressEvent(self, event):
        i = self.tile_at(event.position())
        if i < 0:
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(i)
        elif event.button() == Qt.MouseButton.RightButton:
            self.context.emit(i, event.globalPosition().toPoint())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.resized.emit()
