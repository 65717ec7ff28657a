"""Curve data handling: growing arrays, min/max downsampling, nice axis limits, CSV."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizer.app.curves import GrowingArray, nice_ceil, nice_step, peak_downsample


def test_growing_array_keeps_values_across_reallocations():
    a = GrowingArray(16)
    chunks = [np.arange(i, i + 7, dtype=float) for i in range(0, 700, 7)]
    for c in chunks:
        a.extend(c)
    np.testing.assert_array_equal(a.view(), np.arange(700, dtype=float))
    a.truncate(10)
    assert len(a) == 10 and a.last() == 9.0


def test_peak_downsample_keeps_every_extreme_in_order():
    rng = np.random.default_rng(0)
    x = np.arange(10_000, dtype=float)
    y = rng.normal(size=10_000)
    y[1234], y[8765] = 50.0, -40.0                      # spikes must survive
    xd, yd = peak_downsample(x, y, 300)
    assert len(xd) < 1000 and yd.max() == 50.0 and yd.min() == -40.0
    assert np.all(np.diff(xd) >= 0)                      # still a left-to-right polyline
    small_x, small_y = peak_downsample(x[:100], y[:100], 300)
    assert np.array_equal(small_x, x[:100]) and np.array_equal(small_y, y[:100])   # few points: untouched


@pytest.mark.parametrize("v, step", [(0.07, 0.1), (0.3, 0.5), (1.0, 1.0), (2.2, 2.5), (6.0, 10.0)])
def test_nice_step(v, step):
    assert nice_step(v) == pytest.approx(step)


def test_nice_ceil_changes_rarely_as_data_grows():
    tops = {nice_ceil(x / 100, parts=5) for x in range(1, 1001)}     # 0.01 .. 10 epochs
    assert len(tops) < 40 and all(math.isfinite(t) for t in tops)
    assert all(nice_ceil(v) >= v for v in np.linspace(0.01, 50, 500))
