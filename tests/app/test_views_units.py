"""Every layer's weights in the weights view, and taking the network apart unit by unit (Edits panel)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from visualizer.app.views.colormap import lut_indices
from visualizer.app.views.state import InspectorState
from visualizer.app.views.tiles import DIVERGING_ARGB
from visualizer.app.views.weights_view import WeightsView
from visualizer.core import ablation
from visualizer.core.ablation import NO_EDITS, UnitEdits
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


def _view(qtbot, hidden=(16, 8), seed=0):
    state = InspectorState()
    view = WeightsView(state)
    qtbot.addWidget(view)
    view.resize(560, 480)
    view.show()
    model = MLP(NetworkConfig(hidden=hidden), rng=np.random.default_rng(seed))
    state.set_snapshot(take_snapshot(model, step=3))
    return state, view, model


def test_layer_2_is_an_n_out_by_n_in_image_of_w2(qtbot):
    state, view, model = _view(qtbot)
    assert [view.layer_box.itemText(i) for i in range(view.layer_box.count())] == [
        "Layer 1 (784\u219216) as 28\u00d728 tiles", "Layer 2 (16\u21928) matrix", "Layer 3 (8\u219210) matrix"]
    view.set_per_tile(False)
    view.set_layer(2)
    assert view.matrix.isVisible() and not view.grid.isVisible()
    w = state.snapshot.weights[1]                                     # W[2]: (16, 8) = (n_in, n_out)
    assert view.matrix.argb.shape == (8, 16)                           # (n_out, n_in)
    limit = float(np.abs(w).max())
    np.testing.assert_array_equal(view.matrix.argb, DIVERGING_ARGB[lut_indices(w.T, -limit, limit)])
    assert view.colorbar._limit == pytest.approx(limit)
    image = view.matrix._image                                         # what is painted
    for j, i in ((0, 0), (7, 15), (3, 9)):
        assert image.pixel(i, j) == int(view.matrix.argb[j, i])
    assert "Layer 2 weights: 8 units \u00d7 16 inputs \u00b7 step 3" in view.title.text()
    # per unit: each row scaled by its own largest weight
    view.set_per_tile(True)
    m = np.abs(w.T).max(axis=1, keepdims=True)
    np.testing.assert_array_equal(view.matrix.argb, DIVERGING_ARGB[lut_indices(w.T / m, -1.0, 1.0)])
    view.set_per_tile(False)


def test_matrix_hover_names_unit_input_and_value_and_click_selects_the_unit(qtbot):
    state, view, model = _view(qtbot)
    view.set_layer(3)                                                  # the output layer, (10, 8)
    cell = view.matrix.cell_rect(4, 6).center().toPoint()
    qtbot.mouseMove(view.matrix, cell)
    assert view.cell_summary(4, 6).endswith(f"w = {float(model.weights[2][6, 4]):+.4f}".replace("-", "\u2212"))
    assert "unit 4 \u2190 input 6" in view.cell_summary(4, 6)
    assert "Layer 3 unit 4" in view.info.text()
    qtbot.mouseClick(view.matrix, Qt.MouseButton.LeftButton, pos=cell)
    assert state.selection == (3, 4)
    assert view.matrix._selected == 4
    state.select(2, 1)                                                 # another layer's unit: no row
    assert view.matrix._selected == -1


def test_the_selector_lists_every_layer_of_eight_hidden_layers(qtbot):
    state, view, _ = _view(qtbot, hidden=(32, 24, 20, 16, 16, 12, 12, 12))
    assert view.layer_box.count() == 9
    view.set_layer(9)
    assert view.matrix.argb.shape == (10, 12)
    view.set_layer(5)
    assert view.matrix.argb.shape == (16, 16)
    # a network of other sizes keeps the chosen layer when it has it, else the last one
    state.set_snapshot(take_snapshot(MLP(NetworkConfig(hidden=(20, 10))), step=0))
    assert view.layer_box.count() == 3 and view.layer() == 3
    assert view.matrix.argb.shape == (10, 10)


def test_change_since_start_works_for_a_deeper_layer(qtbot):
    state, view, model = _view(qtbot)
    state.set_snapshot(take_snapshot(model, step=0))
    model.weights[1][5, 2] += 0.75
    state.set_snapshot(take_snapshot(model, step=4))
    view.set_layer(2)
    view.set_per_tile(False)
    view.delta_box.setChecked(True)
    assert view.colorbar._limit == pytest.approx(0.75)
    assert "change since step 0" in view.title.text()
    view.delta_box.setChecked(False)


def test_an_edit_shows_in_the_weights_and_never_touches_the_snapshot_given(qtbot):
    state, view, model = _view(qtbot)
    raw = state.snapshot
    state.set_edits(ablation.parse("1:5"))
    assert state.raw_snapshot is raw
    assert not state.snapshot.weights[1][5].any()                     # unit 5's outgoing row
    assert raw.weights[1][5].any()
    view.set_layer(2)
    white = DIVERGING_ARGB[(len(DIVERGING_ARGB) - 1) // 2]
    assert np.all(view.matrix.argb[:, 5] == white)                    # column 5 of (n_out, n_in)
    assert "switched off" in view.unit_summary(5, layer=1)
    state.set_edits(NO_EDITS)
    assert state.snapshot is raw


def test_edits_follow_new_snapshots_and_go_with_another_network(qtbot):
    state, view, model = _view(qtbot)
    edits = UnitEdits(((2, 3, 0.0),))
    state.set_edits(edits)
    model.weights[2][3] += 1.0
    state.set_snapshot(take_snapshot(model, step=9))                   # e.g. a scrubbed moment
    assert state.edits == edits and not state.snapshot.weights[2][3].any()
    state.set_snapshot(take_snapshot(MLP(NetworkConfig(hidden=(16, 2))), step=0))
    assert state.edits == NO_EDITS                                     # unit 3 of layer 2 is gone


# ----------------------------------------------------------------------------- the window
@pytest.fixture
def drawn(qtbot, window):
    """The window with a 3 drawn on the pad, the pad in front."""
    from visualizer.app.views.demo import draw_demo_digit

    window.show_view("draw")
    draw_demo_digit(window.views.pad, 3)
    return window


def _probs(window) -> np.ndarray:
    return np.array(window.views.pad.bars.probs, dtype=np.float64)


def _strongest_unit(window) -> int:
    """The first-layer unit whose switching off changes the pad's answer the most."""
    state = window.views.state
    x = window.views.pad.x28.reshape(-1)
    base = state.snapshot.trace(x).probabilities
    n = int(state.snapshot.sizes[1])
    shifts = [np.abs(ablation.apply(state.snapshot, UnitEdits(((1, u, 0.0),))).trace(x).probabilities - base).sum()
              for u in range(n)]
    return int(np.argmax(shifts))


def test_switching_a_unit_off_changes_the_pad_and_restore_all_brings_it_back(qtbot, drawn):
    views, panel = drawn.views, drawn.edits_panel
    before = _probs(drawn)
    unit = _strongest_unit(drawn)
    views.state.select(1, unit)
    assert panel.off_button.isEnabled()
    panel.off_button.click()                                           # "Switch off"
    assert views.state.edits == UnitEdits(((1, unit, 0.0),))
    after = _probs(drawn)
    assert not np.allclose(after, before)
    model = drawn.session.checkpoint.model()
    expected = ablation.apply(model, views.state.edits).predict_proba(views.pad.x28.reshape(-1))
    np.testing.assert_allclose(after, expected, rtol=1e-5, atol=1e-7)
    # the list shows it, the dock came forward
    assert drawn.dock("edits").isVisible()
    row = panel.list.itemWidget(panel.list.item(0))
    assert f"Layer 1 unit {unit}: off" in " ".join(w.text() for w in row.findChildren(type(panel.selected)))
    # the validation accuracy with the edit, off the GUI thread, as core.evaluation computes it
    drawn.show_view("edits")
    qtbot.waitUntil(lambda: panel.accuracy is not None, timeout=10000)
    data = views.state.data
    from visualizer.core.evaluation import evaluate
    want = evaluate(ablation.apply(model, views.state.edits), data.inputs_val, data.y_val).accuracy
    assert panel.accuracy == (pytest.approx(evaluate(model, data.inputs_val, data.y_val).accuracy),
                              pytest.approx(want))
    assert f"{want:.1%}" in panel.accuracy_label.text()
    # Restore all: exactly the previous probabilities
    drawn.show_view("draw")
    panel.restore_button.click()
    assert views.state.edits == NO_EDITS
    np.testing.assert_array_equal(_probs(drawn), before)


def test_each_edit_is_removable(qtbot, drawn):
    state, panel = drawn.views.state, drawn.edits_panel
    state.set_edits(ablation.parse("1:2,1:4=0.5"))
    assert panel.list.count() == 2
    from PySide6.QtWidgets import QToolButton
    panel.list.itemWidget(panel.list.item(0)).findChild(QToolButton).click()     # the ✕ of 1:2
    assert state.edits == ablation.parse("1:4=0.5")


def test_the_unit_menu_switches_off_scales_and_restores(qtbot, drawn, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from visualizer.app.views.unit_menu import unit_menu

    state = drawn.views.state
    assert unit_menu(drawn, state, 2, 0) is None                       # the output layer: no menu
    menu = unit_menu(drawn, state, 1, 6)
    actions = {a.text(): a for a in menu.actions()}
    actions["Switch off"].trigger()
    assert state.edits.scale_of(1, 6) == 0.0
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (0.25, True))
    {a.text(): a for a in unit_menu(drawn, state, 1, 6).actions()}["Scale\u2026"].trigger()
    assert state.edits.scale_of(1, 6) == 0.25
    {a.text(): a for a in unit_menu(drawn, state, 1, 6).actions()}["Restore this unit"].trigger()
    assert state.edits == NO_EDITS


def test_saving_after_an_edit_saves_the_unedited_weights(qtbot, drawn, tmp_path):
    from visualizer.core.persistence import load_checkpoint

    before = drawn.session.checkpoint.params.copy()
    drawn.views.state.set_edits(ablation.parse("1:0,1:1=0.5"))
    path = tmp_path / "m.npz"
    drawn.session.save_model(path)
    np.testing.assert_array_equal(load_checkpoint(path).params, before)


def test_a_run_clears_the_edits(qtbot, drawn):
    state, session, panel = drawn.views.state, drawn.session, drawn.edits_panel
    state.set_edits(ablation.parse("1:0,1:1"))
    with qtbot.waitSignal(session.finished, timeout=30000):
        assert session.start()
        assert state.edits == NO_EDITS and panel.list.count() == 1      # "No edits: ..."
    assert state.snapshot is state.raw_snapshot is session.latest_snapshot


def test_apply_to_the_network_asks_then_writes_the_edits(qtbot, drawn, monkeypatch):
    from visualizer.app import dialogs

    state, session, panel = drawn.views.state, drawn.session, drawn.edits_panel
    edits = ablation.parse("1:3,1:5=0.5")
    state.set_edits(edits)
    want = ablation.apply(session.checkpoint, edits).params.copy()
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: None)              # Cancel
    assert not panel.apply_to_network()
    assert state.edits == edits and not np.array_equal(session.checkpoint.params, want)
    monkeypatch.setattr(dialogs, "ask_choice", lambda parent, title, text, choices, details="": choices[0])
    assert panel.apply_to_network()
    np.testing.assert_array_equal(session.checkpoint.params, want)
    assert state.edits == NO_EDITS                                     # now in the weights themselves
    assert session.dirty


def test_apply_is_refused_while_a_run_is_in_progress(qtbot, drawn, monkeypatch):
    from visualizer.app import dialogs

    state, session, panel = drawn.views.state, drawn.session, drawn.edits_panel
    shown = []
    monkeypatch.setattr(dialogs, "show_message", lambda parent, kind, title, text: shown.append(text))
    session.set_speed(1.0)                                             # slow: the run stays active
    assert session.start()
    try:
        state.set_edits(ablation.parse("1:3"))                         # display only, during the run
        assert not panel.apply_button.isEnabled()
        assert "stop it first" in panel.apply_button.toolTip()
        before = session.checkpoint.params.copy()
        assert not panel.apply_to_network()
        assert shown and "in progress" in shown[0]
        np.testing.assert_array_equal(session.checkpoint.params, before)
    finally:
        with qtbot.waitSignal(session.finished, timeout=30000):
            session.stop()


def test_the_hidden_edits_panel_does_no_work(qtbot, tiny_bundle):
    from visualizer.app.views.edits_panel import EditsPanel

    state = InspectorState()
    state.set_data(tiny_bundle)
    panel = EditsPanel(state)
    qtbot.addWidget(panel)
    started = []
    panel._tasks.start = lambda *a, **k: started.append(a)
    model = MLP(NetworkConfig(hidden=(16,)), rng=np.random.default_rng(0))
    for step in range(5):                                              # no edits: nothing to compute
        state.set_snapshot(take_snapshot(model, step=step))
    state.set_edits(ablation.parse("1:2"))                             # hidden: not now ...
    for step in range(5, 10):
        state.set_snapshot(take_snapshot(model, step=step))
    qtbot.wait(50)
    assert started == []
    panel.show()                                                       # ... but once it is shown
    qtbot.waitUntil(lambda: len(started) == 1, timeout=3000)


def test_right_clicking_a_unit_offers_its_menu_in_both_views(qtbot, drawn, monkeypatch):
    from visualizer.app.views import activations_view, weights_view

    opened = []
    monkeypatch.setattr(activations_view, "show_unit_menu", lambda p, s, layer, unit, pos: opened.append((layer, unit)))
    monkeypatch.setattr(weights_view, "show_unit_menu", lambda p, s, layer, unit, pos: opened.append((layer, unit)))
    views = drawn.views
    drawn.show_view("activations")
    diagram = views.activations.diagram
    qtbot.waitUntil(lambda: diagram.ensure_layout() and 1 in diagram._cells, timeout=3000)
    qtbot.mouseClick(diagram, Qt.MouseButton.RightButton, pos=diagram.cell_rect(1, 4).center().toPoint())
    drawn.show_view("weights")
    grid = views.weights.grid
    qtbot.waitUntil(lambda: grid._count > 0, timeout=3000)
    qtbot.mouseClick(grid, Qt.MouseButton.RightButton, pos=grid.tile_rect(7).center().toPoint())
    assert opened == [(1, 4), (1, 7)]
    assert views.state.selection != (1, 7)                            # a right click does not select
