"""Drawing pad: strokes, clear/undo, coalesced live predictions, dropped images, demo digits."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from visualizer.app.views.demo import digit_strokes, draw_demo_digit
from visualizer.app.views.drawing_pad import CANVAS, INK_RES, MIN_INTERVAL_MS, DrawingPadView
from visualizer.app.views.state import InspectorState
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


@pytest.fixture(scope="module")
def trained_model():
    """A small network trained briefly on the embedded sample (a second or two)."""
    from visualizer.core.dataset import as_inputs, load_dataset
    from visualizer.core.training import Trainer

    ds = load_dataset("sample")
    model = MLP(NetworkConfig(hidden=(32,)), rng=np.random.default_rng(0))
    trainer = Trainer(model, TrainConfig(epochs=2, batch_size=32, lr=3e-3), as_inputs(ds.x_train),
                      ds.y_train, rng=np.random.default_rng(0))
    for _ in trainer.run():
        pass
    return model


def make_pad(qtbot, model=None):
    state = InspectorState()
    pad = DrawingPadView(state)
    qtbot.addWidget(pad)
    pad.resize(640, 380)
    pad.show()
    qtbot.waitExposed(pad)
    model = model or MLP(NetworkConfig(hidden=(32,)), rng=np.random.default_rng(0))
    state.set_snapshot(take_snapshot(model))
    return state, pad


def canvas_point(pad, x, y) -> QPoint:
    """Widget position of canvas coordinates (0..280)."""
    r = pad.canvas.canvas_rect()
    return QPointF(r.left() + x * r.width() / CANVAS, r.top() + y * r.height() / CANVAS).toPoint()


def draw(qtbot, pad, points) -> None:
    canvas = pad.canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(pad, *points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(canvas, canvas_point(pad, x, y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(pad, *points[-1]))
    pad.flush()


def test_empty_pad_asks_for_a_digit(qtbot):
    state, pad = make_pad(qtbot)
    assert pad.canvas.is_empty()
    assert pad.bars.probs is None
    assert "draw a digit" in pad.guess_detail.text()
    assert not pad.clear_button.isEnabled()


def test_mouse_strokes_change_the_prediction(qtbot):
    state, pad = make_pad(qtbot)
    before = pad.predictions
    draw(qtbot, pad, [(140, 40), (140, 100), (140, 160), (140, 240)])
    assert len(pad.canvas.strokes) == 1
    assert pad.predictions > before
    assert pad.bars.probs is not None and abs(pad.bars.probs.sum() - 1) < 1e-5
    expected = state.snapshot.trace(pad.x28.reshape(-1)).probabilities
    np.testing.assert_allclose(pad.bars.probs, expected, rtol=1e-5)
    assert pad.guess.text() == str(int(np.argmax(expected)))
    # the ink really is in the buffer: a vertical line in the middle
    ink = pad.canvas.ink_array()
    assert ink.dtype == np.uint8 and ink.shape == (INK_RES, INK_RES)
    assert ink[INK_RES // 2, INK_RES // 2] == 255 and ink[INK_RES // 2, INK_RES // 14] == 0
    # a second, different stroke gives a different input and prediction
    first = pad.bars.probs.copy()
    draw(qtbot, pad, [(60, 60), (220, 60)])
    assert not np.allclose(pad.bars.probs, first)


def test_pad_input_is_mnist_like(qtbot):
    from visualizer.core.preprocess import canvas_to_input

    state, pad = make_pad(qtbot)
    draw(qtbot, pad, [(100, 50), (180, 50), (120, 240)])
    assert pad.x28.shape == (28, 28) and pad.x28.dtype == np.float32
    np.testing.assert_array_equal(pad.x28, canvas_to_input(pad.canvas.ink_array()))
    assert 0.0 <= pad.x28.min() and pad.x28.max() <= 1.0


def test_clear_and_undo_with_keys(qtbot):
    state, pad = make_pad(qtbot)
    draw(qtbot, pad, [(140, 40), (140, 240)])
    draw(qtbot, pad, [(60, 140), (220, 140)])
    two = pad.bars.probs.copy()
    assert len(pad.canvas.strokes) == 2
    qtbot.keyClick(pad.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    pad.flush()
    assert len(pad.canvas.strokes) == 1
    assert not np.allclose(pad.bars.probs, two)
    qtbot.keyClick(pad.canvas, Qt.Key.Key_Escape)
    pad.flush()
    assert pad.canvas.is_empty() and pad.bars.probs is None
    assert "draw a digit" in pad.guess_detail.text()
    qtbot.keyClick(pad.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)   # undo the clear
    pad.flush()
    assert len(pad.canvas.strokes) == 1 and pad.bars.probs is not None
    qtbot.keyClick(pad.canvas, Qt.Key.Key_Delete)
    pad.flush()
    assert pad.canvas.is_empty()
    assert int(pad.canvas.ink_array().max()) == 0


def test_predictions_are_coalesced_while_drawing(qtbot):
    state, pad = make_pad(qtbot)
    canvas = pad.canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(pad, 40, 140))
    start = pad.predictions
    t0 = time.perf_counter()
    for i in range(40):                    # 40 move events in a burst
        qtbot.mouseMove(canvas, canvas_point(pad, 40 + i * 5, 140 + (i % 3)))
    elapsed_ms = (time.perf_counter() - t0) * 1000
    burst = pad.predictions - start
    # at most one prediction per interval (plus the one at once), however many events came
    assert burst <= 2 + elapsed_ms // MIN_INTERVAL_MS
    assert burst < 40
    qtbot.waitUntil(lambda: not pad._timer.isActive(), timeout=1000)
    # the trailing update was not lost: the prediction's input is the whole stroke so far
    from visualizer.core.preprocess import canvas_to_input
    ink = canvas.ink_array()
    assert np.flatnonzero(ink.max(axis=0)).max() > 200 * INK_RES / CANVAS
    np.testing.assert_array_equal(pad.x28, canvas_to_input(ink))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(pad, 235, 140))
    assert MIN_INTERVAL_MS == 30


def test_live_network_updates_the_prediction(qtbot):
    state, pad = make_pad(qtbot)
    draw(qtbot, pad, [(140, 40), (140, 240)])
    first = pad.bars.probs.copy()
    other = MLP(NetworkConfig(hidden=(32,)), rng=np.random.default_rng(9))
    state.set_snapshot(take_snapshot(other, step=100))      # e.g. training moved on
    np.testing.assert_allclose(pad.bars.probs, other.predict_proba(pad.x28.reshape(-1)), rtol=1e-4,
                               atol=1e-6)
    assert not np.allclose(pad.bars.probs, first)
    assert "step 100" in pad.status.text()


def _write_digit_png(path, image28: np.ndarray, dark_on_light: bool) -> None:
    pixels = (255 - image28) if dark_on_light else image28
    big = np.kron(pixels, np.ones((4, 4), np.uint8)).astype(np.uint8)       # 112x112
    img = QImage(big.data, 112, 112, 112, QImage.Format.Format_Grayscale8).copy()
    assert img.save(str(path))


def drop_file(pad, path) -> None:
    """Drag a file over the canvas and drop it (the events a file manager's drag sends)."""
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(pad.canvas.width() / 2, pad.canvas.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pad.canvas, enter)
    assert enter.isAccepted()                 # the pad says it takes files
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pad.canvas, drop)
    assert drop.isAccepted()


def test_dropped_image_file_is_classified(qtbot, tmp_path, tiny_bundle):
    from visualizer.core.preprocess import image_to_input
    from visualizer.imagefile import read_image

    state, pad = make_pad(qtbot)
    digit = np.asarray(tiny_bundle.dataset.x_test[0])
    path = tmp_path / "digit.png"
    _write_digit_png(path, digit, dark_on_light=True)      # like a scan: dark ink on white paper
    drop_file(pad, path)
    assert pad.canvas.image is not None and pad.canvas.image.name == "digit.png"
    x28 = image_to_input(read_image(path))
    np.testing.assert_allclose(pad.x28, x28)
    expected = state.snapshot.trace(x28.reshape(-1)).probabilities
    np.testing.assert_allclose(pad.bars.probs, expected, rtol=1e-5)
    assert "digit.png" in pad.status.text()
    # drawing replaces the image; undo brings it back
    draw(qtbot, pad, [(140, 40), (140, 240)])
    assert pad.canvas.image is None
    qtbot.keyClick(pad.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    pad.flush()
    assert pad.canvas.image is not None and not pad.canvas.strokes


def test_text_drags_are_refused(qtbot):
    state, pad = make_pad(qtbot)
    md = QMimeData()
    md.setText("seven")
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pad.canvas, enter)
    assert not enter.isAccepted()


def test_bad_dropped_file_gives_a_message_and_loses_nothing(qtbot, tmp_path):
    state, pad = make_pad(qtbot)
    draw(qtbot, pad, [(140, 40), (140, 240)])
    probs = pad.bars.probs.copy()
    bad = tmp_path / "notes.png"
    bad.write_bytes(b"this is not a picture")
    drop_file(pad, bad)
    assert "notes.png" in pad.status.text() and "Could not use" in pad.status.text()
    assert len(pad.canvas.strokes) == 1 and pad.canvas.image is None
    np.testing.assert_allclose(pad.bars.probs, probs)


def test_demo_digits_are_read_as_themselves(qtbot, trained_model):
    """The strokes used for screenshots look like the digits they claim to be."""
    state, pad = make_pad(qtbot, trained_model)
    right = []
    for d in range(10):
        draw_demo_digit(pad, d)
        assert len(pad.canvas.strokes) == len(digit_strokes(d))
        right.append(int(np.argmax(pad.bars.probs)) == d)
    print("demo digits read right:", right)
    assert sum(right) >= 8, right


def test_dropped_image_data_is_classified(qtbot, tiny_bundle):
    """A picture dragged from another application arrives as image data, not a file."""
    from visualizer.core.preprocess import image_to_input

    state, pad = make_pad(qtbot)
    digit = np.ascontiguousarray(tiny_bundle.dataset.x_test[1])
    img = QImage(digit.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
    md = QMimeData()
    md.setImageData(img)
    pos = QPointF(pad.canvas.width() / 2, pad.canvas.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pad.canvas, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(pad.canvas, QDropEvent(pos, Qt.DropAction.CopyAction, md,
                                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert pad.canvas.image is not None
    rgba = np.repeat(digit[:, :, None], 4, axis=2)
    rgba[:, :, 3] = 255
    np.testing.assert_allclose(pad.x28, image_to_input(rgba), atol=1e-6)
    assert pad.bars.probs is not None


def test_stroke_in_progress_is_drawn_incrementally_and_exactly(qtbot):
    """Only new segments are painted per mouse event; the result equals painting them all at once."""
    from PySide6.QtGui import QColor, QPainter

    from visualizer.app.views.drawing_pad import paint_segments
    from visualizer.app.views.qtimage import gray_array

    state, pad = make_pad(qtbot)
    canvas = pad.canvas
    pts = digit_strokes(2)[0][:40]
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(pad, *pts[0]))
    for x, y in pts[1:]:
        qtbot.mouseMove(canvas, canvas_point(pad, x, y))
        canvas.ink_array()                 # rendered after every event, as while drawing
    incremental = canvas.ink_array().copy()
    ref = QImage(INK_RES, INK_RES, QImage.Format.Format_Grayscale8)
    ref.fill(0)
    p = QPainter(ref)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(INK_RES / CANVAS, INK_RES / CANVAS)
    paint_segments(p, np.asarray(canvas._current, np.float32), canvas.brush, 0, QColor(255, 255, 255))
    p.end()
    diff = np.abs(incremental.astype(int) - gray_array(ref).astype(int))
    assert incremental.max() == 255
    assert diff.max() <= 2                  # antialiasing rounding at most
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(pad, *pts[-1]))
