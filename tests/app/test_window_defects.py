"""The window never drops unsaved training, never shows stale figures, and says plainly what failed."""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from visualizer.app import dialogs, recovery
from visualizer.core.config import NetworkConfig, TrainConfig

TINY_TRAIN = TrainConfig(batch_size=32, epochs=2)


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(recovery.ENV_STATE_DIR, str(tmp_path / "state"))
    return tmp_path / "state"


def train(qtbot, win, epochs=2):
    cfg = TrainConfig(**{**TINY_TRAIN.to_dict(), "epochs": epochs})
    win.session.set_train_config(cfg)
    win.controls.set_configs(win.session.network_config, cfg)
    win.act_start.trigger()
    qtbot.waitUntil(lambda: not win.session.is_active, timeout=20_000)


def fake_datasets(monkeypatch, make_bundle, fail=()):
    """load_dataset(spec) gives a tiny real dataset named spec (or fails for specs in ``fail``)."""
    from visualizer.core import dataset as ds_mod
    from visualizer.core.errors import DownloadError

    real = ds_mod.load_dataset

    def fake(spec, *, progress=None, cancel=None):
        if spec in fail:
            raise DownloadError(fail[spec])
        if spec == "sample":
            return real(spec, progress=progress, cancel=cancel)
        return make_bundle(name=spec).dataset

    monkeypatch.setattr(ds_mod, "load_dataset", fake)
    monkeypatch.setattr(ds_mod, "is_cached", lambda name: name not in fail)


def model_state(s):
    return (s.network_config, s.epochs_done, s.step_count, s.history, s.latest_snapshot.weights[0].tobytes())


# ============================================================================ unsaved training (ask first)

@pytest.mark.parametrize("how", ["open", "drop", "reset", "architecture", "seed"])
def test_replacing_unsaved_training_asks_and_cancel_keeps_it(qtbot, window, asked, tmp_path, monkeypatch, how):
    other = tmp_path / "other.npz"
    window.session.save_copy(other)                       # an untrained model file to open
    if how == "seed":                                     # a new seed renews only an untrained network:
        window.act_step.trigger()                         # one step, stopped, is unsaved training too
        qtbot.waitUntil(lambda: window.curves.point_counts()["batch"] == 1, timeout=10_000)
        window.act_stop.trigger()
        qtbot.waitUntil(lambda: not window.session.is_active, timeout=10_000)
    else:
        train(qtbot, window, epochs=1)
    s = window.session
    before = model_state(s)
    monkeypatch.setattr(dialogs, "get_open_path", lambda *a: str(other))

    def act():
        if how == "open":
            window.act_open.trigger()
        elif how == "drop":
            window.open_model_path(str(other))
        elif how == "reset":
            window.act_reset.trigger()
        elif how == "architecture":
            window.controls.network_edited.emit(NetworkConfig(hidden=(8, 8)))
        else:
            window.controls.train_edited.emit(TrainConfig(**{**s.train_config.to_dict(), "seed": 7}))

    asked.answer = None                                   # Cancel: nothing changes
    act()
    assert len(asked) == 1 and asked[0][0] == "Unsaved training" and "not saved" in asked[0][1]
    assert model_state(s) == before and s.dirty
    assert window.controls.network_config() == s.network_config
    assert window.controls.train_config().seed == s.train_config.seed
    asked.answer = "Discard"                              # Discard: it goes
    act()
    assert len(asked) == 2 and model_state(s) != before


def test_save_first_then_it_goes_and_a_failed_save_keeps_it(qtbot, window, asked, messages, tmp_path,
                                                           monkeypatch):
    train(qtbot, window, epochs=1)
    s = window.session
    before = model_state(s)
    asked.answer = "Save…"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: "")          # the save dialog cancelled
    window.act_reset.trigger()
    assert model_state(s) == before and s.dirty
    target = tmp_path / "kept.npz"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(target))
    window.act_reset.trigger()
    from visualizer.core.persistence import load_checkpoint

    assert load_checkpoint(target).epochs_done == 1 and s.epochs_done == 0 and not s.dirty


def test_a_restored_model_is_asked_about_before_another_model_replaces_it(qtbot, window, tiny_bundle, asked,
                                                                          state_dir, tmp_path, monkeypatch):
    from visualizer.app.main_window import MainWindow

    train(qtbot, window, epochs=2)
    window.close()                                        # kept in the recovery file
    win = MainWindow(load_data=False, restore=False)
    qtbot.addWidget(win)
    win.session.set_data(tiny_bundle)
    assert win.offer_recovery()
    [b] = [b for b in win.banner.findChildren(QPushButton) if b.text() == "Open it"]
    b.click()
    assert win.session.epochs_done == 2 and not (state_dir / recovery.FILE_NAME).exists()
    assert win.act_start.text() == "Continue"             # a restored model continues, like an opened one
    other = tmp_path / "other.npz"
    win.session.save_copy(other)
    asked.answer = None
    assert not win.open_model_path(str(other))            # asked, cancelled: the restored model stays
    assert len(asked) == 1 and win.session.epochs_done == 2
    win.close()


def test_an_opened_model_reads_continue_like_a_restored_one(qtbot, window, tmp_path):
    train(qtbot, window, epochs=1)
    path = tmp_path / "m.npz"
    window.session.save_model(path)
    window.session.reset()
    assert window.act_start.text() == "Start"
    assert window.open_model_path(str(path))
    assert window.act_start.text() == "Continue"


# ============================================================================ status bar

def test_reset_and_a_new_architecture_clear_the_status_bar(qtbot, window, asked):
    asked.answer = "Discard"
    for change in ("reset", "architecture"):
        train(qtbot, window, epochs=2)
        assert "Validation accuracy" in window.metric_label.text() and window.epoch_bar.value() == 2
        if change == "reset":
            window.act_reset.trigger()
        else:
            window.controls.network_edited.emit(NetworkConfig(hidden=(8 if window.session.network_config.hidden
                                                                      != (8,) else 12,)))
        assert window.session.epochs_done == 0
        assert window.metric_label.text() == "" and window.rate_label.text() == "" and window.eta_label.text() == ""
        assert window.epoch_bar.text() == "Epoch –" and window.batch_bar.text() == "Batch –"


def test_continue_reports_the_epochs_of_this_run_beside_the_network_epoch(qtbot, window):
    train(qtbot, window, epochs=2)
    assert window.message_label.text().startswith("Finished 2 epochs in ")
    train(qtbot, window, epochs=2)                        # Continue
    assert window.session.epochs_done == 4
    assert window.message_label.text().startswith("Finished 2 more epochs in ")
    assert window.message_label.text().endswith("(4 in all).")
    assert window.epoch_bar.text() == "Epoch 4 / 4"


# ============================================================================ data

def test_switching_the_dataset_of_a_trained_network_asks_and_starts_a_new_network(qtbot, window, asked,
                                                                                  make_bundle, monkeypatch):
    fake_datasets(monkeypatch, make_bundle)
    window.session.set_data(make_bundle(name="mnist"))
    train(qtbot, window, epochs=1)
    s = window.session
    before = model_state(s)
    asked.answer = None                                   # Cancel: the old dataset stays
    window.load_dataset("fashion")
    assert asked[-1][0] == "Switch dataset" and "Fashion-MNIST" in asked[-1][1]
    assert not s.loading and s.data.name == "mnist" and model_state(s) == before
    assert window.controls.dataset.currentData() == "mnist"
    asked.answer = "Switch without saving"
    window.load_dataset("fashion")
    qtbot.waitUntil(lambda: not s.loading and s.data.name == "fashion", timeout=10_000)
    assert s.epochs_done == 0 and s.step_count == 0 and s.history == () and not s.dirty
    assert window.curves.point_counts()["epoch"] == 0
    window.load_dataset("mnist")                          # an untrained network is nobody's: no question
    qtbot.waitUntil(lambda: not s.loading and s.data.name == "mnist", timeout=10_000)
    assert len(asked) == 2


def test_a_failed_download_restores_the_data_panel_and_says_it_plainly(qtbot, window, asked, make_bundle,
                                                                       monkeypatch):
    detail = ("train-images-idx3-ubyte.gz could not be downloaded from any mirror: "
              "https://a.example/x.gz: [Errno -3] Temporary failure in name resolution; "
              "https://b.example/x.gz: [Errno -3] Temporary failure in name resolution; "
              "https://c.example/x.gz: [Errno -3] Temporary failure in name resolution")
    fake_datasets(monkeypatch, make_bundle, fail={"mnist": detail})
    monkeypatch.setattr("visualizer.core.dataset.is_cached", lambda name: True)
    info = window.controls.data_info.text()
    window.load_dataset("mnist")
    qtbot.waitUntil(lambda: not window.session.loading and bool(window.banner.text()), timeout=10_000)
    assert window.controls.data_info.text() == info and "Loading" not in info
    text = window.banner.text()
    assert text.startswith("No internet connection: could not reach any of the 3 download mirrors.")
    assert "https://" not in text and "Still using" in text and text.endswith(".")
    details = []
    monkeypatch.setattr(dialogs, "show_details", lambda parent, kind, title, text, more: details.append(more))
    [button] = [b for b in window.banner.findChildren(QPushButton) if b.text() == "Details…"]
    button.click()
    assert details and "https://a.example/x.gz" in details[0]
    window.load_dataset("mnist")                          # the same message again, banner shown
    qtbot.waitUntil(lambda: not window.session.loading and window.banner.height() > 0, timeout=10_000)
    qtbot.wait(50)
    assert window.banner.height() < 80                    # one or two lines: the curves keep their room


# ============================================================================ full disk

def _no_space(monkeypatch):
    from visualizer.core import atomic

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)


@pytest.mark.parametrize("what", ["save", "png", "csv"])
def test_a_full_disk_names_the_path_and_loses_nothing(qtbot, window, messages, tmp_path, monkeypatch, what):
    train(qtbot, window, epochs=1)
    target = tmp_path / f"out.{ {'save': 'npz'}.get(what, what)}"
    target.write_bytes(b"the old file")
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(target))
    with monkeypatch.context() as m:
        _no_space(m)
        ok = {"save": window.save_model, "png": window.export_png, "csv": window.export_csv}[what]()
    assert ok is False
    [(kind, title, text)] = messages
    assert kind == "error" and str(target) in text and "no space left on device" in text.lower()
    assert target.read_bytes() == b"the old file" and window.session.dirty
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]      # no temporary file left


def test_a_full_disk_at_close_says_so_and_offers_to_save_elsewhere(qtbot, window, asked, state_dir, tmp_path,
                                                                   monkeypatch):
    train(qtbot, window, epochs=1)
    state_dir.mkdir()
    asked.answer = "Quit without saving"
    with monkeypatch.context() as m:
        _no_space(m)
        window.close()
    [(title, text, choices)] = asked
    assert str(state_dir / recovery.FILE_NAME) in text and "no space left on device" in text.lower()
    assert "Save as…" in choices


# ============================================================================ title, shortcuts, size

def test_the_window_title_names_the_app_once(window):
    """Qt appends " — <display name>" to a title that does not end with it (as the platforms show it)."""
    app = QApplication.instance()
    before = app.applicationDisplayName()
    app.setApplicationDisplayName("visualizer")             # as create_app() sets it
    try:
        title = window.windowTitle()
        shown = title if title.endswith("visualizer") else f"{title} — visualizer"
    finally:
        app.setApplicationDisplayName(before)
    assert shown.count("visualizer") == 1 and "784-16-10" in shown and "MNIST sample" in shown


def test_the_shortcuts_table_lists_the_pad_keys_in_aligned_columns(window, messages):
    from visualizer.app import window_actions

    rows = window_actions.shortcut_rows(window)
    keys = {k for k, _ in rows}
    assert {"F5", "Space", "F10", "Ctrl+Z", "Delete", "Esc"} <= keys
    window.show_shortcuts()
    [(kind, title, text)] = messages
    assert text.startswith("<table") and text.count("<tr>") == len(rows)


def test_the_window_chrome_fits_a_laptop_screen(window):
    """Toolbar, status bar and settings leave the views room in a 1280x680 window."""
    for key in window.view_keys()[2:]:
        window.dock(key).hide()
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 680
    assert window.statusBar().minimumSizeHint().width() <= 640
    assert window.controls_dock.minimumWidth() <= 300


def test_opening_a_model_that_makes_the_session_fail_unexpectedly_gives_a_message(qtbot, window, messages,
                                                                                  monkeypatch, tmp_path):
    path = tmp_path / "odd.npz"
    window.session.save_copy(path)
    before = model_state(window.session)

    def broken(p):
        raise OverflowError("int too large to convert to float")

    monkeypatch.setattr(window.session, "load_model", broken)
    assert window.open_model_path(str(path)) is False
    [(kind, title, text)] = messages
    assert kind == "error" and "odd.npz" in text and model_state(window.session) == before
