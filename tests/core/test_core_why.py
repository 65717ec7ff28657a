"""One input explained and judged (visualizer.core.why): gradient, attribution, calibration, OOD flag."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import why
from visualizer.core.attribution import gradient_times_input
from visualizer.core.backprop import backprop
from visualizer.core.checkpoint import Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import load_dataset
from visualizer.core.network import MLP
from visualizer.core.preprocess import canvas_to_input
from visualizer.core.runsetup import prepare
from visualizer.core.training import Trainer


def _log_prob(model: MLP, x: np.ndarray, k: int) -> float:
    z = model.logits(x).astype(np.float64)
    return float(z[k] - z.max() - np.log(np.exp(z - z.max()).sum()))


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_input_gradient_matches_finite_differences(activation):
    model = MLP(NetworkConfig(n_inputs=16, hidden=(8, 6), activation=activation),
                rng=np.random.default_rng(1), dtype=np.float64)
    x = np.random.default_rng(2).random(16)
    for k in (0, 4, 9):
        g = why.log_prob_input_gradient(model, backprop(model, x, k))
        fd = np.empty(16)
        for i in range(16):
            e = np.zeros(16)
            e[i] = 1e-6
            fd[i] = (_log_prob(model, x + e, k) - _log_prob(model, x - e, k)) / 2e-6
        assert np.allclose(g, fd, rtol=1e-5, atol=1e-8)


def test_explain_defaults_to_the_predicted_class_and_takes_any_other():
    model = MLP(NetworkConfig(n_inputs=16, hidden=(8,)), rng=np.random.default_rng(3), dtype=np.float64)
    x = np.random.default_rng(4).random(16)
    e = why.explain(model, x)
    assert e.target == int(np.argmax(model.logits(x)))
    other = (e.target + 1) % 10
    e2 = why.explain(model, x, other)
    assert e2.target == other
    assert np.array_equal(e2.attribution, gradient_times_input(x, e2.gradient))
    assert not e2.attribution.flags.writeable
    assert not np.allclose(e.attribution, e2.attribution)


@pytest.fixture(scope="module")
def run():
    return prepare(load_dataset("sample"), Split("sample", 0.1))


@pytest.fixture(scope="module")
def trained(run):
    """784-128-64-10 after 8 epochs with augmentation on the embedded sample (a few seconds)."""
    model = MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(0))
    cfg = TrainConfig(epochs=8, lr=2e-3, schedule="cosine", augment=True, val_fraction=0.1)
    for _ in Trainer(model, cfg, run.inputs_train, run.y_train, rng=np.random.default_rng(0)).run():
        pass
    return model


@pytest.fixture(scope="module")
def trust(run, trained):
    return why.fit_trust(trained, run.inputs_train, run.y_train, run.inputs_val, run.y_val)


def _disc(cx: float, cy: float, r: float) -> np.ndarray:
    yy, xx = np.mgrid[0:140, 0:140] + 0.5
    return ((xx - cx) ** 2 + (yy - cy) ** 2 < r * r).astype(np.uint8) * 255


def _dash(angle_deg: float) -> np.ndarray:
    yy, xx = np.mgrid[0:140, 0:140] + 0.5
    a = np.deg2rad(angle_deg)
    d = np.abs((xx - 70) * np.sin(a) - (yy - 70) * np.cos(a))
    along = np.abs((xx - 70) * np.cos(a) + (yy - 70) * np.sin(a))
    return ((d < 5) & (along < 45)).astype(np.uint8) * 255


def test_a_dot_and_a_straight_line_do_not_look_like_digits(trust, trained):
    shapes = [_disc(70, 70, 6), _disc(40, 90, 10), _dash(0), _dash(20)]
    x = np.stack([canvas_to_input(s).reshape(784) for s in shapes])
    v = why.verdict(trust, trained, x)
    assert v.unsure.all()
    assert np.all(v.scores > v.threshold)


def test_real_validation_digits_are_trusted_and_calibrated(trust, trained, run):
    v = why.verdict(trust, trained, run.inputs_val)
    assert 0.03 <= v.unsure.mean() <= 0.05                 # the threshold's 5 %
    assert not v.unsure[np.argsort(v.scores)[:10]].any()
    t = trust.calibration.temperature
    z = trained.logits(run.inputs_val).astype(np.float64)
    p = np.exp(z / t - (z / t).max(1, keepdims=True))
    assert np.allclose(v.probabilities, p / p.sum(1, keepdims=True))
    assert np.array_equal(v.labels, np.argmax(z, axis=1))    # temperature never changes the answer
    one = why.verdict(trust, trained, run.inputs_val[7])
    assert one.scores[0] == pytest.approx(v.scores[7], abs=1e-4) and one.unsure[0] == v.unsure[7]


def test_nearest_training_images_of_a_training_digit_include_itself(trust, trained, run):
    near = trust.index.nearest(trained, run.inputs_train[12], why.NEIGHBOURS)
    assert len(near.indices) == 5 and near.indices[0] == 12
    assert near.labels[0] == run.y_train[12]


def test_without_a_validation_set_nothing_is_flagged(trained, run):
    t = why.fit_trust(trained, run.inputs_train[:50], run.y_train[:50], run.inputs_val[:0], run.y_val[:0])
    v = why.verdict(t, trained, run.inputs_val[:3])
    assert t.detector is None and t.calibration.temperature == 1.0
    assert not v.unsure.any() and np.isnan(v.scores).all()
