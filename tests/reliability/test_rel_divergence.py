"""Issue #7, part 3: a learning rate of 1e3 stops with the diverged event and the last finite weights.

In the engine, the command line and the app. A rate of 1e3 is accepted (the cap is
``config.MAX_LR`` = 1e4: a learner may try it to see what a far too large rate does);
the loss then explodes to 1e3..1e13 within two or three steps, still finite thanks to
the stable log-sum-exp, and the trainer stops at the first batch loss above
``training.EXPLODED_LOSS`` (or NaN/inf). The weights, optimizer state and counters
(step, epochs done, history) roll back to the last sound backup, whose step the
DivergedEvent carries as ``restored_step``.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from rel_helpers import assert_one_line_error, run_cli, small_model
from visualizer.core.evaluation import evaluate
from visualizer.core.training import suggested_lr
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import ConfigError
from visualizer.core.events import BatchEvent, DivergedEvent, EpochEvent, FinishedEvent
from visualizer.core.training import EXPLODED_LOSS

LN10 = math.log(10)


def _run_recording(trainer, on_batch=None):
    """(events, {step: copy of the weights after that step}); step 0 = before training."""
    events, states = [], {trainer.step: trainer.model.params.copy()}
    for ev in trainer.run():
        events.append(ev)
        if isinstance(ev, BatchEvent):
            states[ev.step] = trainer.model.params.copy()
            if on_batch is not None:
                on_batch(ev)
    return events, states


# =============================================================================== engine

@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_engine_lr_1e3_diverges_and_keeps_a_pre_explosion_state(optimizer, activation, tiny_inputs):
    from visualizer.core.network import MLP
    from visualizer.core.training import Trainer

    x, y, xv, yv = tiny_inputs                                    # 300 real digits, 60 held out
    model = MLP(NetworkConfig(hidden=(32,), activation=activation), rng=np.random.default_rng(0))
    trainer = Trainer(model, TrainConfig(optimizer=optimizer, lr=1e3, batch_size=32, epochs=5), x, y, xv, yv)
    events, states = _run_recording(trainer)
    diverged = [e for e in events if isinstance(e, DivergedEvent)]
    assert len(diverged) == 1 and events[-2] is diverged[0]
    d = diverged[0]
    batches = [e for e in events if isinstance(e, BatchEvent)]
    assert d.step == len(batches) + 1 <= 5                              # within a few steps
    assert all(b.loss <= EXPLODED_LOSS for b in batches)                # no exploded batch reported
    assert not d.loss <= EXPLODED_LOSS                                  # exploded (or NaN/inf)
    assert f"at step {d.step}" in d.message and f"rolled back to step {d.restored_step}" in d.message
    assert f"a learning rate of {suggested_lr(optimizer, 1e3):g} instead of 1000" in d.message
    assert ("the Adam optimizer" in d.message) == (optimizer == "sgd")
    assert d.message.count(". ") == 0 and d.message.endswith(".")      # one sentence
    fin = events[-1]
    assert isinstance(fin, FinishedEvent) and fin.reason == "diverged"
    assert d.restored_step < d.step and fin.steps == trainer.step == d.restored_step
    assert fin.epochs_done == trainer.epochs_done == 0 and fin.history == ()
    assert not any(isinstance(e, EpochEvent) for e in events)
    # the weights are exactly a state from before the explosion, and they still work
    assert np.all(np.isfinite(model.params))
    np.testing.assert_array_equal(model.params, states[d.restored_step])
    assert all(np.all(np.isfinite(a)) for a in trainer.optimizer_state().values())
    _ev = evaluate(model, xv, yv)
    loss, _, _, _ = _ev.loss, _ev.accuracy, _ev.predictions, _ev.confidence
    assert math.isfinite(loss) and loss < LN10 + 1


def test_engine_lr_1e3_set_mid_run_keeps_trained_weights_that_still_work(tiny_inputs):
    """Sane SGD for a while, then the learner drags lr to 1e3: the rollback keeps a trained net,
    labelled with the step it was taken at."""
    from visualizer.core.training import Trainer

    x, y, xv, yv = tiny_inputs
    model = small_model(hidden=(16,))
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, batch_size=16, epochs=20), x, y, xv, yv)

    def steer(ev):
        if ev.step == 100:
            trainer.control.change(lr=1e3)

    events, states = _run_recording(trainer, steer)
    d = next(e for e in events if isinstance(e, DivergedEvent))
    assert 100 < d.step <= 110 and events[-1].reason == "diverged"
    assert 80 <= d.restored_step <= 100 and trainer.step == events[-1].steps == d.restored_step
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert trainer.epochs_done == events[-1].epochs_done == sum(e.step <= d.restored_step for e in epochs)
    np.testing.assert_array_equal(model.params, states[d.restored_step])
    assert all(np.all(np.isfinite(a)) for a in trainer.optimizer_state().values())
    _ev = evaluate(model, xv, yv)
    loss, acc, _, _ = _ev.loss, _ev.accuracy, _ev.predictions, _ev.confidence
    assert math.isfinite(loss) and acc > 0.3                             # a trained net, not noise (chance 0.1)
    # ... and the run can go on from there with a sane rate
    more = list(Trainer(model, TrainConfig(optimizer="sgd", lr=0.05, batch_size=16, epochs=1), x, y, xv, yv,
                        step=trainer.step, epochs_done=trainer.epochs_done).run())
    assert more[-1].reason == "completed" and np.all(np.isfinite(model.params))


def test_learning_rate_1e3_is_accepted_and_1e5_refused_with_its_name():
    from visualizer.core.control import TrainingControl

    assert TrainConfig(lr=1e3).validate().lr == 1e3
    with pytest.raises(ConfigError, match="learning rate must be <= 10000"):
        TrainConfig(lr=1e5).validate()
    control = TrainingControl()
    control.change(lr=1e3)                                               # the live path agrees
    with pytest.raises(ConfigError, match="learning rate"):
        control.change(lr=1e5)


# =============================================================================== command line

def _restored_step(message: str) -> int:
    m = re.search(r"rolled back to step (\d+)", message)
    assert m, message
    return int(m.group(1))


@pytest.mark.parametrize("extra", [(), ("--optimizer", "sgd", "--activation", "tanh")],
                         ids=["adam-relu", "sgd-tanh"])
def test_cli_lr_1e3_exit_2_one_line_and_finite_saved_weights(extra, tmp_path):
    """``visualizer train --lr 1e3 --epochs 1 --out m.npz`` (default network, embedded sample)."""
    from visualizer.core.persistence import load_checkpoint
    from modelfiles import save_model

    out = tmp_path / "m.npz"
    save_model(out, small_model(hidden=(32,)))                 # an older model the run replaces
    proc = run_cli("train", "--lr", "1e3", "--epochs", "1", *extra, "--out", out, "--json")
    # stderr: the header line, then exactly one error line
    head, *rest = proc.stderr.strip().splitlines()
    assert head.startswith("training ") and "lr 1000" in head
    proc_err = type(proc)(proc.args, proc.returncode, proc.stdout, "\n".join(rest))
    line = assert_one_line_error(proc_err, "diverged", "exploded", "a learning rate of", str(out))
    assert "Warning" not in proc.stderr and "overflow" not in proc.stderr
    result = json.loads(proc.stdout)
    restored = _restored_step(line)
    assert result["status"] == "diverged" and result["model"] == str(out)
    assert result["steps"] == restored and result["epochs_this_run"] == 0
    assert math.isfinite(result["train_loss"]) and result["train_loss"] < LN10 + 1
    saved = load_checkpoint(out)                                    # replaced, complete and finite
    assert saved.model().sizes == (784, 128, 64, 10)
    assert saved.step == restored and saved.epochs_done == 0 and saved.history == ()
    assert all(np.all(np.isfinite(w)) for w in saved.model().weights + saved.model().biases)
    assert all(np.all(np.isfinite(v)) for v in (saved.optimizer_state or {}).values())
    assert not [p for p in tmp_path.iterdir() if p.name != "m.npz"]     # no temp file left
    print(f"\nCLI: {line}")


# =============================================================================== app

@pytest.fixture
def window(qtbot, digits):
    from visualizer.app.main_window import MainWindow
    from visualizer.app.session import build_bundle
    from visualizer.core.dataset import Dataset

    win = MainWindow(load_data=False, restore=False)
    qtbot.addWidget(win)
    win.session.set_network_config(NetworkConfig(hidden=(8,)))
    ds = Dataset("sample", digits[0], digits[1], digits[2], digits[3], tuple("0123456789"), "test digits")
    win.session.set_data(build_bundle(ds, 0.1))
    win.show()
    yield win
    win.session.shutdown(2.0)
    win.close()


def test_app_lr_1e3_banner_and_the_run_stays_inspectable(qtbot, window, tmp_path, monkeypatch):
    from visualizer.app import dialogs
    from visualizer.core.persistence import load_checkpoint

    s = window.session
    initial = s.latest_snapshot
    assert initial is not None and initial.step == 0
    s.set_train_config(TrainConfig(batch_size=32, epochs=5))
    window.controls.set_configs(s.network_config, s.train_config)
    edit = window.controls.lr.edit                             # typed into the learning-rate field
    edit.setText("1e3")
    edit.editingFinished.emit()
    qtbot.waitUntil(lambda: s.train_config.lr == 1e3, timeout=5_000)    # the field is debounced
    diverged = []
    s.diverged.connect(diverged.append)
    with qtbot.waitSignal(s.finished, timeout=20_000) as fin:
        window.start()
    assert fin.args[0].reason == "diverged" and len(diverged) == 1
    d = diverged[0]
    assert s.state == "diverged" and not s.is_active
    text = window.banner.text()
    assert window.banner.isVisible() and window.banner.kind == "error"
    assert "exploded" in text and "learning rate" in text and f"rolled back to step {d.restored_step}" in text
    assert window.state_label.text() == "Diverged"
    # what the banner says is what the session holds: the step, and the weights of that step
    assert s.step_count == d.restored_step == fin.args[0].steps < d.step and s.epochs_done == 0
    snap = s.latest_snapshot
    assert snap.step == d.restored_step and snap.progress == 0.0 and snap.epochs_done == 0
    assert all(np.all(np.isfinite(w)) for w in snap.weights + snap.biases)
    for a, b in zip(snap.weights + snap.biases, initial.weights + initial.biases):
        np.testing.assert_array_equal(a, b)                    # diverged at step 2-3: back to step 0
    probe = s.data.inputs_val[0]
    assert np.all(np.isfinite(snap.trace(probe).probabilities))          # the activations view can trace it
    assert window.act_start.isEnabled() and window.act_save.isEnabled()
    # the finite weights can be saved, with the restored step
    path = tmp_path / "after.npz"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(path))
    assert window.save_model()
    saved = load_checkpoint(path)
    assert saved.step == d.restored_step and saved.epochs_done == 0
    assert all(np.all(np.isfinite(w)) for w in saved.model().weights)
    # the banner's remedy lowers the learning rate 10x (still far too large), a sane one trains
    buttons = [b for b in window.banner.findChildren(type(window.controls.open_folder)) if "100" in b.text()]
    assert buttons
    buttons[0].click()
    assert s.train_config.lr == pytest.approx(100.0)
    s.set_train_config(TrainConfig(**{**s.train_config.to_dict(), "epochs": 1}))
    window._set_lr(1e-2)
    assert s.train_config.lr == 1e-2
    with qtbot.waitSignal(s.finished, timeout=20_000) as fin:
        window.start()
    assert fin.args[0].reason == "completed" and s.state == "finished"
    assert all(np.all(np.isfinite(w)) for w in s.latest_snapshot.weights)


def test_app_lr_1e3_set_mid_run(qtbot, window):
    """Training sanely, the learner sets lr 1e3 live: banner, trained weights kept."""
    s = window.session
    s.set_train_config(TrainConfig(optimizer="sgd", lr=0.1, batch_size=16, epochs=20_000))   # never ends by itself
    batches = []
    s.batches.connect(lambda evs: batches.extend(evs))
    diverged = []
    s.diverged.connect(diverged.append)
    window.start()
    qtbot.waitUntil(lambda: len(batches) > 60, timeout=20_000)
    with qtbot.waitSignal(s.finished, timeout=20_000) as fin:
        window._set_lr(1e3)
    assert fin.args[0].reason == "diverged" and s.state == "diverged"
    d = diverged[0]
    assert "exploded" in window.banner.text() and s.step_count == d.restored_step > 0
    snap = s.latest_snapshot
    assert snap.step == d.restored_step
    assert snap.progress == pytest.approx(d.restored_step / batches[0].batches_per_epoch)
    assert all(np.all(np.isfinite(w)) for w in snap.weights + snap.biases)
    from visualizer.app.session import evaluate_model

    ev = evaluate_model(s.model_copy(), s.data.inputs_val, s.data.y_val)
    assert math.isfinite(ev.val_loss) and ev.val_accuracy > 0.3
