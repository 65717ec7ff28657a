"""Square cells in a grid as one image: a cached pixel map, then one gather per render (pure NumPy).

Used for the hidden layers of the activations view and the confusion matrix: a
hundred ``fillRect`` calls from Python cost the GUI thread (and, through the
GIL, the training thread) far more than one gather and one ``drawImage``.

Pixels are uint32 0xAARRGGBB (QImage ARGB32; opaque colours are their own
premultiplied values), see ``colormap.argb_lut`` and ``qtimage.argb_image``.
"""

from __future__ import annotations

import numpy as np

HATCH_SPACING = 4          # pixels between the diagonal lines that hatch a marked (dead) cell


class CellGrid:
    """Pixel maps of ``n`` cells (units of a layer, matrix entries) in ``rows x cols`` squares of ``side`` px.

    Cells fill the grid row by row. ``unit`` (rows*side, cols*side) intp: the cell each
    pixel shows, or ``n`` (one extra, transparent colour) for the 1-pixel gaps between
    cells (when side >= 6) and unused cells. ``hatch`` / ``border``: pixels of a cell's
    diagonal hatching and of its 1-pixel outline, used to mark dead units. Rendering is
    then one gather: ``colors[unit]``.
    """

    def __init__(self, n: int, rows: int, cols: int, side: int):
        self.key = (n, rows, cols, side)
        self.n, self.rows, self.cols, self.side = n, rows, cols, side
        gap = 1 if side >= 6 else 0
        yy, xx = np.mgrid[0:rows * side, 0:cols * side]                 # (H, W) pixel coordinates
        r, y = np.divmod(yy, side)
        c, x = np.divmod(xx, side)
        unit = r * cols + c
        inside = (x < side - gap) & (y < side - gap) & (unit < n)
        self.unit = np.where(inside, unit, n).astype(np.intp)
        self.hatch = inside & ((xx + yy) % HATCH_SPACING == 0)          # '/' lines, as BDiagPattern
        self.border = inside & ((x == 0) | (y == 0) | (x == side - gap - 1) | (y == side - gap - 1))
        self._colors = np.zeros(n + 1, dtype=np.uint32)                  # last entry stays 0

    def render(self, colors: np.ndarray, dead: np.ndarray | None, fill: int, hatch: int,
               border: int) -> np.ndarray:
        """(n,) uint32 ARGB per cell, optional (n,) bool mask of dead cells -> (H, W) uint32 ARGB image.

        Dead cells get ``fill`` with ``hatch``-coloured diagonal lines and a ``border`` frame.
        """
        self._colors[:-1] = colors
        if dead is not None and dead.any():
            self._colors[:-1][dead] = fill
            img = self._colors[self.unit]
            dead_px = np.append(dead, False)[self.unit]                  # (H, W) bool
            img[dead_px & self.hatch] = hatch
            img[dead_px & self.border] = border
            return img
        return self._colors[self.unit]
