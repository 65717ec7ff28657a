"""NumPy <-> QImage without per-pixel Python loops.

``rgba_image(arr)``   (H, W, 4) uint8 RGBA -> QImage (owns a copy of the pixels)
``gray_image(arr)``   (H, W) uint8 -> QImage Format_Grayscale8 (owns a copy)
``gray_array(img)``   QImage Format_Grayscale8 -> (H, W) uint8 view of its buffer
                      (valid while ``img`` lives and is not painted on; copy to keep)
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def rgba_image(arr: np.ndarray) -> QImage:
    """(H, W, 4) uint8 RGBA -> a QImage that owns its pixels."""
    arr = np.ascontiguousarray(arr, dtype=np.uint8)
    h, w = arr.shape[:2]
    img = QImage(arr.data, w, h, w * 4, QImage.Format.Format_RGBA8888)
    return img.copy()          # detach from the NumPy buffer


def gray_image(arr: np.ndarray) -> QImage:
    """(H, W) uint8 -> a Grayscale8 QImage that owns its pixels."""
    arr = np.ascontiguousarray(arr, dtype=np.uint8)
    h, w = arr.shape
    img = QImage(arr.data, w, h, w, QImage.Format.Format_Grayscale8)
    return img.copy()


def gray_array(img: QImage) -> np.ndarray:
    """A Grayscale8 QImage -> (H, W) uint8 view of its pixel buffer (no copy)."""
    if img.format() != QImage.Format.Format_Grayscale8:
        raise ValueError(f"expected a Grayscale8 image, got format {img.format()}")
    h, w, stride = img.height(), img.width(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * stride)
    return buf.reshape(h, stride)[:, :w]


def unit_float_to_gray(x: np.ndarray) -> np.ndarray:
    """Float pixels in [0, 1] (any shape) -> uint8 0..255 of the same shape."""
    return np.clip(np.asarray(x, dtype=np.float32) * 255.0 + 0.5, 0, 255).astype(np.uint8)
