"""The evaluation view and the pad's comparison strip follow the time slider, in a real window."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.app.pad_answer import WHICH, pick_moment
from visualizer.app.views.demo import draw_demo_digit
from visualizer.core.calibration import softmax_t
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import TrainConfig
from visualizer.core.dataset import as_inputs
from visualizer.core.evaluation import evaluate
from visualizer.core.timeline import Moment


def trained(window, qtbot):
    done = []
    window.session.finished.connect(done.append)
    window.session.start()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    return window.session.timeline.moments()


def model_of(window, moment):
    """The engine's network with the moment's parameters (as a model file's timeline is read)."""
    return Checkpoint(window.session.network_config, TrainConfig(), moment.params, Split("", 0.0)).model()


def test_scrubbing_to_an_early_moment_evaluates_that_moment(qtbot, window):
    kept = trained(window, qtbot)
    ev, bar, data = window.views.evaluation, window.timeline_bar, window.session.data
    qtbot.waitUntil(lambda: ev.live_result is not None and "after epoch 2" in ev.live_result.title, timeout=5_000)
    live = ev.result
    assert live is ev.live_result
    bar.slider.setValue(1)                                     # as a person drags it
    moment = kept[1]
    qtbot.waitUntil(lambda: ev.result is not live, timeout=10_000)
    expected = evaluate(model_of(window, moment), as_inputs(data.x_val), data.y_val)
    np.testing.assert_array_equal(ev.result.predictions, expected.predictions)
    np.testing.assert_array_equal(ev.matrix.counts, expected.confusion)
    np.testing.assert_allclose(ev.result.confidence, expected.confidence, rtol=1e-6)
    assert not np.array_equal(expected.confusion, live.confusion())   # an early network: other answers
    assert f"at step {moment.step:,} \u00b7 epoch {moment.epochs:.1f}" in ev.summary.text()
    assert f"{expected.accuracy:.1%}" in ev.summary.text()
    assert len(ev.gallery.indices) == int(np.sum(expected.predictions != data.y_val))   # its mistakes
    # Live returns: the live network's results, at once
    bar.live_button.click()
    assert ev.result is live and "after epoch 2" in ev.summary.text()


def test_the_newest_moment_wins_and_moments_are_evaluated_once(qtbot, window):
    kept = trained(window, qtbot)
    ev, bar = window.views.evaluation, window.timeline_bar
    runs = ev.moments.runs
    for i in (1, 2, 3):                                  # dragged over three moments at once
        bar.choose(i)
    want = f"at step {kept[3].step:,} "
    qtbot.waitUntil(lambda: ev.result is not None and ev.result.title.startswith(want), timeout=10_000)
    qtbot.waitUntil(lambda: not ev.moments.busy, timeout=10_000)
    assert ev.moments.runs - runs == 2                   # the first, then only the newest
    assert ev.result.title.startswith(want)
    bar.choose(1)                                        # evaluated (not shown) before: from the cache
    assert ev.result.title.startswith(f"at step {kept[1].step:,} ")
    bar.choose(3)
    assert ev.result.title.startswith(want)
    assert ev.moments.runs - runs == 2
    bar.choose(2)                                        # skipped while dragging: evaluated now
    qtbot.waitUntil(lambda: ev.result.title.startswith(f"at step {kept[2].step:,} "), timeout=10_000)
    assert ev.moments.runs - runs == 3


def test_epochs_that_end_while_a_moment_is_shown_wait_for_live(qtbot, window):
    trained(window, qtbot)
    ev, bar = window.views.evaluation, window.timeline_bar
    bar.choose(0)
    qtbot.waitUntil(lambda: ev.result is not None and ev.result.title.startswith("at step 0 "), timeout=10_000)
    shown = ev.result
    window.session.set_train_config(TrainConfig(batch_size=32, epochs=3))
    done = []
    window.session.finished.connect(done.append)
    window.session.start()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert ev.result is shown                            # training went on: the moment stays
    assert ev.live_result.title == f"after epoch {window.session.epochs_done}" != shown.title
    bar.go_live()
    assert ev.result is ev.live_result


@pytest.fixture
def compare_on(window):
    strip = window.views.pad.compare
    yield strip
    strip.toggle.setChecked(False)                       # the toggle is remembered: leave it off
    strip.which.setCurrentIndex(WHICH.index("epoch1"))


def test_the_compare_strip_shows_an_earlier_moments_answer_beside_now(qtbot, window, compare_on):
    kept = trained(window, qtbot)
    pad, strip = window.views.pad, compare_on
    window.show_view("draw")
    assert strip.isVisible() and not strip.rows.isVisible()       # off until the learner asks
    strip.which.setCurrentIndex(WHICH.index("first"))
    strip.toggle.setChecked(True)
    draw_demo_digit(pad, 3)
    pad.flush()
    x = pad.x28.reshape(-1)
    then, now = strip.result
    expected = softmax_t(model_of(window, kept[0]).logits(x.reshape(1, -1)))[0]
    np.testing.assert_allclose(then.probabilities, expected, rtol=1e-5, atol=1e-7)
    assert then.label == "start" and then.guess == int(np.argmax(expected))
    live = window.session.latest_snapshot.trace(x).probabilities
    np.testing.assert_allclose(now.probabilities, live, rtol=1e-6)
    texts = [t for t, _p in strip.rows.rows]
    assert texts == [f"start: {then.guess} ({expected[then.guess]:.0%})",
                     f"now: {now.guess} ({live[now.guess]:.0%})"]
    # the end of epoch 1: the kept moment nearest to it
    strip.which.setCurrentIndex(WHICH.index("epoch1"))
    m1 = pick_moment(kept, "epoch1")
    assert abs(m1.epochs - 1.0) == min(abs(m.epochs - 1.0) for m in kept)
    expected1 = softmax_t(model_of(window, m1).logits(x.reshape(1, -1)))[0]
    np.testing.assert_allclose(strip.result[0].probabilities, expected1, rtol=1e-5, atol=1e-7)
    # the timeline's moment: nothing while live; the chosen one, and "now" stays the live network
    strip.which.setCurrentIndex(WHICH.index("scrubbed"))
    assert strip.result is None and "timeline" in strip.rows.placeholder
    window.timeline_bar.choose(2)
    expected2 = softmax_t(model_of(window, kept[2]).logits(x.reshape(1, -1)))[0]
    np.testing.assert_allclose(strip.result[0].probabilities, expected2, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(strip.result[1].probabilities, live, rtol=1e-6)
    np.testing.assert_allclose(pad.trace.probabilities, window.views.state.snapshot.trace(x).probabilities)


def test_the_compare_toggle_is_remembered(qtbot, window, compare_on):
    from visualizer.app.views.pad_compare import CompareStrip

    compare_on.which.setCurrentIndex(WHICH.index("first"))
    compare_on.toggle.setChecked(True)
    again = CompareStrip()
    qtbot.addWidget(again)
    assert again.toggle.isChecked() and again.which.currentData() == "first"
    compare_on.toggle.setChecked(False)
    assert not CompareStrip().toggle.isChecked()


def test_pick_moment():
    kept = tuple(Moment(s, e, np.zeros(1, np.float32)) for s, e in ((0, 0.0), (4, 0.4), (9, 0.9), (12, 1.2)))
    assert pick_moment(kept, "first").step == 0
    assert pick_moment(kept, "epoch1").step == 9
    assert pick_moment(kept, "scrubbed", None) is None and pick_moment(kept, "scrubbed", kept[1]) is kept[1]
    assert pick_moment((), "first") is None
