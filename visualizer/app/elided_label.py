"""A one-line label that gives up width gracefully: "35 kept · 14.6/1…" instead of pushing its neighbours away.

A ``QLabel``'s minimum width is its whole text, so in a row of widgets one long
(or translated) label can squeeze a slider to nothing or make the window wider
than the screen. ``ElidedLabel`` asks for its whole text (``sizeHint``) but
accepts less (``minimumSizeHint``: a few characters); when it gets less it
paints the text cut with "…" and its tooltip holds the whole text, followed by
the tooltip set with ``setToolTip``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """A single-line ``QLabel`` that elides its text at the right when narrower than the text."""

    MIN_CHARS = 6
    """Characters (of the average width) the label keeps at least: enough for "35 k…"."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self._tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        fm = self.fontMetrics()
        return QSize(min(fm.averageCharWidth() * self.MIN_CHARS, super().sizeHint().width()),
                     super().minimumSizeHint().height())

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self._update_tip()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - Qt API
        self._tip = tip
        self._update_tip()

    def is_elided(self) -> bool:
        """True when the label is too narrow for its whole text."""
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update_tip()

    def _update_tip(self) -> None:
        parts = [self.text()] if self.is_elided() else []
        if self._tip:
            parts.append(self._tip)
        super().setToolTip("\n".join(parts))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self.is_elided():
            super().paintEvent(event)
            return
        rect = self.contentsRect()
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
                         self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width()))
        painter.end()
