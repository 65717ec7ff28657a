"""Run one blocking function off the GUI thread and hear about it through signals.

``BackgroundTask(fn)`` runs ``fn(progress, cancelled)`` in its own ``QThread``:

    progress(done: int, total: int | None)   call from fn; throttled to <= ~20 signals/s
    cancelled() -> bool                       True once ``cancel()`` was called

Signals (delivered on the thread that created the task, normally the GUI thread):

    progressed(object)   (done, total)
    succeeded(object)    fn's return value
    errored(object)      the exception fn raised (DownloadCancelled when cancelled)
    done()               always, last

Used for dataset loading and downloads, and for evaluation of a loaded model.
``TaskGroup`` starts tasks, forgets each when it is done, and cancels or waits
for all of them at once (when the window closes).
"""

from __future__ import annotations

import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal


class _TaskWorker(QObject):
    """Runs the function in the task's thread; its signals reach ``BackgroundTask``'s."""

    progressed = Signal(object)   #: tuple[int, int | None]: (done, total)
    succeeded = Signal(object)    #: object: the function's return value
    errored = Signal(object)      #: BaseException: what the function raised
    done = Signal()               #: always, last

    def __init__(self, fn: Callable[..., Any], cancel_event: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = cancel_event
        self._last_progress = 0.0

    def _progress(self, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if now - self._last_progress >= 0.05 or (total is not None and done >= total):
            self._last_progress = now
            self.progressed.emit((int(done), None if total is None else int(total)))

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread, never swallowed
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.errored.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            self.done.emit()
            self.moveToThread(QCoreApplication.instance().thread())   # delete it in the GUI thread
            QThread.currentThread().quit()


class BackgroundTask(QObject):
    """One function running in its own thread; see the module docstring."""

    #: tuple[int, int | None]: (done, total) as the function reports it, <= ~20 per second
    progressed = Signal(object)
    #: object: the function's return value
    succeeded = Signal(object)
    #: BaseException: what the function raised (DownloadCancelled when cancelled)
    errored = Signal(object)
    #: (no payload) always, last, once the thread has ended
    done = Signal()

    def __init__(self, fn: Callable[..., Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread()
        self._worker = _TaskWorker(fn, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.succeeded.connect(self.succeeded)
        self._worker.errored.connect(self.errored)
        self._worker.done.connect(self._on_done)
        self._finished = False

    def start(self) -> "BackgroundTask":
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def running(self) -> bool:
        return not self._finished

    def wait(self, timeout_s: float) -> bool:
        """Block until the thread ended (True) or ``timeout_s`` passed (False)."""
        if self._thread.isRunning():
            return bool(self._thread.wait(max(0, int(timeout_s * 1000))))
        return True

    def _on_done(self) -> None:
        self._thread.wait()
        self._finished = True
        self.done.emit()


class TaskGroup:
    """The running ``BackgroundTask``s of one owner: started, cancelled and waited for together."""

    def __init__(self) -> None:
        self._tasks: set[BackgroundTask] = set()

    def start(self, fn: Callable[..., Any], on_ok: Callable[[Any], None], on_error: Callable[[Any], None],
              progress: Callable[[Any], None] | None = None) -> BackgroundTask:
        """Run ``fn(progress, cancelled)``; ``on_ok(result)`` or ``on_error(exception)`` follows."""
        # no Qt parent: the task deletes itself later (deleteLater, below), and its connections
        # keep the owner alive until then; as the owner's child it would be deleted a second
        # time when the collector frees the owner from inside that deletion (a crash)
        task = BackgroundTask(fn)
        task.succeeded.connect(on_ok)
        task.errored.connect(on_error)
        if progress is not None:
            task.progressed.connect(progress)
        self._tasks.add(task)

        def forget() -> None:
            self._tasks.discard(task)
            task.deleteLater()

        task.done.connect(forget)
        return task.start()

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def wait_all(self, deadline: float) -> bool:
        """Wait for every task until ``deadline`` (``time.monotonic()``); True when all ended."""
        ok = True
        for task in list(self._tasks):
            ok = task.wait(max(0.05, deadline - time.monotonic())) and ok
        return ok
