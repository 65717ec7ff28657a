"""The "Why" view: gradient x input of the chosen class, the nearest training images, the OOD verdict."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from visualizer.app.views.drawing_pad import DrawingPadView
from visualizer.app.views.state import InspectorState
from visualizer.app.views.why_view import WhyView
from visualizer.app.why_model import NOT_A_DIGIT, why_of
from visualizer.core import why
from visualizer.core.attribution import for_display
from visualizer.core.snapshot import take_snapshot


@pytest.fixture
def views(qtbot, sample_run, digit_model):
    state = InspectorState()
    host = QWidget()
    lay = QHBoxLayout(host)
    pad, view = DrawingPadView(state), WhyView(state)
    lay.addWidget(pad)
    lay.addWidget(view)
    qtbot.addWidget(host)
    host.resize(1200, 420)
    host.show()
    qtbot.waitExposed(host)
    state.set_data(sample_run)
    with qtbot.waitSignal(view.fitted, timeout=30_000):
        state.set_snapshot(take_snapshot(digit_model))
    yield state, pad, view
    view.shutdown(2.0)


@pytest.mark.parametrize("points", [[(140, 140)],                                   # a single dot
                                    [(60, 140), (100, 140), (140, 140), (180, 140), (220, 140)]],
                         ids=["dot", "line"])
def test_a_dot_or_a_line_on_the_pad_does_not_look_like_a_digit(qtbot, views, points, draw):
    state, pad, view = views
    draw(qtbot, pad, points)
    assert state.probe_input is not None and view.shown is not None
    assert view.shown.unsure and view.headline.text().startswith(NOT_A_DIGIT)
    v = why.verdict(view.fit.trust, view.fit.model, state.probe_input)
    assert view.shown.score == pytest.approx(float(v.scores[0]), abs=1e-4)


def test_real_validation_digits_are_answered_with_a_calibrated_confidence(views, sample_run):
    state, _pad, view = views
    trusted = 0
    for i in range(20):
        state.set_probe(sample_run.inputs_val[i], f"validation #{i}", "validation")
        v = why.verdict(view.fit.trust, view.fit.model, sample_run.inputs_val[i])
        assert view.shown.unsure == bool(v.unsure[0])
        assert np.allclose(view.shown.calibrated, v.probabilities[0])
        trusted += not view.shown.unsure
        if not view.shown.unsure:
            assert NOT_A_DIGIT not in view.headline.text() and "calibrated" in view.headline.text()
    assert trusted >= 17


def test_clicking_a_class_explains_that_class_and_guess_returns(qtbot, views, sample_run):
    state, _pad, view = views
    x = sample_run.inputs_val[3]
    state.set_probe(x, "validation #3", "validation")
    guess = view.shown.guess
    other = (guess + 4) % 10
    qtbot.mouseClick(view.buttons.button(other), Qt.MouseButton.LeftButton)
    assert view.shown.target == other and view.shown.guess == guess
    expected = for_display(why.explain(view.fit.model, x, other).attribution)
    assert np.allclose(view.shown.attribution, expected, atol=1e-6)
    view.set_target(None)
    assert view.shown.target == guess


def test_neighbours_are_the_nearest_training_images_with_their_labels(views, sample_run):
    state, _pad, view = views
    x = sample_run.inputs_train[40]
    state.set_probe(x, "a training image", "validation")
    near = view.fit.trust.index.nearest(view.fit.model, x, 5)
    assert np.array_equal(view.shown.neighbours, sample_run.x_train[near.indices])
    assert view.shown.neighbour_labels[0] == str(sample_run.y_train[40])
    assert [lab.text() for lab in view.thumb_labels] == list(view.shown.neighbour_labels)


def test_a_hidden_view_fits_nothing_until_shown(qtbot, views, digit_model):
    state, _pad, view = views
    view.hide()
    old = view.fit
    moved = digit_model.copy()
    moved.params[:10] += 0.1
    state.set_snapshot(take_snapshot(moved))
    view.refit_now()
    qtbot.wait(50)
    assert view.fit is old and not view._fitting
    with qtbot.waitSignal(view.fitted, timeout=30_000):
        view.show()
    assert view.fit is not old


def test_a_burst_of_snapshots_redraws_at_most_twice_and_ends_on_the_newest(qtbot, views, sample_run):
    state, _pad, view = views
    state.set_probe(sample_run.inputs_val[7], "validation #7", "validation")
    explained = []
    view.explained.connect(explained.append)
    for step in range(1, 21):                       # 20 snapshots of the same weights, as a run sends
        state.set_snapshot(take_snapshot(base_model(view), step=step))
    qtbot.waitUntil(lambda: not view._throttle.pending, timeout=5000)
    assert len(explained) <= 2                      # (none: the fit in use, the input are the same)
    want = why_of(view.fit, sample_run.inputs_val[7])
    assert view.shown.guess == want.guess and np.array_equal(view.shown.attribution, want.attribution)


def base_model(view):
    """The network the view's fit holds (snapshots of it keep the fit valid)."""
    return view.fit.model


def test_fits_beside_a_training_run_run_at_low_priority_off_the_gui_thread(qtbot, monkeypatch, views, digit_model):
    import threading
    from types import SimpleNamespace

    from visualizer.app.views import why_view

    state, _pad, view = views
    calls = []
    monkeypatch.setattr(why_view, "lower_thread_priority", lambda: calls.append(threading.get_ident()))
    for active in (False, True):
        state.session = SimpleNamespace(is_active=active, set_probe=lambda x: None)
        moved = digit_model.copy()
        moved.params[:10] += 0.1 * (1 + active)
        with qtbot.waitSignal(view.fitted, timeout=30_000):
            state.set_snapshot(take_snapshot(moved))
            view.refit_now()
        assert len(calls) == int(active)             # idle: full speed; beside a run: low priority
    assert calls[0] != threading.get_ident()
