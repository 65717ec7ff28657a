"""How fast a run trains: a wait between two batches that any request cuts short.

The app lets a person watch learning at human speed: ``Pace`` holds the speed
(batches per second, or None for as fast as it goes) and ``core.serve.pump``
calls ``hold`` after every batch. The wait ends when the batch's time slot is
over, or at once when the run is paused or stopped (``interrupt`` is called by
the command reader after every request), and it is measured again when the
speed changes. Only the training loop waits: the command pipe is read by a
thread of its own, so Pause, Step and Stop are never queued behind a wait.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Callable

SPEEDS = (None, 30.0, 15.0, 10.0, 3.0, 1.0, 0.5, 0.2)   # batches per second (None: full speed)
DEFAULT_SPEED = 15.0       # the embedded digits' 5 default epochs (~285 batches) in about 20 s
EVERY_BATCH_SPEED = 10.0   # at this speed or slower every batch is shown (a snapshot per batch)


def check_speed(bps: float | None) -> float | None:
    """``bps`` as a float, or None for full speed; ValueError for 0, a negative number or NaN."""
    if bps is None:
        return None
    value = float(bps)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"the speed must be a positive number of batches per second, not {bps!r}")
    return value


def speed_label(bps: float | None) -> str:
    """"Full speed", "15 batches/s", "1 batch/s", "0.2 batches/s" (one batch every 5 s)."""
    if bps is None:
        return "Full speed"
    text = f"{bps:g}"
    return f"{text} batch/s" if bps == 1 else f"{text} batches/s"


class Pace:
    """The speed of one run, set from any thread (see the module doc)."""

    def __init__(self, bps: float | None = None) -> None:
        self._cond = threading.Condition()
        self._bps = check_speed(bps)

    @property
    def bps(self) -> float | None:
        with self._cond:
            return self._bps

    def set(self, bps: float | None) -> None:
        """A new speed: a wait in progress is measured again with it."""
        value = check_speed(bps)
        with self._cond:
            self._bps = value
            self._cond.notify_all()

    def interrupt(self) -> None:
        """Wake a wait in progress, so it can see a request (pause, stop) made just before."""
        with self._cond:
            self._cond.notify_all()

    def hold(self, since: float, cut_short: Callable[[], bool]) -> None:
        """Wait until ``1 / bps`` seconds after ``since`` (``time.monotonic()``), or until
        ``cut_short()`` is true (checked whenever ``set`` or ``interrupt`` wakes the wait)."""
        with self._cond:
            while self._bps is not None and not cut_short():
                remaining = since + 1.0 / self._bps - time.monotonic()
                if remaining <= 0:
                    return
                self._cond.wait(remaining)
