"""First-layer weights: one 28x28 tile per hidden unit, composed into a single image.

Unit j of the first hidden layer computes ``z_j = sum_i W[i, j] x_i + b_j``;
column ``W[:, j]`` (784,) reshaped to 28x28 is the pattern the unit looks for.
Blue is negative, red positive, white zero (symmetric about zero). In the
shared scale one colour means the same weight in every tile; in the per-tile
scale each tile uses its own largest |w| (shapes become visible early on).

All tiles of a page (up to 256 units) are composed with NumPy into one ARGB32
array and drawn as one QImage: one paint per update whatever the width. The
composition is one gather through a pixel map cached per grid shape
(``TileComposer``). Snapshots that arrive while the view is hidden (closed
dock, tab behind another tab, minimized window) are not rendered; the latest
one is when the view is shown again.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QHBoxLayout, QLabel, QRadioButton, QSizePolicy,
                               QToolButton, QToolTip, QVBoxLayout, QWidget)

from .colormap import DIVERGING, argb_lut, lut_indices, map_values, symmetric_limit
from .exposure import LazyRefresh, set_text as _set_text
from .livelabel import LiveLabel
from .qtimage import argb_image

PAGE_SIZE = 256          # tiles shown at once; wider layers are paged
SETTING_DELTA = "views/weights_change_since_start"     # remembered toggles (QSettings)
SETTING_PER_TILE = "views/weights_per_tile_scale"


def _settings():
    from PySide6.QtCore import QSettings
    return QSettings("visualizer", "visualizer")


def _flag(value) -> bool:
    return value is True or str(value).lower() in ("true", "1")
GAP = 1                  # transparent pixels between tiles (image pixels)


def grid_shape(n: int, aspect: float = 1.0) -> tuple[int, int]:
    """(rows, cols) for n square tiles in an area of width/height ``aspect``."""
    if n <= 0:
        return 0, 0
    cols = max(1, min(n, round(math.sqrt(n * max(aspect, 1e-3)))))
    rows = math.ceil(n / cols)
    # drop columns that would leave the last row emptier than needed
    while cols > 1 and math.ceil(n / (cols - 1)) == rows:
        cols -= 1
    return rows, cols


def first_layer_tiles(w0: np.ndarray, side: int = 28) -> np.ndarray:
    """W_1 (784, n_units) -> (n_units, 28, 28) tiles (a view when possible)."""
    n_in, n_units = w0.shape
    if n_in != side * side:
        raise ValueError(f"the first layer has {n_in} inputs, not {side}x{side}")
    return w0.T.reshape(n_units, side, side)


def compose_tiles(tiles: np.ndarray, rows: int, cols: int, gap: int = GAP) -> np.ndarray:
    """(n, h, w) float tiles -> (rows*(h+gap)+gap, cols*(w+gap)+gap) float32, NaN between tiles.

    Tiles fill the grid row by row; unused cells and gaps are NaN (transparent).
    """
    n, h, w = tiles.shape
    grid = np.full((rows * cols, h + gap, w + gap), np.nan, dtype=np.float32)
    grid[:n, gap:, gap:] = tiles
    # (rows, cols, h+gap, w+gap) -> (rows, h+gap, cols, w+gap) -> 2-D
    img = grid.reshape(rows, cols, h + gap, w + gap).transpose(0, 2, 1, 3)
    img = img.reshape(rows * (h + gap), cols * (w + gap))
    out = np.full((img.shape[0] + gap, img.shape[1] + gap), np.nan, dtype=np.float32)
    out[:-gap or None, :-gap or None] = img
    return out


def render_tiles(tiles: np.ndarray, rows: int, cols: int, per_tile: bool) -> tuple[np.ndarray, float]:
    """Tiles -> (RGBA uint8 image, scale limit). Shared: limit = max |w|; per tile: 1 (normalised)."""
    tiles = np.asarray(tiles, dtype=np.float32)
    if per_tile:
        m = np.max(np.abs(tiles), axis=(1, 2), keepdims=True)            # (n, 1, 1)
        tiles = tiles / np.where(m > 0, m, 1.0)
        limit = 1.0
    else:
        limit = symmetric_limit(tiles)
    img = compose_tiles(tiles, rows, cols)
    return map_values(img, -limit, limit, DIVERGING), limit


DIVERGING_ARGB = argb_lut(DIVERGING)


class TileComposer:
    """Renders the columns of W_1 as tiles in a rows x cols grid with one gather (cached pixel map).

    ``source`` (H, W) intp: for each image pixel, the index into ``values.ravel()`` of the
    (784, n) weights it shows (pixel p of unit t is ``p * n + t``), or ``784 * n`` (one
    transparent entry past the end) for gaps and unused cells. Same picture as
    ``render_tiles`` (which composes float tiles first), as ARGB32 pixels.
    """

    def __init__(self, n: int, rows: int, cols: int, side: int = 28, gap: int = GAP):
        self.key = (n, rows, cols, side, gap)
        self.n = n
        pix = np.arange(side * side, dtype=np.float64)                  # (784,) pixel index p
        index = pix[None, :] * n + np.arange(n, dtype=np.float64)[:, None]     # (n, 784): p*n + t
        img = compose_tiles(index.reshape(n, side, side).astype(np.float32), rows, cols, gap)
        source = np.where(np.isnan(img), side * side * n, img)
        self.source = source.astype(np.intp)                            # exact: < 2**24
        self._flat = np.zeros(side * side * n + 1, dtype=np.uint32)     # last entry stays 0

    def render(self, values: np.ndarray, per_tile: bool) -> tuple[np.ndarray, float]:
        """(784, n) float weights -> ((H, W) uint32 premultiplied ARGB image, scale limit).

        Shared scale: limit = max |w|; per tile: every column divided by its own max |w|, limit 1.
        NaN weights (a diverged run) are transparent.
        """
        v = np.asarray(values, dtype=np.float32)
        if v.shape[1] != self.n:
            raise ValueError(f"expected {self.n} units, got {v.shape[1]}")
        if per_tile:
            m = np.max(np.abs(v), axis=0)                                 # (n,)
            v = v / np.where(m > 0, m, 1.0).astype(np.float32)
            limit = 1.0
        else:
            limit = symmetric_limit(v)
        body = self._flat[:-1].reshape(v.shape)                           # (784, n) view
        np.take(DIVERGING_ARGB, lut_indices(v, -limit, limit), out=body)
        nan = np.isnan(v)
        if nan.any():
            body[nan] = 0
        return self._flat[self.source], limit


class ColorBar(QWidget):
    """A vertical diverging colour bar with its numeric ends (or "per tile" labels)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._limit = 1.0
        self._per_tile = False
        self._bar: QImage | None = None          # the colour ramp at the current height
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("\u2212max0.000") + 24)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def set_scale(self, limit: float, per_tile: bool) -> None:
        before = self.labels()
        self._limit, self._per_tile = float(limit), bool(per_tile)
        if self.labels() != before:             # repaint only when what it shows changes
            self.update()

    def labels(self) -> tuple[str, str, str]:
        if self._per_tile:
            return "+max", "0", "\u2212max"
        return f"{self._limit:+.3g}", "0", f"{-self._limit:+.3g}".replace("-", "\u2212")

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), 200)

    def _bar_image(self, height: int) -> QImage:
        """The colour ramp, ``height`` pixels tall (+max at the top), cached per height."""
        if self._bar is None or self._bar.height() != height:
            n = len(DIVERGING_ARGB)
            idx = np.round(np.linspace(n - 1, 0, height)).astype(np.intp)         # top: +max
            self._bar = argb_image(np.repeat(DIVERGING_ARGB[idx][:, None], 12, axis=1))
        return self._bar

    def paintEvent(self, event):
        p = QPainter(self)
        fm = p.fontMetrics()
        top, bottom = fm.height(), self.height() - fm.height()
        bar = QRectF(4, top, 12, max(10, bottom - top))
        p.drawImage(bar.topLeft(), self._bar_image(int(bar.height())))
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(bar)
        p.setPen(self.palette().text().color())
        hi, mid, lo = self.labels()
        x = int(bar.right()) + 5
        p.drawText(QPointF(x, bar.top() + fm.ascent() / 2), hi)
        p.drawText(QPointF(x, bar.center().y() + fm.ascent() / 2 - 1), mid)
        p.drawText(QPointF(x, bar.bottom() + fm.ascent() / 2 - 1), lo)
        p.end()


class TileGrid(QWidget):
    """Paints the composed tile image scaled to fit, with hover and selection outlines."""

    hovered = Signal(int)      # tile index on the page, -1 when leaving
    clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self._image: QImage | None = None
        self._rows = self._cols = 0
        self._count = 0
        self._tile = 28
        self._hover = -1
        self._selected = -1
        self._message = "No network yet: press Start or open a model."

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def set_image(self, image: QImage | None, rows: int, cols: int, count: int) -> None:
        self._image, self._rows, self._cols, self._count = image, rows, cols, count
        if self._hover >= count:
            self._hover = -1
        self.update()

    def set_message(self, text: str) -> None:
        self._message = text
        self.update()

    def set_selected(self, index: int) -> None:
        self._selected = index
        self.update()

    def aspect(self) -> float:
        return max(self.width(), 1) / max(self.height(), 1)

    def image_rect(self) -> QRectF:
        """Where the image is drawn: centred, as large as fits, integer zoom when >= 1."""
        if self._image is None:
            return QRectF()
        iw, ih = self._image.width(), self._image.height()
        s = min(self.width() / iw, self.height() / ih)
        if s >= 2:
            s = math.floor(s)
        w, h = iw * s, ih * s
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def tile_at(self, pos: QPointF) -> int:
        """Tile index under a widget position, -1 if none."""
        r = self.image_rect()
        if self._image is None or not r.contains(pos):
            return -1
        s = r.width() / self._image.width()
        cell = (self._tile + GAP) * s
        col = int((pos.x() - r.left() - GAP * s) // cell)
        row = int((pos.y() - r.top() - GAP * s) // cell)
        if not (0 <= col < self._cols and 0 <= row < self._rows):
            return -1
        i = row * self._cols + col
        return i if i < self._count else -1

    def tile_rect(self, i: int) -> QRectF:
        r = self.image_rect()
        s = r.width() / self._image.width()
        row, col = divmod(i, self._cols)
        cell = (self._tile + GAP) * s
        return QRectF(r.left() + col * cell + GAP * s * 0.5, r.top() + row * cell + GAP * s * 0.5,
                      cell, cell)

    def paintEvent(self, event):
        p = QPainter(self)
        if self._image is None:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
            p.end()
            return
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(self.image_rect(), self._image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if 0 <= self._hover < self._count:
            p.setPen(QPen(self.palette().text().color(), 1))
            p.drawRect(self.tile_rect(self._hover))
        if 0 <= self._selected < self._count:
            p.setPen(QPen(QColor(255, 170, 0), 2.5))
            p.drawRect(self.tile_rect(self._selected))
        p.end()

    def mouseMoveEvent(self, event):
        i = self.tile_at(event.position())
        if i != self._hover:
            self._hover = i
            self.hovered.emit(i)
            self.update()

    def leaveEvent(self, event):
        if self._hover != -1:
            self._hover = -1
            self.hovered.emit(-1)
            self.update()

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            i = self.tile_at(event.position())
            if i >= 0:
                self.clicked.emit(i)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        parent = self.parent()
        if isinstance(parent, WeightsView):
            parent.relayout()


class WeightsView(QWidget):
    """The first-layer weights panel: tile grid, colour bar, scale toggle, pager, unit details."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self._page = 0
        self._layout_key = None
        self._composer: TileComposer | None = None
        self.renders = 0                     # how many times the tile image was rebuilt
        self._lazy = LazyRefresh(self, self.refresh)    # hidden: render when shown again

        # texts that change with every snapshot: LiveLabels repaint without re-laying out the window
        self.title = LiveLabel("Layer 1 weights", lines=1, alignment=Qt.AlignmentFlag.AlignVCenter)
        bold = QFont(self.title.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(bold)
        self.title.setMinimumWidth(60)
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
        self._origin: tuple | None = None        # (sizes, step, W_1 copy) of the earliest snapshot seen

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
        toggles = QHBoxLayout()
        toggles.addWidget(self.delta_box)
        toggles.addStretch(1)
        toggles.addWidget(QLabel("Colour scale:"))
        toggles.addWidget(self.shared_button)
        toggles.addWidget(self.per_tile_button)

        self.grid = TileGrid(self)
        self.colorbar = ColorBar(self)
        self.grid.setToolTip("")
        self.grid.hovered.connect(self._on_hover)
        self.grid.clicked.connect(self._on_click)
        middle = QHBoxLayout()
        middle.addWidget(self.grid, 1)
        middle.addWidget(self.colorbar)

        self.info = LiveLabel(lines=2)
        self._default_info()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(toggles)
        layout.addLayout(middle, 1)
        layout.addWidget(self.info)

        settings = _settings()
        self.delta_box.blockSignals(True)
        self.per_tile_button.blockSignals(True)
        self.delta_box.setChecked(_flag(settings.value(SETTING_DELTA, False)))
        self.set_per_tile(_flag(settings.value(SETTING_PER_TILE, False)))
        self.delta_box.blockSignals(False)
        self.per_tile_button.blockSignals(False)
        state.weights_changed.connect(self._on_snapshot)
        state.trace_changed.connect(self._on_trace)
        state.selection_changed.connect(self._on_selection)
        self._hover_unit = -1
        self.refresh()

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
        settings = _settings()
        settings.setValue(SETTING_DELTA, self.delta_box.isChecked())
        settings.setValue(SETTING_PER_TILE, self.per_tile())
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
        snap = self.state.snapshot
        o = self._origin
        return snap is not None and o is not None and o[0] == tuple(snap.sizes)

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
        _set_text(self.title, f"Layer 1 {what}: {snap.sizes[1]} units \u00b7 step {snap.step:,}")
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
