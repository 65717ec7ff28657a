"""What the arrays of a ``.npz`` archive declare, read without reading the arrays.

    member_keys(path) -> [str]
        The array names in the archive (members ``NAME.npy``).
    declared(path, keys) -> {key: (shape, dtype, nbytes)}
        For each of ``keys`` present in the archive (member ``key.npy``), the
        shape and dtype its .npy header declares and the bytes they need. Keys
        that are absent are left out. Damaged archives or headers raise what
        ``zipfile`` / ``numpy.lib.format`` raise (callers name the file).

    check_fits_loaded(path, keys, as_uint8=())
        DataError (``memory.check_fits``) when loading ``keys`` would not fit
        in memory: the arrays as declared, plus a uint8 copy of the ``as_uint8``
        ones stored in a wider type. A damaged archive is left to the loader.

Readers of untrusted files (models, Keras datasets) look here first, check
the sizes against what they expect and against memory, and only then load
the members they need: a small archive declaring gigabytes, or holding a huge
member nobody uses, costs nothing.
"""

from __future__ import annotations

import os
import zipfile

import numpy as np

from .memory import check_fits


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


def check_fits_loaded(path: str | os.PathLike, keys, as_uint8=()) -> None:
    """Refuse, before loading, arrays whose declared sizes cannot fit in memory (see module doc)."""
    try:
        info = declared(path, keys)
    except Exception:  # noqa: BLE001 - a damaged archive: the loader names the defect
        return
    need = sum(nbytes for _, _, nbytes in info.values())
    for key in as_uint8:
        if key in info and info[key][1] != np.uint8:
            need += info[key][2] // max(1, info[key][1].itemsize)
    shapes = ", ".join(f"{k} {'x'.join(map(str, v[0])) or 'scalar'}" for k, v in info.items())
    check_fits(need, f"{path}: its arrays ({shapes})")
