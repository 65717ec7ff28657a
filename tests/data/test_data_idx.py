"""IDX reader: every defect is one DataError naming the file."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from datahelpers import tiny_digits, write_idx
from visualizer.core import idx
from visualizer.core.errors import DataError


def test_round_trip_raw_and_gzip(tmp_path):
    x, y = tiny_digits(7)
    for gz in (False, True):
        xi = write_idx(tmp_path / f"img{gz}", x, gz=gz)
        yi = write_idx(tmp_path / f"lab{gz}", y, gz=gz)
        rx, ry = idx.read_pair(xi, yi)
        assert rx.dtype == np.uint8 and rx.shape == (7, 28, 28)
        np.testing.assert_array_equal(rx, x)
        np.testing.assert_array_equal(ry, y)


def test_other_element_types_are_decoded_big_endian(tmp_path):
    a = np.arange(12, dtype=np.int32).reshape(3, 4) * 1000
    p = write_idx(tmp_path / "ints.idx", a)
    got = idx.read_idx(p)
    assert got.dtype == np.int32
    np.testing.assert_array_equal(got, a)


def _expect(path, *fragments):
    with pytest.raises(DataError) as info:
        if "labels" in path.name:
            idx.read_labels(path)
        else:
            idx.read_images(path)
    msg = str(info.value)
    assert str(path) in msg
    for f in fragments:
        assert f in msg, msg
    return msg


def test_wrong_magic(tmp_path):
    p = tmp_path / "images.idx"
    p.write_bytes(b"\x12\x34\x08\x03" + struct.pack(">III", 1, 28, 28) + bytes(784))
    _expect(p, "magic")


def test_png_is_not_idx(tmp_path):
    p = tmp_path / "images.idx"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    _expect(p, "not an IDX file")


def test_unknown_element_type(tmp_path):
    p = tmp_path / "images.idx"
    p.write_bytes(b"\x00\x00\x07\x03" + struct.pack(">III", 1, 28, 28) + bytes(784))
    _expect(p, "element type 0x07")


def test_float_images_refused(tmp_path):
    p = write_idx(tmp_path / "images.idx", np.zeros((2, 28, 28), np.float32))
    _expect(p, "unsigned bytes")


def test_data_shorter_than_header(tmp_path):
    x, _ = tiny_digits(3)
    p = tmp_path / "images.idx"
    p.write_bytes(idx.encode_idx(x)[:-100])
    _expect(p, "shorter than the header", "truncated")


def test_data_longer_than_header(tmp_path):
    x, _ = tiny_digits(3)
    p = tmp_path / "images.idx"
    p.write_bytes(idx.encode_idx(x) + b"\x00" * 5)
    _expect(p, "extra bytes")


def test_header_cut_short(tmp_path):
    p = tmp_path / "images.idx"
    p.write_bytes(b"\x00\x00\x08\x03\x00\x00")
    _expect(p, "header")


def test_truncated_gzip(tmp_path):
    x, _ = tiny_digits(50)
    data = gzip.compress(idx.encode_idx(x))
    p = tmp_path / "images.idx.gz"
    p.write_bytes(data[: len(data) * 2 // 3])
    _expect(p, "gzip", "truncated")


def test_gzip_cut_in_its_trailer_is_still_an_error(tmp_path):
    x, _ = tiny_digits(5)
    data = gzip.compress(idx.encode_idx(x))
    p = tmp_path / "images.idx.gz"
    p.write_bytes(data[:-4])                 # all data present, the CRC/length trailer cut
    _expect(p, "gzip")


def test_corrupt_gzip(tmp_path):
    x, _ = tiny_digits(5)
    data = bytearray(gzip.compress(idx.encode_idx(x)))
    data[20:40] = b"\xff" * 20
    p = tmp_path / "images.idx.gz"
    p.write_bytes(bytes(data))
    _expect(p, "gzip")


def test_zero_images(tmp_path):
    p = write_idx(tmp_path / "images.idx", np.zeros((0, 28, 28), np.uint8))
    _expect(p, "zero images")


def test_zero_labels(tmp_path):
    p = write_idx(tmp_path / "labels.idx", np.zeros((0,), np.uint8))
    _expect(p, "zero labels")


def test_not_28x28(tmp_path):
    p = write_idx(tmp_path / "images.idx", np.zeros((4, 32, 32), np.uint8))
    _expect(p, "32x32", "28x28")


def test_labels_file_given_as_images(tmp_path):
    p = write_idx(tmp_path / "images.idx", np.zeros((4,), np.uint8))
    _expect(p, "3 dimensions")


def test_labels_out_of_range(tmp_path):
    y = np.array([1, 2, 12, 3], np.uint8)
    p = write_idx(tmp_path / "labels.idx", y)
    msg = _expect(p, "outside 0-9")
    assert "12" in msg and "index 2" in msg


def test_counts_must_match(tmp_path):
    x, _ = tiny_digits(5)
    xi = write_idx(tmp_path / "images.idx", x)
    yi = write_idx(tmp_path / "labels.idx", np.zeros(4, np.uint8))
    with pytest.raises(DataError, match="5 images but .* 4 labels"):
        idx.read_pair(xi, yi)


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="not found"):
        idx.read_images(tmp_path / "nope.gz")


def test_absurd_header_is_refused_without_allocating(tmp_path):
    p = tmp_path / "images.idx"
    p.write_bytes(b"\x00\x00\x08\x03" + struct.pack(">III", 4_000_000_000, 28, 28))
    _expect(p, "absurd")


def test_real_mnist_test_files(mnist_test_dir):
    x, y = idx.read_pair(mnist_test_dir / "t10k-images-idx3-ubyte.gz", mnist_test_dir / "t10k-labels-idx1-ubyte.gz")
    assert x.shape == (10000, 28, 28) and y.shape == (10000,)
    assert np.bincount(y).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
