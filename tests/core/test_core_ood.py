"""The out-of-distribution score and its threshold (visualizer.core.ood)."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import ood
from visualizer.core.preprocess import canvas_to_input


@pytest.mark.parametrize("score", list(ood.SCORES))
def test_threshold_flags_five_percent_of_the_validation_digits(sample_run, sample_model, score):
    det = ood.fit_detector(sample_model, sample_run.inputs_val, sample_run.inputs_train, sample_run.y_train,
                           score=score)
    flagged = det.flags(sample_model, sample_run.inputs_val)
    n = len(sample_run.inputs_val)
    assert flagged.sum() == int(n - np.ceil(0.95 * (n - 1)) - 1)       # 22 of 450: the order statistic
    assert det.flag_rate == pytest.approx(flagged.mean())
    assert 0.04 <= flagged.mean() <= 0.05


def test_one_input_scores_like_a_batch(sample_run, sample_model):
    det = ood.fit_detector(sample_model, sample_run.inputs_val, sample_run.inputs_train, sample_run.y_train)
    batch = det.scores(sample_model, sample_run.inputs_val[:5])
    one = det.scores(sample_model, sample_run.inputs_val[3])
    assert one.shape == () and one == pytest.approx(batch[3], rel=1e-5, abs=1e-5)


def _line_canvas(angle_deg: float) -> np.ndarray:
    yy, xx = np.mgrid[0:140, 0:140] + 0.5
    a = np.deg2rad(angle_deg)
    d = np.abs((xx - 70) * np.sin(a) - (yy - 70) * np.cos(a))       # distance to the line through the centre
    along = np.abs((xx - 70) * np.cos(a) + (yy - 70) * np.sin(a))
    return ((d < 5) & (along < 45)).astype(np.uint8) * 255


def test_the_default_score_flags_dashes_that_the_plain_confidence_accepts(sample_run, sample_model):
    """Straight dashes drawn on the pad's canvas, preprocessed like a drawing: not digits."""
    angles = (-40, -30, -15, 0, 10, 25, 40)
    lines = np.stack([canvas_to_input(_line_canvas(a)).reshape(784) for a in angles])
    combined = ood.fit_detector(sample_model, sample_run.inputs_val, sample_run.inputs_train, sample_run.y_train)
    msp = ood.fit_detector(sample_model, sample_run.inputs_val, score="msp")
    assert combined.flags(sample_model, lines).sum() >= len(angles) - 1
    assert msp.flags(sample_model, lines).sum() <= len(angles) // 2


def test_energy_and_msp_against_formulas():
    z = np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
    assert np.allclose(ood.energy_score(z), -np.log(np.exp(z).sum(1)))
    assert np.allclose(ood.msp_score(z), [1 - np.exp(2) / np.exp(z[0]).sum(), 2 / 3])
    assert np.isfinite(ood.energy_score(np.array([[1e4, -1e4]]))).all()


def test_auroc_against_pair_counting():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 6, 40).astype(float)          # ties on purpose
    b = rng.integers(2, 9, 30).astype(float)
    pairs = (b[None, :] > a[:, None]).mean() + 0.5 * (b[None, :] == a[:, None]).mean()
    assert ood.auroc(a, b) == pytest.approx(pairs)
    assert ood.auroc([0, 1], [2, 3]) == 1.0 and ood.auroc([2, 3], [0, 1]) == 0.0


def test_bad_requests_are_refused(sample_run, sample_model):
    with pytest.raises(ValueError, match="unknown score"):
        ood.fit_detector(sample_model, sample_run.inputs_val, score="nope")
    with pytest.raises(ValueError, match="training inputs"):
        ood.fit_detector(sample_model, sample_run.inputs_val, score="knn")
    with pytest.raises(ValueError):
        ood.threshold_for(np.zeros(0))
