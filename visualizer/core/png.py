"""PNG files from NumPy arrays, with zlib alone (no Qt, no imaging library).

    encode_png(pixels) -> bytes          (H, W, 3) uint8 RGB or (H, W) uint8 grayscale
    write_png(path, pixels)              the same, written atomically (``core.atomic``)

8 bits per channel, no interlacing, filter type 0 on every row, one IDAT chunk:
what every PNG reader understands. Pictures the command line draws without a
window (the loss landscape's ``--png``) are written with it.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

from .atomic import atomic_write_bytes

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(tag: bytes, data: bytes) -> bytes:
    """length, tag, data, CRC-32 of tag + data (the PNG chunk layout)."""
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def encode_png(pixels: np.ndarray, level: int = 6) -> bytes:
    """The PNG file of ``pixels``: (H, W, 3) uint8 RGB or (H, W) uint8 grayscale, H, W >= 1."""
    a = np.asarray(pixels)
    if a.dtype != np.uint8 or a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] != 3) or 0 in a.shape:
        raise ValueError(f"pixels must be (H, W, 3) or (H, W) uint8 with H, W >= 1, got {a.shape} {a.dtype}")
    h, w = a.shape[:2]
    colour_type = 2 if a.ndim == 3 else 0
    rows = np.ascontiguousarray(a).reshape(h, -1)                           # (H, W * channels)
    raw = np.concatenate([np.zeros((h, 1), np.uint8), rows], axis=1)        # a 0 (no filter) before each row
    header = struct.pack(">IIBBBBB", w, h, 8, colour_type, 0, 0, 0)
    return (SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw.tobytes(), level))
            + _chunk(b"IEND", b""))


def write_png(path, pixels: np.ndarray) -> None:
    """Write ``pixels`` to ``path`` as PNG, atomically."""
    atomic_write_bytes(path, encode_png(pixels))
