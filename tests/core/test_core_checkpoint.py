"""Checkpoints, the one run setup and the one evaluation: a run's state in one value."""

from __future__ import annotations

import json

import numpy as np
import pytest

from visualizer.core import runsetup
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import Dataset, as_inputs
from visualizer.core.evaluation import confusion_matrix, evaluate
from visualizer.core.events import FinishedEvent
from visualizer.core.network import MLP
from visualizer.core.persistence import load_checkpoint, save_checkpoint
from visualizer.core.training import Trainer


def digits(n: int = 300, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(10), n // 10).astype(np.uint8)
    centres = np.random.default_rng(7).integers(0, 256, (10, 28, 28))
    x = np.clip(centres[y] + rng.normal(0, 40, (len(y), 28, 28)), 0, 255).astype(np.uint8)
    return Dataset("blobs", x, y, x[:50], y[:50])


NET = NetworkConfig(hidden=(16,))
TRAIN = TrainConfig(epochs=1, batch_size=32, lr=0.01, seed=3)


def test_split_depends_on_dataset_fraction_and_seed_only():
    ds = digits()
    a = runsetup.prepare(ds, Split("blobs", 0.2, 0))
    b = runsetup.prepare(ds, Split("blobs", 0.2, 0))
    c = runsetup.prepare(ds, Split("blobs", 0.2, 1))
    np.testing.assert_array_equal(a.x_val, b.x_val)
    assert not np.array_equal(a.x_val, c.x_val)
    assert len(a.y_val) == 60 and np.all(np.bincount(a.y_val) == 6)           # stratified
    np.testing.assert_array_equal(a.inputs_val, as_inputs(a.x_val))
    assert not a.inputs_train.flags.writeable and not a.x_val.flags.writeable
    assert runsetup.prepare(ds, Split("blobs", 0.0)).validation == (None, None)


def test_trainer_round_trips_a_checkpoint_and_continues_like_one_run():
    data = runsetup.prepare(digits(), Split("blobs", 0.1))
    start = Checkpoint.fresh(NET, TRAIN, data.split)
    assert not start.params.flags.writeable and start.step == 0
    t1 = Trainer.from_checkpoint(start, data)
    list(t1.run())
    mid = t1.checkpoint()
    assert mid.step == t1.step > 0 and mid.epochs_done == 1 and len(mid.history) == 1
    assert mid.split == data.split and mid.optimizer_state is not None
    np.testing.assert_array_equal(mid.params, t1.model.params)
    t1.model.params[:] = 0                                   # the checkpoint is a copy
    assert np.any(mid.params != 0)
    t2 = Trainer.from_checkpoint(mid, data)                  # a second run continues the first
    events = list(t2.run())
    assert isinstance(events[-1], FinishedEvent) and t2.epochs_done == 2 and t2.step == 2 * mid.step
    # the same two epochs again, from the same checkpoints, give bitwise the same weights
    again = Trainer.from_checkpoint(mid, data)
    list(again.run())
    np.testing.assert_array_equal(again.model.params, t2.model.params)


def test_checkpoint_file_round_trip_keeps_every_field(tmp_path):
    data = runsetup.prepare(digits(), Split("blobs", 0.2, 5))
    t = Trainer.from_checkpoint(Checkpoint.fresh(NET, TRAIN, data.split), data)
    list(t.run())
    ckpt = t.checkpoint()
    save_checkpoint(tmp_path / "m.npz", ckpt)
    back = load_checkpoint(tmp_path / "m.npz")
    assert back.network == ckpt.network and back.train == ckpt.train and back.split == ckpt.split
    assert (back.step, back.epochs_done) == (ckpt.step, ckpt.epochs_done)
    assert back.history == ckpt.history
    np.testing.assert_array_equal(back.params, ckpt.params)
    assert set(back.optimizer_state) == set(ckpt.optimizer_state)
    for k, v in ckpt.optimizer_state.items():
        np.testing.assert_array_equal(back.optimizer_state[k], v)


def test_a_file_without_a_split_is_read_with_the_default_split(tmp_path):
    ckpt = Checkpoint.fresh(NET, TrainConfig(val_fraction=0.2), Split("sample", 0.2))
    save_checkpoint(tmp_path / "m.npz", ckpt)
    with np.load(tmp_path / "m.npz") as z:
        arrays = {k: z[k] for k in z.files}
    doc = json.loads(str(arrays["config"]))
    del doc["split"]                                          # as files of earlier versions
    arrays["config"] = np.array(json.dumps(doc))
    np.savez(tmp_path / "old.npz", **arrays)
    assert load_checkpoint(tmp_path / "old.npz").split == Split("sample", 0.2, 0)


def test_evaluation_matches_an_independent_float64_computation():
    rng = np.random.default_rng(4)
    model = MLP(NetworkConfig(hidden=(12, 7), activation="tanh"), rng)
    x = rng.random((5000, 784), dtype=np.float32)             # more than one chunk
    y = rng.integers(0, 10, 5000)
    ev = evaluate(model, x, y, chunk=1000)
    # reference: float64 forward pass and a plain -log softmax
    a = x.astype(np.float64)
    for i, (w, b) in enumerate(zip(model.weights, model.biases)):
        a = a @ w.astype(np.float64) + b
        if i < model.n_layers - 1:
            a = np.tanh(a)
    p = np.exp(a - a.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    assert ev.loss == pytest.approx(float(np.mean(-np.log(p[np.arange(5000), y]))), rel=1e-5)
    np.testing.assert_array_equal(ev.predictions, p.argmax(1))
    np.testing.assert_allclose(ev.confidence, p.max(1), rtol=1e-5)
    assert ev.accuracy == pytest.approx(float(np.mean(p.argmax(1) == y)))
    cm = np.zeros((10, 10), np.int64)
    np.add.at(cm, (y, p.argmax(1)), 1)
    np.testing.assert_array_equal(ev.confusion, cm)
    np.testing.assert_array_equal(confusion_matrix(y, p.argmax(1), 10), cm)
    assert not ev.predictions.flags.writeable and ev.count == 5000
    empty = evaluate(model, x[:0], y[:0])
    assert np.isnan(empty.loss) and np.isnan(empty.accuracy) and empty.confusion.sum() == 0


def test_evaluation_loss_stays_finite_for_a_confidently_wrong_network():
    model = MLP(NetworkConfig(hidden=()), np.random.default_rng(0))
    model.weights[0][:] = 0
    model.biases[0][:] = [1000.0] + [0.0] * 9                 # always "0", with p(other) = e^-1000
    ev = evaluate(model, np.zeros((4, 784), np.float32), np.array([1, 1, 1, 1]))
    assert ev.loss == pytest.approx(1000.0) and ev.accuracy == 0.0       # a clipped -log p gave 27.6
