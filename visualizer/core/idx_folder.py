"""Finding the four MNIST IDX files in a folder, under the names they go by.

    find_idx_files(folder) -> {("train"|"test", "images"|"labels"): path}   what is there
    idx_files_or_error(folder) -> the four files, {} for a folder holding a Keras-layout
                                  mnist.npz instead; DataError naming what is missing

Accepted names: ``train-images-idx3-ubyte[.gz]``, ``train-labels-idx1-ubyte``,
``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte``, with '.' or '_' instead of
'-' and ``test`` instead of ``t10k``; a raw file wins over a gzipped one.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import DataError

NAME_RE = re.compile(r"^(train|t10k|test)[-._](images|labels)[-._]idx([13])[-._]ubyte(\.gz)?$", re.I)


def find_idx_files(folder: Path) -> dict[tuple[str, str], Path]:
    """{("train"|"test", "images"|"labels"): path} for the IDX files found in ``folder``."""
    found: dict[tuple[str, str], list[Path]] = {}
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise DataError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from exc
    for p in entries:
        m = NAME_RE.match(p.name)
        if not m or not p.is_file():
            continue
        part = "train" if m.group(1).lower() == "train" else "test"
        kind = m.group(2).lower()
        if (kind == "images") != (m.group(3) == "3"):
            continue
        found.setdefault((part, kind), []).append(p)
    return {k: sorted(v, key=lambda q: q.suffix == ".gz")[0] for k, v in found.items()}


EXPECTED = {("train", "images"): "train-images-idx3-ubyte[.gz]",
            ("train", "labels"): "train-labels-idx1-ubyte[.gz]",
            ("test", "images"): "t10k-images-idx3-ubyte[.gz]",
            ("test", "labels"): "t10k-labels-idx1-ubyte[.gz]"}


def idx_files_or_error(folder: Path) -> dict[tuple[str, str], Path]:
    """The four files (keys as ``EXPECTED``); {} when the folder holds a Keras-layout mnist.npz
    instead; DataError naming the missing files otherwise."""
    files = find_idx_files(folder)
    missing = [name for key, name in EXPECTED.items() if key not in files]
    if missing:
        if (folder / "mnist.npz").is_file():
            return {}
        raise DataError(f"{folder}: not an MNIST-format folder; missing {', '.join(missing)} "
                        f"(or a Keras-layout mnist.npz, or class folders of images)")
    return files
