"""``visualizer gui`` (and ``visualizer`` alone): open the desktop app.

The app, and with it Qt, is imported only here and only when the command
runs, so every headless command starts fast and works without a display.
"""

from __future__ import annotations

import argparse
import os
import sys

from visualizer.core.errors import ConfigError, VisualizerError

from .common import check_writable_target, dataset_arg, examples, path_arg, pick_dataset, whole

NAME = "gui"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="open the desktop app (the same as no command)",
        description="Open the desktop app, optionally preset from the command line.",
        epilog=examples(
            "visualizer gui",
            "visualizer gui fashion --epochs 10",
            "visualizer gui --model digits.npz --view activations",
            "visualizer gui --screenshot window.png      # render once, save, quit",
        ),
    )
    p.add_argument("--screenshot", metavar="PATH", type=path_arg,
                   help="render the window once, save it as an image to PATH and quit")
    p.add_argument("dataset", nargs="?", metavar="DATASET", type=dataset_arg,
                   help="dataset to start with: sample, mnist, fashion or a folder")
    p.add_argument("--dataset", dest="dataset_option", metavar="DATASET", type=dataset_arg,
                   help="the same as the DATASET argument")
    p.add_argument("--epochs", metavar="N", type=whole, help="epochs to train when Train is pressed")
    p.add_argument("--model", metavar="M", type=path_arg, help="model file (.npz) to open")
    p.add_argument("--view", metavar="NAME", help="view to bring to the front, e.g. weights")
    p.add_argument("--speed", metavar="BPS", help="training speed in batches per second, or 'full' "
                   "(default: the remembered speed; full with --screenshot)")
    p.add_argument("--language", choices=("system", "en", "de"),
                   help="the window's language for this run (default: the one chosen in View > Language)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.epochs is not None and args.epochs < 1:
        raise ConfigError(f"--epochs: epochs must be at least 1, got {args.epochs}")
    dataset = pick_dataset(args, "visualizer gui")
    if args.screenshot is not None:       # refused now, not after the window rendered
        check_writable_target(args.screenshot, "--screenshot")
    options = dict(screenshot=args.screenshot, dataset=dataset, epochs=args.epochs, model=args.model,
                   view=args.view)
    if args.speed is not None:
        options["speed"] = _speed(args.speed)
    if args.language is not None:
        options["language"] = args.language
    return open_app(**options)


def _speed(text: str) -> float | None:
    """--speed: "full" -> None, else a positive number of batches per second (ConfigError)."""
    from visualizer.core.pace import check_speed

    if text.strip().lower() == "full":
        return None
    try:
        return check_speed(float(text))
    except ValueError:
        raise ConfigError(f"--speed: expected a positive number of batches per second or 'full', "
                          f"got {text!r}") from None


class NoDisplayError(VisualizerError):
    """The window cannot open: no display server to show it on."""


def _has_display() -> bool:
    """False only where a window surely cannot open (Linux/BSD without X11 or Wayland)."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _missing_x11_library() -> str | None:
    """The system library Qt's X11 plugin cannot load, e.g. "libxcb-icccm.so.4", or None.

    The PySide6 wheels bring Qt but not every X11 library its xcb platform
    plugin links against (libxcb-cursor, -icccm, -keysyms... are not installed
    on every desktop); without one, Qt aborts with a fatal message about
    plugins that does not name it. Loading the plugin ahead of Qt names the
    first missing library. Checked only where X11 is what Qt would use (no
    Wayland session, no platform chosen by hand).
    """
    if (sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM")
            or os.environ.get("WAYLAND_DISPLAY") or not os.environ.get("DISPLAY")):
        return None
    import ctypes
    import importlib.util
    import re
    from pathlib import Path

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = re.search(r"(lib[\w.+-]+?\.so[.\d]*): cannot open", str(exc))
        return found.group(1) if found else None
    return None


def _debian_package(soname: str) -> str:
    """libxcb-icccm.so.4 -> libxcb-icccm4; libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    name, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    return f"{name}{'-' if name[-1:].isdigit() else ''}{version}"


def open_app(**options) -> int:
    """Hand over to ``visualizer.app.main.run_gui``; its return value is the exit code.

    Without a display, Qt would abort the process with a fatal message; instead
    a screenshot renders offscreen, and an interactive window is refused with
    one line (exit 2) pointing at the headless commands.
    """
    if not _has_display():
        if options.get("screenshot"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            raise NoDisplayError(
                "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                "run it in a desktop session, use --screenshot PATH, or the headless commands "
                "(visualizer --help)")
    missing = _missing_x11_library()
    if missing and options.get("screenshot"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif missing:
        raise NoDisplayError(
            f"Qt cannot open a window on this X11 display: the system library {missing} is missing; "
            f"install it (Debian/Ubuntu: sudo apt install {_debian_package(missing)}) and start "
            "visualizer again, or use the headless commands (visualizer --help)")
    from visualizer.app.main import run_gui  # lazy: imports Qt

    from .signals import default_signals
    with default_signals():                   # the app's event loop: Python's own signal behaviour
        return int(run_gui(**options) or 0)
