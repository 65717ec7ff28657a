"""Folders of class folders of images as datasets (core.imagefolder through load_dataset)."""

from __future__ import annotations

import numpy as np
import pytest

from imagefolders import write_image_folder
from visualizer.core import imagefolder
from visualizer.core.dataset import describe, load_dataset
from visualizer.core.errors import DataError, DownloadCancelled
from visualizer.core.png import write_png
from visualizer.core.preprocess import image_to_input
from visualizer.imagefile import read_image


@pytest.fixture
def folder(tmp_path):
    """Classes "2", "10" and "cat" (natural order), 9 images each, plus junk to skip or ignore."""
    root = tmp_path / "my-digits"
    files = write_image_folder(root, {"10": 1, "2": 7, "cat": 3}, per_class=9)
    (root / "2" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")    # unreadable: skipped
    (root / "cat" / "readme.txt").write_text("these are cats")                  # not an image: skipped
    write_png(root / "10" / "blank.png", np.full((30, 30), 255, np.uint8))      # no ink: skipped
    (root / "2" / ".DS_Store").write_bytes(b"\0\1\2")                          # hidden: ignored
    (root / "cat" / ".thumbs").mkdir()
    (root / "cat" / ".thumbs" / "x.png").write_bytes(b"junk")                  # in a hidden folder
    (root / "notes.txt").write_text("beside the classes: ignored")
    return root, files


def test_image_folder_loads_with_natural_class_order_and_counts(folder):
    root, files = folder
    ds = load_dataset(str(root), decode=read_image)
    assert ds.class_names == ("2", "10", "cat")                # "2" before "10"
    assert ds.n_train + ds.n_test == 27
    # every 7th image of a class is a test image: 1 of 9 per class
    assert np.bincount(ds.y_test, minlength=3).tolist() == [1, 1, 1]
    assert np.bincount(ds.y_train, minlength=3).tolist() == [8, 8, 8]
    assert ds.source == str(root)
    (line,) = ds.notes
    assert line.startswith("3 of 30 files skipped")
    for name in ("broken.png", "readme.txt", "blank.png"):
        assert name in line
    assert ".DS_Store" not in line and "x.png" not in line and "notes.txt" not in line


def test_prepared_images_are_image_to_input_of_the_same_files(folder):
    root, files = folder
    ds = load_dataset(str(root), decode=read_image)
    # class "2" is class 0; in natural order img0..img8, img6 (the 7th) is its test image
    test_of_2 = ds.x_test[ds.y_test == 0]
    want = image_to_input(read_image(files["2"][6]))                       # (28, 28) float32 in [0, 1]
    np.testing.assert_allclose(test_of_2[0] / 255.0, want, atol=0.5 / 255 + 1e-6)
    train_of_cat = ds.x_train[ds.y_train == 2]
    want = image_to_input(read_image(files["cat"][0]))
    np.testing.assert_allclose(train_of_cat[0] / 255.0, want, atol=0.5 / 255 + 1e-6)


def test_held_out_positions_are_every_seventh_and_one_for_small_classes():
    assert imagefolder.held_out_positions(1).tolist() == []
    assert imagefolder.held_out_positions(2).tolist() == [1]
    assert imagefolder.held_out_positions(6).tolist() == [5]
    assert imagefolder.held_out_positions(7).tolist() == [6]
    assert imagefolder.held_out_positions(20).tolist() == [6, 13]


def test_natural_key_sorts_numbers_as_numbers():
    names = ["10", "2", "B", "a", "img10", "img9", "1"]
    assert sorted(names, key=imagefolder.natural_key) == ["1", "2", "10", "a", "B", "img9", "img10"]


def test_one_class_is_a_clear_error(tmp_path):
    write_image_folder(tmp_path / "one", {"7": 7}, per_class=3)
    with pytest.raises(DataError, match="at least 2 class folders.*found only '7'"):
        load_dataset(str(tmp_path / "one"), decode=read_image)


def test_an_empty_class_is_a_clear_error(tmp_path):
    write_image_folder(tmp_path / "d", {"0": 0, "1": 1}, per_class=3)
    (tmp_path / "d" / "2").mkdir()
    (tmp_path / "d" / "2" / ".hidden.png").write_bytes(b"x")
    with pytest.raises(DataError, match="'2' hold no image files"):
        load_dataset(str(tmp_path / "d"), decode=read_image)


def test_a_class_of_only_unreadable_files_is_a_clear_error(tmp_path):
    write_image_folder(tmp_path / "d", {"0": 0, "1": 1}, per_class=3)
    (tmp_path / "d" / "junk").mkdir()
    (tmp_path / "d" / "junk" / "a.png").write_bytes(b"not a png")
    with pytest.raises(DataError, match="'junk' holds no readable image.*a.png"):
        load_dataset(str(tmp_path / "d"), decode=read_image)


def test_too_many_classes_is_a_clear_error(tmp_path):
    for i in range(imagefolder.MAX_CLASSES + 1):
        (tmp_path / "d" / f"c{i}").mkdir(parents=True)
    with pytest.raises(DataError, match="101 class folders; at most 100"):
        load_dataset(str(tmp_path / "d"), decode=read_image)


def test_a_folder_of_neither_kind_names_both(tmp_path):
    (tmp_path / "x.png").write_bytes(b"junk")
    with pytest.raises(DataError, match="class folders of images"):
        load_dataset(str(tmp_path), decode=read_image)


def test_progress_counts_files_and_cancel_stops(folder):
    root, _ = folder
    seen = []
    load_dataset(str(root), decode=read_image, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (1, 30) and seen[-1] == (30, 30) and len(seen) == 30
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 4

    with pytest.raises(DownloadCancelled):
        load_dataset(str(root), decode=read_image, cancel=cancel)
    assert len(calls) == 5


def test_the_installed_decoder_is_used_when_none_is_given(folder, monkeypatch):
    root, _ = folder
    monkeypatch.setattr(imagefolder, "_decoder", None)
    with pytest.raises(DataError, match="image reader"):
        load_dataset(str(root))
    imagefolder.use_decoder(read_image)
    assert load_dataset(str(root)).class_names == ("2", "10", "cat")


def test_describe_an_image_folder(folder):
    root, _ = folder
    info = describe(str(root), decode=read_image)
    assert info["format"] == "image folder"
    assert info["class_names"] == ("2", "10", "cat")
    assert info["files"] == [str(root / n) for n in ("2", "10", "cat")]
    assert info["train_counts"] == [8, 8, 8] and info["test_counts"] == [1, 1, 1]
    assert "3 of 30 files skipped" in info["notes"][0]


def test_an_idx_folder_with_sub_folders_stays_an_idx_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"")
    with pytest.raises(DataError, match="not an MNIST-format folder; missing"):
        load_dataset(str(tmp_path), decode=read_image)
