"""Evaluation view: confusion matrix from epoch results, clickable cells, gallery, on-demand runs."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt

from visualizer.app.views.evaluation_view import EvalResult, EvaluationView, evaluate_snapshot
from visualizer.app.views.state import InspectorState
from visualizer.core.config import NetworkConfig
from visualizer.core.events import EpochEvent
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


def epoch_event(preds, conf, epochs_done=1):
    preds = np.asarray(preds, np.int64)
    conf = np.asarray(conf, np.float32)
    return EpochEvent(epoch=epochs_done - 1, epochs_done=epochs_done, step=10, train_loss=1.0,
                      train_accuracy=0.5, val_loss=1.0, val_accuracy=0.5, seconds=1.0,
                      samples_per_second=100.0, lr=1e-3, val_predictions=preds, val_confidence=conf)


def make_view(qtbot, bundle):
    state = InspectorState()
    view = EvaluationView(state)
    qtbot.addWidget(view)
    view.resize(760, 420)
    view.show()
    state.set_data(bundle)
    return state, view


def fake_predictions(bundle, seed=0):
    """Labels with a known share replaced by other classes, and random confidences."""
    rng = np.random.default_rng(seed)
    y = bundle.y_val.astype(np.int64)
    preds = y.copy()
    wrong = rng.random(len(y)) < 0.3
    preds[wrong] = (y[wrong] + 1 + rng.integers(0, 9, wrong.sum())) % 10
    return preds, rng.random(len(y)).astype(np.float32)


def test_epoch_results_fill_the_matrix_and_the_gallery(qtbot, tiny_bundle):
    state, view = make_view(qtbot, tiny_bundle)
    assert view.matrix.counts is None
    preds, conf = fake_predictions(tiny_bundle)
    view.on_epoch(epoch_event(preds, conf, epochs_done=2))
    counts = view.matrix.counts
    y = tiny_bundle.y_val.astype(np.int64)
    assert counts.sum() == len(y)
    for t in range(10):
        for p in range(10):
            assert counts[t, p] == np.sum((y == t) & (preds == p))
    n_wrong = int(np.sum(preds != y))
    assert f"{n_wrong:,} wrong" in view.summary.text() and "after epoch 2" in view.summary.text()
    # the gallery starts with every mistake, most confident first
    shown = view.gallery.indices
    assert len(shown) == n_wrong
    assert np.all(np.diff(conf[shown]) <= 0)


def test_clicking_a_cell_opens_its_images(qtbot, tiny_bundle):
    state, view = make_view(qtbot, tiny_bundle)
    preds, conf = fake_predictions(tiny_bundle, seed=1)
    view.on_epoch(epoch_event(preds, conf))
    y = tiny_bundle.y_val.astype(np.int64)
    t, p = next((int(a), int(b)) for a, b in zip(y, preds) if a != b)     # a non-empty off-diagonal cell
    left, top, side, _ = view.matrix._geometry()
    pos = QPointF(left + (p + 0.5) * side, top + (t + 0.5) * side).toPoint()
    qtbot.mouseClick(view.matrix, Qt.MouseButton.LeftButton, pos=pos)
    expected = np.flatnonzero((y == t) & (preds == p))
    assert sorted(view.gallery.indices.tolist()) == sorted(expected.tolist())
    assert view.matrix.selected == (t, p)
    assert f"true {t}, predicted {p}" in view.gallery_title.text()
    # the gallery draws them: the first thumbnail is the image itself
    view.scroll.widget().repaint()
    img = view.gallery.grab().toImage()
    assert not img.isNull()
    # clicking a thumbnail asks to look inside that image
    with qtbot.waitSignal(view.probe_requested) as sig:
        qtbot.mouseClick(view.gallery, Qt.MouseButton.LeftButton, pos=QPointF(30, 30).toPoint())
    assert sig.args == ["validation", int(view.gallery.indices[0])]
    view.show_all_button.click()
    assert view.matrix.selected is None


def test_evaluate_now_runs_off_the_gui_thread_with_the_latest_weights(qtbot, tiny_bundle):
    state, view = make_view(qtbot, tiny_bundle)
    model = MLP(NetworkConfig(hidden=(16,)), rng=np.random.default_rng(3))
    state.set_snapshot(take_snapshot(model, step=42))
    with qtbot.waitSignal(view.result_changed, timeout=10000) as sig:
        view.evaluate_now()
    result: EvalResult = sig.args[0]
    expected = model.predict(tiny_bundle.inputs_val)
    np.testing.assert_array_equal(result.predictions, expected)
    assert "step 42" in result.title
    # the test set on demand
    with qtbot.waitSignal(view.result_changed, timeout=10000) as sig:
        view.set_box.setCurrentIndex(1)
    result = sig.args[0]
    assert result.set_name == "test" and len(result.labels) == len(tiny_bundle.dataset.y_test)
    preds, _ = evaluate_snapshot(state.snapshot, tiny_bundle.dataset.x_test, tiny_bundle.dataset.y_test)
    np.testing.assert_array_equal(result.predictions, preds)


def test_session_evaluation_of_a_loaded_model(qtbot, tiny_bundle):
    from visualizer.app.session import evaluate_model

    state, view = make_view(qtbot, tiny_bundle)
    model = MLP(NetworkConfig(hidden=(8,)), rng=np.random.default_rng(0))
    ev = evaluate_model(model, tiny_bundle.inputs_val, tiny_bundle.y_val, epochs_done=3)
    view.on_evaluated(ev)
    assert view.result is not None
    assert abs(view.result.accuracy - ev.val_accuracy) < 1e-9
    assert "after 3 epochs" in view.summary.text()


def test_closing_the_window_stops_an_evaluation_in_progress(qtbot, window):
    view = window.views.evaluation
    view.set_box.setCurrentIndex(0)
    view.evaluate_now()
    assert view._task is not None
    window.close()                          # must not leave a running thread behind
    assert view._task is None or not view._task._thread.isRunning()


def test_epochs_in_quick_succession_are_shown_at_most_twice_a_second(qtbot, tiny_bundle):
    """A small dataset ends epochs many times a second: the view keeps up with the latest, not every one."""
    state, view = make_view(qtbot, tiny_bundle)
    preds, conf = fake_predictions(tiny_bundle)
    view.on_epoch(epoch_event(preds, conf, epochs_done=1))
    assert "after epoch 1" in view.summary.text()                # the first at once
    for done in (2, 3, 4):
        view.on_epoch(epoch_event(preds, conf, epochs_done=done))
    assert "after epoch 1" in view.summary.text()                # held back...
    qtbot.waitUntil(lambda: "after epoch 4" in view.summary.text(), timeout=2000)   # ...then the latest
    view.on_epoch(epoch_event(preds, conf, epochs_done=5))
    view.flush_epoch()                                           # training finished: at once
    assert "after epoch 5" in view.summary.text()
