"""Gradient x input (visualizer.core.attribution), with the gradient from central finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core.attribution import for_display, gradient_times_input
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP


def _log_prob(model: MLP, x: np.ndarray, k: int) -> float:
    z = model.logits(x).astype(np.float64)
    return float(z[k] - z.max() - np.log(np.exp(z - z.max()).sum()))


def _fd_gradient(model: MLP, x: np.ndarray, k: int, h: float = 1e-5) -> np.ndarray:
    g = np.empty_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (_log_prob(model, x + e, k) - _log_prob(model, x - e, k)) / (2 * h)
    return g


@pytest.fixture
def tiny():
    """784 inputs would take 1,568 forward passes per gradient: 16 inputs (a 4x4 image) suffice."""
    return MLP(NetworkConfig(n_inputs=16, hidden=(8,), activation="tanh"), rng=np.random.default_rng(1),
               dtype=np.float64)


def test_attribution_is_the_first_order_effect_of_removing_the_ink():
    """Near 0 the network is linear, so the attributions add up to f(x) - f(0)."""
    lin = MLP(NetworkConfig(n_inputs=16, hidden=(8,), activation="tanh"), rng=np.random.default_rng(2),
              dtype=np.float64)
    x = np.random.default_rng(3).random(16) * 1e-3          # tanh is linear near 0
    k = 4
    attr = gradient_times_input(x, _fd_gradient(lin, x, k))
    assert attr.sum() == pytest.approx(_log_prob(lin, x, k) - _log_prob(lin, np.zeros(16), k), rel=1e-3)


def test_attribution_for_any_class_and_pixels_without_ink(tiny):
    x = np.random.default_rng(4).random(16)
    x[[0, 5, 9]] = 0.0
    for k in (0, 3, 7):
        g = _fd_gradient(tiny, x, k)
        attr = gradient_times_input(x, g)
        assert attr.dtype == np.float32 and attr.shape == (16,)
        assert np.allclose(attr, x * g, rtol=1e-6, atol=1e-7)
        assert np.all(attr[[0, 5, 9]] == 0)
    # the probabilities sum to 1, so the log-probability gradients of all classes weighted by p cancel
    p = tiny.forward(x)
    total = sum(p[k] * _fd_gradient(tiny, x, k) for k in range(10))
    assert np.allclose(total, 0.0, atol=1e-7)


def test_display_is_symmetric_clipped_and_robust_to_one_extreme_pixel():
    a = np.zeros(784)
    a[:200] = np.linspace(-1, 1, 200)
    a[300] = 1000.0                      # one wild pixel must not wash the others out
    shown = for_display(a)
    assert shown.shape == (28, 28) and shown.dtype == np.float32
    assert shown.max() == 1.0 and shown.min() >= -1.0
    assert shown.reshape(-1)[300] == 1.0
    assert abs(shown.reshape(-1)[0]) > 0.9          # -1 out of a scale near 1: still strong
    assert np.all(shown.reshape(-1)[400:] == 0)
    assert np.all(for_display(np.zeros(784)) == 0)
    assert np.array_equal(np.sign(shown.reshape(-1)), np.sign(a))


def test_shapes_must_match():
    with pytest.raises(ValueError):
        gradient_times_input(np.zeros(784), np.zeros(783))
