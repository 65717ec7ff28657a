"""``visualizer gui`` (and ``visualizer`` alone): open the desktop app.

The app, and with it Qt, is imported only here and only when the command
runs, so every headless command starts fast and works without a display.
"""

from __future__ import annotations

import argparse

from visualizer.core.errors import ConfigError

from .common import examples, whole

NAME = "gui"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="open the desktop app (the same as no command)",
        description="Open the desktop app, optionally preset from the command line.",
        epilog=examples(
            "visualizer gui",
            "visualizer gui --dataset fashion --epochs 10",
            "visualizer gui --model digits.npz --view activations",
            "visualizer gui --screenshot window.png      # render once, save, quit",
        ),
    )
    p.add_argument("--screenshot", metavar="PATH",
                   help="render the window once, save it as an image to PATH and quit")
    p.add_argument("--dataset", metavar="D",
                   help="dataset to start with: sample, mnist, fashion or a folder")
    p.add_argument("--epochs", metavar="N", type=whole, help="epochs to train when Train is pressed")
    p.add_argument("--model", metavar="M", help="model file (.npz) to open")
    p.add_argument("--view", metavar="NAME", help="view to bring to the front, e.g. weights")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.epochs is not None and args.epochs < 1:
        raise ConfigError(f"--epochs: epochs must be at least 1, got {args.epochs}")
    return open_app(screenshot=args.screenshot, dataset=args.dataset, epochs=args.epochs,
                    model=args.model, view=args.view)


def open_app(**options) -> int:
    """Hand over to ``visualizer.app.main.run_gui``; its return value is the exit code."""
    from visualizer.app.main import run_gui  # lazy: imports Qt
    return int(run_gui(**options) or 0)
