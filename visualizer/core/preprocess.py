"""Turn a drawing or any image into network input that looks like MNIST.

    canvas_to_input(canvas, *, normalize_stroke=True) -> (28, 28) float32 in [0, 1] | None
        canvas: (H, W) ink intensity, ink high and background 0; uint8/uint16
        (scaled by the type's maximum) or float (values above 1 are scaled by
        the maximum; NaN counts as background). Any size >= 1x1.
        None when there is nothing to classify (empty or only faint specks).
    image_to_input(pixels) -> (28, 28) float32 in [0, 1] | None
        pixels: (H, W) grey, (H, W, 3) RGB or (H, W, 4) RGBA, uint8 (or float
        in [0, 1]). Transparent pixels count as background. Dark ink on a light
        background is detected (from the border) and inverted; the contrast is
        stretched between background and ink (the level of the darkest 0.5 % of
        pixels, or of the darkest 16 when fewer: a small digit on a big page
        still counts). Then as canvas_to_input.
    Arrays that cannot be an image (wrong number of dimensions or channels, or
    not numbers) raise ``ImageError``.

The MNIST convention, step by step (each step vectorised NumPy, no imaging
library, a few milliseconds for a 280x280 canvas):

1. Ink is normalised to [0, 1]; pixels below ``FAINT`` (25 %) of the peak are
   background, so anti-aliasing fringes, paper texture and light touches do not
   count.
2. Specks: connected groups of ink (8-connectivity, found on a coarse grid of
   at most ``GRID`` cells a side by min-label propagation) holding less than
   ``SPECK`` (6 %) of the ink of the largest group are erased, so a stray dot
   does not shrink the digit. The largest group is always kept.
3. The bounding box of what remains is resampled (area averaging) so its longer
   side is ``WORK`` = 80 px and binarised at half intensity.
4. Stroke width: estimated as (8/pi) * area / perimeter (a stroke of length L
   and width w has area L*w and a 4-connected perimeter of about (4/pi)*2L on
   average over directions). When it lies outside the band of typical MNIST
   widths (``STROKE_BAND``, in pixels of the 20-px box: the 25th-75th
   percentile of the embedded sample measured the same way), the mask is
   dilated or eroded (alternating 3x3 square and cross steps, an octagon) to
   the nearest edge of the band. A thin pen and a fat brush thus give similar
   strokes, and digits already MNIST-like are left as they are.
5. The result's bounding box is area-resampled so its longer side is 20 px
   (aspect kept) and placed in the 28x28 field so that its centre of mass
   falls on the centre (``COM_TARGET``, the mean of the MNIST sample),
   with sub-pixel precision. Intensities are rescaled so the peak is 1.
"""

from __future__ import annotations

import numpy as np

from .errors import ImageError

SIDE = 28
BOX = 20                       # MNIST: the longer side of the bounding box is 20 px
WORK = BOX * 4                 # working resolution of the box for stroke normalisation
FAINT = 0.25                   # below this fraction of the peak, ink is background
SPECK = 0.06                   # components with less ink than this share of the largest are erased
GRID = 64                      # coarse grid (cells per side, at most) for connected components
EMPTY = 0.02                   # a canvas whose peak ink is below this is empty
STROKE_BAND = (2.1, 2.9)       # typical MNIST stroke width (px of the 20-px box), see step 4
MAX_WORK_PIXELS = 1 << 20       # images above ~1 MP are block-averaged before anything else
COM_TARGET = (14.0, 14.0)      # centre of mass (row, col index) in the 28x28 field: the MNIST mean
INK_SHARE = 0.005              # image_to_input: the ink level is that of the darkest 0.5 % of pixels,
INK_PIXELS = 16                # ... or of the darkest 16 when that is fewer (a small digit on a page)


# ----------------------------------------------------------------------------- resampling

def _area_axis(img: np.ndarray, axis: int, n_out: int, scale: float, offset: float) -> np.ndarray:
    """Area-average ``img`` along ``axis``: output pixel j covers input [(j - offset)/scale, (j+1-offset)/scale).

    The input is treated as piecewise constant; each output is the mean over its
    interval (zero outside the input), computed from the linearly interpolated
    cumulative sum, so it costs O(size) for shrinking and enlarging alike (no
    BLAS, no per-pixel loop).
    """
    a = np.moveaxis(img, axis, 0)
    n_in = a.shape[0]
    cum = np.concatenate([np.zeros((1,) + a.shape[1:], a.dtype), np.cumsum(a, axis=0)])   # (n_in + 1, ...)
    edges = np.clip((np.arange(n_out + 1, dtype=np.float64) - offset) / scale, 0.0, n_in)  # (n_out + 1,)
    i = np.minimum(np.floor(edges).astype(np.intp), n_in - 1)
    f = (edges - i).astype(a.dtype)
    shape = (-1,) + (1,) * (a.ndim - 1)
    at = cum[i] + f.reshape(shape) * a[i]                 # cumulative sum at each edge (n_out + 1, ...)
    out = (at[1:] - at[:-1]) * a.dtype.type(scale)
    return np.moveaxis(out, 0, axis)


def _resample(img: np.ndarray, out_shape: tuple[int, int], scale: float,
              offset: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """Area-resample (h, w) ``img`` by ``scale`` into ``out_shape`` with (row, col) offset in output px."""
    tmp = _area_axis(img, 0, out_shape[0], scale, offset[0])               # (H_out, w)
    return _area_axis(tmp, 1, out_shape[1], scale, offset[1])              # (H_out, W_out)


# ----------------------------------------------------------------------------- morphology

def _shifted_max(m: np.ndarray, cross: bool) -> np.ndarray:
    """One 3x3 (or plus-shaped) dilation step of a boolean mask."""
    out = m.copy()
    out[1:, :] |= m[:-1, :]
    out[:-1, :] |= m[1:, :]
    out[:, 1:] |= m[:, :-1]
    out[:, :-1] |= m[:, 1:]
    if not cross:
        out[1:, 1:] |= m[:-1, :-1]
        out[1:, :-1] |= m[:-1, 1:]
        out[:-1, 1:] |= m[1:, :-1]
        out[:-1, :-1] |= m[1:, 1:]
    return out


def _dilate(m: np.ndarray, steps: int) -> np.ndarray:
    for k in range(steps):
        m = _shifted_max(m, cross=bool(k % 2))
    return m


def _erode(m: np.ndarray, steps: int) -> np.ndarray:
    for k in range(steps):
        m = ~_shifted_max(~m, cross=bool(k % 2))
    return m


def stroke_width(mask: np.ndarray) -> float:
    """Mean stroke width of a boolean mask in pixels: (8/pi) * area / 4-connected perimeter."""
    m = np.pad(mask, 1)
    area = float(m.sum())
    if area == 0:
        return 0.0
    perim = float(np.count_nonzero(m[1:, :] != m[:-1, :]) + np.count_nonzero(m[:, 1:] != m[:, :-1]))
    return 8.0 / np.pi * area / perim


# ----------------------------------------------------------------------------- specks

def _components(mask: np.ndarray) -> np.ndarray:
    """Labels (int32, -1 = background) of the 8-connected components of a small boolean mask."""
    h, w = mask.shape
    big = np.int32(h * w + 1)
    lab = np.where(mask, np.arange(h * w, dtype=np.int32).reshape(h, w), big)
    for _ in range(h * w):
        p = np.pad(lab, 1, constant_values=big)
        nb = lab.copy()
        for dy in (0, 1, 2):
            for dx in (0, 1, 2):
                np.minimum(nb, p[dy:dy + h, dx:dx + w], out=nb)
        nb = np.where(mask, nb, big)
        # pointer jumping: follow each label to the label of the cell it names
        flat = nb.ravel()
        inside = flat < big
        flat[inside] = flat[flat[inside]]
        nb = flat.reshape(h, w)
        if np.array_equal(nb, lab):
            break
        lab = nb
    return np.where(mask, lab, -1)


def remove_specks(ink: np.ndarray, share: float = SPECK) -> np.ndarray:
    """``ink`` with the 8-connected groups holding < ``share`` of the largest group's ink set to 0."""
    h, w = ink.shape
    cell = max(1, int(np.ceil(max(h, w) / GRID)))
    gh, gw = -(-h // cell), -(-w // cell)
    padded = np.zeros((gh * cell, gw * cell), ink.dtype)
    padded[:h, :w] = ink
    blocks = padded.reshape(gh, cell, gw, cell)
    mass = blocks.sum(axis=(1, 3))                                  # (gh, gw) ink per cell
    lab = _components(mass > 0)
    n = int(lab.max()) + 1
    if n <= 0:
        return ink
    per = np.bincount(lab[lab >= 0], weights=mass[lab >= 0], minlength=n)   # ink per label
    keep_label = per >= share * per.max()
    if keep_label[per > 0].all():
        return ink
    keep = np.zeros(lab.shape, bool)
    keep[lab >= 0] = keep_label[lab[lab >= 0]]
    full = np.repeat(np.repeat(keep, cell, axis=0), cell, axis=1)[:h, :w]
    return np.where(full, ink, 0).astype(ink.dtype)


# ----------------------------------------------------------------------------- public

def _check_numeric(a: np.ndarray, what: str) -> None:
    """ImageError unless ``a`` holds real numbers (bool, integers or floats)."""
    if a.dtype.kind not in "biuf":
        raise ImageError(f"{what} must hold numbers, got an array of {a.dtype}")


def _as_ink(canvas: np.ndarray) -> np.ndarray:
    a = np.asarray(canvas)
    if a.ndim != 2:
        raise ImageError(f"a canvas must be a 2-D (H, W) array, got shape {a.shape}")
    _check_numeric(a, "a canvas")
    if a.size == 0:
        return np.zeros((1, 1), np.float32)
    if a.dtype == np.bool_:
        return a.astype(np.float32)
    if np.issubdtype(a.dtype, np.integer):
        top = float(np.iinfo(a.dtype).max)
        return np.clip(a.astype(np.float32) / np.float32(top), 0.0, 1.0)
    f = a.astype(np.float32, copy=False)
    if not np.isfinite(f).all():
        f = np.nan_to_num(f, nan=0.0, posinf=0.0, neginf=0.0)
    f = np.clip(f, 0.0, None)
    peak = float(f.max())
    return f / np.float32(peak) if peak > 1.0 else f


def _block_mean(a: np.ndarray, k: int) -> np.ndarray:
    """Mean over k x k blocks (zero-padded to a multiple of k)."""
    h, w = a.shape
    gh, gw = -(-h // k), -(-w // k)
    padded = np.zeros((gh * k, gw * k), np.float32)
    padded[:h, :w] = a
    return padded.reshape(gh, k, gw, k).mean(axis=(1, 3), dtype=np.float32)


def _bbox(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(mask.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def canvas_to_input(canvas: np.ndarray, *, normalize_stroke: bool = True) -> np.ndarray | None:
    """A drawing (ink high) -> MNIST-like (28, 28) float32 in [0, 1], or None if empty (see module doc)."""
    ink = _as_ink(canvas)
    peak = float(ink.max())
    if peak < EMPTY:
        return None
    ink = np.where(ink >= FAINT * peak, ink, 0.0).astype(np.float32)            # step 1
    ink = remove_specks(ink)                                                       # step 2
    box = _bbox(ink > 0)
    if box is None:
        return None
    r0, r1, c0, c1 = box
    crop = ink[r0:r1, c0:c1] / np.float32(peak)
    k = max(crop.shape) // (2 * WORK)
    if k >= 2:                           # a huge drawing or photo: average k x k blocks first (cheap)
        crop = _block_mean(crop, k)
    h, w = crop.shape
    s = WORK / max(h, w)                                                           # step 3
    wh, ww = max(1, round(h * s)), max(1, round(w * s))
    work = _resample(crop, (wh, ww), s)
    mask = work >= 0.5
    if not mask.any():
        mask = work >= 0.5 * work.max()
    if normalize_stroke:                                                           # step 4
        mask = _normalise_stroke(mask)
    box = _bbox(mask)
    if box is None:
        return None
    r0, r1, c0, c1 = box
    mask = mask[r0:r1, c0:c1].astype(np.float32)
    return _place(mask)


def _normalise_stroke(mask: np.ndarray) -> np.ndarray:
    per_px = WORK / BOX                                   # working pixels per output pixel
    width = stroke_width(mask) / per_px                   # in output (20-px box) pixels
    lo, hi = STROKE_BAND
    pad = 2 * int(np.ceil(hi * per_px))
    if width < lo:
        steps = int(round((lo - width) * per_px / 2))
        if steps:
            mask = _dilate(np.pad(mask, pad), steps)
    elif width > hi:
        steps = int(round((width - hi) * per_px / 2))
        steps = min(steps, int(width * per_px / 2) - 1)    # never erase a stroke completely
        if steps > 0:
            eroded = _erode(mask, steps)
            if eroded.any():
                mask = eroded
    return mask


def _place(box_img: np.ndarray) -> np.ndarray:
    """(h, w) float box -> (28, 28) float32: longer side 20 px, centre of mass at COM_TARGET."""
    h, w = box_img.shape
    s = BOX / max(h, w)
    total = box_img.sum()
    ys, xs = np.arange(h) + 0.5, np.arange(w) + 0.5
    com_y = float((box_img.sum(axis=1) * ys).sum() / total)         # in input pixel units (centres at +.5)
    com_x = float((box_img.sum(axis=0) * xs).sum() / total)
    # output pixel j covers input [(j - off)/s, ...): input point p lands at output coordinate off + s*p
    off_y = COM_TARGET[0] + 0.5 - s * com_y
    off_x = COM_TARGET[1] + 0.5 - s * com_x
    out = _resample(box_img, (SIDE, SIDE), s, (off_y, off_x))
    peak = out.max()
    if peak <= 0:
        return np.zeros((SIDE, SIDE), np.float32)
    return np.clip(out / peak, 0.0, 1.0).astype(np.float32)


def _to_grey(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """(H, W[, C]) -> grey (H, W) float32 in [0, 1] and alpha (H, W) or None."""
    a = np.asarray(pixels)
    _check_numeric(a, "an image")
    if a.ndim in (2, 3) and a.shape[0] * a.shape[1] > MAX_WORK_PIXELS:
        # a big photo: average k x k blocks first (one pass), the digit keeps plenty of pixels
        k = int(np.ceil(np.sqrt(a.shape[0] * a.shape[1] / MAX_WORK_PIXELS)))
        gh, gw = a.shape[0] // k, a.shape[1] // k
        blocks = a[:gh * k, :gw * k].reshape((gh, k, gw, k) + a.shape[2:])
        scale = 255.0 if a.dtype == np.uint8 else (
            float(np.iinfo(a.dtype).max) if np.issubdtype(a.dtype, np.integer) else 1.0)
        acc = (np.uint16 if k <= 16 else np.uint32) if a.dtype == np.uint8 else np.float64
        sums = np.add.reduce(np.add.reduce(blocks, axis=1, dtype=acc), axis=2, dtype=acc)  # two cheap passes
        a = sums.astype(np.float32) / np.float32(scale * k * k)
    if a.dtype == np.uint8:
        f = a.astype(np.float32) / np.float32(255)
    elif np.issubdtype(a.dtype, np.integer):
        f = a.astype(np.float32) / np.float32(np.iinfo(a.dtype).max)
    else:
        f = np.clip(np.nan_to_num(a.astype(np.float32)), 0.0, 1.0)
    if f.ndim == 2:
        return f, None
    if f.ndim != 3 or f.shape[2] not in (1, 2, 3, 4):
        raise ImageError(f"an image must be (H, W), (H, W, 3) or (H, W, 4), got shape {a.shape}")
    c = f.shape[2]
    alpha = f[:, :, c - 1] if c in (2, 4) else None
    colour = f[:, :, :3] if c >= 3 else f[:, :, :1]
    if colour.shape[2] == 3:                                           # ITU-R BT.601 luma
        grey = colour @ np.array([0.299, 0.587, 0.114], np.float32)
    else:
        grey = colour[:, :, 0]
    return grey.astype(np.float32), alpha


def image_to_input(pixels: np.ndarray) -> np.ndarray | None:
    """Any image array -> MNIST-like (28, 28) float32, or None when it shows nothing (see module doc)."""
    grey, alpha = _to_grey(pixels)
    if grey.size == 0:
        return None
    if alpha is not None:
        opaque = alpha > 0.5
        if not opaque.any():
            return None
        # background behind transparent pixels: the opposite of the opaque pixels' brightness
        ink_dark = float(np.median(grey[opaque])) < 0.5
        bg = 1.0 if ink_dark else 0.0
        grey = grey * alpha + np.float32(bg) * (1.0 - alpha)
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    background = float(np.median(border))
    step = max(1, int(np.sqrt(grey.size / 250_000)))
    sample = grey[::step, ::step]        # the ink level of a big photo from <= ~250k pixels
    dark = background > 0.5              # dark ink on a light background: invert
    ink = background - grey if dark else grey - background
    span = abs(background - _ink_level(sample, dark))
    if span < 0.08:                      # no contrast at all: a blank page
        return None
    ink = np.clip(ink / np.float32(span), 0.0, 1.0)
    return canvas_to_input(ink)


def _ink_level(sample: np.ndarray, dark: bool) -> float:
    """The grey level of the ink: the k-th darkest (or brightest) pixel of ``sample``.

    k is ``INK_SHARE`` of the pixels, but at most ``INK_PIXELS``: a small digit on
    a big page (a scan, a photo) covers well under 1 % of it and must still count
    as ink, while a few stray pixels (noise, dust) do not set the contrast alone.
    """
    flat = sample.ravel()
    k = max(1, min(int(np.ceil(INK_SHARE * flat.size)), INK_PIXELS))
    if dark:
        return float(np.partition(flat, k - 1)[k - 1])
    return float(np.partition(flat, flat.size - k)[flat.size - k])
