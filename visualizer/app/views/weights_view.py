"""Every layer's weights: the first as one 28x28 tile per unit, the deeper ones as heatmaps.

A selector chooses the layer: "Layer 1 (784→128) as 28×28 tiles", "Layer 2
(128→64) matrix", ... up to the output layer. A deeper layer's ``W[k]`` is
shown as a (units x inputs) heatmap (``weight_matrix``) with the same colours,
colour bar, "Δ since start", hover (unit, input, value) and click (selects the
unit, as a tile does, so the other views follow). A right click on a hidden
unit offers to switch it off or scale it (``unit_menu``); the view then shows
the edited weights (its row of the next layer's matrix is white when off).

Unit j of the first hidden layer computes ``z_j = sum_i W[i, j] x_i + b_j``;
column ``W[:, j]`` (784,) reshaped to 28x28 is the pattern the unit looks for.
Blue is negative, red positive, white zero (symmetric about zero). In the
shared scale one colour means the same weight in every tile; in the per-tile
scale each tile uses its own largest |w| (shapes become visible early on).

All tiles of a page (up to 256 units) are composed with NumPy into one ARGB32
array and drawn as one QImage: one paint per update whatever the width
(``tiles.TileComposer``; the widgets are in ``tile_grid``, the controls above
them in ``weights_controls``). "Δ since start" shows W - W0, W0 being the first
snapshot of this network (``weights_origin``); until training has moved on from
it there is nothing to compare, and the weights are shown.
Snapshots that arrive while the view is hidden (closed dock, tab behind
another tab, minimized window) are not rendered; the latest one is when the
view is shown again.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtWidgets import QHBoxLayout, QToolTip, QVBoxLayout, QWidget

from ..i18n import tr
from .exposure import LazyRefresh, set_text as _set_text
from .livelabel import LiveLabel
from .qtimage import argb_image
from .tile_grid import ColorBar, TileGrid
from .tiles import GAP, TileComposer, compose_tiles, first_layer_tiles, grid_shape, render_tiles
from .unit_menu import show_unit_menu
from .weight_matrix import MatrixGrid, matrix_argb
from .weights_controls import scale_toggles, title_row
from .weights_origin import WeightOrigin
from .weights_text import cell_summary, default_info, layer_names, unit_summary

PAGE_SIZE = 256          # tiles shown at once; wider layers are paged
SETTING_PER_TILE = "views/weights_per_tile_scale"     # remembered toggle (QSettings); "Δ since start"
                                                      # is not: a new start has nothing to compare yet

__all__ = ["GAP", "PAGE_SIZE", "ColorBar", "TileComposer", "TileGrid", "WeightsView", "compose_tiles",
           "first_layer_tiles", "grid_shape", "render_tiles"]


def _settings():
    from PySide6.QtCore import QSettings
    return QSettings("visualizer", "visualizer")


def _flag(value) -> bool:
    return value is True or str(value).lower() in ("true", "1")


class WeightsView(QWidget):
    """Every layer's weights: layer selector, tile grid or heatmap, colour bar, scale toggle, details."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self._page = 0
        self._layout_key = None
        self._composer: TileComposer | None = None
        self._origin = WeightOrigin()            # what "Δ since start" compares with
        self._hover_unit = -1
        self._hover_input = -1                   # the input (column) under the mouse in a matrix
        self._layer = 1                          # the weight matrix shown: W[layer], 1..H+1
        self._layer_sizes: tuple | None = None   # the sizes the selector lists
        self.renders = 0                     # how many times the tile image was rebuilt
        self._lazy = LazyRefresh(self, self.refresh)    # hidden: render when shown again

        self.info = LiveLabel(lines=2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(title_row(self))
        layout.addLayout(scale_toggles(self))
        layout.addLayout(self._build_grid(), 1)
        layout.addWidget(self.info)
        self._default_info()

        self.per_tile_button.blockSignals(True)
        self.set_per_tile(_flag(_settings().value(SETTING_PER_TILE, False)))
        self.per_tile_button.blockSignals(False)
        state.weights_changed.connect(self._on_snapshot)
        state.trace_changed.connect(self._on_trace)
        state.selection_changed.connect(self._on_selection)
        self.refresh()

    def _build_grid(self) -> QHBoxLayout:
        """The tile grid beside its colour bar."""
        self.grid = TileGrid(self)
        self.colorbar = ColorBar(self)
        self.grid.setToolTip("")
        self.grid.hovered.connect(self._on_hover)
        self.grid.clicked.connect(self._on_click)
        self.grid.resized.connect(self.relayout)
        self.grid.context.connect(lambda i, pos: self._on_context(self.page_units().start + i, pos))
        self.matrix = MatrixGrid(self)
        self.matrix.hovered.connect(self._on_matrix_hover)
        self.matrix.clicked.connect(self._on_click_unit)
        self.matrix.context.connect(self._on_context)
        self.matrix.hide()
        middle = QHBoxLayout()
        middle.addWidget(self.grid, 1)
        middle.addWidget(self.matrix, 1)
        middle.addWidget(self.colorbar)
        return middle

    # ----------------------------------------------------------------- model
    def unit_count(self) -> int:
        """Units of the first hidden layer (the tiles)."""
        snap = self.state.snapshot
        return 0 if snap is None or len(snap.sizes) < 3 else int(snap.sizes[1])

    def layer(self) -> int:
        """The weight matrix shown, W[layer] (1: the first layer's tiles)."""
        return self._layer

    def set_layer(self, layer: int) -> None:
        """Show W[layer] (1 .. H+1; clamped to the network's layers)."""
        n = self.layer_box.count()
        if n:
            self.layer_box.setCurrentIndex(max(0, min(int(layer), n) - 1))
        else:
            self._layer = max(1, int(layer))

    def _on_layer_chosen(self, index: int) -> None:
        if index >= 0 and index + 1 != self._layer:
            self._layer = index + 1
            self._hover_unit = self._hover_input = -1
            self.refresh()

    def _update_layer_box(self, sizes) -> None:
        """List the network's layers in the selector (kept while the sizes stay the same)."""
        sizes = tuple(int(s) for s in sizes)
        if sizes == self._layer_sizes:
            return
        self._layer_sizes = sizes
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItems(layer_names(sizes))
        self._layer = max(1, min(self._layer, len(sizes) - 1))
        self.layer_box.setCurrentIndex(self._layer - 1)
        self.layer_box.blockSignals(False)

    def page_count(self) -> int:
        return max(1, math.ceil(self.unit_count() / PAGE_SIZE))

    def page_units(self) -> range:
        n = self.unit_count()
        start = min(self._page * PAGE_SIZE, max(0, n - 1))
        return range(start, min(n, start + PAGE_SIZE))

    def per_tile(self) -> bool:
        return self.per_tile_button.isChecked()

    def set_per_tile(self, on: bool) -> None:
        (self.per_tile_button if on else self.shared_button).setChecked(True)

    def set_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        if page != self._page:
            self._page = page
            self.refresh()

    # ---------------------------------------------------------------- render
    def relayout(self) -> None:
        """Called on resize: re-flow the grid when the best rows x cols changes."""
        units = self.page_units()
        key = grid_shape(len(units), self.grid.aspect())
        if key != self._layout_key:
            self._lazy.request()

    def exposed(self, visible: bool = True) -> None:
        """The view's dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def reset_origin(self, *_args) -> None:
        """A new or loaded model: "change since start" counts from its next snapshot."""
        self._origin.reset()

    def _on_toggle(self, _checked=None) -> None:
        _settings().setValue(SETTING_PER_TILE, self.per_tile())
        self.refresh()

    def _on_snapshot(self, snap) -> None:
        self._origin.note(snap)
        self._lazy.request()

    def _on_trace(self, _trace) -> None:
        if not self._lazy.dirty:             # else the refresh to come updates the details
            self._refresh_info()

    def delta_available(self) -> bool:
        """True when there is a change to show: the snapshot is a later step of the network seen first."""
        return self._origin.available(self.state.snapshot)

    def refresh(self) -> None:
        """Render the chosen layer of the latest snapshot now (visible or not)."""
        self._lazy.dirty = False
        snap = self.state.snapshot
        if snap is None or len(snap.sizes) < 3:
            self._show_matrix(False)
            self.grid.set_image(None, 0, 0, 0)
            self.grid.set_message(tr("No network yet: press Start or open a model.")
                                  if snap is None else tr("This network has no hidden layer."))
            self._update_pager()
            return
        self._update_layer_box(snap.sizes)
        if self._layer == 1:
            self._refresh_tiles(snap)
        else:
            self._refresh_matrix(snap)
        self._update_pager()
        self._on_selection(self.state.selection)
        self._refresh_info()
        self.renders += 1

    def _shown_weights(self, snap, k: int) -> tuple[np.ndarray, bool]:
        """(W[k] (n_in, n_out) or its change since the start, True when it is the change)."""
        w = snap.weights[k - 1]
        if self.delta_box.isChecked() and self.delta_available():
            return w - self._origin.weights(k), True
        return w, False

    def _what(self, delta: bool) -> str:
        if delta:
            return tr("change since step {step}").format(step=f"{self._origin.step:,}")
        if self.delta_box.isChecked():                      # nothing to compare with: the weights
            return tr("weights (no change since the start yet)")
        return tr("weights")

    def _show_matrix(self, on: bool) -> None:
        self.grid.setVisible(not on)
        self.matrix.setVisible(on)
        self.per_tile_button.setText(tr("Per unit") if on else tr("Per tile"))

    def _refresh_tiles(self, snap) -> None:
        """The first layer: one 28x28 tile per unit of the current page."""
        self._show_matrix(False)
        self._page = min(self._page, self.page_count() - 1)
        units = self.page_units()
        if snap.weights[0].shape[0] != 28 * 28:
            raise ValueError(f"the first layer has {snap.weights[0].shape[0]} inputs, not 28x28")
        w0, delta = self._shown_weights(snap, 1)
        w0 = w0[:, units.start:units.stop]                                 # (784, n)
        rows, cols = grid_shape(len(units), self.grid.aspect())
        self._layout_key = (rows, cols)
        if self._composer is None or self._composer.key[:3] != (len(units), rows, cols):
            self._composer = TileComposer(len(units), rows, cols)
        argb, limit = self._composer.render(w0, self.per_tile())
        self.grid.set_image(argb_image(argb), rows, cols, len(units))
        self.colorbar.set_scale(limit, self.per_tile())
        units_text = tr("%n unit(s)", None, int(snap.sizes[1]))
        _set_text(self.title, tr("Layer 1 {what}: {units} \u00b7 step {step}").format(
            what=self._what(delta), units=units_text, step=f"{snap.step:,}"))

    def _refresh_matrix(self, snap) -> None:
        """A deeper layer W[k]: one heatmap of units (rows) x inputs (columns)."""
        self._show_matrix(True)
        k = self._layer
        w, delta = self._shown_weights(snap, k)                            # (n_in, n_out)
        argb, limit = matrix_argb(w, self.per_tile())                      # (n_out, n_in)
        self.matrix.set_matrix(argb)
        self.colorbar.set_scale(limit, self.per_tile())
        _set_text(self.title, tr("Layer {k} {what}: {units} \u00d7 {inputs} \u00b7 step {step}").format(
            k=k, what=self._what(delta), units=tr("%n unit(s)", None, int(snap.sizes[k])),
            inputs=tr("%n input(s)", None, int(snap.sizes[k - 1])), step=f"{snap.step:,}"))

    def _update_pager(self) -> None:
        many = self.page_count() > 1 and self._layer == 1
        for w in (self.prev_button, self.next_button, self.page_label):
            w.setVisible(many)
        if many:
            units = self.page_units()
            self.page_label.setText(tr("units {first}\u2013{last} of {count}").format(
                first=units.start, last=units.stop - 1, count=self.unit_count()))
            self.prev_button.setEnabled(self._page > 0)
            self.next_button.setEnabled(self._page < self.page_count() - 1)

    # ----------------------------------------------------------- interaction
    def unit_summary(self, unit: int, layer: int | None = None) -> str:
        """One line about a unit of W[layer] (default: the layer shown); see ``weights_text``."""
        st = self.state
        return unit_summary(st.snapshot, st.trace, st.dead, st.edits, self._layer if layer is None else layer, unit)

    def cell_summary(self, unit: int, inp: int) -> str:
        """The tooltip of one weight of the matrix shown: unit j, input i, value (and its change)."""
        delta = self.delta_box.isChecked() and self.delta_available()
        w0 = self._origin.weights(self._layer) if delta else None
        return cell_summary(self.state.snapshot, self._layer, unit, inp, w0)

    def _default_info(self) -> None:
        _set_text(self.info, default_info(self._layer, self.delta_box.isChecked()))

    def _on_hover(self, index: int) -> None:
        units = self.page_units()
        self._hover_unit = units.start + index if index >= 0 else -1
        self._refresh_info()
        if self._hover_unit >= 0:
            QToolTip.showText(self.grid.mapToGlobal(self.grid.tile_rect(index).bottomRight().toPoint()),
                              self.unit_summary(self._hover_unit), self.grid)

    def _on_matrix_hover(self, row: int, col: int) -> None:
        self._hover_unit, self._hover_input = row, col
        self._refresh_info()
        if row >= 0 and self.state.snapshot is not None:
            pos = self.matrix.mapToGlobal(self.matrix.cell_rect(row, col).bottomRight().toPoint())
            QToolTip.showText(pos, self.cell_summary(row, col), self.matrix)

    def _units_shown(self) -> int:
        snap = self.state.snapshot
        if snap is None or len(snap.sizes) < 3 or self._layer >= len(snap.sizes):
            return 0
        return int(snap.sizes[self._layer])

    def _refresh_info(self) -> None:
        snap = self.state.snapshot
        unit = self._hover_unit
        sel = self.state.selection
        if unit < 0 and sel and sel[0] == self._layer:
            unit = sel[1]
        if snap is None or not 0 <= unit < self._units_shown():
            self._default_info()
            return
        _set_text(self.info, self.unit_summary(unit))

    def _on_click(self, index: int) -> None:
        self._on_click_unit(self.page_units().start + index)

    def _on_click_unit(self, unit: int) -> None:
        """Select unit ``unit`` of the layer shown (again: clear), as the activations view does."""
        if self.state.selection == (self._layer, unit):
            self.state.select(None)
        else:
            self.state.select(self._layer, unit)

    def _on_context(self, unit: int, global_pos) -> None:
        """Right click on a unit of the layer shown: switch it off, scale it, restore it."""
        show_unit_menu(self, self.state, self._layer, unit, global_pos)

    def _on_selection(self, sel) -> None:
        if self._layer != 1:
            self.matrix.set_selected(sel[1] if sel is not None and sel[0] == self._layer else -1)
            self._refresh_info()
            return
        units = self.page_units()
        if sel is not None and sel[0] == 1 and sel[1] not in units and sel[1] < self.unit_count():
            self._page = sel[1] // PAGE_SIZE
            self.refresh()
            return
        if sel is not None and sel[0] == 1 and sel[1] in units:
            self.grid.set_selected(sel[1] - units.start)
        else:
            self.grid.set_selected(-1)
        self._refresh_info()
