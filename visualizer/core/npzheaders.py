"""What the arrays of a ``.npz`` archive declare, read without reading the arrays.

    member_keys(path) -> [str]
        The array names in the archive (members ``NAME.npy``).
    declared(path, keys) -> {key: (shape, dtype, nbytes)}
        For each of ``keys`` present in the archive (member ``key.npy``), the
        shape and dtype its .npy header declares and the bytes they need. Keys
        that are absent are left out. Damaged archives or headers raise what
        ``zipfile`` / ``numpy.lib.format`` raise (callers name the file).

Readers of untrusted files (models, Keras datasets) look here first, check
the sizes against what they expect and against memory, and only then load
the members they need: a small archive declaring gigabytes, or holding a huge
member nobody uses, costs nothing.
"""

from __future__ import annotations

import os
import zipfile

import numpy as np


def _header(f) -> tuple[tuple[int, ...], np.dtype]:
    version = np.lib.format.read_magic(f)
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(f)
    elif version == (2, 0):
        shape, _, dtype = np.lib.format.read_array_header_2_0(f)
    else:
        raise ValueError(f"unsupported .npy format version {version}")
    return tuple(int(d) for d in shape), np.dtype(dtype)


def declared(path: str | os.PathLike, keys) -> dict[str, tuple[tuple[int, ...], np.dtype, int]]:
    """Shape, dtype and byte size each present key declares (see module doc)."""
    out = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        for key in keys:
            member = f"{key}.npy"
            if member not in names:
                continue
            with z.open(member) as f:
                shape, dtype = _header(f)
            count = 1
            for d in shape:
                count *= d
            out[key] = (shape, dtype, count * dtype.itemsize)
    return out


def member_keys(path: str | os.PathLike) -> list[str]:
    """The array names in the archive (members ending in .npy, without it)."""
    with zipfile.ZipFile(path) as z:
        return [n[:-4] for n in z.namelist() if n.endswith(".npy")]
