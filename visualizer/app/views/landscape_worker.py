"""One worker thread that computes landscapes (``app.landscape_model.compute``) off the GUI thread.

``LandscapeWorker.start(job, low_priority)`` cancels what runs and starts the job on a
new Python thread (``core.landscape_grid`` runs its BLAS products on one thread: one core
at most); with ``low_priority`` (while training) that thread yields the CPU to everything
else (``pacing.lower_thread_priority``: the training process keeps its core).
Results arrive through signals on the GUI thread:

    progressed(object)   LandscapeResult: each refinement, coarse first
    failed(object)       str: why the job could not be computed (not for a cancel)
    finished(object)     LandscapeJob: the job ended (done, failed or cancelled)
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from ..landscape_model import LandscapeJob, compute
from .pacing import lower_thread_priority


class LandscapeWorker(QObject):
    """See the module docstring."""

    #: LandscapeResult: a grid (coarse first, then finer) and the profiles computed so far
    progressed = Signal(object)
    #: str: one sentence, why the job could not be computed
    failed = Signal(object)
    #: LandscapeJob: the job ended (completed, failed or cancelled)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.job: LandscapeJob | None = None
        self.started = 0            # jobs started (tests)
        self.cancelled = 0          # jobs cancelled before they completed (tests)
        self.low_priority = False   # whether the latest job runs at low priority

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, job: LandscapeJob, low_priority: bool = False) -> None:
        """Cancel the running job, if any, and compute ``job`` (at low priority: beside training)."""
        self.cancel()
        self._cancel = cancel = threading.Event()
        self.job = job
        self.started += 1
        self.low_priority = bool(low_priority)
        self._thread = threading.Thread(target=self._run, args=(job, cancel, self.low_priority),
                                        name="landscape", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        if self.running and not self._cancel.is_set():
            self._cancel.set()
            self.cancelled += 1

    def wait(self, timeout_s: float) -> bool:
        """Block until the thread ended (True) or ``timeout_s`` passed."""
        if self._thread is not None:
            self._thread.join(timeout_s)
        return not self.running

    def _run(self, job: LandscapeJob, cancel: threading.Event, low_priority: bool) -> None:
        if low_priority:
            lower_thread_priority()
        try:
            for result in compute(job, cancel.is_set):
                if cancel.is_set() or not _emit(self.progressed, result):
                    break
        except RuntimeError as exc:
            if str(exc) != "cancelled":
                _emit(self.failed, f"the landscape could not be computed: {exc}")
        except (ValueError, MemoryError) as exc:
            _emit(self.failed, str(exc))
        finally:
            _emit(self.finished, job)


def _emit(signal, value) -> bool:
    """Emit from the worker thread; False when the receiving object is gone (the window closed)."""
    try:
        signal.emit(value)
    except RuntimeError:            # "Internal C++ object already deleted"
        return False
    return True
