"""The MLP's shapes, initialisation, eval-mode paths, parameters, and snapshots."""

from __future__ import annotations

import dataclasses
import threading

import numpy as np
import pytest

from visualizer.core.evaluation import evaluate
from visualizer.core.config import NetworkConfig
from visualizer.core.errors import ConfigError
from visualizer.core.network import MLP
from visualizer.core.snapshot import NetworkSnapshot, ProbeTrace, probe_from_trace, take_snapshot


def test_default_network_is_784_128_64_10_relu():
    model = MLP(NetworkConfig())
    assert model.sizes == (784, 128, 64, 10) and model.config.activation == "relu"
    assert [w.shape for w in model.weights] == [(784, 128), (128, 64), (64, 10)]
    assert [b.shape for b in model.biases] == [(128,), (64,), (10,)]
    assert model.params.dtype == np.float32 and model.n_params == 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10
    # the views really share the flat buffer
    model.weights[1][2, 3] = 42.0
    assert model.params[784 * 128 + 128 + 2 * 64 + 3] == 42.0
    model.params[-1] = 7.0
    assert model.biases[2][-1] == 7.0


@pytest.mark.parametrize("hidden", [(), (5,), (9, 8, 7, 6, 5)])
def test_any_depth(hidden):
    model = MLP(NetworkConfig(n_inputs=12, hidden=hidden, n_classes=3))
    x = np.random.default_rng(0).random((4, 12), dtype=np.float32)
    p = model.forward(x)
    assert p.shape == (4, 3) and np.allclose(p.sum(1), 1, atol=1e-6)
    t = model.trace(x)
    assert len(t.pre_activations) == len(hidden) + 1 and len(t.activations) == len(hidden)
    _, _, ws = model.loss_and_gradient(x, np.array([0, 1, 2, 0]))
    assert ws.grad.shape == model.params.shape and np.any(ws.grad != 0)


def test_initialisation_scales_follow_the_activation():
    he = MLP(NetworkConfig(hidden=(512, 256)), np.random.default_rng(0))
    assert np.std(he.weights[0]) == pytest.approx(np.sqrt(2 / 784), rel=0.02)
    assert np.std(he.weights[1]) == pytest.approx(np.sqrt(2 / 512), rel=0.02)
    xav = MLP(NetworkConfig(hidden=(512, 256), activation="tanh"), np.random.default_rng(0))
    limit = np.sqrt(6 / (784 + 512))
    assert np.abs(xav.weights[0]).max() <= limit and np.std(xav.weights[0]) == pytest.approx(limit / np.sqrt(3), rel=0.02)
    forced = MLP(NetworkConfig(hidden=(512, 256), activation="tanh", init="he"), np.random.default_rng(0))
    assert np.std(forced.weights[0]) == pytest.approx(np.sqrt(2 / 784), rel=0.02)
    assert all(np.all(b == 0) for b in he.biases)


def test_same_seed_same_weights_bitwise():
    a = MLP(NetworkConfig(), np.random.default_rng(11))
    b = MLP(NetworkConfig(), np.random.default_rng(11))
    c = MLP(NetworkConfig(), np.random.default_rng(12))
    assert a.params.tobytes() == b.params.tobytes()
    assert a.params.tobytes() != c.params.tobytes()


def test_predict_paths_agree_and_accept_one_image():
    model = MLP(NetworkConfig(), np.random.default_rng(1))
    x = np.random.default_rng(2).random((5000, 784), dtype=np.float32)   # > one eval chunk
    p = model.forward(x)
    assert p.shape == (5000, 10) and np.allclose(p.sum(1), 1, atol=1e-5)
    np.testing.assert_allclose(model.predict_proba(x[7]), p[7], rtol=1e-5, atol=1e-7)
    assert model.predict_proba(x[7]).shape == (10,)
    np.testing.assert_array_equal(model.predict(x), np.argmax(p, 1))
    assert model.predict(x).dtype == np.int64 and int(model.predict(x[7])) == int(np.argmax(p[7]))
    np.testing.assert_allclose(model.forward(x.astype(np.float64)), p, rtol=1e-5)
    _ev = evaluate(model, x, np.zeros(5000, np.int64))
    loss, preds, conf = _ev.loss, _ev.predictions, _ev.confidence
    np.testing.assert_array_equal(preds, np.argmax(p, 1))
    np.testing.assert_allclose(conf, p.max(1), rtol=1e-5)
    assert loss == pytest.approx(float(np.mean(-np.log(p[:, 0]))), rel=1e-4)
    with pytest.raises(ValueError, match="784"):
        model.forward(np.zeros((3, 100)))


def test_trace_matches_forward_and_layers():
    model = MLP(NetworkConfig(activation="leaky_relu"), np.random.default_rng(1))
    x = np.random.default_rng(2).random((3, 784), dtype=np.float32)
    t = model.trace(x)
    assert [z.shape for z in t.pre_activations] == [(3, 128), (3, 64), (3, 10)]
    assert [a.shape for a in t.activations] == [(3, 128), (3, 64)]
    np.testing.assert_allclose(t.activations[0], np.where(t.pre_activations[0] > 0, t.pre_activations[0],
                                                          0.01 * t.pre_activations[0]), rtol=1e-6)
    np.testing.assert_allclose(t.pre_activations[1], t.activations[0] @ model.weights[1] + model.biases[1],
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(t.probabilities, model.forward(x), rtol=1e-6)
    one = model.trace(x[0])
    assert one.logits.shape == (10,) and one.input.shape == (784,)


def test_copy_is_independent_and_set_parameters_checks_shapes():
    model = MLP(NetworkConfig(n_inputs=6, hidden=(4,), n_classes=3))
    twin = model.copy()
    twin.params += 1
    assert not np.array_equal(twin.params, model.params)
    twin.weights[0][0, 0] = 99
    assert twin.params[0] == 99 and model.params[0] != 99
    model.set_parameters(twin.weights, twin.biases)
    np.testing.assert_array_equal(model.params, twin.params)
    with pytest.raises(ValueError, match="W1"):
        model.set_parameters([twin.weights[0], np.zeros((3, 4))], twin.biases)
    with pytest.raises(ValueError, match="expected 2"):
        model.set_parameters(twin.weights[:1], twin.biases[:1])


def test_invalid_architecture_is_a_config_error():
    with pytest.raises(ConfigError, match="activation"):
        MLP(NetworkConfig(activation="swish"))
    with pytest.raises(ConfigError, match="hidden layer 1"):
        MLP(NetworkConfig(hidden=(0,)))


def test_snapshot_is_a_frozen_read_only_copy():
    model = MLP(NetworkConfig(), np.random.default_rng(4))
    probe = np.random.default_rng(5).random(784, dtype=np.float32)
    snap = take_snapshot(model, step=12, progress=1.5, epochs_done=1, probe=probe)
    assert isinstance(snap, NetworkSnapshot) and snap.step == 12 and snap.progress == 1.5
    assert snap.sizes == (784, 128, 64, 10) and snap.activation == "relu" and snap.epochs_done == 1
    for a in (*snap.weights, *snap.biases, snap.probe.input, *snap.probe.pre_activations,
              *snap.probe.activations, snap.probe.logits, snap.probe.probabilities):
        assert not a.flags.writeable
    with pytest.raises(ValueError):
        snap.weights[0][0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.step = 3
    model.params += 1                          # the snapshot does not follow the model
    assert not np.array_equal(snap.weights[0], model.weights[0])
    model.params -= 1
    t = model.trace(probe)
    assert isinstance(snap.probe, ProbeTrace)
    np.testing.assert_allclose(snap.probe.probabilities, t.probabilities, rtol=1e-5, atol=1e-7)
    assert [z.shape for z in snap.probe.pre_activations] == [(128,), (64,), (10,)]
    assert [a.shape for a in snap.probe.activations] == [(128,), (64,)]
    np.testing.assert_array_equal(snap.probe.logits, snap.probe.pre_activations[-1])
    assert snap.probe.prediction == int(np.argmax(t.probabilities))
    # trace of an image given as 28x28, and a ready ProbeTrace passed through
    again = snap.trace(probe.reshape(28, 28))
    np.testing.assert_array_equal(again.probabilities, snap.probe.probabilities)
    ready = probe_from_trace(t)
    assert take_snapshot(model, probe=ready).probe is ready
    assert take_snapshot(model).probe is None
    with pytest.raises(ValueError):
        snap.trace(np.zeros(10))


def test_snapshot_trace_is_safe_while_training_mutates_the_model():
    model = MLP(NetworkConfig(), np.random.default_rng(4))
    snap = take_snapshot(model)
    x = np.random.default_rng(6).random(784, dtype=np.float32)
    expected = snap.trace(x).probabilities.copy()
    stop = threading.Event()

    def mutate():
        while not stop.is_set():
            model.params *= 1.0001

    t = threading.Thread(target=mutate)
    t.start()
    try:
        for _ in range(50):
            np.testing.assert_array_equal(snap.trace(x).probabilities, expected)
    finally:
        stop.set()
        t.join()
