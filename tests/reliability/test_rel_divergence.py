"""Issue #7, part 3: a diverging run stops with the diverged event and the last finite weights.

In the engine, the command line and the app. What reliably diverges within the
accepted settings: plain SGD at the largest accepted learning rate (10) with L2
weight decay 1, whose decay step multiplies every weight by 1 - lr * decay = -9
per batch until the loss overflows. The issue's "learning rate 1e3" is refused
up front by ``TrainConfig.validate`` (at most 10), with a message naming the
learning rate: see ``test_rel_bad_inputs`` (``train-lr-1e3``) and the test below.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from rel_helpers import assert_one_line_error, run_cli, small_model
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import ConfigError
from visualizer.core.events import BatchEvent, DivergedEvent, EpochEvent, FinishedEvent

DIVERGING = dict(optimizer="sgd", lr=10.0, weight_decay=1.0)


def _run(trainer):
    return list(trainer.run())


# =============================================================================== engine

def test_engine_diverges_from_the_start_and_keeps_the_initial_weights(tiny_inputs):
    from visualizer.core.training import Trainer

    x, y, xv, yv = tiny_inputs
    model = small_model()
    initial = model.params.copy()
    events = _run(Trainer(model, TrainConfig(batch_size=16, epochs=5, **DIVERGING), x, y, xv, yv))
    diverged = [e for e in events if isinstance(e, DivergedEvent)]
    assert len(diverged) == 1 and events[-2] is diverged[0]
    d = diverged[0]
    assert not math.isfinite(d.loss) and "learning rate" in d.message and f"step {d.step}" in d.message
    assert isinstance(events[-1], FinishedEvent) and events[-1].reason == "diverged"
    assert not any(isinstance(e, EpochEvent) for e in events)           # diverged within epoch 1 (19 batches)
    assert all(math.isfinite(e.loss) for e in events if isinstance(e, BatchEvent))
    np.testing.assert_array_equal(model.params, initial)                # the last finite state: step 0
    assert "rolled back to step 0" in d.message


def test_engine_diverging_mid_run_keeps_trained_weights_that_still_work(tiny_inputs):
    """Sane SGD for a while, then the learner drags lr to 10 with L2 1: the rollback keeps a trained net."""
    from visualizer.core.training import Trainer

    x, y, xv, yv = tiny_inputs
    model = small_model(hidden=(16,))
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, batch_size=16, epochs=20), x, y, xv, yv)
    events = []
    for ev in trainer.run():
        events.append(ev)
        if isinstance(ev, BatchEvent) and ev.step == 100:
            trainer.control.change(lr=10.0, weight_decay=1.0)
    d = next(e for e in events if isinstance(e, DivergedEvent))
    assert d.step > 100 and events[-1].reason == "diverged"
    assert np.all(np.isfinite(model.params))
    assert all(np.all(np.isfinite(a)) for a in trainer.optimizer_state().values())
    loss, acc, _, _ = model.evaluate(xv, yv)
    assert math.isfinite(loss) and acc > 0.3                             # a trained net, not noise (chance 0.1)
    # ... and the run can go on from there with a sane rate
    more = _run(Trainer(model, TrainConfig(optimizer="sgd", lr=0.05, batch_size=16, epochs=1), x, y, xv, yv))
    assert more[-1].reason == "completed" and np.all(np.isfinite(model.params))


def test_learning_rate_1e3_is_refused_with_its_name():
    with pytest.raises(ConfigError, match="learning rate must be <= 10"):
        TrainConfig(lr=1e3).validate()


# =============================================================================== command line

def test_cli_divergence_exit_2_one_line_and_finite_saved_weights(tmp_path):
    from visualizer.core.persistence import load_model, save_model

    out = tmp_path / "run.npz"
    save_model(out, small_model(hidden=(32,)))                 # an older model the run replaces
    proc = run_cli("train", "--hidden", "8", "--optimizer", "sgd", "--lr", "10", "--l2", "1",
                   "--epochs", "3", "--batch-size", "32", "--out", out, "--json")
    # stderr: the header line, then exactly one error line
    head, *rest = proc.stderr.strip().splitlines()
    assert head.startswith("training ")
    proc_err = type(proc)(proc.args, proc.returncode, proc.stdout, "\n".join(rest))
    line = assert_one_line_error(proc_err, "diverged", "learning rate", str(out))
    assert "Warning" not in proc.stderr and "overflow" not in proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "diverged" and result["model"] == str(out)
    assert result["epochs_this_run"] == 0 and math.isfinite(result["train_loss"])
    saved = load_model(out)                                    # replaced, complete and finite
    assert saved.model.sizes == (784, 8, 10)
    assert all(np.all(np.isfinite(w)) for w in saved.model.weights + saved.model.biases)
    assert all(np.all(np.isfinite(v)) for v in (saved.optimizer_state or {}).values())
    assert not [p for p in tmp_path.iterdir() if p.name != "run.npz"]     # no temp file left
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


def test_app_divergence_banner_and_the_run_stays_inspectable(qtbot, window, tmp_path, monkeypatch):
    from visualizer.app import dialogs
    from visualizer.core.persistence import load_model

    s = window.session
    s.set_train_config(TrainConfig(batch_size=32, epochs=5, **DIVERGING))
    window.controls.set_configs(s.network_config, s.train_config)
    diverged = []
    s.diverged.connect(diverged.append)
    with qtbot.waitSignal(s.finished, timeout=20_000) as fin:
        window.start()
    assert fin.args[0].reason == "diverged" and len(diverged) == 1
    assert s.state == "diverged" and not s.is_active
    text = window.banner.text()
    assert window.banner.kind == "error" and "exploded" in text and "learning rate" in text
    assert window.state_label.text() == "Diverged"
    snap = s.latest_snapshot
    assert all(np.all(np.isfinite(w)) for w in snap.weights + snap.biases)
    probe = s.data.inputs_val[0]
    assert np.all(np.isfinite(snap.trace(probe).probabilities))          # the activations view can trace it
    assert window.act_start.isEnabled() and window.act_save.isEnabled()
    # the finite weights can be saved
    path = tmp_path / "after.npz"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(path))
    assert window.save_model()
    saved = load_model(path)
    assert all(np.all(np.isfinite(w)) for w in saved.model.weights)
    # the banner's remedy lowers the learning rate; the next run no longer diverges
    s.set_train_config(TrainConfig(**{**s.train_config.to_dict(), "weight_decay": 0.0, "epochs": 1}))
    window._set_lr(0.1)
    assert s.train_config.lr == 0.1
    with qtbot.waitSignal(s.finished, timeout=20_000) as fin:
        window.start()
    assert fin.args[0].reason == "completed" and s.state == "finished"
    assert all(np.all(np.isfinite(w)) for w in s.latest_snapshot.weights)


def test_app_divergence_mid_run_after_a_live_change(qtbot, window):
    """Training sanely, the learner drags lr to 10 with L2 1 live: banner, trained weights kept."""
    s = window.session
    s.set_train_config(TrainConfig(optimizer="sgd", lr=0.1, batch_size=16, epochs=200))
    batches = []
    s.batches.connect(lambda evs: batches.extend(evs))
    window.start()
    qtbot.waitUntil(lambda: len(batches) > 60, timeout=20_000)
    with qtbot.waitSignal(s.finished, timeout=20_000) as fin:
        s.change(lr=10.0, weight_decay=1.0)
    assert fin.args[0].reason == "diverged" and s.state == "diverged"
    assert "exploded" in window.banner.text()
    snap = s.latest_snapshot
    assert all(np.all(np.isfinite(w)) for w in snap.weights + snap.biases)
    from visualizer.app.session import evaluate_model

    ev = evaluate_model(s.model_copy(), s.data.inputs_val, s.data.y_val)
    assert math.isfinite(ev.val_loss) and ev.val_accuracy > 0.3
