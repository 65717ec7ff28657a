"""install(window) on the real MainWindow: four docks, live during training, following the pad."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from visualizer.app.views import KEYS
from visualizer.app.views.activations_view import ActivationsView
from visualizer.app.views.drawing_pad import DrawingPadView
from visualizer.app.views.evaluation_view import EvaluationView
from visualizer.app.views.weights_view import WeightsView


def test_install_adds_the_four_docks(window):
    keys = window.view_keys()
    for key in ("weights", "activations", "draw", "evaluation"):
        assert key in keys
    assert set(KEYS) <= set(keys)
    assert isinstance(window.dock("weights").widget(), WeightsView)
    assert isinstance(window.dock("activations").widget(), ActivationsView)
    assert isinstance(window.dock("draw").widget(), DrawingPadView)
    assert isinstance(window.dock("evaluation").widget(), EvaluationView)
    for key in KEYS:
        window.show_view(key)
        assert window.dock(key).isVisible()
    # the window still fits a 1366x768 screen with every view installed
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768


def test_views_follow_the_session(qtbot, window, tiny_bundle):
    views = window.views
    session = window.session
    assert views.state.data is tiny_bundle
    assert views.state.snapshot is session.latest_snapshot is not None    # the created model
    # the weights tab is behind the drawing pad's: it renders nothing while it cannot be seen
    assert window.dock("weights").isVisible() and views.weights.visibleRegion().isEmpty()
    renders = views.weights.renders
    with qtbot.waitSignal(session.finished, timeout=30000):
        assert session.start()
    qtbot.waitUntil(lambda: views.state.snapshot.step > 0, timeout=5000)
    assert views.weights.renders == renders
    assert views.state.snapshot.step == session.step_count
    # ... and catches up, with the latest snapshot, as soon as its tab is brought forward
    window.show_view("weights")
    qtbot.waitUntil(lambda: views.weights.renders > renders, timeout=2000)
    assert f"step {session.step_count:,}" in views.weights.title.text()
    # evaluation after each epoch: the last epoch's validation predictions
    assert views.evaluation.result is not None
    assert views.evaluation.result.set_name == "validation"
    assert views.evaluation.matrix.counts.sum() == len(tiny_bundle.y_val)
    assert f"after epoch {session.epochs_done}" in views.evaluation.summary.text()
    # the activations view shows the probe with the final weights
    trace = views.state.trace
    assert trace is not None
    expected = session.latest_snapshot.trace(views.state.effective_input())
    np.testing.assert_allclose(trace.probabilities, expected.probabilities, rtol=1e-5, atol=1e-7)


def test_the_pad_becomes_the_session_probe(qtbot, window):
    from visualizer.app.views.demo import draw_demo_digit

    views = window.views
    window.show_view("draw")
    draw_demo_digit(views.pad, 7)
    x = views.pad.x28.reshape(-1)
    np.testing.assert_array_equal(window.session.probe(), x)
    assert views.activations.source_key() == "pad"
    np.testing.assert_array_equal(views.state.probe_input, x)
    # the views show the drawing's trace with the session's network
    np.testing.assert_allclose(views.state.trace.probabilities,
                               window.session.latest_snapshot.trace(x).probabilities, rtol=1e-6)
    np.testing.assert_array_equal(views.pad.bars.probs, views.state.trace.probabilities)
    # clicking a weight tile highlights the unit in the activations view
    window.show_view("weights")
    grid = views.weights.grid
    qtbot.waitUntil(lambda: grid._count > 0, timeout=2000)
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.tile_rect(3).center().toPoint())
    assert views.state.selection == (1, 3)
    assert "hidden 1 unit 3" in views.activations.sum_label.text()


def test_a_reset_forgets_the_old_evaluation(qtbot, window):
    views = window.views
    with qtbot.waitSignal(window.session.finished, timeout=30000):
        assert window.session.start()
    assert views.evaluation.result is not None
    window.session.reset()
    assert views.evaluation.result is None
    assert views.evaluation.matrix.counts is None
