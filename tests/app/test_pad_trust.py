"""The trust verdict on the drawing pad: calibrated figures, "this doesn't look like a digit", raw before a fit."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from visualizer.app.trust_keeper import TrustKeeper
from visualizer.app.views.drawing_pad import DrawingPadView
from visualizer.app.views.state import InspectorState
from visualizer.core import why
from visualizer.core.calibration import softmax_t
from visualizer.core.snapshot import take_snapshot

NOT_A_DIGIT = "This doesn't look like a digit to me"


@pytest.fixture
def pad(qtbot, sample_run, digit_model):
    """A pad and its keeper on the trained network (step 1,000), before any fit."""
    state = InspectorState()
    pad = DrawingPadView(state)
    keeper = TrustKeeper(state)
    pad.set_trust(keeper)
    qtbot.addWidget(pad)
    pad.resize(760, 420)
    pad.show()
    qtbot.waitExposed(pad)
    state.set_data(sample_run)
    state.set_snapshot(take_snapshot(digit_model, step=1000, progress=15.0, epochs_done=15))
    yield pad, keeper
    keeper.shutdown(2.0)


def fitted(qtbot, pad, keeper):
    with qtbot.waitSignal(keeper.fitted, timeout=60_000):
        keeper.request(pad.state.snapshot)
    return keeper.fit


def drop_digit(pad, digit: np.ndarray) -> None:
    digit = np.ascontiguousarray(digit, dtype=np.uint8)
    assert pad.load_image(QImage(digit.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy())


def test_before_a_fit_the_pad_shows_the_raw_softmax_marked_as_such(qtbot, pad, sample_run):
    view, keeper = pad
    drop_digit(view, sample_run.dataset.x_test[0])
    x = view.x28.reshape(-1)
    assert keeper.fit is None and not view.answer.calibrated
    np.testing.assert_allclose(view.bars.probs, view.state.snapshot.trace(x).probabilities, rtol=1e-6)
    assert "raw, not calibrated" in view.guess_detail.text()
    assert "not calibrated" in view.guess_detail.toolTip()


def test_the_calibrated_probabilities_shown_are_core_calibrations(qtbot, pad, sample_run):
    view, keeper = pad
    drop_digit(view, sample_run.dataset.x_test[0])
    fit = fitted(qtbot, view, keeper)             # the pad answers again when the fit arrives
    x = view.x28.reshape(-1)
    logits = fit.model.logits(x.reshape(1, -1))
    expected = fit.trust.calibration.probabilities(logits)[0]
    np.testing.assert_allclose(view.bars.probs, expected, rtol=1e-12)
    np.testing.assert_allclose(view.bars.probs, softmax_t(logits, fit.trust.calibration.temperature)[0])
    assert fit.trust.calibration.temperature != pytest.approx(1.0, abs=1e-3)    # it did change the figures
    assert not np.allclose(view.bars.probs, view.state.snapshot.trace(x).probabilities, atol=1e-4)
    assert view.answer.calibrated and "calibrated" in view.guess_detail.text()
    assert "T = " in view.guess_detail.toolTip() and "validation" in view.guess_detail.toolTip()
    # a network the fit is not of (a later snapshot) is shown raw again, never with another's temperature
    later = take_snapshot(fit.model, step=1001)
    view.state.set_snapshot(later)
    view.flush()
    assert not view.answer.calibrated and "raw" in view.guess_detail.text()


def test_a_dot_does_not_look_like_a_digit_and_real_digits_do(qtbot, pad, sample_run, draw):
    view, keeper = pad
    fit = fitted(qtbot, view, keeper)
    draw(qtbot, view, [(140, 140)])                 # a single dot
    v = why.verdict(fit.trust, fit.model, view.x28.reshape(-1))
    assert bool(v.unsure[0]) and view.answer.unsure
    assert view.guess.text() == "?"
    name = str(int(v.labels[0]))
    assert view.guess_detail.text() == f"{NOT_A_DIGIT}\nclosest: {name} (unsure)"
    assert view.bars.muted                             # no highlighted guess among the bars
    # real digits of the sample's test set, dropped on the pad: answered with a calibrated guess
    answered = 0
    for i in range(20):
        digit = sample_run.dataset.x_test[i]
        drop_digit(view, digit)
        v = why.verdict(fit.trust, fit.model, view.x28.reshape(-1))
        assert view.answer.unsure == bool(v.unsure[0])
        if not view.answer.unsure:
            answered += 1
            assert NOT_A_DIGIT not in view.guess_detail.text()
            assert view.guess.text() == str(int(v.labels[0])) and not view.bars.muted
    assert answered >= 17                              # about 5% of real digits are flagged


def test_the_window_fits_a_finished_run_once_and_the_pad_uses_it(qtbot, window):
    keeper, pad, session = window.trust_keeper, window.views.pad, window.session
    window.show_view("draw")
    from visualizer.app.views.demo import draw_demo_digit
    draw_demo_digit(pad, 3)
    assert not pad.answer.calibrated                  # an untrained network: nothing fitted
    done = []
    session.finished.connect(done.append)
    session.start()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    qtbot.waitUntil(lambda: keeper.for_snapshot(session.latest_snapshot) is not None, timeout=30_000)
    assert keeper.fits == 1
    pad.flush()
    qtbot.waitUntil(lambda: pad.answer is not None and pad.answer.calibrated, timeout=5_000)
    x = pad.x28.reshape(-1)
    expected = why.verdict(keeper.fit.trust, keeper.fit.model, x)
    np.testing.assert_allclose(pad.bars.probs, expected.probabilities[0], rtol=1e-12)


def test_the_why_views_fit_is_shared_not_made_twice(qtbot, window):
    keeper, session = window.trust_keeper, window.session
    window.show_view("why")
    done = []
    session.finished.connect(done.append)
    session.start()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    qtbot.waitUntil(lambda: keeper.for_snapshot(session.latest_snapshot) is not None, timeout=30_000)
    assert keeper.fits == 0 and keeper.fit is window.views.why.fit


def test_an_opened_model_is_fitted_and_a_reset_one_is_not(qtbot, window, tmp_path):
    keeper, session = window.trust_keeper, window.session
    window.show_view("draw")
    done = []
    session.finished.connect(done.append)
    session.start()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    qtbot.waitUntil(lambda: keeper.for_snapshot(session.latest_snapshot) is not None, timeout=30_000)
    path = tmp_path / "model.npz"
    session.save_model(path)
    session.reset()
    assert keeper.fit is None                          # another network: the fit is forgotten
    qtbot.wait(50)
    assert keeper.fits == 1                            # an untrained network is not fitted
    session.load_model(path)
    qtbot.waitUntil(lambda: keeper.for_snapshot(session.latest_snapshot) is not None, timeout=30_000)
    assert keeper.fits == 2 and keeper.fit.step == session.step_count > 0
