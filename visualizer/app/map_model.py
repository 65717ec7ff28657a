"""What the Map view shows, without Qt: the validation images in a hidden layer, projected to 2-D.

    shown = map_for(snapshot, data, layer, previous=None)   # MapShown: off the GUI thread, per refit
    xy = marker_of(shown, x)                                 # (2,): where an input (the drawing) lands

Every number comes from ``visualizer.core.hidden_map`` (the PCA the tests
compare with NumPy's SVD): the map is fitted on the fixed subsample
``shown_indices`` of the validation images (at most ``MAX_SHOWN``), with each
new direction turned to agree with the previous map's so that the picture does
not flip between refits. ``marker_of`` projects one input with the very
weights and basis of the map (one forward pass: tens of microseconds).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from visualizer.core.blas import blas_thread_limit
from visualizer.core.hidden import hidden_activations, layer_index
from visualizer.core.hidden_map import HiddenMap, fit_map, shown_indices


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class MapShown:
    """One fitted map and its points (read-only arrays; not to be changed after fitting).

    hidden_map   the PCA basis (``core.hidden_map.HiddenMap``); its ``layer`` is the hidden layer
    model        the engine MLP of the snapshot the map was fitted with (projects the drawing)
    points       (n, 2) float32: where each shown validation image lands
    indices      (n,) int64: which validation images (into ``RunData.x_val``) they are
    labels       (n,) int64: their true classes;  predictions (n,) int64: the network's answers
    step         the training step of the snapshot
    x_val        (n_total, 28, 28) uint8: the validation images (the data's own array, shared)
    n_total      how many validation images there are (n of them are shown)
    class_names  one name per class
    """

    hidden_map: HiddenMap
    model: object
    points: np.ndarray
    indices: np.ndarray
    labels: np.ndarray
    predictions: np.ndarray
    step: int
    x_val: np.ndarray
    n_total: int
    class_names: tuple[str, ...]

    @property
    def layer(self) -> int:
        return self.hidden_map.layer


def map_for(snapshot, data, layer: int = -1, previous: MapShown | None = None) -> MapShown:
    """Fit the map of ``data``'s validation images (a RunData) in hidden ``layer`` of ``snapshot``'s
    weights; ``previous`` (the map on screen, of the same layer) keeps the axes' directions."""
    from .views.state import model_from_snapshot

    model = model_from_snapshot(snapshot)
    layer = layer_index(model, layer)
    idx = shown_indices(len(data.y_val))
    x = np.asarray(data.inputs_val)[idx]                                   # (n, 784)
    with blas_thread_limit(1):
        feats = hidden_activations(model, x, layer)                       # (n, h)
        before = previous.hidden_map if previous is not None and previous.layer == layer else None
        m = fit_map(feats, layer=layer, previous=before)
        preds = np.argmax(model.logits(x), axis=1) if len(x) else np.zeros(0, np.int64)   # (n, K) -> (n,)
    names = tuple(data.class_names) or tuple(str(i) for i in range(model.sizes[-1]))
    return MapShown(m, model, _readonly(m.project(feats)), _readonly(idx.astype(np.int64)),
                    _readonly(np.asarray(data.y_val, np.int64)[idx]), _readonly(preds.astype(np.int64)),
                    int(snapshot.step), data.x_val, int(len(data.y_val)), names)


def marker_of(shown: MapShown, x: np.ndarray) -> np.ndarray:
    """Where input ``x`` (784,) lands on ``shown``'s map: (2,) float32 (one forward pass)."""
    with blas_thread_limit(1):
        return shown.hidden_map.project_input(shown.model, np.asarray(x, np.float32).reshape(-1))


def nearest_point(points: np.ndarray, xy: tuple[float, float], scale: tuple[float, float],
                  radius: float) -> int | None:
    """The index of the point of ``points`` (n, 2) nearest to ``xy`` when it lies within ``radius``
    after dividing each axis by ``scale`` (data units per pixel: ``radius`` is in pixels)."""
    if len(points) == 0:
        return None
    d = (points - np.asarray(xy, np.float64)) / np.asarray(scale, np.float64)     # (n, 2) in pixels
    d2 = np.einsum("ij,ij->i", d, d)
    i = int(np.argmin(d2))
    return i if d2[i] <= radius * radius else None
