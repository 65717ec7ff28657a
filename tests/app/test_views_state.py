"""InspectorState: dead units straight from a snapshot's weights, throttled while snapshots stream in."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QTimer

from visualizer.app.views import state as state_module
from visualizer.app.views.state import InspectorState, dead_units
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


def test_dead_units_match_the_engine_trace_in_any_chunking():
    rng = np.random.default_rng(3)
    model = MLP(NetworkConfig(hidden=(24, 12)), rng=rng)
    model.biases[0][[1, 7]] = -50.0               # never active in layer 1
    model.biases[1][[0, 4, 5]] = -50.0            # never active in layer 2
    x = rng.random((70, 784)).astype(np.float32)
    snap = take_snapshot(model)
    trace = model.trace(x)
    expected = [np.all(np.asarray(z) <= 0.0, axis=0) for z in trace.pre_activations[:-1]]
    for chunk in (1, 16, 70, 1000):
        masks = dead_units(snap, x, chunk=chunk)
        assert len(masks) == 2
        for got, want in zip(masks, expected):
            np.testing.assert_array_equal(got, want)
    assert {1, 7} <= set(np.flatnonzero(expected[0]))
    assert {0, 4, 5} <= set(np.flatnonzero(expected[1]))


def test_changing_the_probe_creates_no_timers_and_keeps_the_dead_units(qtbot, tiny_bundle):
    state = InspectorState()
    model = MLP(NetworkConfig(hidden=(12,)), rng=np.random.default_rng(0))
    model.biases[0][3] = -1e3
    state.set_data(tiny_bundle)
    state.set_snapshot(take_snapshot(model))
    assert set(np.flatnonzero(state.dead[0])) == {3}
    timers = len(state.findChildren(QTimer))
    for i in range(20):                            # e.g. a person drawing: many probe changes
        state.set_probe(tiny_bundle.inputs_val[i % 5], f"validation #{i}")
    assert len(state.findChildren(QTimer)) == timers
    assert set(np.flatnonzero(state.dead[0])) == {3}


def test_dead_units_follow_streaming_snapshots_at_most_every_interval(qtbot, tiny_bundle, monkeypatch):
    monkeypatch.setattr(state_module, "DEAD_INTERVAL_S", 1.0)
    state = InspectorState()
    state.set_data(tiny_bundle)
    model = MLP(NetworkConfig(hidden=(12,)), rng=np.random.default_rng(0))
    state.set_snapshot(take_snapshot(model, step=0))
    computed = []
    state.dead_changed.connect(lambda masks: computed.append(masks))
    # snapshots in quick succession (a run): the first is computed at once or scheduled, the
    # rest wait for the timer, which then uses the latest snapshot
    for step in range(1, 6):
        model.biases[0][:] = 0.0
        model.biases[0][step] = -1e3               # each snapshot kills a different unit
        state.set_snapshot(take_snapshot(model, step=step))
        state.set_probe(tiny_bundle.inputs_val[step], "validation")   # must not disturb it
    assert len(computed) <= 1
    qtbot.waitUntil(lambda: bool(computed) and set(np.flatnonzero(computed[-1][0])) == {5}, timeout=3000)
    assert len(computed) <= 2
    assert set(np.flatnonzero(state.dead[0])) == {5}
