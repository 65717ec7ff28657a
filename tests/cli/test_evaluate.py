"""``visualizer evaluate``: the figures agree with each other and with the model."""

from __future__ import annotations

import json

import numpy as np

from cli_helpers import assert_one_line_error, run_cli
from visualizer.core.dataset import as_inputs
from visualizer.core.persistence import load_checkpoint


def test_evaluate_json_is_consistent(trained_model, sample):
    proc = run_cli("evaluate", "--model", trained_model, "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert r["dataset"] == "sample" and r["split"] == "test"   # the model's own dataset
    cm = np.array(r["confusion_matrix"])
    assert cm.shape == (10, 10) and cm.sum() == r["count"] == len(sample.y_test) == 500
    assert r["per_class_count"] == cm.sum(axis=1).tolist() == np.bincount(sample.y_test).tolist()
    assert r["accuracy"] == np.trace(cm) / cm.sum()
    assert np.allclose(r["per_class_accuracy"], np.diag(cm) / cm.sum(axis=1))
    assert r["accuracy"] > 0.8 and 0 < r["loss"] < 1.0
    # the same figures computed here, from the model file and the test set
    model = load_checkpoint(trained_model).model()
    pred = model.predict(as_inputs(sample.x_test))
    expected = np.zeros((10, 10), int)
    np.add.at(expected, (sample.y_test.astype(int), pred), 1)
    assert (cm == expected).all()
    p = model.predict_proba(as_inputs(sample.x_test)).astype(np.float64)
    loss = -np.mean(np.log(p[np.arange(500), sample.y_test]))
    assert abs(r["loss"] - loss) < 1e-4


def test_evaluate_table(trained_model):
    proc = run_cli("evaluate", "--model", trained_model)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"model    {trained_model}  (784-32-10, relu, 3 epochs trained)")
    assert lines[1] == "dataset  sample, test set: 500 images"
    assert lines[2].startswith("accuracy ")
    head = lines.index("confusion matrix (rows: true class, columns: predicted class)")
    rows = lines[head + 2: head + 12]
    assert [r.split()[0] for r in rows] == [str(i) for i in range(10)]
    assert all(sum(map(int, r.split()[1:11])) == int(r.split()[11]) for r in rows)


def test_evaluate_on_a_folder(trained_model, idx_folder):
    """--dataset overrides the model's; the folder's test set is the sample's, so same figures."""
    a = json.loads(run_cli("evaluate", "--model", trained_model, "--json").stdout)
    proc = run_cli("evaluate", "--model", trained_model, "--dataset", idx_folder, "--json")
    assert proc.returncode == 0, proc.stderr
    b = json.loads(proc.stdout)
    assert b["dataset"] == str(idx_folder)
    assert b["confusion_matrix"] == a["confusion_matrix"] and b["loss"] == a["loss"]


def test_missing_and_corrupt_model_files(tmp_path):
    missing = tmp_path / "nope.npz"
    assert_one_line_error(run_cli("evaluate", "--model", missing), str(missing))
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    assert_one_line_error(run_cli("evaluate", "--model", bad), str(bad))
    text = tmp_path / "notes.npz"
    text.write_text("hello")
    assert_one_line_error(run_cli("evaluate", "--model", text), str(text))


def test_evaluate_needs_a_model():
    proc = run_cli("evaluate")
    assert_one_line_error(proc, "--model")


def test_the_models_folder_dataset_is_remembered_and_its_loss_explained(tmp_path, idx_folder):
    import shutil

    folder = tmp_path / "digits"
    shutil.copytree(idx_folder, folder)
    model = tmp_path / "m.npz"
    assert run_cli("train", folder, "--hidden", "8", "--epochs", "1", "--out", model).returncode == 0
    r = json.loads(run_cli("evaluate", "--model", model, "--json").stdout)
    assert r["dataset"] == str(folder.resolve()) and r["count"] == 500
    shutil.rmtree(folder)
    line = assert_one_line_error(run_cli("evaluate", "--model", model), str(folder), str(model))
    assert "--dataset" in line


def test_validation_split_reproduces_what_training_printed(tmp_path):
    """The validation images are the model file's split: evaluate --split validation gives
    exactly the final validation figures of the training run that saved it, whatever --seed."""
    import json as _json
    import subprocess
    import sys as _sys

    out = tmp_path / "m.npz"
    train = subprocess.run([_sys.executable, "-m", "visualizer", "train", "--epochs", "1", "--seed", "7",
                            "--json", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert train.returncode == 0, train.stderr
    t = _json.loads(train.stdout)
    ev = subprocess.run([_sys.executable, "-m", "visualizer", "evaluate", "--model", str(out),
                         "--split", "validation", "--json"], capture_output=True, text=True, timeout=300)
    assert ev.returncode == 0, ev.stderr
    e = _json.loads(ev.stdout)
    assert e["split"] == "validation" and e["count"] == t["val_samples"] == 450
    assert e["accuracy"] == t["val_accuracy"] and e["loss"] == t["val_loss"]
    assert t["split"] == {"dataset": "sample", "val_fraction": 0.1, "seed": 0}


def test_timeline_lists_moments_and_at_step_evaluates_the_nearest(tmp_path):
    import json as _json
    import subprocess
    import sys as _sys

    out = tmp_path / "m.npz"
    run = lambda *a: subprocess.run([_sys.executable, "-m", "visualizer", *a], capture_output=True,  # noqa: E731
                                    text=True, timeout=300)
    assert run("train", "--epochs", "2", "--out", str(out)).returncode == 0
    listed = _json.loads(run("evaluate", "--model", str(out), "--timeline", "--json").stdout)["moments"]
    steps = [m["step"] for m in listed]
    assert steps[0] == 0 and steps[-1] == 128 and len(steps) <= 24 and listed[-1]["epochs"] == 2
    first = _json.loads(run("evaluate", "--model", str(out), "--at-step", "3", "--json").stdout)
    last = _json.loads(run("evaluate", "--model", str(out), "--json").stdout)
    assert first["step"] == min(steps, key=lambda s: (abs(s - 3), s)) and last["step"] == 128
    assert first["accuracy"] < last["accuracy"]                      # an early, worse network
