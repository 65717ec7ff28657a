"""NumPy <-> QImage without per-pixel Python loops.

``rgba_image(arr)``   (H, W, 4) uint8 RGBA (opaque, or fully transparent 0,0,0,0 pixels)
                      -> QImage ARGB32_Premultiplied (owns its pixels)
``gray_image(arr)``   (H, W) uint8 -> QImage RGB32 grey (owns its pixels)
``argb_image(arr)``   (H, W) uint32 0xAARRGGBB premultiplied -> QImage ARGB32_Premultiplied
                      (owns its pixels)

Both produce the raster engine's native formats, so drawing them scaled is a
fast path (no per-paint format conversion).
``gray_array(img)``   QImage Format_Grayscale8 -> (H, W) uint8 view of its buffer
                      (valid while ``img`` lives and is not painted on; copy to keep)
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def rgba_image(arr: np.ndarray) -> QImage:
    """(H, W, 4) uint8 RGBA, each pixel opaque or (0, 0, 0, 0) -> a QImage that owns its pixels.

    Such pixels are already premultiplied, so they are taken as RGBA8888_Premultiplied and
    converted once to the native ARGB32_Premultiplied.
    """
    arr = np.ascontiguousarray(arr, dtype=np.uint8)
    h, w = arr.shape[:2]
    img = QImage(arr.data, w, h, w * 4, QImage.Format.Format_RGBA8888_Premultiplied)
    return img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)   # a detached copy


def argb_image(arr: np.ndarray) -> QImage:
    """(H, W) uint32 premultiplied 0xAARRGGBB pixels -> an ARGB32_Premultiplied QImage that owns them."""
    arr = np.ascontiguousarray(arr, dtype=np.uint32)
    h, w = arr.shape
    return QImage(arr.data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied).copy()


def gray_image(arr: np.ndarray) -> QImage:
    """(H, W) uint8 grey levels -> an RGB32 QImage that owns its pixels."""
    g = np.ascontiguousarray(arr, dtype=np.uint8).astype(np.uint32)
    h, w = g.shape
    argb = np.ascontiguousarray(0xFF000000 | (g << 16) | (g << 8) | g, dtype=np.uint32)
    img = QImage(argb.data, w, h, w * 4, QImage.Format.Format_RGB32)
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
