"""Evaluating a network on labelled images: the one implementation every screen uses.

``evaluate(model, inputs, labels)`` gives an ``Evaluation``: the mean
cross-entropy (computed from the logits by log-sum-exp, so it is finite however
wrong the network is), the accuracy, every image's predicted class and the
probability the network gave it (its confidence), and the confusion matrix.
The training loop's end-of-epoch figures, ``visualizer evaluate``, the final
figures of ``visualizer train`` and the app's evaluation view all come from
here, so they agree to the last digit on the same weights and images.

Everything is computed in eval mode (no dropout), in chunks of ``chunk``
images so memory stays bounded on any dataset size, with one BLAS thread: the
training loop's products run on one thread, and the same summation order makes
a figure reproduce to the last bit (two threads split a product differently).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .blas import blas_thread_limit

EVAL_CHUNK = 4096          # images per forward pass: bounds memory (as MLP.logits does)


@dataclass(frozen=True)
class Evaluation:
    """A network's results on N labelled images (all arrays read-only).

    loss         mean cross-entropy in nats (NaN when N = 0)
    accuracy     fraction of images whose predicted class is the label, 0..1 (NaN when N = 0)
    predictions  (N,) int64: the predicted class of each image
    confidence   (N,) float32: the probability of the predicted class, 0..1
    confusion    (K, K) int64: [i, j] = images of true class i predicted as j
    """

    loss: float
    accuracy: float
    predictions: np.ndarray
    confidence: np.ndarray
    confusion: np.ndarray

    @property
    def count(self) -> int:
        return int(len(self.predictions))

    def per_class_accuracy(self) -> np.ndarray:
        """(K,) float64: the accuracy on each true class (NaN for a class with no images)."""
        counts = self.confusion.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts > 0, np.diag(self.confusion) / np.maximum(counts, 1), np.nan)


def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray, n_classes: int) -> np.ndarray:
    """(K, K) int64: [i, j] = how many images of true class i were predicted as j."""
    y = np.asarray(labels, np.int64)
    p = np.asarray(predictions, np.int64)
    return np.bincount(y * n_classes + p, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def evaluate(model, inputs: np.ndarray, labels: np.ndarray, *, chunk: int = EVAL_CHUNK,
             cancelled: Callable[[], bool] = lambda: False) -> Evaluation:
    """``model``'s eval-mode results on ``inputs`` (N, n_in) float32 with ``labels`` (N,) class indices.

    ``model`` is an ``MLP`` (its ``logits`` give (B, K)). ``cancelled()`` is polled
    between chunks; when it turns True, ``RuntimeError("cancelled")`` ends the work.
    """
    y = np.asarray(labels).astype(np.int64, copy=False)
    n, k = len(inputs), int(model.sizes[-1])
    preds = np.empty(n, np.int64)
    conf = np.empty(n, np.float32)
    total = 0.0
    with blas_thread_limit(1):
        for s in range(0, n, chunk):
            if cancelled():
                raise RuntimeError("cancelled")
            z = np.asarray(model.logits(inputs[s:s + chunk]), dtype=np.float64)   # (b, K)
            z -= z.max(axis=1, keepdims=True)
            lse = np.log(np.exp(z).sum(axis=1))                                   # (b,)
            rows = np.arange(len(z))
            total += float(np.sum(lse - z[rows, y[s:s + chunk]]))
            top = np.argmax(z, axis=1)                                            # (b,)
            preds[s:s + len(z)] = top
            conf[s:s + len(z)] = np.exp(z[rows, top] - lse)
    loss = total / n if n else float("nan")
    accuracy = float(np.mean(preds == y)) if n else float("nan")
    return Evaluation(loss, accuracy, _frozen(preds), _frozen(conf),
                      _frozen(confusion_matrix(y, preds, k)))
