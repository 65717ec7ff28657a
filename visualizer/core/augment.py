"""Random distortions of digit batches, vectorised over the whole batch in NumPy.

    augment_batch(x, rng, out=None, *, strength=1.0, params=DEFAULT) -> (B, 784) float32

Each image gets its own random rotation, scale (aspect may change slightly),
shear, shift and a smooth elastic displacement, and optionally pixel noise.
All of them are folded into one sampling grid per image:

    src(p) = c + A_b (p - c) + t_b + sum_k coef_bk * mode_k(p)      p: output pixel

where ``A_b`` (2x2) combines rotation, scale and shear, ``t_b`` is the shift,
and the elastic displacement is a random combination of smooth cosine modes
whose weights follow the spectrum of Gaussian-smoothed white noise (the
classic Simard et al. elastic distortion, without a per-image convolution).
Grids are expensive to build (a matrix product (2B, 3 + L) @ (3 + L, 784)
plus clipping and flooring), so ``BANK_SIZE`` = 2048 of them are built once
per (params, strength), on first use (0.05-0.4 s, 26 MB), and stored as gather tables
(top-left neighbour index, fractional x and y). Per batch each image picks
a random grid and a random whole-pixel shift (the shift range is split into a
sub-pixel part inside the bank and a whole-pixel part drawn per image), which
gives 2048 x 25 distinct distortions at the default strength. The source is
then read with bilinear interpolation from the images padded with a zero
border: four gathers (``np.take``) and three lerps over the (B, 784) batch, no
Python loop over images and no imaging library. ``sampling_grid`` and ``warp``
expose the same maths for a fresh grid per call.

Input: (B, 784) float32 in [0, 1] (white ink on black). Output: (B, 784)
float32 in [0, 1]; ``out`` may be given (it must not be ``x``). ``strength``
scales every distortion: 0 returns an exact copy, 1 the tuned defaults.
Thread-safe (no shared mutable state; the banks are read-only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIDE = 28
PAD = SIDE + 2                     # zero border of one pixel on every side
CENTRE = (SIDE - 1) / 2.0          # 13.5


@dataclass(frozen=True)
class AugmentParams:
    """Strengths of the distortions (at strength 1); the defaults were tuned by benchmarks/sample_accuracy.py."""

    rotation_deg: float = 12.0      # uniform in +-rotation_deg
    scale: float = 0.12             # log-uniform zoom in [1/(1+s), 1+s]
    aspect: float = 0.06            # extra independent x/y scale (log-uniform +-)
    shear: float = 0.12             # uniform shear factor +-shear
    shift_px: float = 2.0           # uniform shift in +-shift_px on each axis
    elastic_px: float = 1.6         # RMS of the elastic displacement in pixels (uniform 0..elastic_px)
    elastic_sigma: float = 3.5      # smoothness (Gaussian sigma, pixels) of the elastic fields
    elastic_modes: int = 3          # highest cosine mode per axis (cost grows with (K+1)^2)
    noise: float = 0.0              # std of additive Gaussian pixel noise (then clipped to [0, 1])
    seed: int = 1234                # seed of the precomputed grid and noise banks (not of the per-batch draws)


def _elastic_basis(p: AugmentParams) -> tuple[np.ndarray, np.ndarray]:
    """Smooth displacement basis: (L, 784) cosine modes and (L,) weights.

    A Gaussian-smoothed (sigma = ``elastic_sigma``) white-noise displacement
    field has almost all its power in the lowest spatial frequencies, so it is
    drawn as a random combination of the cosine modes
    cos(pi kx (x + .5) / 28) cos(pi ky (y + .5) / 28), 0 <= kx, ky <= K, (0, 0)
    excluded (that is a shift), with Gaussian weights exp(-2 pi^2 sigma^2 f^2),
    f = k / 56 cycles per pixel. Weights are normalised so that standard-normal
    coefficients give a field of unit expected RMS length (modes up to ``elastic_modes``). One matmul then
    builds the affine and the elastic part of the grid of a whole batch.
    """
    k_max = p.elastic_modes
    t = (np.arange(SIDE) + 0.5) * np.pi / SIDE
    cos = np.cos(np.outer(np.arange(k_max + 1), t))                 # (K+1, 28)
    modes, weights = [], []
    for ky in range(k_max + 1):
        for kx in range(k_max + 1):
            if kx == ky == 0:
                continue
            modes.append(np.outer(cos[ky], cos[kx]).ravel())       # (784,), row-major (y, x)
            f2 = (kx ** 2 + ky ** 2) / (2.0 * SIDE) ** 2
            weights.append(np.exp(-2.0 * np.pi ** 2 * p.elastic_sigma ** 2 * f2))
    basis = np.array(modes)                                         # (L, 784)
    w = np.array(weights)
    # E|d|^2 per pixel for both axes with coefficients N(0, w^2): 2 * sum w^2 * mean(mode^2)
    power = 2.0 * np.sum(w ** 2 * (basis ** 2).mean(axis=1))
    return basis.astype(np.float32), (w / np.sqrt(power)).astype(np.float32)


class _Banks:
    """Precomputed, read-only tables for one AugmentParams."""

    def __init__(self, p: AugmentParams):
        rng = np.random.default_rng(p.seed)
        ys, xs = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32)
        basis, self.weights = _elastic_basis(p)
        # rows: dx, dy, 1, then the elastic modes: (3 + L, 784)
        self.basis = np.concatenate([np.stack([xs.ravel() - CENTRE, ys.ravel() - CENTRE,
                                               np.ones(SIDE * SIDE, np.float32)]), basis])
        self.noise = rng.standard_normal(1 << 20).astype(np.float32)         # sliced at random offsets
        for a in (self.basis, self.weights, self.noise):
            a.flags.writeable = False


DEFAULT = AugmentParams()
_banks_cache: dict[AugmentParams, _Banks] = {}


def _banks(p: AugmentParams) -> _Banks:
    b = _banks_cache.get(p)
    if b is None:
        b = _banks_cache.setdefault(p, _Banks(p))
    return b


def sampling_grid(batch: int, rng: np.random.Generator, *, strength: float = 1.0,
                  params: AugmentParams = DEFAULT) -> np.ndarray:
    """(B, 2, 784) float32 source coordinates (x, y) in pixels for each output pixel."""
    return _grid(batch, rng, float(strength), params, 0.0)


def _grid(batch: int, rng: np.random.Generator, s: float, p: AugmentParams, offset: float) -> np.ndarray:
    """sampling_grid, with ``offset`` added to every coordinate (1: the zero-padded image)."""
    bk = _banks(p)
    n_modes = bk.weights.shape[0]
    u = rng.random((batch, 7), dtype=np.float32) * 2.0 - 1.0        # (B, 7) uniform in [-1, 1)
    theta = np.deg2rad(p.rotation_deg * s) * u[:, 0]
    zoom = np.exp(np.log1p(p.scale * s) * u[:, 1])                  # output/input size ratio
    asp = np.exp(np.log1p(p.aspect * s) * u[:, 2])
    sx, sy = 1.0 / (zoom * asp), asp / zoom                         # source = A @ out: inverse scale
    shear = p.shear * s * u[:, 3]
    cos, sin = np.cos(theta), np.sin(theta)
    C = np.empty((batch, 2, 3 + n_modes), np.float32)
    # A = R(theta) @ [[sx, shear*sx], [0, sy]]  plus the translation column (centre + shift)
    C[:, 0, 0] = cos * sx
    C[:, 0, 1] = cos * shear * sx - sin * sy
    C[:, 1, 0] = sin * sx
    C[:, 1, 1] = sin * shear * sx + cos * sy
    C[:, 0, 2] = (CENTRE + offset) + p.shift_px * s * u[:, 4]
    C[:, 1, 2] = (CENTRE + offset) + p.shift_px * s * u[:, 5]
    if p.elastic_px > 0 and s > 0 and n_modes:
        amp = (p.elastic_px * s) * (0.5 + 0.5 * u[:, 6])             # (B,) RMS in [0, elastic_px)
        # uniform coefficients with unit variance (a sum of many modes is near-Gaussian anyway)
        coef = rng.random((batch, 2, n_modes), dtype=np.float32)
        coef -= np.float32(0.5)
        coef *= bk.weights * np.float32(np.sqrt(12.0))
        coef *= amp[:, None, None]
        C[:, :, 3:] = coef
    else:
        C[:, :, 3:] = 0.0
    # (2B, 3 + L) @ (3 + L, 784) -> (2B, 784): affine and elastic displacement in one product
    return (C.reshape(2 * batch, -1) @ bk.basis).reshape(batch, 2, SIDE * SIDE)


def warp(x: np.ndarray, grid: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Bilinear sampling: x (B, 784) images, grid (B, 2, 784) source (x, y) -> (B, 784); zero outside."""
    return _warp_padded(x, np.asarray(grid, np.float32) + np.float32(1.0), out)


def _warp_padded(x: np.ndarray, g: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    """warp() with ``g`` (float32, overwritten) already in the coordinates of the 30x30 zero-padded image."""
    b = x.shape[0]
    n = b * PAD * PAD
    flat_pad = np.zeros(n + PAD + 1, np.float32)                    # B zero-padded images, flattened
    flat_pad[:n].reshape(b, PAD, PAD)[:, 1:-1, 1:-1] = x.reshape(b, SIDE, SIDE)
    # clip so all four neighbours exist (anything outside reads the zero border)
    np.clip(g, 0.0, PAD - 1.001, out=g)
    i = g.astype(np.int32)                                          # floor (g >= 0)
    g -= i.astype(np.float32)                                       # g: fractional parts (B, 2, 784)
    idx = i[:, 1] * PAD                                             # (B, 784) top-left neighbour
    idx += i[:, 0]
    idx += (np.arange(b, dtype=np.int32) * (PAD * PAD))[:, None]
    idx = idx.astype(np.intp)
    return _bilinear(flat_pad, idx, g[:, 0], g[:, 1], PAD, out)


def _bilinear(flat_pad: np.ndarray, idx: np.ndarray, fx: np.ndarray, fy: np.ndarray, side: int,
              out: np.ndarray | None) -> np.ndarray:
    """Bilinear interpolation by four gathers from zero-padded images flattened into ``flat_pad``.

    idx (B, 784) intp: index of each output pixel's top-left neighbour (overwritten);
    fx, fy (B, 784) float32: fractional parts; side: the padded images' width.
    Returns (B, 784) float32 (into ``out`` when given).
    """
    v0 = flat_pad.take(idx)
    idx += 1
    v1 = flat_pad.take(idx)                                         # right
    idx += side - 1
    v2 = flat_pad.take(idx)                                         # below
    idx += 1
    v3 = flat_pad.take(idx)                                         # below right
    v1 -= v0
    v1 *= fx
    v1 += v0                                                        # top row lerp
    v3 -= v2
    v3 *= fx
    v3 += v2                                                        # bottom row lerp
    v3 -= v1
    v3 *= fy
    if out is None:
        out = np.empty(idx.shape, np.float32)
    np.add(v1, v3, out=out)
    return out


class _GridBank:
    """``size`` precomputed random sampling grids for one (params, strength), as gather tables.

    idx  (G, 784) intp     top-left bilinear neighbour in a BANK_PAD-padded image (row-major)
    frac (G, 2, 784) f32   fractional parts (x, y) of the source coordinates

    Each batch picks one grid per image at random and adds a random whole-pixel
    shift in [-S, S] (S = ``shift``): G * (2S + 1)^2 distinct distortions, and
    the per-batch work is only table lookups, four gathers and three lerps.
    The border (2S + 2 px of zeros) is wide enough that a coordinate clipped to
    the border still reads zeros after the whole-pixel shift.
    """

    def __init__(self, p: AugmentParams, strength: float, size: int):
        shift_total = p.shift_px * strength
        self.shift = int(max(0, round(shift_total - 0.5)))          # whole-pixel part, drawn per batch
        frac_shift = min(0.5, shift_total) if self.shift else shift_total
        self.border = 2 * self.shift + 2
        self.side = SIDE + 2 * self.border                          # padded side
        sub = AugmentParams(**{**p.__dict__, "shift_px": frac_shift / strength if strength else 0.0})
        rng = np.random.default_rng(p.seed + 1)
        g = _grid(size, rng, strength, sub, float(self.border))    # (G, 2, 784) padded coordinates
        lo, hi = float(self.shift), self.side - 1 - self.shift - 1e-3
        np.clip(g, lo, hi, out=g)
        i = np.floor(g)
        self.frac = (g - i).astype(np.float32)
        i = i.astype(np.intp)
        self.idx = i[:, 1] * self.side + i[:, 0]
        for a in (self.frac, self.idx):
            a.flags.writeable = False


BANK_SIZE = 2048
_grid_banks: dict[tuple[AugmentParams, float], _GridBank] = {}


def _grid_bank(p: AugmentParams, strength: float) -> _GridBank:
    key = (p, strength)
    bank = _grid_banks.get(key)
    if bank is None:
        if len(_grid_banks) > 8:                                    # strengths are few; bound the memory
            _grid_banks.clear()
        bank = _grid_banks.setdefault(key, _GridBank(p, strength, BANK_SIZE))
    return bank


def _augment_from_bank(x: np.ndarray, rng: np.random.Generator, bank: _GridBank,
                       out: np.ndarray | None) -> np.ndarray:
    b = x.shape[0]
    side, border = bank.side, bank.border
    flat_pad = np.zeros(b * side * side, np.float32)                # B zero-padded images, flattened
    flat_pad.reshape(b, side, side)[:, border:border + SIDE, border:border + SIDE] = x.reshape(b, SIDE, SIDE)
    pick = rng.integers(0, bank.idx.shape[0], size=b)
    offset = np.arange(b, dtype=np.intp) * (side * side)            # (B,) start of each image
    if bank.shift:
        sh = rng.integers(-bank.shift, bank.shift + 1, size=(2, b))
        offset += sh[1] * side + sh[0]
    idx = bank.idx[pick]                                            # (B, 784) top-left neighbour
    idx += offset[:, None]
    frac = bank.frac[pick]                                          # (B, 2, 784)
    return _bilinear(flat_pad, idx, frac[:, 0], frac[:, 1], side, out)


def augment_batch(x: np.ndarray, rng: np.random.Generator, out: np.ndarray | None = None, *,
                  strength: float = 1.0, params: AugmentParams = DEFAULT) -> np.ndarray:
    """Randomly distort each image of a (B, 784) float32 batch (see module doc)."""
    x = np.asarray(x)
    if x.ndim != 2 or x.shape[1] != SIDE * SIDE:
        raise ValueError(f"augment_batch expects (B, 784) images, got shape {x.shape}")
    if x.dtype != np.float32:
        x = x.astype(np.float32)
    if out is not None and (out.shape != x.shape or out.dtype != np.float32):
        raise ValueError(f"out must be a float32 array of shape {x.shape}, got {out.shape} {out.dtype}")
    if out is not None and np.may_share_memory(out, x):
        raise ValueError("out must not overlap the input batch")
    if strength <= 0 or x.shape[0] == 0:
        if out is None:
            return x.copy()
        out[...] = x
        return out
    res = _augment_from_bank(x, rng, _grid_bank(params, float(strength)), out)
    if params.noise > 0:
        bank = _banks(params).noise
        n = res.size
        start = int(rng.integers(0, bank.size - n)) if n < bank.size else 0
        noise = bank[start:start + n] if n < bank.size else rng.standard_normal(n, dtype=np.float32)
        res += noise.reshape(res.shape) * np.float32(params.noise * strength)
        np.clip(res, 0.0, 1.0, out=res)
    return res
