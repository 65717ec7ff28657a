"""``visualizer map``: the twin of the app's Map view."""

from __future__ import annotations

import json

import numpy as np

from cli_helpers import assert_one_line_error, run_cli

from visualizer.core.dataset import load_dataset
from visualizer.core.hidden import hidden_activations
from visualizer.core.persistence import load_checkpoint
from visualizer.core.png import SIGNATURE
from visualizer.core.runsetup import prepare


def test_the_map_is_the_pca_of_the_validation_images(trained_model, tmp_path):
    out, png = tmp_path / "map.npz", tmp_path / "map.png"
    proc = run_cli("map", "--model", trained_model, "--layer", "0", "--out", out, "--png", png, "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    ckpt = load_checkpoint(trained_model)
    val = prepare(load_dataset("sample"), ckpt.split)
    assert r["layer"] == 0 and r["count"] == r["available"] == len(val.y_val)
    with np.load(out) as f:
        points, labels, comps = f["points"], f["labels"], f["components"]
    feats = hidden_activations(ckpt.model(), val.inputs_val, 0).astype(np.float64)
    centred = feats - feats.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    expected = centred @ vt[:2].T                                         # (N, h) @ (h, 2) -> (N, 2)
    signs = np.sign(np.sum(comps * vt[:2], axis=1))
    np.testing.assert_allclose(points, expected * signs, atol=1e-3)
    assert np.array_equal(labels, val.y_val)
    assert png.read_bytes()[:8] == SIGNATURE


def test_a_layer_that_does_not_exist_is_one_line(trained_model, tmp_path):
    proc = run_cli("map", "--model", trained_model, "--layer", "7", "--out", tmp_path / "m.npz")
    assert_one_line_error(proc, "--layer 7", "does not exist")
    assert not (tmp_path / "m.npz").exists()
