"""Helpers for the command-line tests: run ``python -m visualizer`` in a subprocess.

The tests drive the real program end to end (argument parsing, exit codes,
stdout/stderr) on small real data: the embedded 5,000-digit sample, tiny
networks, few epochs.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m visualizer ARGS`` -> CompletedProcess with text stdout/stderr."""
    return subprocess.run([sys.executable, "-m", "visualizer", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=env or cli_env())


def assert_one_line_error(proc: subprocess.CompletedProcess, *culprits: str) -> str:
    """Exit code 2, exactly one line on stderr, no traceback, naming each culprit."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert lines[0].startswith("visualizer"), lines[0]
    for c in culprits:
        assert c in lines[0], (c, lines[0])
    return lines[0]


def write_png(path: Path, pixels: np.ndarray) -> Path:
    """A minimal valid PNG: (H, W) uint8 grayscale or (H, W, 3) uint8 RGB, zlib-compressed."""
    pixels = np.ascontiguousarray(pixels, np.uint8)
    h, w = pixels.shape[:2]
    color_type = 0 if pixels.ndim == 2 else 2

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + pixels[r].tobytes() for r in range(h))   # filter 0 per row
    data = (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))
    path.write_bytes(data)
    return path


def write_idx(path: Path, arr: np.ndarray) -> None:
    """IDX file (ubyte): magic 0x0000 08 ndim, big-endian dims, then the bytes."""
    arr = np.ascontiguousarray(arr, np.uint8)
    header = struct.pack(">HBB", 0, 8, arr.ndim) + b"".join(struct.pack(">I", d) for d in arr.shape)
    path.write_bytes(header + arr.tobytes())
