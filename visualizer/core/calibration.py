"""Calibrated confidence: temperature scaling fitted on the validation set (Guo et al. 2017).

A network trained to low loss is usually over-confident: of the images it
calls "99 % sure", fewer than 99 % are right. Temperature scaling divides the
logits by one scalar T > 0 before the softmax, chosen to minimise the negative
log-likelihood (NLL) of the validation labels. The predicted class never
changes (dividing by T keeps the order of the logits); only how sure it says
it is.

    cal = fit_temperature(val_logits, val_labels)     # Calibration, frozen
    p = cal.probabilities(logits)                     # softmax(z / T)
    cal.temperature, cal.nll_before, cal.nll_after, cal.ece_before, cal.ece_after

The fit is a golden-section search on log T over [``LOG_T_MIN``, ``LOG_T_MAX``]
(T from 0.05 to 20) in float64. The NLL is a convex function of 1/T, so it has
one minimum along log T too and the search cannot be trapped; it stops when the
bracket is narrower than ``TOL`` in log T (T to about 1e-6 relative).

The expected calibration error (``expected_calibration_error``) sorts the
images into ``N_BINS`` = 15 equal-width bins by confidence (the largest
probability; bin b holds (b/15, (b+1)/15], the first also holds 0) and sums,
over the bins, the share of images in the bin times |accuracy - mean
confidence| in it: 0 for a perfectly calibrated network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

N_BINS = 15
LOG_T_MIN, LOG_T_MAX = math.log(0.05), math.log(20.0)
TOL = 1e-6
_INV_PHI = (math.sqrt(5.0) - 1.0) / 2.0        # 0.618...


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """(N, K) float64 -> (N, K) log-probabilities (shifted by the row maximum: never overflows)."""
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def softmax_t(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """softmax(z / T): (N, K) or (K,) logits -> probabilities of the same shape, float64."""
    z = np.asarray(logits, np.float64) / float(temperature)
    return np.exp(_log_softmax(z))


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood (nats) of ``labels`` (N,) under softmax(logits (N, K) / T)."""
    z = np.asarray(logits, np.float64) / float(temperature)
    y = np.asarray(labels, np.int64)
    return float(-_log_softmax(z)[np.arange(len(y)), y].mean())


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, n_bins: int = N_BINS) -> float:
    """ECE of probabilities (N, K) against labels (N,) over ``n_bins`` equal-width confidence bins."""
    p = np.asarray(probabilities, np.float64)
    y = np.asarray(labels, np.int64)
    if len(y) == 0:
        return float("nan")
    conf = p.max(axis=1)                                         # (N,)
    correct = (p.argmax(axis=1) == y).astype(np.float64)         # (N,)
    bins = np.clip(np.ceil(conf * n_bins).astype(np.int64) - 1, 0, n_bins - 1)   # (b/n, (b+1)/n] -> b
    gap = np.bincount(bins, correct - conf, minlength=n_bins)     # per bin: sum(acc) - sum(conf)
    return float(np.abs(gap).sum() / len(y))


@dataclass(frozen=True)
class Calibration:
    """A fitted temperature and what it did on the validation set it was fitted on.

    temperature   T > 0 (above 1: the network was over-confident)
    nll_before    validation NLL (nats) at T = 1;   nll_after at T
    ece_before    validation ECE (0..1) at T = 1;   ece_after at T
    n             how many validation images it was fitted on
    """

    temperature: float
    nll_before: float
    nll_after: float
    ece_before: float
    ece_after: float
    n: int

    def probabilities(self, logits: np.ndarray) -> np.ndarray:
        """Calibrated probabilities softmax(z / T), (N, K) or (K,) float64."""
        return softmax_t(logits, self.temperature)


IDENTITY = Calibration(1.0, float("nan"), float("nan"), float("nan"), float("nan"), 0)


def _golden_section(f, lo: float, hi: float, tol: float) -> float:
    """The minimiser of a unimodal f on [lo, hi], to within ``tol``."""
    a, b = lo, hi
    c, d = b - _INV_PHI * (b - a), a + _INV_PHI * (b - a)
    fc, fd = f(c), f(d)
    while b - a > tol:
        if fc <= fd:
            b, d, fd = d, c, fc
            c = b - _INV_PHI * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + _INV_PHI * (b - a)
            fd = f(d)
    return (a + b) / 2.0


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> Calibration:
    """The temperature minimising the NLL of ``labels`` (N,) under softmax(``logits`` (N, K) / T)."""
    z = np.asarray(logits, np.float64)
    y = np.asarray(labels, np.int64)
    if z.ndim != 2 or len(z) != len(y):
        raise ValueError(f"need logits (N, K) and labels (N,), got {z.shape} and {y.shape}")
    if len(y) == 0:
        raise ValueError("no validation images to fit a temperature on")
    log_t = _golden_section(lambda s: nll(z, y, math.exp(s)), LOG_T_MIN, LOG_T_MAX, TOL)
    t = math.exp(log_t)
    return Calibration(temperature=t, nll_before=nll(z, y), nll_after=nll(z, y, t),
                       ece_before=expected_calibration_error(softmax_t(z), y),
                       ece_after=expected_calibration_error(softmax_t(z, t), y), n=len(y))
