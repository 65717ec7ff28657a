"""One input's backward pass (core.backprop) against central finite differences in float64.

Every value the backward view and ``visualizer backprop`` show (dz, da, dW, db)
is compared with the derivative of the loss measured numerically, for every
activation, with L2 and a fixed dropout mask off and on (max relative error < 1e-6).
The reference forward pass from a hidden layer onwards below is the test's own.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core.backprop import backprop, in_dtype
from visualizer.core.config import NetworkConfig
from visualizer.core.errors import DataError
from visualizer.core.losses import log_softmax
from visualizer.core.network import MLP

SIZES = dict(n_inputs=6, hidden=(5, 4), n_classes=3)
ACTIVATIONS = ["relu", "leaky_relu", "sigmoid", "tanh"]
H = 1e-5


def _rel_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    return float(np.max(np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8)))


def _setup(activation: str, dropout: bool, seed: int = 0):
    rng = np.random.default_rng(seed)
    model = MLP(NetworkConfig(activation=activation, **SIZES), rng, dtype=np.float64)
    for b in model.biases:                       # non-zero biases: every term is exercised
        b[...] = rng.normal(0, 0.3, b.shape)
    x = rng.normal(0, 1, SIZES["n_inputs"])
    mask = None
    if dropout:
        p = 0.4
        mask = [(np.arange(n) % 3 != 1) / (1 - p) for n in SIZES["hidden"]]   # drops some, scales the rest
    return model, x, 2, mask


def _loss_from(model: MLP, layer: int, a: np.ndarray, k: int, mask) -> float:
    """-log p[k] when the output of hidden layer ``layer`` (after its mask) is ``a``."""
    f = model.activation.forward
    for j in range(layer + 1, model.n_layers):
        z = a @ model.weights[j] + model.biases[j]
        if j == model.n_layers - 1:
            return float(-log_softmax(z)[k])
        a = f(z, np.empty_like(z)) * (1.0 if mask is None else mask[j])
    raise AssertionError("unreachable")


def _hidden_out(model: MLP, i: int, z: np.ndarray, mask) -> np.ndarray:
    a = model.activation.forward(z, np.empty_like(z))
    return a * (1.0 if mask is None else mask[i])


def _numeric(values: np.ndarray, loss_of) -> np.ndarray:
    """Central differences of ``loss_of(values)`` for every entry of ``values`` (a copy is perturbed)."""
    v = values.copy()
    out = np.zeros_like(v)
    for j in range(v.size):
        old = v.flat[j]
        v.flat[j] = old + H
        up = loss_of(v)
        v.flat[j] = old - H
        down = loss_of(v)
        v.flat[j] = old
        out.flat[j] = (up - down) / (2 * H)
    return out


def _objective(model, x, k, weight_decay, mask) -> float:
    return _loss_from(model, -1, x, k, mask) + model.l2_penalty(weight_decay)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("weight_decay", [0.0, 0.05])
@pytest.mark.parametrize("dropout", [False, True], ids=["no-dropout", "dropout"])
def test_every_gradient_matches_finite_differences(activation, weight_decay, dropout):
    model, x, k, mask = _setup(activation, dropout)
    r = backprop(model, x, k, weight_decay=weight_decay, mask=mask)
    assert all(float(np.min(np.abs(z))) > 1e-3 for z in r.z[:-1])   # no ReLU kink within reach of H
    # dW, db: perturb the parameters themselves
    params_before = model.params.copy()
    numeric = _numeric(model.params, lambda p: (model.params.__setitem__(slice(None), p),
                                                _objective(model, x, k, weight_decay, mask))[1])
    model.params[...] = params_before
    assert np.count_nonzero(r.grad) > model.n_params // 3
    assert _rel_error(r.grad, numeric) < 1e-6
    for i in range(model.n_layers):
        np.testing.assert_array_equal(r.dW[i], r.grad[model.weight_slices()[i]].reshape(r.dW[i].shape))
    # dz of every hidden layer and da: perturb the layer's values and run the rest of the network
    for i in range(model.n_layers - 1):
        dz = _numeric(r.z[i], lambda z: _loss_from(model, i, _hidden_out(model, i, z, mask), k, mask))
        assert _rel_error(r.dz[i], dz) < 1e-6, i
        da = _numeric(r.a[i], lambda a: _loss_from(model, i, a, k, mask))
        assert _rel_error(r.da[i], da) < 1e-6, i
    # the output's dz is the probabilities minus the one-hot target
    dz_out = _numeric(r.z[-1], lambda z: float(-log_softmax(z)[k]))
    assert _rel_error(r.dz[-1], dz_out) < 1e-6
    np.testing.assert_allclose(r.dz[-1], r.probabilities - np.eye(SIZES["n_classes"])[k], atol=1e-15)
    assert r.loss == pytest.approx(_loss_from(model, -1, x, k, mask), rel=1e-12)
    assert r.loss == pytest.approx(-np.log(r.probabilities[k]), rel=1e-12)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_forward_values_are_the_networks_and_dead_units_pass_nothing(activation):
    model, x, k, _ = _setup(activation, dropout=False, seed=4)
    r = backprop(model, x, k)
    t = model.trace(x)
    for i in range(model.n_layers):
        np.testing.assert_allclose(r.z[i], t.pre_activations[i], rtol=1e-13, atol=1e-15)
    for i in range(model.n_layers - 1):
        np.testing.assert_allclose(r.a[i], t.activations[i], rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(r.dz[i], r.da[i] * r.deriv[i], rtol=1e-13, atol=1e-15)
        np.testing.assert_array_equal(r.off[i], r.deriv[i] == 0)
        assert np.all(r.dz[i][r.off[i]] == 0) and np.all(r.db[i][r.off[i]] == 0)
        # a unit that passes no gradient changes none of its incoming weights
        assert np.all(r.dW[i][:, r.off[i]] == 0)
        if activation == "relu":
            np.testing.assert_array_equal(r.off[i], r.z[i] <= 0)
    np.testing.assert_allclose(r.a[-1], t.probabilities, rtol=1e-13)
    if activation == "relu":
        assert any(o.any() for o in r.off) and any((~o).any() for o in r.off)
    else:
        assert not any(o.any() for o in r.off)


def test_the_default_network_in_float64_on_a_sample_of_weights():
    """784-128-64-10 from float32 weights, computed on an exact float64 copy."""
    rng = np.random.default_rng(7)
    model = MLP(NetworkConfig(), rng)
    for b in model.biases:
        b[...] = rng.normal(0, 0.1, b.shape)
    x = rng.random(784).astype(np.float32)
    r = backprop(model, x, 4, dtype=np.float64)
    assert r.grad.dtype == np.float64
    m64 = in_dtype(model, np.float64)
    np.testing.assert_array_equal(m64.params, model.params.astype(np.float64))
    picks = rng.choice(model.n_params, 300, replace=False)
    nonzero = picks[r.grad[picks] != 0][:120]
    assert len(nonzero) >= 60
    numeric = np.empty(len(nonzero))
    for n, j in enumerate(nonzero):
        old = m64.params[j]
        m64.params[j] = old + H
        up = _loss_from(m64, -1, x.astype(np.float64), 4, None)
        m64.params[j] = old - H
        down = _loss_from(m64, -1, x.astype(np.float64), 4, None)
        m64.params[j] = old
        numeric[n] = (up - down) / (2 * H)
    assert _rel_error(r.grad[nonzero], numeric) < 1e-6
    # the float32 path (what a live view computes) agrees to float32 precision
    r32 = backprop(model, x, 4)
    assert r32.grad.dtype == np.float32
    np.testing.assert_allclose(r32.grad, r.grad, rtol=1e-3, atol=1e-6 * np.abs(r.grad).max())
    assert r32.loss == pytest.approx(r.loss, rel=1e-5)


def test_the_result_is_read_only_and_the_model_untouched():
    model, x, k, mask = _setup("tanh", dropout=True)
    before = model.params.copy()
    r = backprop(model, x, k, weight_decay=0.1, mask=mask)
    np.testing.assert_array_equal(model.params, before)
    arrays = [r.x, r.probabilities, r.grad, *r.z, *r.a, *r.dz, *r.da, *r.deriv, *r.off, *r.mask,
              *r.dW, *r.db]
    assert all(not a.flags.writeable for a in arrays)
    # a second pass on the same model reuses its buffers: the first result keeps its values
    grad = r.grad.copy()
    backprop(model, -x, 0)
    np.testing.assert_array_equal(r.grad, grad)


def test_the_mask_matters_and_l2_only_reaches_the_weights():
    model, x, k, mask = _setup("relu", dropout=True)
    plain = backprop(model, x, k)
    masked = backprop(model, x, k, mask=mask)
    assert not np.allclose(plain.grad, masked.grad)
    assert np.all(masked.a[0][mask[0] == 0] == 0)
    decayed = backprop(model, x, k, weight_decay=0.1)
    for i in range(model.n_layers):
        np.testing.assert_allclose(decayed.dW[i], plain.dW[i] + 0.1 * model.weights[i], rtol=1e-13)
        np.testing.assert_array_equal(decayed.db[i], plain.db[i])
    assert decayed.loss == plain.loss


@pytest.mark.parametrize("target", [-1, 3, 2.0, True, "1"])
def test_bad_targets_and_inputs_are_refused_with_a_message(target):
    model, x, _, _ = _setup("relu", dropout=False)
    with pytest.raises(DataError, match="target class must be a whole number from 0 to 2"):
        backprop(model, x, target)


def test_bad_inputs_and_masks_are_refused():
    model, x, k, mask = _setup("relu", dropout=True)
    with pytest.raises(DataError, match="6 values"):
        backprop(model, np.zeros(7), k)
    with pytest.raises(ValueError, match="2 dropout masks"):
        backprop(model, x, k, mask=mask[:1])
    with pytest.raises(ValueError, match="5 values"):
        backprop(model, x, k, mask=[mask[1], mask[1]])


def test_a_snapshots_network_gives_the_same_backward_pass_and_is_reused():
    from visualizer.core.backprop import model_of
    from visualizer.core.snapshot import take_snapshot

    rng = np.random.default_rng(8)
    model = MLP(NetworkConfig(hidden=(12, 7), activation="tanh"), rng)
    snap = take_snapshot(model, step=3)
    x = rng.random(784).astype(np.float32)
    first = model_of(snap)
    np.testing.assert_array_equal(first.params, model.params)
    np.testing.assert_array_equal(backprop(first, x, 5).grad, backprop(model, x, 5).grad)
    model.params[:] += 0.01                                         # training moved on
    assert model_of(take_snapshot(model), into=first) is first      # same shape: buffers reused
    np.testing.assert_array_equal(first.params, model.params)
    other = MLP(NetworkConfig(hidden=(12,), activation="tanh"), rng)
    fresh = model_of(take_snapshot(other), into=first)
    assert fresh is not first and fresh.sizes == (784, 12, 10)
