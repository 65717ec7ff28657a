"""``visualizer predict`` judges its answers as core.why does, fitted on the model's own validation split."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cli_helpers import run_cli, write_png
from visualizer.core import runsetup, why
from visualizer.core.dataset import load_dataset
from visualizer.core.persistence import load_checkpoint
from visualizer.core.preprocess import image_to_input
from visualizer.imagefile import read_image


@pytest.fixture(scope="module")
def images(tmp_path_factory, sample):
    """Six test digits and two non-digits (a dot, a horizontal bar), white on black."""
    folder = tmp_path_factory.mktemp("trust")
    files = [str(write_png(folder / f"digit{i}.png", sample.x_test[i])) for i in range(6)]
    dot = np.zeros((56, 56), np.uint8)
    dot[25:31, 25:31] = 255
    bar = np.zeros((56, 56), np.uint8)
    bar[26:30, 6:50] = 255
    files += [str(write_png(folder / "dot.png", dot)), str(write_png(folder / "bar.png", bar))]
    return files


def test_json_fields_agree_with_core(trained_model, images):
    proc = run_cli("predict", "--model", trained_model, *images, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    ckpt = load_checkpoint(trained_model)
    model = ckpt.model()
    run = runsetup.prepare(load_dataset(ckpt.split.dataset), ckpt.split)
    trust = why.fit_trust(model, run.inputs_train, run.y_train, run.inputs_val, run.y_val)
    x = np.stack([image_to_input(read_image(f)).reshape(784) for f in images])
    v = why.verdict(trust, model, x)
    assert np.allclose([r["calibrated"] for r in out], v.probabilities, atol=1e-6)
    assert np.allclose([r["score"] for r in out], v.scores, atol=1e-4)
    assert [r["unsure"] for r in out] == v.unsure.tolist()
    for r in out:
        assert r["unsure"] == (r["score"] > v.threshold)
        assert np.argmax(r["calibrated"]) == r["label"]
        assert sum(r["calibrated"]) == pytest.approx(1.0, abs=1e-6)
    assert trust.calibration.temperature != pytest.approx(1.0, abs=1e-3)   # calibration changed something
    assert out[-2]["unsure"] and out[-1]["unsure"]           # the dot and the bar


def test_text_marks_unsure_rows(trained_model, images):
    proc = run_cli("predict", "--model", trained_model, *images)
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    flags = json.loads(run_cli("predict", "--model", trained_model, *images, "--json").stdout)
    for r in flags:
        assert rows[r["file"]].endswith("unsure") == r["unsure"]
    assert rows[images[-2]].endswith("unsure")


def test_a_model_without_validation_split_is_not_judged(tmp_path, images):
    out = tmp_path / "noval.npz"
    proc = run_cli("train", "--hidden", "16", "--epochs", "1", "--val-fraction", "0", "--out", out)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("predict", "--model", out, *images[:2], "--json")
    assert proc.returncode == 0
    assert len(proc.stderr.strip().splitlines()) == 1 and "not judged" in proc.stderr
    res = json.loads(proc.stdout)
    assert all(r["unsure"] is False and r["score"] is None for r in res)
    assert np.allclose([r["calibrated"] for r in res], [r["probabilities"] for r in res], atol=1e-6)
