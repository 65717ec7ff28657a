"""Activations of every layer for one probe input, and where a unit's input comes from.

Left to right: the 28x28 input, each hidden layer as a grid of cells coloured
by activation (units never active on held-out images are grey and hatched),
then the ten output classes with their logits and softmax probabilities.

The selected unit (click a cell or an output row; the predicted class by
default) shows its incoming contributions ``a_i * W[i, j]``: the strongest
``TOP_K`` are drawn as lines (red raises the unit, blue lowers it, width by
size), and the sum ``z_j = b_j + sum_i a_i W[i, j]`` is spelled out below.
Small layers draw every connection faintly.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpinBox,
                               QToolTip, QVBoxLayout, QWidget)

from .colormap import DIVERGING, SEQUENTIAL, argb_lut, lut_indices, map_values, symmetric_limit
from .cellgrid import CellGrid
from .exposure import LazyRefresh
from .livelabel import LiveLabel
from .qtimage import argb_image, gray_image, rgba_image, unit_float_to_gray

TOP_K = 12                 # contributions drawn for the selected unit
ALL_EDGES_MAX = 600        # draw every connection between two layers when n_in * n_out <= this
HIGHLIGHT = QColor(255, 170, 0)
MINUS = "\u2212"
DIVERGING_ARGB = argb_lut(DIVERGING)
SEQUENTIAL_ARGB = argb_lut(SEQUENTIAL)


def _argb(color: QColor) -> int:
    """An opaque QColor -> 0xAARRGGBB."""
    return (0xFF << 24) | (color.red() << 16) | (color.green() << 8) | color.blue()


def contributions(trace, snapshot, layer: int, unit: int) -> np.ndarray:
    """Incoming contributions a_i * W[i, unit] to ``unit`` of ``layer`` (1-based; inputs for layer 1)."""
    source = trace.input if layer == 1 else trace.activations[layer - 2]     # (n_in,)
    return np.asarray(source, dtype=np.float32) * snapshot.weights[layer - 1][:, unit]


def cell_grid(n: int, width: float, height: float) -> tuple[int, int, float]:
    """(rows, cols, cell side) placing n square cells in width x height as large as possible."""
    best = (n, 1, 0.0)
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        side = min(width / cols, height / rows)
        if side > best[2] + 1e-9:
            best = (rows, cols, side)
    return best


class NetworkDiagram(QWidget):
    """The QPainter drawing of all layers for one trace."""

    unit_clicked = Signal(int, int)        # layer, unit
    DEAD_COLOR = QColor(120, 120, 120)

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setMouseTracking(True)
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._cells: dict[int, list[QRectF]] = {}      # layer -> rect per unit (hidden and output)
        self._input_rect = QRectF()
        self._input_image: QImage | None = None
        self._input_src = None
        self._grid_cache: dict[int, CellGrid] = {}
        self._grids: dict[int, tuple[QRectF, CellGrid]] = {}
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self.paints = 0

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    # ------------------------------------------------------------- geometry
    def _layout(self, sizes) -> None:
        """Compute the input square, the cell rects of each hidden layer and the output rows."""
        fm = self.fontMetrics()
        W, H = self.width(), self.height()
        head = fm.height() + 6                     # column titles
        foot = 3 * fm.height() + 4                 # per-column captions (three lines)
        top, bottom = head, H - foot
        avail_h = max(40.0, bottom - top)
        hidden = list(sizes[1:-1])
        n_out = sizes[-1]
        out_w = float(np.clip(W * 0.3, 150.0, 280.0))
        in_side = float(np.clip(min(avail_h * 0.8, W * 0.2), 40.0, 220.0))
        free = max(60.0, W - out_w - in_side - 8)
        spacing = free * 0.45 / (len(hidden) + 1)
        hid_w_total = free - spacing * (len(hidden) + 1)
        weights_w = [math.sqrt(n) for n in hidden]
        x = 4.0
        self._input_rect = QRectF(x, top + (avail_h - in_side) / 2, in_side, in_side)
        x += in_side + spacing
        self._cells = {}
        self._columns: list[QRectF] = []
        self._spacing = spacing
        self._grids: dict[int, tuple[QRectF, CellGrid]] = {}
        for li, n in enumerate(hidden, start=1):
            cw = hid_w_total * weights_w[li - 1] / sum(weights_w)
            rows, cols, side = cell_grid(n, cw, avail_h)
            side = float(max(1, math.floor(min(side, 26.0))))          # whole pixels: crisp cells
            gw, gh = cols * side, rows * side
            x0 = math.floor(x + (cw - gw) / 2)
            y0 = math.floor(top + (avail_h - gh) / 2)
            rects = []
            for u in range(n):
                r, c = divmod(u, cols)
                rects.append(QRectF(x0 + c * side, y0 + r * side, side, side))
            self._cells[li] = rects
            old = self._grid_cache.get(li)
            grid = old if old is not None and old.key == (n, rows, cols, int(side)) else \
                CellGrid(n, rows, cols, int(side))
            self._grid_cache[li] = grid
            self._grids[li] = (QRectF(x0, y0, gw, gh), grid)
            self._columns.append(QRectF(x, top, cw, avail_h))
            x += cw + spacing
        row_h = min(avail_h / n_out, 28.0)
        y0 = top + (avail_h - row_h * n_out) / 2
        ox = W - out_w - 4
        self._cells[len(sizes) - 1] = [QRectF(ox, y0 + k * row_h, out_w, row_h) for k in range(n_out)]
        self._columns.append(QRectF(ox, top, out_w, avail_h))

    def ensure_layout(self) -> bool:
        """Lay out the cells for the current snapshot and size; False when there is nothing to draw."""
        snap = self.state.snapshot
        if snap is None:
            self._cells = {}
            return False
        key = (tuple(snap.sizes), self.width(), self.height())
        if key != getattr(self, "_layout_key", None):
            self._layout(tuple(snap.sizes))
            self._layout_key = key
        return True

    def cell_rect(self, layer: int, unit: int) -> QRectF:
        """Where a hidden unit's cell or an output class's row is drawn (widget coordinates)."""
        self.ensure_layout()
        return self._cells[layer][unit]

    def cell_center(self, layer: int, unit: int) -> QPointF:
        if layer == 0:
            r = self._input_rect
            row, col = divmod(unit, 28)
            return QPointF(r.left() + (col + 0.5) * r.width() / 28, r.top() + (row + 0.5) * r.height() / 28)
        rect = self._cells[layer][unit]
        if layer == max(self._cells):          # output row: connect at its left edge
            return QPointF(rect.left() + 2, rect.center().y())
        return rect.center()

    def hit(self, pos: QPointF) -> tuple[int, int] | None:
        if self.state.trace is None or not self.ensure_layout():
            return None
        for layer, rects in self._cells.items():
            for u, r in enumerate(rects):
                if r.contains(pos):
                    return layer, u
        return None

    # -------------------------------------------------------------- paint
    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        snap, trace = self.state.snapshot, self.state.trace
        pal = self.palette()
        if snap is None or trace is None:
            p.setPen(pal.placeholderText().color())
            msg = ("No network yet: press Start or open a model." if snap is None else
                   "Draw a digit on the pad, or choose a validation or test image as the probe.")
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, msg)
            p.end()
            return
        sizes = tuple(snap.sizes)
        self.ensure_layout()
        out_layer = len(sizes) - 1
        sel = self.state.selection
        if sel is None or sel[0] < 1 or sel[0] > out_layer or sel[1] >= sizes[sel[0]]:
            sel = (out_layer, int(np.argmax(trace.probabilities)))
        self._paint_dense_edges(p, snap, trace, sizes)
        self._paint_input(p, snap, trace, sel)
        self._paint_hidden(p, snap, trace, sizes, sel)
        self._paint_output(p, trace, sel)
        self._paint_selected_edges(p, snap, trace, sel)
        self._paint_titles(p, sizes)
        p.end()
        self.paints += 1

    def _paint_titles(self, p: QPainter, sizes) -> None:
        fm = p.fontMetrics()
        p.setPen(self.palette().text().color())
        bold = QFont(p.font())
        bold.setBold(True)
        p.setFont(bold)
        r = self._input_rect
        p.drawText(QRectF(r.left(), 0, r.width() + 40, fm.height() + 4), Qt.AlignmentFlag.AlignLeft,
                   "Input")
        names = [f"Hidden {i} \u00b7 {n}" for i, n in enumerate(sizes[1:-1], start=1)] + ["Output"]
        for col, name in zip(self._columns, names):
            p.drawText(QRectF(col.left() - 20, 0, col.width() + 40, fm.height() + 4),
                       Qt.AlignmentFlag.AlignHCenter, name)
        p.setFont(QFont(self.font()))

    def _paint_input(self, p: QPainter, snap, trace, sel) -> None:
        """The probe image; with a first-layer unit selected, its contributions x_i * W[i, j] instead."""
        x = np.asarray(trace.input)
        caption = self.state.probe_source or "session probe"
        if sel[0] == 1:
            c = contributions(trace, snap, 1, sel[1]).reshape(28, 28)
            lim = symmetric_limit(c)
            image = rgba_image(map_values(c, -lim, lim, DIVERGING))
            caption = f"ink \u00d7 weight into unit {sel[1]}"
        else:
            if self._input_src is not trace.input:
                self._input_image = gray_image(unit_float_to_gray(x.reshape(28, 28)))
                self._input_src = trace.input
            image = self._input_image
        p.save()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(self._input_rect, image)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(self._input_rect)
        p.restore()
        fm = p.fontMetrics()
        p.setPen(self.palette().placeholderText().color())
        p.drawText(QRectF(self._input_rect.left(), self._input_rect.bottom() + 2,
                          self._input_rect.width() + 60, fm.height() + 2), Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(caption, Qt.TextElideMode.ElideRight, int(self._input_rect.width() + 40)))

    def dead_colors(self) -> tuple[QColor, QColor, QColor]:
        """(fill, hatch, outline) of a dead unit's cell: the panel's background, grey lines and frame."""
        return self.palette().window().color(), QColor(150, 150, 150), self.DEAD_COLOR

    def _paint_hidden(self, p: QPainter, snap, trace, sizes, sel) -> None:
        """Each hidden layer as one image of its cells (one gather, one drawImage), then captions."""
        dead = self.state.dead
        signed = snap.activation in ("tanh", "leaky_relu")
        pal = self.palette()
        fm = p.fontMetrics()
        fill, hatch, border = (_argb(c) for c in self.dead_colors())
        p.save()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        for li in range(1, len(sizes) - 1):
            a = np.asarray(trace.activations[li - 1], dtype=np.float32)
            if signed:
                lim = symmetric_limit(a)
                lo, hi, lut = -lim, lim, DIVERGING_ARGB
            else:
                lo, hi, lut = 0.0, max(float(np.max(a)), 1e-6), SEQUENTIAL_ARGB
            dmask = dead[li - 1] if dead is not None and len(dead) >= li and len(dead[li - 1]) == len(a) else None
            target, grid = self._grids[li]
            image = argb_image(grid.render(lut[lut_indices(a, lo, hi)], dmask, fill, hatch, border))
            p.drawImage(target, image)
            if sel[0] == li:
                p.setPen(QPen(HIGHLIGHT, 2.5))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(self._cells[li][sel[1]].adjusted(-1, -1, 1, 1))
            # caption: scale and dead count
            col = self._columns[li - 1]
            n_dead = int(dmask.sum()) if dmask is not None else 0
            active = int(np.count_nonzero(a > 0)) if not signed else None
            lines = [f"{active}/{len(a)} on" if active is not None else f"{len(a)} units",
                     f"{n_dead} dead" if n_dead else "",
                     f"0\u2026{hi:.2g}" if not signed else f"\u00b1{hi:.2g}"]
            p.setPen(pal.placeholderText().color())
            sp = self._spacing * 0.9
            cap_rect = QRectF(col.left() - sp / 2, col.bottom() + 2, col.width() + sp, 3 * fm.height() + 2)
            p.drawText(cap_rect, Qt.AlignmentFlag.AlignHCenter, "\n".join(x for x in lines if x))
        p.restore()

    def _paint_output(self, p: QPainter, trace, sel) -> None:
        probs = np.asarray(trace.probabilities, dtype=np.float64)
        logits = np.asarray(trace.logits, dtype=np.float64)
        rects = self._cells[max(self._cells)]
        best = int(np.argmax(probs))
        pal = self.palette()
        fm = p.fontMetrics()
        names = self._class_names(len(probs))
        label_w = max(fm.horizontalAdvance(n) for n in names) + 6
        logit_w = fm.horizontalAdvance("\u221288.8") + 6
        pct_w = fm.horizontalAdvance("100%") + 6
        vcenter = Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
        backs, bars = [], []
        for k, r in enumerate(rects):                    # bars: two batched calls and one fill
            y, h = r.top(), r.height()
            bar_x = r.left() + label_w + logit_w
            bar_w = max(10.0, r.right() - bar_x - pct_w)
            backs.append(QRectF(bar_x, y + h * 0.2, bar_w, h * 0.6))
            bars.append(QRectF(bar_x, y + h * 0.2, bar_w * float(probs[k]), h * 0.6))
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.alternateBase().color())
        p.drawRects(backs)
        p.setBrush(pal.mid().color())
        p.drawRects(bars[:best] + bars[best + 1:])
        p.fillRect(bars[best], QColor(46, 134, 222))
        p.restore()
        text, faint = pal.text().color(), pal.placeholderText().color()
        for k, r in enumerate(rects):
            y, h = r.top(), r.height()
            if k == best:
                p.setFont(self._bold)
            p.setPen(text)
            p.drawText(QRectF(r.left(), y, label_w, h), vcenter, names[k])
            if k == best:
                p.setFont(self.font())
            p.drawText(QRectF(backs[k].right() + 3, y, r.right() - backs[k].right(), h), vcenter,
                       f"{probs[k] * 100:.0f}%")
            p.setPen(faint)
            p.drawText(QRectF(r.left() + label_w, y, logit_w - 4, h), right,
                       f"{logits[k]:+.1f}".replace("-", "\u2212"))
        if sel[0] == max(self._cells):
            p.setPen(QPen(HIGHLIGHT, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rects[sel[1]].adjusted(-2, 0, 2, 0), 3, 3)
        p.setFont(QFont(self.font()))
        col = self._columns[-1]
        p.setPen(pal.placeholderText().color())
        p.drawText(QRectF(col.left(), col.bottom() + 2, col.width(), fm.height() + 2),
                   Qt.AlignmentFlag.AlignHCenter, "logit \u00b7 softmax probability")

    def _class_names(self, n: int) -> list[str]:
        data = self.state.data
        names = list(getattr(getattr(data, "dataset", None), "class_names", ()) or ())
        if len(names) != n:
            return [str(k) for k in range(n)]
        return [x if len(x) <= 8 else x[:7] + "\u2026" for x in names]

    def _edge_pen(self, c: float, scale: float, alpha: int, max_w: float) -> QPen:
        color = QColor(214, 60, 50, alpha) if c > 0 else QColor(40, 110, 200, alpha)
        pen = QPen(color, max(0.6, max_w * min(1.0, abs(c) / scale)))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)          # cheaper to rasterise than round caps
        return pen

    def _paint_dense_edges(self, p: QPainter, snap, trace, sizes) -> None:
        """Every connection between consecutive small layers, faint, coloured by contribution."""
        for li in range(2, len(sizes)):
            n_in, n_out = sizes[li - 1], sizes[li]
            if n_in * n_out > ALL_EDGES_MAX:
                continue
            c = np.asarray(trace.activations[li - 2], np.float32)[:, None] * snap.weights[li - 1]
            scale = symmetric_limit(c)
            for i in range(n_in):
                a = self.cell_center(li - 1, i)
                for j in range(n_out):
                    v = float(c[i, j])
                    if abs(v) < scale * 0.05:
                        continue
                    p.setPen(self._edge_pen(v, scale, 60, 2.0))
                    p.drawLine(a, self.cell_center(li, j))

    def _paint_selected_edges(self, p: QPainter, snap, trace, sel) -> None:
        layer, unit = sel
        c = contributions(trace, snap, layer, unit)
        order = np.argsort(-np.abs(c))[:TOP_K]
        scale = float(np.abs(c[order[0]])) if len(order) and c[order[0]] != 0 else 1.0
        dst = self.cell_center(layer, unit)
        for i in order[::-1]:
            v = float(c[i])
            if v == 0:
                continue
            src = self.cell_center(layer - 1, int(i))
            pen = self._edge_pen(v, scale, 255, 3.5 if layer > 1 else 1.5)
            p.setPen(pen)
            p.drawLine(src, dst)
            p.setPen(QPen(pen.color(), 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            if layer == 1:
                p.drawEllipse(src, 2.5, 2.5)
            else:
                side = self._cells[layer - 1][int(i)].width()
                p.drawRect(QRectF(src.x() - side / 2 + 1, src.y() - side / 2 + 1, side - 2, side - 2))

    # -------------------------------------------------------------- mouse
    def mouseMoveEvent(self, event):
        hit = self.hit(event.position())
        text = self.describe(*hit) if hit else ""
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.hit(event.position())
            if hit:
                self.unit_clicked.emit(*hit)

    def describe(self, layer: int, unit: int) -> str:
        """Tooltip text for a unit: pre-activation, activation, dead status."""
        snap, trace = self.state.snapshot, self.state.trace
        if snap is None or trace is None:
            return ""
        z = float(trace.pre_activations[layer - 1][unit])
        if layer == len(snap.sizes) - 1:
            pr = float(trace.probabilities[unit])
            return f"Class {self._class_names(snap.sizes[-1])[unit]}: logit {z:+.3f}, probability {pr:.1%}"
        a = float(trace.activations[layer - 1][unit])
        text = f"Hidden layer {layer}, unit {unit}: z = {z:+.3f}, activation {a:.3f}"
        dead = self.state.dead
        if dead is not None and len(dead) >= layer and bool(dead[layer - 1][unit]):
            text += "\nDead: never active on the held-out reference images (no gradient reaches it)"
        return text


class ActivationsView(QWidget):
    """Probe chooser, the network diagram, and the selected unit's sum spelled out."""

    SOURCES = (("Drawing pad", "pad"), ("Validation image", "validation"), ("Test image", "test"))

    def __init__(self, state, parent=None, rng: np.random.Generator | None = None):
        super().__init__(parent)
        self.state = state
        self.rng = rng                      # created on first use (numpy.random is slow to import)

        self.source = QComboBox()
        for text, key in self.SOURCES:
            self.source.addItem(text, key)
        self.source.setToolTip("Which input the network is shown: your drawing on the pad, or an "
                               "image held out from training (validation) or from the test set.")
        self.index = QSpinBox()
        self.index.setPrefix("#")
        self.index.setRange(0, 0)
        self.index.setToolTip("Index of the image in the chosen set")
        self.random_button = QPushButton("Random")
        self.random_button.setToolTip("Pick another image of the chosen set at random")
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.index.valueChanged.connect(lambda _v: self._apply_source())
        self.random_button.clicked.connect(self.next_random)

        top = QHBoxLayout()
        top.addWidget(QLabel("Probe:"))
        top.addWidget(self.source)
        top.addWidget(self.index)
        top.addWidget(self.random_button)
        self.legend = QLabel("<span style='color:gray'>click a unit to trace its inputs</span>")
        self.legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.legend, 1)

        self.diagram = NetworkDiagram(state, self)
        self.diagram.unit_clicked.connect(self._on_unit_clicked)
        self.sum_label = LiveLabel(lines=2)      # changes with every snapshot: no window re-layout

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.diagram, 1)
        layout.addWidget(self.sum_label)

        self._lazy = LazyRefresh(self, self._refresh)     # hidden: catch up when shown again
        state.trace_changed.connect(self._on_trace)
        # bound methods, not lambdas: Qt drops these connections when the view is deleted
        state.selection_changed.connect(self._on_trace)
        state.dead_changed.connect(self._on_dead)
        state.data_changed.connect(self._on_data)
        state.probe_changed.connect(self._on_probe_changed)
        self._on_data(state.data)
        self._on_trace(state.trace)

    # ---------------------------------------------------------------- probe
    def source_key(self) -> str:
        return self.source.currentData()

    def _set_images(self, key: str):
        """(images (N,28,28) uint8, labels (N,)) of "validation"/"test", or (None, None)."""
        bundle = self.state.data
        if bundle is None:
            return None, None
        if key == "test":
            ds = bundle.dataset
            return getattr(ds, "x_test", None), getattr(ds, "y_test", None)
        if key == "validation":
            return bundle.x_val, bundle.y_val
        return None, None

    def _on_data(self, bundle) -> None:
        for row, (_, key) in enumerate(self.SOURCES):
            if key != "pad":
                images, _ = self._set_images(key)
                self.source.model().item(row).setEnabled(images is not None and len(images) > 0)
        if bundle is not None and self.source_key() == "pad" and self.state.pad_input is None:
            self.source.setCurrentIndex(1)           # something to look at before anything is drawn
        else:
            self._on_source_changed()

    def _on_probe_changed(self, kind: str) -> None:
        """Someone else chose the probe (drawing on the pad makes it the probe): show whose it is."""
        keys = [k for _, k in self.SOURCES]
        if kind in keys and kind != self.source_key():
            self.source.blockSignals(True)
            self.source.setCurrentIndex(keys.index(kind))
            self.source.blockSignals(False)
            self._update_index_range()

    def show_image(self, key: str, i: int) -> None:
        """Make image ``i`` of the "validation" or "test" set the probe."""
        row = [k for _, k in self.SOURCES].index(key)
        self.source.blockSignals(True)
        self.source.setCurrentIndex(row)
        self.source.blockSignals(False)
        self._on_source_changed(index=int(i))

    def next_random(self) -> None:
        images, _ = self._set_images(self.source_key())
        if images is None or len(images) == 0:
            return
        if self.rng is None:
            self.rng = np.random.default_rng()
        self.index.setValue(int(self.rng.integers(len(images))))

    def _on_source_changed(self, *_args, index: int | None = None) -> None:
        self._update_index_range(index)
        self._apply_source()

    def _update_index_range(self, index: int | None = None) -> None:
        """The index box and Random button follow the chosen set (disabled for the pad)."""
        key = self.source_key()
        images, _ = self._set_images(key)
        on_set = key != "pad" and images is not None and len(images) > 0
        self.index.setEnabled(on_set)
        self.random_button.setEnabled(on_set)
        self.index.blockSignals(True)
        if on_set:                          # (the pad keeps the index for when the set is chosen again)
            self.index.setRange(0, len(images) - 1)
        if index is not None:
            self.index.setValue(index)
        self.index.blockSignals(False)

    def _apply_source(self) -> None:
        from visualizer.core.dataset import as_inputs

        key = self.source_key()
        if key == "pad":
            self.state.use_pad()
            return
        images, labels = self._set_images(key)
        if images is None or len(images) == 0:
            return
        i = min(self.index.value(), len(images) - 1)
        names = list(self.state.data.class_names)
        self.state.set_probe(as_inputs(images[i]), f"{key} #{i} \u00b7 true {names[int(labels[i])]}", key)

    # --------------------------------------------------------------- render
    def _on_unit_clicked(self, layer: int, unit: int) -> None:
        if self.state.selection == (layer, unit):
            self.state.select(None)
        else:
            self.state.select(layer, unit)

    def _on_trace(self, _trace) -> None:
        self._lazy.request()

    def _on_dead(self, _masks) -> None:
        self.diagram.update()                   # painted only when shown

    def exposed(self, visible: bool = True) -> None:
        """The view's dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def _refresh(self) -> None:
        """Repaint the diagram and spell out the selected unit's sum (only while shown)."""
        self._lazy.dirty = False
        self.diagram.update()
        self.sum_label.setText(self.sum_text())

    def sum_text(self) -> str:
        """The selected unit's pre-activation as bias + strongest contributions (rich text)."""
        snap, trace = self.state.snapshot, self.state.trace
        if snap is None or trace is None:
            return ""
        out_layer = len(snap.sizes) - 1
        sel = self.state.selection
        if sel is None or not 1 <= sel[0] <= out_layer or sel[1] >= snap.sizes[sel[0]]:
            sel = (out_layer, int(np.argmax(trace.probabilities)))
        layer, unit = sel
        c = contributions(trace, snap, layer, unit)
        b = float(snap.biases[layer - 1][unit])
        z = float(trace.pre_activations[layer - 1][unit])
        pos, neg = float(c[c > 0].sum()), float(c[c < 0].sum())
        if layer == out_layer:
            who = f"class {self.diagram._class_names(snap.sizes[-1])[unit]} (logit)"
            src = "hidden unit" if out_layer > 1 else "pixel"
        else:
            who = f"hidden {layer} unit {unit}"
            src = "pixel" if layer == 1 else "unit"
        order = np.argsort(-np.abs(c))[:3]
        terms = " ".join(
            f"<span style='color:{'#d63c32' if c[i] > 0 else '#286ec8'}'>{'+' if c[i] > 0 else MINUS}"
            f"{abs(float(c[i])):.2f}</span><span style='color:gray'>({src} {int(i)})</span>"
            for i in order if c[i] != 0)
        return (f"<b>{who}</b>: z = bias {b:+.2f} + "
                f"<span style='color:#d63c32'>{pos:+.2f}</span> from raising inputs "
                f"<span style='color:#286ec8'>{neg:+.2f}</span> from lowering ones = <b>{z:+.2f}</b>"
                f" &nbsp;\u00b7&nbsp; strongest: {terms}").replace("+-", "\u2212").replace("-", "\u2212")
