"""The command line on a folder of class folders of images: data info, train, evaluate, predict."""

from __future__ import annotations

import json
import shutil

import pytest

from cli_helpers import assert_one_line_error, run_cli
from imagefolders import write_image_folder


@pytest.fixture(scope="module")
def shapes(tmp_path_factory):
    """Three classes named "one", "seven", "zero" (digits 1, 7, 0), 14 images each, one junk file."""
    root = tmp_path_factory.mktemp("folders") / "my-shapes"
    write_image_folder(root, {"zero": 0, "one": 1, "seven": 7}, per_class=14)
    (root / "seven" / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\ntruncated")
    return root


def test_data_info_lists_classes_counts_and_the_skipped_file(shapes):
    proc = run_cli("data", "info", shapes)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "(image folder)" in out
    assert "36 training + 6 test" in out
    lines = [line.split() for line in out.splitlines()]
    rows = [r for r in lines if r and r[0] in ("0", "1", "2") and len(r) >= 6]
    assert [r[1] for r in rows] == ["one", "seven", "zero"]
    assert [r[2] for r in rows] == ["12", "12", "12"] and [r[4] for r in rows] == ["2", "2", "2"]
    assert "1 of 43 files skipped" in out and "scan.png" in out
    js = json.loads(run_cli("data", "info", shapes, "--json").stdout)
    assert js["class_names"] == ["one", "seven", "zero"] and js["format"] == "image folder"


def test_train_then_evaluate_and_predict_name_the_folders_classes(shapes, tmp_path):
    model = tmp_path / "m.npz"
    proc = run_cli("train", shapes, "--hidden", "16", "--epochs", "30", "--seed", "1", "--out", model)
    assert proc.returncode == 0, proc.stderr
    assert "784-16-3" in proc.stderr                                   # one output per class
    assert "scan.png" in proc.stderr and "1 of 43 files skipped" in proc.stderr
    ev = run_cli("evaluate", "--model", model, shapes, "--json")
    assert ev.returncode == 0, ev.stderr
    r = json.loads(ev.stdout)
    assert r["class_names"] == ["one", "seven", "zero"]
    assert r["accuracy"] > 0.5                                         # 6 test images, 3 classes
    # the dataset's folder is gone: predict still names the classes, from the model file
    moved = tmp_path / "elsewhere"
    shutil.copytree(shapes / "seven", moved)
    shutil.move(str(shapes), str(tmp_path / "hidden-away"))
    try:
        pr = run_cli("predict", "--model", model, moved / "img0.png", moved / "img1.png")
    finally:
        shutil.move(str(tmp_path / "hidden-away"), str(shapes))
    assert pr.returncode == 0, pr.stderr
    labels = [line.split()[1] for line in pr.stdout.splitlines()[1:]]
    assert len(labels) == 2 and set(labels) <= {"one", "seven", "zero"}


def test_one_class_or_an_empty_class_is_one_line_and_exit_2(tmp_path):
    write_image_folder(tmp_path / "single", {"a": 3}, per_class=2)
    assert_one_line_error(run_cli("data", "info", tmp_path / "single"), "at least 2 class folders")
    write_image_folder(tmp_path / "gap", {"a": 3, "b": 4}, per_class=2)
    (tmp_path / "gap" / "c").mkdir()
    assert_one_line_error(run_cli("train", tmp_path / "gap", "--epochs", "1"), "'c'", "no image files")
