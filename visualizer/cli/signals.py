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

A signal's handler runs wherever Python happens to be, and now and then that
is a place that cannot pass an exception on: a weakref callback (the import
system's module locks have one), a ``__del__``. Python prints such an
exception as "Exception ignored in ..." and carries on, and the Ctrl-C would
be lost (the command went on and exited 0). Inside ``raising_signals`` the
``sys.unraisablehook`` therefore sends the same signal to the main thread
again, from a timer thread a moment later (a signal raised inside the hook
would be handled inside it, and dropped again; one aimed at the main thread
also cuts short a sleep or a blocking read there): its handler then runs at an
ordinary line, and the ``Interrupted`` raised there ends the command as usual,
with nothing printed for the lost one.
"""

from __future__ import annotations

import _thread
import contextlib
import signal
import sys
import threading
from typing import Any, Iterator, Mapping

HANDLED = (signal.SIGINT, signal.SIGTERM)
REDELIVER_S = 0.01
"""Seconds after a dropped ``Interrupted`` that its signal is sent to the main thread again."""


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


def _signal_main_thread(signum: int) -> None:
    """Send ``signum`` to the main thread (where a blocking call it is in returns at once), or,
    without ``pthread_kill`` (Windows), have its handler run there at the next line."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident, signum)
    else:
        _thread.interrupt_main(signum)


@contextlib.contextmanager
def raising_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise ``Interrupted`` inside, also when Python drops the first one (see the
    module doc); the previous handlers and ``sys.unraisablehook`` come back after."""
    previous_hook = sys.unraisablehook

    def redeliver(unraisable) -> None:
        exc = unraisable.exc_value
        if isinstance(exc, Interrupted):           # again in a moment, once this hook has returned
            again = threading.Timer(REDELIVER_S, _signal_main_thread, (exc.signum,))
            again.daemon = True
            again.start()
        else:
            previous_hook(unraisable)

    sys.unraisablehook = redeliver
    try:
        with installed({sig: _raise for sig in HANDLED}):
            yield
    finally:
        sys.unraisablehook = previous_hook


def default_signals() -> contextlib.AbstractContextManager[None]:
    """Python's defaults inside (SIGINT raises KeyboardInterrupt, SIGTERM ends the process)."""
    return installed({signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL})
