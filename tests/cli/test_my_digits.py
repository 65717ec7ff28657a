"""The learner's digits are a dataset on the command line: ``visualizer data info|train my-digits``."""

from __future__ import annotations

import json

import numpy as np

from cli_helpers import assert_one_line_error, cli_env, run_cli

from visualizer.core.dataset import load_dataset
from visualizer.core.userdigits import DigitStore


def _store(share) -> None:
    full = load_dataset("sample")
    store = DigitStore(share / "visualizer" / "my-digits")
    for i in range(20):                                    # two of each digit: one held out per digit
        d = i % 10
        store.add(full.x_train[np.flatnonzero(full.y_train == d)[i // 10]], d)


def test_info_and_train_read_the_learners_digits(tmp_path):
    env = cli_env(XDG_DATA_HOME=str(tmp_path / "share"))
    empty = run_cli("data", "info", "my-digits", cwd=tmp_path, env=env)
    assert_one_line_error(empty, "my-digits", "no digits collected yet")
    _store(tmp_path / "share")
    proc = run_cli("data", "info", "my-digits", "--json", cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["n_train"] == 10 and info["n_test"] == 10 and info["train_counts"] == [1] * 10
    out = tmp_path / "mine.npz"
    proc = run_cli("train", "my-digits", "--hidden", "8", "--epochs", "1", "--out", out, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file()
