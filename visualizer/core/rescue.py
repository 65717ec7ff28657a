"""Where a model goes when the file it was meant for cannot be written.

A long run can end with a save that fails through no fault of the training: the
working folder was deleted, the disk filled up, the file was made read-only.
The work is kept all the same, in a folder of the user's own:

    path = save_or_rescue("runs/m.npz", ckpt)   # -> Saved(path, error)
    # path:  runs/m.npz, or <user data>/rescued/m-20261129-134501.npz when that
    #        failed (or <system temp>/visualizer-rescued/..., when even that fails)
    # error: None, or the OSError that stopped the save asked for

``<user data>`` is ``paths.user_data_root()`` (``~/.local/share/visualizer`` on
Linux). The rescued file is written atomically like any other model file; when
no fallback can be written either, the first error is raised.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from pathlib import Path
from typing import NamedTuple

from .checkpoint import Checkpoint
from .paths import user_data_root

FOLDER = "rescued"
_STEM_CHARS = 60          # a 250-character name that could not be written is shortened


class Saved(NamedTuple):
    """Where a model was written, and why not where it was asked to be (None: it was)."""

    path: Path
    error: OSError | None


def rescue_folders() -> list[Path]:
    """Where rescued models go, in order of preference."""
    return [user_data_root() / FOLDER, Path(tempfile.gettempdir()) / "visualizer-rescued"]


def rescue_name(wanted: str | os.PathLike, now: datetime.datetime | None = None) -> str:
    """``<stem of wanted>-<local time>.npz``, the stem shortened and made safe for any file system."""
    stem = re.sub(r"[^\w.-]+", "_", Path(os.fsdecode(wanted)).stem)[:_STEM_CHARS].strip("._") or "model"
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{stem}-{stamp}.npz"


def _free_path(folder: Path, name: str) -> Path:
    """``folder / name``, or ``name`` with -2, -3 ... before .npz when that exists already."""
    path, n = folder / name, 1
    while path.exists():
        n += 1
        path = folder / f"{name[:-4]}-{n}.npz"
    return path


def save_or_rescue(wanted: str | os.PathLike, ckpt: Checkpoint) -> Saved:
    """Save ``ckpt`` to ``wanted``; when that fails with an OSError, to a rescue folder."""
    from .persistence import save_checkpoint

    try:
        save_checkpoint(wanted, ckpt)
        return Saved(Path(wanted), None)
    except OSError as exc:
        error = exc
    for folder in rescue_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = _free_path(folder, rescue_name(wanted))
            save_checkpoint(path, ckpt)
        except OSError:
            continue
        return Saved(path, error)
    raise error
