"""A scrolling grid of labelled thumbnails: the images behind a confusion-matrix cell, or the mistakes.

Each thumbnail is framed green (right) or red (wrong) and captioned with its
true label, the prediction when it differs, and the confidence. Class names
are shown whole: cells grow to the longest name, and a wrong prediction's
caption takes two lines when it does not fit on one. Only the visible part is
painted (the gallery lives in a QScrollArea).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ..i18n import tr
from .eval_result import EvalResult
from .qtimage import gray_image


class Gallery(QWidget):
    """A grid of thumbnails with captions; paints only what is visible (inside a QScrollArea)."""

    image_clicked = Signal(int)           # index into the result's images

    THUMB = 56

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: EvalResult | None = None
        self.indices = np.zeros(0, dtype=np.int64)
        self._cache: dict[int, QImage] = {}
        self.setMouseTracking(True)
        self.empty_text = ""

    def set_items(self, result: EvalResult | None, indices: np.ndarray, empty_text: str = "") -> None:
        self.result = result
        self.indices = np.asarray(indices, dtype=np.int64)
        self._cache = {}
        self.empty_text = empty_text
        self._relayout()
        self.update()

    def _two_lines(self) -> bool:
        """Long class names: a wrong prediction's caption takes two lines (true, then "→ predicted")."""
        names = self.result.class_names if self.result is not None else ()
        return any(len(str(n)) > 3 for n in names)

    def _cell(self) -> tuple[int, int]:
        """(width, height) of one thumbnail with its caption: wide enough for every class name."""
        fm = self.fontMetrics()
        names = self.result.class_names if self.result is not None else ()
        text_w = max((fm.horizontalAdvance(f"\u2192 {n}") for n in names), default=0) + 8
        lines = 3 if self._two_lines() else 2
        return max(self.THUMB + 12, text_w), self.THUMB + fm.height() * lines + 10

    def _cols(self) -> int:
        w, _ = self._cell()
        return max(1, (self.width() - 4) // w)

    def _relayout(self) -> None:
        _, h = self._cell()
        rows = math.ceil(len(self.indices) / self._cols()) if len(self.indices) else 1
        self.setMinimumHeight(rows * h + 8)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._relayout()

    def item_at(self, pos: QPointF) -> int:
        cw, ch = self._cell()
        c, r = int(pos.x() - 4) // cw, int(pos.y() - 4) // ch
        if c >= self._cols() or c < 0 or r < 0:
            return -1
        i = r * self._cols() + c
        return i if i < len(self.indices) else -1

    def paintEvent(self, event):
        p = QPainter(self)
        pal = self.palette()
        if self.result is None or len(self.indices) == 0:
            p.setPen(pal.placeholderText().color())
            p.drawText(self.rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignHCenter |
                       Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, self.empty_text)
            p.end()
            return
        cw, ch = self._cell()
        cols = self._cols()
        fm = p.fontMetrics()
        exposed = event.rect()
        first = max(0, (exposed.top() - 4) // ch * cols)
        last = min(len(self.indices), ((exposed.bottom() - 4) // ch + 1) * cols)
        for i in range(first, last):
            j = int(self.indices[i])
            r, c = divmod(i, cols)
            x, y = 4 + c * cw, 4 + r * ch
            img = self._cache.get(j)
            if img is None:
                img = gray_image(np.asarray(self.result.images[j]))
                self._cache[j] = img
            target = QRectF(x + 6, y, self.THUMB, self.THUMB)
            p.drawImage(target, img)
            true, pred = int(self.result.labels[j]), int(self.result.predictions[j])
            wrong = true != pred
            p.setPen(QPen(QColor(217, 48, 37) if wrong else QColor(24, 128, 56), 2))
            p.drawRect(target.adjusted(-1, -1, 1, 1))
            self._paint_caption(p, j, QRectF(x, y + self.THUMB + 2, cw, fm.height()))
        p.end()

    def _paint_caption(self, p: QPainter, j: int, line: QRectF) -> None:
        """Under image ``j``: its true class (and "→ predicted" when wrong), then the confidence."""
        pal = self.palette()
        names = self.result.class_names
        true, pred = int(self.result.labels[j]), int(self.result.predictions[j])
        if true == pred:
            lines = [names[true]]
        elif self._two_lines():
            lines = [names[true], f"\u2192 {names[pred]}"]
        else:
            lines = [f"{names[true]} \u2192 {names[pred]}"]
        centre = Qt.AlignmentFlag.AlignHCenter
        p.setPen(pal.text().color())
        for text in lines:
            p.drawText(line, centre, text)
            line = line.translated(0, line.height())
        if self._two_lines() and len(lines) == 1:
            line = line.translated(0, line.height())
        p.setPen(pal.placeholderText().color())
        p.drawText(line, centre, tr("{p:.0%} sure").format(p=float(self.result.confidence[j])))

    def mouseMoveEvent(self, event):
        i = self.item_at(event.position())
        if i >= 0 and self.result is not None:
            j = int(self.indices[i])
            names = self.result.class_names
            which = tr("validation image") if self.result.set_name == "validation" else tr("test image")
            self.setToolTip(tr("{which} #{j}: true {true}, predicted {pred} ({p:.1%}). Click to look inside.").format(
                which=which, j=j, true=names[int(self.result.labels[j])],
                pred=names[int(self.result.predictions[j])], p=float(self.result.confidence[j])))
        else:
            self.setToolTip("")

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            i = self.item_at(event.position())
            if i >= 0:
                self.image_clicked.emit(int(self.indices[i]))
