"""A dataset's images as the network's inputs, and the stratified split for validation.

    as_inputs(x)                          (..., 28, 28) uint8 -> (..., 784) float32 in [0, 1]
    split_validation(x, y, fraction, rng) stratified (x_tr, y_tr, x_val, y_val)

``dataset.Dataset`` holds uint8 images; everything that trains or evaluates a
network (training loop, command line, app) turns them into float32 rows here,
and holds out its validation images with ``split_validation``.
"""

from __future__ import annotations

import numpy as np

from .errors import DataError
from .memory import check_fits


def as_inputs(x: np.ndarray) -> np.ndarray:
    """(..., 28, 28) uint8 -> (..., 784) float32 in [0, 1] (a new, writable array)."""
    x = np.asarray(x)
    if x.shape[-2:] != (28, 28):
        raise DataError(f"images must be 28x28, got shape {x.shape}")
    if x.size * 4 > 1 << 26:            # above 64 MB (17,000 images): will it fit?
        check_fits(x.size * 4, f"the {x.size // 784:,} images as network input (float32)")
    out = x.reshape(*x.shape[:-2], 784).astype(np.float32)
    if x.dtype == np.uint8 or np.issubdtype(x.dtype, np.integer):
        out *= np.float32(1.0 / 255.0)
    return out


def split_validation(x: np.ndarray, y: np.ndarray, fraction: float, rng: np.random.Generator
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Stratified split: (x_tr, y_tr, x_val, y_val), round(fraction * n_c) of each class to val.

    Works for (N, 28, 28) or (N, 784) x. Both parts come back shuffled (by
    ``rng``) and as new arrays; fraction 0 gives empty validation arrays.
    """
    y = np.asarray(y)
    if not 0.0 <= fraction < 1.0:
        raise DataError(f"the validation fraction must be in [0, 1), got {fraction}")
    if len(x) != len(y):
        raise DataError(f"{len(x)} images but {len(y)} labels")
    val_idx, tr_idx = [], []
    for c in np.unique(y):
        members = np.flatnonzero(y == c)
        rng.shuffle(members)
        k = int(round(fraction * members.size))
        if fraction > 0 and k == 0 and members.size >= 2:
            k = 1                        # every class with two or more examples is validated
        val_idx.append(members[:k])
        tr_idx.append(members[k:])
    tr = np.concatenate(tr_idx) if tr_idx else np.zeros(0, np.int64)
    va = np.concatenate(val_idx) if val_idx else np.zeros(0, np.int64)
    rng.shuffle(tr)
    rng.shuffle(va)
    return x[tr], y[tr], x[va], y[va]
