"""One input explained and judged (visualizer.core.why): gradient, attribution, calibration, OOD flag."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import why
from visualizer.core.attribution import gradient_times_input
from visualizer.core.backprop import backprop
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP
from visualizer.core.preprocess import canvas_to_input


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
def trust(sample_run, sample_model):
    return why.fit_trust(sample_model, sample_run.inputs_train, sample_run.y_train, sample_run.inputs_val,
                         sample_run.y_val)


def _disc(cx: float, cy: float, r: float) -> np.ndarray:
    yy, xx = np.mgrid[0:140, 0:140] + 0.5
    return ((xx - cx) ** 2 + (yy - cy) ** 2 < r * r).astype(np.uint8) * 255


def _dash(angle_deg: float) -> np.ndarray:
    yy, xx = np.mgrid[0:140, 0:140] + 0.5
    a = np.deg2rad(angle_deg)
    d = np.abs((xx - 70) * np.sin(a) - (yy - 70) * np.cos(a))
    along = np.abs((xx - 70) * np.cos(a) + (yy - 70) * np.sin(a))
    return ((d < 5) & (along < 45)).astype(np.uint8) * 255


def test_a_dot_and_a_straight_line_do_not_look_like_digits(trust, sample_model):
    shapes = [_disc(70, 70, 6), _disc(40, 90, 10), _dash(0), _dash(20)]
    x = np.stack([canvas_to_input(s).reshape(784) for s in shapes])
    v = why.verdict(trust, sample_model, x)
    assert v.unsure.all()
    assert np.all(v.scores > v.threshold)


def test_real_validation_digits_are_trusted_and_calibrated(trust, sample_model, sample_run):
    v = why.verdict(trust, sample_model, sample_run.inputs_val)
    assert 0.03 <= v.unsure.mean() <= 0.05                 # the threshold's 5 %
    assert not v.unsure[np.argsort(v.scores)[:10]].any()
    t = trust.calibration.temperature
    z = sample_model.logits(sample_run.inputs_val).astype(np.float64)
    p = np.exp(z / t - (z / t).max(1, keepdims=True))
    assert np.allclose(v.probabilities, p / p.sum(1, keepdims=True))
    assert np.array_equal(v.labels, np.argmax(z, axis=1))    # temperature never changes the answer
    one = why.verdict(trust, sample_model, sample_run.inputs_val[7])
    assert one.scores[0] == pytest.approx(v.scores[7], abs=1e-4) and one.unsure[0] == v.unsure[7]


def test_nearest_training_images_of_a_training_digit_include_itself(trust, sample_model, sample_run):
    near = trust.index.nearest(sample_model, sample_run.inputs_train[12], why.NEIGHBOURS)
    assert len(near.indices) == 5 and near.indices[0] == 12
    assert near.labels[0] == sample_run.y_train[12]


def test_without_a_validation_set_nothing_is_flagged(sample_model, sample_run):
    t = why.fit_trust(sample_model, sample_run.inputs_train[:50], sample_run.y_train[:50],
                      sample_run.inputs_val[:0], sample_run.y_val[:0])
    v = why.verdict(t, sample_model, sample_run.inputs_val[:3])
    assert t.detector is None and t.calibration.temperature == 1.0
    assert not v.unsure.any() and np.isnan(v.scores).all()
