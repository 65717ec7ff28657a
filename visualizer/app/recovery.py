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

File: ``unsaved-model.npz``. One that cannot be read (damaged, written by
another version, or holding values no model can have) is moved aside to
``unsaved-model.corrupt-YYYYMMDD-HHMMSS.npz`` (never deleted: it may still
matter to someone), so it is reported once and never blocks a start.

The offer itself is decided here, without Qt: ``offer()`` returns an ``Offer``
(the banner's kind, its text and the actions "Open it", "Save as…", "Discard")
that the window only shows; ``save_as`` copies the file where the person chose.
"""

from __future__ import annotations

import html
import logging
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

from visualizer.core.errors import VisualizerError
from visualizer.core.paths import user_data_root

from .i18n import tr

log = logging.getLogger(__name__)

ENV_STATE_DIR = "VISUALIZER_STATE_DIR"
FILE_NAME = "unsaved-model.npz"
ACTIONS = ("Open it", "Save as…", "Discard")
DATASET_NAMES = {"sample": "MNIST sample", "mnist": "MNIST", "fashion": "Fashion-MNIST"}
MAX_COUNT = 2 ** 53          # epochs and steps beyond this are no real training (and overflow floats)


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
        saved = load_checkpoint(path)
    except VisualizerError as exc:
        msg = str(exc)
        prefix = f"{path}: "
        return Recovered(path, None, msg[len(prefix):] if msg.startswith(prefix) else msg)
    except MemoryError:
        return Recovered(path, None, "is too large to read into memory")
    except OSError as exc:
        return Recovered(path, None, f"cannot be read ({exc.strerror or exc})")
    except Exception as exc:  # noqa: BLE001 - whatever a damaged file causes, it must not stop a start
        log.warning("the recovery file %s cannot be read: %r", path, exc)
        return Recovered(path, None, f"cannot be read ({type(exc).__name__})")
    for label, value in (("epoch count", saved.epochs_done), ("batch count", saved.step)):
        if not 0 <= value < MAX_COUNT:
            return Recovered(path, None, f"holds an impossible {label} ({str(value)[:20]}…)")
    return Recovered(path, saved)


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


@dataclass(frozen=True)
class Offer:
    """What the banner shows at start: ``kind`` ("info" | "warning"), ``text`` (HTML) and the
    labels of its ``actions`` (``ACTIONS``, or none for a file that was moved aside)."""

    path: Path
    kind: str
    text: str
    actions: tuple[str, ...] = ()


def offer(note: str = "") -> Offer | None:
    """The offer for the recovery file (None when there is none); an unreadable one is moved aside.

    ``note`` is a sentence added to the offer (e.g. why it is offered again).
    """
    found = find()
    if found is None:
        return None
    if found.saved is not None:
        try:
            return Offer(found.path, "info", describe(found.saved, note), ACTIONS)
        except Exception as exc:  # noqa: BLE001 - values no model can have: as unreadable
            log.warning("the recovery file %s cannot be described: %r", found.path, exc)
            found = Recovered(found.path, None, tr("holds values no model can have ({kind})").format(
                kind=type(exc).__name__))
    moved = move_aside(found.path)
    where = (tr("It was moved aside as {name} in {folder}.").format(name=moved.name,
                                                                     folder=home_relative(moved.parent))
             if moved is not None else
             tr("It could not be moved aside; you may delete {path}.").format(path=home_relative(found.path)))
    return Offer(found.path, "warning", tr("<b>The unsaved model kept from the last session could not be "
                                           "read:</b> the file {defect}. {where}").format(
        defect=html.escape(found.error), where=html.escape(where)))


def describe(saved, note: str = "") -> str:
    """The banner's sentence about a kept ``Checkpoint`` (HTML)."""
    data = DATASET_NAMES.get(saved.dataset, Path(saved.dataset).name or saved.dataset) or tr("unknown")
    epochs = (tr("1 epoch") if saved.epochs_done == 1 else
              tr("{count} epochs").format(count=saved.epochs_done))
    batches = (tr("1 batch trained") if saved.step == 1 else
               tr("{count} batches trained").format(count=f"{saved.step:,}"))
    details = ["-".join(str(s) for s in saved.network.sizes), batches]
    acc = saved.history[-1].get("val_accuracy") if saved.history else None
    if isinstance(acc, (int, float)) and math.isfinite(acc):
        details.append(tr("{percent}% validation accuracy").format(percent=f"{acc * 100:.1f}"))
    return (tr("<b>Your unsaved model from the last session</b> ({epochs}, dataset {dataset}) "
               "was kept: {details}.").format(epochs=epochs, dataset=html.escape(data), details=", ".join(details))
            + (f" {note}" if note else ""))


def save_as(path: Path, target: str | os.PathLike) -> bool:
    """Copy the recovery file ``path`` to ``target`` (atomic), then delete it; False when they are one file.

    Raises OSError (naming nothing else but what failed) when ``target`` cannot be written.
    """
    from visualizer.core.atomic import atomic_write_bytes

    if Path(target).resolve() == path.resolve():
        return False
    atomic_write_bytes(target, path.read_bytes())
    discard(path)
    return True


def home_relative(path: Path) -> str:
    """``path`` with the home folder written as ~ (shorter in messages)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
