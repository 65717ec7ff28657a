"""Model files: round trip, resume, and a clear ModelFileError for every kind of bad file."""

from __future__ import annotations

import json
import os
import zipfile

import numpy as np
import pytest

from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import ModelFileError, VisualizerError
from visualizer.core.events import BatchEvent, EpochEvent, FinishedEvent
from visualizer.core.network import MLP
from visualizer.core.persistence import FORMAT_VERSION, load_checkpoint
from modelfiles import save_model
from visualizer.core.training import Trainer

NET = NetworkConfig(n_inputs=20, hidden=(12, 8), n_classes=4, activation="tanh")


def data(n, seed):
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(99).uniform(0.2, 0.8, (4, 20))
    y = rng.integers(0, 4, n)
    return np.clip(centres[y] + rng.normal(0, 0.15, (n, 20)), 0, 1).astype(np.float32), y


@pytest.fixture
def trained(tmp_path):
    x, y = data(400, 0)
    xv, yv = data(100, 1)
    model = MLP(NET, np.random.default_rng(3))
    cfg = TrainConfig(epochs=2, batch_size=32, lr=0.01, seed=5)
    trainer = Trainer(model, cfg, x, y, xv, yv)
    list(trainer.run())
    path = tmp_path / "model.npz"
    save_model(path, model, train_config=trainer.config, dataset="blobs", epochs_done=trainer.epochs_done,
               step=trainer.step, history=trainer.history, optimizer_state=trainer.optimizer_state())
    return path, model, trainer, (x, y, xv, yv)


def test_round_trip_gives_identical_predictions_and_metadata(trained):
    path, model, trainer, (x, y, xv, yv) = trained
    saved = load_checkpoint(path)
    np.testing.assert_array_equal(saved.model().params, model.params)
    np.testing.assert_array_equal(saved.model().forward(xv), model.forward(xv))
    assert saved.network == NET and saved.train == trainer.config
    assert saved.dataset == "blobs" and saved.epochs_done == 2 and saved.step == trainer.step == 26
    assert len(saved.history) == 2 and saved.history[1]["val_accuracy"] == trainer.history[1]["val_accuracy"]
    assert set(saved.optimizer_state) == {"adam_m_scaled", "adam_v_scaled", "adam_t"}
    with np.load(path, allow_pickle=False) as z:        # the documented layout
        assert sorted(k for k in z.files if not k.startswith("opt_")) == ["W0", "W1", "W2", "b0", "b1", "b2",
                                                                           "config"]
        assert z["W1"].shape == (12, 8) and z["W1"].dtype == np.float32 and z["b2"].shape == (4,)
        doc = json.loads(str(z["config"]))
    assert doc["format_version"] == FORMAT_VERSION and doc["sizes"] == [20, 12, 8, 4]
    assert doc["activations"] == ["tanh", "tanh", "softmax"] and doc["train"]["lr"] == 0.01


def test_nan_history_values_survive_as_nan(tmp_path):
    model = MLP(NET)
    save_model(tmp_path / "m.npz", model, history=[{"epoch": 1, "val_loss": float("nan")}])
    raw = json.loads(str(np.load(tmp_path / "m.npz")["config"]))
    assert raw["history"][0]["val_loss"] is None          # strict JSON in the file
    assert np.isnan(load_checkpoint(tmp_path / "m.npz").history[0]["val_loss"])


def test_resumed_training_continues_exactly(trained, tmp_path):
    path, model, trainer, (x, y, xv, yv) = trained
    # reference: the same run with 3 epochs in one go
    ref = MLP(NET, np.random.default_rng(3))
    cfg = TrainConfig(epochs=3, batch_size=32, lr=0.01, seed=5)
    ref_trainer = Trainer(ref, cfg, x, y, xv, yv)
    list(ref_trainer.run())
    # resume the saved 2-epoch model for 1 more epoch, with the generator state the first run left
    saved = load_checkpoint(path)
    net = saved.model()
    resumed = Trainer(net, TrainConfig(epochs=1, batch_size=32, lr=0.01), x, y, xv, yv,
                      rng=trainer.rng, optimizer_state=saved.optimizer_state,
                      epochs_done=saved.epochs_done, step=saved.step, history=saved.history)
    assert resumed.resumed_optimizer
    events = list(resumed.run())
    first = next(e for e in events if isinstance(e, BatchEvent))
    assert first.step == 27 and first.epoch == 2
    fin = events[-1]
    assert isinstance(fin, FinishedEvent) and fin.epochs_done == 3 and len(fin.history) == 3
    np.testing.assert_array_equal(net.params, ref.params)   # bitwise the uninterrupted run
    assert [e for e in events if isinstance(e, EpochEvent)][0].epochs_done == 3


def test_resume_without_optimizer_state_starts_fresh(tmp_path):
    model = MLP(NET)
    save_model(tmp_path / "m.npz", model, train_config=TrainConfig(optimizer="momentum"))
    saved = load_checkpoint(tmp_path / "m.npz")
    assert saved.optimizer_state is None
    x, y = data(64, 2)
    t = Trainer(saved.model(), TrainConfig(optimizer="adam"), x, y, optimizer_state={"velocity": np.zeros(3)})
    assert not t.resumed_optimizer


def test_save_is_atomic_and_keeps_the_old_file_on_failure(trained, monkeypatch):
    path, model, _, _ = trained
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", boom)
    with pytest.raises(OSError):
        save_model(path, model)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]     # no temp file left behind


def test_save_to_a_name_without_npz_suffix(tmp_path):
    model = MLP(NET)
    save_model(tmp_path / "mymodel", model)
    assert (tmp_path / "mymodel").exists() and not (tmp_path / "mymodel.npz").exists()
    np.testing.assert_array_equal(load_checkpoint(tmp_path / "mymodel").model().params, model.params)


# -- every defect gets a ModelFileError naming the file and the defect -----------------------------

def _arrays(path):
    with np.load(path, allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


def _write(path, arrays):
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def _with_config(arrays, **changes):
    doc = json.loads(str(arrays["config"]))
    doc.update(changes)
    arrays["config"] = np.array(json.dumps(doc))
    return arrays


def _expect(path, *words):
    with pytest.raises(ModelFileError) as info:
        load_checkpoint(path)
    msg = str(info.value)
    assert str(path) in msg, msg
    for w in words:
        assert w in msg, msg
    assert isinstance(info.value, VisualizerError)
    return msg


def test_missing_file(tmp_path):
    _expect(tmp_path / "nope.npz", "no such file")


def test_folder(tmp_path):
    _expect(tmp_path, "folder")


def test_truncated_file(trained):
    path = trained[0]
    data_ = path.read_bytes()
    path.write_bytes(data_[: len(data_) // 2])
    _expect(path, "truncated")


def test_corrupted_array_payload(trained):
    path = trained[0]
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("W0.npy")
    start = info.header_offset + 30 + len(info.filename) + 200      # inside W0's data
    raw[start:start + 64] = bytes(64)
    path.write_bytes(bytes(raw))
    _expect(path, "corrupt")


def test_text_file(tmp_path):
    p = tmp_path / "notes.npz"
    p.write_text("hello, I am not a model\n")
    _expect(p, "not a model file")


def test_single_npy_array(tmp_path):
    p = tmp_path / "a.npz"
    np.save(p.open("wb"), np.zeros(3))
    _expect(p, "single NumPy array")


def test_foreign_npz_without_config(tmp_path):
    p = tmp_path / "foreign.npz"
    _write(p, {"x": np.zeros(3), "y": np.ones(2)})
    _expect(p, "not a visualizer model", "config")


def test_foreign_format_name(trained):
    path = trained[0]
    _write(path, _with_config(_arrays(path), format="keras"))
    _expect(path, "not a visualizer model", "keras")


def test_config_that_is_not_json(trained):
    path = trained[0]
    arrays = _arrays(path)
    arrays["config"] = np.array("{not json")
    _write(path, arrays)
    _expect(path, "invalid JSON")


def test_pickled_object_array(tmp_path):
    p = tmp_path / "pickle.npz"
    with open(p, "wb") as f:
        np.savez(f, config=np.array([{"evil": 1}], dtype=object))
    _expect(p, "pickled")


def test_future_format_version(trained):
    path = trained[0]
    _write(path, _with_config(_arrays(path), format_version=FORMAT_VERSION + 1))
    _expect(path, "newer", f"format version {FORMAT_VERSION + 1}")


def test_missing_array(trained):
    path = trained[0]
    arrays = _arrays(path)
    del arrays["b1"]
    _write(path, arrays)
    _expect(path, "b1", "missing")


def test_shape_mismatch_between_layers(trained):
    path = trained[0]
    arrays = _arrays(path)
    arrays["W1"] = np.zeros((11, 8), np.float32)                # does not chain with W0 (20, 12)
    _write(path, arrays)
    _expect(path, "W1", "shape (11, 8)", "(12, 8)")


def test_sizes_disagree_with_network(trained):
    path = trained[0]
    _write(path, _with_config(_arrays(path), sizes=[20, 12, 9, 4]))
    _expect(path, "inconsistent", "sizes")


def test_extra_layer(trained):
    path = trained[0]
    arrays = _arrays(path)
    arrays["W3"] = np.zeros((4, 4), np.float32)
    arrays["b3"] = np.zeros(4, np.float32)
    _write(path, arrays)
    _expect(path, "more weight arrays")


def test_invalid_network_config(trained):
    path = trained[0]
    arrays = _arrays(path)
    doc = json.loads(str(arrays["config"]))
    doc["network"]["activation"] = "swish"
    arrays["config"] = np.array(json.dumps(doc))
    _write(path, arrays)
    _expect(path, "network configuration", "swish")


def test_non_finite_weights(trained):
    path = trained[0]
    arrays = _arrays(path)
    arrays["W2"][1, 1] = np.nan
    _write(path, arrays)
    _expect(path, "non-finite", "W2")


def test_integer_weights(trained):
    path = trained[0]
    arrays = _arrays(path)
    arrays["b0"] = np.zeros(12, np.int32)
    _write(path, arrays)
    _expect(path, "b0", "dtype")


def test_unreadable_file(trained):
    path = trained[0]
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path.chmod(0)
    try:
        _expect(path, "cannot be read")
    finally:
        path.chmod(0o644)
