"""Bad input anywhere: exit code 2, one line on stderr naming the culprit, no traceback,
and no output file left behind."""

from __future__ import annotations

import os

import pytest

from cli_helpers import assert_one_line_error, run_cli

BAD_TRAIN_OPTIONS = [
    (["--lr", "nan"], "--lr"),
    (["--lr", "inf"], "--lr"),
    (["--lr", "0"], "--lr"),
    (["--lr", "fast"], "--lr"),
    (["--hidden", "0"], "--hidden"),
    (["--hidden", "128,-4"], "--hidden"),
    (["--hidden", "12x"], "--hidden"),
    (["--batch-size", "-1"], "--batch-size"),
    (["--batch-size", "2.5"], "--batch-size"),
    (["--epochs", "0"], "--epochs"),
    (["--dropout", "1"], "--dropout"),
    (["--l2", "-0.1"], "--l2"),
    (["--val-fraction", "0.9"], "--val-fraction"),
    (["--momentum", "nan"], "--momentum"),
    (["--seed", "-3"], "--seed"),
    (["--optimizer", "rmsprop"], "--optimizer"),
    (["--activation", "gelu"], "--activation"),
    (["--schedule", "warmup"], "--schedule"),
    (["--frobnicate"], "--frobnicate"),
]


@pytest.mark.parametrize("options,flag", BAD_TRAIN_OPTIONS, ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_bad_train_option(tmp_path, options, flag):
    out = tmp_path / "m.npz"
    proc = run_cli("train", *options, "--epochs" if "--epochs" not in options else "--seed",
                   "1", "--out", out)
    assert_one_line_error(proc, flag)
    assert os.listdir(tmp_path) == []


def test_option_message_names_the_defect():
    line = assert_one_line_error(run_cli("train", "--lr", "nan"), "--lr")
    assert "finite" in line and "nan" in line
    line = assert_one_line_error(run_cli("train", "--batch-size", "-1"), "--batch-size")
    assert "-1" in line


def test_bad_dataset(tmp_path):
    assert_one_line_error(run_cli("train", "cifar10"), "cifar10")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_one_line_error(run_cli("train", empty, "--out", tmp_path / "m.npz"), str(empty))
    assert not (tmp_path / "m.npz").exists()
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    assert_one_line_error(run_cli("train", junk), str(junk))


def test_unwritable_out_is_refused_before_training(tmp_path):
    assert_one_line_error(run_cli("train", "--out", tmp_path / "no" / "such" / "m.npz"), "--out")
    assert_one_line_error(run_cli("train", "--out", tmp_path), "--out")


def test_missing_resume_file(tmp_path):
    missing = tmp_path / "gone.npz"
    assert_one_line_error(run_cli("train", "--resume", missing), str(missing))


def test_missing_model_for_predict(tmp_path):
    missing = tmp_path / "gone.npz"
    assert_one_line_error(run_cli("predict", "--model", missing, "x.png"), str(missing))


def test_gui_bad_epochs():
    assert_one_line_error(run_cli("gui", "--epochs", "0"), "--epochs")
