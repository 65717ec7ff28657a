"""``python -m visualizer`` and the ``visualizer`` console script.

With no arguments it opens the app; subcommands (``train``, ``evaluate``,
``predict``, ``data``, ``gui``) are described by ``visualizer --help``.

The package's ``__init__`` already made Ctrl-C and SIGTERM end the command
with exit code 130 or 143 (no traceback) before this module was imported;
``main`` makes them raise ``Interrupted`` (``visualizer.cli.signals``) before it
imports the command line, so a signal during start-up also ends with 130 or 143
and no traceback. (A signal during the interpreter's own start-up, before the
package's first line runs, keeps Python's default behaviour: see
``visualizer/__init__.py`` and ``benchmarks/startup_signals.py``.)
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    try:
        from visualizer.cli.signals import Interrupted, exit_code, raising_signals
    except KeyboardInterrupt:         # Ctrl-C before the handlers exist: still no traceback
        return 130

    try:
        with raising_signals():
            from visualizer import dropped_signals
            if dropped_signals:               # a signal the package's first handler could not act on
                raise Interrupted(dropped_signals[0])
            from visualizer.cli.main import main as run
            return run(argv)
    except KeyboardInterrupt as exc:  # while importing the command line, or after it returned
        return exit_code(exc)


if __name__ == "__main__":
    sys.exit(main())
