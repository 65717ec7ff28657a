"""The Map view: the validation images in a hidden layer, coloured by class, and the drawing's star."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QHBoxLayout, QWidget

from visualizer.app.map_model import map_for, marker_of
from visualizer.app.views.drawing_pad import DrawingPadView
from visualizer.app.views.map_view import MapView
from visualizer.app.views.state import InspectorState
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.hidden import hidden_activations
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot
from visualizer.core.training import Trainer


@pytest.fixture(scope="module")
def trained(sample_run):
    model = MLP(NetworkConfig(hidden=(32, 16)), rng=np.random.default_rng(0))
    for _ in Trainer(model, TrainConfig(epochs=2, lr=2e-3), sample_run.inputs_train, sample_run.y_train,
                     rng=np.random.default_rng(0)).run():
        pass
    return model


@pytest.fixture
def views(qtbot, sample_run, trained):
    state = InspectorState()
    host = QWidget()
    lay = QHBoxLayout(host)
    pad, view = DrawingPadView(state), MapView(state)
    lay.addWidget(pad)
    lay.addWidget(view)
    qtbot.addWidget(host)
    host.resize(1200, 500)
    host.show()
    qtbot.waitExposed(host)
    state.set_data(sample_run)
    with qtbot.waitSignal(view.mapped, timeout=30_000):
        state.set_snapshot(take_snapshot(trained))
    yield state, pad, view
    view.shutdown(2.0)


def _brush(item) -> str:
    return item.opts["brush"].color().name()


def test_one_colour_per_class_and_each_point_is_its_images_projection(views, sample_run, trained):
    _state, _pad, view = views
    shown = view.shown
    drawn = [(item, item.getData()) for item in view.scatters if len(item.getData()[0])]
    assert len(drawn) == 10 == len(set(_brush(item) for item, _ in drawn))       # ten classes, ten colours
    for c, (item, (xs, _ys)) in enumerate(drawn):
        assert len(xs) == int(np.sum(sample_run.y_val == c))                            # every image of class c
    feats = hidden_activations(trained, sample_run.inputs_val, shown.layer)
    np.testing.assert_allclose(shown.points, shown.hidden_map.project(feats), atol=1e-5)
    assert shown.layer == 1 and view.layer_box.count() == 2                      # the last hidden layer first
    assert "450 validation images" in view.caption.text()


def test_the_drawing_is_a_star_that_moves_as_you_draw(qtbot, views, draw):
    state, pad, view = views
    assert view.marker is None and len(view.star.getData()[0]) == 0             # nothing drawn yet
    with qtbot.waitSignal(view.marker_moved, timeout=5_000):
        draw(qtbot, pad, [(140, 40), (140, 100), (140, 160), (140, 230)])     # a 1
    one = view.marker
    np.testing.assert_allclose(one, marker_of(view.shown, state.pad_input), atol=1e-6)
    np.testing.assert_allclose([a[0] for a in view.star.getData()], one, atol=1e-6)
    with qtbot.waitSignal(view.marker_moved, timeout=5_000):
        draw(qtbot, pad, [(60, 60), (220, 60), (120, 230)])                   # turn it into a 7
    assert np.linalg.norm(view.marker - one) > 0.1
    np.testing.assert_allclose([a[0] for a in view.star.getData()], view.marker, atol=1e-6)
    assert "your drawing" in view.status.text()


def test_hovering_a_point_shows_its_image_label_and_answer(views, sample_run):
    _state, _pad, view = views
    view.show_hover(3)
    assert view.inset.isVisible()
    i = int(view.shown.indices[3])
    assert f"true {sample_run.y_val[i]}" in view.inset_text.text()
    view.show_hover(None)
    assert not view.inset.isVisible()


def test_another_layer_is_mapped_on_request(qtbot, views, trained, sample_run):
    _state, _pad, view = views
    with qtbot.waitSignal(view.mapped, timeout=30_000):
        view.set_layer(0)
    feats = hidden_activations(trained, sample_run.inputs_val, 0)
    assert view.shown.layer == 0
    np.testing.assert_allclose(view.shown.points, view.shown.hidden_map.project(feats), atol=1e-5)


def test_refits_keep_the_axes_and_a_hidden_view_maps_nothing(qtbot, views, trained, sample_run):
    state, _pad, view = views
    old = view.shown
    view.hide()
    moved = trained.copy()
    moved.params[:50] += 0.01
    state.set_snapshot(take_snapshot(moved))
    qtbot.wait(700)
    assert view.shown is old and not view._fitting
    with qtbot.waitSignal(view.mapped, timeout=30_000):
        view.show()
    new = view.shown
    assert new is not old
    assert np.all(np.sum(new.hidden_map.components * old.hidden_map.components, axis=1) > 0)
    expected = map_for(take_snapshot(moved), sample_run, 1, old)
    np.testing.assert_allclose(new.points, expected.points, atol=1e-5)
