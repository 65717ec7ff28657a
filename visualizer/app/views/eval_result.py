"""Predictions of a network on a labelled image set, and what the evaluation view asks of them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EvalResult:
    """Predictions on a labelled image set (read-only arrays).

    images       (N, 28, 28) uint8
    labels       (N,) int true classes
    predictions  (N,) int64
    confidence   (N,) float32 probability of the predicted class
    """

    images: np.ndarray
    labels: np.ndarray
    predictions: np.ndarray
    confidence: np.ndarray
    class_names: tuple[str, ...]
    set_name: str            # "validation" | "test"
    title: str               # where it came from, e.g. "after epoch 3"

    @property
    def accuracy(self) -> float:
        n = len(self.labels)
        return float(np.mean(self.labels.astype(np.int64) == self.predictions)) if n else float("nan")

    def confusion(self) -> np.ndarray:
        """(K, K) int64 counts, rows true class, columns predicted class."""
        k = len(self.class_names)
        idx = self.labels.astype(np.int64) * k + self.predictions.astype(np.int64)
        return np.bincount(idx, minlength=k * k).reshape(k, k)

    def cell(self, true: int, pred: int) -> np.ndarray:
        """Indices of the images of one cell, most confident first."""
        idx = np.flatnonzero((self.labels == true) & (self.predictions == pred))
        return idx[np.argsort(-self.confidence[idx], kind="stable")]

    def mistakes(self) -> np.ndarray:
        """Indices of misclassified images, most confident mistakes first."""
        idx = np.flatnonzero(self.labels.astype(np.int64) != self.predictions)
        return idx[np.argsort(-self.confidence[idx], kind="stable")]
