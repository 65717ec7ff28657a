"""A model file records its dataset's class names (``Split.class_names``) and reads them back."""

from __future__ import annotations

import json

import numpy as np
import pytest

from visualizer.cli.predict import class_names_for
from visualizer.core import runsetup
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import Dataset
from visualizer.core.errors import ModelFileError
from visualizer.core.persistence import load_checkpoint, save_checkpoint

NAMES = ("circle", "cross", "dot")


def _three_classes() -> Dataset:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (30, 28, 28), dtype=np.uint8)
    y = np.arange(30, dtype=np.uint8) % 3
    return Dataset("/data/shapes", x, y, x[:6], y[:6], NAMES, "/data/shapes")


def _rewrite_config(path, out, edit) -> None:
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    doc = json.loads(str(arrays["config"]))
    edit(doc)
    arrays["config"] = np.array(json.dumps(doc))
    np.savez(out, **arrays)


def test_the_split_of_a_dataset_carries_its_class_names():
    split = runsetup.split_for(_three_classes(), "/data/shapes", 0.1)
    assert split.class_names == NAMES


def test_model_file_records_and_restores_class_names(tmp_path):
    split = runsetup.split_for(_three_classes(), "/data/shapes", 0.1)
    ckpt = Checkpoint.fresh(NetworkConfig(hidden=(8,), n_classes=3), TrainConfig(), split)
    save_checkpoint(tmp_path / "m.npz", ckpt)
    with np.load(tmp_path / "m.npz") as z:
        doc = json.loads(str(z["config"]))
    assert doc["class_names"] == list(NAMES)
    back = load_checkpoint(tmp_path / "m.npz")
    assert back.split == split and back.class_names == NAMES
    assert class_names_for(back.dataset, 3, back.split.class_names) == list(NAMES)


def test_older_files_without_class_names_name_classes_by_index(tmp_path):
    ckpt = Checkpoint.fresh(NetworkConfig(hidden=(8,)), TrainConfig(), Split("sample", 0.1))
    save_checkpoint(tmp_path / "m.npz", ckpt)
    _rewrite_config(tmp_path / "m.npz", tmp_path / "old.npz", lambda d: d.pop("class_names"))
    back = load_checkpoint(tmp_path / "old.npz")
    assert back.split.class_names == ()
    assert back.class_names == tuple(str(i) for i in range(10))
    fashion = Checkpoint.fresh(NetworkConfig(hidden=(8,)), TrainConfig(), Split("fashion", 0.1))
    assert fashion.class_names[0] == "T-shirt/top"
    assert class_names_for("fashion", 10)[9] == "Ankle boot"


def test_recorded_names_that_do_not_fit_the_outputs_fall_back_to_indices():
    ckpt = Checkpoint.fresh(NetworkConfig(hidden=(8,)), TrainConfig(), Split("x", 0.1, 0, NAMES))
    assert ckpt.class_names == tuple(str(i) for i in range(10))
    assert class_names_for("x", 10, NAMES) == [str(i) for i in range(10)]


@pytest.mark.parametrize("bad", ["circle", [1, 2, 3], {"a": 1}])
def test_invalid_recorded_class_names_are_a_clear_error(tmp_path, bad):
    ckpt = Checkpoint.fresh(NetworkConfig(hidden=(8,)), TrainConfig(), Split("sample", 0.1))
    save_checkpoint(tmp_path / "m.npz", ckpt)
    _rewrite_config(tmp_path / "m.npz", tmp_path / "bad.npz", lambda d: d.update(class_names=bad))
    with pytest.raises(ModelFileError, match="invalid class names"):
        load_checkpoint(tmp_path / "bad.npz")
