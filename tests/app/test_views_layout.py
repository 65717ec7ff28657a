"""The inspection views stay readable: any depth the app allows, a 1366x768 laptop, the window's
minimum size, and class names longer than a digit (Fashion-MNIST)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QFontMetrics

from visualizer.app.views.activations_view import ActivationsView
from visualizer.app.views.colormap import tint_gray
from visualizer.app.views.diagram_layout import MIN_ROW_FOR_TEXT
from visualizer.app.views.state import InspectorState
from visualizer.core.config import NetworkConfig
from visualizer.core.dataset import FASHION_NAMES, Dataset
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot

DEPTHS = [(128, 64), (128, 64, 32), (128, 100, 80, 64, 48, 32), (30,) * 8, (16,) * 8]


@pytest.fixture(scope="module")
def fashion_bundle():
    """The tiny real digits relabelled with Fashion-MNIST's class names (only the names matter here)."""
    from visualizer.app.session import build_bundle
    from visualizer.core.dataset import load_dataset

    full = load_dataset("sample")
    ds = Dataset("fashion", full.x_train[:300], full.y_train[:300], full.x_test[:100], full.y_test[:100],
                 FASHION_NAMES, "test")
    return build_bundle(ds, 0.2)


def overlapping(rects) -> list:
    """Pairs of rects (in order) that overlap horizontally."""
    rs = sorted(rects, key=lambda r: r.left())
    return [(a, b) for a, b in zip(rs, rs[1:]) if a.right() > b.left() + 0.5]


def check_diagram_text(diagram, sizes, trace) -> None:
    """Every title and caption fits its band, none meets another, all inside the widget."""
    assert diagram.ensure_layout()
    titles = diagram.title_items(sizes)
    assert len(titles) == len(sizes)
    bold = QFontMetrics(diagram._bold)
    for rect, text in titles:
        assert text, "every column has a title"
        assert bold.horizontalAdvance(text) <= rect.width() + 0.5
        assert rect.left() >= -0.5 and rect.right() <= diagram.width() + 0.5
    assert not overlapping([r for r, _ in titles])
    fm = diagram.fontMetrics()
    for line in range(3):
        row = []
        for li in range(1, len(sizes) - 1):
            a = np.asarray(trace.activations[li - 1])
            items = diagram.caption_items(li, a, np.zeros(len(a), bool) | (a < -1), float(a.max()), False)
            if line < len(items):
                rect, text = items[line]
                assert fm.horizontalAdvance(text) <= rect.width() + 0.5
                row.append(rect)
        assert not overlapping(row)
    rows = diagram._cells[len(sizes) - 1]
    assert rows[-1].bottom() <= diagram.height() and rows[0].height() >= MIN_ROW_FOR_TEXT


@pytest.mark.parametrize("size", [(1366, 768), (1280, 680)])
def test_activations_readable_at_any_depth_in_the_window(qtbot, window, size):
    views = window.views
    window.resize(*size)
    window.show_view("activations")
    for hidden in DEPTHS:
        window.session.set_network_config(NetworkConfig(hidden=hidden))
        qtbot.waitUntil(lambda: views.state.snapshot is not None and
                        views.state.snapshot.sizes == (784, *hidden, 10), timeout=3000)
        diagram = views.activations.diagram
        qtbot.waitUntil(lambda: diagram.width() > 0 and diagram.isVisible(), timeout=3000)
        assert views.state.trace is not None
        check_diagram_text(diagram, views.state.snapshot.sizes, views.state.trace)
        diagram.repaint()


def test_the_window_fits_1280x680_with_eight_hidden_layers(qtbot, window):
    window.session.set_network_config(NetworkConfig(hidden=(30,) * 8))
    window.controls.set_configs(NetworkConfig(hidden=(30,) * 8), window.session.train_config)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 680, hint


@pytest.mark.parametrize("width,height", [(360, 170), (700, 300)])
def test_small_diagrams_stay_readable(qtbot, tiny_bundle, width, height):
    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    view.diagram.resize(width, height)
    state.set_data(tiny_bundle)
    for hidden in DEPTHS:
        snap = take_snapshot(MLP(NetworkConfig(hidden=hidden), rng=np.random.default_rng(0)))
        state.set_snapshot(snap)
        check_diagram_text(view.diagram, snap.sizes, state.trace)


def test_the_digit_stays_visible_under_a_first_layer_units_contributions(qtbot, tiny_bundle):
    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    view.resize(760, 420)
    view.show()
    state.set_data(tiny_bundle)
    state.set_snapshot(take_snapshot(MLP(NetworkConfig(hidden=(12,)), rng=np.random.default_rng(0))))
    view.show_image("validation", 4)
    x = state.probe_input.reshape(28, 28)

    def input_pixels():
        view.diagram.repaint()
        img = view.diagram.grab().toImage()
        r = view.diagram._input_rect
        ratio = img.devicePixelRatio()
        return np.array([[img.pixelColor(int((r.left() + (c + 0.5) * r.width() / 28) * ratio),
                                         int((r.top() + (i + 0.5) * r.height() / 28) * ratio)).lightness()
                          for c in range(28)] for i in range(28)])

    plain = input_pixels()
    state.select(1, 5)                    # e.g. a weight tile clicked, then a gallery image chosen
    tinted = input_pixels()
    background, ink = x == 0, x > 0.9
    # the background stays as dark as the digit's, the strokes stay light: the digit is still there
    # (medians: the strongest contributions are also drawn as lines across the input)
    assert np.median(tinted[background]) == pytest.approx(np.median(plain[background]), abs=2)
    assert np.median(tinted[ink]) > np.median(tinted[background]) + 60


def test_tint_gray_keeps_the_gray_where_nothing_contributes():
    gray = np.linspace(0, 1, 12, dtype=np.float32).reshape(3, 4)
    values = np.zeros((3, 4), np.float32)
    values[0, 3], values[2, 3] = 1.0, -0.2
    out = tint_gray(gray, values, 1.0)
    assert out.shape == (3, 4, 4) and out.dtype == np.uint8
    zero = values == 0
    np.testing.assert_allclose(out[..., 0][zero], np.rint(gray[zero] * 255), atol=1)
    assert out[0, 3, 0] > out[0, 3, 2]              # a positive contribution: red
    assert out[2, 3, 2] > out[2, 3, 0]              # a negative one: blue
    assert (out[..., 3] == 255).all()


def test_long_class_names_are_whole_in_the_bars_and_the_diagram(qtbot, fashion_bundle):
    from visualizer.app.views.drawing_pad import DrawingPadView

    state = InspectorState()
    state.set_data(fashion_bundle)
    snap = take_snapshot(MLP(NetworkConfig(hidden=(16,)), rng=np.random.default_rng(0)))
    state.set_snapshot(snap)
    # probability bars: one row per class, each name whole before its bar
    pad = DrawingPadView(state)
    qtbot.addWidget(pad)
    bars = pad.bars
    assert bars.names == list(FASHION_NAMES) and bars.rows()
    bold = QFontMetrics(bars._bold())
    assert bars.minimumSizeHint().width() >= max(bold.horizontalAdvance(n) for n in FASHION_NAMES)
    # activations: whole names, and the output column has room for the widest in bold
    view = ActivationsView(state)
    qtbot.addWidget(view)
    view.diagram.resize(700, 300)
    state.set_probe(fashion_bundle.inputs_val[0], "validation #0", "validation")
    assert view.diagram._class_names(10) == list(FASHION_NAMES)
    assert view.diagram.ensure_layout()
    assert view.diagram._out_label_w >= max(QFontMetrics(view.diagram._bold).horizontalAdvance(n)
                                            for n in FASHION_NAMES)
    assert "Ankle boot" in view.diagram.describe(2, 9)


def test_long_class_names_are_whole_in_the_evaluation(qtbot, fashion_bundle):
    from visualizer.app.views.confusion_matrix import ConfusionMatrix
    from visualizer.app.views.eval_result import EvalResult
    from visualizer.app.views.gallery import Gallery

    # confusion matrix: whole names on the rows (with the number that labels the columns)
    labels = np.asarray(fashion_bundle.y_val)
    result = EvalResult(fashion_bundle.x_val, labels, (labels + 1) % 10,
                        np.full(len(labels), 0.5, np.float32), FASHION_NAMES, "validation", "test")
    matrix = ConfusionMatrix()
    qtbot.addWidget(matrix)
    matrix.resize(420, 360)
    matrix.set_result(result)
    rows, cols = matrix.labels()
    assert rows[0] == "T-shirt/top 0" and rows[9] == "Ankle boot 9" and cols[9] == "9"
    left, _top, _side, _k = matrix._geometry()
    fm = matrix.fontMetrics()
    assert left - fm.height() - 8 >= max(fm.horizontalAdvance(r) for r in rows)
    matrix.grab()
    # gallery: cells as wide as the widest "→ name", captions on two lines
    gallery = Gallery()
    qtbot.addWidget(gallery)
    gallery.resize(400, 300)
    gallery.set_items(result, result.mistakes())
    cw, _ch = gallery._cell()
    gfm = gallery.fontMetrics()
    assert cw >= max(gfm.horizontalAdvance(f"\u2192 {n}") for n in FASHION_NAMES)
    assert gallery._two_lines()
    gallery.grab()


def test_digit_names_keep_the_compact_layouts(qtbot, tiny_bundle):
    from visualizer.app.views.drawing_pad import DrawingPadView

    state = InspectorState()
    state.set_data(tiny_bundle)
    pad = DrawingPadView(state)
    qtbot.addWidget(pad)
    assert not pad.bars.rows()


def test_counts_agree_with_their_nouns(qtbot, tiny_bundle):
    from visualizer.app.views.eval_result import EvalResult
    from visualizer.app.views.evaluation_view import EvaluationView
    from visualizer.app.views.text import plural

    assert plural(1, "unit") == "1 unit" and plural(2, "unit") == "2 units"
    assert plural(0, "mistake") == "0 mistakes" and plural(1234, "image") == "1,234 images"
    # a tanh layer of one unit: its caption says "1 unit"
    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    view.diagram.resize(500, 260)
    state.set_data(tiny_bundle)
    state.set_snapshot(take_snapshot(MLP(NetworkConfig(hidden=(1, 3), activation="tanh"),
                                         rng=np.random.default_rng(0))))
    assert view.diagram.ensure_layout()
    a = np.asarray(state.trace.activations[0])
    assert view.diagram.caption_items(1, a, None, 1.0, True)[0][1] == "1 unit"
    # one image evaluated: "1 validation image", "1 mistake"
    evaluation = EvaluationView(state)
    qtbot.addWidget(evaluation)
    one = EvalResult(tiny_bundle.x_val[:1], np.array([3]), np.array([5]), np.array([0.9], np.float32),
                     tuple(tiny_bundle.class_names), "validation", "test")
    evaluation.set_result(one)
    assert "right on 1 validation image " in evaluation.summary.text()
    assert "1 mistake<" in evaluation.gallery_title.text()


_TAB_BARS_SCRIPT = """
import json, os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QTabBar
from visualizer.app.main import _pump, create_app, create_window, scratch_settings
app = create_app()
with scratch_settings():
    w = create_window(restore=False, load_data=False)
    w.autosave_on_close = False
    w.resize(1366, 768)
    w.show()
    _pump(app, 0.4)
    seen = []
    for step in ("shown", "lessons", "batch"):
        if step == "lessons":
            w.show_view("lessons")
        elif step == "batch":
            w.docks.by_key["lessons"].close()
            w.show_view("batch")
        _pump(app, 0.2)
        bars = [sorted(b.tabText(i) for i in range(b.count())) for b in w.findChildren(QTabBar)
                if b.parent() is w and b.isVisible()]
        hidden = sorted(d.windowTitle() for d in w.docks.by_key.values() if d.isHidden())
        seen.append(dict(step=step, bars=bars, hidden=hidden))
    w.close()
print(json.dumps(seen))
"""


def test_no_stale_dock_tab_bar_is_left_over_the_panels(tmp_path):
    """The app's own start (create_app, sized, then shown), in a fresh process: Qt left earlier
    tab bars of an area visible over the panels ("Activ..." under the settings)."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", _TAB_BARS_SCRIPT], capture_output=True, text=True,
                         env=env, timeout=120, check=True)
    for seen in json.loads(out.stdout.strip().splitlines()[-1]):
        tabs = [t for bar in seen["bars"] for t in bar]
        assert len(tabs) == len(set(tabs)), seen        # each dock's tab in one bar only
        assert not set(tabs) & set(seen["hidden"]), seen   # no tab for a closed dock
