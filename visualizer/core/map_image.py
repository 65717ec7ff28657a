"""The map of a hidden layer as a picture, without Qt: one coloured dot per image.

    render_map(points, labels, n_classes, side=SIDE) -> (side, side, 3) uint8 RGB

What ``visualizer map --png`` writes (``core.png``): white background, the
points (N, 2) scaled to fill the square with a margin (x to the right, y
upwards), each a filled disc of radius ``DOT`` pixels in its class's colour
(``class_colour``, the colours the app's Map view uses), drawn in order, and a
row of legend swatches along the bottom, one per class in class order.
"""

from __future__ import annotations

import colorsys

import numpy as np

SIDE = 600
DOT = 3
MARGIN = 24
CLASS_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def class_colour(k: int, n_classes: int) -> str:
    """"#rrggbb" of class ``k``: ten distinct colours for up to ten classes, evenly spread hues beyond."""
    if n_classes <= len(CLASS_COLOURS):
        return CLASS_COLOURS[k]
    r, g, b = colorsys.hsv_to_rgb(k / n_classes, 0.75, 0.85)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], np.uint8)


def render_map(points: np.ndarray, labels: np.ndarray, n_classes: int, side: int = SIDE) -> np.ndarray:
    """The picture described in the module doc; (side, side, 3) uint8."""
    img = np.full((side, side, 3), 255, np.uint8)
    pts = np.asarray(points, np.float64).reshape(-1, 2)
    labels = np.asarray(labels, np.int64).reshape(-1)
    inner = side - 2 * MARGIN - 2 * DOT
    if len(pts):
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        scale = inner / np.maximum(hi - lo, 1e-12)
        cols = np.rint(MARGIN + DOT + (pts[:, 0] - lo[0]) * scale[0]).astype(np.int64)
        rows = np.rint(side - MARGIN - DOT - (pts[:, 1] - lo[1]) * scale[1]).astype(np.int64)  # y upwards
        dy, dx = np.mgrid[-DOT:DOT + 1, -DOT:DOT + 1]
        disc = dy * dy + dx * dx <= DOT * DOT                                       # (2D+1, 2D+1)
        palette = np.stack([_rgb(class_colour(c, n_classes)) for c in range(n_classes)])   # (K, 3)
        for oy, ox in zip(dy[disc], dx[disc]):
            img[np.clip(rows + oy, 0, side - 1), np.clip(cols + ox, 0, side - 1)] = palette[labels]
    width = max(4, (side - 2 * MARGIN) // max(1, n_classes))
    for c in range(n_classes):                                                     # the legend swatches
        x0 = MARGIN + c * width
        img[side - MARGIN + 6:side - 6, x0 + 2:x0 + width - 2] = _rgb(class_colour(c, n_classes))
    return img
