"""What the training loop records about its steps (core.steprecord): gradient health every few
steps, the batch of a single step; and how the records are read (core.gradhealth)."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.control import TrainingControl
from visualizer.core.events import BatchEvent, EpochEvent, FinishedEvent, StepDetailEvent
from visualizer.core.gradhealth import histogram_pair, layer_norms, verdict
from visualizer.core.losses import log_softmax
from visualizer.core.network import MLP
from visualizer.core.steprecord import record_every
from visualizer.core.training import Trainer


def blobs(n: int = 512, d: int = 20, k: int = 4, seed: int = 0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, n)
    centres = rng.normal(0, 1, (k, d))
    return (centres[y] + rng.normal(0, 0.7, (n, d))).astype(np.float32), y


def float64_trainer(train: TrainConfig, hidden=(16, 8), control=None, activation="relu"):
    x, y = blobs()
    net = NetworkConfig(n_inputs=20, hidden=hidden, n_classes=4, activation=activation)
    model = MLP(net, np.random.default_rng(3), dtype=np.float64)
    return Trainer(model, train, x, y, control=control, blas_threads=None), x, y


def expected_first_step(trainer: Trainer, x, y, train: TrainConfig):
    """The first step's batch, gradient and update, recomputed in float64 from the start."""
    model = trainer.model.copy()
    idx = np.random.default_rng(train.seed).permutation(len(x))[:train.batch_size]
    _, _, ws = model.loss_and_gradient(x[idx].astype(np.float64), y[idx],
                                       weight_decay=train.weight_decay)
    return model, idx, ws.grad.copy()


def batch_rows(seed: int, n: int, batch: int, step: int) -> np.ndarray:
    """The rows of the training set the 1-based ``step`` of a run trains on (no dropout, no
    augmentation: the run's generator draws only the permutations)."""
    rng = np.random.default_rng(seed)
    bpe = -(-n // batch)
    for _ in range((step - 1) // bpe + 1):
        order = rng.permutation(n)
    b = (step - 1) % bpe
    return order[b * batch:(b + 1) * batch]


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam", "adamw"])
def test_recorded_norms_are_layer_norms_of_the_steps_own_gradient_and_update(optimizer):
    train = TrainConfig(optimizer=optimizer, lr=0.05, batch_size=128, epochs=8, weight_decay=1e-3)
    trainer, x, y = float64_trainer(train)
    k = record_every(128)
    assert 1 < k <= 32
    events = (ev for ev in trainer.run() if not isinstance(ev, EpochEvent))
    for step in range(1, k + 1):
        before = trainer.model.params.copy()
        ev = next(events)
        assert isinstance(ev, BatchEvent) and ev.step == step
        assert (ev.norms is None) == (step < k)          # recorded every k steps only
    # recompute step k from the weights before it, in float64
    idx = batch_rows(train.seed, len(x), 128, k)
    model = trainer.model.copy()
    model.params[:] = before
    _, _, ws = model.loss_and_gradient(x[idx].astype(np.float64), y[idx],
                                       weight_decay=train.weight_decay if optimizer != "adamw" else 0.0)
    want = layer_norms(model, ws.grad, trainer.model.params - before)
    for name in ("grad_w", "grad_b", "weight", "update", "ratio"):
        np.testing.assert_allclose(getattr(ev.norms, name), getattr(want, name), rtol=1e-12)
    assert np.all(want.update > 0) and not ev.norms.grad_w.flags.writeable


def test_records_come_every_k_steps_and_cost_no_change_to_training():
    train = TrainConfig(optimizer="adam", batch_size=128, epochs=40)
    trainer, *_ = float64_trainer(train)
    events = list(trainer.run())
    batches = [ev for ev in events if isinstance(ev, BatchEvent)]
    k = record_every(128)
    assert [ev.step for ev in batches if ev.norms is not None] == [s for s in range(1, 161) if s % k == 0]
    plain, *_ = float64_trainer(train)
    plain_events = plain.run()
    for ev in plain_events:                 # the same run again: bit for bit the same weights
        pass
    np.testing.assert_array_equal(plain.model.params, trainer.model.params)


@pytest.mark.parametrize("dropout", [0.0, 0.3])
def test_single_step_yields_its_batch_with_the_losses_of_its_own_forward_pass(dropout):
    control = TrainingControl()
    control.pause()
    control.step_once()
    train = TrainConfig(optimizer="sgd", lr=0.1, batch_size=64, epochs=1, dropout=dropout)
    trainer, x, y = float64_trainer(train, control=control)
    model0, idx, grad = expected_first_step(trainer, x, y, train)
    events = trainer.run()
    batch = next(events)
    detail = next(events)
    assert isinstance(batch, BatchEvent) and isinstance(detail, StepDetailEvent)
    assert detail.step == batch.step == 1
    np.testing.assert_array_equal(detail.indices, idx)
    np.testing.assert_array_equal(detail.labels, y[idx])
    assert detail.losses.shape == (64,) and detail.losses.dtype == np.float32
    assert detail.loss == pytest.approx(batch.loss, rel=1e-6)
    assert detail.loss == pytest.approx(float(detail.losses.mean()), rel=1e-6)
    if dropout == 0.0:                      # eval mode equals training mode without dropout
        logits = model0.logits(x[idx])
        want = -log_softmax(logits)[np.arange(64), y[idx]]
        np.testing.assert_allclose(detail.losses, want, rtol=1e-5)
        np.testing.assert_array_equal(detail.predictions, logits.argmax(axis=1))
        np.testing.assert_allclose(detail.norms.grad_w, layer_norms(model0, grad).grad_w, rtol=1e-12)
    assert np.all(np.isfinite(detail.norms.ratio))         # a single step always records
    for arr in (detail.indices, detail.labels, detail.losses, detail.predictions):
        assert not arr.flags.writeable
    control.stop()
    assert isinstance(list(events)[-1], FinishedEvent)


def test_verdict_names_vanishing_gradients_with_six_sigmoid_layers_not_relu():
    from visualizer.core.dataset import load_dataset
    data = load_dataset("sample")
    x = data.x_train[:2048].reshape(2048, -1).astype(np.float32) / 255
    y = data.y_train[:2048].astype(np.int64)
    verdicts = {}
    for activation in ("sigmoid", "relu"):
        model = MLP(NetworkConfig(hidden=(32,) * 6, activation=activation), np.random.default_rng(0))
        trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, batch_size=64, epochs=4), x, y)
        rows = [ev.norms.grad_w for ev in trainer.run() if isinstance(ev, BatchEvent) and ev.norms is not None]
        assert len(rows) == 4 * 32 // record_every(64) >= 4
        verdicts[activation] = verdict(np.array(rows))
    assert verdicts["sigmoid"].kind == "vanishing" and verdicts["sigmoid"].factor > 100
    assert verdicts["relu"].kind == "healthy"
    assert (verdicts["sigmoid"].first, verdicts["sigmoid"].last) == (0, 6)


def test_verdict_reads_the_last_records_and_ignores_non_finite_ones():
    rows = np.array([[1.0, 1.0]] * 30 + [[1e-4, 1.0]] * 20)
    assert verdict(rows).kind == "vanishing"
    assert verdict(rows, last_n=40).kind == "healthy"       # the median of 40 still sees 20 healthy
    assert verdict(np.array([[1e3, 1.0]])).kind == "exploding"
    assert verdict(np.array([[np.nan, 1.0]])) is None
    assert verdict(np.array([[1.0]])) is None and verdict(np.zeros((0, 3))) is None


def test_histogram_pair_puts_both_on_one_set_of_bins():
    rng = np.random.default_rng(0)
    a, b = rng.normal(0, 1, 1000), rng.normal(3, 0.5, (20, 50))
    h = histogram_pair(a, b, bins=30)
    assert h.edges.shape == (31,) and h.initial.sum() == 1000 and h.now.sum() == 1000
    assert h.edges[0] == a.min() and h.edges[-1] == pytest.approx(max(a.max(), b.max()))
    assert np.argmax(h.now) > np.argmax(h.initial)
    flat = histogram_pair(np.zeros(5), np.array([np.nan, 0.0]))
    assert flat.initial.sum() == 5 and flat.now.sum() == 1 and flat.edges[-1] > flat.edges[0]
    assert not h.edges.flags.writeable


def test_layer_histograms_compare_each_layer_with_the_start():
    from visualizer.core.gradhealth import layer_histograms
    x, y = blobs(256)
    start = MLP(NetworkConfig(n_inputs=20, hidden=(16,), n_classes=4), np.random.default_rng(0))
    trainer = Trainer(start.copy(), TrainConfig(lr=0.01, epochs=3, batch_size=32), x, y)
    for _ in trainer.run():
        pass
    hists = layer_histograms(start, trainer.model, x[:64], y[:64], bins=20)
    assert len(hists) == 2
    w0 = hists[0].weights
    assert w0.initial.sum() == w0.now.sum() == 20 * 16 and w0.edges.shape == (21,)
    assert hists[1].biases.now.sum() == 4
    assert not np.array_equal(w0.initial, w0.now)           # the weights moved
    _, _, ws = start.loss_and_gradient(x[:64], y[:64])
    g = ws.grad_weights[0]
    edges = hists[0].gradient.edges
    np.testing.assert_array_equal(hists[0].gradient.initial, np.histogram(g, 20, (edges[0], edges[-1]))[0])


def test_a_single_steps_batch_crosses_the_process_pipe_read_only():
    from visualizer.core import remote
    from visualizer.core.checkpoint import Checkpoint, Split
    from visualizer.core.events import PausedEvent
    from visualizer.core.protocol import LoadData, RunResult, RunSpec, Steer

    rng = np.random.default_rng(5)
    x, y = rng.random((200, 784), dtype=np.float32), rng.integers(0, 10, 200)
    proc = remote.TrainProcess()
    try:
        proc.send_data(LoadData(1, x, y, x[:0], y[:0]))
        ckpt = Checkpoint.fresh(NetworkConfig(hidden=(12,)), TrainConfig(batch_size=16, epochs=100),
                                Split("test", 0.0))
        proc.send(RunSpec(ckpt, 1, paused=True, steps=1))
        msgs = [proc.receive()]
        while not isinstance(msgs[-1], PausedEvent):
            msgs.append(proc.receive())
        kinds = [type(m) for m in msgs]
        assert kinds.index(tuple) < kinds.index(StepDetailEvent) < kinds.index(PausedEvent)
        detail = msgs[kinds.index(StepDetailEvent)]
        assert detail.step == 1 and detail.losses.shape == (16,)
        np.testing.assert_array_equal(detail.labels, y[detail.indices])
        assert not detail.losses.flags.writeable and not detail.norms.grad_w.flags.writeable
        proc.send(Steer("stop"))
        while not isinstance(proc.receive(), RunResult):
            pass
    finally:
        proc.close()
