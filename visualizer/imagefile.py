"""Decode image files (PNG, JPEG, BMP, and whatever else Qt reads) into NumPy arrays.

    read_image(path) -> np.ndarray
        (H, W) uint8 for greyscale images without transparency,
        (H, W, 4) uint8 RGBA otherwise (row 0 at the top, EXIF orientation applied).
    MAX_PIXELS = 50_000_000: larger images are refused before decoding.
    MAX_SIDE = 2048: larger images are scaled down (smoothly, aspect kept) right
    after decoding, so the arrays handed on stay small (a 49-megapixel photo
    would otherwise cost about a gigabyte in the preprocessing).
    MAX_FILE_BYTES = 256 MB: larger files are refused before reading.

The bytes are read by Python and decoded from memory, so any file name works
(also one that is not valid UTF-8) and only regular files are read (a FIFO
would block). Vector images (SVG, also gzipped, PDF, PostScript) are refused
with a clear message: rendering them is unbounded in time and memory (nested
``<use>`` elements) and Qt's SVG renderer aborts the process on some files.

Decoding uses ``PySide6.QtGui.QImageReader``/``QImage``, so no new dependency;
it works without a ``QGuiApplication`` (plain image decoding needs none, the
format plugins are found from Qt's library paths), so the command line can use
it headless. Lives outside ``visualizer.core`` because core never imports Qt.

Every failure raises ``ImageError`` naming the file: missing, a folder or
another non-regular file, empty, a vector image, not an image (or a format Qt
cannot read), absurdly large, or corrupt.
Feed the result to ``visualizer.core.preprocess.image_to_input``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader

from visualizer.core.errors import ImageError

MAX_PIXELS = 50_000_000
MAX_SIDE = 2048
MAX_FILE_BYTES = 256_000_000
VECTOR_FORMATS = {b"svg", b"svgz", b"pdf", b"ps", b"eps"}


def _to_array(image: QImage, fmt: QImage.Format, channels: int) -> np.ndarray:
    image = image.convertToFormat(fmt)
    h, w = image.height(), image.width()
    bpl = image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)
    arr = buf[:, :w * channels].copy()                       # drop the per-line padding, own the memory
    return arr.reshape(h, w) if channels == 1 else arr.reshape(h, w, channels)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, read by Python (any file name works, even one that is not valid
    UTF-8); ImageError for what is not a regular, readable, non-empty, not absurdly big file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ImageError(f"{path}: file not found") from None
    except OSError as exc:
        raise ImageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImageError(f"{path}: is a folder, not an image file")
    if not stat.S_ISREG(info.st_mode):      # a FIFO would block forever, a device never ends
        raise ImageError(f"{path}: is not a regular file (a device, a named pipe or a socket)")
    if info.st_size == 0:
        raise ImageError(f"{path}: the file is empty")
    if info.st_size > MAX_FILE_BYTES:
        raise ImageError(f"{path}: the file is too large for an image of a digit "
                         f"({info.st_size / 1e6:,.0f} MB; at most {MAX_FILE_BYTES // 1_000_000} MB)")
    try:
        with open(path, "rb") as f:
            return f.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise ImageError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ImageError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _is_vector(data: bytes, fmt: bytes) -> bool:
    """SVG (also gzipped), PDF or PostScript: drawn by a renderer, not decoded."""
    if fmt.lower() in VECTOR_FORMATS:
        return True
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (head.startswith((b"%pdf", b"%!ps")) or b"<svg" in head
            or (head.startswith(b"<?xml") and b"<svg" in data[:65536].lower()))


def read_image(path: str | os.PathLike) -> np.ndarray:
    """Decode ``path`` into (H, W) or (H, W, 4) uint8 (see module doc); ImageError naming the file."""
    path = Path(path)
    data = _read_bytes(path)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    fmt = bytes(reader.format())
    if _is_vector(data, fmt):
        raise ImageError(f"{path}: vector images (SVG, PDF) are not supported; "
                         f"export it as a PNG or JPEG first")
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
