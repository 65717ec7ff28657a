"""Datasets: the embedded sample, IDX folders, Keras npz, Fashion-MNIST, CLI helpers, splits."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from datahelpers import tiny_digits, write_idx, write_idx_folder
from visualizer.core import dataset as D
from visualizer.core import download
from visualizer.core.errors import DataError


def test_sample_loads_fast_and_is_stratified():
    t = time.perf_counter()
    ds = D.load_dataset("sample")
    elapsed = time.perf_counter() - t
    assert elapsed < 5.0                      # generous on a busy CI box; typically ~0.05 s
    assert ds.name == "sample" and ds.source == "embedded"
    assert ds.x_train.shape == (4500, 28, 28) and ds.x_test.shape == (500, 28, 28)
    assert ds.x_train.dtype == np.uint8 and ds.y_train.dtype == np.uint8
    assert np.bincount(ds.y_test, minlength=10).tolist() == [50] * 10
    assert np.bincount(ds.y_train, minlength=10).tolist() == [450] * 10
    assert ds.class_names == tuple("0123456789")
    # white ink on black: the border is background, the peak is full ink
    assert ds.x_train[:, 0, :].mean() < 1 and ds.x_train.max() == 255
    # train and test are disjoint images
    tr = {a.tobytes() for a in ds.x_train}
    assert not any(a.tobytes() in tr for a in ds.x_test)
    # the training order is shuffled (the file is sorted by class)
    assert len(set(ds.y_train[:50].tolist())) > 5


def test_sample_split_is_the_same_every_time():
    a = D.load_dataset("sample")
    D.clear_memory_cache()
    b = D.load_dataset("sample")
    assert a is not b
    np.testing.assert_array_equal(a.x_test, b.x_test)
    np.testing.assert_array_equal(a.y_train, b.y_train)


def test_arrays_are_read_only():
    ds = D.load_dataset("sample")
    for arr in (ds.x_train, ds.y_train, ds.x_test, ds.y_test):
        assert not arr.flags.writeable
        with pytest.raises(ValueError):
            arr[0] = 1
    with pytest.raises(AttributeError):
        ds.name = "x"                      # frozen dataclass


def test_dataset_copies_writable_views():
    x = np.zeros((4, 28, 28), np.uint8)
    ds = D.Dataset("t", x[:2], np.zeros(2, np.uint8), x[2:], np.zeros(2, np.uint8))
    x[0, 0, 0] = 9                         # the caller's array stays writable; the dataset must not change
    assert ds.x_train[0, 0, 0] == 0


def test_as_inputs():
    x = np.array([[[0] * 28] * 28, [[255] * 28] * 28], np.uint8)
    v = D.as_inputs(x)
    assert v.shape == (2, 784) and v.dtype == np.float32
    assert v[0].max() == 0.0 and v[1].min() == 1.0
    assert D.as_inputs(x[0]).shape == (784,)
    with pytest.raises(DataError):
        D.as_inputs(np.zeros((2, 27, 28), np.uint8))


def test_split_validation_is_stratified_and_seeded():
    ds = D.load_dataset("sample")
    x, y = D.as_inputs(ds.x_train), ds.y_train
    a = D.split_validation(x, y, 0.1, np.random.default_rng(3))
    b = D.split_validation(x, y, 0.1, np.random.default_rng(3))
    c = D.split_validation(x, y, 0.1, np.random.default_rng(4))
    x_tr, y_tr, x_val, y_val = a
    assert len(x_val) == 450 and len(x_tr) == 4050
    assert np.bincount(y_val, minlength=10).tolist() == [45] * 10
    np.testing.assert_array_equal(a[3], b[3])
    np.testing.assert_array_equal(a[2], b[2])
    assert not np.array_equal(a[2], c[2])
    # a partition: no example in both parts, none lost (rows identified by their index)
    ids = np.arange(len(y))
    i_tr, y_tr2, i_val, y_val2 = D.split_validation(ids, y, 0.1, np.random.default_rng(3))
    assert sorted(np.concatenate([i_tr, i_val]).tolist()) == ids.tolist()
    np.testing.assert_array_equal(y[i_val], y_val2)
    np.testing.assert_array_equal(x[i_val], x_val)      # same rng -> the same split whatever x is
    x_tr, y_tr, x_val, y_val = D.split_validation(x, y, 0.0, np.random.default_rng(0))
    assert len(x_val) == 0 and len(x_tr) == len(x)


def test_split_validation_unbalanced_classes():
    y = np.array([0] * 90 + [1] * 10, np.uint8)
    x = np.arange(100, dtype=np.float32)[:, None]
    _, y_tr, _, y_val = D.split_validation(x, y, 0.2, np.random.default_rng(0))
    assert np.bincount(y_val).tolist() == [18, 2]


@pytest.mark.parametrize("gz", [True, False])
def test_idx_folder(tmp_path, gz):
    folder = write_idx_folder(tmp_path / "digits", gz=gz)
    ds = D.load_dataset(str(folder))
    assert ds.x_train.shape == (30, 28, 28) and ds.x_test.shape == (20, 28, 28)
    assert ds.source == str(folder)
    np.testing.assert_array_equal(ds.x_train, tiny_digits(30, 1)[0])


def test_idx_folder_name_variants(tmp_path):
    names = ["train-images.idx3-ubyte", "train-labels.idx1-ubyte", "test_images_idx3_ubyte", "t10k-labels-idx1-ubyte"]
    folder = write_idx_folder(tmp_path / "v", gz=False, names=names)
    ds = D.load_dataset(folder)
    assert ds.n_train == 30 and ds.n_test == 20


def test_folder_missing_files_explains(tmp_path):
    folder = write_idx_folder(tmp_path / "d")
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataError) as info:
        D.load_dataset(str(folder))
    assert str(folder) in str(info.value) and "t10k-labels-idx1-ubyte" in str(info.value)
    with pytest.raises(DataError, match="not an MNIST-format folder"):
        D.describe(str(folder))


def test_folder_with_a_corrupt_file_names_it(tmp_path):
    folder = write_idx_folder(tmp_path / "d")
    bad = folder / "train-labels-idx1-ubyte.gz"
    write_idx(bad, np.full(30, 11, np.uint8))
    with pytest.raises(DataError) as info:
        D.load_dataset(str(folder))
    assert str(bad) in str(info.value) and "outside 0-9" in str(info.value)


def test_folder_count_mismatch(tmp_path):
    folder = write_idx_folder(tmp_path / "d")
    write_idx(folder / "train-labels-idx1-ubyte.gz", np.zeros(29, np.uint8))
    with pytest.raises(DataError, match="30 images but .* 29 labels"):
        D.load_dataset(str(folder))


def _keras(path: Path, **override):
    xtr, ytr = tiny_digits(12, 1)
    xte, yte = tiny_digits(6, 2)
    arrays = dict(x_train=xtr, y_train=ytr.astype(np.int64), x_test=xte, y_test=yte)
    arrays.update(override)
    np.savez_compressed(path, **arrays)
    return path


def test_keras_npz_file_and_folder(tmp_path):
    p = _keras(tmp_path / "mnist.npz")
    ds = D.load_dataset(str(p))
    assert ds.x_train.shape == (12, 28, 28) and ds.y_train.dtype == np.uint8
    ds2 = D.load_dataset(str(tmp_path))            # a folder holding a Keras mnist.npz
    np.testing.assert_array_equal(ds.x_test, ds2.x_test)
    info = D.describe(str(p))
    assert info["format"] == "keras npz" and info["n_train"] == 12 and info["n_test"] == 6


@pytest.mark.parametrize("override,fragment", [
    (dict(y_train=np.full(12, 10)), "outside 0-9"),
    (dict(x_train=np.zeros((12, 32, 32), np.uint8)), "x_train must be (N, 28, 28)"),
    (dict(x_test=np.zeros((6, 28, 28), np.float64)), "integer pixels"),
    (dict(y_test=np.zeros(5, np.uint8)), "6 images but y_test 5 labels"),
])
def test_keras_npz_defects(tmp_path, override, fragment):
    p = _keras(tmp_path / "m.npz", **override)
    with pytest.raises(DataError) as info:
        D.load_dataset(str(p))
    assert str(p) in str(info.value) and fragment in str(info.value)


def test_keras_npz_missing_arrays_and_garbage(tmp_path):
    p = tmp_path / "m.npz"
    np.savez(p, images=np.zeros((1, 28, 28), np.uint8))
    with pytest.raises(DataError, match="missing array"):
        D.load_dataset(str(p))
    g = tmp_path / "g.npz"
    g.write_bytes(b"not a zip file at all")
    with pytest.raises(DataError, match="not a readable .npz"):
        D.load_dataset(str(g))


def test_unknown_specs():
    with pytest.raises(DataError, match="unknown dataset 'cifar'"):
        D.load_dataset("cifar")
    with pytest.raises(DataError, match="no such folder or file"):
        D.load_dataset("/does/not/exist")
    with pytest.raises(DataError, match="no dataset given"):
        D.load_dataset("  ")


def test_fashion_from_the_debian_package():
    if not (D.SYSTEM_FASHION_DIR / "train-images-idx3-ubyte.gz").exists():
        pytest.skip("dataset-fashion-mnist is not installed")
    assert D.is_cached("fashion")
    ds = D.load_dataset("fashion")
    assert ds.x_train.shape == (60000, 28, 28) and ds.x_test.shape == (10000, 28, 28)
    assert ds.class_names[0] == "T-shirt/top" and ds.class_names[9] == "Ankle boot"
    assert np.bincount(ds.y_test).tolist() == [1000] * 10
    assert ds.source == str(D.SYSTEM_FASHION_DIR)
    assert D.load_dataset("fashion") is ds          # kept in memory
    listed = {name: (path, present) for name, path, present in D.cached_datasets()}
    assert listed["fashion"] == (D.SYSTEM_FASHION_DIR, True)


def test_cli_helpers(tmp_path, monkeypatch):
    monkeypatch.setattr(D, "SYSTEM_FASHION_DIR", tmp_path / "nowhere")
    assert D.cache_dir() == tmp_path / "cache"
    assert D.is_cached("sample") and not D.is_cached("mnist") and not D.is_cached("fashion")
    assert not D.is_cached("cifar")
    listed = D.cached_datasets()
    assert [n for n, _, _ in listed] == ["sample", "mnist", "fashion"]
    assert listed[1] == ("mnist", tmp_path / "cache" / "mnist", False)
    info = D.describe("sample")
    assert info["n_train"] == 4500 and info["test_counts"] == [50] * 10 and info["image_shape"] == (28, 28)
    with pytest.raises(DataError, match="not downloaded yet"):
        D.describe("mnist")
    # a cache folder with the four verified files counts as cached
    folder = write_idx_folder(tmp_path / "cache" / "mnist")
    monkeypatch.setattr(download, "FILES", {**download.FILES, "mnist": tuple(
        download.RemoteFile(rf.filename, "0" * 64, 1) for rf in download.FILES["mnist"])})
    assert D.is_cached("mnist")
    ds = D.load_dataset("mnist")
    assert ds.name == "mnist" and ds.n_train == 30 and ds.source == str(folder)


def test_resources_override(tmp_path, monkeypatch):
    monkeypatch.setenv("VISUALIZER_RESOURCES", str(tmp_path))
    with pytest.raises(DataError, match="embedded sample .* is missing"):
        D.load_dataset("sample")
    (tmp_path / "mnist_sample.npz").write_bytes(b"garbage")
    with pytest.raises(DataError, match="damaged"):
        D.load_dataset("sample")


def test_a_fashion_folder_gets_fashion_class_names(tmp_path):
    folder = write_idx_folder(tmp_path / "Fashion-MNIST copy")
    assert D.load_dataset(str(folder)).class_names == D.FASHION_NAMES
    assert D.describe(str(folder))["class_names"][0] == "T-shirt/top"
    other = write_idx_folder(tmp_path / "digits")
    assert D.load_dataset(str(other)).class_names == D.DIGIT_NAMES


def test_a_fifo_given_as_the_dataset_is_named_as_such_and_never_read(tmp_path):
    import os

    fifo = tmp_path / "mnist.npz"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match="not a regular file or folder"):
        D.load_dataset(str(fifo))
