"""Shared pieces of the command line: the parser class, option types, output.

Everything here is standard library only, so ``--help`` stays instant and
never imports NumPy or Qt.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence, TextIO

from visualizer.core.errors import ConfigError

EXIT_OK = 0
EXIT_FAILURE = 1        # unexpected failure (a bug)
EXIT_BAD_INPUT = 2      # bad usage or bad input (VisualizerError, argparse errors)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), the shell convention; SIGTERM: 143
EXIT_BROKEN_PIPE = 141  # the reader of stdout went away (128 + SIGPIPE), ended quietly


class UsageError(Exception):
    """Raised instead of argparse's print-usage-and-exit; carries one line."""

    def __init__(self, prog: str, message: str) -> None:
        super().__init__(message)
        self.prog = prog


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the hand-wrapped description and examples; shows defaults where set."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if ("%(default)" not in text and action.default not in (None, False, argparse.SUPPRESS)
                and action.option_strings and not isinstance(action.default, bool)):
            text += " (default: %(default)s)"
        return text


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (``UsageError``), not usage + exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(self.prog, f"{message} (see '{self.prog} --help')")


def examples(*lines: str) -> str:
    """An ``epilog`` listing example invocations."""
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


# --- option value types (argparse ``type=``) ---------------------------------

def hidden_layers(text: str) -> tuple[int, ...]:
    """``"128,64"`` -> (128, 64); ``"none"`` or ``""`` -> () (no hidden layer).

    Only the syntax is checked here; widths are range-checked by
    ``NetworkConfig.validate`` (so ``0`` gets the engine's message).
    """
    text = text.strip()
    if text.lower() in ("", "none", "-"):
        return ()
    try:
        return tuple(int(part) for part in text.replace(" ", "").split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated layer widths such as 128,64, got {text!r}") from None


def number(text: str) -> float:
    """A float; NaN and infinities pass through so validation can name them."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None


def whole(text: str) -> int:
    """An int (``1e3`` style is refused: a batch size is counted, not measured)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


# Which command-line flag a ConfigError message is about (its leading words).
_FLAG_OF_MESSAGE = (
    ("hidden", "--hidden"), ("at most", "--hidden"), ("activation", "--activation"),
    ("init", "--init"), ("optimizer", "--optimizer"), ("learning rate", "--lr"),
    ("momentum", "--momentum"), ("weight decay", "--l2"), ("schedule", "--schedule"),
    ("step_epochs", "--step-epochs"), ("step_gamma", "--step-gamma"),
    ("batch size", "--batch-size"), ("epochs", "--epochs"), ("dropout", "--dropout"),
    ("augment", "--augment"), ("validation fraction", "--val-fraction"), ("seed", "--seed"),
)


def flag_error(exc: ConfigError) -> ConfigError:
    """The same ConfigError, its message prefixed with the flag it is about."""
    message = str(exc)
    for lead, flag in _FLAG_OF_MESSAGE:
        if message.startswith(lead):
            return ConfigError(f"{flag}: {message}")
    return exc


# --- output -------------------------------------------------------------------

def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def json_safe(value: Any) -> Any:
    """Plain JSON data: NaN/inf -> None, NumPy scalars/arrays -> Python, tuples -> lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "tolist"):          # NumPy arrays and scalars
        return json_safe(value.tolist())
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(value: Any, stream: TextIO | None = None) -> None:
    """One JSON document on stdout (NaN written as null, never as invalid ``NaN``)."""
    stream = stream or sys.stdout
    stream.write(json.dumps(json_safe(value), indent=2, allow_nan=False) + "\n")
    stream.flush()


def note(message: str) -> None:
    """A one-line remark for the person, on stderr (stdout stays machine-readable)."""
    print(message, file=sys.stderr, flush=True)


def percent(x: float) -> str:
    return "-" if not math.isfinite(x) else f"{100.0 * x:.2f}%"


def fmt_loss(x: float) -> str:
    return "-" if not math.isfinite(x) else f"{x:.4f}"


def table(rows: Sequence[Sequence[str]], align: str = "", indent: str = "") -> str:
    """Columns padded to their widest cell; ``align`` is 'l'/'r' per column (default r)."""
    if not rows:
        return ""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = []
        for i, cell in enumerate(r):
            a = align[i] if i < len(align) else "r"
            cells.append(cell.ljust(widths[i]) if a == "l" else cell.rjust(widths[i]))
        out.append(indent + "  ".join(cells).rstrip())
    return "\n".join(out)


def path_arg(text: str) -> str:
    """An argparse ``type=`` for a file or folder option: ``~`` expanded, "" refused."""
    from visualizer.core.paths import user_path

    try:
        return str(user_path(text, "path", ConfigError))
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("path: ")) from None


def dataset_arg(text: str) -> str:
    """An argparse ``type=`` for a dataset: a name stays a name, a path gets ``~`` expanded."""
    if text.strip().lower() in ("sample", "mnist", "fashion"):
        return text.strip().lower()
    return path_arg(text)


def pick_dataset(args: argparse.Namespace, prog: str) -> str | None:
    """The dataset given as the positional DATASET or as --dataset (the same one if both)."""
    positional, option = getattr(args, "dataset", None), getattr(args, "dataset_option", None)
    if positional is not None and option is not None and positional != option:
        raise UsageError(prog, f"two datasets given: {positional} and --dataset {option}; "
                               "give one (see '" + prog + " --help')")
    return positional if positional is not None else option


def check_writable_target(path: str, flag: str) -> Path:
    """Refuse an output path that cannot be written, before any long work starts.

    Checks what the final atomic save needs: the target is a regular file or
    absent (never a device, FIFO or folder, nor a link to one), not read-only,
    its name fits the file system, and a file can really be created in its folder
    (a read-only file system or a deleted working folder fail here, not after
    training). Every message names ``flag`` and the person's own path.
    """
    from visualizer.core.atomic import check_target

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    _check_name_length(folder, target, flag)
    if target.is_dir():
        raise ConfigError(f"{flag}: {target} is a folder; give a file name such as model.npz")
    try:
        check_target(target)
    except OSError as exc:
        raise ConfigError(f"{flag}: {path}: {exc.strerror}") from None
    if not folder.is_dir():
        raise ConfigError(f"{flag}: the folder {folder} does not exist")
    if target.exists() and not os.access(target, os.W_OK):
        raise ConfigError(f"{flag}: {path} is read-only; choose another name or make it writable")
    _probe_folder(folder, flag)
    return target


def _check_name_length(folder: Path, target: Path, flag: str) -> None:
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    size = len(os.fsencode(target.name))
    if size > limit:
        raise ConfigError(f"{flag}: the file name {target.name[:40]}... is too long "
                          f"({size} bytes; at most {limit})")


def _probe_folder(folder: Path, flag: str) -> None:
    """Create and remove a file in ``folder``: the save at the end will be able to."""
    import errno
    import tempfile

    try:
        fd, probe = tempfile.mkstemp(prefix=".visualizer-probe.", dir=folder)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise ConfigError(f"{flag}: the folder {folder} no longer exists "
                              "(was the working folder deleted?)") from None
        raise ConfigError(f"{flag}: the folder {folder} is not writable "
                          f"({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(probe)


def plural(n: int, word: str) -> str:
    """``plural(2, "epoch")`` -> "2 epochs"; ``plural(1, "batch")`` -> "1 batch"."""
    if n == 1:
        return f"{n:,} {word}"
    return f"{n:,} " + {"batch": "batches", "class": "classes"}.get(word, word + "s")


def join_words(words: Iterable[str]) -> str:
    return ", ".join(words)
