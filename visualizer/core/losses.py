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
into ``grad_out`` (``grad_out`` may be ``probs_out``; then it holds the gradient).
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


def softmax_cross_entropy(logits: np.ndarray, y: np.ndarray, probs_out: np.ndarray,
                          grad_out: np.ndarray, rows: np.ndarray | None = None) -> tuple[float, int]:
    """Forward and fused backward of the mean softmax cross-entropy.

    logits (B, C); y (B,) int; probs_out, grad_out (B, C) of the logits' dtype;
    ``rows`` optionally a preallocated ``np.arange(B)``.
    Returns (mean loss, number of rows whose arg-max equals y).
    """
    b = logits.shape[0]
    if rows is None:
        rows = np.arange(b)
    correct = int(np.count_nonzero(np.argmax(logits, axis=1) == y))
    m = np.max(logits, axis=1, keepdims=True)                    # (B, 1)
    np.subtract(logits, m, out=probs_out)                        # shifted z - m <= 0
    z_y = probs_out[rows, y]                                     # (B,) shifted logit of the true class
    np.exp(probs_out, out=probs_out)
    s = np.sum(probs_out, axis=1, keepdims=True)                 # (B, 1), >= 1
    loss = float(np.mean(np.log(s[:, 0]) - z_y, dtype=np.float64))
    np.divide(probs_out, s, out=probs_out)
    if grad_out is not probs_out:
        np.copyto(grad_out, probs_out)
    grad_out[rows, y] -= 1.0
    np.multiply(grad_out, 1.0 / b, out=grad_out)
    return loss, correct
