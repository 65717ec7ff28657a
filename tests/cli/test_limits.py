"""The command line has the app's limits (core.config): up to 8 hidden layers, batch size 1."""

from __future__ import annotations

import json

from cli_helpers import assert_one_line_error, run_cli

from visualizer.core.config import MAX_LAYERS, MIN_BATCH


def test_help_states_the_limits():
    out = run_cli("train", "--help").stdout
    assert f"at most {MAX_LAYERS} layers" in " ".join(out.split())
    assert f"{MIN_BATCH} (plain SGD)" in " ".join(out.split())


def test_nine_linear_layers_with_batch_size_one_train():
    proc = run_cli("train", "--hidden", ",".join(["30"] * MAX_LAYERS), "--batch-size", "1",
                   "--epochs", "1", "--json", timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "completed" and result["network"]["hidden"] == [30] * MAX_LAYERS
    assert result["steps"] == result["train_samples"]             # one image per step


def test_one_layer_too_many_is_refused_in_one_line():
    proc = run_cli("train", "--hidden", ",".join(["30"] * (MAX_LAYERS + 1)), "--epochs", "1")
    assert f"at most {MAX_LAYERS}" in assert_one_line_error(proc, "--hidden")
