"""The time slider under the curves and the speed control on the toolbar, in a real window."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.app.scrub_model import ScrubModel
from visualizer.app.speed_control import SpeedControl
from visualizer.core.pace import DEFAULT_SPEED, SPEEDS
from visualizer.core.timeline import Moment


def moments(*steps):
    return tuple(Moment(s, s / 10, np.full(3, s, np.float32)) for s in steps)


def test_scrub_model_keeps_the_chosen_moment_or_the_nearest_when_thinned():
    m = ScrubModel()
    assert m.live and m.chosen is None and m.caption() == "live"
    m.set_moments(moments(0, 1, 2, 4, 8))
    assert m.index == 4                               # live: the slider at the end
    assert m.choose(2).step == 2 and not m.live and m.caption() == "step 2 \u00b7 epoch 0.2"
    assert not m.set_moments(moments(0, 1, 2, 4, 8, 16))      # still kept: nothing changes
    assert m.chosen.step == 2 and m.index == 2
    assert m.set_moments(moments(0, 1, 4, 8, 16))             # thinned away: the nearest (earlier on a tie)
    assert m.chosen.step == 1
    m.go_live()
    assert m.live and m.index == 4
    assert m.choose(99).step == 16                    # clamped
    assert m.budget_text(3 * 2**20, 64 * 2**20) == "5 kept \u00b7 3.0/64 MB"


def trained(window, qtbot):
    done = []
    window.session.finished.connect(done.append)
    window.session.start()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    return window.session.timeline.moments()


def test_the_slider_spans_the_kept_moments_and_scrubbing_moves_the_views(window, qtbot):
    bar, state = window.timeline_bar, window.views.state
    kept = trained(window, qtbot)
    assert len(kept) > 3 and kept[0].step == 0 and kept[-1].step == window.session.step_count
    assert (bar.slider.minimum(), bar.slider.maximum(), bar.slider.value()) == (0, len(kept) - 1, len(kept) - 1)
    assert bar.model.live and not bar.live_button.isEnabled()
    assert "16 MB" in bar.budget.text()                # the budget, stated
    live = state.snapshot
    bar.slider.setValue(1)                              # as a person drags it
    shown = state.snapshot
    assert shown.step == kept[1].step and "step 1 " in bar.caption.text() + " "
    n_in_w0 = 784 * 16
    assert np.array_equal(shown.weights[0].reshape(-1), kept[1].params[:n_in_w0])   # W0 of that moment
    window.views.weights.refresh()
    assert f"step {kept[1].step}" in window.views.weights.title.text()
    assert state.trace is not None and state.trace.probabilities.shape == (10,)     # the pad's answer
    assert bar.live_button.isEnabled()
    window.session.step()                               # training goes on: the views stay
    qtbot.waitUntil(lambda: window.session.latest_snapshot.step == kept[-1].step + 1, timeout=10_000)
    assert state.snapshot.step == kept[1].step
    bar.live_button.click()
    assert state.snapshot is window.session.latest_snapshot and bar.model.live
    assert state.snapshot is not live and state.snapshot.step == kept[-1].step + 1
    window.session.stop()
    qtbot.waitUntil(lambda: not window.session.is_active, timeout=10_000)


def test_a_saved_model_keeps_its_timeline_and_opening_it_lets_you_scrub(window, qtbot, tmp_path):
    kept = trained(window, qtbot)
    path = tmp_path / "model.npz"
    window.session.save_model(path)
    window.session.reset()
    assert len(window.session.timeline.moments()) == 1
    window.session.load_model(path)
    bar = window.timeline_bar
    reopened = window.session.timeline.moments()
    assert [m.step for m in reopened] == [m.step for m in kept]
    assert bar.slider.maximum() == len(kept) - 1
    bar.choose(0)
    assert window.views.state.snapshot.step == 0


def test_speed_control_offers_full_speed_in_one_click_and_back():
    chosen = []
    c = SpeedControl(DEFAULT_SPEED)
    c.speed_chosen.connect(chosen.append)
    assert c.speed == DEFAULT_SPEED and c.full.text() == "Full speed"
    c.full.click()
    assert chosen == [None] and c.speed is None and c.full.text() == "Slow down"
    c.full.click()
    assert chosen == [None, DEFAULT_SPEED]
    c.combo.setCurrentIndex(SPEEDS.index(1.0))
    assert chosen[-1] == 1.0
    c.set_speed(0.9)                                    # the nearest offered speed, not announced
    assert c.speed == 1.0 and len(chosen) == 3


def test_the_window_speed_reaches_the_session_and_is_remembered(window):
    assert window.session.speed is None                 # a window that restored nothing: full speed
    window.speed_control.combo.setCurrentIndex(SPEEDS.index(3.0))
    assert window.session.speed == 3.0
    assert window.settings.speed() == 3.0
    window.speed_control.full.click()
    assert window.session.speed is None and window.settings.speed() is None


@pytest.mark.parametrize("raw, expected", [("", DEFAULT_SPEED), ("full", None), ("2.5", 2.5),
                                           ("-1", DEFAULT_SPEED), ("fast", DEFAULT_SPEED)])
def test_the_remembered_speed_is_checked(raw, expected):
    from visualizer.app.window_settings import WindowSettings

    s = WindowSettings(persist=False)
    s.set("speed", raw)
    assert s.speed() == expected


def test_the_curves_mark_the_chosen_moment_and_live_removes_the_mark(window, qtbot):
    bar = window.timeline_bar
    kept = trained(window, qtbot)
    window.curves.ensure_built()
    assert bar.cursor.drawn == 0
    bar.slider.setValue(2)
    assert bar.cursor.drawn == 3 and bar.cursor.x == pytest.approx(kept[2].epochs)
    lines = [line for plot, line in bar.cursor._lines]
    assert all(line.value() == pytest.approx(kept[2].epochs) for line in lines)
    assert f"step {kept[2].step}" in bar.cursor.text
    bar.live_button.click()
    assert bar.cursor.drawn == 0 and bar.cursor.x is None


def test_an_elided_label_gives_way_and_keeps_its_whole_text_in_the_tooltip(qtbot):
    from visualizer.app.elided_label import ElidedLabel

    label = ElidedLabel("35 kept \u00b7 14.6/16 MB")
    qtbot.addWidget(label)
    label.setToolTip("moments kept")
    label.show()
    assert label.minimumSizeHint().width() < label.sizeHint().width()
    label.resize(label.sizeHint())
    assert not label.is_elided() and label.toolTip() == "moments kept"
    label.resize(label.minimumSizeHint())
    assert label.is_elided() and label.toolTip() == "35 kept \u00b7 14.6/16 MB\nmoments kept"
    label.setText("3")                             # fits again: the tooltip is the tip alone
    assert not label.is_elided() and label.toolTip() == "moments kept"


def test_the_slider_keeps_its_width_beside_the_german_labels_at_the_default_size(german_window, qtbot):
    from visualizer.app.timeline_bar import SLIDER_MIN_WIDTH

    window = german_window
    bar = window.timeline_bar
    bar.budget.setText(bar.model.budget_text(int(14.6 * 2**20), 16 * 2**20))
    qtbot.wait(50)
    assert window.width() <= 1366
    assert bar.slider.width() >= SLIDER_MIN_WIDTH
    assert bar.budget.x() + bar.budget.width() <= bar.width()          # all of it inside the bar
