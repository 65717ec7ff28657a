"""``visualizer``: the argparse tree, dispatch and exit codes.

``main(argv=None) -> int`` never raises (except SystemExit from nowhere):

    0    success
    1    unexpected failure: traceback, then one summary line, on stderr
    2    bad usage or bad input (argparse errors, VisualizerError, unreadable
         or unwritable files, a network too big for memory): ONE line on
         stderr naming the culprit
    130  interrupted by Ctrl-C (SIGINT), 143 by SIGTERM: no traceback, temp files removed
    141  the reader of stdout went away (``| head -1``): ends quietly, like a
         Unix tool killed by SIGPIPE

Output that cannot be written (stdout closed or on a full disk) is bad input:
one line on stderr, exit 2. Stderr that cannot be written is ignored, so a
command still finishes its work (``train --out`` still saves); see streams.py
and signals.py.

With no arguments, the app opens (``visualizer.app.main.run_gui()``).
"""

from __future__ import annotations

import sys
import traceback
from typing import Sequence

from visualizer import __version__
from visualizer.core.errors import VisualizerError

from . import backprop, data, evaluate, gui, landscape, predict, train
from . import map as map_command
from .common import EXIT_BAD_INPUT, EXIT_BROKEN_PIPE, EXIT_FAILURE, Parser, UsageError, examples
from .signals import exit_code, raising_signals, signal_name
from .streams import OutputError, guarded_streams, silence_stdout

DESCRIPTION = """\
Watch a neural network learn handwritten digits, and look inside it.

Without a command, the desktop app opens. The commands below do the same work
without a window, on the same engine: train a model, evaluate it, classify
image files, and manage the datasets.

exit codes: 0 success, 1 unexpected failure (a bug), 2 bad usage or bad input
(one line on stderr says what), 130 interrupted by Ctrl-C, 143 by SIGTERM."""

COMMANDS = (train, evaluate, predict, backprop, landscape, map_command, data, gui)


def build_parser() -> Parser:
    parser = Parser(
        prog="visualizer",
        description=DESCRIPTION,
        epilog=examples(
            "visualizer                                  # open the app",
            "visualizer train --epochs 3 --out digits.npz",
            "visualizer evaluate --model digits.npz",
            "visualizer predict --model digits.npz my_seven.png",
            "visualizer data list",
            "visualizer COMMAND --help                   # options of one command",
        ),
    )
    parser.add_argument("--version", action="version", version=f"visualizer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def _report(prog: str, message: str) -> None:
    # One line, whatever the message holds.
    line = " ".join(str(message).split())
    print(f"{prog}: error: {line}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    with guarded_streams(), raising_signals():
        return _dispatch(argv)


def _dispatch(argv: list[str]) -> int:
    prog = "visualizer"
    try:
        parser = build_parser()            # inside: a Ctrl-C while it imports is handled below
        try:
            args, extra = parser.parse_known_args(argv)
        except SystemExit as exc:  # --help / --version
            sys.stdout.flush()
            return exc.code if isinstance(exc.code, int) else 0
        if args.command is not None:
            prog = " ".join(["visualizer", args.command, getattr(args, "data_command", None) or ""]).strip()
        if extra:
            raise UsageError(prog, f"unrecognized arguments: {' '.join(extra)} (see '{prog} --help')")
        if args.command is None:
            return gui.open_app()
        code = int(args.run(args))
        sys.stdout.flush()          # a write error surfaces here, not in the interpreter's exit
        return code
    except UsageError as exc:
        _report(exc.prog, str(exc))
        return EXIT_BAD_INPUT
    except VisualizerError as exc:
        if isinstance(exc, OutputError):
            silence_stdout()
        _report(prog, str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as exc:
        _flush_or_silence()                # results printed so far are kept
        print(f"\n{prog}: interrupted by {signal_name(exc)}", file=sys.stderr, flush=True)
        return exit_code(exc)
    except MemoryError as exc:
        # An accepted but enormous configuration (e.g. 16 hidden layers of 8192) on this machine:
        # bad input, not a bug.
        detail = f" ({exc})" if str(exc) else ""
        _report(prog, f"not enough memory{detail}; try fewer or narrower hidden layers (--hidden) "
                      f"or a smaller --batch-size")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (``visualizer predict *.png | head``): stop quietly.
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        if exc.filename is not None:       # a file the person named: bad input
            _report(prog, f"{exc.filename}: {exc.strerror or exc}")
            return EXIT_BAD_INPUT
        return _crash(prog)
    except Exception:
        return _crash(prog)


def _crash(prog: str) -> int:
    traceback.print_exc()
    etype, exc, _ = sys.exc_info()
    _report(prog, f"unexpected failure ({etype.__name__ if etype else 'error'}: {exc}); "
                  "this is a bug, please report it with the traceback above")
    return EXIT_FAILURE


def _flush_or_silence() -> None:
    try:
        sys.stdout.flush()
    except (OSError, VisualizerError):
        silence_stdout()
