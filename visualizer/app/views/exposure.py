"""Do a view's work only while a person can see it; catch up when it is shown again.

Training emits a snapshot about four times a second. A view that is not on screen
(its dock closed, its tab behind another tab, the window minimized) must not spend
the GUI thread's time (and with it the training thread's: one GIL) redrawing.

Qt's ``isVisible()`` is not enough: a dock widget whose tab is behind another tab
stays "visible" (Qt moves it off-screen), so ``is_exposed`` also asks for a
non-empty visible region.

    is_exposed(widget) -> bool
    LazyRefresh(widget, refresh)   .request(): refresh now if exposed, else mark dirty;
                                   the dirty work runs when the widget is shown, exposed
                                   (first paint) or its dock's ``visibilityChanged(True)``
                                   arrives (connect it to ``.exposed``).
    set_text(label, text)          ``label.setText`` only when the text differs (each
                                   change invalidates layouts up to the main window)
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


def is_exposed(widget: QWidget) -> bool:
    """True when some of ``widget`` is on screen: shown, not in a hidden dock tab, window not minimized."""
    if not widget.isVisible():
        return False
    if widget.window().isMinimized():
        return False
    return not widget.visibleRegion().isEmpty()


class LazyRefresh(QObject):
    """Runs ``refresh()`` for ``widget`` now when it is exposed, else as soon as it is exposed again."""

    _WAKE = (QEvent.Type.Show, QEvent.Type.Paint)

    def __init__(self, widget: QWidget, refresh: Callable[[], None]):
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        self.dirty = False
        self.skipped = 0            # requests that found the widget hidden (tests, benchmarks)
        widget.installEventFilter(self)

    def request(self) -> bool:
        """Refresh now if the widget is exposed (True), else remember to (False)."""
        if is_exposed(self._widget):
            self.dirty = False
            self._refresh()
            return True
        self.dirty = True
        self.skipped += 1
        return False

    def exposed(self, visible: bool = True) -> None:
        """A hint that the widget may have become visible (e.g. ``QDockWidget.visibilityChanged``)."""
        if visible and self.dirty and is_exposed(self._widget):
            self.dirty = False
            self._refresh()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        # A paint of a dirty widget means it was just exposed (tab switched, window restored):
        # bring the content up to date before its children paint in this same pass.
        if self.dirty and obj is self._widget and event.type() in self._WAKE:
            self.exposed(True)
        return False


def set_text(label, text: str) -> None:
    """``label.setText(text)`` only when the text differs: each change asks the layouts up to the
    main window to recompute, which is worth skipping four times a second."""
    if label.text() != text:
        label.setText(text)
