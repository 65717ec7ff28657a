"""Temperature scaling and the expected calibration error (visualizer.core.calibration)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizer.core.calibration import (expected_calibration_error, fit_temperature, nll, softmax_t)


def _synthetic(t_true: float, n: int = 20000, k: int = 10, seed: int = 0):
    """Logits whose labels were drawn from softmax(logits / t_true): the right temperature is t_true."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0.0, 2.0, (n, k))                         # the calibrated logits
    p = softmax_t(z)
    y = (p.cumsum(axis=1) > rng.random((n, 1))).argmax(axis=1)
    return z * t_true, y                                    # over- (t > 1) or under-confident (t < 1)


@pytest.mark.parametrize("t_true", [0.5, 1.0, 2.5])
def test_fit_recovers_the_temperature_the_labels_were_drawn_with(t_true):
    z, y = _synthetic(t_true)
    cal = fit_temperature(z, y)
    assert cal.temperature == pytest.approx(t_true, rel=0.04)
    assert cal.nll_after <= cal.nll_before + 1e-12
    assert cal.n == len(y)


def test_the_fitted_temperature_minimises_the_validation_nll():
    z, y = _synthetic(3.0, n=3000, seed=1)
    cal = fit_temperature(z, y)
    t = cal.temperature
    assert nll(z, y, t) == pytest.approx(cal.nll_after)
    for other in (t * 0.97, t * 1.03, 1.0):
        assert nll(z, y, other) > cal.nll_after
    assert cal.ece_after < cal.ece_before            # over-confident logits: calibration helps


def test_temperature_keeps_the_predicted_class():
    z, _ = _synthetic(2.0, n=500, seed=2)
    assert np.array_equal(softmax_t(z, 2.0).argmax(1), z.argmax(1))
    assert np.allclose(softmax_t(z, 7.0).sum(1), 1.0)


def test_ece_against_a_hand_computed_example():
    # confidences 0.9, 0.9 (bin 13: (13/15, 14/15]), 0.6 (bin 8: (8/15, 9/15]), 0.3 (bin 4)
    p = np.array([[0.9, 0.1, 0.0], [0.05, 0.9, 0.05], [0.6, 0.4, 0.0], [0.3, 0.3, 0.4]])
    p[3] = [0.35, 0.35, 0.3]            # confidence 0.35 (bin 5: (5/15, 6/15]), argmax 0
    y = np.array([0, 0, 0, 2])          # right, wrong, right, wrong
    # bin 13: acc 0.5, conf 0.9 -> 2/4 * 0.4; bin 8: acc 1, conf 0.6 -> 1/4 * 0.4; bin 5: 1/4 * 0.35
    expected = 0.5 * 0.4 + 0.25 * 0.4 + 0.25 * 0.35
    assert expected_calibration_error(p, y) == pytest.approx(expected)


def test_ece_bin_edges_are_closed_on_the_right():
    # confidence exactly 2/3 = 10/15 falls in bin 9 ((9/15, 10/15]) together with 0.62, not with 0.7
    p = np.array([[2 / 3, 1 / 3], [0.62, 0.38], [0.7, 0.3]])
    y = np.array([0, 1, 0])
    bin9 = abs(0.5 - (2 / 3 + 0.62) / 2) * 2 / 3        # one right, one wrong
    bin10 = abs(1.0 - 0.7) / 3
    assert expected_calibration_error(p, y) == pytest.approx(bin9 + bin10)


def test_a_perfectly_calibrated_bin_has_zero_ece():
    p = np.tile([0.75, 0.25], (8, 1))
    y = np.array([0, 0, 0, 1, 0, 0, 0, 1])
    assert expected_calibration_error(p, y) == pytest.approx(0.0, abs=1e-12)


def test_extreme_logits_stay_finite():
    z = np.array([[1e4, -1e4, 0.0], [-5e3, 5e3, 0.0]])
    y = np.array([1, 1])
    cal = fit_temperature(z, y)
    assert math.isfinite(cal.nll_after) and cal.temperature > 0
    assert np.isfinite(cal.probabilities(z)).all()


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        fit_temperature(np.zeros((3, 10)), np.zeros(4, int))
    with pytest.raises(ValueError):
        fit_temperature(np.zeros((0, 10)), np.zeros(0, int))
