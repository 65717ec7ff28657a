"""Analytic gradients against central finite differences in float64 (max relative error < 1e-6)."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import losses
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP

SIZES = dict(n_inputs=6, hidden=(5, 4), n_classes=3)


def _rel_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    return float(np.max(np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8)))


def _setup(activation: str, seed: int = 0):
    rng = np.random.default_rng(seed)
    model = MLP(NetworkConfig(activation=activation, **SIZES), rng, dtype=np.float64)
    # non-zero biases so every term is exercised; keep pre-activations away from ReLU's kink
    for b in model.biases:
        b[...] = rng.normal(0, 0.3, b.shape)
    x = rng.normal(0, 1, (7, SIZES["n_inputs"]))
    y = rng.integers(0, SIZES["n_classes"], 7)
    return model, x, y, rng


def _numeric_gradient(model: MLP, loss_fn, h: float = 1e-5) -> np.ndarray:
    grad = np.zeros(model.n_params)
    p = model.params
    for k in range(model.n_params):
        old = p[k]
        p[k] = old + h
        up = loss_fn()
        p[k] = old - h
        down = loss_fn()
        p[k] = old
        grad[k] = (up - down) / (2 * h)
    return grad


def _total_loss(model, x, y, weight_decay, masks):
    loss, _, _ = model.loss_and_gradient(x, y, weight_decay=weight_decay, masks=masks)
    return loss + model.l2_penalty(weight_decay)


def _min_abs_preactivation(model, x, masks=None) -> float:
    t = model.trace(x)
    return min(float(np.min(np.abs(z))) for z in t.pre_activations[:-1])


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "sigmoid", "tanh"])
@pytest.mark.parametrize("weight_decay", [0.0, 0.05])
def test_gradient_matches_finite_differences(activation, weight_decay):
    model, x, y, _ = _setup(activation)
    assert _min_abs_preactivation(model, x) > 1e-4   # finite differences never cross a kink
    _, _, ws = model.loss_and_gradient(x, y, weight_decay=weight_decay)
    analytic = ws.grad.copy()
    numeric = _numeric_gradient(model, lambda: _total_loss(model, x, y, weight_decay, None))
    assert np.count_nonzero(analytic) > model.n_params // 2
    assert _rel_error(analytic, numeric) < 1e-6


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_gradient_with_a_fixed_dropout_mask(activation):
    model, x, y, rng = _setup(activation, seed=3)
    p = 0.4
    masks = [(rng.random((len(x), n)) >= p) / (1 - p) for n in SIZES["hidden"]]
    assert any((m == 0).any() for m in masks) and any((m > 1).any() for m in masks)
    _, _, ws = model.loss_and_gradient(x, y, weight_decay=0.01, masks=masks)
    analytic = ws.grad.copy()
    numeric = _numeric_gradient(model, lambda: _total_loss(model, x, y, 0.01, masks))
    assert _rel_error(analytic, numeric) < 1e-6
    # the mask matters: without it the gradient is different
    _, _, ws2 = model.loss_and_gradient(x, y, weight_decay=0.01)
    assert not np.allclose(ws2.grad, analytic)


def test_loss_gradient_is_probabilities_minus_one_hot():
    rng = np.random.default_rng(5)
    logits = rng.normal(0, 3, (4, 5))
    y = np.array([0, 4, 2, 2])
    probs, grad = np.empty_like(logits), np.empty_like(logits)
    loss, correct = losses.softmax_cross_entropy(logits, y, probs, grad)
    h = 1e-5
    numeric = np.zeros_like(logits)
    for idx in np.ndindex(logits.shape):
        up, down = logits.copy(), logits.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (losses.cross_entropy(up, y) - losses.cross_entropy(down, y)) / (2 * h)
    assert _rel_error(grad, numeric) < 1e-6
    assert loss == pytest.approx(losses.cross_entropy(logits, y), rel=1e-12)
    assert correct == int(np.sum(np.argmax(logits, 1) == y))
    expected = probs.copy()
    expected[np.arange(4), y] -= 1
    np.testing.assert_allclose(grad, expected / 4, rtol=1e-12)


def test_softmax_cross_entropy_is_stable_for_huge_logits():
    logits = np.array([[1000.0, 0.0, -1000.0], [-5e4, 5e4, 0.0]], dtype=np.float32)
    y = np.array([2, 1])
    probs, grad = np.empty_like(logits), np.empty_like(logits)
    loss, _ = losses.softmax_cross_entropy(logits, y, probs, grad)
    assert np.isfinite(loss) and loss == pytest.approx(2000.0 / 2, rel=1e-6)
    assert np.all(np.isfinite(probs)) and np.allclose(probs.sum(1), 1)
    assert np.all(np.isfinite(grad))


def test_float32_and_float64_networks_agree():
    cfg = NetworkConfig(**SIZES)
    m64 = MLP(cfg, np.random.default_rng(2), dtype=np.float64)
    m32 = MLP(cfg, np.random.default_rng(2))
    np.testing.assert_array_equal(m32.params, m64.params.astype(np.float32))
    x = np.random.default_rng(3).random((5, 6))
    np.testing.assert_allclose(m32.forward(x), m64.forward(x), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "sigmoid", "tanh"])
def test_activation_derivatives_elementwise_with_and_without_scratch(name):
    from visualizer.core import activations
    act = activations.get(name)
    z = np.random.default_rng(1).normal(0, 2, (4, 5))
    z[np.abs(z) < 1e-3] = 0.5
    a = act.forward(z, np.empty_like(z))
    grad = np.random.default_rng(2).normal(size=z.shape)
    h = 1e-6
    numeric = (act.forward(z + h, np.empty_like(z)) - act.forward(z - h, np.empty_like(z))) / (2 * h) * grad
    plain = act.backward(z, a, grad, np.empty_like(z))
    scratch = act.backward(z, a, grad.copy(), np.empty_like(z), np.empty_like(z))
    np.testing.assert_array_equal(plain, scratch)
    assert _rel_error(plain, numeric) < 1e-6
    # the training pass gives the same activation and f'(z) for the one-multiply backward
    deriv = np.empty_like(z)
    a_train = act.forward_train(z, np.empty_like(z), deriv)
    np.testing.assert_allclose(a_train, a, rtol=1e-15, atol=0)
    np.testing.assert_allclose(grad * deriv, plain, rtol=1e-15, atol=0)
    with pytest.raises(Exception, match="activation"):
        activations.get("gelu")


def test_sigmoid_is_stable_at_extremes():
    from visualizer.core import activations
    z = np.array([-1e4, -50.0, 0.0, 50.0, 1e4], dtype=np.float32)
    a = activations.sigmoid(z, np.empty_like(z))
    assert np.all(np.isfinite(a)) and a[0] == 0.0 and a[2] == 0.5 and a[-1] == 1.0
