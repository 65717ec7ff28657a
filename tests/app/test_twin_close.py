"""Nothing a twin trained is lost without asking: closing the window asks about an unsaved twin."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from visualizer.app import dialogs
from visualizer.core.persistence import load_checkpoint

SAVE, DISCARD = "Save twin…", "Discard twin"


def finished_twin(qtbot, window, key="lr", value=0.01):
    s = window.session
    assert window.compare.start_twin(key, value)
    qtbot.waitUntil(lambda: s.twin.state == "finished" and not s.is_active, timeout=30_000)
    assert s.twin.unsaved
    return s.twin


def training_twin(qtbot, window):
    """A twin (and the main run) training slowly, with some batches trained already."""
    s = window.session
    s.set_train_config(dataclasses.replace(s.train_config, epochs=200))
    s.set_speed(20.0)
    assert window.compare.start_twin("lr", 0.01)
    qtbot.waitUntil(lambda: s.twin.unsaved and s.twin.latest is not None, timeout=30_000)
    return s.twin


def save_to(monkeypatch, path):
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a, **k: str(path))


def test_closing_with_an_unsaved_twin_asks_and_cancel_keeps_everything(qtbot, window, asked):
    twin = finished_twin(qtbot, window)
    ckpt = twin.checkpoint
    asked.answer = None                                   # Cancel
    assert not window.close()
    [(title, text, choices)] = asked
    assert title == "Unsaved twin" and choices == (SAVE, DISCARD)
    assert "lr 0.001 → 0.01" in text and "still training" not in text
    assert window.isVisible() and not window.closing     # nothing was shut down
    assert twin.state == "finished" and twin.checkpoint is ckpt and twin.unsaved
    assert window.session.start()                        # the main network still trains
    qtbot.waitUntil(lambda: not window.session.is_active, timeout=30_000)


def test_file_quit_asks_too(qtbot, window, asked):
    twin = finished_twin(qtbot, window)
    asked.answer = None
    window.act_quit.trigger()                             # File > Quit, Ctrl+Q
    assert [title for title, _, _ in asked] == ["Unsaved twin"]
    assert window.isVisible() and twin.unsaved


def test_discard_twin_closes_the_window(qtbot, window, asked):
    twin = finished_twin(qtbot, window)
    asked.answer = DISCARD
    assert window.close()
    assert len(asked) == 1 and not window.isVisible() and not twin.exists


def test_save_twin_writes_it_then_closes(qtbot, window, asked, monkeypatch, tmp_path):
    twin = finished_twin(qtbot, window, "activation", "tanh")
    ckpt = twin.checkpoint
    path = tmp_path / "twin.npz"
    save_to(monkeypatch, path)
    asked.answer = SAVE
    assert window.close()
    assert not window.isVisible() and not twin.exists
    loaded = load_checkpoint(path)                         # the twin's network, as it ended
    assert loaded.network == ckpt.network and loaded.network.activation == "tanh"
    assert loaded.step == ckpt.step and np.array_equal(loaded.params, ckpt.params)


def test_a_cancelled_or_failed_save_keeps_the_window_open(qtbot, window, asked, monkeypatch, messages, tmp_path):
    twin = finished_twin(qtbot, window)
    asked.answer = SAVE
    save_to(monkeypatch, "")                               # the save dialog is cancelled
    assert not window.close()
    assert window.isVisible() and twin.unsaved
    save_to(monkeypatch, tmp_path / "no such folder" / "twin.npz")     # the write fails
    assert not window.close()
    assert window.isVisible() and twin.unsaved and len(asked) == 2
    assert [kind for kind, _, _ in messages] == ["error"]


def test_a_training_twin_is_said_to_be_stopped_and_cancel_leaves_it_training(qtbot, window, asked):
    s = window.session
    twin = training_twin(qtbot, window)
    asked.answer = None
    assert not window.close()
    assert "still training" in asked[0][1]
    assert window.isVisible() and twin.is_active and s.is_active and twin.state == "running"
    asked.answer = DISCARD
    assert window.close()
    assert not window.isVisible() and not twin.exists
    assert s.wait(0) and all(run.thread.isFinished() for run in twin._discarded)   # both runs ended


def test_a_paused_twin_is_said_to_be_paused(qtbot, window, asked):
    twin = training_twin(qtbot, window)
    window.session.pause()                                 # Pause acts on both runs
    qtbot.waitUntil(lambda: twin.state == "paused", timeout=20_000)
    asked.answer = None
    assert not window.close()
    assert "is paused" in asked[0][1] and "still training" not in asked[0][1]
    assert window.isVisible() and twin.is_active


def test_saving_a_training_twin_at_close_writes_its_latest_weights(qtbot, window, asked, monkeypatch, tmp_path):
    twin = training_twin(qtbot, window)
    path = tmp_path / "twin.npz"
    save_to(monkeypatch, path)
    asked.answer = SAVE
    assert window.close()
    loaded = load_checkpoint(path)
    assert loaded.train.lr == 0.01 and loaded.step > 0 and not twin.exists


@pytest.mark.parametrize("then", ["saved", "kept", "discarded"])
def test_a_twin_saved_kept_or_discarded_is_not_asked_about(qtbot, window, monkeypatch, tmp_path, then):
    twin = finished_twin(qtbot, window)
    if then == "saved":
        save_to(monkeypatch, tmp_path / "twin.npz")
        assert window.compare.save_twin() and not twin.unsaved
    elif then == "kept":
        window.session._dirty = False                      # the main network's training is not asked about
        assert window.compare.keep_twin()
    else:
        window.compare.discard_twin()
    window.autosave_on_close = False                       # no recovery file for the kept network
    assert window.close()                                  # any question would fail the test
    assert not window.isVisible()


def test_a_screenshot_run_closes_without_asking(qtbot, window):
    twin = finished_twin(qtbot, window)
    window.autosave_on_close = False                       # what ``--screenshot`` sets
    assert window.close()
    assert twin.exists                                     # nobody's work: it goes with the window


def test_a_new_twin_replaces_a_saved_one_without_asking(qtbot, window, monkeypatch, tmp_path):
    from visualizer.app import twin_dialog

    twin = finished_twin(qtbot, window)
    save_to(monkeypatch, tmp_path / "twin.npz")
    assert window.compare.save_twin()
    monkeypatch.setattr(twin_dialog, "ask_twin", lambda *a: ("dropout", 0.2))
    assert window.compare.run_twin()                       # any question would fail the test
    assert twin.setting == ("dropout", 0.2) and twin.is_active
    window.session.stop()
    qtbot.waitUntil(lambda: not window.session.is_active and not twin.is_active, timeout=30_000)


def test_reset_a_new_architecture_or_dataset_and_opening_a_model_keep_the_twin(
        qtbot, window, monkeypatch, tmp_path, make_bundle):
    """These replace the main network only: the twin stays, still offered to save, keep or discard."""
    s = window.session
    twin = finished_twin(qtbot, window)
    ckpt = twin.checkpoint
    s._dirty = False                                       # the main network's training is not asked about
    model = tmp_path / "main.npz"
    s.save_model(str(model))
    window.reset()
    s.set_network_config(dataclasses.replace(s.network_config, hidden=(12,)))
    s.set_data(make_bundle(n_train=300, seed=1))
    assert window.open_model_path(str(model))
    qtbot.waitUntil(lambda: not s.loading, timeout=30_000)
    assert twin.state == "finished" and twin.checkpoint is ckpt and twin.unsaved
    assert window.compare.act_save.isEnabled() and window.compare.act_discard.isEnabled()
