"""The recovery file: a trained model nobody saved, kept when the window closes.

When the window closes while the model holds training that is in no file (see
``TrainingSession.dirty``), the window writes it here with the ordinary model
format (``visualizer.core.persistence``, atomic): weights, optimizer state,
settings, history and dataset name. The next interactive start offers it in a
banner (open it, save it elsewhere, or discard it).

Location (``recovery_dir()``; created on demand)::

    VISUALIZER_STATE_DIR            when set (tests, portable installs)
    Linux/BSD  $XDG_DATA_HOME/visualizer     (~/.local/share/visualizer)
    macOS      ~/Library/Application Support/visualizer
    Windows    %LOCALAPPDATA%\\visualizer
    (``visualizer.core.paths.user_data_root``)

File: ``unsaved-model.npz``. One that cannot be read is moved aside to
``unsaved-model.corrupt-YYYYMMDD-HHMMSS.npz`` (never deleted: it may still
matter to someone), so it is reported once and never blocks a start.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from visualizer.core.errors import VisualizerError
from visualizer.core.paths import user_data_root

ENV_STATE_DIR = "VISUALIZER_STATE_DIR"
FILE_NAME = "unsaved-model.npz"


def recovery_dir() -> Path:
    """The per-user folder for the recovery file (not created here)."""
    override = os.environ.get(ENV_STATE_DIR)
    if override:
        return Path(override).expanduser()
    return user_data_root()


def recovery_path() -> Path:
    """Where the unsaved model is kept."""
    return recovery_dir() / FILE_NAME


@dataclass(frozen=True)
class Recovered:
    """A recovery file found at start: ``saved`` (a ``Checkpoint``) when it reads, else ``error``
    (the defect, a phrase that follows "the file", e.g. "is truncated or not a model file ...")."""

    path: Path
    saved: object | None
    error: str = ""


def find() -> Recovered | None:
    """The recovery file, read and checked (None when there is none)."""
    path = recovery_path()
    if not path.is_file():
        return None
    from visualizer.core.persistence import load_checkpoint

    try:
        return Recovered(path, load_checkpoint(path))
    except VisualizerError as exc:
        msg = str(exc)
        prefix = f"{path}: "
        return Recovered(path, None, msg[len(prefix):] if msg.startswith(prefix) else msg)
    except MemoryError:
        return Recovered(path, None, "is too large to read into memory")
    except OSError as exc:
        return Recovered(path, None, f"cannot be read ({exc.strerror or exc})")


def write(session) -> Path | None:
    """Write the session's model to the recovery file when it holds unsaved training.

    Returns the path written, or None when there was nothing to keep. Raises
    OSError / VisualizerError when it cannot be written.
    """
    if not session.dirty:
        return None
    path = recovery_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    session.save_copy(path)
    return path


def move_aside(path: Path) -> Path | None:
    """Rename an unreadable recovery file out of the way; the new path (None if that failed)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
        n += 1
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def discard(path: Path | None = None) -> bool:
    """Delete the recovery file; True when it existed."""
    path = path or recovery_path()
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False
