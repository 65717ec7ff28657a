"""A folder of class folders of images as a dataset: ``my-digits/0/*.png``, ``my-digits/1/*.png``...

    is_image_folder(folder) -> bool          does it hold class folders?
    read_image_folder(folder, decode, *, progress=None, cancel=None) -> FolderImages
    use_decoder(decode) / decoder(decode=None)   the image reader used when none is given

Layout: every visible sub-folder of ``folder`` is a class, named by the
folder's name; classes are sorted naturally ("2" before "10", case ignored),
and a class's index is its place in that order. Between 2 and ``MAX_CLASSES``
classes. Every visible file inside a class folder (also in its visible
sub-folders) is an image of that class; hidden files and folders (a leading
".") are ignored, as are files beside the class folders.

Each file is decoded by ``decode(path) -> (H, W) | (H, W, 3|4) uint8`` (the
caller's image reader: ``visualizer.imagefile.read_image``, which this module,
being part of the Qt-free core, does not import) and prepared exactly like the
drawing pad's drawings and ``visualizer predict``'s images:
``preprocess.image_to_input`` (ink detected, dark-on-light inverted, the
shape boxed to 20 px and centred in 28x28), stored as uint8.

Test images: a deterministic share of each class is held out as the test set.
In each class's natural file order, every ``TEST_EVERY``-th image (the 7th,
14th, 21st...) is a test image; a class of 2 to 6 images gives its last one,
so every class with two or more images is tested. The rest are training
images (of which training holds out its own validation split).

A file that cannot be read (not an image, corrupt, empty) or holds no ink is
skipped and counted; ``FolderImages.skipped`` names the first
``NAMED_SKIPS`` with the reason. A class folder with no usable image, fewer
than two classes or more than ``MAX_CLASSES`` raise ``DataError``.

Memory stays bounded: the (N, 28, 28) uint8 result is allocated once for the
N files found, and one image is decoded at a time. ``progress(done, total)``
is called with files prepared so far; ``cancel() -> bool`` stops between two
files with ``DownloadCancelled``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .errors import DataError, DownloadCancelled, VisualizerError
from .memory import check_fits
from .preprocess import image_to_input

MAX_CLASSES = 100
TEST_EVERY = 7
NAMED_SKIPS = 5

Decoder = Callable[[Path], np.ndarray]
_decoder: Decoder | None = None


def use_decoder(decode: Decoder) -> None:
    """Make ``decode`` the image reader of image folders loaded without one (the app and the
    command line install ``visualizer.imagefile.read_image``)."""
    global _decoder
    _decoder = decode


def decoder(decode: Decoder | None = None) -> Decoder:
    """``decode``, else the one installed by ``use_decoder``; DataError when there is none."""
    chosen = decode if decode is not None else _decoder
    if chosen is None:
        raise DataError("image folders need an image reader; none is installed "
                        "(visualizer.imagefile.read_image is the program's)")
    return chosen


@dataclass(frozen=True)
class FolderImages:
    """What ``read_image_folder`` prepared (arrays as ``Dataset`` takes them).

    x_train, x_test   (N, 28, 28), (M, 28, 28) uint8, white ink on black
    y_train, y_test   (N,), (M,) uint8 class indices into ``class_names``
    class_names       the class folders' names, in natural order
    n_files           files tried (images prepared + skipped)
    n_skipped         files that could not be used
    skipped           ("path: reason", ...) for the first ``NAMED_SKIPS`` of them
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    n_files: int
    n_skipped: int
    skipped: tuple[str, ...]

    def notes(self) -> tuple[str, ...]:
        """One line about the skipped files (empty when none were)."""
        if not self.n_skipped:
            return ()
        shown = "; ".join(self.skipped)
        more = f"; and {self.n_skipped - len(self.skipped)} more" if self.n_skipped > len(self.skipped) else ""
        return (f"{self.n_skipped} of {self.n_files} files skipped (not usable images): {shown}{more}",)


def natural_key(name: str) -> list:
    """'img10' after 'img9', '10' after '2': digit runs compare as numbers, letters case-blind."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.lower())
            for part in re.split(r"(\d+)", name) if part != ""]


def _visible(entry: os.DirEntry | Path) -> bool:
    return not entry.name.startswith(".")


def _class_folders(folder: Path) -> list[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        raise DataError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from None
    dirs = [Path(e.path) for e in entries if _visible(e) and e.is_dir()]
    return sorted(dirs, key=lambda p: natural_key(p.name))


def is_image_folder(folder: Path) -> bool:
    """True when ``folder`` has at least one visible sub-folder (a class folder)."""
    try:
        return bool(_class_folders(folder))
    except DataError:
        return False


def _files_of(class_dir: Path) -> list[Path]:
    """The visible files under ``class_dir`` (visible sub-folders too), in natural order."""
    found: list[Path] = []
    for root, dirs, files in os.walk(class_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / f for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: [natural_key(part) for part in p.relative_to(class_dir).parts])


def held_out_positions(n: int) -> np.ndarray:
    """Indices (in file order) of a class's test images among its ``n`` files (module doc)."""
    picks = np.arange(TEST_EVERY - 1, n, TEST_EVERY)
    if picks.size == 0 and n >= 2:
        picks = np.array([n - 1])
    return picks.astype(np.intp)


def _listing(folder: Path) -> tuple[list[str], list[list[Path]]]:
    classes = _class_folders(folder)
    if len(classes) < 2:
        found = f"found only {classes[0].name!r}" if classes else "found none"
        raise DataError(f"{folder}: an image folder needs at least 2 class folders "
                        f"(e.g. {folder.name}/0/, {folder.name}/1/); {found}")
    if len(classes) > MAX_CLASSES:
        raise DataError(f"{folder}: {len(classes)} class folders; at most {MAX_CLASSES} classes are supported")
    files = [_files_of(c) for c in classes]
    empty = [c.name for c, f in zip(classes, files) if not f]
    if empty:
        raise DataError(f"{folder}: class folder(s) {', '.join(map(repr, empty))} hold no image files")
    return [c.name for c in classes], files


def read_image_folder(folder: Path, decode: Callable[[Path], np.ndarray], *,
                      progress: Callable[[int, int | None], None] | None = None,
                      cancel: Callable[[], bool] | None = None) -> FolderImages:
    """Prepare every image under ``folder``'s class folders (see the module doc)."""
    folder = Path(folder)
    names, files = _listing(folder)
    total = sum(len(f) for f in files)
    check_fits(total * 28 * 28, f"the {total:,} images of {folder} (28x28 each)")
    images = np.zeros((total, 28, 28), np.uint8)          # (N, 28, 28): one slot per file
    labels = np.zeros(total, np.uint8)
    is_test = np.zeros(total, bool)
    kept = 0
    n_skipped, skipped = 0, []
    done = 0
    for c, class_files in enumerate(files):
        ok_in_class: list[int] = []
        for path in class_files:
            if cancel is not None and cancel():
                raise DownloadCancelled(f"preparing the images of {folder} was cancelled")
            x, why = _prepare(path, decode)
            done += 1
            if progress is not None:
                progress(done, total)
            if x is None:
                n_skipped += 1
                if len(skipped) < NAMED_SKIPS:
                    skipped.append(why)
                continue
            images[kept] = np.clip(np.rint(x * 255.0), 0, 255).astype(np.uint8)   # (28, 28) [0, 1] -> uint8
            labels[kept] = c
            ok_in_class.append(kept)
            kept += 1
        if not ok_in_class:
            raise DataError(f"{folder}: class folder {names[c]!r} holds no readable image "
                            f"({len(class_files)} file(s) could not be used: {why})")
        is_test[np.asarray(ok_in_class)[held_out_positions(len(ok_in_class))]] = True
    test, train = np.flatnonzero(is_test[:kept]), np.flatnonzero(~is_test[:kept])
    return FolderImages(images[train], labels[train], images[test], labels[test], tuple(names),
                        total, n_skipped, tuple(skipped))


def _prepare(path: Path, decode) -> tuple[np.ndarray | None, str]:
    """(image_to_input's (28, 28) float32 in [0, 1], "") or (None, "path: why it was skipped")."""
    try:
        x = image_to_input(decode(path))
    except VisualizerError as exc:
        text = str(exc)
        return None, text if str(path) in text else f"{path}: {text}"
    except (OSError, ValueError) as exc:
        return None, f"{path}: {exc}"
    if x is None:
        return None, f"{path}: blank, no ink"
    return x, ""
