"""``visualizer predict`` on PNG files written here: the drawing pad's exact preprocessing,
JSON shape, bad files among good ones, and a batch larger than one forward chunk."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from cli_helpers import assert_one_line_error, run_cli, write_png
from visualizer.core.persistence import load_checkpoint


@pytest.fixture(scope="module")
def digits(tmp_path_factory, sample):
    """20 test digits, two per class, at 56x56: half white-on-black grayscale,
    half black-on-white RGB (the preprocessing must invert those). -> (files, labels)."""
    folder = tmp_path_factory.mktemp("digits")
    files, labels = [], []
    for c in range(10):
        idx = np.flatnonzero(sample.y_test == c)[:2]
        for k, i in enumerate(idx):
            big = np.kron(sample.x_test[i], np.ones((2, 2), np.uint8))        # (56, 56)
            if k == 0:
                path = write_png(folder / f"d{c}_white_on_black.png", big)
            else:
                paper = np.repeat((255 - big)[:, :, None], 3, axis=2)          # (56, 56, 3)
                path = write_png(folder / f"d{c}_ink_on_paper.png", paper)
            files.append(str(path))
            labels.append(c)
    return files, np.array(labels)


def _expected(model_path, files):
    """What the app's drawing pad would say: read_image -> image_to_input -> the model."""
    from visualizer.core.preprocess import image_to_input
    from visualizer.imagefile import read_image

    model = load_checkpoint(model_path).model()
    x = np.stack([image_to_input(read_image(f)).reshape(784) for f in files])
    return model.predict_proba(x)


def test_predict_json(trained_model, digits):
    files, truth = digits
    proc = run_cli("predict", "--model", trained_model, *files, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert len(proc.stdout.splitlines()) == len(files) + 2     # streamed: "[", one per line, "]"
    fields = {"file", "label", "probabilities", "calibrated", "unsure", "score"}
    assert [set(r) for r in out] == [fields] * len(files)
    assert [r["file"] for r in out] == files
    probs = np.array([r["probabilities"] for r in out])
    assert probs.shape == (20, 10) and np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    labels = np.array([r["label"] for r in out])
    assert (labels == probs.argmax(axis=1)).all()
    assert np.allclose(probs, _expected(trained_model, files), atol=1e-6)
    assert (labels == truth).mean() >= 0.7          # a 3-epoch model reads real digits
    # polarity does not matter: each pair (white-on-black, ink-on-paper) agrees
    assert (labels[0::2] == labels[1::2]).mean() >= 0.9


def test_predict_table(trained_model, digits):
    files, _ = digits
    proc = run_cli("predict", "--model", trained_model, *files[:4])
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["file", "label", "conf."]
    assert len(lines) == 5
    for f, line in zip(files[:4], lines[1:]):
        parts = line.split()
        assert parts[0] == f and parts[1].isdigit() and parts[2].endswith("%")
        assert len(parts) == 13 and abs(sum(map(float, parts[3:])) - 1) < 0.05


def test_bad_and_blank_images_are_reported_and_the_rest_printed(trained_model, digits, tmp_path):
    files, _ = digits
    bad = tmp_path / "bad.png"
    bad.write_text("this is not an image")
    blank = write_png(tmp_path / "blank.png", np.zeros((28, 28), np.uint8))
    missing = tmp_path / "missing.png"
    args = [files[0], str(bad), files[1], str(blank), str(missing), files[2]]
    proc = run_cli("predict", "--model", trained_model, *args, "--json")
    assert proc.returncode == 2
    out = json.loads(proc.stdout)
    assert [r["file"] for r in out] == [files[0], files[1], files[2]]
    err = proc.stderr.strip().splitlines()
    assert "Traceback" not in proc.stderr and len(err) == 4
    assert str(bad) in err[0] and str(blank) in err[1] and str(missing) in err[2]
    assert "3 of 6 images skipped" in err[3]


def test_a_single_bad_image_is_one_line(trained_model, tmp_path):
    bad = tmp_path / "truncated.png"
    good = write_png(tmp_path / "x.png", np.eye(28, dtype=np.uint8) * 255)
    bad.write_bytes(good.read_bytes()[:40])
    assert_one_line_error(run_cli("predict", "--model", trained_model, bad), str(bad))


def test_thousands_of_files_in_one_call(trained_model, digits, tmp_path):
    """1,030 files (more than one forward chunk of 1,024), given as a folder."""
    files, _ = digits
    for i in range(1030):
        shutil.copyfile(files[i % 20], tmp_path / f"img{i:04d}.png")
    (tmp_path / "readme.txt").write_text("not an image: skipped by the folder expansion")
    proc = run_cli("predict", "--model", trained_model, tmp_path, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert len(out) == 1030
    first = json.loads(run_cli("predict", "--model", trained_model, *files, "--json").stdout)
    for i in (0, 7, 1023, 1024, 1029):                # across the chunk boundary
        assert out[i]["file"].endswith(f"img{i:04d}.png")
        assert out[i]["label"] == first[i % 20]["label"]
        assert np.allclose(out[i]["probabilities"], first[i % 20]["probabilities"], atol=1e-6)


def test_folder_in_natural_order(trained_model, digits, tmp_path):
    files, _ = digits
    for name in ("img10.png", "img9.png", "IMG1.PNG", "notes.txt"):
        if name.endswith("txt"):
            (tmp_path / name).write_text("x")
        else:
            shutil.copyfile(files[0], tmp_path / name)
    out = json.loads(run_cli("predict", "--model", trained_model, tmp_path, "--json").stdout)
    assert [r["file"].split("/")[-1] for r in out] == ["IMG1.PNG", "img9.png", "img10.png"]


def test_empty_folder_is_bad_input(trained_model, tmp_path):
    assert_one_line_error(run_cli("predict", "--model", trained_model, tmp_path), str(tmp_path))
