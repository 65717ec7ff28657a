"""visualizer: watch a neural network learn handwritten digits, and look inside it.

When this package is imported by the ``visualizer`` command itself (the console
script, or ``python -m visualizer``), its very first act is to make Ctrl-C
(SIGINT) and SIGTERM end the process with exit code 130 or 143 and no
traceback, before anything heavy is imported: ``visualizer.__main__`` and the
command line then replace these handlers with their own (``cli/signals.py``).
A signal that lands before this line runs still meets CPython's own start-up
(interpreter initialisation, ``site`` and the script's first imports), where
SIGINT raises a KeyboardInterrupt with a traceback; ``benchmarks/startup_signals.py``
measures that window. An exit that Python drops because the handler ran where
an exception cannot pass (a weakref callback, a ``__del__``) is kept in
``dropped_signals``, and ``visualizer.__main__`` ends the command with it. Any
other program that imports the package keeps its own signal handling.
"""

import _signal       # the interpreter's built-in module: no file to find and read, unlike ``signal``
import sys as _sys


dropped_signals: list[int] = []
"""Signals whose exit Python dropped: raised where an exception cannot pass (a weakref callback, a
``__del__``), it is printed and ignored. ``visualizer.__main__`` ends the command with the first."""


def _exit_at_once(signum, frame):
    raise SystemExit(128 + signum)


def _keep_dropped(unraisable, _default=_sys.unraisablehook):
    code = getattr(unraisable.exc_value, "code", None)
    if isinstance(unraisable.exc_value, SystemExit) and code in (128 + _signal.SIGINT, 128 + _signal.SIGTERM):
        dropped_signals.append(code - 128)
    else:
        _default(unraisable)


def _is_the_command() -> bool:
    """Is this process the ``visualizer`` command (not a program that imports the package)?"""
    argv = getattr(_sys, "argv", None) or [""]
    # The console script is named visualizer (visualizer.exe, visualizer-script.py on Windows);
    # ``python -m visualizer`` imports the package while sys.argv[0] is still "-m".
    name = argv[0].replace("\\", "/").rsplit("/", 1)[-1]
    return name == "-m" or name.split(".")[0].split("-script")[0] == "visualizer"


if _is_the_command() and _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    try:
        _signal.signal(_signal.SIGINT, _exit_at_once)
        _signal.signal(_signal.SIGTERM, _exit_at_once)
        _sys.unraisablehook = _keep_dropped
    except (ValueError, OSError):      # not the main thread, or no such signal here
        pass

__version__ = "0.1.0"
