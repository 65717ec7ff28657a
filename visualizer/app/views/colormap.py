"""Colour lookup tables and vectorised value -> RGBA mapping for the views.

Every function here is pure NumPy (no Qt) so it can be tested and timed alone.

Formats:
    a lookup table (LUT) is a (255, 4) uint8 array of RGBA rows;
    ``map_values(values, lo, hi, lut)`` turns any float array of shape S into
    an RGBA uint8 array of shape S + (4,) (NaN -> fully transparent).
"""

from __future__ import annotations

import numpy as np

LUT_SIZE = 255            # odd, so zero of a symmetric scale has an exact middle entry (127)


def _interpolated_lut(stops: list[tuple[float, tuple[int, int, int]]]) -> np.ndarray:
    """A (LUT_SIZE, 4) uint8 LUT interpolated linearly between (position, RGB) stops."""
    pos = np.array([p for p, _ in stops], dtype=np.float64)
    rgb = np.array([c for _, c in stops], dtype=np.float64)             # (S, 3)
    t = np.linspace(0.0, 1.0, LUT_SIZE)
    lut = np.empty((LUT_SIZE, 4), dtype=np.uint8)
    for ch in range(3):
        lut[:, ch] = np.round(np.interp(t, pos, rgb[:, ch])).astype(np.uint8)
    lut[:, 3] = 255
    lut.flags.writeable = False
    return lut


# Blue (negative) - white (zero) - red (positive), after ColorBrewer RdBu (reversed):
# symmetric about the middle entry so equal magnitudes get equally strong colours.
DIVERGING = _interpolated_lut([
    (0.00, (5, 48, 97)),
    (0.15, (33, 102, 172)),
    (0.30, (67, 147, 195)),
    (0.42, (146, 197, 222)),
    (0.50, (247, 247, 247)),
    (0.58, (244, 165, 130)),
    (0.70, (214, 96, 77)),
    (0.85, (178, 24, 43)),
    (1.00, (103, 0, 31)),
])

# Dark (zero) to bright (high), perceptually ordered (close to matplotlib's "inferno"):
# used for activations that are never negative (ReLU, sigmoid).
SEQUENTIAL = _interpolated_lut([
    (0.00, (12, 8, 38)),
    (0.15, (51, 16, 97)),
    (0.30, (106, 23, 110)),
    (0.45, (160, 42, 96)),
    (0.60, (208, 70, 61)),
    (0.75, (240, 122, 20)),
    (0.88, (250, 185, 33)),
    (1.00, (252, 255, 164)),
])

# Light (zero) to saturated blue (high): confusion-matrix cells on the diagonal.
BLUES = _interpolated_lut([
    (0.00, (247, 251, 255)),
    (0.30, (198, 219, 239)),
    (0.60, (107, 174, 214)),
    (0.80, (33, 113, 181)),
    (1.00, (8, 48, 107)),
])

# Light (zero) to saturated red (high): confusion-matrix cells off the diagonal.
REDS = _interpolated_lut([
    (0.00, (255, 245, 240)),
    (0.30, (252, 187, 161)),
    (0.60, (251, 106, 74)),
    (0.80, (203, 24, 29)),
    (1.00, (103, 0, 13)),
])


def lut_indices(values: np.ndarray, lo, hi) -> np.ndarray:
    """Float array (any shape) -> int indices 0..LUT_SIZE-1 of the same shape; lo/hi broadcast.

    Values are clipped to [lo, hi]; where hi <= lo every value maps to the middle, and
    so does NaN. Rounding is symmetric about the middle, so +v and -v on a symmetric
    scale get entries equally far from the middle entry.
    """
    values = np.asarray(values, dtype=np.float32)
    mid = (LUT_SIZE - 1) // 2
    if np.ndim(lo) == 0 and np.ndim(hi) == 0:                 # one scale for all: the fast path
        lo, hi = float(lo), float(hi)
        if not hi > lo:
            return np.full(values.shape, mid, dtype=np.intp)
        u = values - np.float32((lo + hi) / 2)
        u *= np.float32((LUT_SIZE - 1) / (hi - lo))             # -mid..mid inside the range
    else:
        lo = np.asarray(lo, dtype=np.float32)
        hi = np.asarray(hi, dtype=np.float32)
        span = hi - lo
        k = np.where(span > 0, np.float32(LUT_SIZE - 1) / np.where(span > 0, span, 1), 0)
        u = ((values - (lo + hi) / 2) * k).astype(np.float32)
    np.clip(u, -mid, mid, out=u)
    np.nan_to_num(u, copy=False, nan=0.0)
    r = np.floor(np.abs(u) + np.float32(0.5))
    np.copysign(r, u, out=r)
    return (r + mid).astype(np.intp)


def map_values(values: np.ndarray, lo, hi, lut: np.ndarray) -> np.ndarray:
    """Float array of shape S -> RGBA uint8 of shape S + (4,); NaN becomes transparent."""
    values = np.asarray(values, dtype=np.float32)
    packed = np.ascontiguousarray(lut).view(np.uint32).reshape(-1)     # one uint32 per RGBA entry
    out = packed[lut_indices(values, lo, hi)]                           # S
    nan = np.isnan(values)
    if nan.any():
        out[nan] = 0
    return out.view(np.uint8).reshape(values.shape + (4,))


def argb_lut(lut: np.ndarray) -> np.ndarray:
    """A (LUT_SIZE, 4) RGBA LUT -> (LUT_SIZE,) uint32 0xAARRGGBB: QImage's native ARGB32 pixels.

    Opaque entries are their own premultiplied values, so the result also serves
    ARGB32_Premultiplied images. Gathering from it builds an image in one pass.
    """
    c = np.asarray(lut, dtype=np.uint32)
    out = (c[:, 3] << 24) | (c[:, 0] << 16) | (c[:, 1] << 8) | c[:, 2]
    out.flags.writeable = False
    return out


def symmetric_limit(values: np.ndarray) -> float:
    """The largest finite absolute value (1.0 when there is none): the +/- end of a diverging scale."""
    values = np.asarray(values)
    if values.size:
        m = float(np.max(np.abs(values)))                 # the fast path: every value finite
        if np.isfinite(m):
            return m if m > 0 else 1.0
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return 1.0
    m = float(np.max(np.abs(finite)))
    return m if m > 0 else 1.0


def lut_color(lut: np.ndarray, t: float) -> tuple[int, int, int, int]:
    """The LUT's colour at position t in [0, 1] as an (r, g, b, a) tuple."""
    i = int(np.clip(round(float(t) * (LUT_SIZE - 1)), 0, LUT_SIZE - 1))
    r, g, b, a = (int(c) for c in lut[i])
    return r, g, b, a


def tint_gray(gray01: np.ndarray, values: np.ndarray, limit: float, lut: np.ndarray = DIVERGING) -> np.ndarray:
    """A grayscale picture (S, values in [0, 1]) tinted by signed ``values`` (S): RGBA uint8 (S + (4,)).

    Each pixel mixes its gray with the colour of its value on the symmetric scale
    [-limit, limit], by the value's strength (full colour from half the limit on): pixels
    whose value is zero keep their gray, so the picture stays visible under the colours.
    """
    gray = np.clip(np.asarray(gray01, dtype=np.float32), 0.0, 1.0)[..., None] * np.float32(255.0)
    color = map_values(values, -limit, limit, lut).astype(np.float32)            # S + (4,)
    strength = np.abs(np.nan_to_num(np.asarray(values, dtype=np.float32)))
    alpha = np.clip(strength * np.float32(2.0 / max(float(limit), 1e-12)), 0.0, 1.0)[..., None]
    out = np.empty(color.shape, dtype=np.uint8)
    out[..., :3] = np.rint(gray * (1.0 - alpha) + color[..., :3] * alpha)
    out[..., 3] = 255
    return out
