"""The map of what the network has learned: a hidden layer's activations projected to 2-D by PCA.

    m = fit_map(features)                       # features (N, h): e.g. the validation images'
    points = m.project(features)                # (N, 2): one point per image, coloured by class
    marker = m.project(hidden_activations(model, x, m.layer))   # (2,): the drawing

or in one go from a model: ``m, points = map_of(model, inputs_val, layer=-1)``; a map on screen
shows at most ``MAX_SHOWN`` images, the fixed subsample ``shown_indices(N)``.

PCA: the mean of the features is subtracted and the two directions of largest
variance are the first two right singular vectors of the centred matrix
(``np.linalg.svd``, thin). At most ``MAX_FIT_POINTS`` rows are used for the
fit (a seeded random subsample), so the SVD costs the same on 450 or 6,000
validation images; every point is still projected. A whole refit, forward pass
included, took 7-14 ms for 450 images and 50-70 ms for 6,000 (last hidden
layer, one BLAS thread, on a busy 2-core machine: ``benchmarks/trust_latency.py``),
cheap enough to redo every few seconds while training, off the GUI thread.

A direction's sign is arbitrary. So that the picture does not flip between two
refits while training, ``fit_map(..., previous=m)`` turns each new direction
to agree with the previous map's (positive dot product); without a previous
map, each direction's largest loading is made positive.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .hidden import hidden_activations, layer_index
from .network import MLP

MAX_FIT_POINTS = 2000
MAX_SHOWN = 2000          # at most this many images are drawn on the map (a fixed subsample)


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class HiddenMap:
    """A fitted 2-D PCA of one hidden layer (read-only arrays).

    mean        (h,) float64: the features' mean
    components  (2, h) float64: the two principal directions, unit length, orthogonal
    explained   (2,) float64: the share of the variance along each (0..1)
    layer       the hidden layer the map was fitted on (-1 when unknown)
    """

    mean: np.ndarray
    components: np.ndarray
    explained: np.ndarray
    layer: int = -1

    def project(self, features: np.ndarray) -> np.ndarray:
        """(N, h) -> (N, 2) float32, or (h,) -> (2,): coordinates on the map."""
        f = np.asarray(features, np.float64)
        return ((f - self.mean) @ self.components.T).astype(np.float32)   # (N, h) @ (h, 2) -> (N, 2)

    def project_input(self, model: MLP, x: np.ndarray) -> np.ndarray:
        """Where one input (n_inputs,) lands on the map: (2,) float32."""
        return self.project(hidden_activations(model, np.asarray(x).reshape(-1), self.layer))


def fit_map(features: np.ndarray, *, layer: int = -1, max_points: int = MAX_FIT_POINTS, seed: int = 0,
            previous: HiddenMap | None = None) -> HiddenMap:
    """Fit the 2-D PCA of ``features`` (N, h), N >= 1, on at most ``max_points`` rows."""
    f = np.asarray(features, np.float64)
    if f.ndim != 2 or len(f) == 0:
        raise ValueError(f"need features (N, h) with N >= 1, got shape {f.shape}")
    if len(f) > max_points:
        f = f[np.sort(np.random.default_rng(seed).choice(len(f), max_points, replace=False))]
    mean = f.mean(axis=0)
    centred = f - mean
    _, s, vt = np.linalg.svd(centred, full_matrices=False)           # vt (r, h), r = min(N, h)
    comps = np.zeros((2, f.shape[1]))
    comps[:min(2, len(vt))] = vt[:2]
    var = s * s
    explained = np.zeros(2)
    if var.sum() > 0:
        explained[:min(2, len(var))] = var[:2] / var.sum()
    for i in range(2):
        if previous is not None and previous.components.shape == comps.shape:
            flip = float(comps[i] @ previous.components[i]) < 0
        else:
            flip = comps[i][np.argmax(np.abs(comps[i]))] < 0
        if flip:
            comps[i] = -comps[i]
    return HiddenMap(_readonly(mean), _readonly(comps), _readonly(explained), int(layer))


def map_of(model: MLP, inputs: np.ndarray, layer: int = -1, *, previous: HiddenMap | None = None,
           max_points: int = MAX_FIT_POINTS) -> tuple[HiddenMap, np.ndarray]:
    """Fit the map of ``inputs`` (N, n_inputs) in ``model``'s hidden ``layer``; (map, points (N, 2))."""
    feats = hidden_activations(model, inputs, layer)                  # (N, h)
    m = fit_map(feats, layer=layer_index(model, layer), max_points=max_points, previous=previous)
    return m, m.project(feats)


def shown_indices(n: int, max_points: int = MAX_SHOWN, seed: int = 0) -> np.ndarray:
    """Which of ``n`` images a map shows: all of them, or a fixed seeded subsample of ``max_points``
    (sorted indices, the same for every refit, so each point stays the same image)."""
    if n <= max_points:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, max_points, replace=False))
