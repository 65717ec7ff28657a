"""``visualizer train`` end to end: output file, --json, resume, progress, Ctrl-C, divergence."""

from __future__ import annotations

import json
import math
import os
import pty
import signal
import subprocess
import sys

import numpy as np

from cli_helpers import assert_one_line_error, cli_env, run_cli
from visualizer.core.persistence import load_checkpoint

JSON_KEYS = {"status", "dataset", "epochs", "epochs_this_run", "steps", "seconds",
             "samples_per_second", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
             "train_samples", "val_samples", "network", "config", "resumed_from", "model",
             "message", "history", "split", "gradients"}
HISTORY_KEYS = {"epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "seconds",
                "samples_per_second", "lr"}


def test_train_json_and_out_file(tmp_path):
    out = tmp_path / "m.npz"
    proc = run_cli("train", "--hidden", "16", "--epochs", "2", "--batch-size", "50", "--seed", "3",
                   "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)                       # stdout is exactly one JSON document
    assert set(r) == JSON_KEYS
    assert r["status"] == "completed" and r["epochs"] == 2 and r["epochs_this_run"] == 2
    assert r["dataset"] == "sample" and r["model"] == str(out)
    assert r["train_samples"] + r["val_samples"] == 4500 and r["val_samples"] == 450
    assert r["steps"] == 2 * math.ceil(r["train_samples"] / 50)
    assert r["seconds"] > 0 and r["samples_per_second"] > 0
    assert r["network"]["hidden"] == [16] and r["config"]["batch_size"] == 50
    assert [set(h) for h in r["history"]] == [HISTORY_KEYS] * 2
    assert [h["epoch"] for h in r["history"]] == [1, 2]
    last = r["history"][-1]
    for k in ("train_loss", "train_accuracy", "val_loss", "val_accuracy"):
        assert r[k] == last[k]
    assert 0.6 < r["val_accuracy"] <= 1.0 and 0 < r["train_loss"] < 2.3
    # not a tty: one plain line per epoch on stderr, no carriage returns
    lines = proc.stderr.strip().splitlines()
    assert lines[0] == ("training 784-16-10 relu on sample (4,050 images, 450 held out for "
                        "validation); adam lr 0.001, batch 50, 2 epochs")
    assert [ln.split()[1] for ln in lines[1:]] == ["1/2", "2/2"] and "\r" not in proc.stderr

    saved = load_checkpoint(out)
    assert saved.epochs_done == 2 and saved.step == r["steps"] and saved.dataset == "sample"
    assert saved.network.hidden == (16,) and saved.train.batch_size == 50
    assert len(saved.history) == 2 and saved.optimizer_state
    assert sorted(os.listdir(tmp_path)) == ["m.npz"]       # no temp file left behind


def test_same_seed_same_result(tmp_path):
    runs = [json.loads(run_cli("train", "--hidden", "8", "--epochs", "1", "--seed", "5",
                               "--json").stdout) for _ in range(2)]
    assert runs[0]["history"][0]["val_loss"] == runs[1]["history"][0]["val_loss"]


def test_human_summary_and_no_file_without_out(tmp_path):
    proc = run_cli("train", "--hidden", "8", "--epochs", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("trained 1 epoch on sample")
    assert "validation loss" in proc.stdout
    assert os.listdir(tmp_path) == []


def test_resume_continues_weights_history_and_steps(tmp_path, trained_model):
    before = load_checkpoint(trained_model)
    out = tmp_path / "more.npz"
    proc = run_cli("train", "--resume", trained_model, "--epochs", "1", "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert r["epochs"] == before.epochs_done + 1 and r["epochs_this_run"] == 1
    assert r["resumed_from"] == str(trained_model)
    assert r["network"]["hidden"] == [32]                   # architecture from the model file
    assert r["history"][:-1] == json.loads(json.dumps(list(before.history)))
    assert r["history"][-1]["epoch"] == before.epochs_done + 1
    after = load_checkpoint(out)
    per_epoch = before.step // before.epochs_done
    assert after.step == before.step + per_epoch
    # resumed, not restarted: one more epoch from a 3-epoch model beats a fresh 1-epoch model
    fresh = json.loads(run_cli("train", "--hidden", "32", "--epochs", "1", "--seed", "1",
                               "--json").stdout)
    assert r["train_loss"] < fresh["train_loss"]
    assert r["status"] == "completed"
    head, first = proc.stderr.strip().splitlines()[:2]
    assert head.startswith(f"resuming {trained_model} after 3 epochs: 784-32-10 relu on sample")
    assert first.startswith(f"epoch {before.epochs_done + 1}/{before.epochs_done + 1}  train loss")


def test_resume_refuses_a_different_architecture(tmp_path, trained_model):
    proc = run_cli("train", "--resume", trained_model, "--hidden", "64", "--out", tmp_path / "x.npz")
    assert_one_line_error(proc, "--hidden", str(trained_model))
    assert not (tmp_path / "x.npz").exists()


def test_ctrl_c_stops_and_saves(tmp_path):
    out = tmp_path / "interrupted.npz"
    proc = subprocess.Popen([sys.executable, "-m", "visualizer", "train", "--hidden", "16",
                             "--epochs", "100000", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env())
    try:
        assert proc.stderr.readline().startswith("training 784-16-10")
        first = proc.stderr.readline()                    # the first epoch ended
        assert first.startswith("epoch 1/100000"), first
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "stopped by Ctrl-C" in stderr and str(out) in stderr
    assert stdout.startswith("stopped after")
    saved = load_checkpoint(out)
    assert saved.epochs_done >= 1 and saved.step >= 64
    assert len(saved.history) == saved.epochs_done
    assert np.all(np.isfinite(saved.model().weights[0]))
    assert sorted(os.listdir(tmp_path)) == ["interrupted.npz"]


def test_divergence_is_bad_input_and_keeps_last_finite_weights(tmp_path):
    out = tmp_path / "diverged.npz"
    proc = run_cli("train", "--optimizer", "momentum", "--lr", "9.9", "--activation", "leaky_relu",
                   "--epochs", "1", "--out", out, "--json")
    assert proc.returncode == 2, proc.stderr
    r = json.loads(proc.stdout)
    assert r["status"] == "diverged" and "learning rate" in r["message"]
    head, *rest = proc.stderr.strip().splitlines()
    assert head.startswith("training ") and len(rest) == 1    # diverged before an epoch ended
    assert rest[0].startswith("visualizer train: error: Training diverged")
    assert "a learning rate of 0.01 instead of 9.9" in rest[0] and str(out) in rest[0]
    assert "Warning" not in proc.stderr and "Traceback" not in proc.stderr
    saved = load_checkpoint(out)
    assert all(np.all(np.isfinite(w)) for w in saved.model().weights)


def test_live_progress_line_on_a_terminal(tmp_path):
    """stderr on a pseudo-terminal: the line is redrawn with \\r and shows batch, rate and ETA."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "visualizer", "train", "--hidden", "16",
                             "--epochs", "2", "--batch-size", "4"],
                            stdout=subprocess.PIPE, stderr=slave, text=True, env=cli_env())
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:                                   # EIO: the child closed the pty
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    stdout, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    text = b"".join(chunks).decode()
    redraws = [seg for seg in text.split("\r") if seg.startswith("epoch ") and "batch" in seg]
    assert redraws, text
    assert all("loss" in s and "acc" in s and "samples/s" in s and "ETA" in s for s in redraws)
    assert "epoch 2/2  train loss" in text
    assert stdout.startswith("trained 2 epochs")


def test_no_validation_and_augmentation_give_null_not_nan():
    proc = run_cli("train", "--hidden", "8", "--epochs", "1", "--val-fraction", "0", "--augment",
                   "--optimizer", "sgd", "--lr", "0.1", "--schedule", "step", "--json")
    assert proc.returncode == 0, proc.stderr
    assert "NaN" not in proc.stdout
    r = json.loads(proc.stdout)
    assert r["val_samples"] == 0 and r["train_samples"] == 4500
    assert r["val_loss"] is None and r["val_accuracy"] is None
    assert r["history"][0]["val_loss"] is None
    assert r["config"]["augment"] is True and r["config"]["optimizer"] == "sgd"
    assert "augmented" in proc.stderr.splitlines()[0]


def test_sigterm_stops_and_saves_too(tmp_path):
    out = tmp_path / "terminated.npz"
    proc = subprocess.Popen([sys.executable, "-m", "visualizer", "train", "--hidden", "8",
                             "--epochs", "100000", "--out", str(out), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env())
    try:
        proc.stderr.readline()                             # header
        assert proc.stderr.readline().startswith("epoch 1/")
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    r = json.loads(stdout)
    assert r["status"] == "stopped" and r["model"] == str(out)
    assert "stopped by SIGTERM" in stderr
    saved = load_checkpoint(out)
    assert saved.step == r["steps"] and saved.epochs_done == r["epochs"] >= 1
