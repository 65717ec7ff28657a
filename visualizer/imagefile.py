"""Decode image files (PNG, JPEG, BMP, and whatever else Qt reads) into NumPy arrays.

    read_image(path) -> np.ndarray
        (H, W) uint8 for greyscale images without transparency,
        (H, W, 4) uint8 RGBA otherwise (row 0 at the top, EXIF orientation applied).
    MAX_PIXELS = 50_000_000: larger images are refused before decoding.
    MAX_SIDE = 2048: larger images are scaled down (smoothly, aspect kept) right
    after decoding, so the arrays handed on stay small (a 49-megapixel photo
    would otherwise cost about a gigabyte in the preprocessing).

Decoding uses ``PySide6.QtGui.QImageReader``/``QImage``, so no new dependency;
it works without a ``QGuiApplication`` (plain image decoding needs none, the
format plugins are found from Qt's library paths), so the command line can use
it headless. Lives outside ``visualizer.core`` because core never imports Qt.

Every failure raises ``ImageError`` naming the file: missing, a folder, empty,
not an image (or a format Qt cannot read), absurdly large, or corrupt.
Feed the result to ``visualizer.core.preprocess.image_to_input``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader

from visualizer.core.errors import ImageError

MAX_PIXELS = 50_000_000
MAX_SIDE = 2048


def _to_array(image: QImage, fmt: QImage.Format, channels: int) -> np.ndarray:
    image = image.convertToFormat(fmt)
    h, w = image.height(), image.width()
    bpl = image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)
    arr = buf[:, :w * channels].copy()                       # drop the per-line padding, own the memory
    return arr.reshape(h, w) if channels == 1 else arr.reshape(h, w, channels)


def read_image(path: str | os.PathLike) -> np.ndarray:
    """Decode ``path`` into (H, W) or (H, W, 4) uint8 (see module doc); ImageError naming the file."""
    path = Path(path)
    if not path.exists():
        raise ImageError(f"{path}: file not found")
    if path.is_dir():
        raise ImageError(f"{path}: is a folder, not an image file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImageError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if size == 0:
        raise ImageError(f"{path}: the file is empty")
    if not os.access(path, os.R_OK):
        raise ImageError(f"{path}: permission denied")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    if not reader.canRead():
        raise ImageError(f"{path}: not an image in a format this program reads "
                         f"(PNG, JPEG, BMP, GIF, TIFF, WebP...)")
    dims = reader.size()
    if dims.isValid():
        if dims.width() <= 0 or dims.height() <= 0:
            raise ImageError(f"{path}: the image has no pixels ({dims.width()}x{dims.height()})")
        if dims.width() * dims.height() > MAX_PIXELS:
            raise ImageError(f"{path}: the image is too large ({dims.width()}x{dims.height()} pixels; "
                             f"at most {MAX_PIXELS // 1_000_000} megapixels are accepted)")
    image = reader.read()
    if image.isNull():
        raise ImageError(f"{path}: the image cannot be decoded ({reader.errorString()})")
    if image.width() * image.height() > MAX_PIXELS:
        raise ImageError(f"{path}: the image is too large ({image.width()}x{image.height()} pixels)")
    grey = image.isGrayscale() and not image.hasAlphaChannel()
    if max(image.width(), image.height()) > MAX_SIDE:
        image = image.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    if grey:
        return _to_array(image, QImage.Format.Format_Grayscale8, 1)
    return _to_array(image, QImage.Format.Format_RGBA8888, 4)
