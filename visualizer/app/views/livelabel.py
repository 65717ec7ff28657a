"""A label for text that changes several times a second (while training) without re-laying out the window.

``QLabel.setText`` tells every layout up to the main window that its size may have
changed; the window then recomputes all of its docks and repaints what they cover.
Measured in the real window, that was ~3.5 ms of GUI-thread time per snapshot for
one label, and that time is taken from training (one GIL). A ``LiveLabel``
reserves its height (``lines`` lines, growing when a longer text needs more room
at the current width, never shrinking while the width stays) and a new text only
repaints the label itself.

    LiveLabel(text="", lines=1, alignment=AlignLeft | AlignTop, faint=False)
        .setText(str)   plain text, or rich text when it looks like HTML (like QLabel's AutoText)
        .text() -> str  what was set
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget


def _looks_rich(text: str) -> bool:
    return "<" in text and ">" in text


class LiveLabel(QWidget):
    """Word-wrapped plain or rich text whose changes repaint only this widget (see the module docstring)."""

    def __init__(self, text: str = "", lines: int = 1, alignment=None, faint: bool = False, parent=None):
        super().__init__(parent)
        self._text = ""
        self._lines = max(1, int(lines))
        self._need = 0                       # pixels the current text needed at the current width
        self._faint = faint
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)
        self._doc.setUndoRedoEnabled(False)
        option = QTextOption(alignment if alignment is not None else
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._doc.setDefaultTextOption(option)
        self._align = option.alignment()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    # ------------------------------------------------------------------ text
    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        text = str(text)
        if text == self._text:
            return
        self._text = text
        if _looks_rich(text):
            self._doc.setHtml(text)
        else:
            self._doc.setPlainText(text)
        self.update()

    # ------------------------------------------------------------------ size
    def _line_height(self) -> int:
        return self.fontMetrics().lineSpacing()

    def _height(self) -> int:
        return max(self._lines * self._line_height(), self._need) + 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(120, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(10, self._height())

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width() and self._need:
            self._need = 0                   # re-measured at the next paint at this width
            self.updateGeometry()

    # ----------------------------------------------------------------- paint
    def paintEvent(self, event):  # noqa: N802 - Qt API
        if not self._text:
            return
        doc = self._doc
        if doc.defaultFont() != self.font():
            doc.setDefaultFont(self.font())
        doc.setTextWidth(max(1, self.width()))
        need = math.ceil(doc.size().height())
        if need + 2 > self.height() and need > self._need:   # a longer text: grow (rarely)
            self._need = need
            self.updateGeometry()
        p = QPainter(self)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        pal = QPalette(self.palette())
        if self._faint or not self.isEnabled():
            pal.setColor(QPalette.ColorRole.Text, self.palette().placeholderText().color())
        else:
            pal.setColor(QPalette.ColorRole.Text, self.palette().windowText().color())
        ctx.palette = pal
        y = 1
        if self._align & Qt.AlignmentFlag.AlignVCenter:
            y = max(0, (self.height() - need) // 2)
        p.translate(0, y)
        ctx.clip = QRectF(0, 0, self.width(), self.height() - y)
        doc.documentLayout().draw(p, ctx)
        p.end()
