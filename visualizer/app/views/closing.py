"""Background work of a view ends with the window.

Views that compute off the GUI thread (the evaluation, Why, Backprop, Map,
Gradients, My digits and Edits views) must not leave a thread running when
the window closes: ``stop_on_close(window, stop)`` calls ``stop()`` (e.g.
``lambda: view.shutdown(1.0)``, which waits at most a second) when ``window``
receives its Close event, before Qt destroys the widgets.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject


class _OnClose(QObject):
    def __init__(self, window, stop: Callable[[], object]) -> None:
        super().__init__(window)
        self._stop = stop

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Close:
            self._stop()
        return False


def stop_on_close(window, stop: Callable[[], object]) -> QObject:
    """Call ``stop()`` when ``window`` closes; the filter (owned by ``window``)."""
    watcher = _OnClose(window, stop)
    window.installEventFilter(watcher)
    return watcher
