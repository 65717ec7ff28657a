"""What the pad shows beside the canvas: the 28x28 network input and the class probabilities."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import tr
from .qtimage import gray_image, unit_float_to_gray


class InputPreview(QWidget):
    """The 28x28 image the network actually receives, drawn pixel-exact."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._image: QImage | None = None
        self.setMinimumSize(84, 84)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setToolTip(tr("What the network receives: your drawing cropped, scaled into a 20-pixel box "
                           "and centred by its centre of mass on 28\u00d728 pixels, like MNIST."))

    def sizeHint(self) -> QSize:
        return QSize(112, 112)

    def heightForWidth(self, w: int) -> int:
        return w

    def set_input(self, x28: np.ndarray | None) -> None:
        self._image = None if x28 is None else gray_image(unit_float_to_gray(np.asarray(x28).reshape(28, 28)))
        self.update()

    def paintEvent(self, event):
        p = QPainter(self)
        side = min(self.width(), self.height())
        side -= side % 28 if side >= 56 else 0
        r = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        p.fillRect(r, QColor(0, 0, 0))
        if self._image is not None:
            p.drawImage(r, self._image)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(r)
        p.end()


class ProbabilityBars(QWidget):
    """One bar per class, the top guess highlighted (unless ``muted``: the network is unsure).

    Short class names (digits): ten vertical bars with the name below each. Names too
    long for a column (Fashion-MNIST's "T-shirt/top", "Ankle boot"): one horizontal bar
    per row with the whole name before it, never cut off.
    """

    painted = Signal()
    BEST = QColor(46, 134, 222)
    OTHER = QColor(140, 150, 165)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.probs: np.ndarray | None = None
        self.muted = False
        self.names = [str(k) for k in range(10)]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(tr("The network's probability for each class"))
        self.paint_count = 0

    def set_names(self, names) -> None:
        """The class names, in class order."""
        self.names = [str(n) for n in names]
        self.updateGeometry()
        self.update()

    def shown_names(self) -> list[str]:
        """One label per bar: the class names, or the indices when the network has another
        number of outputs than the dataset has names (it belongs to other data)."""
        n = len(self.probs) if self.probs is not None else len(self.names)
        return self.names if len(self.names) == n else [str(k) for k in range(n)]

    def rows(self) -> bool:
        """True when the names are drawn as rows (too long to sit under a column)."""
        return any(len(name) > 3 for name in self.shown_names())

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        if self.rows():
            label_w = max(QFontMetrics(self._bold()).horizontalAdvance(n) for n in self.names)
            return QSize(label_w + 60 + fm.horizontalAdvance("100"), len(self.names) * (fm.height() + 1))
        return QSize(150, 90)

    def sizeHint(self) -> QSize:
        hint = self.minimumSizeHint()
        return QSize(max(240, hint.width()), max(130, hint.height()))

    def set_probabilities(self, probs: np.ndarray | None, muted: bool = False) -> None:
        """The probabilities (K,) to draw, or None; ``muted``: the top guess not highlighted."""
        probs = None if probs is None else np.asarray(probs, dtype=np.float64)
        same = muted == self.muted and ((probs is None and self.probs is None) or (
            probs is not None and self.probs is not None and np.array_equal(probs, self.probs)))
        self.probs, self.muted = probs, muted
        if not same:                                   # unchanged bars: no repaint
            self.update()

    def paintEvent(self, event):
        p = QPainter(self)
        best = int(np.argmax(self.probs)) if self.probs is not None else -1
        if self.rows():
            self._paint_rows(p, best)
        else:
            self._paint_columns(p, best)
        p.end()
        self.paint_count += 1
        self.painted.emit()

    def _bold(self) -> QFont:
        """The widget's font in bold (made once per font)."""
        font = self.font()
        if getattr(self, "_bold_of", None) != font:
            self._bold_of, self._bold_font = QFont(font), QFont(font)
            self._bold_font.setBold(True)
        return self._bold_font

    def _paint_bars(self, p: QPainter, backs: list[QRectF], bars: list[QRectF], best: int) -> None:
        """The empty tracks, then the bars: one batched call per colour (axis-aligned, no antialiasing)."""
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.palette().alternateBase().color())
        p.drawRects(backs)
        if bars:
            p.setBrush(self.OTHER)
            p.drawRects(bars[:best] + bars[best + 1:])
            p.fillRect(bars[best], self.OTHER if self.muted else self.BEST)

    def _paint_columns(self, p: QPainter, best: int) -> None:
        pal = self.palette()
        fm = p.fontMetrics()
        names = self.shown_names()
        n = len(names)
        top = fm.height() + 2
        bottom = self.height() - fm.height() - 4
        h = max(10, bottom - top)
        slot = self.width() / n
        x = [k * slot + slot * 0.18 for k in range(n)]
        w = slot * 0.64
        v = [] if self.probs is None else [float(self.probs[k]) for k in range(n)]
        self._paint_bars(p, [QRectF(x[k], top, w, h) for k in range(n)],
                         [QRectF(x[k], top + h - h * v[k], w, h * v[k]) for k in range(len(v))], best)
        centre_bottom = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
        for k in range(len(v)):
            if v[k] >= 0.005 or k == best:
                p.setPen(pal.text().color() if k == best else pal.placeholderText().color())
                p.drawText(QRectF(k * slot, top + h - h * v[k] - fm.height() - 1, slot, fm.height()),
                           centre_bottom, f"{v[k] * 100:.0f}")
        p.setPen(pal.text().color())
        for k in [k for k in range(n) if k != best] + ([best] if best >= 0 else []):
            if k == best:                                   # last: one font change
                p.setFont(self._bold())
            p.drawText(QRectF(k * slot, bottom + 2, slot, fm.height() + 2), Qt.AlignmentFlag.AlignHCenter,
                       names[k])

    def _paint_rows(self, p: QPainter, best: int) -> None:
        pal = self.palette()
        fm = p.fontMetrics()
        names = self.shown_names()
        n = len(names)
        row = self.height() / n
        label_w = max(QFontMetrics(self._bold()).horizontalAdvance(name) for name in names) + 6
        pct_w = fm.horizontalAdvance("100") + 6
        bar_x, bar_w = label_w, max(10.0, self.width() - label_w - pct_w)
        v = [] if self.probs is None else [float(self.probs[k]) for k in range(n)]
        self._paint_bars(p, [QRectF(bar_x, k * row + row * 0.2, bar_w, row * 0.6) for k in range(n)],
                         [QRectF(bar_x, k * row + row * 0.2, bar_w * v[k], row * 0.6) for k in range(len(v))],
                         best)
        left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for k in [k for k in range(n) if k != best] + ([best] if best >= 0 else []):
            if k == best:                                   # last: one font change
                p.setFont(self._bold())
            p.setPen(pal.text().color())
            p.drawText(QRectF(0, k * row, label_w, row), left, names[k])
            if k < len(v) and (v[k] >= 0.005 or k == best):
                p.setPen(pal.text().color() if k == best else pal.placeholderText().color())
                p.drawText(QRectF(bar_x + bar_w + 4, k * row, pct_w, row), left, f"{v[k] * 100:.0f}")
