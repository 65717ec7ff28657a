"""The connections drawn in the activations diagram, coloured by what flows through them.

A connection i -> j carries the contribution ``a_i * W[i, j]`` of unit i to
unit j's pre-activation (red raises it, blue lowers it, width by size).
Between two small layers every connection is drawn faintly; for the selected
unit its ``TOP_K`` strongest incoming ones are drawn boldly.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from .colormap import symmetric_limit

TOP_K = 12                 # contributions drawn for the selected unit
ALL_EDGES_MAX = 600        # draw every connection between two layers when n_in * n_out <= this


def contributions(trace, snapshot, layer: int, unit: int) -> np.ndarray:
    """Incoming contributions a_i * W[i, unit] to ``unit`` of ``layer`` (1-based; inputs for layer 1)."""
    source = trace.input if layer == 1 else trace.activations[layer - 2]     # (n_in,)
    return np.asarray(source, dtype=np.float32) * snapshot.weights[layer - 1][:, unit]


def edge_pen(c: float, scale: float, alpha: int, max_w: float) -> QPen:
    """Red for a positive contribution, blue for a negative one, as wide as its share of ``scale``."""
    color = QColor(214, 60, 50, alpha) if c > 0 else QColor(40, 110, 200, alpha)
    pen = QPen(color, max(0.6, max_w * min(1.0, abs(c) / scale)))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)          # cheaper to rasterise than round caps
    return pen


def paint_dense_edges(p: QPainter, center, snap, trace, sizes) -> None:
    """Every connection between consecutive small layers, faint; ``center(layer, unit)`` -> QPointF."""
    for li in range(2, len(sizes)):
        n_in, n_out = sizes[li - 1], sizes[li]
        if n_in * n_out > ALL_EDGES_MAX:
            continue
        c = np.asarray(trace.activations[li - 2], np.float32)[:, None] * snap.weights[li - 1]   # (n_in, n_out)
        scale = symmetric_limit(c)
        for i in range(n_in):
            a = center(li - 1, i)
            for j in range(n_out):
                v = float(c[i, j])
                if abs(v) < scale * 0.05:
                    continue
                p.setPen(edge_pen(v, scale, 60, 2.0))
                p.drawLine(a, center(li, j))


def paint_selected_edges(p: QPainter, center, cells, snap, trace, sel) -> None:
    """The selected unit's strongest incoming connections, each source marked (a dot on the input)."""
    layer, unit = sel
    c = contributions(trace, snap, layer, unit)
    order = np.argsort(-np.abs(c))[:TOP_K]
    scale = float(np.abs(c[order[0]])) if len(order) and c[order[0]] != 0 else 1.0
    dst = center(layer, unit)
    for i in order[::-1]:
        v = float(c[i])
        if v == 0:
            continue
        src = center(layer - 1, int(i))
        pen = edge_pen(v, scale, 255, 3.5 if layer > 1 else 1.5)
        p.setPen(pen)
        p.drawLine(src, dst)
        p.setPen(QPen(pen.color(), 1.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        if layer == 1:
            p.drawEllipse(src, 2.5, 2.5)
        else:
            side = cells[layer - 1][int(i)].width()
            p.drawRect(QRectF(src.x() - side / 2 + 1, src.y() - side / 2 + 1, side - 2, side - 2))
