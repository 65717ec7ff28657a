"""The app's Save as… into a folder that vanished: a clear message, and the training is kept."""

from __future__ import annotations

import pytest

from visualizer.app import dialogs, recovery
from visualizer.core.config import TrainConfig
from visualizer.core.persistence import load_checkpoint


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(recovery.ENV_STATE_DIR, str(tmp_path / "state"))
    return tmp_path / "state"


def test_saving_into_a_folder_that_vanished_says_so_and_keeps_the_model(qtbot, window, messages, tmp_path,
                                                                      monkeypatch, state_dir):
    window.session.set_train_config(TrainConfig(batch_size=32, epochs=1))
    window.act_start.trigger()
    qtbot.waitUntil(lambda: not window.session.is_active, timeout=20_000)
    gone = tmp_path / "gone"
    gone.mkdir()                                  # chosen in the dialog, deleted before the write
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: (gone.rmdir(), str(gone / "m.npz"))[1])
    assert not window.save_model()
    [(kind, title, text)] = messages
    assert kind == "error" and str(gone / "m.npz") in text and "somewhere else" in text
    s = window.session
    assert s.dirty and s.epochs_done == 1 and not gone.exists()
    kept = tmp_path / "kept.npz"                  # asked again, elsewhere: it is all there
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(kept))
    assert window.save_model()
    assert load_checkpoint(kept).epochs_done == 1 and not s.dirty
