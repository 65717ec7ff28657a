"""``visualizer data list|download|info``."""

from __future__ import annotations

import json
import os

from cli_helpers import assert_one_line_error, cli_env, run_cli


def test_list_json_and_table():
    proc = run_cli("data", "list", "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert r["cache_dir"] == os.environ["VISUALIZER_DATA_DIR"]
    by_name = {d["name"]: d for d in r["datasets"]}
    assert set(by_name) == {"sample", "mnist", "fashion"}
    assert by_name["sample"]["available"] and by_name["sample"]["bytes"] > 100_000
    assert not by_name["mnist"]["available"]            # fresh, empty cache folder in the tests
    assert by_name["mnist"]["path"].startswith(r["cache_dir"])

    table = run_cli("data", "list").stdout.splitlines()
    assert table[0].split() == ["name", "status", "size", "location"]
    assert table[1].split()[:2] == ["sample", "embedded"]
    assert table[2].split()[:3] == ["mnist", "not", "downloaded"]
    assert f"download folder: {r['cache_dir']}" in table


def test_info_on_an_idx_folder(idx_folder, sample):
    proc = run_cli("data", "info", idx_folder, "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert r["format"] == "idx" and r["n_train"] == 600 and r["n_test"] == 500
    assert r["image_shape"] == [28, 28] and len(r["files"]) == 4
    assert sum(r["train_counts"]) == 600
    assert r["test_counts"] == [int((sample.y_test == c).sum()) for c in range(10)]

    text = run_cli("data", "info", idx_folder).stdout
    assert "600 training + 500 test, 28x28 pixels" in text
    rows = [ln.split() for ln in text.splitlines() if ln[:1].isdigit()]
    assert [r_[0] for r_ in rows] == [str(c) for c in range(10)]
    assert sum(int(r_[1].replace(",", "")) for r_ in rows) == 600


def test_info_explains_an_invalid_folder(tmp_path):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x03junk")
    line = assert_one_line_error(run_cli("data", "info", tmp_path), str(tmp_path))
    assert "t10k-images" in line                         # says what is missing


def test_info_on_a_corrupt_idx_file(tmp_path, idx_folder):
    for f in idx_folder.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x03\x00\x00\x02\x58garbage")
    assert_one_line_error(run_cli("data", "info", tmp_path), "train-images-idx3-ubyte")


def test_info_names_not_downloaded():
    line = assert_one_line_error(run_cli("data", "info", "mnist"), "mnist")
    assert "visualizer data download mnist" in line


def test_download_failure_leaves_nothing(tmp_path):
    """Every mirror unreachable (a closed port on loopback): exit 2, one line, no partial file."""
    cache = tmp_path / "cache"
    env = cli_env(VISUALIZER_DATA_DIR=str(cache), VISUALIZER_MIRRORS="http://127.0.0.1:9/{name}/")
    proc = run_cli("data", "download", "mnist", env=env)
    assert proc.returncode == 2, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("visualizer data download: error:") and "Traceback" not in proc.stderr
    leftovers = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
    assert leftovers == []


def test_download_unknown_name():
    assert_one_line_error(run_cli("data", "download", "cifar"), "cifar")


def test_info_notes_a_missing_class(tmp_path, sample):
    from cli_helpers import write_idx

    keep = sample.y_train != 7
    write_idx(tmp_path / "train-images-idx3-ubyte", sample.x_train[keep][:300])
    write_idx(tmp_path / "train-labels-idx1-ubyte", sample.y_train[keep][:300])
    write_idx(tmp_path / "t10k-images-idx3-ubyte", sample.x_test[:100])
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", sample.y_test[:100])
    proc = run_cli("data", "info", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "note: no training images of class 7" in proc.stdout
