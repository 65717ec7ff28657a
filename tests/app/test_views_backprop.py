"""The Backprop view: core.backprop's numbers for the probe, core.update's step, one step and its undo."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from visualizer.app.views.backprop_frame import probe_label
from visualizer.app.views.backprop_view import BackpropView
from visualizer.core.backprop import backprop, model_of
from visualizer.core.errors import ConfigError
from visualizer.core.update import gradient_weight_decay, optimizer_state_for, preview_update


def _view(window) -> BackpropView:
    window.show_view("backprop")
    view = window.dock("backprop").widget()
    assert isinstance(view, BackpropView)
    return view


def _show_validation(window, qtbot, i: int) -> BackpropView:
    view = _view(window)
    with qtbot.waitSignal(view.update_shown, timeout=10000):
        window.views.activations.show_image("validation", i)
    return view


def _train(window, qtbot) -> None:
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.session.start()


def test_the_view_shows_core_backprop_and_the_optimizers_real_step(qtbot, window, tiny_bundle):
    _train(window, qtbot)                       # Adam with a real state (m, v, t > 0)
    view = _show_validation(window, qtbot, 5)
    session, state = window.session, window.views.state
    label = int(tiny_bundle.y_val[5])
    assert view.target() == label
    want = backprop(model_of(session.latest_snapshot), tiny_bundle.inputs_val[5], label,
                    weight_decay=gradient_weight_decay(session.train_config))
    got = view.frame.result
    np.testing.assert_array_equal(got.x, state.probe_input)
    assert got.loss == want.loss and got.target == label
    for name in ("z", "a", "dz", "da", "dW", "db", "off"):
        for g, w in zip(getattr(got, name), getattr(want, name)):
            np.testing.assert_array_equal(g, w)
    # what is drawn: the output's error bars, the off units' count, the loss in words
    np.testing.assert_array_equal(view.output_bars.values, want.dz[-1])
    n_off = int(np.count_nonzero(want.off[0]))
    assert f"{n_off} of {len(want.off[0])} units" in view.hidden[0][2].text() or n_off == 0
    assert f"{want.loss:.4g}" in view.loss.text()
    # the update: Adam's step from the session checkpoint's own optimizer state
    ckpt = session.checkpoint
    assert ckpt.optimizer_state and optimizer_state_for(ckpt, session.train_config) is not None
    step = preview_update(model_of(session.latest_snapshot), want.grad, session.train_config,
                          optimizer_state_for(ckpt, session.train_config))
    assert not view.update_preview.fresh_state and view.update_preview.t == step.t > 1
    np.testing.assert_array_equal(view.update_preview.delta, step.delta)
    assert "effective step" in view.update_text.text()


def test_a_drawing_starts_at_the_guess_buttons_and_digit_keys_choose_its_class(qtbot, window, tiny_bundle):
    view = _view(window)
    state = window.views.state
    state.set_pad_input(tiny_bundle.inputs_val[1])
    state.use_pad()
    guess = int(np.argmax(state.snapshot.trace(tiny_bundle.inputs_val[1]).probabilities))
    assert view.chosen_target is None and view.target() == guess == view.guessed_target()
    assert view.frame is not None and view.frame.result.target == guess     # a full view, not a question
    assert view.targets.button(guess).isChecked()
    assert f"target {guess} (guessed; press a digit key to choose)" in view.source.text()
    qtbot.keyClick(view, Qt.Key.Key_7)
    assert view.target() == 7 and view.frame.result.target == 7
    assert view.targets.button(7).isChecked() and view.guessed_target() is None
    assert "guessed" not in view.source.text()
    view.targets.button(3).click()
    assert view.frame.result.target == 3
    np.testing.assert_array_equal(view.frame.result.dz[-1],
                                  view.frame.result.probabilities - np.eye(10, dtype=np.float32)[3])
    assert probe_label(state.probe_kind, state.probe_source, state.data) is None
    state.set_pad_input(tiny_bundle.inputs_val[2])        # another stroke: the class chosen stays
    state.adopt_pad()
    assert view.frame.result.target == 3
    np.testing.assert_array_equal(view.frame.result.x, tiny_bundle.inputs_val[2])
    window.views.activations.show_image("validation", 4)  # an image: its own label
    assert view.target() == int(tiny_bundle.y_val[4])


def test_take_one_step_then_undo_restores_the_checkpoint_bit_for_bit(qtbot, window, tiny_bundle):
    _train(window, qtbot)
    view = _show_validation(window, qtbot, 2)
    session, panel = window.session, view.steps
    before = session.checkpoint
    params, opt_state = before.params.copy(), {k: v.copy() for k, v in before.optimizer_state.items()}
    assert panel.take_step()
    after = session.checkpoint
    assert after is panel.result.after and after.step == before.step + 1
    assert not np.array_equal(after.params, params)
    np.testing.assert_array_equal(session.latest_snapshot.weights[0], after.model().weights[0])
    assert session.dirty
    r = panel.result
    np.testing.assert_array_equal(panel.before.probs, r.probabilities_before[0])
    np.testing.assert_array_equal(panel.after.probs, r.probabilities_after[0])
    assert r.loss_after < r.loss_before           # one step on an example lowers its loss
    assert panel.undo_step()
    restored = session.checkpoint
    assert restored is before and restored.step == before.step
    assert restored.params.tobytes() == params.tobytes()
    assert set(restored.optimizer_state) == set(opt_state)
    for k, v in opt_state.items():
        assert np.asarray(restored.optimizer_state[k]).tobytes() == v.tobytes()
    np.testing.assert_array_equal(session.latest_snapshot.weights[0], before.model().weights[0])
    assert not panel.undo_step()                  # nothing left to undo


def test_the_step_is_refused_with_a_reason_while_a_run_is_in_progress(qtbot, window):
    view = _view(window)
    session, panel = window.session, view.steps
    with qtbot.waitSignal(session.state_changed, timeout=30000, check_params_cb=lambda s: s == "paused"):
        session.step()                            # a paused run: active, its trainer owns the weights
    before = session.checkpoint
    assert session.is_active
    assert not panel.take_step()
    assert "run is in progress" in panel.message.text()
    assert session.checkpoint is before
    assert not panel.take_button.isEnabled()
    with pytest.raises(ConfigError, match="in progress"):
        session.apply_checkpoint(before, "take one step")
    with qtbot.waitSignal(session.finished, timeout=30000):
        session.stop()
    assert panel.take_button.isEnabled()


def test_a_hidden_view_computes_nothing_and_catches_up_when_shown(qtbot, window, tiny_bundle):
    view = window.dock("backprop").widget()
    window.show_view("draw")                      # the backprop tab is behind the pad's
    assert view.visibleRegion().isEmpty()
    computed = []
    view.computed.connect(computed.append)
    window.views.activations.show_image("validation", 3)
    assert computed == [] and view._lazy.dirty
    window.show_view("backprop")
    qtbot.waitUntil(lambda: len(computed) == 1, timeout=5000)
    assert computed[0].result.target == int(tiny_bundle.y_val[3])


def test_the_backprop_screenshot_renders(tmp_path):
    out = tmp_path / "backprop.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    code = ("import sys; from visualizer.app.main import run_gui; "
            f"sys.exit(run_gui(screenshot={str(out)!r}, epochs=1, view='backprop'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    right = {img.pixel(x, y) for x in range(930, 1360, 7) for y in range(80, 700, 7)}
    assert len(right) > 20                        # the view's colours, not an empty panel


def test_an_opened_model_is_shown_with_its_own_weights(qtbot, window, tiny_bundle, tmp_path):
    _train(window, qtbot)
    view = _show_validation(window, qtbot, 1)
    session = window.session
    path = tmp_path / "m.npz"
    session.save_model(path)
    saved = session.checkpoint
    session.reset()
    qtbot.waitUntil(lambda: view.frame.step == 0, timeout=5000)     # snapshots arrive throttled
    assert not np.array_equal(view.frame.result.dW[0], 0)
    session.load_model(path)
    qtbot.waitUntil(lambda: view.frame.step == saved.step, timeout=10000)
    qtbot.waitUntil(lambda: view.update_preview is not None and not view.update_preview.fresh_state,
                    timeout=10000)                      # the file's optimizer state
    want = backprop(saved.model(), tiny_bundle.inputs_val[1], int(tiny_bundle.y_val[1]),
                    weight_decay=gradient_weight_decay(session.train_config))
    np.testing.assert_array_equal(view.frame.result.grad, want.grad)


def test_a_burst_of_snapshots_recomputes_at_most_twice_and_ends_on_the_newest(qtbot, window, tiny_bundle):
    view = _view(window)
    state = window.views.state
    qtbot.waitExposed(view)
    window.views.activations.show_image("validation", 5)
    base = state.snapshot
    computed = []
    view.computed.connect(computed.append)
    steps = range(base.step + 1, base.step + 21)
    for step in steps:                                    # 20 snapshots while a run streams them
        state.set_snapshot(dataclasses.replace(base, step=step))
    qtbot.waitUntil(lambda: not view._throttle.pending, timeout=5000)
    assert 1 <= len(computed) <= 2
    assert computed[-1].step == steps[-1]                 # the newest wins
