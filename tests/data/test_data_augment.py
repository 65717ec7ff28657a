"""Augmentation: shapes, range, randomness per rng, identity at zero strength, ink kept, vectorised."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import augment as A
from visualizer.core.dataset import as_inputs, load_dataset


@pytest.fixture(scope="module")
def batch():
    ds = load_dataset("sample")
    return as_inputs(ds.x_train[:64])


def corr_rows(a, b):
    a = a - a.mean(axis=1, keepdims=True)
    b = b - b.mean(axis=1, keepdims=True)
    return (a * b).sum(1) / np.sqrt((a * a).sum(1) * (b * b).sum(1))


def test_shape_dtype_range(batch):
    out = A.augment_batch(batch, np.random.default_rng(0))
    assert out.shape == batch.shape and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert not np.shares_memory(out, batch)


def test_out_buffer_is_used_and_input_untouched(batch):
    before = batch.copy()
    buf = np.empty_like(batch)
    res = A.augment_batch(batch, np.random.default_rng(1), out=buf)
    assert res is buf
    np.testing.assert_array_equal(batch, before)
    with pytest.raises(ValueError):
        A.augment_batch(batch, np.random.default_rng(1), out=batch)
    with pytest.raises(ValueError):
        A.augment_batch(batch[:, :100], np.random.default_rng(1))


def test_same_seed_same_result_different_seed_different(batch):
    a = A.augment_batch(batch, np.random.default_rng(5))
    b = A.augment_batch(batch, np.random.default_rng(5))
    c = A.augment_batch(batch, np.random.default_rng(6))
    np.testing.assert_array_equal(a, b)
    assert np.abs(a - c).mean() > 0.02
    # each image of a batch gets its own distortion: differences vary across the batch
    d = np.abs(a - batch).mean(axis=1)
    assert d.std() > 0.1 * d.mean()


def test_zero_strength_is_identity(batch):
    out = A.augment_batch(batch, np.random.default_rng(0), strength=0.0)
    np.testing.assert_array_equal(out, batch)
    params = A.AugmentParams(rotation_deg=0, scale=0, aspect=0, shear=0, shift_px=0, elastic_px=0)
    np.testing.assert_array_equal(A.augment_batch(batch, np.random.default_rng(0), params=params), batch)


def test_distortion_grows_with_strength_and_keeps_the_digit(batch):
    rng = np.random.default_rng(2)
    weak = corr_rows(A.augment_batch(batch, rng, strength=0.25), batch).mean()
    full = corr_rows(A.augment_batch(batch, rng), batch).mean()
    assert 1.0 > weak > full
    # still the same digit: strongly correlated with the original on average, and ink is kept
    assert full > 0.45
    out = A.augment_batch(batch, rng)
    ratio = out.sum(1) / batch.sum(1)
    assert 0.75 < np.median(ratio) < 1.3


def test_pure_shift_moves_pixels_exactly(batch):
    # rotation/scale/elastic off, whole-pixel shifts only: every output is the input shifted
    params = A.AugmentParams(rotation_deg=0, scale=0, aspect=0, shear=0, shift_px=1.5, elastic_px=0)
    bank = A._grid_bank(params, 1.0)
    assert bank.shift == 1
    out = A.augment_batch(batch, np.random.default_rng(3), params=params).reshape(-1, 28, 28)
    img = batch.reshape(-1, 28, 28)
    # centre of mass moves by at most 1.5 px (+ a bit where ink meets the border)
    ys = np.arange(28)
    def com(a):
        return (a.sum(2) * ys).sum(1) / a.sum((1, 2)), (a.sum(1) * ys).sum(1) / a.sum((1, 2))
    dy = com(out)[0] - com(img)[0]
    dx = com(out)[1] - com(img)[1]
    assert np.abs(dy).max() <= 1.6 and np.abs(dx).max() <= 1.6
    assert np.abs(dy).max() > 0.5


def test_warp_helper_identity_and_rotation():
    rng = np.random.default_rng(0)
    img = np.zeros((1, 784), np.float32)
    img[0, 14 * 28 + 20] = 1.0                                  # a dot right of centre
    ident = A.sampling_grid(1, rng, strength=0.0)
    np.testing.assert_allclose(A.warp(img, ident), img, atol=1e-6)
    # rotate the sampling grid by 90 degrees about the centre: the dot moves to the vertical axis
    c = A.CENTRE
    g = ident.copy()
    g[0, 0], g[0, 1] = c + (ident[0, 1] - c), c - (ident[0, 0] - c)
    out = A.warp(img, g).reshape(28, 28)
    y, x = np.unravel_index(out.argmax(), out.shape)
    assert abs(x - 13.5) < 1 and abs(abs(y - 13.5) - 6.5) < 1


def test_batch_of_one_and_large_batch():
    rng = np.random.default_rng(0)
    x = rng.random((1, 784), dtype=np.float32)
    assert A.augment_batch(x, rng).shape == (1, 784)
    x = rng.random((1000, 784), dtype=np.float32)
    out = A.augment_batch(x, rng)
    assert out.shape == (1000, 784) and np.isfinite(out).all()


def test_noise_option_stays_in_range(batch):
    params = A.AugmentParams(noise=0.1)
    out = A.augment_batch(batch, np.random.default_rng(0), params=params)
    assert out.min() >= 0 and out.max() <= 1
    assert (out[:, :28] > 0).mean() > 0.2                     # the top row now has noise


def test_trainer_uses_augmentation(monkeypatch):
    """The engine's Trainer trains with augment=True (the contract the ENGINE helper relies on)."""
    training = pytest.importorskip("visualizer.core.training")
    from visualizer.core.config import NetworkConfig, TrainConfig
    from visualizer.core.events import EpochEvent
    from visualizer.core.network import MLP
    ds = load_dataset("sample")
    x, y = as_inputs(ds.x_train[:640]), ds.y_train[:640]
    calls = []
    real = A.augment_batch
    monkeypatch.setattr(A, "augment_batch", lambda xb, rng, out=None: calls.append(len(xb)) or real(xb, rng, out))
    model = MLP(NetworkConfig(hidden=(32,)), rng=np.random.default_rng(0))
    cfg = TrainConfig(epochs=3, augment=True, batch_size=64, lr=0.005)
    events = [e for e in training.Trainer(model, cfg, x, y, rng=np.random.default_rng(0)).run()
              if isinstance(e, EpochEvent)]
    assert calls == [64] * 30
    assert len(events) == 3 and events[-1].train_accuracy > 0.6
