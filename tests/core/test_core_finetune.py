"""Fine-tuning on the learner's digits (visualizer.core.finetune)."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import finetune
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import Dataset, load_dataset
from visualizer.core.errors import DataError
from visualizer.core.runsetup import prepare
from visualizer.core.training import Trainer
from visualizer.core.userdigits import DigitStore


def _data(n=800, names=None):
    full = load_dataset("sample")
    ds = Dataset("sample", full.x_train[:n], full.y_train[:n], full.x_test[:50], full.y_test[:50],
                 names or full.class_names, "embedded (subset)")
    return prepare(ds, Split("sample", 0.2, 3, tuple(ds.class_names)))


def _trained(data) -> Checkpoint:
    train = TrainConfig(batch_size=32, epochs=3, lr=3e-3, seed=1)
    ckpt = Checkpoint.fresh(NetworkConfig(hidden=(32,)), train, data.split)
    trainer = Trainer.from_checkpoint(ckpt, data)
    for _ in trainer.run():
        pass
    return trainer.checkpoint()


def _odd_digits(data, n=30) -> tuple[np.ndarray, np.ndarray]:
    """A handwriting the network never saw: real digits written upside down (rotated 180 degrees)."""
    full = load_dataset("sample")
    x, y = full.x_train[-n:], full.y_train[-n:]
    return np.ascontiguousarray(x[:, ::-1, ::-1]), y


def test_repeats_make_the_learners_digits_a_fifth_of_each_epoch():
    assert finetune.repeats(4050, 30) == 34                # 1,020 of 5,070 images: 20%
    assert finetune.repeats(100, 1000) == 1                # never fewer than once
    assert finetune.repeats(100, 0) == 0
    data = _data()
    x, y = _odd_digits(data, 10)
    mixed = finetune.mixed_data(data, x, y)
    r = finetune.repeats(len(data.y_train), 10)
    assert len(mixed.y_train) == len(data.y_train) + 10 * r
    assert (len(mixed.y_train) - len(data.y_train)) / len(mixed.y_train) == pytest.approx(0.2, abs=0.01)
    assert np.array_equal(mixed.x_val, data.x_val) and mixed.split == data.split      # validation untouched
    np.testing.assert_allclose(mixed.inputs_train[-1], x[-1].reshape(784) / 255.0, atol=1e-6)
    assert not mixed.inputs_train.flags.writeable


def test_fine_tuning_learns_digits_it_got_wrong_and_reports_before_and_after(tmp_path):
    data = _data()
    ckpt = _trained(data)
    store = DigitStore(tmp_path / "mine")
    x, y = _odd_digits(data)
    for img, lab in zip(x, y):
        store.add(img, int(lab))
    digits = store.digits()
    result = finetune.fine_tune(ckpt, data, digits, epochs=3)
    before, after = result.before, result.after
    assert before.counts == after.counts == (30, int(digits.held_out.sum()), len(data.y_val))
    assert before.mine < 0.5                                  # it could not read them
    assert after.mine > before.mine + 0.3                     # now it reads most of them
    assert after.validation > 0.5 and not np.isnan(before.validation)
    assert result.checkpoint.step > ckpt.step and result.checkpoint.train == ckpt.train
    assert result.repeats == finetune.repeats(len(data.y_train), int((~digits.held_out).sum()))


def test_a_network_of_other_classes_is_refused_with_a_reason():
    data = _data(names=tuple("abcdefghij"))
    with pytest.raises(DataError, match="0 to 9"):
        finetune.mixed_data(data, np.zeros((1, 28, 28), np.uint8), np.zeros(1, np.uint8))
    with pytest.raises(DataError, match="label some"):
        finetune.mixed_data(_data(), np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.uint8))
