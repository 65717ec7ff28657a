"""Activations view and the shared inspector state it renders from."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette

from visualizer.app.views.activations_view import ActivationsView, contributions
from visualizer.app.views.colormap import SEQUENTIAL
from visualizer.app.views.state import InspectorState, dead_units
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


def make_model(hidden=(12, 6), seed=0):
    return MLP(NetworkConfig(hidden=hidden), rng=np.random.default_rng(seed))


def grab_bytes(widget) -> bytes:
    img = widget.grab().toImage()
    return bytes(img.constBits())


def probe_input(bundle, i=0):
    return bundle.inputs_val[i]


def test_trace_follows_probe_and_snapshot(qtbot, tiny_bundle):
    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    view.resize(700, 380)
    view.show()
    model = make_model()
    state.set_snapshot(take_snapshot(model))
    state.set_data(tiny_bundle)           # the view shows a validation image before any drawing
    assert view.source_key() == "validation"
    np.testing.assert_allclose(state.probe_input, tiny_bundle.x_val[0].reshape(-1) / 255.0, atol=1e-6)
    expected = model.trace(state.probe_input)
    np.testing.assert_allclose(state.trace.activations[0], expected.activations[0], rtol=1e-5, atol=1e-6)
    before = grab_bytes(view.diagram)
    paints = view.diagram.paints

    view.index.setValue(3)                # another image: new trace, repainted diagram
    np.testing.assert_allclose(state.probe_input, tiny_bundle.x_val[3].reshape(-1) / 255.0, atol=1e-6)
    assert "validation #3" in state.probe_source
    after = grab_bytes(view.diagram)
    assert view.diagram.paints > paints and after != before

    model.weights[1][:] *= -1             # new weights: same probe, new logits
    state.set_snapshot(take_snapshot(model, step=7))
    np.testing.assert_allclose(state.trace.logits, model.trace(state.probe_input).logits, rtol=1e-5,
                               atol=1e-5)
    assert grab_bytes(view.diagram) != after


def test_next_random_and_test_set_probe(qtbot, tiny_bundle):
    state = InspectorState()
    view = ActivationsView(state, rng=np.random.default_rng(5))
    qtbot.addWidget(view)
    state.set_snapshot(take_snapshot(make_model()))
    state.set_data(tiny_bundle)
    seen = set()
    for _ in range(5):
        view.next_random()
        seen.add(view.index.value())
    assert len(seen) > 1
    view.show_image("test", 4)
    assert view.source_key() == "test"
    np.testing.assert_allclose(state.probe_input, tiny_bundle.dataset.x_test[4].reshape(-1) / 255.0,
                               atol=1e-6)


def test_pad_input_takes_over_the_probe(qtbot, tiny_bundle):
    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    state.set_snapshot(take_snapshot(make_model()))
    state.set_data(tiny_bundle)
    x = np.zeros(784, np.float32)
    x[300:320] = 1.0
    state.set_pad_input(x)                # what the drawing pad does with every stroke
    state.adopt_pad()
    assert view.source_key() == "pad"
    np.testing.assert_array_equal(state.probe_input, x)
    assert state.probe_source == "your drawing"
    state.set_pad_input(None)             # cleared pad: nothing to show, not an error
    state.adopt_pad()
    assert state.probe_input is None and state.trace is None
    view.show_image("validation", 2)      # a validation image, then something drawn again
    state.set_pad_input(x)
    state.adopt_pad()
    assert view.source_key() == "pad" and not view.index.isEnabled()
    view.source.setCurrentIndex(1)        # back to the validation image chosen before
    np.testing.assert_allclose(state.probe_input, tiny_bundle.inputs_val[2], atol=1e-6)
    state.set_pad_input(None)             # clearing the pad leaves another probe alone
    state.adopt_pad()
    assert state.probe_kind == "validation" and state.trace is not None


def test_contributions_add_up_to_the_pre_activation():
    model = make_model()
    snap = take_snapshot(model)
    x = np.random.default_rng(1).random(784).astype(np.float32)
    trace = snap.trace(x)
    for layer in (1, 2, 3):
        for unit in (0, 3):
            c = contributions(trace, snap, layer, unit)
            z = float(c.sum() + snap.biases[layer - 1][unit])
            assert abs(z - float(trace.pre_activations[layer - 1][unit])) < 1e-4


def test_click_selects_a_unit_and_explains_its_sum(qtbot, tiny_bundle):
    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    view.resize(760, 420)
    view.show()
    state.set_snapshot(take_snapshot(make_model()))
    state.set_data(tiny_bundle)
    view.diagram.repaint()
    assert "(logit)" in view.sum_label.text()             # default: the predicted class
    centre = view.diagram.cell_rect(2, 4).center().toPoint()
    qtbot.mouseClick(view.diagram, Qt.MouseButton.LeftButton, pos=centre)
    assert state.selection == (2, 4)
    assert "hidden 2 unit 4" in view.sum_label.text()
    z = float(state.trace.pre_activations[1][4])
    assert f"{z:+.2f}".replace("-", "\u2212") in view.sum_label.text()
    out = view.diagram.cell_rect(3, 7).center().toPoint()
    qtbot.mouseClick(view.diagram, Qt.MouseButton.LeftButton, pos=out)
    assert state.selection == (3, 7)
    assert "class 7" in view.sum_label.text()
    # a first-layer unit: the input square shows each pixel's contribution x_i * w_ij instead
    plain = view.diagram.grab().toImage().copy(view.diagram._input_rect.toRect())
    state.select(1, 2)
    mixed = view.diagram.grab().toImage().copy(view.diagram._input_rect.toRect())
    assert plain != mixed


def test_dead_units_are_found_and_drawn_differently(qtbot, tiny_bundle):
    model = make_model(hidden=(12,))
    model.biases[0][[2, 5]] = -1e3          # these two units can never be active
    model.weights[1][:] = 0.0               # no contribution to draw as a line across the cells
    snap = take_snapshot(model)
    masks = dead_units(snap, tiny_bundle.inputs_val)
    assert masks is not None and set(np.flatnonzero(masks[0])) == {2, 5}

    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    view.resize(700, 380)
    view.show()
    state.set_data(tiny_bundle)
    state.set_snapshot(snap)
    assert set(np.flatnonzero(state.dead[0])) == {2, 5}
    assert "Dead" in view.diagram.describe(1, 2)
    assert "Dead" not in view.diagram.describe(1, 3)
    # a dead cell shows the panel's background, hatched and framed in grey, whatever the
    # palette (another test may have switched the app to a dark or tinted theme): give the
    # view a tinted background of its own and compare against what it says it paints
    pal = view.diagram.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(40, 60, 90))
    view.diagram.setPalette(pal)
    dead_rgb = {c.rgb() for c in view.diagram.dead_colors()}
    assert QColor(40, 60, 90).rgb() in dead_rgb
    lut_rgb = {QColor(int(r), int(g), int(b)).rgb() for r, g, b, _ in SEQUENTIAL}
    img = view.diagram.grab().toImage()
    ratio = img.devicePixelRatio()

    def cell_pixels(unit):
        r = view.diagram.cell_rect(1, unit)
        return {img.pixelColor((QPointF(r.left() + dx, r.top() + dy) * ratio).toPoint()).rgb()
                for dx in (1.5, r.width() / 2, r.width() - 2.5) for dy in (1.5, r.height() / 2, r.height() - 2.5)}

    for unit in (2, 5):
        px = cell_pixels(unit)
        assert px <= dead_rgb and not px & lut_rgb              # background, hatching, frame only
        assert len(px) >= 2                                    # hatched, not a flat fill
    for unit in (0, 3):
        assert cell_pixels(unit) <= lut_rgb                    # live units: their colormap colour
    # sigmoid units never output exactly zero, leaky ReLU ones keep a gradient: no dead marking
    for activation in ("sigmoid", "leaky_relu"):
        other = take_snapshot(MLP(NetworkConfig(hidden=(12,), activation=activation)))
        assert dead_units(other, tiny_bundle.inputs_val) is None


def test_architecture_change_clears_the_selection(qtbot):
    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    state.set_snapshot(take_snapshot(make_model()))
    state.select(2, 5)
    state.set_snapshot(take_snapshot(make_model(hidden=(3,))))
    assert state.selection is None
    state.set_probe(np.ones(784, np.float32), "ones")
    view.resize(600, 300)
    view.show()
    view.diagram.repaint()                  # paints the new architecture without error
    view.diagram.cell_rect(1, 2)
    assert len(view.diagram._cells[1]) == 3


def test_a_network_without_hidden_layers_is_shown(qtbot, tiny_bundle):
    from visualizer.app.views.weights_view import WeightsView

    state = InspectorState()
    view = ActivationsView(state)
    weights = WeightsView(state)
    qtbot.addWidget(view)
    qtbot.addWidget(weights)
    view.resize(600, 300)
    view.show()
    weights.show()
    model = MLP(NetworkConfig(hidden=()))
    state.set_data(tiny_bundle)
    state.set_snapshot(take_snapshot(model))
    view.diagram.repaint()
    weights.grid.repaint()
    assert "no hidden layer" in weights.grid._message
    assert "(logit)" in view.sum_label.text()            # softmax regression: pixels -> classes
    qtbot.mouseClick(view.diagram, Qt.MouseButton.LeftButton,
                     pos=view.diagram.cell_rect(1, 4).center().toPoint())
    assert state.selection == (1, 4) and "class 4" in view.sum_label.text()
    view.diagram.repaint()
