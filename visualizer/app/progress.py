"""A light progress bar for the status bar.

``QProgressBar.setValue`` repaints at once (synchronously flushing the whole
window's pending paints); during training that costs the GUI thread a full
frame several times a second. ``ProgressMeter`` only schedules an update, like
every other widget, and draws a rounded bar with centred text.

API (a subset of QProgressBar): setRange, setValue, value, maximum, setFormat
("%v" value, "%m" maximum, "%p" percent), text.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class ProgressMeter(QWidget):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min, self._max, self._value = 0, 1, 0
        self._format = "%p%"
        self._chunk = QColor("#bcd4fb")
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.setMinimumHeight(18)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(150, 18)

    def setRange(self, low: int, high: int) -> None:  # noqa: N802 - Qt API
        if (low, high) != (self._min, self._max):
            self._min, self._max = int(low), int(max(low, high))
            self.update()

    def setValue(self, value: int) -> None:  # noqa: N802 - Qt API
        value = int(min(max(value, self._min), self._max))
        if value != self._value:
            self._value = value
            self.update()

    def value(self) -> int:
        return self._value

    def maximum(self) -> int:
        return self._max

    def minimum(self) -> int:
        return self._min

    def setFormat(self, fmt: str) -> None:  # noqa: N802 - Qt API
        self._format = fmt
        self.update()

    def set_chunk_color(self, colour: str) -> None:
        self._chunk = QColor(colour)
        self.update()

    def text(self) -> str:
        span = self._max - self._min
        pct = round(100 * (self._value - self._min) / span) if span else 0
        return self._format.replace("%v", str(self._value)).replace("%m", str(self._max)).replace("%p", str(pct))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(pal.color(QPalette.Mid))
        p.setBrush(pal.color(QPalette.Base))
        p.drawRoundedRect(r, 4, 4)
        span = self._max - self._min
        frac = (self._value - self._min) / span if span > 0 else 0.0
        if frac > 0:
            fill = QRectF(r.x() + 1, r.y() + 1, (r.width() - 2) * frac, r.height() - 2)
            p.setPen(Qt.NoPen)
            p.setBrush(self._chunk)
            p.drawRoundedRect(fill, 3, 3)
        p.setPen(pal.color(QPalette.WindowText))
        p.drawText(self.rect(), Qt.AlignCenter, self.text())
        p.end()
