"""The activations diagram: every layer's values for the probe, drawn with QPainter.

Left to right: the 28x28 input, each hidden layer as a grid of cells coloured
by activation (units never active on held-out images are grey and hatched),
then the output classes with their logits and softmax probabilities. Where
each part goes is ``diagram_layout``'s business, its titles and tooltips
``diagram_texts``'; this module paints it and answers the mouse.

The selected unit (the predicted class by default) shows its incoming
contributions ``a_i * W[i, j]``: the strongest are drawn as lines (``diagram_edges``)
(red raises the unit, blue lowers it, width by size). For a first-layer unit
the input square tints the digit by each pixel's contribution (the digit
stays visible). Small layers draw every connection faintly.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..i18n import tr
from .cellgrid import CellGrid
from .colormap import DIVERGING, SEQUENTIAL, argb_lut, lut_indices, symmetric_limit, tint_gray
from .diagram_edges import contributions, paint_dense_edges, paint_selected_edges
from .diagram_layout import MIN_ROW_FOR_TEXT, diagram_layout, fit_text
from .diagram_texts import column_titles, describe_unit
from .qtimage import argb_image, gray_image, rgba_image, unit_float_to_gray

HIGHLIGHT = QColor(255, 170, 0)
DIVERGING_ARGB = argb_lut(DIVERGING)
SEQUENTIAL_ARGB = argb_lut(SEQUENTIAL)


def _argb(color: QColor) -> int:
    """An opaque QColor -> 0xAARRGGBB."""
    return (0xFF << 24) | (color.red() << 16) | (color.green() << 8) | color.blue()


class NetworkDiagram(QWidget):
    """The QPainter drawing of all layers for one trace."""

    unit_clicked = Signal(int, int)        # layer, unit
    unit_context = Signal(int, int, object)   # layer, unit right-clicked, global QPoint of the click
    EDIT_COLOR = QColor(230, 80, 20)       # the cross or frame of a unit switched off or scaled
    DEAD_COLOR = QColor(120, 120, 120)

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setMouseTracking(True)
        self.setMinimumSize(300, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._cells: dict[int, list[QRectF]] = {}      # layer -> rect per unit (hidden and output)
        self._input_rect = QRectF()
        self._input_image: QImage | None = None
        self._input_src = None
        self._grid_cache: dict[int, CellGrid] = {}
        self._grids: dict[int, tuple[QRectF, CellGrid]] = {}
        self.paints = 0

    @property
    def _bold(self) -> QFont:
        """The widget's font as it is now (projector mode enlarges it), in bold: titles and the top class."""
        font = QFont(self.font())
        font.setBold(True)
        return font

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    # ------------------------------------------------------------- geometry
    def _layout(self, sizes) -> None:
        """Compute the input square, the cell rects of each hidden layer and the output rows."""
        lay = diagram_layout(sizes, self.width(), self.height(), self.fontMetrics(),
                             self._class_names(sizes[-1]), QFontMetrics(self._bold))
        self._input_rect, self._cells, self._spacing = lay.input_rect, lay.cells, lay.spacing
        self._columns, self._caption_lines, self._out_label_w = list(lay.columns), lay.caption_lines, lay.out_label_w
        self._grids = {}
        for li, (rect, rows, cols, side) in lay.grids.items():
            old = self._grid_cache.get(li)
            grid = old if old is not None and old.key == (sizes[li], rows, cols, side) else \
                CellGrid(sizes[li], rows, cols, side)
            self._grid_cache[li] = grid
            self._grids[li] = (rect, grid)

    def ensure_layout(self) -> bool:
        """Lay out the cells for the current snapshot and size; False when there is nothing to draw."""
        snap = self.state.snapshot
        if snap is None:
            self._cells = {}
            return False
        key = (tuple(snap.sizes), self.width(), self.height(), tuple(self._class_names(snap.sizes[-1])),
               self.font().key())
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
            msg = (tr("No network yet: press Start or open a model.") if snap is None else
                   tr("Draw a digit on the pad, or choose a validation or test image as the probe."))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, msg)
            p.end()
            return
        sizes = tuple(snap.sizes)
        self.ensure_layout()
        out_layer = len(sizes) - 1
        sel = self.state.selection
        if sel is None or sel[0] < 1 or sel[0] > out_layer or sel[1] >= sizes[sel[0]]:
            sel = (out_layer, int(np.argmax(trace.probabilities)))
        paint_dense_edges(p, self.cell_center, snap, trace, sizes)
        self._paint_input(p, snap, trace, sel)
        self._paint_hidden(p, snap, trace, sizes, sel)
        self._paint_output(p, trace, sel)
        paint_selected_edges(p, self.cell_center, self._cells, snap, trace, sel)
        self._paint_titles(p, sizes)
        p.end()
        self.paints += 1

    def text_slots(self) -> list[QRectF]:
        """Per column (input, hidden layers, output), the horizontal band its title and captions may
        use: the column plus half the gap to each neighbour, so that no two texts meet."""
        half = self._spacing * 0.45
        r = self._input_rect
        slots = [QRectF(r.left(), 0, r.width() + half, self.height())]
        slots += [QRectF(c.left() - half, 0, c.width() + 2 * half, self.height()) for c in self._columns[:-1]]
        out = self._columns[-1]
        return slots + [QRectF(out.left() - half, 0, out.width() + half, self.height())]

    def title_items(self, sizes) -> list[tuple[QRectF, str]]:
        """(rect, text) of each column title: "Input", "Hidden 1 · 128" ... "Output", shortened to fit."""
        fm = QFontMetrics(self._bold)
        items = []
        for column, (slot, names) in enumerate(zip(self.text_slots(), column_titles(sizes))):
            text = fit_text(fm, names, slot.width())
            w = fm.horizontalAdvance(text)
            x = slot.left() if column == 0 else slot.center().x() - w / 2
            items.append((QRectF(x, 0, w, fm.height() + 4), text))
        return items

    def title_tip(self, pos: QPointF) -> str:
        """The whole title of the column whose title, shortened to fit, is at ``pos``; else ""."""
        snap = self.state.snapshot
        if snap is None or not self.ensure_layout():
            return ""
        sizes = tuple(snap.sizes)
        shown = self.title_items(sizes)
        for slot, (rect, text), names in zip(self.text_slots(), shown, column_titles(sizes)):
            if text != names[0] and QRectF(slot.left(), 0, slot.width(), rect.height()).contains(pos):
                return names[0]
        return ""

    def _paint_titles(self, p: QPainter, sizes) -> None:
        p.setPen(self.palette().text().color())
        p.setFont(self._bold)
        for rect, text in self.title_items(sizes):
            p.drawText(rect, Qt.AlignmentFlag.AlignLeft, text)
        p.setFont(self.font())

    def _paint_input(self, p: QPainter, snap, trace, sel) -> None:
        """The probe image; with a first-layer unit selected, tinted by each pixel's x_i * W[i, j]."""
        caption = self.state.probe_source or tr("probe")
        if sel[0] == 1:
            c = contributions(trace, snap, 1, sel[1]).reshape(28, 28)
            image = rgba_image(tint_gray(np.asarray(trace.input).reshape(28, 28), c, symmetric_limit(c)))
            caption = tr("ink \u00d7 weight into unit {unit}").format(unit=sel[1])
        else:
            if self._input_src is not trace.input:
                self._input_image = gray_image(unit_float_to_gray(np.asarray(trace.input).reshape(28, 28)))
                self._input_src = trace.input
            image = self._input_image
        p.save()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(self._input_rect, image)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(self._input_rect)
        p.restore()
        fm = p.fontMetrics()
        r = self._input_rect
        width = self.text_slots()[0].width()
        p.setPen(self.palette().placeholderText().color())
        p.drawText(QRectF(r.left(), r.bottom() + 2, width, fm.height() + 2), Qt.AlignmentFlag.AlignLeft,
                   fit_text(fm, [caption], width))

    def dead_colors(self) -> tuple[QColor, QColor, QColor]:
        """(fill, hatch, outline) of a dead unit's cell: the panel's background, grey lines and frame."""
        return self.palette().window().color(), QColor(150, 150, 150), self.DEAD_COLOR

    def _paint_hidden(self, p: QPainter, snap, trace, sizes, sel) -> None:
        """Each hidden layer as one image of its cells (one gather, one drawImage), then captions."""
        dead = self.state.dead
        signed = snap.activation in ("tanh", "leaky_relu")
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
            p.drawImage(target, argb_image(grid.render(lut[lut_indices(a, lo, hi)], dmask, fill, hatch, border)))
            if sel[0] == li:
                p.setPen(QPen(HIGHLIGHT, 2.5))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(self._cells[li][sel[1]].adjusted(-1, -1, 1, 1))
            self._paint_caption(p, li, a, dmask, hi, signed)
            self._paint_edits(p, li)
        p.restore()

    def _paint_edits(self, p: QPainter, layer: int) -> None:
        """Units switched off get a cross, scaled ones a dashed frame (``InspectorState.edits``)."""
        edits = getattr(self.state, "edits", None)
        if not edits:
            return
        for unit, scale in edits.in_layer(layer).items():
            if unit >= len(self._cells[layer]):
                continue
            r = self._cells[layer][unit].adjusted(0.5, 0.5, -1.5, -1.5)
            if scale == 0:
                p.setPen(QPen(self.EDIT_COLOR, max(1.5, r.width() / 8)))
                p.drawLine(r.topLeft(), r.bottomRight())
                p.drawLine(r.topRight(), r.bottomLeft())
            else:
                p.setPen(QPen(self.EDIT_COLOR, 1.5, Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(r)

    def caption_items(self, layer: int, a: np.ndarray, dmask, hi: float, signed: bool) -> list[tuple[QRectF, str]]:
        """(rect, text) of the lines under a hidden layer: units on, dead units, colour scale (as room allows)."""
        fm = self.fontMetrics()
        n = len(a)
        active = int(np.count_nonzero(a > 0))
        n_dead = int(dmask.sum()) if dmask is not None else 0
        first = ([tr("%n unit(s)", None, n)] if signed else
                 [tr("{active}/{n} on").format(active=active, n=n), tr("{active} on").format(active=active),
                  f"{active}"])
        lines = [first, [tr("{n} dead").format(n=n_dead)] if n_dead else None,
                 [f"\u00b1{hi:.2g}"] if signed else [f"0\u2026{hi:.2g}", f"{hi:.2g}"]]
        lines = [x for x in lines if x][:self._caption_lines]
        slot, col = self.text_slots()[layer], self._columns[layer - 1]
        items = []
        for i, candidates in enumerate(lines):
            text = fit_text(fm, candidates, slot.width(), elide=False)
            w = fm.horizontalAdvance(text)
            items.append((QRectF(slot.center().x() - w / 2, col.bottom() + 2 + i * fm.height(), w, fm.height()),
                          text))
        return items

    def _paint_caption(self, p: QPainter, layer: int, a: np.ndarray, dmask, hi: float, signed: bool) -> None:
        p.setPen(self.palette().placeholderText().color())
        for rect, text in self.caption_items(layer, a, dmask, hi, signed):
            p.drawText(rect, Qt.AlignmentFlag.AlignLeft, text)

    def _row_font(self, bold: bool = False) -> QFont:
        """The font of the output rows: the widget's, smaller when the rows are shorter than a line."""
        font = QFont(self._bold if bold else self.font())
        rows = self._cells[max(self._cells)]
        h = rows[0].height() if rows else 0
        line = self.fontMetrics().height()
        if 0 < h < line:
            font.setPointSizeF(max(5.0, font.pointSizeF() * h / line))
        return font

    def _paint_output(self, p: QPainter, trace, sel) -> None:
        """The output rows: class name, logit, probability bar and percentage; then the caption."""
        probs = np.asarray(trace.probabilities, dtype=np.float64)
        rects = self._cells[max(self._cells)]
        best = int(np.argmax(probs))
        p.setFont(self._row_font())
        fm = p.fontMetrics()
        scale = fm.height() / max(1, self.fontMetrics().height())
        label_w = self._out_label_w * scale
        logit_w = fm.horizontalAdvance("\u221288.8") + 6
        pct_w = fm.horizontalAdvance("100%") + 6
        backs, bars = [], []
        for k, r in enumerate(rects):                    # bars: two batched calls and one fill
            y, h = r.top(), r.height()
            bar_x = r.left() + label_w + logit_w
            bar_w = max(10.0, r.right() - bar_x - pct_w)
            backs.append(QRectF(bar_x, y + h * 0.2, bar_w, h * 0.6))
            bars.append(QRectF(bar_x, y + h * 0.2, bar_w * float(probs[k]), h * 0.6))
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.palette().alternateBase().color())
        p.drawRects(backs)
        p.setBrush(self.palette().mid().color())
        p.drawRects(bars[:best] + bars[best + 1:])
        p.fillRect(bars[best], QColor(46, 134, 222))
        p.restore()
        if rects and rects[0].height() >= MIN_ROW_FOR_TEXT:
            self._paint_output_text(p, trace, rects, backs, label_w, logit_w)
        if sel[0] == max(self._cells):
            p.setPen(QPen(HIGHLIGHT, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rects[sel[1]].adjusted(-2, 0, 2, 0), 3, 3)
        p.setFont(QFont(self.font()))
        fm = p.fontMetrics()
        col = self._columns[-1]
        p.setPen(self.palette().placeholderText().color())
        p.drawText(QRectF(col.left(), col.bottom() + 2, col.width(), fm.height() + 2), Qt.AlignmentFlag.AlignHCenter,
                   fit_text(fm, [tr("logit \u00b7 softmax probability"), tr("logit \u00b7 probability"),
                                 tr("logit \u00b7 p")], col.width()))

    def _paint_output_text(self, p: QPainter, trace, rects, backs, label_w: float, logit_w: float) -> None:
        """Each row's class name (the best in bold), its logit and its percentage."""
        probs, logits = trace.probabilities, trace.logits
        best = int(np.argmax(probs))
        names = self._class_names(len(probs))
        text, faint = self.palette().text().color(), self.palette().placeholderText().color()
        vcenter = Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
        plain, bold = self._row_font(), self._row_font(bold=True)
        for k, r in enumerate(rects):
            y, h = r.top(), r.height()
            p.setFont(bold if k == best else plain)
            p.setPen(text)
            p.drawText(QRectF(r.left(), y, label_w, h), vcenter, names[k])
            p.setFont(plain)
            p.drawText(QRectF(backs[k].right() + 3, y, r.right() - backs[k].right(), h), vcenter,
                       f"{float(probs[k]) * 100:.0f}%")
            p.setPen(faint)
            p.drawText(QRectF(r.left() + label_w, y, logit_w - 4, h), right,
                       f"{float(logits[k]):+.1f}".replace("-", "\u2212"))

    def _class_names(self, n: int) -> list[str]:
        """The dataset's class names in full (digits "0".."9" when there is none for n classes)."""
        data = self.state.data
        names = list(getattr(getattr(data, "dataset", None), "class_names", ()) or ())
        return [str(x) for x in names] if len(names) == n else [str(k) for k in range(n)]

    # -------------------------------------------------------------- mouse
    def mouseMoveEvent(self, event):
        hit = self.hit(event.position())
        text = self.describe(*hit) if hit else self.title_tip(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event):
        hit = self.hit(event.position())
        if not hit:
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.unit_clicked.emit(*hit)
        elif event.button() == Qt.MouseButton.RightButton:
            self.unit_context.emit(*hit, event.globalPosition().toPoint())

    def describe(self, layer: int, unit: int) -> str:
        """Tooltip text for a unit: pre-activation, activation, dead status."""
        return describe_unit(self.state, self._class_names, layer, unit)
