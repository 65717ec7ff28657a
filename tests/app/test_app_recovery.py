"""Closing the window never loses a trained model: the recovery file and its banner.

Every test points ``VISUALIZER_STATE_DIR`` at its own temp folder, so the
recovery file of one test is never seen by another (nor by the user's home).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton

from visualizer.app import dialogs, recovery
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.persistence import load_checkpoint

TINY_NET = NetworkConfig(hidden=(16,))


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    folder = tmp_path / "state"
    monkeypatch.setenv(recovery.ENV_STATE_DIR, str(folder))
    return folder


def new_window(qtbot, bundle):
    from visualizer.app.main_window import MainWindow

    win = MainWindow(load_data=False, restore=False)
    qtbot.addWidget(win)
    win.session.set_train_config(TrainConfig(batch_size=32, epochs=2))
    win.session.set_network_config(TINY_NET)
    win.controls.set_configs(win.session.network_config, win.session.train_config)
    win.session.set_data(bundle)
    win.show()
    return win


def train(qtbot, win, epochs: int = 2) -> None:
    cfg = TrainConfig(batch_size=32, epochs=epochs)
    win.session.set_train_config(cfg)
    win.controls.set_configs(win.session.network_config, cfg)
    win.act_start.trigger()
    qtbot.waitUntil(lambda: not win.session.is_active, timeout=20_000)


def banner_button(win, label: str) -> QPushButton:
    # the newest one: the buttons of an earlier message are deleted later by the event loop
    return [b for b in win.banner.findChildren(QPushButton) if b.text() == label][-1]


def test_the_recovery_file_lives_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(recovery.ENV_STATE_DIR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    if sys.platform not in ("win32", "darwin"):
        assert recovery.recovery_path() == tmp_path / "share" / "visualizer" / "unsaved-model.npz"
        monkeypatch.setenv("XDG_DATA_HOME", "relative/share")     # ignored, as the XDG spec says
        assert recovery.recovery_dir().is_absolute()
    monkeypatch.setenv(recovery.ENV_STATE_DIR, str(tmp_path / "elsewhere"))
    assert recovery.recovery_path() == tmp_path / "elsewhere" / "unsaved-model.npz"


def test_closing_mid_training_keeps_weights_optimizer_state_and_history(qtbot, window, state_dir):
    s = window.session
    s.set_train_config(TrainConfig(batch_size=32, epochs=10_000))
    window.act_start.trigger()
    qtbot.waitUntil(lambda: s.epochs_done >= 1 and s.is_active, timeout=20_000)
    assert s.dirty
    t0 = time.monotonic()
    window.close()
    assert time.monotonic() - t0 < 2.5
    path = state_dir / recovery.FILE_NAME
    assert path.is_file() and path.stat().st_size < 1_000_000

    saved = load_checkpoint(path)
    qtbot.waitUntil(lambda: not s.is_active, timeout=5_000)     # the run's end reaches the session
    model = s.model_copy()                    # the weights the run ended with
    assert saved.step == s.step_count > 0 and saved.epochs_done == s.epochs_done >= 1
    assert len(saved.history) == saved.epochs_done
    assert saved.dataset == "sample" and saved.network.hidden == (16,) and saved.train.epochs == 10_000
    for w_file, w_model in zip(saved.model().weights, model.weights):
        assert np.all(np.isfinite(w_file)) and np.array_equal(w_file, w_model)
    assert saved.optimizer_state and all(np.all(np.isfinite(v)) for v in saved.optimizer_state.values())
    assert not list(state_dir.glob(".unsaved-model*"))       # no temp file left behind (atomic write)


def test_a_new_window_offers_the_kept_model_and_open_restores_it(qtbot, window, tiny_bundle, state_dir, messages):
    train(qtbot, window, epochs=2)
    weights = [w.copy() for w in window.session.latest_snapshot.weights]
    history = window.session.history
    window.close()
    path = state_dir / recovery.FILE_NAME
    assert path.is_file()

    win = new_window(qtbot, tiny_bundle)
    assert win.session.epochs_done == 0 and not win.banner.isVisible()
    assert win.offer_recovery()
    text = win.banner.text()
    assert win.banner.isVisible() and win.banner.kind == "info"
    assert "unsaved model from the last session" in text and "(2 epochs, dataset MNIST sample)" in text
    assert f"{history[-1]['val_accuracy'] * 100:.1f}% validation accuracy" in text
    assert {b.text() for b in win.banner.findChildren(QPushButton)} == {"Open it", "Save as…", "Discard"}

    banner_button(win, "Open it").click()
    s = win.session
    assert not messages and not win.banner.isVisible()
    assert s.epochs_done == 2 and s.network_config.hidden == (16,)
    for a, b in zip(s.latest_snapshot.weights, weights):
        assert np.array_equal(a, b)
    assert [h["val_accuracy"] for h in s.history] == [h["val_accuracy"] for h in history]
    assert win.curves.point_counts()["epoch"] == 2             # the curves redrew the history
    assert not path.exists()                                   # opened: the recovery file goes...
    assert s.dirty and "Save it" in win.message_label.text()
    win.close()                                                # ...and comes back if it stays unsaved
    assert load_checkpoint(path).epochs_done == 2


def test_discard_deletes_it_and_save_as_moves_it_where_the_person_chose(qtbot, window, tiny_bundle, state_dir,
                                                                        tmp_path, monkeypatch):
    train(qtbot, window, epochs=1)
    window.close()
    path = state_dir / recovery.FILE_NAME
    original = path.read_bytes()

    win = new_window(qtbot, tiny_bundle)
    target = tmp_path / "mine"                                 # no suffix: .npz is added
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: "")
    win.offer_recovery()
    banner_button(win, "Save as…").click()                     # cancelled: still there, still offered
    qtbot.waitUntil(lambda: win.banner.isVisible(), timeout=2_000)
    assert path.is_file() and "last session" in win.banner.text()
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(target))
    banner_button(win, "Save as…").click()
    assert (tmp_path / "mine.npz").read_bytes() == original and not path.exists()
    assert win.session.epochs_done == 0                        # saving it elsewhere does not open it
    assert not win.offer_recovery()

    path.write_bytes(original)
    assert win.offer_recovery()
    banner_button(win, "Discard").click()
    assert not path.exists() and not win.banner.isVisible()
    assert not win.offer_recovery()
    assert list(state_dir.iterdir()) == []
    win.close()                                                # nothing trained here: nothing kept
    assert list(state_dir.iterdir()) == []


def test_nothing_is_kept_when_nothing_is_unsaved(qtbot, tiny_bundle, state_dir, tmp_path, monkeypatch):
    path = state_dir / recovery.FILE_NAME
    saved_path = tmp_path / "saved.npz"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(saved_path))
    monkeypatch.setattr(dialogs, "get_open_path", lambda *a: str(saved_path))

    win = new_window(qtbot, tiny_bundle)                       # untouched
    assert not win.session.dirty
    win.close()
    assert not path.exists()

    win = new_window(qtbot, tiny_bundle)                       # trained, then saved
    train(qtbot, win, epochs=1)
    assert win.session.dirty
    win.act_save.trigger()
    assert saved_path.is_file() and not win.session.dirty
    win.close()
    assert not path.exists()

    win = new_window(qtbot, tiny_bundle)                       # trained, then reset (discarding it)
    train(qtbot, win, epochs=1)
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: "Discard")
    win.act_reset.trigger()
    assert not win.session.dirty
    win.close()
    assert not path.exists()

    win = new_window(qtbot, tiny_bundle)                       # opened from a file, not trained
    win.act_open.trigger()
    assert win.session.epochs_done == 1 and not win.session.dirty
    win.close()
    assert not path.exists()

    win = new_window(qtbot, tiny_bundle)                       # a single step is training too
    win.act_step.trigger()
    qtbot.waitUntil(lambda: win.session.state == "paused" and win.session.dirty, timeout=10_000)
    win.close()
    assert load_checkpoint(path).step == 1
    path.unlink()

    win = new_window(qtbot, tiny_bundle)                       # --screenshot windows keep nothing
    win.autosave_on_close = False
    train(qtbot, win, epochs=1)
    win.close()
    assert not path.exists()


def test_saved_then_trained_again_is_unsaved_again(qtbot, window, state_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(tmp_path / "m.npz"))
    train(qtbot, window, epochs=1)
    window.act_save.trigger()
    assert not window.session.dirty
    train(qtbot, window, epochs=1)
    assert window.session.dirty
    window.close()
    assert load_checkpoint(state_dir / recovery.FILE_NAME).epochs_done == 2


def test_a_corrupt_recovery_file_is_reported_and_moved_aside(qtbot, window, state_dir):
    state_dir.mkdir()
    path = state_dir / recovery.FILE_NAME
    path.write_bytes(b"PK\x03\x04 half a zip archive")
    before = window.session.latest_snapshot.weights[0].copy()
    assert window.offer_recovery()
    text = window.banner.text()
    assert window.banner.kind == "warning" and "could not be read" in text and "moved aside" in text
    assert not path.exists()
    [moved] = state_dir.glob("unsaved-model.corrupt-*.npz")
    assert moved.read_bytes() == b"PK\x03\x04 half a zip archive" and moved.name in text
    assert np.array_equal(window.session.latest_snapshot.weights[0], before)
    assert not window.offer_recovery()                         # reported once, never blocks a start


@pytest.mark.parametrize("where", ["reading", "snapshot"])
def test_a_model_too_big_for_memory_gives_a_message_and_changes_nothing(qtbot, window, tmp_path, monkeypatch,
                                                                        messages, where):
    from visualizer.core import persistence, snapshot

    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(tmp_path / "big.npz"))
    window.act_save.trigger()
    train(qtbot, window, epochs=1)
    s = window.session
    state = (s.epochs_done, s.step_count, s.history, s.network_config, s.latest_snapshot.weights[0].tobytes())

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(persistence if where == "reading" else snapshot,
                        "MLP" if where == "reading" else "take_snapshot", out_of_memory)
    monkeypatch.setattr(dialogs, "get_open_path", lambda *a: str(tmp_path / "big.npz"))
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: "Discard")
    window.act_open.trigger()
    [(kind, title, text)] = messages
    assert kind == "error" and "big.npz" in text and "too large" in text
    assert (s.epochs_done, s.step_count, s.history, s.network_config,
            s.latest_snapshot.weights[0].tobytes()) == state
    assert s.dirty and s.state == "finished"


def test_the_interactive_app_offers_the_kept_model_at_start(tmp_path):
    from visualizer.core.network import MLP
    from modelfiles import save_model

    state = tmp_path / "state"
    state.mkdir()
    model = MLP(TINY_NET, rng=np.random.default_rng(1))
    save_model(state / recovery.FILE_NAME, model, train_config=TrainConfig(), dataset="fashion", epochs_done=3,
               step=2109, history=())
    code = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from visualizer.app.main import create_app, run_gui
from visualizer.app.main_window import MainWindow

app = create_app()

def check():
    [w] = [t for t in QApplication.topLevelWidgets() if isinstance(t, MainWindow)]
    print("BANNER", w.banner.text())
    w.close()
    app.quit()

QTimer.singleShot(0, check)
sys.exit(run_gui())
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               VISUALIZER_STATE_DIR=str(state))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert ("BANNER <b>Your unsaved model from the last session</b> (3 epochs, dataset Fashion-MNIST) was kept: "
            "784-16-10, 2,109 batches trained.") in proc.stdout
    assert (state / recovery.FILE_NAME).is_file()              # not answered: kept for next time


def _recovery_file_with(state_dir, edit) -> None:
    """A recovery file whose JSON config was changed by ``edit(doc_text) -> doc_text``."""
    from visualizer.core.network import MLP
    from modelfiles import save_model

    state_dir.mkdir(exist_ok=True)
    path = state_dir / recovery.FILE_NAME
    save_model(path, MLP(TINY_NET, rng=np.random.default_rng(1)), train_config=TrainConfig(), dataset="sample",
               epochs_done=2, step=20, history=({"epoch": 1, "val_accuracy": 0.5}, {"epoch": 2, "val_accuracy": 0.6}))
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["config"] = np.array(edit(str(arrays["config"])))
    with open(path, "wb") as f:
        np.savez(f, **arrays)


DEEP = "[" * 50_000 + "]" * 50_000


@pytest.mark.parametrize("edit", [
    lambda d: d.replace('"lr": 0.001', '"lr": 1e400'),
    lambda d: d.replace('"epochs_done": 2', '"epochs_done": 1' + "0" * 400),
    lambda d: d.replace('"step": 20', '"step": 2' + "0" * 400),
    lambda d: d.replace('"dataset": "sample"', '"dataset": ' + DEEP),
    lambda d: d.replace('"val_accuracy": 0.6', '"val_accuracy": ' + DEEP),
], ids=["lr-1e400", "epochs-10^400", "step-10^400", "deep-dataset", "deep-history"])
def test_a_recovery_file_with_impossible_values_is_moved_aside_and_reported(qtbot, window, state_dir, edit):
    _recovery_file_with(state_dir, edit)
    before = window.session.latest_snapshot.weights[0].copy()
    assert window.offer_recovery()
    text = window.banner.text()
    assert window.banner.kind == "warning" and "could not be read" in text and "moved aside" in text
    assert not (state_dir / recovery.FILE_NAME).exists()
    [moved] = state_dir.glob("unsaved-model.corrupt-*.npz")
    assert moved.name in text
    assert np.array_equal(window.session.latest_snapshot.weights[0], before)
    assert not window.offer_recovery()                         # reported once: the next start is clean


def test_a_recovery_file_that_breaks_the_reader_in_any_way_is_moved_aside(qtbot, window, state_dir, monkeypatch):
    from visualizer.core import persistence

    _recovery_file_with(state_dir, lambda d: d)

    def broken(path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(persistence, "load_checkpoint", broken)
    assert window.offer_recovery() and window.banner.kind == "warning" and "moved aside" in window.banner.text()
    assert not (state_dir / recovery.FILE_NAME).exists()


def test_offer_describes_a_kept_model_without_qt(state_dir):
    _recovery_file_with(state_dir, lambda d: d)
    offer = recovery.offer("Stop training first to open it.")
    assert offer.kind == "info" and offer.actions == ("Open it", "Save as…", "Discard")
    assert "(2 epochs, dataset MNIST sample)" in offer.text and "60.0% validation accuracy" in offer.text
    assert offer.text.endswith("Stop training first to open it.")
