"""``visualizer train --json``: the gradient health the training loop recorded, per epoch."""

from __future__ import annotations

import json
import math

from cli_helpers import run_cli
from visualizer.core.steprecord import record_every


def test_json_gives_the_recorded_gradient_norms_per_epoch():
    proc = run_cli("train", "--hidden", "16", "--epochs", "2", "--batch-size", "50", "--seed", "3", "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    g = r["gradients"]
    k, per_epoch = record_every(50), math.ceil(r["train_samples"] / 50)
    recorded = [s for s in range(1, r["steps"] + 1) if s % k == 0]
    assert [e["epoch"] for e in g["epochs"]] == sorted({(s - 1) // per_epoch + 1 for s in recorded})
    assert sum(e["records"] for e in g["epochs"]) == len(recorded)
    for e in g["epochs"]:
        assert len(e["grad_w"]) == len(e["update_ratio"]) == 2
        assert all(v > 0 for v in e["grad_w"] + e["update_ratio"])
    assert g["verdict"] == "healthy" and 0.01 < g["last_over_first"] < 100


def test_json_names_vanishing_gradients_with_six_sigmoid_layers():
    proc = run_cli("train", "--hidden", "32,32,32,32,32,32", "--activation", "sigmoid", "--optimizer", "sgd",
                   "--lr", "0.1", "--epochs", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    g = json.loads(proc.stdout)["gradients"]
    assert g["verdict"] == "vanishing" and g["last_over_first"] > 100
