"""``landscape_image.heatmap``: the map the app shows is the map of the PNG."""

from __future__ import annotations

import numpy as np

from visualizer.core import landscape_image as image


def _bowl(n=21):
    t = np.linspace(-1, 1, n)
    return t, 0.1 + np.add.outer(t ** 2, 2 * t ** 2)            # (n, n) lowest at the centre


def test_the_heatmap_is_the_map_inside_the_png():
    t, loss = _bowl()
    rgb, lo, hi = image.heatmap(loss, 120, 120)
    picture = image.render(loss, t, t, side=120)
    top, _, _, left = image.MARGIN
    inside = picture[top:top + 120, left:left + 120].copy()
    inside[54:67, 54:67] = rgb[54:67, 54:67]                   # the centre's marker is the PNG's own
    np.testing.assert_array_equal(inside, rgb)
    assert (lo, hi) == (np.log(loss.min()), np.log(loss.max()))


def test_without_log_the_colours_follow_the_values_from_lowest_to_highest():
    t, loss = _bowl()
    accuracy = 1.0 - loss / loss.max()                         # highest at the centre
    rgb, lo, hi = image.heatmap(accuracy, 41, 41, log=False)
    assert (lo, hi) == (accuracy.min(), accuracy.max())
    np.testing.assert_array_equal(rgb[20, 20], image.colours(np.array(1.0)))   # the top of the ramp
    np.testing.assert_array_equal(rgb[0, 0], image.colours(np.array(0.0)))
