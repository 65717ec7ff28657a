"""Reader for IDX files, the format MNIST and Fashion-MNIST are distributed in.

Format (big-endian)::

    bytes 0-1  zero
    byte  2    element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
               0x0D float32, 0x0E float64
    byte  3    number of dimensions d
    then d     uint32 sizes, then prod(sizes) elements, row-major

Files may be raw or gzip-compressed (detected from the content, not the name).

    read_idx(path)         -> ndarray of the declared type and shape (any IDX)
    read_images(path)      -> (N, 28, 28) uint8    (idx3, ubyte, 28x28, N >= 1)
    read_labels(path)      -> (N,) uint8 in 0..9   (idx1, ubyte, N >= 1)
    read_pair(img, lab)    -> (x, y), the two counts must match

Every defect (missing file, not IDX, wrong magic, element type or dimensions,
data shorter or longer than the header says, truncated or corrupt gzip, zero
images, images not 28x28, labels outside 0-9, image/label counts that differ)
raises one ``DataError`` whose message names the file and the defect. The
decompressed size is bounded by what the header declares, and what the header
declares is checked against the memory available (``memory.check_fits``)
before anything is allocated, so a small gzip declaring millions of images is
refused at once; the data is read into one preallocated array.
"""

from __future__ import annotations

import gzip
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from .errors import DataError
from .memory import check_fits

# type code -> (big-endian dtype, display name)
_TYPES: dict[int, tuple[str, str]] = {
    0x08: (">u1", "unsigned byte"),
    0x09: (">i1", "signed byte"),
    0x0B: (">i2", "16-bit integer"),
    0x0C: (">i4", "32-bit integer"),
    0x0D: (">f4", "32-bit float"),
    0x0E: (">f8", "64-bit float"),
}
MAX_ELEMENTS = 1 << 31          # refuse headers declaring more than 2 G elements (a corrupt header)
MAX_DIMS = 16                   # NumPy caps arrays at 64 dimensions; MNIST needs 3
IMAGE_SIDE = 28
_BLOCK = 1 << 20                # bytes decompressed per read


def _open(path: Path):
    """Open raw or gzip according to the first two bytes."""
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder, not an IDX file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    head = f.read(2)
    f.seek(0)
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=f, mode="rb"), f
    return f, f


def _read_exact(stream, n: int, path: Path, what: str) -> bytes:
    """Read exactly n bytes, turning gzip damage into DataError."""
    try:
        data = stream.read(n)
    except EOFError:
        raise DataError(f"{path}: the gzip stream is truncated (the file was cut short while reading {what})") from None
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise DataError(f"{path}: the gzip data is corrupt ({exc})") from None
    return data


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read any IDX file (raw or gzip) into a native-endian array of the declared shape."""
    path = Path(path)
    stream, raw = _open(path)
    try:
        header = _read_exact(stream, 4, path, "the header")
        if len(header) < 4:
            raise DataError(f"{path}: not an IDX file (only {len(header)} bytes)")
        zero, code, ndim = struct.unpack(">HBB", header)
        if zero != 0:
            raise DataError(f"{path}: not an IDX file (bad magic number 0x{header.hex()})")
        if code not in _TYPES:
            raise DataError(f"{path}: unknown IDX element type 0x{code:02x}")
        if ndim == 0:
            raise DataError(f"{path}: the IDX header declares zero dimensions")
        if ndim > MAX_DIMS:
            raise DataError(f"{path}: the IDX header declares {ndim} dimensions; at most {MAX_DIMS} are supported")
        dims_raw = _read_exact(stream, 4 * ndim, path, "the header")
        if len(dims_raw) < 4 * ndim:
            raise DataError(f"{path}: the IDX header is cut short (expected {ndim} dimension sizes)")
        dims = struct.unpack(f">{ndim}I", dims_raw)
        count = 1
        for d in dims:
            count *= d
        if count > MAX_ELEMENTS:
            raise DataError(f"{path}: the IDX header declares an absurd size {'x'.join(map(str, dims))}")
        dtype = np.dtype(_TYPES[code][0])
        expected = count * dtype.itemsize
        shape = "x".join(map(str, dims))
        if stream is raw:
            _check_raw_size(raw, path, 4 + 4 * ndim, expected, shape)
        check_fits(expected, f"{path}: the header declares {shape} values, which")
        data = _read_into(stream, expected, path, shape)
        if _read_exact(stream, 1, path, "the data"):
            raise DataError(f"{path}: there are extra bytes after the {expected} the header declares "
                            f"(shape {shape}); the header does not match the data")
        # A gzip stream may still be damaged after the data we need (bad CRC, cut trailer).
        if stream is not raw:
            _read_exact(stream, 1, path, "the end of the gzip stream")
    finally:
        raw.close()
    arr = data.view(dtype).reshape(dims)
    return arr.astype(dtype.newbyteorder("="), copy=False) if dtype.itemsize > 1 else arr


def _check_raw_size(raw, path: Path, header: int, expected: int, shape: str) -> None:
    """An uncompressed file shorter than its header says is refused before allocating."""
    try:
        size = os.fstat(raw.fileno()).st_size
    except OSError:
        return
    if size < header + expected:
        raise DataError(f"{path}: the data is shorter than the header says "
                        f"({max(0, size - header)} of {expected} bytes for shape {shape}); "
                        f"the file is truncated")


def _read_into(stream, expected: int, path: Path, shape: str) -> np.ndarray:
    """Exactly ``expected`` bytes into one preallocated uint8 array (no second copy);
    DataError when the stream ends first (a truncated file)."""
    out = np.empty(expected, np.uint8)
    view = memoryview(out)
    got = 0
    while got < expected:
        try:
            n = stream.readinto(view[got:got + _BLOCK])
        except EOFError:
            raise DataError(f"{path}: the gzip stream is truncated (the file was cut short while "
                            f"reading the data)") from None
        except (gzip.BadGzipFile, zlib.error, OSError) as exc:
            raise DataError(f"{path}: the gzip data is corrupt ({exc})") from None
        if not n:
            raise DataError(f"{path}: the data is shorter than the header says "
                            f"({got} of {expected} bytes for shape {shape}); the file is truncated")
        got += n
    return out


def read_images(path: str | os.PathLike) -> np.ndarray:
    """(N, 28, 28) uint8 images from an idx3-ubyte file; DataError naming the file otherwise."""
    path = Path(path)
    arr = read_idx(path)
    if arr.dtype != np.uint8:
        raise DataError(f"{path}: images must be unsigned bytes (IDX type 0x08), got {arr.dtype}")
    if arr.ndim != 3:
        raise DataError(f"{path}: an image file must have 3 dimensions (count, rows, columns), "
                        f"got {arr.ndim} ({'x'.join(map(str, arr.shape))}); is this a label file?")
    if arr.shape[0] == 0:
        raise DataError(f"{path}: holds zero images")
    if arr.shape[1:] != (IMAGE_SIDE, IMAGE_SIDE):
        raise DataError(f"{path}: images are {arr.shape[1]}x{arr.shape[2]} pixels; only 28x28 "
                        f"(MNIST-format) images are supported")
    return arr


def read_labels(path: str | os.PathLike) -> np.ndarray:
    """(N,) uint8 labels in 0..9 from an idx1-ubyte file; DataError naming the file otherwise."""
    path = Path(path)
    arr = read_idx(path)
    if arr.dtype != np.uint8:
        raise DataError(f"{path}: labels must be unsigned bytes (IDX type 0x08), got {arr.dtype}")
    if arr.ndim != 1:
        raise DataError(f"{path}: a label file must have 1 dimension, got {arr.ndim} "
                        f"({'x'.join(map(str, arr.shape))}); is this an image file?")
    if arr.shape[0] == 0:
        raise DataError(f"{path}: holds zero labels")
    bad = np.flatnonzero(arr > 9)
    if bad.size:
        raise DataError(f"{path}: {bad.size} label(s) are outside 0-9 (e.g. {int(arr[bad[0]])} at index "
                        f"{int(bad[0])}); only 10-class datasets are supported")
    return arr


def read_pair(images_path: str | os.PathLike, labels_path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray]:
    """Images and their labels; DataError when the counts differ."""
    x = read_images(images_path)
    y = read_labels(labels_path)
    if x.shape[0] != y.shape[0]:
        raise DataError(f"{images_path} holds {x.shape[0]} images but {labels_path} holds {y.shape[0]} labels; "
                        f"the counts must match")
    return x, y


def encode_idx(arr: np.ndarray) -> bytes:
    """The raw IDX bytes of ``arr`` (uint8/int8/int16/int32/float32/float64); for tests and exports."""
    arr = np.asarray(arr)
    for code, (dt, _) in _TYPES.items():
        if np.dtype(dt).newbyteorder("=") == arr.dtype.newbyteorder("="):
            break
    else:
        raise ValueError(f"IDX cannot hold dtype {arr.dtype}")
    header = struct.pack(">HBB", 0, code, arr.ndim) + struct.pack(f">{arr.ndim}I", *arr.shape)
    return header + np.ascontiguousarray(arr, dtype=dt).tobytes()
