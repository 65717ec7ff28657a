"""Shared pieces of the reliability suite (issue #7): tiny real data, bad-file builders, CLI runner.

Everything here builds REAL inputs: IDX files through ``idx.encode_idx``, model
files through ``persistence.save_checkpoint`` then damaged on purpose, images as
real PNG bytes. The CLI runs as ``python -m visualizer`` in a subprocess, with
the isolated XDG/data folders ``tests/conftest.py`` put into the environment.
"""

from __future__ import annotations

import gzip
import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]

IDX_NAMES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}


# ----------------------------------------------------------------------------- data

def tiny_digits(n_train: int = 300, n_test: int = 60, seed: int = 0):
    """Real MNIST digits from the embedded sample: (x_tr, y_tr, x_te, y_te) uint8, every class present."""
    from visualizer.core.dataset import load_dataset

    full = load_dataset("sample")
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(full.n_train, size=n_train, replace=False))
    tidx = np.sort(rng.choice(full.n_test, size=n_test, replace=False))
    return (full.x_train[idx].copy(), full.y_train[idx].copy(),
            full.x_test[tidx].copy(), full.y_test[tidx].copy())



def write_idx_folder(folder: Path, digits, **override: bytes) -> Path:
    """The four gzipped IDX files of ``digits``; ``override`` replaces a file's bytes
    (keys of IDX_NAMES; the bytes are written as they are, under the .gz name)."""
    from visualizer.core.idx import encode_idx

    folder.mkdir(parents=True, exist_ok=True)
    x_tr, y_tr, x_te, y_te = digits
    arrays = {"train_images": x_tr, "train_labels": y_tr, "test_images": x_te, "test_labels": y_te}
    for key, name in IDX_NAMES.items():
        data = override[key] if key in override else gzip.compress(encode_idx(arrays[key]), 1)
        (folder / name).write_bytes(data)
    return folder


def idx_header(code: int, dims: tuple[int, ...]) -> bytes:
    return struct.pack(">HBB", 0, code, len(dims)) + struct.pack(f">{len(dims)}I", *dims)


# ----------------------------------------------------------------------------- models

def small_model(hidden=(8,), seed: int = 0):
    from visualizer.core.config import NetworkConfig
    from visualizer.core.network import MLP

    return MLP(NetworkConfig(hidden=tuple(hidden)), rng=np.random.default_rng(seed))


def model_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


def rewrite_model(src: Path, dst: Path, *, drop=(), arrays=None, doc=None, raw_config=None) -> Path:
    """A copy of the model file ``src`` with arrays dropped/replaced and JSON keys changed.

    ``doc``: {key: value} set in the JSON document (value ``...`` deletes the key).
    """
    a = model_arrays(src)
    for k in drop:
        a.pop(k)
    a.update(arrays or {})
    if raw_config is not None:
        a["config"] = raw_config
    elif doc:
        d = json.loads(str(a["config"]))
        for k, v in doc.items():
            if v is ...:
                d.pop(k, None)
            else:
                d[k] = v
        a["config"] = np.array(json.dumps(d))
    with open(dst, "wb") as f:
        np.savez(f, **a)
    return dst


# ----------------------------------------------------------------------------- images

def png_bytes(pixels: np.ndarray) -> bytes:
    """A valid PNG of (H, W) uint8 grayscale or (H, W, 3) uint8 RGB pixels."""
    pixels = np.ascontiguousarray(pixels, np.uint8)
    h, w = pixels.shape[:2]
    color_type = 0 if pixels.ndim == 2 else 2

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + pixels[r].tobytes() for r in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def digit_png(digits, i: int = 0, invert: bool = True, scale: int = 4) -> bytes:
    """A real digit as a PNG scanned the way people write: dark ink on white, scaled up."""
    img = digits[0][i]
    if scale > 1:
        img = np.kron(img, np.ones((scale, scale), np.uint8))
    return png_bytes(255 - img if invert else img)


# ----------------------------------------------------------------------------- command line

def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_cli(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "visualizer", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env=cli_env())


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    """Exit 2, exactly one line on stderr, no traceback, containing every needle."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-2000:], proc.stderr[-4000:])
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("visualizer"), lines[0]
    for n in needles:
        assert n.lower() in lines[0].lower(), (n, lines[0])
    return lines[0]
