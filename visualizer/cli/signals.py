"""Ctrl-C (SIGINT) and SIGTERM during a command: an exception, then exit 128 + the signal.

    with raising_signals():      # around one command
        ...                      # SIGINT or SIGTERM raise Interrupted(signum) here

    with installed({signal.SIGINT: handler}):    # any handlers, the previous ones restored after
        ...

``Interrupted`` is a ``KeyboardInterrupt``, so every ``finally`` and every
``except BaseException`` cleanup on the way out runs: atomic writes remove
their temp file, a download its partial file. The command line then exits
with ``exit_code(exc)``: 130 for SIGINT, 143 for SIGTERM, with no traceback.
(By default SIGTERM would end the process on the spot and leave temp files.)

The desktop app keeps Python's own behaviour (``default_signals``): its event
loop is no place for an exception raised by a signal, and SIGTERM ends it.

``visualizer train`` replaces these handlers while it trains: the first
signal asks it to stop and save, a second raises ``Interrupted`` with the
first signal's number (see ``train._stop_signals``).
"""

from __future__ import annotations

import contextlib
import signal
from typing import Any, Iterator, Mapping

HANDLED = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A signal asked the command to end; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = int(signum)


def exit_code(exc: BaseException) -> int:
    """128 + the signal's number (130 for Ctrl-C, also for a plain KeyboardInterrupt)."""
    return 128 + int(getattr(exc, "signum", signal.SIGINT))


def signal_name(exc: BaseException) -> str:
    signum = int(getattr(exc, "signum", signal.SIGINT))
    return "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name


def _raise(signum, frame) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def installed(handlers: Mapping[int, Any]) -> Iterator[None]:
    """``signal.signal(sig, handler)`` for each pair inside; the previous handlers come back after.

    Outside the main thread (a test harness) nothing changes.
    """
    previous = {}
    try:
        for sig, handler in handlers.items():
            previous[sig] = signal.signal(sig, handler)
    except ValueError:          # not the main thread
        pass
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def raising_signals() -> contextlib.AbstractContextManager[None]:
    """SIGINT and SIGTERM raise ``Interrupted`` inside; the previous handlers come back after."""
    return installed({sig: _raise for sig in HANDLED})


def default_signals() -> contextlib.AbstractContextManager[None]:
    """Python's defaults inside (SIGINT raises KeyboardInterrupt, SIGTERM ends the process)."""
    return installed({signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL})
