"""One owner of the probe: the inspector state traces it once per change, the session is only told."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from visualizer.app.views.demo import digit_strokes
from visualizer.app.views.drawing_pad import CANVAS
from visualizer.app.views.state import InspectorState
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP
from visualizer.core.snapshot import NetworkSnapshot, take_snapshot


@pytest.fixture
def count_traces(monkeypatch):
    """Counts every ``NetworkSnapshot.trace`` call (the one forward pass of a probe)."""
    calls = []
    real = NetworkSnapshot.trace

    def counted(self, x):
        calls.append(np.array(x, copy=True))
        return real(self, x)

    monkeypatch.setattr(NetworkSnapshot, "trace", counted)
    return calls


def stroke(qtbot, pad, points) -> None:
    canvas = pad.canvas
    r = canvas.canvas_rect()

    def pos(x, y):
        return QPointF(r.left() + x * r.width() / CANVAS, r.top() + y * r.height() / CANVAS).toPoint()

    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=pos(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(canvas, pos(x, y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=pos(*points[-1]))


def test_a_stroke_while_idle_costs_one_trace_and_no_snapshot(qtbot, window, count_traces):
    views, session = window.views, window.session
    window.show_view("draw")
    window.show_view("activations")
    pad = views.pad
    pad.flush()
    snapshots = []
    session.snapshot.connect(snapshots.append)
    qtbot.wait(2 * 30)                           # a quiet spell: the pen-up is predicted at once
    del count_traces[:]
    points = digit_strokes(7)[0]
    stroke(qtbot, pad, [tuple(points[0]), tuple(points[-1])])
    pad.flush()
    qtbot.wait(2 * 30)
    pad.flush()
    predictions = len(count_traces)
    assert predictions >= 1
    # every trace was of a different input: one per prediction, none repeated by another view
    assert len({c.tobytes() for c in count_traces}) == predictions
    assert snapshots == []                      # the session only stored the probe
    x = pad.x28.reshape(-1)
    np.testing.assert_array_equal(session.probe(), x)
    np.testing.assert_array_equal(views.state.probe_input, x)
    assert views.state.trace.input is views.state.probe_input or \
        np.array_equal(views.state.trace.input, x)
    np.testing.assert_array_equal(pad.bars.probs, views.state.trace.probabilities)
    assert views.activations.source_key() == "pad"


def test_one_prediction_traces_once(qtbot, window, count_traces):
    views = window.views
    window.show_view("draw")
    pad = views.pad
    for s in digit_strokes(3):
        pad.canvas.add_stroke(s)
    pad.flush()
    del count_traces[:]
    pad.canvas.add_stroke([(40, 40), (240, 240)])
    pad.flush()
    assert len(count_traces) == 1
    np.testing.assert_array_equal(count_traces[0], pad.x28.reshape(-1))


def test_a_snapshot_carrying_the_probe_trace_is_not_traced_again(qtbot, count_traces):
    state = InspectorState()
    model = MLP(NetworkConfig(hidden=(8,)), rng=np.random.default_rng(0))
    x = np.linspace(0, 1, 784, dtype=np.float32)
    state.set_snapshot(take_snapshot(model))
    state.set_probe(x, "ramp", "validation")
    assert len(count_traces) == 1
    # a training run's snapshot traced in the training process, of this very probe
    carried = take_snapshot(model, step=5, probe=x)
    del count_traces[:]
    state.set_snapshot(carried)
    assert count_traces == [] and state.trace is carried.probe
    # ... of an older probe: traced again here
    other = dataclasses.replace(carried, step=6, probe=carried.trace(np.zeros(784, np.float32)))
    del count_traces[:]
    state.set_snapshot(other)
    assert len(count_traces) == 1
    np.testing.assert_array_equal(state.trace.input, x)


def test_the_pad_is_traced_once_per_snapshot_when_another_image_is_the_probe(qtbot, count_traces):
    state = InspectorState()
    model = MLP(NetworkConfig(hidden=(8,)), rng=np.random.default_rng(0))
    state.set_snapshot(take_snapshot(model))
    drawing = np.zeros(784, np.float32)
    drawing[300:340] = 1.0
    state.set_pad_input(drawing)
    state.set_probe(np.ones(784, np.float32), "validation #0", "validation")
    del count_traces[:]
    first = state.pad_trace()
    assert state.pad_trace() is first and len(count_traces) == 1
    np.testing.assert_array_equal(first.input, drawing)
    state.set_snapshot(take_snapshot(model, step=1))
    assert state.pad_trace() is not first
