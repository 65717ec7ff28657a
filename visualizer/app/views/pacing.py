"""How often the views' own work runs while training streams in: at the display rate, and
in the background at low priority.

Training sends a snapshot about four times a second at full speed and after every
batch at a watching speed, and several of the state's signals follow each snapshot.
A view whose redraw costs milliseconds need not redraw more often than a person can
follow, and its background work (fits, landscapes) must not take a core from the
training process on a small machine.

    Throttle(parent, fn, interval_s)   .request(): run ``fn`` now if it has not run for
                                       ``interval_s``, else once when the interval is over
                                       (a burst of requests: at most two runs, the last
                                       with the newest state); .now(): run at once (a
                                       person's own input), dropping what was pending
    lower_thread_priority()            the calling thread yields the CPU to everything else
                                       (Linux: a per-thread nice of 19; elsewhere nothing)
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer

DISPLAY_INTERVAL_S = 0.08     # at most ~12 redraws a second: every batch at 10 batches/s or slower
LOW_PRIORITY = 19             # the nicest a thread can be


class Throttle(QObject):
    """Runs ``fn()`` at most once per ``interval_s``; the requests in between coalesce into one
    run at the end of the interval (``fn`` reads the newest state then)."""

    def __init__(self, parent: QObject, fn: Callable[[], None], interval_s: float = DISPLAY_INTERVAL_S):
        super().__init__(parent)
        self._fn = fn
        self._interval = float(interval_s)
        self._last = -1e9                   # time.monotonic() of the last run
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self.runs = 0                       # times fn ran (tests, benchmarks)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def request(self) -> None:
        """Run now if the last run is ``interval_s`` old, else once when it is (if not yet due)."""
        if self._timer.isActive():
            return                          # the pending run will see this request's state
        wait = self._interval - (time.monotonic() - self._last)
        if wait <= 0:
            self._run()
        else:
            self._timer.start(int(wait * 1000) + 1)

    def cancel(self) -> None:
        """Drop a pending run and forget the last one: the next request runs at once."""
        self._timer.stop()
        self._last = -1e9

    def now(self) -> None:
        """Run at once (what a person did answers without delay); a pending run is dropped."""
        self._run()

    def _run(self) -> None:
        self._timer.stop()
        self._last = time.monotonic()
        self.runs += 1
        self._fn()


def lower_thread_priority() -> bool:
    """Make the calling thread the last to get a CPU (True when done). For background work
    beside a training process: on a 2-core machine it then takes only idle time."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOW_PRIORITY)
    except (OSError, AttributeError):
        return False
    return True
