"""``visualizer backprop``: one image's backward pass from the command line.

The image is prepared as ``predict`` prepares it; the printed figures and the
``--out`` arrays are the core's (``core.backprop.backprop`` in float64 on the
file's weights); every bad input is one line on stderr and exit 2.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from cli_helpers import assert_one_line_error, run_cli, write_png
from visualizer.core.persistence import load_checkpoint


@pytest.fixture(scope="module")
def digit(tmp_path_factory, sample):
    """A test-set 7, dark ink on light paper at 56x56 (predict inverts and centres it) -> (path, 7)."""
    i = int(np.flatnonzero(sample.y_test == 7)[0])
    big = np.kron(sample.x_test[i], np.ones((2, 2), np.uint8))         # (56, 56)
    path = write_png(tmp_path_factory.mktemp("digit") / "seven.png", 255 - big)
    return path, 7


def _core(model_path, image, label):
    """What the command must show: predict's input, then the core's backward pass in float64."""
    from visualizer.core.backprop import backprop
    from visualizer.core.preprocess import image_to_input
    from visualizer.imagefile import read_image

    x = np.asarray(image_to_input(read_image(image)), np.float32).reshape(784)
    return backprop(load_checkpoint(model_path).model(), x, label, dtype=np.float64)


def test_out_holds_the_cores_arrays_in_the_models_layout(trained_model, digit, tmp_path):
    image, label = digit
    out = tmp_path / "grads.npz"
    proc = run_cli("backprop", "--model", trained_model, image, "--label", label, "--out", out)
    assert proc.returncode == 0, proc.stderr
    expected = _core(trained_model, image, label)
    model = load_checkpoint(trained_model).model()
    with np.load(out) as f:
        files = dict(f)
    n = model.n_layers
    assert set(files) == ({"x", "loss", "probabilities", "label"}
                          | {f"{k}{i}" for k in ("z", "a", "dz", "dW", "db") for i in range(n)}
                          | {f"da{i}" for i in range(n - 1)})
    for key, value in files.items():
        if key not in ("x", "label"):
            assert value.dtype == np.float64, key
    np.testing.assert_array_equal(files["x"], expected.x)
    assert int(files["label"]) == label
    np.testing.assert_allclose(files["loss"], expected.loss, rtol=1e-12)
    np.testing.assert_allclose(files["probabilities"], expected.probabilities, rtol=1e-12)
    for i in range(n):
        assert files[f"dW{i}"].shape == model.weights[i].shape
        for key, ours in (("z", expected.z), ("a", expected.a), ("dz", expected.dz), ("dW", expected.dW),
                          ("db", expected.db), ("da", expected.da)):
            if i < len(ours):
                np.testing.assert_allclose(files[f"{key}{i}"], ours[i], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(files[f"a{n - 1}"], files["probabilities"])
    onehot = np.eye(10)[label]
    np.testing.assert_allclose(files[f"dz{n - 1}"], files["probabilities"] - onehot, atol=1e-15)
    assert not list(tmp_path.glob(".grads*"))                # no temporary file left behind


def test_json_gives_probabilities_loss_and_layer_norms_like_predict(trained_model, digit):
    image, label = digit
    proc = run_cli("backprop", "--model", trained_model, image, "--label", label, "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    expected = _core(trained_model, image, label)
    assert doc["label"] == label and doc["file"] == str(image)
    probs = np.array(doc["probabilities"])
    np.testing.assert_allclose(probs, expected.probabilities, rtol=1e-12)
    assert doc["predicted"] == int(np.argmax(probs))
    assert doc["loss"] == pytest.approx(-np.log(probs[label]), rel=1e-9)
    for layer, (w, (nw, nb)) in zip(doc["layers"], zip(expected.dW, expected.norms())):
        assert layer["shape"] == list(w.shape)
        assert layer["dW_norm"] == pytest.approx(nw, rel=1e-12)
        assert layer["db_norm"] == pytest.approx(nb, rel=1e-12)
    assert doc["layers"][0]["off_units"] == int(expected.off[0].sum())
    # the same image through predict: the same probabilities (float32 there, float64 here)
    predicted = json.loads(run_cli("predict", "--model", trained_model, image, "--json").stdout)
    np.testing.assert_allclose(predicted[0]["probabilities"], probs, rtol=1e-4, atol=1e-6)


def test_the_table_names_loss_and_every_layer(trained_model, digit):
    image, _ = digit
    proc = run_cli("backprop", "--model", trained_model, image, "--label", "3")
    assert proc.returncode == 0, proc.stderr
    expected = _core(trained_model, image, 3)
    assert f"loss -log p(3) = {expected.loss:.4f}" in proc.stdout
    rows = [line.split() for line in proc.stdout.splitlines() if line.split()[:1] in (["0"], ["1"])]
    assert [r[1] for r in rows] == ["784x32", "32x10"]
    assert float(rows[0][2]) == pytest.approx(expected.norms()[0][0], rel=1e-3)


def test_help_has_examples():
    proc = run_cli("backprop", "--help")
    assert proc.returncode == 0 and proc.stderr == ""
    for flag in ("--model", "--label", "--json", "--out"):
        assert flag in proc.stdout
    examples = proc.stdout.split("examples:")[1].strip().splitlines()
    assert examples and all(e.strip().startswith("visualizer backprop") for e in examples)
    assert "backprop" in run_cli("--help").stdout


@pytest.mark.parametrize("case", ["label 10", "label -1", "label word", "no label", "missing model",
                                  "bad model", "missing image", "not an image", "blank image",
                                  "out folder missing"])
def test_bad_inputs_are_one_line_and_exit_2(case, trained_model, digit, tmp_path):
    image, _ = digit
    model = str(trained_model)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"PK\x03\x04 not really a zip archive")
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    blank = write_png(tmp_path / "blank.png", np.full((40, 40), 255, np.uint8))
    args, culprits = {
        "label 10": (["--model", model, image, "--label", "10"], ["--label", "0 to 9"]),
        "label -1": (["--model", model, image, "--label", "-1"], ["--label"]),
        "label word": (["--model", model, image, "--label", "seven"], ["--label", "seven"]),
        "no label": (["--model", model, image], ["--label"]),
        "missing model": (["--model", tmp_path / "nope.npz", image, "--label", "1"], ["nope.npz"]),
        "bad model": (["--model", junk, image, "--label", "1"], ["junk.npz"]),
        "missing image": (["--model", model, tmp_path / "nope.png", "--label", "1"], ["nope.png"]),
        "not an image": (["--model", model, text, "--label", "1"], ["notes.png"]),
        "blank image": (["--model", model, blank, "--label", "1"], ["blank.png", "blank"]),
        "out folder missing": (["--model", model, image, "--label", "1", "--out", tmp_path / "no" / "g.npz"],
                               ["--out"]),
    }[case]
    proc = run_cli("backprop", *args)
    assert_one_line_error(proc, *culprits)
    assert proc.stdout == ""
    assert not (tmp_path / "no").exists()
