"""The learner's digits as an IDX dataset (visualizer.core.userdigits)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from visualizer.core import idx, userdigits
from visualizer.core.dataset import as_inputs, load_dataset
from visualizer.core.errors import DataError
from visualizer.core.userdigits import DigitStore


def _drawing(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).random((28, 28)).astype(np.float32)


def _fill(store: DigitStore, labels) -> list[np.ndarray]:
    images = [_drawing(i) for i in range(len(labels))]
    for img, lab in zip(images, labels):
        store.add(img, lab)
    return images


def _snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_round_trip_through_the_folder_and_load_dataset(tmp_path):
    store = DigitStore(tmp_path / "mine")
    labels = [3, 3, 7, 3, 7, 1]
    images = _fill(store, labels)
    d = DigitStore(tmp_path / "mine").digits()                      # a fresh reader
    assert len(d) == 6 and d.counts()[3] == 3
    # the second drawing of each digit is held out
    held = {(lab, int(np.argmax([np.array_equal(im, userdigits.as_image(x)) for x in images])))
            for im, lab in zip(d.images[d.held_out], d.labels[d.held_out])}
    assert held == {(3, 1), (7, 4)}
    ds = load_dataset(str(tmp_path / "mine"))
    assert ds.n_train == 4 and ds.n_test == 2
    assert np.array_equal(ds.x_train, d.part(False)[0]) and np.array_equal(ds.y_test, d.part(True)[1])
    # stored as uint8: the network sees the drawing to within half a grey level
    i = int(np.flatnonzero((d.labels == 1))[0])
    assert np.abs(as_inputs(d.images[i]) - images[5].reshape(784)).max() <= 0.5 / 255 + 1e-6


def test_remove_persists_and_an_emptied_part_loses_its_files(tmp_path):
    store = DigitStore(tmp_path)
    _fill(store, [4, 4, 9])
    d = store.digits()
    held = int(np.flatnonzero(d.held_out)[0])
    store.remove([held])
    d = DigitStore(tmp_path).digits()
    assert len(d) == 2 and not d.held_out.any()
    assert not (tmp_path / "t10k-images-idx3-ubyte").exists()
    with pytest.raises(DataError):
        store.remove([5])
    store.remove([0, 1])
    assert len(store.digits()) == 0 and not any(tmp_path.iterdir())


def test_export_and_import_round_trip(tmp_path):
    a = DigitStore(tmp_path / "a")
    _fill(a, [0, 0, 5])
    out = a.export_to(tmp_path / "export")
    assert sorted(p.name for p in out.iterdir()) == sorted(userdigits.FILES.values())
    with pytest.raises(DataError, match="already holds"):
        a.export_to(out)
    b = DigitStore(tmp_path / "b")
    _fill(b, [8])
    assert b.import_from(out) == 3
    d = b.digits()
    assert len(d) == 4 and d.held_out.sum() == 1 and sorted(d.labels.tolist()) == [0, 0, 5, 8]


def test_import_reads_a_gzipped_mnist_folder(tmp_path):
    import gzip

    x = (np.arange(2 * 784) % 256).astype(np.uint8).reshape(2, 28, 28)
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx.encode_idx(x)))
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx.encode_idx(np.array([1, 2], np.uint8))))
    store = DigitStore(tmp_path / "store")
    assert store.import_from(tmp_path) == 2
    assert np.array_equal(store.digits().images, x)


def test_a_crash_while_writing_leaves_the_old_files_intact(tmp_path, monkeypatch):
    store = DigitStore(tmp_path)
    _fill(store, [2, 2, 6])
    before = _snapshot(tmp_path)
    real = userdigits.atomic_write_bytes
    calls = []

    def dies_on_the_third_file(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt                      # the process is killed mid-save
        real(path, data)

    monkeypatch.setattr(userdigits, "atomic_write_bytes", dies_on_the_third_file)
    with pytest.raises(KeyboardInterrupt):
        store.add(_drawing(99), 2)
    monkeypatch.undo()
    assert {k: v for k, v in _snapshot(tmp_path).items() if not k.startswith(".")} == before
    reopened = DigitStore(tmp_path)                       # the next start sweeps the leftovers
    assert _snapshot(tmp_path) == before
    assert len(reopened.digits()) == 3 and load_dataset(str(tmp_path)).n_train == 2


def test_a_crash_between_the_renames_is_finished_at_the_next_opening(tmp_path, monkeypatch):
    store = DigitStore(tmp_path)
    _fill(store, [1, 1])
    real = os.replace
    done = []

    def dies_after_one_rename(src, dst):
        if done:
            raise KeyboardInterrupt
        done.append(dst)
        real(src, dst)

    monkeypatch.setattr(userdigits, "_rename", dies_after_one_rename)
    with pytest.raises(KeyboardInterrupt):
        store.add(_drawing(5), 4)
    monkeypatch.undo()
    with pytest.raises(DataError):                      # images and labels disagree until recovered
        load_dataset(str(tmp_path))
    d = DigitStore(tmp_path).digits()
    assert len(d) == 3 and sorted(d.labels.tolist()) == [1, 1, 4]
    assert load_dataset(str(tmp_path)).n_train == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("label", [-1, 10, 2.0, "3", True])
def test_bad_labels_are_refused_and_nothing_is_written(tmp_path, label):
    store = DigitStore(tmp_path / "s")
    with pytest.raises(DataError, match="label"):
        store.add(_drawing(0), label)
    assert not (tmp_path / "s").exists()


def test_bad_images_and_empty_stores_say_so(tmp_path):
    store = DigitStore(tmp_path / "s")
    with pytest.raises(DataError, match="28x28"):
        store.add(np.zeros((20, 20)), 1)
    with pytest.raises(DataError, match="no digits"):
        store.as_dataset()
    with pytest.raises(DataError, match="no digits"):
        store.export_to(tmp_path / "out")
    with pytest.raises(DataError, match="no MNIST"):
        store.import_from(tmp_path)


def test_default_folder_is_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert DigitStore().folder == tmp_path / "visualizer" / "my-digits"


def _ink(seed: int) -> np.ndarray:
    """A drawing with a clear stroke (image folders skip blank images)."""
    img = np.zeros((28, 28), np.float32)
    rng = np.random.default_rng(seed)
    r, c = rng.integers(6, 14, size=2)
    img[r:r + 10, c:c + 4] = 1.0
    return img


def test_export_and_import_a_folder_of_class_folders_of_pngs(tmp_path):
    from visualizer.imagefile import read_image

    store = DigitStore(tmp_path / "mine")
    labels = [0, 0, 1, 1, 2, 2, 1]
    for i, lab in enumerate(labels):
        store.add(_ink(i), lab)
    out = store.export_images(tmp_path / "pngs")
    assert sorted(p.name for p in out.iterdir()) == ["0", "1", "2"]
    assert len(list((out / "1").glob("*.png"))) == 3
    with pytest.raises(DataError, match="already holds class folders"):
        store.export_images(out)
    other = DigitStore(tmp_path / "other")
    added, notes = other.import_images(out, read_image)
    assert added == 7 and notes == ()
    got = other.digits()
    assert sorted(got.labels.tolist()) == sorted(labels)
    assert got.held_out.sum() == 3                          # imagefolder holds out one per class of 2-6


def test_import_refuses_class_folders_that_are_not_digits(tmp_path):
    from visualizer.imagefile import read_image
    from visualizer.core.png import write_png

    for name in ("cat", "dog"):
        (tmp_path / "pets" / name).mkdir(parents=True)
        for i in range(2):
            write_png(tmp_path / "pets" / name / f"{i}.png", (_ink(i) * 255).astype(np.uint8))
    store = DigitStore(tmp_path / "mine")
    with pytest.raises(DataError, match="named 0 to 9"):
        store.import_images(tmp_path / "pets", read_image)
    assert len(store.digits()) == 0


def test_my_digits_is_a_dataset_name_for_the_learners_folder(monkeypatch, tmp_path):
    from visualizer.core.dataset import describe

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match="no digits collected yet"):
        load_dataset("my-digits")
    store = DigitStore()
    store.add(_ink(0), 4)
    with pytest.raises(DataError, match="drawn only once"):
        load_dataset("my-digits")
    _fill(store, [4, 5, 5])
    ds = load_dataset("my-digits")
    assert ds.name == "my-digits" and ds.n_train == 2 and ds.n_test == 2
    info = describe("my-digits")
    assert info["format"] == "idx" and info["n_test"] == 2 and info["train_counts"][4] == 1
    (tmp_path / "my-digits").mkdir()                       # a folder of that name where you are wins
    with pytest.raises(DataError, match="not an MNIST-format folder"):
        load_dataset("my-digits")
