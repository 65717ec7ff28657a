"""The Dataset record, ``load_dataset`` and the helpers the CLI and app use.

A ``Dataset`` is what every consumer (training loop, command line, app) gets:
    x_train  (N, 28, 28) uint8, white ink on black (MNIST convention), read-only
    y_train  (N,) uint8, class indices 0..9, read-only
    x_test   (M, 28, 28) uint8, read-only  -- the held-out evaluation set
    y_test   (M,) uint8, read-only
    name     "sample" | "mnist" | "fashion" | the folder / file path given
    class_names  display names, one per class ("0".."9", "T-shirt/top"... for fashion,
             an image folder's class folder names)
    source   where it came from, for display ("embedded", a folder path...)
    notes    lines worth telling whoever loaded it (e.g. the files an image folder skipped)

``load_dataset(spec, progress=None, cancel=None)`` accepts

    "sample"   5,000 real MNIST digits shipped in ``resources/mnist_sample.npz``
               (< 0.1 s); x_test is a fixed stratified 10 % (500 images, 50 per
               class), x_train the other 4,500 (shuffled, fixed seed).
    "mnist"    the full MNIST (60,000 + 10,000), read from the cache folder
               (``paths.dataset_dir("mnist")``), downloaded there first if
               missing (mirrors, SHA-256, progress and cancel: see download.py).
    "fashion"  Fashion-MNIST: from ``/usr/share/datasets/fashion-mnist`` (Debian
               package ``dataset-fashion-mnist``) when present, else cached /
               downloaded like mnist.
    a folder   holding the four IDX files, gzipped or raw, under the usual names
               (``train-images-idx3-ubyte[.gz]``, ``train-labels-idx1-ubyte``,
               ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte``; '.' or
               '_' instead of '-' and ``test`` instead of ``t10k`` are accepted),
               or a Keras-layout ``mnist.npz``. A folder named like "*fashion*"
               (or the Debian location) gets Fashion-MNIST's class names.
    a folder   of class folders of images (``my-digits/0/*.png``...) holding no MNIST
               files: see imagefolder.py (``decode`` reads the images).
    a .npz     Keras layout: arrays x_train (N,28,28), y_train (N,), x_test,
               y_test; integers 0..255 and labels 0..9.

The readers live in modules of their own: ``idx`` (one IDX file), ``idx_folder``
(finding the four in a folder), ``keras_npz`` (the Keras layout), ``imagefolder``
(class folders of images) and ``download`` (the named datasets' files).

Errors: ``DataError`` (folder/file invalid, named with the defect),
``DownloadError`` / ``DownloadCancelled`` from the download. ``progress(done_bytes,
total_bytes | None)`` and ``cancel() -> bool`` are used when downloading, and when
preparing an image folder (``progress(done_files, total_files)``).
Loaded named datasets are kept in memory (their arrays are read-only, so
sharing is safe); ``clear_memory_cache()`` drops them.

To feed the network, images become float32 rows in [0, 1]: ``as_inputs(x)``
-> (N, 784) float32. ``split_validation(x, y, fraction, rng)`` makes a
stratified split of the training set for per-epoch validation. Both live in
``dataset_arrays``; ``describe`` (below) in ``dataset_info``.

For ``visualizer data list|download NAME|info PATH``:

    cache_dir() -> Path; cached_datasets() -> [(name, path, present)]; is_cached(name) -> bool
    download_dataset(name, progress=None, cancel=None) -> Path   (no-op when present)
    describe(spec, decode=None) -> dict   counts, shapes, class balance (DataError says why
                                          a folder is not valid). Keys:
        name, source, format ("embedded npz" | "idx" | "keras npz" | "image folder"), files
        (list of str; an image folder's class folders), n_train, n_test, image_shape (28, 28),
        class_names, train_counts, test_counts (lists of one int per class), pixel_mean
        (float, 0..255), notes (list of str: e.g. the files an image folder skipped)
"""

from __future__ import annotations

import os
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from . import download as _download
from . import idx, imagefolder, named_folders, paths
from .dataset_arrays import as_inputs, split_validation
from .dataset_info import describe
from .errors import DataError, DownloadCancelled, DownloadError
from .idx_folder import find_idx_files, idx_files_or_error
from .keras_npz import read_keras_npz

DIGIT_NAMES: tuple[str, ...] = tuple(str(i) for i in range(10))
FASHION_NAMES: tuple[str, ...] = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                  "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
NAMED = ("sample", "mnist", "fashion")
SAMPLE_FILE = "mnist_sample.npz"
SAMPLE_TEST_FRACTION = 0.1
SAMPLE_SEED = 20261122                   # fixed: the sample's split is the same everywhere
SYSTEM_FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")


def _readonly(a: np.ndarray) -> np.ndarray:
    """A read-only array nobody else can write through (views of writable data are copied)."""
    a = np.ascontiguousarray(a)
    if a.flags.writeable:
        if not a.flags.owndata:
            a = a.copy()
        a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Dataset:
    """A train/test pair of MNIST-format images (see module doc); arrays are read-only."""

    name: str
    x_train: np.ndarray          # (N, 28, 28) uint8
    y_train: np.ndarray          # (N,) uint8
    x_test: np.ndarray           # (M, 28, 28) uint8
    y_test: np.ndarray           # (M,) uint8
    class_names: tuple[str, ...] = DIGIT_NAMES
    source: str = ""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for attr in ("x_train", "y_train", "x_test", "y_test"):
            arr = np.asarray(getattr(self, attr))
            if arr.dtype != np.uint8:
                raise DataError(f"dataset {self.name}: {attr} must be uint8, got {arr.dtype}")
            object.__setattr__(self, attr, _readonly(arr))
        for x, y, part in ((self.x_train, self.y_train, "training"), (self.x_test, self.y_test, "test")):
            if x.ndim != 3 or x.shape[1:] != (28, 28):
                raise DataError(f"dataset {self.name}: {part} images must be (N, 28, 28), got {x.shape}")
            if y.shape != (x.shape[0],):
                raise DataError(f"dataset {self.name}: {x.shape[0]} {part} images but {y.shape[0]} labels")
        object.__setattr__(self, "class_names", tuple(self.class_names))
        object.__setattr__(self, "notes", tuple(self.notes))

    @property
    def n_train(self) -> int:
        return int(self.x_train.shape[0])

    @property
    def n_test(self) -> int:
        return int(self.x_test.shape[0])


# ----------------------------------------------------------------------------- loaders

def _load_idx_folder(folder: Path, name: str, class_names=DIGIT_NAMES) -> Dataset:
    files = idx_files_or_error(folder)
    if not files:
        return _load_keras_npz(folder / "mnist.npz", name)
    x_tr, y_tr = idx.read_pair(files["train", "images"], files["train", "labels"])
    x_te, y_te = idx.read_pair(files["test", "images"], files["test", "labels"])
    return Dataset(name, x_tr, y_tr, x_te, y_te, class_names, str(folder))


def is_image_dataset(folder: Path) -> bool:
    """A folder of class folders of images, holding no MNIST files (DataError: unlistable)."""
    return not (find_idx_files(folder) or (folder / "mnist.npz").is_file()) and imagefolder.is_image_folder(folder)


def _load_folder(folder: Path, name: str, progress, cancel, decode) -> Dataset:
    """An MNIST-format folder, else a folder of class folders of images (imagefolder.py)."""
    if not is_image_dataset(folder):
        return _load_idx_folder(folder, name, _class_names_for(folder))
    got = imagefolder.read_image_folder(folder, imagefolder.decoder(decode), progress=progress,
                                        cancel=cancel)
    return Dataset(name, got.x_train, got.y_train, got.x_test, got.y_test, got.class_names,
                   str(folder), got.notes())


def _class_names_for(folder: Path) -> tuple[str, ...]:
    """Fashion-MNIST's names for a folder that holds it (known location or "fashion" in its name)."""
    try:
        resolved = folder.resolve()
        known = {SYSTEM_FASHION_DIR.resolve(), paths.dataset_dir("fashion").resolve()}
    except OSError:
        return DIGIT_NAMES
    if resolved in known or "fashion" in resolved.name.lower():
        return FASHION_NAMES
    return DIGIT_NAMES


def _load_keras_npz(path: Path, name: str) -> Dataset:
    return Dataset(name, *read_keras_npz(path), DIGIT_NAMES, str(path))


def _load_sample() -> Dataset:
    path = paths.resources_dir() / SAMPLE_FILE
    try:
        with np.load(path, allow_pickle=False) as z:
            x, y = z["x"], z["y"]
    except FileNotFoundError:
        raise DataError(f"the embedded sample {path} is missing; reinstall visualizer "
                        f"or set VISUALIZER_RESOURCES") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
        raise DataError(f"the embedded sample {path} is damaged ({exc}); reinstall visualizer") from None
    rng = np.random.default_rng(SAMPLE_SEED)
    x_tr, y_tr, x_te, y_te = split_validation(x, y, SAMPLE_TEST_FRACTION, rng)
    return Dataset("sample", x_tr, y_tr, x_te, y_te, DIGIT_NAMES, "embedded")


def _system_fashion() -> Path | None:
    d = SYSTEM_FASHION_DIR
    try:
        if d.is_dir() and len(find_idx_files(d)) == 4:
            return d
    except DataError:
        return None
    return None


def _named_folder(name: str) -> Path | None:
    """The folder a named dataset is read from when it is available offline, else None."""
    if name == "fashion":
        sysdir = _system_fashion()
        if sysdir is not None:
            return sysdir
    folder = paths.dataset_dir(name)
    if all((folder / rf.filename).is_file() for rf in _download.FILES[name]):
        return folder
    return None


def download_dataset(name: str, progress=None, cancel=None) -> Path:
    """Make ``name`` ("mnist"/"fashion") available offline; return its folder (see download.py)."""
    if name == "sample":
        return paths.resources_dir()
    if name not in _download.FILES:
        raise DataError(f"unknown dataset {name!r}: only mnist and fashion can be downloaded")
    present = _named_folder(name)
    if present is not None:
        return present
    folder = paths.ensure_dir(paths.dataset_dir(name))
    return _download.fetch_dataset(name, folder, progress=progress, cancel=cancel)


def _load_named(name: str, progress, cancel) -> Dataset:
    names = FASHION_NAMES if name == "fashion" else DIGIT_NAMES
    folder = _named_folder(name)
    if folder is None:
        folder = download_dataset(name, progress, cancel)
    try:
        ds = _load_idx_folder(folder, name, names)
    except DataError:
        if folder != paths.dataset_dir(name):
            raise
        # A damaged cache (disk error, edited file): verify, drop bad files, fetch them again.
        for rf in _download.FILES[name]:
            p = folder / rf.filename
            if p.is_file() and _download.sha256_of(p) != rf.sha256:
                p.unlink()
        _download.fetch_dataset(name, folder, progress=progress, cancel=cancel)
        ds = _load_idx_folder(folder, name, names)
    return ds


_memory: dict[tuple, Dataset] = {}
_memory_lock = threading.Lock()


def clear_memory_cache() -> None:
    with _memory_lock:
        _memory.clear()


def _stamp(path: Path) -> tuple:
    try:
        return (str(path), path.stat().st_mtime_ns)
    except OSError:
        return (str(path), None)


def load_dataset(spec: str = "sample", *, progress: Callable[[int, int | None], None] | None = None,
                 cancel: Callable[[], bool] | None = None, decode=None) -> Dataset:
    """Load a dataset by name or path (see module doc); raises DataError / DownloadError."""
    if not isinstance(spec, (str, os.PathLike)) or not str(spec).strip():
        raise DataError("no dataset given: use sample, mnist, fashion, an MNIST-format folder or a .npz file")
    text = str(spec).strip()
    key_name = text.lower()
    if key_name in NAMED:
        folder = paths.resources_dir() / SAMPLE_FILE if key_name == "sample" else _named_folder(key_name)
        key = (key_name, _stamp(folder) if folder is not None else None)
        with _memory_lock:
            hit = _memory.get(key)
        if hit is not None:
            return hit
        ds = _load_sample() if key_name == "sample" else _load_named(key_name, progress, cancel)
        folder = paths.resources_dir() / SAMPLE_FILE if key_name == "sample" else _named_folder(key_name)
        with _memory_lock:
            _memory[(key_name, _stamp(folder) if folder is not None else None)] = ds
        return ds
    path = named_folders.folder_of(text, paths.user_path(text, "dataset"))    # "my-digits": the learner's
    if path.is_dir():
        return _load_folder(path, text, progress, cancel, decode)
    if path.is_file():
        if path.suffix.lower() == ".npz":
            return _load_keras_npz(path, text)
        raise DataError(f"{path}: not a dataset; give a folder holding the four MNIST IDX files "
                        f"or a Keras-layout .npz file")
    if path.exists():                   # a FIFO, a device, a socket: never read (it could block)
        raise DataError(f"{path}: not a regular file or folder; give a folder holding the four "
                        f"MNIST IDX files or a Keras-layout .npz file")
    if os.sep in text or "/" in text or text.startswith("."):
        raise DataError(f"{path}: no such folder or file")
    raise DataError(f"unknown dataset {text!r}: use sample, mnist, fashion, an MNIST-format folder or a .npz file")


# ----------------------------------------------------------------------------- CLI helpers

def cache_dir() -> Path:
    """Where mnist/fashion are downloaded (see paths.cache_dir)."""
    return paths.cache_dir()


def is_cached(name: str) -> bool:
    """True when ``name`` loads without network ("sample" always does)."""
    name = name.lower()
    if name == "sample":
        return (paths.resources_dir() / SAMPLE_FILE).is_file()
    if name in _download.FILES:
        return _named_folder(name) is not None
    return False


def cached_datasets() -> list[tuple[str, Path, bool]]:
    """[(name, path, present)] for sample, mnist, fashion: where each is (or would be) read from."""
    out = [("sample", paths.resources_dir() / SAMPLE_FILE, is_cached("sample"))]
    for name in ("mnist", "fashion"):
        folder = _named_folder(name)
        out.append((name, folder if folder is not None else paths.dataset_dir(name), folder is not None))
    return out


__all__ = ["Dataset", "load_dataset", "as_inputs", "split_validation", "is_cached", "cache_dir",
           "cached_datasets", "describe", "download_dataset", "clear_memory_cache", "is_image_dataset",
           "DIGIT_NAMES", "FASHION_NAMES", "DownloadError", "DownloadCancelled"]

