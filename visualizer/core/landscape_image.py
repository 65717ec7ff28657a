"""The loss landscape as a picture, drawn with NumPy alone: an (H, W, 3) uint8 RGB array.

    pixels = render(loss, alphas, betas, trajectory=None)
    png.write_png("land.png", pixels)

What is drawn: the loss over the grid (``loss[i, j]`` at ``alphas[i]``,
``betas[j]``) as a heatmap, interpolated bilinearly between grid points, with
alpha growing to the right and beta upwards; the colour follows log(loss) from
dark purple (lowest) to yellow (highest), like viridis; white contour lines at
``levels`` loss values evenly spaced in log(loss); a white square ringed in
black at (0, 0), the current weights; with a ``trajectory`` ((m, 2)
coordinates, oldest first), the path in white with a dot per point. Tick labels give both axes' ends and the
colour bar's lowest and highest loss, in a 3x5 pixel font drawn here. Points
not computed (NaN) show as the highest colour.
"""

from __future__ import annotations

import numpy as np

# viridis at nine evenly spaced stops: low -> high
_STOPS = np.array([(68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
                   (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37)], np.float64)
BACKGROUND = (255, 255, 255)
INK = (40, 40, 40)
MARGIN = (12, 70, 34, 44)          # top, right, bottom, left (pixels)
SCALE = 2                          # font pixels per glyph pixel

# a 3x5 font: each glyph is five rows of three bits, top row first
_FONT = {
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111", "3": "111001111001111",
    "4": "101101111001001", "5": "111100111001111", "6": "111100111101111", "7": "111001010010010",
    "8": "111101111101111", "9": "111101111001111", ".": "000000000000010", "-": "000000111000000",
    "+": "000010111010000", "e": "111101111100111", "a": "000011101101011", "l": "110010010010111",
    "p": "000111101111100", "h": "100100111101101", "b": "100100111101111", "t": "010111010010011",
    "o": "000111101101111", "s": "000011110011110", " ": "000000000000000",
}


def colours(t: np.ndarray) -> np.ndarray:
    """(..., 3) uint8 colours of values ``t`` in [0, 1] (viridis-like)."""
    x = np.clip(np.nan_to_num(t, nan=1.0), 0.0, 1.0) * (len(_STOPS) - 1)
    i = np.minimum(x.astype(int), len(_STOPS) - 2)
    f = (x - i)[..., None]
    return np.round(_STOPS[i] * (1 - f) + _STOPS[i + 1] * f).astype(np.uint8)


def upsample(grid: np.ndarray, height: int, width: int) -> np.ndarray:
    """(height, width): ``grid`` (N, M) interpolated bilinearly, axis 0 along the width
    (alpha to the right) and axis 1 upwards (beta, so row 0 of the result is the last beta)."""
    g = np.asarray(grid, np.float64)
    u = np.linspace(0, g.shape[0] - 1, width)                       # (W,) fractional alpha index
    v = np.linspace(g.shape[1] - 1, 0, height)                      # (H,) fractional beta index, top first
    i0 = np.minimum(u.astype(int), max(g.shape[0] - 2, 0))
    j0 = np.minimum(v.astype(int), max(g.shape[1] - 2, 0))
    i1, j1 = np.minimum(i0 + 1, g.shape[0] - 1), np.minimum(j0 + 1, g.shape[1] - 1)
    fu, fv = (u - i0)[None, :], (v - j0)[:, None]                   # (1, W), (H, 1)
    top = g[i0, :][:, j0].T * (1 - fu) + g[i1, :][:, j0].T * fu     # (H, W) at beta index j0
    bottom = g[i0, :][:, j1].T * (1 - fu) + g[i1, :][:, j1].T * fu
    return top * (1 - fv) + bottom * fv


def contour_mask(field: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """(H, W) bool: the pixels where ``field`` crosses one of ``levels`` (to the right or below)."""
    band = np.digitize(field, levels)
    mask = np.zeros(field.shape, bool)
    mask[:, :-1] |= band[:, :-1] != band[:, 1:]
    mask[:-1, :] |= band[:-1, :] != band[1:, :]
    return mask


def text(canvas: np.ndarray, x: int, y: int, s: str, colour=INK, anchor: str = "left") -> None:
    """Draw ``s`` with its top-left (or top-right, or top-centre) corner at pixel (x, y)."""
    width = len(s) * 4 * SCALE - SCALE
    x = x - width if anchor == "right" else x - width // 2 if anchor == "centre" else x
    for k, ch in enumerate(s):
        bits = np.array([b == "1" for b in _FONT.get(ch, _FONT[" "])]).reshape(5, 3)
        glyph = np.kron(bits, np.ones((SCALE, SCALE), bool))        # (5 * SCALE, 3 * SCALE)
        gx = x + k * 4 * SCALE
        ys, xs = np.nonzero(glyph)
        ys, xs = ys + y, xs + gx
        keep = (ys >= 0) & (ys < canvas.shape[0]) & (xs >= 0) & (xs < canvas.shape[1])
        canvas[ys[keep], xs[keep]] = colour


def label(x: float) -> str:
    """A short tick label: 3 significant digits, no trailing zeros."""
    s = f"{x:.3g}"
    return "0" if s in ("-0", "0") else s


def _path(canvas: np.ndarray, points: np.ndarray, colour) -> None:
    """Straight segments between consecutive (x, y) pixel points, then a 5x5 dot on each point."""
    h, w = canvas.shape[:2]
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
        n = int(max(abs(x1 - x0), abs(y1 - y0))) + 2
        xs, ys = np.round(np.linspace(x0, x1, n)).astype(int), np.round(np.linspace(y0, y1, n)).astype(int)
        keep = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
        canvas[ys[keep], xs[keep]] = colour
    for x, y in np.round(points).astype(int):
        canvas[max(y - 2, 0):max(y + 3, 0), max(x - 2, 0):max(x + 3, 0)] = colour


def heatmap(values: np.ndarray, height: int, width: int, levels: int = 12,
            log: bool = True) -> tuple[np.ndarray, float, float]:
    """The map alone: (rgb (height, width, 3) uint8, lo, hi) for ``values`` (N, M) over alphas x betas.

    With ``log`` (the loss) the colour and the ``levels`` white contour lines follow
    log(values) between lo = log(min) and hi = log(max) of the finite positive values;
    without (e.g. accuracy) they follow the values themselves. NaN shows as the highest colour.
    """
    v = np.asarray(values, np.float64)
    finite = v[np.isfinite(v) & (v > 0)] if log else v[np.isfinite(v)]
    f = np.log if log else (lambda x: x)
    lo, hi = (float(f(finite.min())), float(f(finite.max()))) if finite.size else (0.0, 1.0)
    hi = hi if hi > lo else lo + 1.0
    g = np.log(np.clip(np.nan_to_num(v, nan=np.exp(hi)), np.exp(lo), np.exp(hi))) if log \
        else np.clip(np.nan_to_num(v, nan=hi), lo, hi)
    field = upsample(g, height, width)
    rgb = colours((field - lo) / (hi - lo))                         # (height, width, 3)
    rgb[contour_mask(field, np.linspace(lo, hi, levels + 2)[1:-1])] = (255, 255, 255)
    return rgb, lo, hi


def render(loss: np.ndarray, alphas: np.ndarray, betas: np.ndarray, trajectory: np.ndarray | None = None,
           side: int = 400, levels: int = 12) -> np.ndarray:
    """The picture (see the module doc): (H, W, 3) uint8, the map ``side`` pixels square."""
    alphas, betas = np.asarray(alphas, np.float64), np.asarray(betas, np.float64)
    rgb, lo, hi = heatmap(loss, side, side, levels)                 # (side, side, 3)
    top, right, bottom, left = MARGIN
    canvas = np.empty((top + side + bottom, left + side + right, 3), np.uint8)
    canvas[...] = BACKGROUND
    canvas[top:top + side, left:left + side] = rgb

    def to_pixel(ab: np.ndarray) -> np.ndarray:                     # (m, 2) alpha, beta -> (m, 2) x, y
        x = left + (ab[:, 0] - alphas[0]) / (alphas[-1] - alphas[0]) * (side - 1)
        y = top + (betas[-1] - ab[:, 1]) / (betas[-1] - betas[0]) * (side - 1)
        return np.stack([x, y], axis=1)

    if trajectory is not None and len(trajectory):
        _path(canvas, to_pixel(np.asarray(trajectory, np.float64)), (255, 255, 255))
    cx, cy = np.round(to_pixel(np.zeros((1, 2)))[0]).astype(int)
    if left <= cx < left + side and top <= cy < top + side:        # the current weights: a white
        canvas[cy - 5:cy + 6, cx - 5:cx + 6] = (0, 0, 0)            # square ringed in black
        canvas[cy - 3:cy + 4, cx - 3:cx + 4] = (255, 255, 255)
    _axes(canvas, alphas, betas, side)
    _colour_bar(canvas, lo, hi, side)
    return canvas


def _axes(canvas: np.ndarray, alphas: np.ndarray, betas: np.ndarray, side: int) -> None:
    top, _, _, left = MARGIN
    below = top + side + 6
    text(canvas, left, below, label(alphas[0]))
    text(canvas, left + side, below, label(alphas[-1]), anchor="right")
    text(canvas, left + side // 2, below + 12, "alpha", anchor="centre")
    text(canvas, left - 4, top + side - 10, label(betas[0]), anchor="right")
    text(canvas, left - 4, top, label(betas[-1]), anchor="right")
    text(canvas, left - 4, top + side // 2 - 5, "beta", anchor="right")


def _colour_bar(canvas: np.ndarray, lo: float, hi: float, side: int) -> None:
    top, right, _, left = MARGIN
    x0 = left + side + 10
    ramp = colours(np.linspace(1, 0, side))                         # (side, 3): high at the top
    canvas[top:top + side, x0:x0 + 12] = ramp[:, None, :]
    text(canvas, x0 + 16, top, label(float(np.exp(hi))))
    text(canvas, x0 + 16, top + side - 10, label(float(np.exp(lo))))
    text(canvas, x0 + 16, top + side // 2 - 5, "loss")
