"""The Keras layout of MNIST: one ``.npz`` with x_train, y_train, x_test and y_test.

``read_keras_npz(path)`` checks the declared sizes against the memory available
before reading (``npzheaders``), reads only those four members, and accepts
(N, 28, 28) or (N, 784) images of integer pixels 0..255 and integer labels 0..9.
Anything else is a ``DataError`` naming the file and what is wrong with it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import npzheaders
from .errors import DataError


MEMBERS = ("x_train", "y_train", "x_test", "y_test")


def read_keras_npz(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x_train, y_train, x_test, y_test) of a Keras-layout ``.npz``: (N, 28, 28) uint8 images,
    (N,) uint8 labels 0..9; DataError naming the file and the defect."""
    _check_is_zip(path)
    npzheaders.check_fits_loaded(path, MEMBERS, as_uint8=("x_train", "x_test"))
    arrays = _read_members(path)
    x_train, y_train = _checked_part(path, "train", arrays["x_train"], arrays["y_train"])
    x_test, y_test = _checked_part(path, "test", arrays["x_test"], arrays["y_test"])
    return x_train, y_train, x_test, y_test


def _check_is_zip(path: Path) -> None:
    """DataError unless ``path`` can be opened and starts like a zip archive."""
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not magic.startswith(b"PK"):     # np.load would call anything else a pickle, "load it unsafely"
        raise DataError(f"{path}: not a readable .npz file " + ("(the file is empty)" if not magic
                                                                else "(not a zip archive)"))


def _read_members(path: Path) -> dict[str, np.ndarray]:
    """The four arrays (as stored), read without pickles; DataError for a missing or damaged one."""
    try:
        with np.load(path, allow_pickle=False) as z:
            missing = [k for k in MEMBERS if k not in z.files]
            if missing:
                raise DataError(f"{path}: not a Keras-layout MNIST file; missing array(s) "
                                f"{', '.join(missing)} (has {', '.join(z.files) or 'nothing'})")
            arrays = {k: z[k] for k in MEMBERS}
    except DataError:
        raise
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except Exception as exc:  # noqa: BLE001 - damaged zip or .npy header (OSError, ValueError, SyntaxError,
        # tokenize.TokenError, MemoryError for an absurd declared shape...): all mean an unreadable file
        raise DataError(f"{path}: not a readable .npz file ({type(exc).__name__}: {exc})") from None
    for k, v in arrays.items():
        if not isinstance(v, np.ndarray):          # NpzFile hands back raw bytes for a non-.npy member
            raise DataError(f"{path}: {k} is not a NumPy array; the file is corrupt")
    return arrays


def _checked_part(path: Path, part: str, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x_{part} as (N, 28, 28) uint8 (from (N, 784) too) and y_{part} as (N,) uint8 labels 0..9."""
    if x.ndim == 2 and x.shape[1] == 784:
        x = x.reshape(-1, 28, 28)
    if x.ndim != 3 or x.shape[1:] != (28, 28):
        raise DataError(f"{path}: x_{part} must be (N, 28, 28) images, got shape {x.shape}")
    if x.shape[0] == 0:
        raise DataError(f"{path}: x_{part} holds zero images")
    if x.dtype != np.uint8:
        if not np.issubdtype(x.dtype, np.integer) or x.min() < 0 or x.max() > 255:
            raise DataError(f"{path}: x_{part} must hold integer pixels 0..255, got {x.dtype}")
        x = x.astype(np.uint8)
    y = y.reshape(-1)
    if not np.issubdtype(y.dtype, np.integer):
        raise DataError(f"{path}: y_{part} must hold integer labels, got {y.dtype}")
    if y.size and (y.min() < 0 or y.max() > 9):
        raise DataError(f"{path}: y_{part} has labels outside 0-9 (min {y.min()}, max {y.max()})")
    if y.shape[0] != x.shape[0]:
        raise DataError(f"{path}: x_{part} holds {x.shape[0]} images but y_{part} {y.shape[0]} labels")
    return x, y.astype(np.uint8)
