"""``--ablate`` of ``visualizer predict`` and ``visualizer evaluate``: hidden units switched off or
scaled, exactly as ``core.ablation`` does it, and one line + exit 2 for a unit the model lacks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cli_helpers import assert_one_line_error, run_cli, write_png
from visualizer.core import ablation
from visualizer.core.dataset import as_inputs
from visualizer.core.evaluation import evaluate
from visualizer.core.persistence import load_checkpoint

EDITS = "1:3,1:7=0.5,1:11"


def test_evaluate_with_edits_matches_the_core(trained_model, sample):
    proc = run_cli("evaluate", "--model", trained_model, "--ablate", EDITS, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    model = load_checkpoint(trained_model).model()
    edited = ablation.apply(model, ablation.parse(EDITS))
    x, y = as_inputs(sample.x_test), np.asarray(sample.y_test, np.int64)
    assert out["ablate"] == EDITS
    assert out["accuracy"] == pytest.approx(evaluate(edited, x, y).accuracy, abs=1e-12)
    assert out["loss"] == pytest.approx(evaluate(edited, x, y).loss, rel=1e-9)
    assert out["loss"] != pytest.approx(evaluate(model, x, y).loss, rel=1e-9)   # the edits counted
    text = run_cli("evaluate", "--model", trained_model, "--ablate", EDITS)
    assert text.returncode == 0 and "edited   1:3,1:7=0.5,1:11" in text.stdout


def test_predict_with_edits_matches_the_core(trained_model, sample, tmp_path):
    from visualizer.core.preprocess import image_to_input
    from visualizer.imagefile import read_image

    png = write_png(tmp_path / "digit.png", sample.x_test[0])
    proc = run_cli("predict", "--model", trained_model, png, "--ablate", EDITS, "--json")
    assert proc.returncode == 0, proc.stderr
    got = np.array(json.loads(proc.stdout)[0]["probabilities"])
    x = image_to_input(read_image(str(png))).reshape(784)
    model = load_checkpoint(trained_model).model()
    want = ablation.apply(model, ablation.parse(EDITS)).predict_proba(x)
    assert np.allclose(got, want, atol=1e-6)
    assert not np.allclose(got, model.predict_proba(x), atol=1e-6)


@pytest.mark.parametrize("command", ["predict", "evaluate"])
@pytest.mark.parametrize("spec, culprit", [("1:32", "no unit 32 in hidden layer 1"),
                                           ("2:0", "no hidden layer 2"),
                                           ("1-3", "cannot read edit '1-3'")])
def test_a_unit_that_does_not_exist_is_one_line_and_exit_2(trained_model, tmp_path, sample, command,
                                                            spec, culprit):
    extra = [write_png(tmp_path / "d.png", sample.x_test[0])] if command == "predict" else []
    proc = run_cli(command, "--model", trained_model, *extra, "--ablate", spec)
    assert_one_line_error(proc, "--ablate", culprit)
