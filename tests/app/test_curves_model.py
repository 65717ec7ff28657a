"""The curves' data without Qt: series, smoothing, earlier runs, divergences, axis limits, CSV."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pytest

from visualizer.app.curves_model import CurvesModel, curves_title, ema
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.events import BatchEvent, DivergedEvent, EpochEvent, SettingsChangedEvent
from visualizer.core.network import MLP
from visualizer.core.training import EXPLODED_LOSS, Trainer

NO_PREDICTIONS = np.empty(0, np.int64)


def batches(first_step: int, epoch: int, first_batch: int, count: int, bpe: int, loss=None, lr=1e-3):
    """``count`` BatchEvents from ``first_step``; loss falls from 2.3 unless given."""
    out = []
    for i in range(count):
        b = first_batch + i
        step = first_step + i
        value = 2.3 / (1 + 0.05 * step) if loss is None else loss(i)
        out.append(BatchEvent(step, epoch, b, bpe, epoch + b / bpe, value, 0.5, lr, 32))
    return tuple(out)


def epoch_event(epoch: int, step: int, loss: float = 0.5, acc: float = 0.8) -> EpochEvent:
    return EpochEvent(epoch, epoch + 1, step, loss, acc, loss * 1.1, acc - 0.02, 1.0, 1000.0, 1e-3,
                      NO_PREDICTIONS, NO_PREDICTIONS)


def reference_ema(values, beta):
    biased, out = 0.0, []
    for i, v in enumerate(values, 1):
        biased = beta * biased + (1 - beta) * v
        out.append(biased / (1 - beta ** i))
    return np.array(out)


def test_ema_in_chunks_matches_the_step_by_step_definition():
    rng = np.random.default_rng(0)
    values = rng.uniform(0, 3, 1000)
    state = [0.0, 0]
    pieces = [ema(values[a:b], 0.9, state) for a, b in ((0, 1), (1, 300), (300, 301), (301, 1000))]
    np.testing.assert_allclose(np.concatenate(pieces), reference_ema(values, 0.9), rtol=1e-10)
    assert state[1] == 1000


def test_batches_and_epochs_fill_the_columns_and_the_csv():
    m = CurvesModel()
    m.add_batches(batches(1, 0, 1, 10, 10))
    m.add_epoch(epoch_event(0, 10))
    m.add_batches(batches(11, 1, 1, 5, 10))
    assert m.point_counts() == {"batch": 15, "epoch": 1}
    assert np.all(np.diff(m.x_batch.view()) > 0) and m.x_batch.last() == pytest.approx(1.5)
    assert m.last_step() == 15 and m.acc.last() == pytest.approx(50.0)
    np.testing.assert_allclose(m.loss_smooth.view(), reference_ema(m.loss.view(), 0.9))
    rows = list(csv.DictReader(io.StringIO(m.metrics_csv())))
    assert [r["kind"] for r in rows].count("batch") == 15
    epoch_row = next(r for r in rows if r["kind"] == "epoch")
    assert float(epoch_row["val_accuracy"]) == pytest.approx(0.78) and epoch_row["epochs"] == "1"
    xs = [float(r["epochs"]) for r in rows]
    assert xs == sorted(xs)


def test_a_constant_learning_rate_is_drawn_with_two_points():
    m = CurvesModel()
    for first in range(1, 200, 20):
        m.add_batches(batches(first, 0, first, 20, 400))
    assert len(m.lr_x) == 2 and m.lr_x.last() == pytest.approx(m.x_batch.last())
    m.add_batches(batches(201, 0, 201, 3, 400, lr=0.01))
    assert list(m.lr_y.view()) == [1e-3, 1e-3, 0.01, 0.01]


def test_a_redone_epoch_moves_the_stopped_runs_batches_to_the_earlier_run():
    m = CurvesModel()
    m.add_batches(batches(1, 0, 1, 4, 10))             # stopped after 4 of 10 batches
    m.add_batches(batches(5, 0, 1, 6, 10))             # the next run redoes epoch 1
    assert np.all(np.diff(m.x_batch.view()) > 0) and len(m.x_batch) == 6
    assert np.nanmax(m.old_x.view()) == pytest.approx(0.4)
    assert m.point_counts()["batch"] == 6
    rows = [r for r in csv.DictReader(io.StringIO(m.metrics_csv())) if r["kind"] == "batch"]
    assert len(rows) == 10                              # the earlier run stays in the CSV


def test_history_and_live_changes():
    m = CurvesModel()
    m.set_history([{"epoch": 1, "train_loss": 0.4, "val_loss": None, "train_accuracy": 0.9,
                    "val_accuracy": float("nan"), "lr": 0.001}])
    assert m.point_counts() == {"batch": 0, "epoch": 1} and math.isnan(m.val_loss.last())
    assert m.lr_bounds() == (0.001, 0.001)
    ev = SettingsChangedEvent(5, 0.5, (("lr", 0.01), ("weight_decay", 1e-4)))
    assert CurvesModel.settings_text(ev) == "lr 0.01, L2 0.0001"
    m.clear()
    assert m.empty and m.point_counts() == {"batch": 0, "epoch": 0}


def test_loss_axis_ignores_a_late_outlier_and_x_axis_steps():
    m = CurvesModel()
    assert m.loss_top() is None
    m.add_batches(batches(1, 0, 1, 200, 100))
    calm = m.loss_top()
    m.add_batches(batches(201, 2, 1, 1, 100, loss=lambda i: 900.0))
    assert m.loss_top() == calm and 2.3 <= calm < 5
    assert m.x_top(snug=False, planned=5.0) == pytest.approx(5.1)
    assert m.x_top(snug=True, planned=None) == pytest.approx(m.x_batch.last() * 1.02)


def test_a_divergence_keeps_the_rolled_back_batches_and_the_exploded_loss():
    """Steps 1..12 trained; 11 and 12 climbed; step 13 exploded, so the weights went back to
    step 10. The exploded loss is in no BatchEvent: the model keeps it from the DivergedEvent."""
    m = CurvesModel()
    m.add_batches(batches(1, 0, 1, 10, 20))
    m.add_batches(batches(11, 0, 11, 2, 20, loss=lambda i: 30.0 * (i + 1)))
    d = m.add_divergence(DivergedEvent(13, 0, 5e4, "Training diverged", restored_step=10))
    assert d.x == pytest.approx(13 / 20) and d.restored_x == pytest.approx(10 / 20)
    np.testing.assert_allclose(m.div_x.view(), [0.5, 0.55, 0.6, 0.65])
    np.testing.assert_allclose(m.div_loss.view()[1:], [30.0, 60.0, 5e4])
    assert "step 13" in d.label and "step 10" in d.label and "5e+04" in d.label
    m.add_batches(batches(11, 0, 1, 3, 20))           # the next run redoes the epoch
    assert len(m.div_x) == 4                          # the red piece outlives the redo
    row = next(r for r in csv.DictReader(io.StringIO(m.metrics_csv())) if r["kind"] == "diverged")
    assert row["step"] == "13" and float(row["loss"]) == 5e4


def test_a_nan_divergence_is_drawn_off_the_chart():
    m = CurvesModel()
    d = m.add_divergence(DivergedEvent(1, 0, math.nan, "Training diverged", restored_step=0))
    assert d.x > 0 and d.restored_x == 0.0 and "NaN" in d.label
    assert m.div_loss.view().tolist() == [math.inf]


def test_a_real_divergence_reaches_the_curves():
    """A real run at learning rate 100: every batch and the exploded loss are in the model."""
    rng = np.random.default_rng(3)
    centres = rng.uniform(0.2, 0.8, (4, 20))
    y = rng.integers(0, 4, 400)
    x = np.clip(centres[y] + rng.normal(0, 0.1, (400, 20)), 0, 1).astype(np.float32)
    model = MLP(NetworkConfig(n_inputs=20, hidden=(32, 16), n_classes=4))
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=100.0, epochs=3, batch_size=16), x, y)
    m = CurvesModel()
    diverged = None
    for ev in trainer.run():
        if isinstance(ev, BatchEvent):
            m.add_batches((ev,))
        elif isinstance(ev, DivergedEvent):
            diverged = ev
            m.add_divergence(ev)
    assert diverged is not None and not diverged.loss <= EXPLODED_LOSS
    top = m.div_loss.view()[-1]
    assert top == diverged.loss or (math.isinf(top) and not math.isfinite(diverged.loss))
    assert m.divergences[0].x > (m.x_batch.last() if len(m.x_batch) else 0.0)


def test_title_names_the_network_the_dataset_and_the_step():
    m = CurvesModel()
    m.add_batches(batches(1, 0, 1, 1234, 2000))
    title = m.title((784, 128, 64, 10), "MNIST")
    assert title.startswith("Network 784-128-64-10 · MNIST · step 1,234")
    assert curves_title(epochs=3.0) == "after 3 epochs"
