"""The learner's own handwriting as a dataset: labelled drawings kept as MNIST IDX files.

    store = DigitStore()                  # default folder: user_data_root() / "my-digits"
    store.add(x28, 7)                     # (28, 28) float in [0, 1] or uint8, label 0..9 -> Digits
    store.digits()                        # Digits: images (N, 28, 28) uint8, labels (N,), held_out (N,)
    store.remove([3, 5])                  # indices into digits()
    store.export_to(folder)               # the four files into another folder
    store.import_from(folder)             # add the digits of an MNIST-format folder
    store.export_images(folder)           # a folder of class folders of PNGs: folder/7/0003.png
    store.import_images(folder)           # add such a folder's images (core.imagefolder reads them)
    load_dataset(str(store.folder))       # like any IDX folder (once there is a held-out digit)

The folder holds the four files any MNIST reader expects, uncompressed:
``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte`` (the digits to train
on) and ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte`` (the held-out
ones, to measure accuracy on the learner's digits before and after
fine-tuning). Of each digit, the 2nd, 7th, 12th... drawing (every
``HOLD_OUT_EVERY``-th, starting with the second) is held out, so as soon as one
digit has been drawn twice the folder loads with ``core.dataset.load_dataset``.
A part with no drawing has no files (IDX readers refuse empty files).

Writes are all-or-nothing across the four files: each new file is first
written beside the old one under a hidden name (``core.atomic``: temp file,
fsync, rename), then a small commit record naming the renames is written
atomically, then the renames are done and the record is removed. A crash
before the record exists leaves the old files untouched (the hidden ones are
swept away at the next opening); a crash after it is finished at the next
opening. Either way images and labels always match. One process at a time
should write a folder.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from . import idx, imagefolder, named_folders, paths
from .atomic import atomic_write_bytes, atomic_write_text
from .dataset import DIGIT_NAMES, Dataset
from .errors import DataError
from .png import write_png

FOLDER_NAME = named_folders.MY_DIGITS
HOLD_OUT_EVERY = 5
PARTS = ("train", "t10k")
FILES = {(p, k): f"{p}-{k}-idx{3 if k == 'images' else 1}-ubyte" for p in PARTS for k in ("images", "labels")}
COMMIT = ".commit.json"
STAGED = ".{}.new"


def default_folder() -> Path:
    """Where the learner's digits live unless told otherwise (not created): the folder the
    dataset name ``my-digits`` means (``core.named_folders``)."""
    return named_folders.my_digits_folder()


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Digits:
    """The stored drawings, training ones first, then the held-out ones (read-only arrays).

    images    (N, 28, 28) uint8, ink high (MNIST convention)
    labels    (N,) uint8, 0..9
    held_out  (N,) bool: True for the drawings kept for testing
    """

    images: np.ndarray
    labels: np.ndarray
    held_out: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def part(self, held_out: bool) -> tuple[np.ndarray, np.ndarray]:
        """(images, labels) of the training (False) or held-out (True) drawings."""
        m = self.held_out == held_out
        return self.images[m], self.labels[m]

    def counts(self) -> list[int]:
        """How many drawings of each digit 0..9."""
        return np.bincount(self.labels, minlength=10).tolist()


def _digits(images, labels, held_out) -> Digits:
    order = np.argsort(np.asarray(held_out, bool), kind="stable")    # training part first
    return Digits(_readonly(np.asarray(images, np.uint8).reshape(-1, 28, 28)[order]),
                  _readonly(np.asarray(labels, np.uint8)[order]), _readonly(np.asarray(held_out, bool)[order]))


EMPTY = _digits(np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.uint8), np.zeros(0, bool))


def as_image(x: np.ndarray) -> np.ndarray:
    """A drawing as stored: (28, 28) or (784,) float in [0, 1], or uint8 -> (28, 28) uint8."""
    a = np.asarray(x)
    if a.size != 784 or not (np.issubdtype(a.dtype, np.number) and not np.issubdtype(a.dtype, np.complexfloating)):
        raise DataError(f"a digit must be a 28x28 image of numbers, got shape {a.shape} of {a.dtype}")
    if a.dtype == np.uint8:
        return a.reshape(28, 28).copy()
    f = np.nan_to_num(a.astype(np.float64).reshape(28, 28))
    return np.clip(np.round(f * 255.0), 0, 255).astype(np.uint8)


def _label(label) -> int:
    if isinstance(label, (bool, np.bool_)) or not isinstance(label, (int, np.integer)) or not 0 <= label <= 9:
        raise DataError(f"a digit's label must be a whole number from 0 to 9, got {label!r}")
    return int(label)


def _rename(src: Path, dst: Path) -> None:
    """One step of a committed write (a function of its own so tests can interrupt it)."""
    os.replace(src, dst)


def _find(folder: Path, part: str, kind: str) -> Path | None:
    """The file of one part and kind in an MNIST-format folder ('-' '.' '_' separators, .gz or not)."""
    names = [part] + (["test"] if part == "t10k" else [])
    for name in names:
        for sep in "-._":
            base = sep.join([name, kind, f"idx{3 if kind == 'images' else 1}", "ubyte"])
            for candidate in (base, base + ".gz"):
                if (folder / candidate).is_file():
                    return folder / candidate
    return None


def read_folder(folder: str | os.PathLike) -> Digits:
    """The digits of an MNIST-format folder (either part may be absent); DataError naming the defect."""
    folder = Path(folder)
    images, labels, held = [], [], []
    for part in PARTS:
        img, lab = _find(folder, part, "images"), _find(folder, part, "labels")
        if img is None and lab is None:
            continue
        if img is None or lab is None:
            raise DataError(f"{folder}: has {(img or lab).name} but not the matching "
                            f"{'labels' if lab is None else 'images'} file")
        x, y = idx.read_pair(img, lab)
        images.append(x)
        labels.append(y)
        held.append(np.full(len(y), part == "t10k"))
    if not images:
        return EMPTY
    return _digits(np.concatenate(images), np.concatenate(labels), np.concatenate(held))


class DigitStore:
    """The learner's labelled drawings in ``folder`` (see the module doc)."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()
        if self.folder.is_dir():
            self._recover()

    # -- reading ------------------------------------------------------------------------------
    def digits(self) -> Digits:
        """What is stored now (empty when the folder does not exist yet)."""
        return read_folder(self.folder) if self.folder.is_dir() else EMPTY

    def as_dataset(self) -> Dataset:
        """The drawings as a Dataset (x_test: the held-out ones); DataError when there are none."""
        d = self.digits()
        if not len(d):
            raise DataError(f"{self.folder}: no digits collected yet")
        (x_tr, y_tr), (x_te, y_te) = d.part(False), d.part(True)
        return Dataset(str(self.folder), x_tr, y_tr, x_te, y_te, DIGIT_NAMES, str(self.folder))

    # -- changing -----------------------------------------------------------------------------
    def add(self, image: np.ndarray, label: int) -> Digits:
        """Store one drawing with its label; returns the new contents."""
        img, lab = as_image(image), _label(label)
        d = self.digits()
        held = int(np.sum(d.labels == lab)) % HOLD_OUT_EVERY == 1
        new = _digits(np.concatenate([d.images, img[None]]), np.append(d.labels, lab), np.append(d.held_out, held))
        self._write(new)
        return new

    def remove(self, indices: Iterable[int]) -> Digits:
        """Delete the drawings at ``indices`` of ``digits()``; returns the new contents."""
        d = self.digits()
        idx_ = np.asarray(list(indices), np.int64)
        if idx_.size and (idx_.min() < -len(d) or idx_.max() >= len(d)):
            raise DataError(f"no digit number {int(idx_.max() if idx_.max() >= len(d) else idx_.min())}: "
                            f"the store holds {len(d)}")
        keep = np.ones(len(d), bool)
        keep[idx_] = False
        new = _digits(d.images[keep], d.labels[keep], d.held_out[keep])
        self._write(new)
        return new

    def import_from(self, folder: str | os.PathLike) -> int:
        """Add the digits of an MNIST-format folder (its test part stays held out); how many were added."""
        extra = read_folder(folder)
        if not len(extra):
            raise DataError(f"{folder}: holds no MNIST-format digit files")
        d = self.digits()
        self._write(_digits(np.concatenate([d.images, extra.images]), np.concatenate([d.labels, extra.labels]),
                            np.concatenate([d.held_out, extra.held_out])))
        return len(extra)

    def export_to(self, folder: str | os.PathLike, *, overwrite: bool = False) -> Path:
        """Write the drawings as MNIST IDX files into ``folder``; DataError if it holds some already."""
        dest = Path(folder)
        d = self.digits()
        if not len(d):
            raise DataError(f"{self.folder}: no digits to export yet")
        if dest.exists() and not dest.is_dir():
            raise DataError(f"{dest}: is a file, not a folder")
        if not overwrite and dest.is_dir() and any(_find(dest, p, k) for p, k in FILES):
            raise DataError(f"{dest}: already holds MNIST files; choose another folder")
        DigitStore(dest)._write(d)
        return dest

    def export_images(self, folder: str | os.PathLike) -> Path:
        """Write the drawings as a folder of class folders of PNGs (``folder/7/0003.png``: white
        ink on black, 28x28), each file atomically; DataError if ``folder`` holds class folders."""
        dest = Path(folder)
        d = self.digits()
        if not len(d):
            raise DataError(f"{self.folder}: no digits to export yet")
        if dest.exists() and not dest.is_dir():
            raise DataError(f"{dest}: is a file, not a folder")
        if imagefolder.is_image_folder(dest):
            raise DataError(f"{dest}: already holds class folders; choose an empty folder")
        try:
            for i, (img, lab) in enumerate(zip(d.images, d.labels)):
                paths.ensure_dir(dest / str(int(lab)))
                write_png(dest / str(int(lab)) / f"{i:04d}.png", img)          # (28, 28) uint8
        except OSError as exc:
            raise DataError(f"{dest}: cannot write the images ({exc.strerror or exc})") from exc
        return dest

    def import_images(self, folder: str | os.PathLike, decode=None) -> tuple[int, tuple[str, ...]]:
        """Add the images of a folder of class folders named 0 to 9 (``core.imagefolder`` reads and
        prepares them like drawings; its test images stay held out); (how many, notes on skipped files)."""
        got = imagefolder.read_image_folder(Path(folder), imagefolder.decoder(decode))
        bad = [n for n in got.class_names if n not in DIGIT_NAMES]
        if bad:
            raise DataError(f"{folder}: class folders must be named 0 to 9; found {', '.join(map(repr, bad))}")
        digit = np.array([int(n) for n in got.class_names], np.uint8)         # class index -> digit
        d = self.digits()
        n_new = len(got.y_train) + len(got.y_test)
        self._write(_digits(np.concatenate([d.images, got.x_train, got.x_test]),
                            np.concatenate([d.labels, digit[got.y_train], digit[got.y_test]]),
                            np.concatenate([d.held_out, np.zeros(len(got.y_train), bool),
                                            np.ones(len(got.y_test), bool)])))
        return n_new, got.notes()

    # -- the all-or-nothing write ---------------------------------------------------------------
    def _write(self, d: Digits) -> None:
        paths.ensure_dir(self.folder)
        plan: list[list[str]] = []
        try:
            for part in PARTS:
                x, y = d.part(part == "t10k")
                for kind, arr in (("images", x), ("labels", y)):
                    name = FILES[part, kind]
                    if len(arr):
                        atomic_write_bytes(self.folder / STAGED.format(name), idx.encode_idx(arr))
                        plan.append(["replace", STAGED.format(name), name])
                    else:
                        plan.append(["delete", name])
            atomic_write_text(self.folder / COMMIT, json.dumps(plan))       # the point of no return
        except OSError as exc:
            self._sweep()
            raise DataError(f"{self.folder}: cannot save the digits ({exc.strerror or exc})") from exc
        try:
            self._apply(plan)
        except OSError as exc:
            raise DataError(f"{self.folder}: saving the digits was interrupted ({exc.strerror or exc}); "
                            f"it is finished the next time the folder is opened") from exc

    def _apply(self, plan: list[list[str]]) -> None:
        for step in plan:
            if step[0] == "replace":
                staged = self.folder / step[1]
                if staged.exists():
                    _rename(staged, self.folder / step[2])
            else:
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / step[1]).unlink()
        (self.folder / COMMIT).unlink()

    def _sweep(self) -> None:
        """Remove staged files no commit record names (left by a write that never committed)."""
        for name in FILES.values():
            with contextlib.suppress(OSError):
                (self.folder / STAGED.format(name)).unlink()

    def _recover(self) -> None:
        """Finish a committed write, or sweep away an uncommitted one (see the module doc)."""
        record = self.folder / COMMIT
        if record.exists():
            try:
                plan = json.loads(record.read_text())
            except (OSError, ValueError) as exc:
                raise DataError(f"{record}: the record of an unfinished save is unreadable ({exc})") from exc
            self._apply(plan)
        self._sweep()
