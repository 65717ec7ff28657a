"""The loss landscape's core: directions, the fast slice against plain float64 passes, refinement."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import landscape, landscape_grid, landscape_profile
from visualizer.core.checkpoint import Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import load_dataset
from visualizer.core.evaluation import evaluate
from visualizer.core.landscape import pca_directions, project, random_directions
from visualizer.core.landscape_grid import Slice, compute_grid, refine
from visualizer.core.network import MLP
from visualizer.core.runsetup import prepare
from visualizer.core.training import Trainer


@pytest.fixture(scope="module")
def images():
    run = prepare(load_dataset("sample"), Split("sample", 0.1))
    return run.inputs_train[:600], run.y_train[:600].astype(np.int64)


def _trained(images, hidden=(32, 16), activation="relu", epochs=1) -> MLP:
    x, y = images
    model = MLP(NetworkConfig(hidden=hidden, activation=activation), rng=np.random.default_rng(3))
    for _ in Trainer(model, TrainConfig(epochs=epochs, seed=3), x, y, rng=np.random.default_rng(3)).run():
        pass
    return model


@pytest.fixture(scope="module")
def model(images) -> MLP:
    return _trained(images)


def plain_loss(network: NetworkConfig, params: np.ndarray, x, y) -> tuple[float, float]:
    """A plain float64 forward pass, written out here: (mean cross-entropy, accuracy)."""
    a = np.asarray(x, np.float64)
    f = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh}[network.activation]
    layers = landscape.layer_slices(network)
    for i, (ws, bs, shape) in enumerate(layers):
        z = a @ params[ws].astype(np.float64).reshape(shape) + params[bs]     # (n, n_in) @ (n_in, n_out)
        a = z if i == len(layers) - 1 else f(z)
    z = a - a.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean()), float(np.mean(a.argmax(axis=1) == y))


# -- directions --------------------------------------------------------------------------------

def test_filter_normalisation_gives_each_unit_the_norm_of_the_weights_unit(model):
    d = random_directions(model.config, model.params, seed=7)
    for vec in (d.d1, d.d2):
        for ws, bs, shape in landscape.layer_slices(model.config):
            unit_norms = np.linalg.norm(vec[ws].reshape(shape), axis=0)        # (n_out,)
            weight_norms = np.linalg.norm(model.params[ws].reshape(shape), axis=0)
            np.testing.assert_allclose(unit_norms, weight_norms, rtol=1e-5)
            assert not vec[bs].any()                                          # biases: zero
    assert not np.allclose(d.d1, d.d2)


def test_random_directions_depend_on_the_seed_alone(model):
    a = random_directions(model.config, model.params, seed=1)
    b = random_directions(model.config, model.params.copy(), seed=1)
    c = random_directions(model.config, model.params, seed=2)
    assert np.array_equal(a.d1, b.d1) and np.array_equal(a.d2, b.d2)
    assert not np.allclose(a.d1, c.d1)
    assert not a.d1.flags.writeable


def test_filter_normalisation_leaves_a_unit_without_weights_at_zero():
    network = NetworkConfig(hidden=(3,))
    params = np.ones(landscape.n_params(network), np.float32)
    ws = landscape.layer_slices(network)[0][0]
    params[ws] = 0.0                                                          # first layer: no weights
    d = landscape.filter_normalise(np.ones_like(params), params, network)
    assert not d[ws].any() and np.isfinite(d).all()


# -- the trajectory ----------------------------------------------------------------------------

def _trajectory(p=500, m=8, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, m)[:, None]
    curve = (1 - t) * rng.standard_normal(p) + t * rng.standard_normal(p) + np.sin(6 * t) * rng.standard_normal(p)
    return curve + 0.01 * rng.standard_normal((m, p))                         # (m, P)


def test_pca_directions_are_orthonormal_and_start_the_path_at_negative_coordinates():
    traj = _trajectory()
    d = pca_directions(traj)
    gram = np.stack([d.d1, d.d2]).astype(np.float64) @ np.stack([d.d1, d.d2]).T.astype(np.float64)
    np.testing.assert_allclose(gram, np.eye(2), atol=1e-5)
    first = project(traj[:1], traj[-1], d.d1, d.d2)[0]
    assert (first <= 0).all()
    assert d.explained[0] >= d.explained[1] > 0 and sum(d.explained) <= 1 + 1e-9


def test_projection_of_the_current_weights_is_the_centre_and_others_match_least_squares():
    traj = _trajectory()
    d = pca_directions(traj)
    coords = project(traj, traj[-1], d.d1, d.d2)                              # (m, 2)
    np.testing.assert_allclose(coords[-1], [0.0, 0.0], atol=1e-9)
    basis = np.stack([d.d1, d.d2], axis=1).astype(np.float64)                 # (P, 2)
    expected = np.linalg.lstsq(basis, (traj - traj[-1]).T, rcond=None)[0].T
    np.testing.assert_allclose(coords, expected, rtol=1e-6, atol=1e-9)


def test_projection_onto_directions_that_are_not_orthogonal_is_least_squares(model):
    d = random_directions(model.config, model.params, seed=0)
    rng = np.random.default_rng(1)
    points = model.params + rng.standard_normal((4, model.n_params)).astype(np.float32)
    basis = np.stack([d.d1, d.d2], axis=1).astype(np.float64)
    expected = np.linalg.lstsq(basis, (points - model.params).astype(np.float64).T, rcond=None)[0].T
    np.testing.assert_allclose(project(points, model.params, d.d1, d.d2), expected, rtol=1e-6, atol=1e-9)


def test_a_trajectory_that_spans_no_plane_is_refused():
    with pytest.raises(ValueError, match="at least 3"):
        pca_directions(_trajectory(m=2))
    line = np.outer(np.arange(5.0), np.ones(50))                              # points on one line
    with pytest.raises(ValueError, match="plane"):
        pca_directions(line)


# -- the slice -------------------------------------------------------------------------------

def test_the_grid_centre_is_the_current_loss(model, images):
    x, y = images
    d = random_directions(model.config, model.params, seed=0)
    grid = compute_grid(Slice(model.config, model.params, d.d1, d.d2, x, y), [-1, 0, 1], [-0.5, 0, 0.5])
    ev = evaluate(model, x, y)
    assert grid.loss[1, 1] == pytest.approx(ev.loss, rel=1e-5)
    assert grid.accuracy[1, 1] == pytest.approx(ev.accuracy, abs=1.5 / len(y))
    assert grid.loss.shape == (3, 3) and grid.complete and not grid.loss.flags.writeable


@pytest.mark.parametrize("hidden, activation", [((32, 16), "relu"), ((24,), "tanh"), ((), "relu")])
def test_points_agree_with_a_plain_float64_forward_pass(images, hidden, activation):
    x, y = images
    model = _trained(images, hidden, activation)
    d = random_directions(model.config, model.params, seed=5)
    alphas, betas = np.array([0.0, 0.7, -0.4, 1.0]), np.array([0.0, 0.2, -0.9, -1.0])
    loss, acc = Slice(model.config, model.params, d.d1, d.d2, x, y).points(alphas, betas)
    for k, (a, b) in enumerate(zip(alphas, betas)):
        theta = model.params.astype(np.float64) + a * d.d1 + b * d.d2
        ref_loss, ref_acc = plain_loss(model.config, theta, x, y)
        assert loss[k] == pytest.approx(ref_loss, rel=1e-4, abs=1e-5)
        assert acc[k] == pytest.approx(ref_acc, abs=1.5 / len(y))
    assert loss[1] != pytest.approx(loss[0], rel=1e-3)                         # the points do differ


def test_chunks_batches_and_workers_do_not_change_the_figures(model, images, monkeypatch):
    x, y = images
    d = random_directions(model.config, model.params, seed=0)
    rng = np.random.default_rng(0)
    a, b = rng.uniform(-1, 1, 37), rng.uniform(-1, 1, 37)
    a[:10] = 0.25                                                             # a shared grid row
    whole = Slice(model.config, model.params, d.d1, d.d2, x, y).points(a, b)
    monkeypatch.setattr(landscape_grid, "CHUNK_IMAGES", 130)                  # 5 chunks of 120 images
    monkeypatch.setattr(landscape_grid, "BATCH_COLUMNS", 300)                 # 2 points per batch
    surface = Slice(model.config, model.params, d.d1, d.d2, x, y)
    assert len(surface._chunks) == 5
    for workers in (1, 2):
        cut = surface.points(a, b, workers=workers)
        np.testing.assert_allclose(cut[0], whole[0], rtol=1e-5)
        np.testing.assert_allclose(cut[1], whole[1], atol=1e-12)


def test_points_beyond_float32s_range_have_an_infinite_loss_and_no_correct_images(model, images):
    x, y = images
    d = random_directions(model.config, model.params)
    loss, acc = Slice(model.config, model.params, d.d1, d.d2, x, y).points([0.0, 1e39], [0.0, 0.0])
    assert np.isfinite(loss[0]) and loss[1] == np.inf and acc[1] == 0.0


def test_cancelling_stops_the_work(model, images):
    x, y = images
    d = random_directions(model.config, model.params)
    with pytest.raises(RuntimeError, match="cancelled"):
        Slice(model.config, model.params, d.d1, d.d2, x, y).points([0.0] * 4, [0.0] * 4, lambda: True)


def test_bad_shapes_are_refused(model, images):
    x, y = images
    d = random_directions(model.config, model.params)
    with pytest.raises(ValueError, match="entries"):
        Slice(model.config, model.params[:-1], d.d1, d.d2, x, y)
    with pytest.raises(ValueError, match="inputs"):
        Slice(model.config, model.params, d.d1, d.d2, x[:, :10], y)


# -- progressive refinement ----------------------------------------------------------------------

def test_refinement_goes_coarse_to_fine_and_ends_with_the_full_grid(model, images):
    x, y = images
    d = random_directions(model.config, model.params, seed=0)
    surface = Slice(model.config, model.params, d.d1, d.d2, x[:200], y[:200])
    ticks = np.linspace(-1, 1, 17)
    grids = list(refine(surface, ticks, ticks))
    assert [g.stride for g in grids] == landscape_grid.strides(17) == [4, 2, 1]
    assert grids[0].done.sum() == 25 and grids[0].done[::4, ::4].all()
    for before, after in zip(grids, grids[1:]):
        assert (after.done >= before.done).all()
        np.testing.assert_array_equal(after.loss[before.done], before.loss[before.done])
    full = compute_grid(surface, ticks, ticks)
    np.testing.assert_allclose(grids[-1].loss, full.loss, rtol=1e-6)
    assert grids[-1].complete
    loss, acc = grids[0].filled()
    assert np.isfinite(loss).all() and np.isfinite(acc).all()
    assert loss[1, 3] == grids[0].loss[0, 4]                                  # nearest coarse point


@pytest.mark.parametrize("n, expected", [(3, [1]), (9, [2, 1]), (41, [8, 4, 2, 1]), (201, [32, 16, 8, 4, 2, 1])])
def test_the_coarsest_level_keeps_at_least_five_points_an_axis(n, expected):
    assert landscape_grid.strides(n) == expected
    assert len(range(0, n, expected[0])) >= min(n, landscape_grid.COARSE_POINTS)


# -- profiles and the text -----------------------------------------------------------------------

def test_profiles_pass_through_the_weights_they_join(model, images):
    x, y = images
    initial = MLP(model.config, rng=np.random.default_rng(3)).params
    prof = landscape_profile.interpolation_profile(model.config, initial, model.params, x, y, ts=[0.0, 0.5, 1.0])
    assert prof.loss[0] == pytest.approx(evaluate(MLP(model.config, rng=np.random.default_rng(3)), x, y).loss,
                                         rel=1e-5)
    assert prof.loss[2] == pytest.approx(evaluate(model, x, y).loss, rel=1e-5)
    half = plain_loss(model.config, (initial.astype(np.float64) + model.params) / 2, x, y)[0]
    assert prof.loss[1] == pytest.approx(half, rel=1e-4)
    previous = model.params - np.float32(0.01) * np.sign(model.params)
    upd = landscape_profile.update_profile(model.config, previous, model.params, x, y, ts=[-1.0, 0.0])
    assert upd.loss[0] == pytest.approx(plain_loss(model.config, previous, x, y)[0], rel=1e-4)
    assert upd.loss[1] == pytest.approx(evaluate(model, x, y).loss, rel=1e-5)


def test_the_text_says_what_the_picture_is_with_the_real_parameter_count():
    text = landscape.about()
    assert f"{MLP(NetworkConfig()).n_params:,} for 784-128-64-10" in text
    assert "2-D slice" in text and "depends on the directions" in text
    doc = " ".join(landscape.__doc__.split("landscape):")[1].split("Directions are flat")[0].split())
    assert doc == text
    small = NetworkConfig(hidden=(1,))
    assert f"({MLP(small).n_params:,} for 784-1-10)" in landscape.about(small)


# -- the picture ---------------------------------------------------------------------------------

def test_png_encoding_round_trips_through_an_independent_reader(tmp_path):
    qtgui = pytest.importorskip("PySide6.QtGui")
    from visualizer.core.png import encode_png, write_png

    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (7, 11, 3), dtype=np.uint8)
    write_png(tmp_path / "x.png", pixels)
    image = qtgui.QImage(str(tmp_path / "x.png")).convertToFormat(qtgui.QImage.Format.Format_RGB888)
    assert (image.width(), image.height()) == (11, 7)
    back = np.array([[image.pixelColor(x, y).getRgb()[:3] for x in range(11)] for y in range(7)], np.uint8)
    np.testing.assert_array_equal(back, pixels)
    gray = encode_png(pixels[..., 0])
    assert qtgui.QImage.fromData(gray).pixelColor(3, 2).red() == pixels[2, 3, 0]
    with pytest.raises(ValueError, match="uint8"):
        encode_png(pixels.astype(np.float32))


def test_the_picture_puts_the_lowest_loss_in_the_darkest_colour_and_marks_the_centre():
    from visualizer.core import landscape_image as image

    ticks = np.linspace(-1, 1, 21)
    aa, bb = np.meshgrid(ticks, ticks, indexing="ij")
    loss = 0.1 + (aa - 0.5) ** 2 + (bb + 0.5) ** 2                             # lowest at (0.5, -0.5)
    pixels = image.render(loss, ticks, ticks, trajectory=np.array([[-0.9, 0.9], [0.0, 0.0]]), side=201)
    top, _, _, left = image.MARGIN
    assert pixels.shape == (top + 201 + image.MARGIN[2], left + 201 + image.MARGIN[1], 3)
    darkest = tuple(image.colours(np.array(0.0)))
    low_x, low_y = left + 150, top + 150                                      # alpha 0.5 right, beta -0.5 down
    assert np.abs(pixels[low_y - 1:low_y + 2, low_x - 1:low_x + 2].astype(int) - darkest).max() <= 12
    assert tuple(pixels[top + 100, left + 100]) == (255, 255, 255)            # the centre: white square
    assert tuple(pixels[top + 100 - 5, left + 100]) == (0, 0, 0)              # ringed in black
    assert tuple(pixels[top + 10, left + 10]) == (255, 255, 255)              # the path starts top left
    field = pixels[top:top + 201, left:left + 201]
    assert (field == 255).all(axis=2).sum() > 201                              # contour lines
