"""Softmax cross-entropy, numerically stable (log-sum-exp), with the fused gradient.

    logits  (B, C) float    the output layer's pre-activations z
    y       (B,)   integer  class indices 0..C-1

``softmax(logits, out)`` -> (B, C) probabilities, rows sum to 1; the row
maximum is subtracted first, so no exponent overflows.

``cross_entropy(logits, y)`` -> mean over the batch of
``log(sum_j exp(z_j)) - z_y`` (float), computed as
``log(sum_j exp(z_j - m)) - (z_y - m)`` with ``m`` the row maximum.

``softmax_cross_entropy(logits, y, probs_out, grad_out)`` does both and the
backward pass in one go: it returns ``(loss, n_correct)`` and writes the
probabilities into ``probs_out`` and dL/dlogits = (probabilities - one_hot(y)) / B
into ``grad_out`` (``grad_out`` may be ``probs_out``; then it holds only the gradient;
``probs_out`` may be ``logits`` itself, which is then overwritten).
"""

from __future__ import annotations

import numpy as np


def softmax(logits: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Row-wise softmax of (B, C) or (C,) logits, shift-stabilised."""
    if out is None:
        out = np.empty_like(logits)
    m = np.max(logits, axis=-1, keepdims=True)
    np.subtract(logits, m, out=out)
    np.exp(out, out=out)
    s = np.sum(out, axis=-1, keepdims=True)
    np.divide(out, s, out=out)
    return out


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax via log-sum-exp (never takes the log of an underflowed 0)."""
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> float:
    """Mean cross-entropy of softmax(logits) against class indices ``y``."""
    logp = log_softmax(logits)
    return float(-np.mean(logp[np.arange(len(y)), y]))


class LossBuffers:
    """Preallocated scratch for ``softmax_cross_entropy`` at one batch size (no allocation per call).

    Constants are kept as 0-d arrays of the dtype: a Python number given to a
    ufunc costs about a microsecond to convert, more than the arithmetic on a
    (64, 10) array.
    """

    def __init__(self, batch: int, classes: int, dtype):
        self.row_offsets = np.arange(batch) * classes   # (B,) index of each row's first logit
        self.flat = np.empty(batch, np.intp)         # (B,) row * C + y
        self.pred = np.empty(batch, np.intp)         # (B,) arg-max class
        self.hit = np.empty(batch, bool)
        self.row_max = np.empty((batch, 1), dtype)
        self.row_sum = np.empty((batch, 1), dtype)
        self.z_y = np.empty(batch, dtype)            # (B,) shifted logit of the true class
        self.log_sum = np.empty((batch, 1), dtype)
        self.max_at = np.empty(batch, np.intp)       # (B,) flat index of each row's maximum
        self.ones = np.ones(classes, dtype)          # (C,) for row sums as a matrix-vector product
        self.ones_b = np.ones(batch, dtype)          # (B,) for the batch sum as a dot product
        self.row_max_flat = self.row_max.reshape(-1)
        self.row_sum_flat = self.row_sum.reshape(-1)
        self.log_sum_flat = self.log_sum.reshape(-1)
        self.batch = np.array(batch, dtype)          # 0-d constants (see above)
        self.inv_batch = np.array(1.0 / batch, dtype)
        self.minus_inv_batch = np.array(-1.0 / batch, dtype)
        self._flat_views: tuple = (None, None)        # (array, array.reshape(-1)) last seen

    def flat_view(self, a: np.ndarray) -> np.ndarray:
        """``a.reshape(-1)`` for a C-contiguous array, remembered for the array seen last."""
        seen, view = self._flat_views
        if seen is not a:
            view = a.reshape(-1)
            self._flat_views = (a, view)
        return view


def softmax_cross_entropy(logits: np.ndarray, y: np.ndarray, probs_out: np.ndarray,
                          grad_out: np.ndarray, buffers: LossBuffers | None = None) -> tuple[float, int]:
    """Forward and fused backward of the mean softmax cross-entropy.

    logits (B, C); y (B,) int; probs_out, grad_out (B, C) of the logits' dtype
    (C-contiguous); ``buffers`` optional preallocated scratch for batch B.
    Returns (mean loss, number of rows whose arg-max equals y).
    (Written as few NumPy calls as possible: on (64, 10) arrays each call's
    overhead costs more than its arithmetic.)
    """
    b, c = logits.shape
    buf = buffers if buffers is not None else LossBuffers(b, c, logits.dtype)
    flat_logits = logits.reshape(-1) if logits is not probs_out else buf.flat_view(logits)
    flat_probs = buf.flat_view(probs_out)
    pred = logits.argmax(axis=1, out=buf.pred)
    correct = int(np.count_nonzero(np.equal(pred, y, out=buf.hit)))
    # the row maxima gathered at the arg-max (cheaper than a max reduction over 10 columns)
    flat_logits.take(np.add(buf.row_offsets, pred, out=buf.max_at), out=buf.row_max_flat)
    np.subtract(logits, buf.row_max, out=probs_out)                        # shifted z - m <= 0
    flat = np.add(buf.row_offsets, y, out=buf.flat, casting="unsafe")      # flat index of (row, y)
    z_y = flat_probs.take(flat, out=buf.z_y)                               # (B,) shifted z_y
    np.exp(probs_out, out=probs_out)
    s = buf.row_sum                                                        # (B, 1), >= 1
    np.matmul(probs_out, buf.ones, out=buf.row_sum_flat)                   # (B, C) @ (C,) -> (B,)
    # mean over rows of log(sum_j exp(z_j - m)) - (z_y - m)
    per_row = np.log(buf.row_sum_flat, out=buf.log_sum_flat)               # (B,)
    np.subtract(per_row, z_y, out=per_row)
    loss = float(np.vdot(per_row, buf.ones_b)) / b                         # a BLAS dot: one call
    if grad_out is probs_out:                  # the training path: only the gradient is wanted
        np.multiply(s, buf.batch, out=s)
        np.divide(probs_out, s, out=probs_out)                             # p / B
        flat_grad = flat_probs
    else:
        np.divide(probs_out, s, out=probs_out)                             # p
        np.multiply(probs_out, buf.inv_batch, out=grad_out)                # p / B
        flat_grad = grad_out.reshape(-1)
    np.add.at(flat_grad, flat, buf.minus_inv_batch)                        # (p - one_hot(y)) / B
    return loss, correct
