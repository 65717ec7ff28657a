"""Where the activations diagram draws each layer: pure geometry, no painting.

``diagram_layout`` places, left to right, the 28x28 input square, one column
per hidden layer (a grid of square cells, as large as fits, in whole pixels)
and the output rows, inside a widget of a given size. Column titles sit above,
captions below. Every column gets room for its text: titles and captions are
shortened to fit (``fit_text``) rather than run into their neighbours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetrics

MAX_CELL = 26              # largest cell side of a hidden unit, pixels
MAX_ROW = 28               # tallest output row, pixels
MIN_ROW_FOR_TEXT = 9       # output rows below this many pixels get no text (the names go to the tooltip)


@dataclass(frozen=True)
class DiagramLayout:
    """The geometry of one diagram (widget coordinates).

    input_rect   the 28x28 input square
    columns      per hidden layer then the output: the column's rect (between title and captions)
    cells        layer (1..H+1) -> rect of each unit (hidden cells, output rows)
    grids        hidden layer -> (rect of its cell image, rows, cols, side in pixels)
    spacing      horizontal gap between columns
    caption_lines  lines of caption under each column (1 to 3, fewer when the widget is short)
    out_label_w  width of the class names in the output rows
    """

    input_rect: QRectF
    columns: tuple[QRectF, ...]
    cells: dict
    grids: dict
    spacing: float
    caption_lines: int
    out_label_w: float


def cell_grid(n: int, width: float, height: float) -> tuple[int, int, float]:
    """(rows, cols, cell side) placing n square cells in width x height as large as possible."""
    best = (n, 1, 0.0)
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        side = min(width / cols, height / rows)
        if side > best[2] + 1e-9:
            best = (rows, cols, side)
    return best


def fit_text(fm: QFontMetrics, candidates, width: float, elide: bool = True) -> str:
    """The first candidate that fits ``width`` pixels, else the last one elided to fit (or "" with
    ``elide=False``, or when nothing but the ellipsis would be left: the tooltip tells the rest)."""
    for text in candidates:
        if fm.horizontalAdvance(text) <= width:
            return text
    elided = fm.elidedText(candidates[-1], Qt.TextElideMode.ElideRight, max(0, int(width))) if elide else ""
    return "" if len(elided) <= 2 else elided


def output_width(fm: QFontMetrics, names, widget_width: float) -> tuple[float, float]:
    """(width of the output column, width of its class-name labels): room for every name in full."""
    label_w = max(fm.horizontalAdvance(n) for n in names) + 6 if names else 20
    text_w = label_w + fm.horizontalAdvance("\u221288.8") + 6 + fm.horizontalAdvance("100%") + 6
    return max(text_w + 24, min(widget_width * 0.3, text_w + 130)), label_w


def _hidden_cells(n: int, x: float, top: float, width: float, height: float):
    """(cell rects, image rect, rows, cols, side) of n units centred in a column."""
    rows, cols, side = cell_grid(n, width, height)
    side = float(max(1, math.floor(min(side, MAX_CELL))))          # whole pixels: crisp cells
    gw, gh = cols * side, rows * side
    x0 = math.floor(x + (width - gw) / 2)
    y0 = math.floor(top + (height - gh) / 2)
    rects = [QRectF(x0 + (u % cols) * side, y0 + (u // cols) * side, side, side) for u in range(n)]
    return rects, QRectF(x0, y0, gw, gh), rows, cols, int(side)


def diagram_layout(sizes, width: float, height: float, fm: QFontMetrics, names=(),
                   bold_fm: QFontMetrics | None = None) -> DiagramLayout:
    """Lay out a network of layer ``sizes`` (input, hidden..., output) in ``width`` x ``height``.

    ``fm`` measures the text, ``bold_fm`` the class names (the top class is bold).
    """
    line = fm.height()
    caption_lines = 3 if height >= 150 + 3 * line else (2 if height >= 120 + 2 * line else 1)
    top = line + 6                                           # column titles
    bottom = height - caption_lines * line - 4                # captions
    avail_h = max(40.0, bottom - top)
    hidden = list(sizes[1:-1])
    n_out = sizes[-1]
    out_w, label_w = output_width(bold_fm or fm, names or [str(k) for k in range(n_out)], width)
    in_side = float(min(max(min(avail_h * 0.8, width * 0.2), 40.0), 220.0))
    free = max(60.0, width - out_w - in_side - 8)
    spacing = free * (0.45 if len(hidden) <= 3 else 0.3) / (len(hidden) + 1)     # room for edges
    hid_w_total = free - spacing * (len(hidden) + 1)
    weights_w = [math.sqrt(n) for n in hidden]
    x = 4.0
    input_rect = QRectF(x, top + (avail_h - in_side) / 2, in_side, in_side)
    x += in_side + spacing
    cells, grids, columns = {}, {}, []
    for li, n in enumerate(hidden, start=1):
        cw = hid_w_total * weights_w[li - 1] / sum(weights_w)
        rects, image_rect, rows, cols, side = _hidden_cells(n, x, top, cw, avail_h)
        cells[li] = rects
        grids[li] = (image_rect, rows, cols, side)
        columns.append(QRectF(x, top, cw, avail_h))
        x += cw + spacing
    row_h = min(avail_h / n_out, MAX_ROW)
    y0 = top + (avail_h - row_h * n_out) / 2
    ox = width - out_w - 4
    cells[len(sizes) - 1] = [QRectF(ox, y0 + k * row_h, out_w, row_h) for k in range(n_out)]
    columns.append(QRectF(ox, top, out_w, avail_h))
    return DiagramLayout(input_rect, tuple(columns), cells, grids, spacing, caption_lines, label_w)
