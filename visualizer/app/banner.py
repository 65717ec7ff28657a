"""A non-modal banner above the curves: what happened, what to try, optional action buttons.

Never blocks (tests read ``banner.text()``); dismissed with its close button or
replaced by the next message.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QToolButton, QWidget

from .i18n import tr

_COLOURS = {
    # kind: (light bg, light border, dark bg, dark border)
    "error": ("#fce8e6", "#d93025", "#3c2323", "#f28b82"),
    "warning": ("#fef7e0", "#f9ab00", "#3a3222", "#fdd663"),
    "info": ("#e8f0fe", "#1a73e8", "#1f2a3c", "#8ab4f8"),
}
_ICONS = {"error": QStyle.SP_MessageBoxCritical, "warning": QStyle.SP_MessageBoxWarning,
          "info": QStyle.SP_MessageBoxInformation}


class Banner(QFrame):
    """See the module docstring."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._kind = "info"
        self._theme = "light"
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        lay.setSpacing(8)
        self._icon = QLabel()
        self._icon.setAlignment(Qt.AlignTop)
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(6)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(tr("Dismiss this message"))
        close.clicked.connect(self.dismiss)
        lay.addWidget(self._icon)
        lay.addWidget(self._label, 1)
        lay.addLayout(self._buttons)
        lay.addWidget(close, 0, Qt.AlignTop)
        self.hide()

    def text(self) -> str:
        return self._label.text() if self.isVisibleTo(self.parentWidget()) or not self.isHidden() else ""

    @property
    def kind(self) -> str:
        return self._kind

    def show_message(self, kind: str, text: str,
                     actions: tuple[tuple[str, Callable[[], None]], ...] = ()) -> None:
        self._kind = kind if kind in _COLOURS else "info"
        self._icon.setPixmap(self.style().standardIcon(_ICONS[self._kind]).pixmap(22, 22))
        self._label.setText(text)
        while self._buttons.count():
            item = self._buttons.takeAt(0)
            if item.widget():
                item.widget().hide()          # gone now, deleted when the event loop gets to it
                item.widget().deleteLater()
        for label, fn in actions:
            b = QPushButton(label)
            b.clicked.connect(fn)
            b.clicked.connect(self.dismiss)
            self._buttons.addWidget(b)
        self._restyle()
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def set_theme(self, theme: str) -> None:
        self._theme = theme
        self._restyle()

    def _restyle(self) -> None:
        lb, lborder, db, dborder = _COLOURS[self._kind]
        bg, border = (db, dborder) if self._theme == "dark" else (lb, lborder)
        self.setStyleSheet(f"QFrame#banner {{ background: {bg}; border: 1px solid {border}; "
                           f"border-left: 4px solid {border}; border-radius: 6px; }}"
                           f"QFrame#banner QLabel {{ background: transparent; border: none; }}")
