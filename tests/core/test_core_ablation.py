"""Switching hidden units off or scaling them (visualizer.core.ablation): the same as editing the
activation in a forward pass written out by hand, never mutating the original network."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import ablation
from visualizer.core.ablation import UnitEdits
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import ConfigError
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot

ACT = {"relu": lambda z: np.maximum(z, 0.0), "tanh": np.tanh,
       "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
       "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z)}


def _by_hand(model: MLP, x: np.ndarray, act, scales: dict) -> np.ndarray:
    """Logits (float64) with hidden activation a[layer][unit] multiplied by scales[(layer, unit)]."""
    a = x.astype(np.float64)
    last = len(model.weights) - 1
    for i, (w, b) in enumerate(zip(model.weights, model.biases)):
        z = a @ w.astype(np.float64) + b.astype(np.float64)       # (n_in,) @ (n_in, n_out) -> (n_out,)
        if i == last:
            return z
        a = act(z)
        for (layer, unit), s in scales.items():
            if layer == i + 1:
                a[unit] *= s
    raise AssertionError("unreachable")


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "leaky_relu"])
def test_switching_a_unit_off_equals_zeroing_its_activation(activation):
    model = MLP(NetworkConfig(n_inputs=12, hidden=(9, 7), activation=activation),
                rng=np.random.default_rng(3), dtype=np.float64)
    for b in model.biases:                                   # non-zero biases: sigmoid(0) is not 0
        b[...] = np.random.default_rng(4).normal(size=b.shape)
    x = np.random.default_rng(5).random(12)
    scales = {(1, 4): 0.0, (2, 6): 0.0, (2, 1): 0.5, (1, 0): -2.0}
    edits = UnitEdits(tuple((l_, u, s) for (l_, u), s in scales.items()))
    edited = ablation.apply(model, edits)
    got = edited.logits(x)
    assert np.allclose(got, _by_hand(model, x, ACT[activation], scales), rtol=1e-12, atol=1e-12)
    # and it changed something: the unedited network answers otherwise
    assert not np.allclose(got, _by_hand(model, x, ACT[activation], {}))


def test_apply_never_mutates_the_original():
    model = MLP(NetworkConfig(n_inputs=10, hidden=(6, 5)), rng=np.random.default_rng(0))
    before = model.params.copy()
    snap = take_snapshot(model, probe=np.ones(10, np.float32))
    edits = ablation.parse("1:2,2:3=0.5")
    edited_snap = ablation.apply(snap, edits)
    ablation.apply(model, edits)
    np.testing.assert_array_equal(model.params, before)
    assert edited_snap.probe is None                        # the trace was of the unedited weights
    assert edited_snap.weights[0] is snap.weights[0]        # the input layer's matrix is untouched
    np.testing.assert_array_equal(edited_snap.weights[1][2], 0.0)
    np.testing.assert_array_equal(edited_snap.weights[2][3], snap.weights[2][3] * np.float32(0.5))
    np.testing.assert_array_equal(np.delete(edited_snap.weights[1], 2, axis=0),
                                  np.delete(snap.weights[1], 2, axis=0))
    assert not edited_snap.weights[1].flags.writeable
    assert snap.weights[1][2].any()                         # the snapshot given keeps its weights


def test_checkpoint_keeps_everything_but_the_edited_weights():
    net = NetworkConfig(n_inputs=10, hidden=(6,))
    ckpt = Checkpoint.fresh(net, TrainConfig(), Split("sample", 0.1)).replace(step=7, epochs_done=1)
    edited = ablation.apply(ckpt, ablation.parse("1:0"))
    assert (edited.step, edited.epochs_done, edited.network) == (7, 1, net)
    w_out = edited.model().weights[1]
    assert not w_out[0].any() and w_out[1:].any()
    assert ckpt.model().weights[1][0].any()


def test_parse_and_spec_round_trip():
    e = ablation.parse(" 2:5=0.5 , 1:17 ")
    assert e.items == ((1, 17, 0.0), (2, 5, 0.5))
    assert e.spec() == "1:17,2:5=0.5"
    assert ablation.parse(e.spec()) == e
    assert e.scale_of(1, 17) == 0.0 and e.scale_of(1, 16) == 1.0
    assert e.without(1, 17).items == ((2, 5, 0.5),)
    assert e.with_scale(2, 5, 1.0).items == ((1, 17, 0.0),)        # scale 1 is no edit
    assert e.with_scale(1, 17, 0.25).scale_of(1, 17) == 0.25          # the last one wins


@pytest.mark.parametrize("text", ["1", "a:2", "1:2=x", "1:2=nan", "0:3", "1:-1", ",", ""])
def test_parse_refuses_what_it_cannot_read(text):
    with pytest.raises(ConfigError):
        ablation.parse(text)


def test_check_names_the_missing_unit_or_layer():
    sizes = (784, 128, 64, 10)
    ablation.parse("1:127,2:63").check(sizes)
    with pytest.raises(ConfigError, match=r"no unit 64 in hidden layer 2.*64 units \(0-63\)"):
        ablation.parse("2:64").check(sizes)
    with pytest.raises(ConfigError, match=r"no hidden layer 3.*2 hidden layers"):
        ablation.parse("3:0").check(sizes)
