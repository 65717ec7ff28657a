"""First-layer weights as tiles: column ``W[:, j]`` (784,) of unit j reshaped to 28x28, composed into one image.

All tiles of a page are composed with NumPy into one ARGB32 array: one gather
through a pixel map cached per grid shape (``TileComposer``), drawn as one
QImage whatever the width. Blue is negative, red positive, white zero
(symmetric about zero); per-tile scaling divides every tile by its own max |w|.
"""

from __future__ import annotations

import math

import numpy as np

from .colormap import DIVERGING, argb_lut, lut_indices, map_values, symmetric_limit

GAP = 1                  # transparent pixels between tiles (image pixels)
DIVERGING_ARGB = argb_lut(DIVERGING)


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
