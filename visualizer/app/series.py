"""NumPy building blocks of the curves: growing columns, smoothing, nice axis limits and
the per-pixel-column reduction the batch curves are drawn with. No Qt."""

from __future__ import annotations

import math

import numpy as np


class GrowingArray:
    """A float64 column that grows by doubling; ``view()`` is the filled part (no copy)."""

    def __init__(self, capacity: int = 1024) -> None:
        self._buf = np.empty(max(16, capacity), dtype=np.float64)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        need = self._n + len(values)
        if need > len(self._buf):
            cap = len(self._buf)
            while cap < need:
                cap *= 2
            buf = np.empty(cap, dtype=np.float64)
            buf[:self._n] = self._buf[:self._n]
            self._buf = buf
        self._buf[self._n:need] = values
        self._n = need

    def append(self, value: float) -> None:
        self.extend((value,))

    def view(self) -> np.ndarray:
        return self._buf[:self._n]

    def last(self, default: float = math.nan) -> float:
        return float(self._buf[self._n - 1]) if self._n else default

    def clear(self) -> None:
        self._n = 0

    def truncate(self, n: int) -> None:
        self._n = max(0, min(self._n, int(n)))


def nice_step(v: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k that is >= v (v > 0)."""
    k = math.floor(math.log10(v))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * 10 ** k >= v * (1 - 1e-9):
            return m * 10 ** k
    return 10.0 ** (k + 1)


def nice_ceil(v: float, parts: int = 6) -> float:
    """``v`` rounded up to a multiple of a nice step about v/parts (axis limits that rarely change)."""
    if not (v > 0 and math.isfinite(v)):
        return 1.0
    step = nice_step(v / parts)
    return math.ceil(v / step - 1e-9) * step


_DECAY: dict[float, np.ndarray] = {}       # beta -> beta ** (1..EMA_BLOCK)
EMA_BLOCK = 256                            # beta^-256 stays far from overflow for beta >= 0.06


def ema(values: np.ndarray, beta: float, state: list[float]) -> np.ndarray:
    """Debiased exponential moving average of finite ``values`` (N,), continuing from
    ``state`` = [biased, count], which it updates. Vectorised in blocks of EMA_BLOCK:

        biased_t = beta^t * biased_0 + (1 - beta) * sum_{i<=t} beta^(t-i) * v_i
        ema_t    = biased_t / (1 - beta^(count_0 + t))
    """
    values = np.asarray(values, dtype=np.float64)
    if not np.isfinite(values).all():
        return _ema_skipping(values, beta, state)
    decay_all = _DECAY.get(beta)
    if decay_all is None:
        decay_all = _DECAY[beta] = beta ** np.arange(1, EMA_BLOCK + 1, dtype=np.float64)
    out = np.empty_like(values)
    for i0 in range(0, len(values), EMA_BLOCK):
        v = values[i0:i0 + EMA_BLOCK]
        decay = decay_all[:len(v)]                       # (n,) beta^t
        biased = decay * (state[0] + (1.0 - beta) * np.cumsum(v / decay))
        out[i0:i0 + len(v)] = biased / (1.0 - beta ** state[1] * decay)
        state[0], state[1] = float(biased[-1]), int(state[1]) + len(v)
    return out


def _ema_skipping(values: np.ndarray, beta: float, state: list[float]) -> np.ndarray:
    """``ema`` that leaves non-finite values out (NaN in the output); one step per value."""
    out = np.empty_like(values)
    biased, count = state
    for i, v in enumerate(values):
        if not math.isfinite(v):
            out[i] = math.nan
            continue
        biased = beta * biased + (1.0 - beta) * v
        count += 1
        out[i] = biased / (1.0 - beta ** count)
    state[0], state[1] = biased, count
    return out


def peak_downsample(x: np.ndarray, y: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ~2 points per pixel column: each bin's min and max, in the order they occurred.

    x (N,) increasing, y (N,) finite; returns (x_d, y_d) with every extreme of y kept.
    """
    n = len(x)
    if columns <= 0 or n <= 2 * columns:
        return x, y
    k = n // columns                                  # points per bin
    nb = n // k
    yb = y[:nb * k].reshape(nb, k)
    xb = x[:nb * k].reshape(nb, k)
    lo_i, hi_i = yb.argmin(axis=1), yb.argmax(axis=1)
    first = np.minimum(lo_i, hi_i)
    second = np.maximum(lo_i, hi_i)
    rows = np.arange(nb)
    xd = np.column_stack((xb[rows, first], xb[rows, second])).ravel()
    yd = np.column_stack((yb[rows, first], yb[rows, second])).ravel()
    if nb * k < n:                                    # the newest points, as they are
        xd = np.concatenate((xd, x[nb * k:]))
        yd = np.concatenate((yd, y[nb * k:]))
    return xd, yd
