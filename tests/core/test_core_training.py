"""The training loop: learning, determinism, events, control from another thread, divergence."""

from __future__ import annotations

import dataclasses
import queue
import threading

import numpy as np
import pytest

from visualizer.core.evaluation import evaluate
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import ConfigError, DataError
from visualizer.core.events import (BatchEvent, DivergedEvent, EpochEvent, FinishedEvent, PausedEvent,
                                    SettingsChangedEvent, StepDetailEvent)
from visualizer.core.network import MLP
from visualizer.core.control import TrainingControl
from visualizer.core.training import EXPLODED_LOSS, Trainer, suggested_lr

XOR_NET = NetworkConfig(n_inputs=2, hidden=(32, 16), n_classes=2)


def xor_data(n: int, seed: int):
    """Quadrant XOR in [-1, 1]^2 with a margin of 0.1 around the axes: separable, not linearly."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.1, 1.0, (n, 2)) * rng.choice([-1.0, 1.0], (n, 2))
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(np.int64)
    return x.astype(np.float32), y


def blob_data(n: int, seed: int, n_inputs: int = 20, n_classes: int = 4):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.2, 0.8, (n_classes, n_inputs))
    y = rng.integers(0, n_classes, n)
    x = np.clip(centres[y] + rng.normal(0, 0.1, (n, n_inputs)), 0, 1).astype(np.float32)
    return x, y


def run_all(trainer):
    return list(trainer.run())


@pytest.mark.parametrize("optimizer,lr", [("adam", 0.01), ("adamw", 0.01), ("sgd", 0.5),
                                          ("momentum", 0.1), ("nesterov", 0.1)])
def test_learns_a_separable_nonlinear_problem(optimizer, lr):
    x, y = xor_data(1200, 0)
    xv, yv = xor_data(1000, 1)
    model = MLP(XOR_NET, np.random.default_rng(0))
    cfg = TrainConfig(optimizer=optimizer, lr=lr, epochs=12, batch_size=32, weight_decay=1e-5)
    events = run_all(Trainer(model, cfg, x, y, xv, yv))
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert len(epochs) == 12 and isinstance(events[-1], FinishedEvent)
    assert events[-1].reason == "completed"
    assert epochs[-1].val_accuracy >= 0.99
    assert epochs[-1].train_accuracy >= 0.99
    assert np.mean(model.predict(xv) == yv) == pytest.approx(epochs[-1].val_accuracy)
    assert epochs[-1].train_loss < epochs[0].train_loss


@pytest.mark.parametrize("activation", ["leaky_relu", "sigmoid", "tanh"])
def test_every_activation_learns(activation):
    x, y = xor_data(1200, 2)
    xv, yv = xor_data(1000, 3)
    model = MLP(dataclasses.replace(XOR_NET, activation=activation), np.random.default_rng(1))
    run_all(Trainer(model, TrainConfig(lr=0.02, epochs=15, batch_size=32), x, y))
    assert np.mean(model.predict(x) == y) >= 0.99
    assert np.mean(model.predict(xv) == yv) >= 0.99


def test_identical_seeds_give_identical_runs_and_other_seeds_differ():
    x, y = blob_data(600, 0)
    net = NetworkConfig(n_inputs=20, hidden=(16, 8), n_classes=4)
    cfg = TrainConfig(epochs=2, batch_size=50, dropout=0.3, seed=7)

    def once(seed):
        model = MLP(net, np.random.default_rng(seed))
        events = run_all(Trainer(model, dataclasses.replace(cfg, seed=seed), x, y))
        return model.params.copy(), [e.loss for e in events if isinstance(e, BatchEvent)]

    p1, l1 = once(7)
    p2, l2 = once(7)
    p3, l3 = once(8)
    np.testing.assert_array_equal(p1, p2)
    assert l1 == l2
    assert not np.array_equal(p1, p3) and l1 != l3


def test_event_counting_and_history():
    x, y = blob_data(130, 1)
    xv, yv = blob_data(40, 2)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(8,), n_classes=4))
    trainer = Trainer(model, TrainConfig(epochs=2, batch_size=32), x, y, xv, yv,
                      epochs_done=3, step=100, history=[{"epoch": 3, "train_loss": 1.0}])
    events = run_all(trainer)
    batches = [e for e in events if isinstance(e, BatchEvent)]
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert [b.step for b in batches] == list(range(101, 111))
    assert [b.batch for b in batches[:5]] == [1, 2, 3, 4, 5] and batches[0].batches_per_epoch == 5
    assert [b.batch_size for b in batches[:5]] == [32, 32, 32, 32, 2]
    assert [b.epoch for b in batches] == [3] * 5 + [4] * 5
    assert batches[4].progress == pytest.approx(4.0) and batches[0].progress == pytest.approx(3.2)
    assert [e.epochs_done for e in epochs] == [4, 5] and [e.epoch for e in epochs] == [3, 4]
    assert epochs[-1].step == 110
    v = epochs[-1]
    assert v.val_predictions.shape == (40,) and v.val_predictions.dtype == np.int64
    assert v.val_confidence.shape == (40,) and v.val_confidence.dtype == np.float32
    assert not v.val_predictions.flags.writeable and not v.val_confidence.flags.writeable
    np.testing.assert_array_equal(v.val_predictions, model.predict(xv))
    np.testing.assert_allclose(v.val_confidence, model.forward(xv).max(1), rtol=1e-5)
    assert v.val_accuracy == pytest.approx(np.mean(model.predict(xv) == yv))
    assert v.samples_per_second > 0 and v.seconds > 0
    fin = events[-1]
    assert isinstance(fin, FinishedEvent) and fin.steps == 110 and fin.epochs_done == 5
    assert len(fin.history) == 3 and fin.history[0] == {"epoch": 3, "train_loss": 1.0}
    assert fin.history[-1] == epochs[-1].history_row() and trainer.history == list(fin.history)
    # no validation set: NaN, empty predictions
    events = run_all(Trainer(model, TrainConfig(epochs=1), x, y))
    ep = [e for e in events if isinstance(e, EpochEvent)][0]
    assert np.isnan(ep.val_loss) and np.isnan(ep.val_accuracy) and ep.val_predictions.shape == (0,)


def test_dropout_is_training_only():
    x, y = blob_data(200, 3)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(32,), n_classes=4))
    before = model.forward(x)
    np.testing.assert_array_equal(before, model.forward(x))        # eval mode is deterministic
    rng = np.random.default_rng(0)
    l1, _, ws = model.loss_and_gradient(x, y, dropout=0.5, rng=rng)
    kept = ws.mask[0]
    assert set(np.unique(kept)) == {0.0, 2.0}
    assert 0.4 < np.mean(kept == 0) < 0.6
    l2, _, _ = model.loss_and_gradient(x, y, dropout=0.5, rng=rng)
    assert l1 != l2                                                  # fresh masks every step


def test_live_learning_rate_change_takes_effect_at_the_next_step():
    x, y = blob_data(640, 4)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16,), n_classes=4))
    control = TrainingControl()
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.5, epochs=1, batch_size=64), x, y,
                      control=control)
    seen = []
    moved = {}
    last = model.params.copy()
    for ev in trainer.run():
        seen.append(ev)
        if isinstance(ev, BatchEvent):
            moved[ev.step] = float(np.max(np.abs(model.params - last)))
            last = model.params.copy()
            if ev.step == 4:
                control.change(lr=1e-9, momentum=0.5)
    i = next(k for k, e in enumerate(seen) if isinstance(e, SettingsChangedEvent))
    change = seen[i]
    assert change.step == 5 and dict(change.changes) == {"lr": 1e-9, "momentum": 0.5}
    assert change.progress == pytest.approx(0.4)
    assert isinstance(seen[i - 1], BatchEvent) and seen[i - 1].step == 4
    assert isinstance(seen[i + 1], BatchEvent) and seen[i + 1].lr == 1e-9
    assert [e.lr for e in seen[:i]] == [0.5] * 4
    assert moved[4] > 1e-4 and moved[5] < 1e-6                     # the update really used it
    assert trainer.config.lr == 1e-9                                # saved models see the new value


def test_change_validates_at_once():
    control = TrainingControl()
    with pytest.raises(ConfigError, match="learning rate"):
        control.change(lr=float("nan"))
    with pytest.raises(ConfigError, match="dropout"):
        control.change(dropout=1.0)
    with pytest.raises(ConfigError, match="batch_size"):
        control.change(batch_size=3)
    assert control._take_pending() == {}


def test_pause_step_change_and_stop_from_another_thread():
    x, y = blob_data(6400, 5)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16,), n_classes=4))
    control = TrainingControl()
    control.pause()                                      # paused before the first batch
    trainer = Trainer(model, TrainConfig(epochs=50, batch_size=16), x, y, control=control)
    events: queue.Queue = queue.Queue()

    def worker():
        for ev in trainer.run():
            events.put(ev)

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    get = lambda: events.get(timeout=5)                  # noqa: E731
    assert isinstance(get(), PausedEvent) and control.paused
    with pytest.raises(queue.Empty):
        events.get(timeout=0.2)                           # blocked while paused: nothing happens
    assert thread.is_alive()
    control.step_once()
    ev = get()
    assert isinstance(ev, BatchEvent) and ev.step == 1
    assert isinstance(get(), StepDetailEvent)             # the batch the single step trained on
    assert isinstance(get(), PausedEvent)                 # paused again after the single step
    control.change(lr=0.0123)                              # applied while paused
    ev = get()
    assert isinstance(ev, SettingsChangedEvent) and ev.step == 2
    control.step_once()
    ev = get()
    assert isinstance(ev, BatchEvent) and ev.step == 2 and ev.lr == 0.0123
    assert isinstance(get(), StepDetailEvent)
    assert isinstance(get(), PausedEvent)
    control.resume()
    ev = get()
    assert isinstance(ev, BatchEvent) and ev.step == 3
    control.pause()
    while not isinstance(ev, PausedEvent):
        ev = get()
    control.stop()                                        # stop wakes a paused loop
    while not isinstance(ev, FinishedEvent):
        ev = get()
    assert ev.reason == "stopped" and ev.epochs_done < 50
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_stop_while_running():
    x, y = blob_data(3200, 6)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16,), n_classes=4))
    trainer = Trainer(model, TrainConfig(epochs=100, batch_size=8), x, y)
    for ev in trainer.run():
        if isinstance(ev, BatchEvent) and ev.step == 10:
            trainer.control.stop()
        last = ev
    assert isinstance(last, FinishedEvent) and last.reason == "stopped" and last.steps == 10


def _run_recording(trainer, on_batch=None):
    """All events, plus a copy of the weights after every step: {step: params} (0: before training)."""
    events, states = [], {trainer.step: trainer.model.params.copy()}
    for ev in trainer.run():
        events.append(ev)
        if isinstance(ev, BatchEvent):
            states[ev.step] = trainer.model.params.copy()
            if on_batch is not None:
                on_batch(ev)
    return events, states


def test_divergence_is_detected_and_rolled_back():
    """Sane training, then a live change to lr 10 with weight decay 1: SGD's L2 step flips and
    multiplies every weight by -9 per step until the loss explodes."""
    x, y = blob_data(2000, 7)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16, 16), n_classes=4))
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, epochs=3, batch_size=16), x, y)

    def steer(ev):
        if ev.step == 30:
            trainer.control.change(lr=10.0, weight_decay=1.0)

    events, states = _run_recording(trainer, steer)
    diverged = [e for e in events if isinstance(e, DivergedEvent)]
    assert len(diverged) == 1
    d = diverged[0]
    batches = [e for e in events if isinstance(e, BatchEvent)]
    assert len(batches) > 30 and all(b.loss <= EXPLODED_LOSS for b in batches)
    assert d.step == batches[-1].step + 1 and d.epoch == 0
    assert not d.loss <= EXPLODED_LOSS and f"step {d.step}" in d.message and "learning rate" in d.message
    assert isinstance(events[-1], FinishedEvent) and events[-1].reason == "diverged"
    assert events[-2] is d and events[-1].epochs_done == 0
    # rolled back to a sound state taken before the change, counters included
    assert d.restored_step <= 30 and f"rolled back to step {d.restored_step}" in d.message
    assert trainer.step == events[-1].steps == d.restored_step
    np.testing.assert_array_equal(model.params, states[d.restored_step])
    _ev = evaluate(model, x, y)
    loss = _ev.loss
    early = [b.loss for b in batches if b.step <= 30]
    assert np.isfinite(loss) and loss < max(early)
    assert all(np.all(np.isfinite(a)) for a in trainer.optimizer_state().values())


def test_divergence_at_the_first_step_keeps_the_initial_weights():
    x, y = blob_data(200, 8)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16, 16), n_classes=4))
    model.params *= 1e20                                  # logits overflow float32 at once
    before = model.params.copy()
    events = run_all(Trainer(model, TrainConfig(epochs=1), x, y))
    assert [type(e) for e in events] == [DivergedEvent, FinishedEvent]
    assert events[0].step == 1 and events[1].reason == "diverged" and events[1].steps == 0
    assert events[0].restored_step == 0 and not np.isfinite(events[0].loss)
    assert "became" in events[0].message
    np.testing.assert_array_equal(model.params, before)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_learning_rate_1e3_explodes_and_rolls_back(optimizer, activation):
    """Far too large a rate: the loss explodes (1e3..1e13, finite thanks to log-sum-exp) within a
    few steps; the run stops there with the weights and counters of the last sound state."""
    x, y = blob_data(400, 3)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(32, 16), n_classes=4, activation=activation),
                np.random.default_rng(1))
    trainer = Trainer(model, TrainConfig(optimizer=optimizer, lr=1e3, epochs=3, batch_size=32), x, y)
    events, states = _run_recording(trainer)
    d = [e for e in events if isinstance(e, DivergedEvent)]
    assert len(d) == 1 and events[-2] is d[0], [type(e).__name__ for e in events]
    d = d[0]
    assert not d.loss <= EXPLODED_LOSS and d.step <= 10 and d.restored_step < d.step
    assert "exploded" in d.message or "became" in d.message
    assert f"a learning rate of {suggested_lr(optimizer, 1e3):g} instead of 1000" in d.message
    assert events[-1].reason == "diverged" and events[-1].steps == trainer.step == d.restored_step
    assert np.all(np.isfinite(model.params))
    np.testing.assert_array_equal(model.params, states[d.restored_step])


def test_rollback_restores_epochs_done_and_history():
    """A rollback to a backup older than the last epochs takes the epoch count and history back too
    (a saved model must not claim epochs its weights never saw). Here only the run's first backup is
    allowed, so the divergence in epoch 3 lands on step 0 of a resumed run."""
    x, y = blob_data(256, 4)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16,), n_classes=4), np.random.default_rng(2))
    before = model.params.copy()
    rows = ({"epoch": 1, "train_loss": 1.0}, {"epoch": 2, "train_loss": 0.9})
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, epochs=5, batch_size=64), x, y,
                      epochs_done=2, step=8, history=rows)
    trainer._sane = lambda loss: False                    # no backup after the run's first one

    def steer(ev):
        if ev.step == 8 + 2 * 4 + 1:                       # early in the run's third epoch
            trainer.control.change(lr=1e3)

    events, _ = _run_recording(trainer, steer)
    assert len([e for e in events if isinstance(e, EpochEvent)]) == 2
    d = next(e for e in events if isinstance(e, DivergedEvent))
    fin = events[-1]
    assert d.restored_step == 8 and fin.reason == "diverged"
    assert (fin.steps, fin.epochs_done, fin.history) == (8, 2, rows)
    assert (trainer.step, trainer.epochs_done, tuple(trainer.history)) == (8, 2, rows)
    np.testing.assert_array_equal(model.params, before)


def test_a_rollback_keeps_the_epochs_its_weights_saw():
    """Divergence in the second epoch: the first epoch's sound end is kept (epochs done 1, its row)."""
    x, y = blob_data(256, 5)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16,), n_classes=4), np.random.default_rng(3))
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, epochs=3, batch_size=64), x, y)

    def steer(ev):
        if ev.step == 5:
            trainer.control.change(lr=1e3)

    events, states = _run_recording(trainer, steer)
    epoch = next(e for e in events if isinstance(e, EpochEvent))
    d = next(e for e in events if isinstance(e, DivergedEvent))
    fin = events[-1]
    assert epoch.step == 4 <= d.restored_step < d.step
    assert fin.epochs_done == 1 and fin.history == (epoch.history_row(),) and fin.steps == d.restored_step
    np.testing.assert_array_equal(model.params, states[d.restored_step])


@pytest.mark.parametrize("stop_early", [False, True])
def test_non_finite_weights_after_the_last_step_are_caught(stop_early):
    """Weights that go non-finite on a step no later batch checks (the epoch's last step, or the
    step before a stop) end the run as diverged too, rolled back, never kept or evaluated."""
    x, y = blob_data(64, 6)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(8,), n_classes=4), np.random.default_rng(4))
    before = model.params.copy()
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, epochs=2, batch_size=16), x, y)
    bad_step = 2 if stop_early else 4                     # 4 batches per epoch
    real_step = trainer.optimizer.step

    def poisoned_step(params, grad, lr):
        real_step(params, grad, lr)
        if trainer.step + 1 == bad_step:
            params[3] = np.inf

    trainer.optimizer.step = poisoned_step
    events, states = [], {0: before}
    for ev in trainer.run():
        events.append(ev)
        if isinstance(ev, BatchEvent):
            states[ev.step] = model.params.copy()
        if stop_early and isinstance(ev, BatchEvent) and ev.step == bad_step:
            trainer.control.stop()
    assert [type(e) for e in events] == [BatchEvent] * bad_step + [DivergedEvent, FinishedEvent]
    d = events[-2]
    # the last sound state: the step before the poisoned one (early steps of a run are all kept)
    assert d.step == bad_step and "weights became non-finite" in d.message and d.restored_step == bad_step - 1
    assert events[-1].reason == "diverged" and events[-1].steps == bad_step - 1
    assert events[-1].epochs_done == 0
    np.testing.assert_array_equal(model.params, states[bad_step - 1])


@pytest.mark.parametrize("optimizer,lr", [("adam", 1e-3), ("sgd", 0.1)])
def test_healthy_training_never_trips_the_explosion_bound(optimizer, lr):
    """The default network on the 5,000-digit sample, one epoch: no divergence, and the largest batch
    loss stays far below EXPLODED_LOSS (an untrained network starts at ln 10 = 2.3)."""
    ds = pytest.importorskip("visualizer.core.dataset")
    try:
        data = ds.load_dataset("sample")
    except Exception as exc:  # pragma: no cover - the data layer is another module's concern
        pytest.skip(f"embedded sample not available: {exc}")
    x, y = ds.as_inputs(data.x_train), data.y_train
    for activation in ("relu", "tanh"):
        model = MLP(NetworkConfig(activation=activation), np.random.default_rng(0))
        events = run_all(Trainer(model, TrainConfig(optimizer=optimizer, lr=lr, epochs=1), x, y))
        assert not any(isinstance(e, DivergedEvent) for e in events)
        assert events[-1].reason == "completed"
        losses = [e.loss for e in events if isinstance(e, BatchEvent)]
        assert len(losses) == -(-len(x) // 64) and max(losses) < 10 < EXPLODED_LOSS


def test_bad_training_data_is_refused():
    model = MLP(NetworkConfig(n_inputs=20, hidden=(8,), n_classes=4))
    x, y = blob_data(10, 0)
    with pytest.raises(DataError, match="shape"):
        Trainer(model, TrainConfig(), x[:, :5], y)
    with pytest.raises(DataError, match="class indices"):
        Trainer(model, TrainConfig(), x, y + 4)
    with pytest.raises(DataError, match="empty"):
        Trainer(model, TrainConfig(), x[:0], y[:0])
    with pytest.raises(ConfigError):
        Trainer(model, TrainConfig(lr=-1.0), x, y)


def test_augmentation_passes_batches_through_the_data_layer(monkeypatch):
    augment = pytest.importorskip("visualizer.core.augment")
    calls = []
    real = augment.augment_batch

    def spy(xb, rng, out=None, **kw):
        calls.append(xb.shape)
        return real(xb, rng, out=out, **kw)

    monkeypatch.setattr(augment, "augment_batch", spy)
    rng = np.random.default_rng(0)
    x = rng.random((100, 784), dtype=np.float32)
    y = rng.integers(0, 10, 100)
    model = MLP(NetworkConfig(hidden=(16,)))
    run_all(Trainer(model, TrainConfig(epochs=1, batch_size=40, augment=True), x, y))
    assert calls == [(40, 784), (40, 784), (20, 784)]


def test_control_reset_forgets_requests():
    control = TrainingControl()
    control.pause()
    control.stop()
    control.change(lr=0.5)
    control.reset()
    assert not control.paused and not control.stop_requested and control._take_pending() == {}


def test_augmentation_needs_28x28_inputs():
    model = MLP(NetworkConfig(n_inputs=20, hidden=(8,), n_classes=4))
    x, y = blob_data(10, 0)
    with pytest.raises(ConfigError, match="784"):
        Trainer(model, TrainConfig(augment=True), x, y)


def test_default_network_learns_real_digits():
    """The embedded 5,000-digit MNIST sample: two epochs of the default setup already generalise."""
    ds = pytest.importorskip("visualizer.core.dataset")
    try:
        data = ds.load_dataset("sample")
    except Exception as exc:  # pragma: no cover - the data layer is another module's concern
        pytest.skip(f"embedded sample not available: {exc}")
    x, y = ds.as_inputs(data.x_train), data.y_train
    xt, yt = ds.as_inputs(data.x_test), data.y_test
    model = MLP(NetworkConfig(), np.random.default_rng(0))
    events = run_all(Trainer(model, TrainConfig(epochs=3), x, y, xt, yt))
    last = [e for e in events if isinstance(e, EpochEvent)][-1]
    assert last.val_accuracy >= 0.86, last.history_row()
    assert last.train_accuracy > last.val_accuracy - 0.02


def test_run_uses_the_requested_blas_threads_and_restores_them():
    from visualizer.core.blas import blas_threads, set_blas_threads
    before = blas_threads()
    if before is None:
        pytest.skip("NumPy's BLAS is not OpenBLAS")
    x, y = blob_data(64, 0)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(8,), n_classes=4))
    try:
        set_blas_threads(2)
        seen = {blas_threads() for _ in Trainer(model, TrainConfig(epochs=1), x, y).run()}
        assert seen == {1} and blas_threads() == 2
        seen = {blas_threads() for _ in Trainer(model, TrainConfig(epochs=1), x, y, blas_threads=None).run()}
        assert seen == {2}
    finally:
        set_blas_threads(before)


def test_training_steps_allocate_nothing_network_sized():
    """After warm-up, a stretch of steps (backups included) allocates no buffer of batch or
    network size: peak traced memory stays below one (64, 128) float32 activation (32 KiB)
    plus NumPy's fixed ufunc buffer (32 KiB)."""
    import tracemalloc

    rng = np.random.default_rng(0)
    x = rng.random((64 * 200, 784), dtype=np.float32)
    y = rng.integers(0, 10, len(x))
    model = MLP(NetworkConfig())
    run = Trainer(model, TrainConfig(batch_size=64, epochs=1, dropout=0.2, weight_decay=1e-4), x, y).run()
    for _ in range(30):                       # warm-up, first backups
        next(run)
    tracemalloc.start()
    try:
        for _ in range(100):                  # 100 steps, 5 backups
            ev = next(run)
            assert isinstance(ev, BatchEvent)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        run.close()
    assert peak < 64 * 1024, peak


@pytest.mark.parametrize("change_at", [2, 33])
def test_a_live_learning_rate_far_too_large_rolls_back_to_the_step_it_was_set_at(change_at):
    """Two (or 33) good steps, then lr 1e3: the rollback lands on the weights the new rate
    started from, not on the run's first step (nor the last periodic backup)."""
    x, y = blob_data(2000, 7)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16,), n_classes=4))
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, epochs=3, batch_size=16), x, y)

    def steer(ev):
        if ev.step == change_at:
            trainer.control.change(lr=1e3)

    events, states = _run_recording(trainer, steer)
    d = next(e for e in events if isinstance(e, DivergedEvent))
    assert d.restored_step == change_at and trainer.step == change_at
    np.testing.assert_array_equal(model.params, states[change_at])


@pytest.mark.parametrize("optimizer, lr, suggested", [("adam", 100.0, 0.001), ("adamw", 0.005, 0.0005),
                                                      ("sgd", 100.0, 0.1), ("sgd", 0.7, 0.05),
                                                      ("momentum", 3.0, 0.01)])
def test_a_diverged_run_suggests_a_rate_that_fits_its_optimizer(optimizer, lr, suggested):
    from visualizer.core.training import suggested_lr

    assert suggested_lr(optimizer, lr) == suggested
    x, y = blob_data(500, 3)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(16,), n_classes=4))
    trainer = Trainer(model, TrainConfig(optimizer=optimizer, lr=1e3, epochs=1, batch_size=16), x, y)
    d = next(e for e in trainer.run() if isinstance(e, DivergedEvent))
    assert f"a learning rate of {suggested_lr(optimizer, 1e3):g} instead of 1000" in d.message
