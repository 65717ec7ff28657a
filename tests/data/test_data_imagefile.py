"""Image files decoded with Qt (no QGuiApplication needed) -> arrays -> network input."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from datahelpers import corr, draw_on_canvas
from visualizer.core import preprocess as P
from visualizer.core.dataset import load_dataset
from visualizer.core.errors import ImageError
from visualizer.imagefile import MAX_PIXELS, read_image

QtGui = pytest.importorskip("PySide6.QtGui")


def save_rgb(arr: np.ndarray, path, fmt: str) -> None:
    h, w, _ = arr.shape
    data = np.ascontiguousarray(arr, np.uint8)
    img = QtGui.QImage(data.data, w, h, 3 * w, QtGui.QImage.Format.Format_RGB888).copy()
    assert img.save(str(path), fmt)


@pytest.fixture(scope="module")
def paper_digit():
    d = load_dataset("sample").x_test[3].astype(np.float32) / 255
    canvas = draw_on_canvas(d, 160, 30, 50, 0.0, canvas=220)
    paper = np.full((220, 220, 3), 240, np.uint8)
    paper[canvas > 0] = (30, 30, 60)
    return canvas, paper


@pytest.mark.parametrize("fmt", ["PNG", "BMP", "JPEG"])
def test_read_formats_and_classify(tmp_path, paper_digit, fmt):
    canvas, paper = paper_digit
    path = tmp_path / f"digit.{fmt.lower()}"
    save_rgb(paper, path, fmt)
    arr = read_image(path)
    assert arr.dtype == np.uint8 and arr.shape == (220, 220, 4)
    assert (arr[..., 3] == 255).all()
    if fmt == "JPEG":                                      # lossy: close on average
        assert np.abs(arr[..., :3].astype(int) - paper).mean() <= 3
    else:
        np.testing.assert_array_equal(arr[..., :3], paper)
    x = P.image_to_input(arr)
    assert corr(x, P.canvas_to_input(canvas)) > 0.97


def test_greyscale_png_gives_2d(tmp_path):
    grey = (np.arange(30 * 40) % 256).astype(np.uint8).reshape(30, 40)
    img = QtGui.QImage(grey.data, 40, 30, 40, QtGui.QImage.Format.Format_Grayscale8).copy()
    path = tmp_path / "g.png"
    assert img.save(str(path))
    arr = read_image(path)
    assert arr.shape == (30, 40)
    np.testing.assert_array_equal(arr, grey)


def test_transparent_png_keeps_alpha(tmp_path):
    img = QtGui.QImage(20, 10, QtGui.QImage.Format.Format_ARGB32)
    img.fill(QtGui.QColor(0, 0, 0, 0))
    img.setPixelColor(5, 3, QtGui.QColor(10, 20, 30, 255))
    path = tmp_path / "a.png"
    assert img.save(str(path))
    arr = read_image(path)
    assert arr.shape == (10, 20, 4)
    assert tuple(arr[3, 5]) == (10, 20, 30, 255) and arr[0, 0, 3] == 0


@pytest.mark.parametrize("make,fragment", [
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes(b"this is not an image, just text"), "not an image"),
    (lambda p: None, "not found"),
])
def test_bad_files_name_the_file(tmp_path, make, fragment):
    path = tmp_path / "picture.png"
    make(path)
    with pytest.raises(ImageError) as info:
        read_image(path)
    assert str(path) in str(info.value) and fragment in str(info.value)


def test_folder_is_refused(tmp_path):
    with pytest.raises(ImageError, match="folder"):
        read_image(tmp_path)


def test_truncated_png(tmp_path, paper_digit):
    _, paper = paper_digit
    good = tmp_path / "good.png"
    save_rgb(paper, good, "PNG")
    data = good.read_bytes()
    bad = tmp_path / "cut.png"
    bad.write_bytes(data[: len(data) // 3])
    with pytest.raises(ImageError, match="cut.png"):
        read_image(bad)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_huge_image_refused_before_decoding(tmp_path):
    # A valid PNG header declaring 20000 x 20000 pixels (400 MP); decoding would need 1.6 GB.
    ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 100)) \
        + _png_chunk(b"IEND", b"")
    path = tmp_path / "huge.png"
    path.write_bytes(data)
    with pytest.raises(ImageError) as info:
        read_image(path)
    assert "huge.png" in str(info.value) and "too large" in str(info.value)
    assert 20000 * 20000 > MAX_PIXELS


# --- what is not a raster image file -------------------------------------------------------

SVG_TEXT = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
            '<text x="10" y="50" font-size="40">2</text></svg>')


def svg_use_bomb(depth: int = 30) -> str:
    """A few kB of SVG whose nested <use> elements stand for 2**depth circles."""
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
             'width="100" height="100"><defs><g id="a0"><circle r="5"/></g>']
    parts += [f'<g id="a{i}"><use xlink:href="#a{i - 1}"/><use xlink:href="#a{i - 1}"/></g>'
              for i in range(1, depth)]
    parts.append(f'</defs><use xlink:href="#a{depth - 1}"/></svg>')
    return "".join(parts)


@pytest.mark.parametrize("name, text", [("digit.svg", SVG_TEXT), ("nested.svg", svg_use_bomb()),
                                        ("looks-like.png", svg_use_bomb()),
                                        ("decl.svg", '<?xml version="1.0"?>\n' + SVG_TEXT)])
def test_vector_images_are_refused_by_content_not_rendered(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ImageError, match="vector images") as info:
        read_image(path)
    assert str(path) in str(info.value)


def test_a_fifo_is_refused_instead_of_blocking(tmp_path):
    fifo = tmp_path / "digit.png"
    os.mkfifo(fifo)
    with pytest.raises(ImageError, match="not a regular file"):
        read_image(fifo)


def test_a_file_name_that_is_not_utf8_is_read(tmp_path, paper_digit):
    _, paper = paper_digit
    path = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9.png"))
    save_rgb(paper, tmp_path / "plain.png", "PNG")
    os.rename(tmp_path / "plain.png", path)
    np.testing.assert_array_equal(read_image(path)[..., :3], paper)
