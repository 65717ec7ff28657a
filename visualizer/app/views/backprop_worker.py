"""The optimizer-step preview of the backprop view, computed off the GUI thread, latest request wins.

``UpdateWorker(on_done).request(snapshot, frame, checkpoint, train)`` runs
``backprop_frame.update_of`` in a ``BackgroundTask``; ``on_done((frame, preview,
lines))`` follows on the GUI thread. One task at a time: requests made while one
runs replace each other, and only the latest runs next (snapshots arrive faster
than nobody needs to see them).
"""

from __future__ import annotations

import logging

from ..tasks import TaskGroup
from .backprop_frame import update_of

log = logging.getLogger(__name__)


class UpdateWorker:
    """See the module docstring."""

    def __init__(self, on_done) -> None:
        self._on_done = on_done
        self._tasks = TaskGroup()
        self._busy = False
        self._pending: tuple | None = None
        self.started = 0                 # tasks started (tests, benchmarks)

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, snapshot, frame, checkpoint, train) -> None:
        self._pending = (snapshot, frame, checkpoint, train)
        if not self._busy:
            self._start()

    def _start(self) -> None:
        (snapshot, frame, checkpoint, train), self._pending = self._pending, None
        self._busy = True
        self.started += 1

        def work(progress, cancelled):
            preview, lines = update_of(snapshot, frame.result.grad, checkpoint, train)
            return frame, preview, lines

        self._tasks.start(work, self._ok, self._error)

    def _ok(self, payload) -> None:
        self._busy = False
        self._on_done(payload)
        self._next()

    def _error(self, exc) -> None:
        self._busy = False
        log.warning("the update preview failed: %s", exc)
        self._next()

    def _next(self) -> None:
        if self._pending is not None:
            self._start()

    def shutdown(self, timeout_s: float = 1.0) -> bool:
        import time

        self._pending = None
        self._tasks.cancel_all()
        return self._tasks.wait_all(time.monotonic() + timeout_s)
