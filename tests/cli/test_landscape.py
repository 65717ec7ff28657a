"""``visualizer landscape``: the saved grids, the subsample, pca from a timeline, the errors."""

from __future__ import annotations

import json
import struct
import zlib

import numpy as np
import pytest

from cli_helpers import assert_one_line_error, run_cli
from visualizer.core import runsetup
from visualizer.core.dataset import load_dataset
from visualizer.core.evaluation import evaluate
from visualizer.core.persistence import load_checkpoint


def read_png(path) -> np.ndarray:
    """(H, W, 3) uint8 from an RGB PNG with filter 0 rows (what the command writes), CRCs checked."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,), tag = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(tag + body)
        chunks[tag] = chunks.get(tag, b"") + body
        pos += 12 + length
    w, h, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 2) and b"IEND" in chunks
    raw = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), np.uint8).reshape(h, 1 + 3 * w)
    assert not raw[:, 0].any()
    return raw[:, 1:].reshape(h, w, 3)


def _train_images(model_path):
    ckpt = load_checkpoint(model_path)
    run = runsetup.prepare(load_dataset("sample"), ckpt.split)
    return ckpt, run.inputs_train, run.y_train.astype(np.int64)


def test_the_npz_holds_the_documented_arrays_and_the_centre_is_the_models_loss(trained_model, tmp_path):
    out, png = tmp_path / "land.npz", tmp_path / "land.png"
    proc = run_cli("landscape", "--model", trained_model, "--grid", "7", "--span", "0.5",
                   "--samples", "300", "--seed", "4", "--out", out, "--png", png, "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    ckpt, x, y = _train_images(trained_model)
    with np.load(out, allow_pickle=False) as z:
        assert {"alphas", "betas", "loss", "accuracy", "d1", "d2", "indices", "config"} <= set(z.files)
        assert "trajectory" not in z.files
        np.testing.assert_allclose(z["alphas"], np.linspace(-0.5, 0.5, 7))
        assert z["betas"].shape == (7,) and z["loss"].shape == z["accuracy"].shape == (7, 7)
        assert z["d1"].shape == z["d2"].shape == (ckpt.n_params,) == (25_450,)
        idx = z["indices"]
        assert idx.shape == (300,) and (np.diff(idx) > 0).all() and idx.max() < len(y) == r["available"]
        centre = evaluate(ckpt.model(), x[idx], y[idx])
        assert z["loss"][3, 3] == pytest.approx(centre.loss, rel=1e-5)
        assert r["centre_loss"] == pytest.approx(centre.loss, rel=1e-5)
        assert r["centre_accuracy"] == pytest.approx(centre.accuracy, abs=1 / 300)
        assert json.loads(str(z["config"]))["count"] == 300
        assert np.all((z["accuracy"] >= 0) & (z["accuracy"] <= 1)) and z["loss"].min() == r["min_loss"]
    assert r["count"] == 300 and r["split"] == "train" and r["dataset"] == "sample"
    assert r["seconds"] > 0 and r["directions"] == "random" and r["png"] == str(png)
    assert "2-D slice" in r["about"]
    pixels = read_png(png)
    assert pixels.ndim == 3 and pixels.shape[0] > 300 and pixels.shape[1] > 300


def test_the_subsample_and_directions_follow_the_seed(trained_model, tmp_path):
    runs = {}
    for name, seed in (("a", "1"), ("b", "1"), ("c", "2")):
        out = tmp_path / f"{name}.npz"
        proc = run_cli("landscape", "--model", trained_model, "--grid", "3", "--samples", "50",
                       "--seed", seed, "--split", "test", "--out", out)
        assert proc.returncode == 0, proc.stderr
        with np.load(out) as z:
            runs[name] = (z["indices"], z["d1"], z["loss"])
    assert all(np.array_equal(u, v) for u, v in zip(runs["a"], runs["b"]))
    assert not np.array_equal(runs["a"][0], runs["c"][0]) and not np.array_equal(runs["a"][1], runs["c"][1])


def _with_timeline(model_path, tmp_path, rows: int):
    """A copy of the model file whose timeline is ``rows`` past weights (a bent path to it)."""
    from visualizer.core.persistence import save_checkpoint
    from visualizer.core.timeline import Moment

    ckpt = load_checkpoint(model_path)
    params = ckpt.params
    rng = np.random.default_rng(0)
    steps = rng.standard_normal((rows, params.size)).astype(np.float32) * 0.01
    past = params - np.cumsum(steps[::-1], axis=0)[::-1]                    # (rows, P), oldest first
    path = tmp_path / f"timeline{rows}.npz"
    save_checkpoint(path, ckpt.replace(timeline=tuple(Moment(i, i / 10, p) for i, p in enumerate(past))))
    return path, past


def _without_timeline(model_path, tmp_path):
    from visualizer.core.persistence import save_checkpoint

    path = tmp_path.parent / f"{tmp_path.name}-bare.npz"       # outside the folder the test watches
    save_checkpoint(path, load_checkpoint(model_path).replace(timeline=()))
    return path


def test_pca_uses_the_timeline_and_saves_its_coordinates(trained_model, tmp_path):
    model, timeline = _with_timeline(trained_model, tmp_path, 5)
    out = tmp_path / "pca.npz"
    proc = run_cli("landscape", "--model", model, "--directions", "pca", "--grid", "5", "--samples", "100",
                   "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    with np.load(out) as z:
        traj = z["trajectory"]
        assert traj.shape == (6, 2)                           # 5 past weights and the model's own
        np.testing.assert_allclose(traj[-1], [0.0, 0.0], atol=1e-6)
        assert (traj[0] <= 0).all()
        assert r["span"] == pytest.approx(1.2 * np.abs(traj).max()) == z["alphas"][-1]
        assert abs(float(np.dot(z["d1"].astype(np.float64), z["d2"]))) < 1e-5
    assert r["directions"] == "pca" and len(r["explained"]) == 2


@pytest.mark.parametrize("extra, culprit", [
    (("--grid", "2"), "--grid 2"), (("--grid", "202"), "--grid 202"), (("--span", "0"), "--span 0"),
    (("--span", "-1"), "--span -1"), (("--span", "nan"), "--span nan"), (("--span", "1e5"), "--span 100000"),
    (("--samples", "0"), "--samples 0"),
    (("--directions", "pca"), "keeps no trajectory"), (("--split", "everything"), "--split"),
])
def test_bad_options_exit_2_with_one_line_and_write_nothing(trained_model, tmp_path, extra, culprit):
    out = tmp_path / "land.npz"
    model = _without_timeline(trained_model, tmp_path)
    proc = run_cli("landscape", "--model", model, "--out", out, *extra)
    assert_one_line_error(proc, culprit)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_timeline_too_short_for_pca_is_refused(trained_model, tmp_path):
    model, _ = _with_timeline(trained_model, tmp_path, 1)
    proc = run_cli("landscape", "--model", model, "--directions", "pca", "--out", tmp_path / "x.npz")
    assert_one_line_error(proc, str(model), "at least 2")


def test_pca_works_on_a_model_trained_by_the_command_line(trained_model, tmp_path):
    """`visualizer train` keeps a timeline in the file: its trajectory gives the directions."""
    out = tmp_path / "pca.npz"
    proc = run_cli("landscape", "--model", trained_model, "--directions", "pca", "--grid", "3",
                   "--samples", "50", "--out", out)
    assert proc.returncode == 0, proc.stderr
    with np.load(out) as z:
        assert len(z["trajectory"]) == len(load_checkpoint(trained_model).timeline)


def test_help_says_what_the_picture_is_and_is_not():
    proc = run_cli("landscape", "--help")
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    for phrase in ("what the picture is", "what it is not", "2-D slice", "109,386",
                   "depends on the directions", "--samples", "--split {train,validation,test}"):
        assert phrase in text, phrase


def test_the_picture_is_drawn_without_qt(trained_model, tmp_path):
    import subprocess
    import sys

    from cli_helpers import cli_env

    code = ("import sys\n"
            "from visualizer.cli.main import main\n"
            f"code = main(['landscape', '--model', {str(trained_model)!r}, '--grid', '3', '--samples', '20',\n"
            f"             '--out', {str(tmp_path / 'l.npz')!r}, '--png', {str(tmp_path / 'l.png')!r}])\n"
            "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "0 []", proc.stderr
    assert read_png(tmp_path / "l.png").shape[2] == 3


def test_the_validation_and_test_splits_and_a_subsample_larger_than_the_split(trained_model, tmp_path):
    ckpt = load_checkpoint(trained_model)
    val = runsetup.prepare(load_dataset("sample"), ckpt.split).y_val
    proc = run_cli("landscape", "--model", trained_model, "--grid", "3", "--split", "validation",
                   "--out", tmp_path / "v.npz", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["count"] == len(val) == 450
    proc = run_cli("landscape", "--model", trained_model, "--grid", "3", "--split", "test", "--samples", "9999",
                   "--out", tmp_path / "t.npz", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["count"] == 500 and "all are used" in proc.stderr
    with np.load(tmp_path / "t.npz") as z:
        np.testing.assert_array_equal(z["indices"], np.arange(500))
