"""The training images nearest to an input in a hidden layer's space ("it looks like these to me").

    index = NeighbourIndex.build(model, inputs_train, y_train)          # once per set of weights
    near = index.nearest(model, x, k=5)     # Neighbours: indices, distances, labels, nearest first

The training set's activations in the last hidden layer (or any ``layer``) are
computed once (``hidden.hidden_activations``) and kept as a read-only
(N, h) float32 matrix with its row norms. A query is then one matrix-vector
product (``(N, h) @ (h,) -> (N,)``) and a partial sort: 0.13 ms for 4,050
images of 64 features, 1.4-7.6 ms for 54,000 (one BLAS thread, a busy 2-core
machine: ``benchmarks/trust_latency.py``). Both metrics come from the same product:

    "cosine"     1 - cos(angle) between the activation vectors (0 = same
                 direction, 2 = opposite; a zero vector is at distance 1 from
                 everything). Insensitive to how strongly the layer fires
                 overall, so thin and bold versions of a digit are close.
    "euclidean"  ||a - q||, from ||a||^2 - 2 a.q + ||q||^2.

``kth_distances(features, k, metric)`` gives, for a batch of queries, the
distance to their k-th nearest training image; ``ood`` uses it as a score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .hidden import hidden_activations, layer_index
from .network import MLP

METRICS = ("cosine", "euclidean")
QUERY_CHUNK = 512           # queries per (B, h) @ (h, N) product in kth_distances (bounds memory)


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


def _check_metric(metric: str) -> None:
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}: use {' or '.join(METRICS)}")


@dataclass(frozen=True)
class Neighbours:
    """The k training images nearest to one input, nearest first (read-only arrays).

    indices    (k,) int64: rows of the training set the index was built from
    distances  (k,) float32: in the metric asked for, ascending
    labels     (k,) uint8: their labels
    """

    indices: np.ndarray
    distances: np.ndarray
    labels: np.ndarray


@dataclass(frozen=True)
class NeighbourIndex:
    """A training set's activations in one hidden layer, ready for nearest-neighbour queries.

    features   (N, h) float32: the activations, one row per training image
    norms      (N,) float32: their Euclidean norms
    labels     (N,) uint8
    layer      the hidden layer (non-negative index)
    """

    features: np.ndarray
    norms: np.ndarray
    labels: np.ndarray
    layer: int

    @classmethod
    def build(cls, model: MLP, inputs: np.ndarray, labels: np.ndarray, *, layer: int = -1) -> "NeighbourIndex":
        """Index ``inputs`` (N, n_inputs) with their ``labels`` (N,) by ``model``'s activations."""
        if len(inputs) != len(labels) or len(inputs) == 0:
            raise ValueError(f"need as many labels as images, at least one: got {len(inputs)} and {len(labels)}")
        return cls.from_features(hidden_activations(model, inputs, layer), labels,
                                 layer=layer_index(model, layer))

    @classmethod
    def from_features(cls, features: np.ndarray, labels: np.ndarray, *, layer: int = -1) -> "NeighbourIndex":
        """An index over precomputed activations (N, h) and labels (N,)."""
        feats = np.array(features, np.float32)
        norms = np.sqrt(np.einsum("ij,ij->i", feats, feats))           # (N,)
        return cls(_readonly(feats), _readonly(norms), _readonly(np.asarray(labels, np.uint8)), int(layer))

    def __len__(self) -> int:
        return len(self.labels)

    def distances(self, query: np.ndarray, metric: str = "cosine") -> np.ndarray:
        """Distances (N,) float32 from one activation vector (h,), or (B, N) from a batch (B, h)."""
        _check_metric(metric)
        q = np.asarray(query, np.float32)
        dots = q @ self.features.T                     # (B, h) @ (h, N) -> (B, N), or (h,) -> (N,)
        qn = np.sqrt(np.einsum("...i,...i->...", q, q))[..., None]
        return self._from_dots(dots, qn, metric)

    def _from_dots(self, dots: np.ndarray, qn: np.ndarray, metric: str) -> np.ndarray:
        """Distances from the products with the rows (B, N) and the queries' norms (B, 1)."""
        if metric == "cosine":
            denom = qn * self.norms
            cos = np.divide(dots, denom, out=np.zeros_like(dots), where=denom > 0)  # a zero vector: cos 0
            return (1.0 - cos).astype(np.float32, copy=False)
        sq = self.norms * self.norms - 2.0 * dots + qn * qn
        return np.sqrt(np.maximum(sq, 0.0, out=sq), out=sq).astype(np.float32, copy=False)

    def nearest_to_features(self, query: np.ndarray, k: int = 5, metric: str = "cosine") -> Neighbours:
        """The k nearest training images to one activation vector (h,), ties broken by index."""
        d = self.distances(query, metric)              # (N,)
        k = max(1, min(int(k), len(d)))
        part = np.argpartition(d, k - 1)[:k] if k < len(d) else np.arange(len(d))
        # argpartition may leave out an index tied with the k-th: take every tie, then sort
        part = np.flatnonzero(d <= d[part].max())
        order = part[np.lexsort((part, d[part]))][:k]
        return Neighbours(_readonly(order.astype(np.int64)), _readonly(d[order]), _readonly(self.labels[order]))

    def nearest(self, model: MLP, x: np.ndarray, k: int = 5, metric: str = "cosine") -> Neighbours:
        """The k nearest training images to input ``x`` (n_inputs,) seen through ``model``."""
        feats = hidden_activations(model, np.asarray(x).reshape(-1), self.layer)   # (h,)
        return self.nearest_to_features(feats, k, metric)

    def kth_distances(self, features: np.ndarray, k: int = 1, metric: str = "cosine") -> np.ndarray:
        """(B,) float32: each query's (B, h) distance to its k-th nearest training image."""
        return self.kth_distances_many(features, ((metric, k),))[0]

    def kth_distances_many(self, features: np.ndarray, wants) -> list[np.ndarray]:
        """Several (metric, k) at once from one product per chunk: a list of (B,) float32."""
        for metric, _ in wants:
            _check_metric(metric)
        q = np.asarray(features, np.float32)
        outs = [np.empty(len(q), np.float32) for _ in wants]
        for s in range(0, len(q), QUERY_CHUNK):
            chunk = q[s:s + QUERY_CHUNK]
            dots = chunk @ self.features.T                             # (b, h) @ (h, N) -> (b, N)
            qn = np.sqrt(np.einsum("ij,ij->i", chunk, chunk))[:, None]
            for out, (metric, k) in zip(outs, wants):
                k = max(1, min(int(k), len(self)))
                d = self._from_dots(dots, qn, metric)                   # (b, N)
                out[s:s + QUERY_CHUNK] = np.partition(d, k - 1, axis=1)[:, k - 1]
        return outs
