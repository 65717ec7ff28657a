"""What the weights view's "Δ since start" compares with (``views.weights_origin``, no Qt)."""

from __future__ import annotations

import numpy as np

from visualizer.app.views.weights_origin import WeightOrigin
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


def snap(step: int, hidden=(16, 8), seed=0, shift=0.0):
    model = MLP(NetworkConfig(hidden=hidden), rng=np.random.default_rng(seed))
    model.params += np.float32(shift)
    return take_snapshot(model, step=step)


def test_the_first_snapshot_is_the_origin_and_a_later_step_has_a_change_to_show():
    origin = WeightOrigin()
    first, later = snap(0), snap(40, shift=0.5)
    origin.note(first)
    assert not origin.available(first)            # nothing has moved yet
    origin.note(later)
    assert origin.available(later) and origin.step == 0
    for k in (1, 2, 3):
        np.testing.assert_array_equal(origin.weights(k), first.weights[k - 1])
        np.testing.assert_allclose(later.weights[k - 1] - origin.weights(k), 0.5, atol=1e-6)


def test_an_earlier_step_or_another_network_starts_the_origin_again():
    origin = WeightOrigin()
    origin.note(snap(10))
    origin.note(snap(5, seed=1))                  # rewound: counts from step 5
    assert origin.step == 5
    np.testing.assert_array_equal(origin.weights(1), snap(5, seed=1).weights[0])
    origin.note(snap(20, hidden=(12,)))            # another architecture
    assert origin.step == 20 and origin.weights(1).shape == (784, 12)
    assert not origin.available(snap(30, hidden=(16, 8)))


def test_reset_forgets_the_origin_and_the_origin_keeps_copies():
    origin = WeightOrigin()
    first = snap(3)
    origin.note(first)
    kept = origin.weights(1).copy()
    assert origin.weights(1) is not first.weights[0]
    origin.reset()
    assert not origin.available(snap(9))
    origin.note(snap(9, shift=1.0))
    assert origin.step == 9 and not np.array_equal(origin.weights(1), kept)


def test_a_network_without_a_hidden_layer_or_no_snapshot_is_ignored():
    origin = WeightOrigin()
    origin.note(None)
    origin.note(snap(4, hidden=()))
    assert not origin.available(None) and not origin.available(snap(5))
