"""The map of a hidden layer (visualizer.core.hidden_map): PCA as NumPy's SVD computes it."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core.config import NetworkConfig
from visualizer.core.hidden import hidden_activations
from visualizer.core.hidden_map import MAX_SHOWN, HiddenMap, fit_map, map_of, shown_indices
from visualizer.core.network import MLP


def _model(hidden=(24, 12), seed=0) -> MLP:
    return MLP(NetworkConfig(hidden=hidden), rng=np.random.default_rng(seed))


def _inputs(n=300, seed=1) -> np.ndarray:
    return np.random.default_rng(seed).random((n, 784)).astype(np.float32)


@pytest.mark.parametrize("layer", [0, 1, -1])
def test_the_map_is_the_pca_numpy_svd_computes(layer):
    model, x = _model(), _inputs()
    m, points = map_of(model, x, layer)
    feats = hidden_activations(model, x, layer).astype(np.float64)          # (N, h)
    centred = feats - feats.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    for i in range(2):                         # the same directions up to their sign
        assert abs(float(m.components[i] @ vt[i])) == pytest.approx(1.0, abs=1e-9)
    expected = centred @ vt[:2].T                                          # (N, h) @ (h, 2) -> (N, 2)
    signs = np.sign(np.sum(expected * points, axis=0))
    np.testing.assert_allclose(points, expected * signs, atol=1e-4)
    np.testing.assert_allclose(m.explained, s[:2] ** 2 / np.sum(s ** 2), rtol=1e-9)
    assert m.layer == layer % 2


def test_each_refit_keeps_the_direction_of_the_previous_map():
    model, x = _model(), _inputs()
    before = fit_map(hidden_activations(model, x))
    later = hidden_activations(model, x + 0.01)                            # the next snapshot's features
    free = fit_map(later)
    for previous in (before, HiddenMap(before.mean, -before.components, before.explained, 1)):
        aligned = fit_map(later, previous=previous)
        assert np.all(np.sum(aligned.components * previous.components, axis=1) > 0.9)
        np.testing.assert_allclose(np.abs(aligned.components), np.abs(free.components), atol=1e-12)


def test_the_drawing_lands_where_its_activations_project():
    model, x = _model(), _inputs()
    m, points = map_of(model, x)
    np.testing.assert_allclose(m.project_input(model, x[7]), points[7], atol=1e-5)


def test_the_shown_subsample_is_fixed_and_bounded():
    assert np.array_equal(shown_indices(50), np.arange(50))
    big = shown_indices(10_000)
    assert len(big) == MAX_SHOWN and np.all(np.diff(big) > 0) and big[-1] < 10_000
    assert np.array_equal(big, shown_indices(10_000))
