"""First-layer weights: one 28x28 tile per hidden unit, composed into a single image.

Unit j of the first hidden layer computes ``z_j = sum_i W[i, j] x_i + b_j``;
column ``W[:, j]`` (784,) reshaped to 28x28 is the pattern the unit looks for.
Blue is negative, red positive, white zero (symmetric about zero). In the
shared scale one colour means the same weight in every tile; in the per-tile
scale each tile uses its own largest |w| (shapes become visible early on).

All tiles of a page (up to 256 units) are composed with NumPy into one ARGB32
array and drawn as one QImage: one paint per update whatever the width
(``tiles.TileComposer``; the widgets are in ``tile_grid``). "Δ since start"
shows W - W0, W0 being the first snapshot of this network; until training has
moved on from it there is nothing to compare, and the weights are shown.
Snapshots that arrive while the view is hidden (closed dock, tab behind
another tab, minimized window) are not rendered; the latest one is when the
view is shown again.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QHBoxLayout, QLabel, QRadioButton, QToolButton,
                               QToolTip, QVBoxLayout, QWidget)

from .exposure import LazyRefresh, set_text as _set_text
from .livelabel import LiveLabel
from .qtimage import argb_image
from .text import plural
from .tile_grid import ColorBar, TileGrid
from .tiles import GAP, TileComposer, compose_tiles, first_layer_tiles, grid_shape, render_tiles

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
    """The first-layer weights panel: tile grid, colour bar, scale toggle, pager, unit details."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self._page = 0
        self._layout_key = None
        self._composer: TileComposer | None = None
        self._origin: tuple | None = None        # (sizes, step, W_1 copy) of the earliest snapshot seen
        self._hover_unit = -1
        self.renders = 0                     # how many times the tile image was rebuilt
        self._lazy = LazyRefresh(self, self.refresh)    # hidden: render when shown again

        self.info = LiveLabel(lines=2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._build_title_row())
        layout.addLayout(self._build_toggles())
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

    def _build_title_row(self) -> QHBoxLayout:
        """The title (what is shown, at which step) and the pager of wide layers."""
        # texts that change with every snapshot: LiveLabels repaint without re-laying out the window
        self.title = LiveLabel("Layer 1 weights", lines=1, alignment=Qt.AlignmentFlag.AlignVCenter)
        bold = QFont(self.title.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(bold)
        self.title.setMinimumWidth(60)
        self.prev_button = QToolButton(text="\u25C0")
        self.next_button = QToolButton(text="\u25B6")
        self.prev_button.setToolTip("Previous page of units")
        self.next_button.setToolTip("Next page of units")
        self.page_label = QLabel()
        self.prev_button.clicked.connect(lambda: self.set_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.set_page(self._page + 1))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.prev_button)
        top.addWidget(self.page_label)
        top.addWidget(self.next_button)
        return top

    def _build_toggles(self) -> QHBoxLayout:
        """"Δ since start" and the colour scale (shared / per tile)."""
        self.shared_button = QRadioButton("Shared")
        self.shared_button.setToolTip("One colour means the same weight value in every tile: "
                                      "compare the strength of units.")
        self.per_tile_button = QRadioButton("Per tile")
        self.per_tile_button.setToolTip("Each tile uses its own largest weight: see the shape "
                                        "every unit has learned, even when its weights are small.")
        self.shared_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.shared_button)
        group.addButton(self.per_tile_button)
        self.per_tile_button.toggled.connect(self._on_toggle)
        self.delta_box = QCheckBox("\u0394 since start")
        self.delta_box.setToolTip("Show W \u2212 W\u2080: how far each weight has moved from its random "
                                  "initial value. The learned part of every pattern stands out from "
                                  "the initial noise.")
        self.delta_box.toggled.connect(self._on_toggle)
        toggles = QHBoxLayout()
        toggles.addWidget(self.delta_box)
        toggles.addStretch(1)
        toggles.addWidget(QLabel("Colour scale:"))
        toggles.addWidget(self.shared_button)
        toggles.addWidget(self.per_tile_button)
        return toggles

    def _build_grid(self) -> QHBoxLayout:
        """The tile grid beside its colour bar."""
        self.grid = TileGrid(self)
        self.colorbar = ColorBar(self)
        self.grid.setToolTip("")
        self.grid.hovered.connect(self._on_hover)
        self.grid.clicked.connect(self._on_click)
        self.grid.resized.connect(self.relayout)
        middle = QHBoxLayout()
        middle.addWidget(self.grid, 1)
        middle.addWidget(self.colorbar)
        return middle

    # ----------------------------------------------------------------- model
    def unit_count(self) -> int:
        snap = self.state.snapshot
        return 0 if snap is None or len(snap.sizes) < 3 else int(snap.sizes[1])

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
        self._origin = None

    def _on_toggle(self, _checked=None) -> None:
        _settings().setValue(SETTING_PER_TILE, self.per_tile())
        self.refresh()

    def _on_snapshot(self, snap) -> None:
        if snap is not None and len(snap.sizes) >= 3:
            o = self._origin
            if o is None or o[0] != tuple(snap.sizes) or snap.step < o[1] or snap.step == 0:
                self._origin = (tuple(snap.sizes), int(snap.step), np.array(snap.weights[0]))
        self._lazy.request()

    def _on_trace(self, _trace) -> None:
        if not self._lazy.dirty:             # else the refresh to come updates the details
            self._refresh_info()

    def delta_available(self) -> bool:
        """True when there is a change to show: the snapshot is a later step of the network seen first."""
        snap = self.state.snapshot
        o = self._origin
        return snap is not None and o is not None and o[0] == tuple(snap.sizes) and int(snap.step) != o[1]

    def refresh(self) -> None:
        """Render the current page of the latest snapshot now (visible or not)."""
        self._lazy.dirty = False
        snap = self.state.snapshot
        if snap is None or len(snap.sizes) < 3:
            self.grid.set_image(None, 0, 0, 0)
            self.grid.set_message("No network yet: press Start or open a model."
                                  if snap is None else "This network has no hidden layer.")
            self._update_pager()
            return
        self._page = min(self._page, self.page_count() - 1)
        units = self.page_units()
        w0 = snap.weights[0]
        if w0.shape[0] != 28 * 28:
            raise ValueError(f"the first layer has {w0.shape[0]} inputs, not 28x28")
        w0 = w0[:, units.start:units.stop]                                 # (784, n)
        delta = self.delta_box.isChecked() and self.delta_available()
        if delta:
            w0 = w0 - self._origin[2][:, units.start:units.stop]            # (784, n) change
        rows, cols = grid_shape(len(units), self.grid.aspect())
        self._layout_key = (rows, cols)
        if self._composer is None or self._composer.key[:3] != (len(units), rows, cols):
            self._composer = TileComposer(len(units), rows, cols)
        argb, limit = self._composer.render(w0, self.per_tile())
        self.grid.set_image(argb_image(argb), rows, cols, len(units))
        self.colorbar.set_scale(limit, self.per_tile())
        what = f"change since step {self._origin[1]:,}" if delta else "weights"
        if self.delta_box.isChecked() and not delta:        # nothing to compare with: the weights
            what = "weights (no change since the start yet)"
        _set_text(self.title, f"Layer 1 {what}: {plural(int(snap.sizes[1]), 'unit')} \u00b7 step {snap.step:,}")
        self._update_pager()
        self._on_selection(self.state.selection)
        self._refresh_info()
        self.renders += 1

    def _update_pager(self) -> None:
        many = self.page_count() > 1
        for w in (self.prev_button, self.next_button, self.page_label):
            w.setVisible(many)
        if many:
            units = self.page_units()
            self.page_label.setText(f"units {units.start}\u2013{units.stop - 1} of {self.unit_count()}")
            self.prev_button.setEnabled(self._page > 0)
            self.next_button.setEnabled(self._page < self.page_count() - 1)

    # ----------------------------------------------------------- interaction
    def unit_summary(self, unit: int) -> str:
        """One line about a first-layer unit: weight range, norm, bias, probe activation."""
        snap = self.state.snapshot
        w = snap.weights[0][:, unit]
        b = float(snap.biases[0][unit])
        parts = [f"<b>Unit {unit}</b>",
                 f"weights {w.min():+.3f} \u2026 {w.max():+.3f}",
                 f"\u2016w\u2016 = {float(np.linalg.norm(w)):.3f}",
                 f"bias {b:+.3f}"]
        trace = self.state.trace
        if trace is not None and trace.activations and unit < len(trace.activations[0]):
            a = float(trace.activations[0][unit])
            z = float(trace.pre_activations[0][unit])
            parts.append(f"activation for the probe {a:.3f} (z = {z:+.3f})")
        dead = self.state.dead
        if dead is not None and len(dead) and unit < len(dead[0]) and bool(dead[0][unit]):
            parts.append("<span style='color:#d35400'>dead: never active on held-out images</span>")
        return " \u00b7 ".join(parts).replace("-", "\u2212")

    def _default_info(self) -> None:
        hint = ("" if self.delta_box.isChecked() else
                " Early on the random initial weights hide what is learned: tick \u0394 since start.")
        _set_text(self.info, "<span style='color:gray'>Blue: negative weight (ink there lowers the unit), "
                          "red: positive (ink there raises it). Hover a tile for details; "
                          f"click it to follow the unit in the activations view.{hint}</span>")

    def _on_hover(self, index: int) -> None:
        units = self.page_units()
        self._hover_unit = units.start + index if index >= 0 else -1
        self._refresh_info()
        if self._hover_unit >= 0:
            QToolTip.showText(self.grid.mapToGlobal(self.grid.tile_rect(index).bottomRight().toPoint()),
                              self.unit_summary(self._hover_unit), self.grid)

    def _refresh_info(self) -> None:
        snap = self.state.snapshot
        unit = self._hover_unit
        if unit < 0 and self.state.selection and self.state.selection[0] == 1:
            unit = self.state.selection[1]
        if snap is None or not 0 <= unit < self.unit_count():
            self._default_info()
            return
        _set_text(self.info, self.unit_summary(unit))

    def _on_click(self, index: int) -> None:
        unit = self.page_units().start + index
        if self.state.selection == (1, unit):
            self.state.select(None)
        else:
            self.state.select(1, unit)

    def _on_selection(self, sel) -> None:
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
