"""Nearest training images in a hidden layer (neighbours) and the 2-D map (hidden_map)."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core.config import NetworkConfig
from visualizer.core.hidden import hidden_activations
from visualizer.core.hidden_map import fit_map, map_of
from visualizer.core.network import MLP
from visualizer.core.neighbours import NeighbourIndex


@pytest.fixture
def model():
    return MLP(NetworkConfig(hidden=(32, 16)), rng=np.random.default_rng(3))


@pytest.fixture
def data():
    rng = np.random.default_rng(4)
    return rng.random((300, 784), dtype=np.float32), rng.integers(0, 10, 300).astype(np.uint8)


def _brute(train_feats, q, metric):
    out = []
    for f in train_feats.astype(np.float64):
        if metric == "cosine":
            nf, nq = np.linalg.norm(f), np.linalg.norm(q)
            out.append(1.0 - (f @ q / (nf * nq) if nf > 0 and nq > 0 else 0.0))
        else:
            out.append(np.linalg.norm(f - q))
    return np.array(out)


@pytest.mark.parametrize("metric", ["cosine", "euclidean"])
@pytest.mark.parametrize("layer", [0, -1])
def test_nearest_equals_a_brute_force_search(model, data, metric, layer):
    x, y = data
    index = NeighbourIndex.build(model, x, y, layer=layer)
    train_feats = np.stack([model.trace(row).activations[layer] for row in x])   # one by one
    for q_in in np.random.default_rng(5).random((5, 784), dtype=np.float32):
        q = model.trace(q_in).activations[layer].astype(np.float64)
        d = _brute(train_feats, q, metric)
        near = index.nearest(model, q_in, k=7, metric=metric)
        # the images returned are the 7 nearest (float32 may order near-ties differently)
        assert np.allclose(d[near.indices], np.sort(d)[:7], atol=2e-5)
        assert np.allclose(near.distances, np.sort(d)[:7], atol=2e-5)
        assert len(set(near.indices.tolist())) == 7
        assert np.array_equal(near.labels, y[near.indices])
        assert np.allclose(index.kth_distances(q[None], 3, metric), np.sort(d)[2], atol=2e-4)


def test_a_training_image_is_its_own_nearest_neighbour(model, data):
    x, y = data
    index = NeighbourIndex.build(model, x, y)
    near = index.nearest(model, x[42], k=1, metric="euclidean")
    assert near.indices[0] == 42 and near.distances[0] == pytest.approx(0.0, abs=1e-3)


def test_zero_activations_are_at_cosine_distance_one():
    index = NeighbourIndex.from_features(np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 2.0]]), np.array([1, 2, 3]))
    assert np.allclose(index.distances(np.zeros(2)), 1.0)
    assert np.allclose(index.distances(np.array([3.0, 0.0])), [0.0, 1.0, 1.0])


def test_index_is_read_only_and_k_is_clamped(model, data):
    x, y = data
    index = NeighbourIndex.build(model, x[:4], y[:4])
    assert not index.features.flags.writeable and not index.labels.flags.writeable
    assert len(index.nearest(model, x[0], k=50).indices) == 4


def _plain_pca(f):
    c = f - f.mean(0)
    vals, vecs = np.linalg.eigh(np.cov(c, rowvar=False))
    top = vecs[:, np.argsort(vals)[::-1][:2]]               # (h, 2)
    return c @ top, vals[np.argsort(vals)[::-1][:2]] / vals.sum()


def test_projection_equals_a_plain_numpy_pca(model, data):
    x, _ = data
    feats = hidden_activations(model, x, 0).astype(np.float64)
    m = fit_map(feats)
    ref, ratio = _plain_pca(feats)
    got = m.project(feats)
    for i in range(2):                                       # a direction's sign is a convention
        sign = np.sign(got[:, i] @ ref[:, i])
        assert np.allclose(got[:, i], sign * ref[:, i], atol=1e-4)
    assert np.allclose(m.explained, ratio)
    assert np.allclose(m.components @ m.components.T, np.eye(2), atol=1e-10)


def test_map_of_a_model_projects_a_new_input_like_the_points(model, data):
    x, _ = data
    m, points = map_of(model, x, layer=-1)
    assert points.shape == (300, 2)
    assert np.allclose(m.project_input(model, x[7]), points[7], atol=1e-5)


def test_subsampled_fit_and_signs_follow_the_previous_map(data):
    x, _ = data
    rng = np.random.default_rng(9)
    feats = rng.normal(size=(5000, 6)) * [5, 3, 1, 1, 1, 1]
    m = fit_map(feats, max_points=800)
    assert np.allclose(np.abs(m.components[:, :2]), np.eye(2), atol=0.1)     # the axes of largest variance
    flipped = fit_map(feats, previous=type(m)(m.mean, -m.components, m.explained))
    assert np.all(np.einsum("ij,ij->i", flipped.components, -m.components) > 0.9)


def test_a_layer_that_does_not_exist_is_named(model, data):
    x, y = data
    with pytest.raises(ValueError, match="hidden layer 2 does not exist"):
        NeighbourIndex.build(model, x, y, layer=2)
    flat = MLP(NetworkConfig(hidden=()), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="no hidden layer"):
        hidden_activations(flat, x)
