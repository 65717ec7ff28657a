"""First-layer weights view: NumPy tile composition and the live widget."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from visualizer.app.views.colormap import DIVERGING, LUT_SIZE, lut_indices, map_values
from visualizer.app.views.state import InspectorState
from visualizer.app.views.weights_view import (PAGE_SIZE, WeightsView, compose_tiles, first_layer_tiles,
                                               grid_shape, render_tiles)
from visualizer.core.config import NetworkConfig
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


def snapshot_of(hidden=(16, 8), seed=0, step=0, probe=None):
    model = MLP(NetworkConfig(hidden=hidden), rng=np.random.default_rng(seed))
    return take_snapshot(model, step=step, probe=probe), model


def image_bytes(widget) -> np.ndarray:
    img = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_RGBA8888)
    return np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes()).copy()


def test_grid_shape_fits_every_tile_without_an_empty_row():
    for n in (1, 2, 7, 10, 64, 128, 256):
        for aspect in (0.5, 1.0, 2.0):
            rows, cols = grid_shape(n, aspect)
            assert rows * cols >= n
            assert (rows - 1) * cols < n          # the last row is not empty


def test_compose_tiles_places_each_unit_in_its_cell():
    tiles = np.arange(5, dtype=np.float32)[:, None, None] * np.ones((5, 28, 28), np.float32)
    img = compose_tiles(tiles, rows=2, cols=3, gap=1)
    assert img.shape == (2 * 29 + 1, 3 * 29 + 1)
    for k in range(5):
        r, c = divmod(k, 3)
        cell = img[1 + r * 29: 1 + r * 29 + 28, 1 + c * 29: 1 + c * 29 + 28]
        assert np.all(cell == k)
    assert np.isnan(img[0]).all() and np.isnan(img[:, 29]).all()     # gaps
    assert np.isnan(img[30:, 2 * 29 + 1:]).all()                     # the unused sixth cell


def test_first_layer_tiles_are_columns_of_w():
    w = np.random.default_rng(0).normal(size=(784, 5)).astype(np.float32)
    tiles = first_layer_tiles(w)
    assert tiles.shape == (5, 28, 28)
    np.testing.assert_array_equal(tiles[3].reshape(-1), w[:, 3])


def test_diverging_scale_is_symmetric_about_zero():
    vals = np.array([-2.0, 0.0, 2.0, 1.0, -1.0], np.float32)
    rgba = map_values(vals, -2.0, 2.0, DIVERGING)
    mid = (LUT_SIZE - 1) // 2
    assert tuple(rgba[1, :3]) == tuple(DIVERGING[mid, :3])          # zero -> the white middle
    assert rgba[1, :3].min() > 230
    assert rgba[2, 0] > rgba[2, 2] and rgba[0, 2] > rgba[0, 0]     # red positive, blue negative
    # equal magnitudes, equally far from the middle of the table, at any value
    v = np.linspace(0, 2, 1001, dtype=np.float32)
    up, down = lut_indices(v, -2.0, 2.0), lut_indices(-v, -2.0, 2.0)
    np.testing.assert_array_equal(up - mid, mid - down)
    assert up[-1] == LUT_SIZE - 1 and down[-1] == 0


def test_shared_and_per_tile_scales():
    tiles = np.zeros((2, 28, 28), np.float32)
    tiles[0, 0, 0] = 4.0
    tiles[1, 0, 0] = 0.5
    shared, lim = render_tiles(tiles, 1, 2, per_tile=False)
    assert lim == 4.0
    per, lim1 = render_tiles(tiles, 1, 2, per_tile=True)
    assert lim1 == 1.0
    # the small tile's peak is pale in the shared scale and saturated in its own
    small_shared = shared[1, 1 + 29, :3].astype(int)
    small_per = per[1, 1 + 29, :3].astype(int)
    assert small_per.sum() < small_shared.sum()
    np.testing.assert_array_equal(per[1, 1], shared[1, 1])          # the big tile is the same


def test_view_renders_snapshots_and_changes(qtbot):
    state = InspectorState()
    view = WeightsView(state)
    qtbot.addWidget(view)
    view.resize(520, 480)
    view.show()
    blank = image_bytes(view.grid)
    snap1, _ = snapshot_of(seed=1)
    state.set_snapshot(snap1)
    first = image_bytes(view.grid)
    assert not np.array_equal(first, blank)
    assert view.grid._count == 16
    view.set_per_tile(False)
    view.delta_box.setChecked(False)
    snap2, _ = snapshot_of(seed=2, step=10)
    state.set_snapshot(snap2)
    assert view.renders >= 2
    assert not np.array_equal(image_bytes(view.grid), first)
    assert "step 10" in view.title.text()
    view.set_per_tile(True)
    assert view.colorbar.labels()[0] == "+max"


def test_hover_shows_unit_details_and_click_selects_it(qtbot):
    state = InspectorState()
    view = WeightsView(state)
    qtbot.addWidget(view)
    view.resize(520, 480)
    view.show()
    x = np.linspace(0, 1, 784, dtype=np.float32)
    snap, model = snapshot_of(hidden=(16,), probe=x)
    state.set_snapshot(snap)
    state.set_probe(x, "test")
    centre = view.grid.tile_rect(5).center().toPoint()
    qtbot.mouseMove(view.grid, centre)
    text = view.info.text()
    assert "Unit 5" in text
    w = model.weights[0][:, 5]
    assert f"{np.linalg.norm(w):.3f}" in text
    act = float(model.trace(x).activations[0][5])
    assert f"{act:.3f}" in text
    qtbot.mouseClick(view.grid, Qt.MouseButton.LeftButton, pos=centre)
    assert state.selection == (1, 5)
    assert view.grid._selected == 5
    qtbot.mouseClick(view.grid, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))   # outside: nothing
    assert state.selection == (1, 5)


def test_change_since_start_shows_w_minus_w0(qtbot):
    state = InspectorState()
    view = WeightsView(state)
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    snap0, model = snapshot_of(hidden=(4,))
    state.set_snapshot(snap0)
    model.weights[0][:, 2] += 0.25                   # only unit 2 learns
    state.set_snapshot(take_snapshot(model, step=5))
    view.set_per_tile(False)
    view.delta_box.setChecked(True)
    assert "change since step 0" in view.title.text()
    assert view.colorbar._limit == pytest.approx(0.25)
    view.set_per_tile(True)
    # the scale is remembered for the next window; "change since start" is not: a new start
    # has nothing to compare with yet
    again = WeightsView(InspectorState())
    qtbot.addWidget(again)
    assert not again.delta_box.isChecked() and again.per_tile()
    view.set_per_tile(False)


def test_change_since_start_with_nothing_to_compare_shows_the_weights(qtbot):
    """A fresh start with "Δ since start" ticked: the weights, not a blank grid of zeros."""
    state = InspectorState()
    view = WeightsView(state)
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    view.set_per_tile(False)
    view.delta_box.setChecked(True)
    snap0, model = snapshot_of(hidden=(6,))
    state.set_snapshot(snap0)
    shown = image_bytes(view.grid)
    view.delta_box.setChecked(False)
    assert np.array_equal(image_bytes(view.grid), shown)            # exactly the weights
    assert view.colorbar._limit == pytest.approx(float(np.abs(snap0.weights[0]).max()))
    view.delta_box.setChecked(True)
    assert "no change since the start yet" in view.title.text()
    # after a step there is something to compare: the change, as before
    model.weights[0][:, 1] += 0.5
    state.set_snapshot(take_snapshot(model, step=1))
    assert "change since step 0" in view.title.text()
    assert view.colorbar._limit == pytest.approx(0.5)


def test_one_unit_is_one_unit(qtbot):
    state = InspectorState()
    view = WeightsView(state)
    qtbot.addWidget(view)
    view.show()
    state.set_snapshot(snapshot_of(hidden=(1,))[0])
    assert ": 1 unit \u00b7" in view.title.text()
    state.set_snapshot(snapshot_of(hidden=(2,))[0])
    assert ": 2 units \u00b7" in view.title.text()


def test_wide_layers_are_paged(qtbot):
    state = InspectorState()
    view = WeightsView(state)
    qtbot.addWidget(view)
    view.resize(500, 500)
    view.show()
    snap, _ = snapshot_of(hidden=(300,))
    state.set_snapshot(snap)
    assert view.page_count() == 2
    assert view.grid._count == PAGE_SIZE
    assert view.next_button.isVisible()
    view.next_button.click()
    assert view.grid._count == 300 - PAGE_SIZE
    assert "256\u2013299" in view.page_label.text()
    state.select(1, 3)                               # selecting a unit shows its page
    assert view.page_units().start == 0 and view.grid._selected == 3


def test_tile_composer_draws_the_same_pixels_as_render_tiles():
    from visualizer.app.views.weights_view import TileComposer

    w = np.random.default_rng(4).normal(size=(784, 20)).astype(np.float32)
    w[7, 3] = np.nan                                   # a diverged weight: transparent
    for per_tile in (False, True):
        rows, cols = grid_shape(20, 1.3)
        argb, limit = TileComposer(20, rows, cols).render(w, per_tile)
        rgba, ref_limit = render_tiles(first_layer_tiles(w), rows, cols, per_tile)
        ref = ((rgba[..., 3].astype(np.uint32) << 24) | (rgba[..., 0].astype(np.uint32) << 16)
               | (rgba[..., 1].astype(np.uint32) << 8) | rgba[..., 2])
        assert limit == ref_limit
        np.testing.assert_array_equal(argb, ref)
