"""MainWindow: training live through the real window, menus, files, failures, settings."""

from __future__ import annotations

import csv
import io
import time

import numpy as np
import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from visualizer.app import dialogs
from visualizer.core.config import NetworkConfig, TrainConfig

TINY_TRAIN = TrainConfig(batch_size=32, epochs=2)


def wait_idle(qtbot, win, timeout=20_000):
    qtbot.waitUntil(lambda: not win.session.is_active, timeout=timeout)


def train(qtbot, win, epochs=2):
    cfg = TrainConfig(**{**TINY_TRAIN.to_dict(), "epochs": epochs})
    win.session.set_train_config(cfg)
    win.controls.set_configs(win.session.network_config, cfg)
    win.act_start.trigger()
    wait_idle(qtbot, win)


def test_window_builds_with_controls_curves_and_tooltips(window):
    assert window.session.data is not None
    assert window.act_start.isEnabled() and not window.act_stop.isEnabled()
    assert window.width() <= 1366 and window.height() <= 768
    c = window.controls
    for w in (c.dataset, c.open_folder, c.layers.add_button, c.activation, c.init, c.optimizer, c.lr,
              c.momentum, c.schedule, c.batch_size, c.epochs, c.weight_decay, c.dropout, c.augment, c.seed):
        assert len(w.toolTip()) > 40, w
    assert window.act_pause.shortcut().toString() == "Space"
    assert "train" in c.data_info.text().lower()


def test_training_in_the_window_draws_curves_and_status(qtbot, window):
    window.curves.redraw()
    train(qtbot, window, epochs=2)
    qtbot.wait(100)
    n_train = len(window.session.data.y_train)
    bpe = -(-n_train // 32)
    assert window.curves.point_counts() == {"batch": 2 * bpe, "epoch": 2}
    x = window.curves.x_batch.view()
    assert len(x) == 2 * bpe and x[-1] == pytest.approx(2.0)
    assert window.curves.fast_loss.points_drawn > 0 and window.curves.fast_acc.points_drawn > 0
    ex, ey = window.curves.epoch_acc.get_data(1)          # validation accuracy per epoch
    assert list(ex) == [1.0, 2.0] and np.all((ey > 0) & (ey <= 100))
    assert window.state_label.text() == "Finished"
    assert window.epoch_bar.value() == 2 and window.epoch_bar.maximum() == 2
    assert window.batch_bar.value() == bpe
    assert "Validation accuracy" in window.metric_label.text()
    assert window.act_start.text() == "Continue"


def test_controls_lock_while_training_and_lr_stays_live(qtbot, window):
    window.session.set_train_config(TrainConfig(**{**TINY_TRAIN.to_dict(), "epochs": 500, "batch_size": 8}))
    window.act_start.trigger()
    qtbot.waitUntil(lambda: window.curves.point_counts()["batch"] > 5, timeout=10_000)
    c = window.controls
    assert not c.batch_size.isEnabled() and not c.layers.isEnabled() and not c.dataset.isEnabled()
    assert c.lr.isEnabled() and c.dropout.isEnabled() and c.weight_decay.isEnabled()
    assert window.act_stop.isEnabled() and not window.act_reset.isEnabled()
    # move the learning-rate slider: the engine applies it and the curves mark it
    c.lr.slider.setValue(c.lr.slider.value() + c.lr.slider.pageStep())   # a page: x10
    qtbot.waitUntil(lambda: window.curves.marker_count == 1, timeout=5_000)
    assert window.session.train_config.lr == pytest.approx(0.01)
    qtbot.waitUntil(lambda: window.curves.lr.last() == pytest.approx(0.01), timeout=5_000)
    window.act_stop.trigger()
    wait_idle(qtbot, window)
    assert c.batch_size.isEnabled() and c.layers.isEnabled()


def test_pause_resume_with_space_and_step(qtbot, window):
    window.session.set_train_config(TrainConfig(**{**TINY_TRAIN.to_dict(), "epochs": 500, "batch_size": 8}))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_Space)                    # Space starts when idle
    qtbot.waitUntil(lambda: window.session.state == "running", timeout=5_000)
    qtbot.keyClick(window, Qt.Key_Space)                    # ... and pauses
    qtbot.waitUntil(lambda: window.session.state == "paused", timeout=5_000)
    assert window.act_pause.text() == "Resume" and window.state_label.text() == "Paused"
    qtbot.wait(100)
    n = window.curves.point_counts()["batch"]
    window.act_step.trigger()
    qtbot.waitUntil(lambda: window.curves.point_counts()["batch"] == n + 1, timeout=5_000)
    qtbot.keyClick(window, Qt.Key_Space)                    # resume
    qtbot.waitUntil(lambda: window.curves.point_counts()["batch"] > n + 10, timeout=5_000)
    window.act_stop.trigger()
    wait_idle(qtbot, window)
    assert window.state_label.text() == "Stopped"


def test_closing_mid_training_stops_the_worker_fast(qtbot, tiny_bundle):
    from visualizer.app.main_window import MainWindow

    win = MainWindow(load_data=False, restore=False)
    win.session.set_network_config(NetworkConfig(hidden=(64,)))
    win.session.set_train_config(TrainConfig(batch_size=8, epochs=1000))
    win.session.set_data(tiny_bundle)
    win.show()
    win.act_start.trigger()
    qtbot.waitUntil(lambda: win.curves.point_counts()["batch"] > 5, timeout=10_000)
    thread = win.session._run.thread
    assert thread is not None and thread.isRunning()
    t0 = time.monotonic()
    win.close()
    assert time.monotonic() - t0 < 2.0
    assert not thread.isRunning()
    QApplication.processEvents()


def test_save_and_open_model_through_the_menu(qtbot, window, tmp_path, monkeypatch):
    train(qtbot, window, epochs=2)
    path = tmp_path / "digits.npz"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(path))
    window.act_save.trigger()
    assert path.is_file() and path.stat().st_size > 1000
    saved_w = window.session.latest_snapshot.weights[0].copy()
    history = window.session.history
    # change everything: new architecture, fresh weights, cleared curves
    window.session.set_network_config(NetworkConfig(hidden=(8, 8)))
    assert window.curves.point_counts()["epoch"] == 0
    monkeypatch.setattr(dialogs, "get_open_path", lambda *a: str(path))
    window.act_open.trigger()
    s = window.session
    assert s.network_config.hidden == (16,) and window.controls.layers.widths() == (16,)
    np.testing.assert_array_equal(s.latest_snapshot.weights[0], saved_w)
    assert s.epochs_done == 2 and len(s.history) == 2
    assert [h["val_accuracy"] for h in s.history] == pytest.approx([h["val_accuracy"] for h in history])
    assert window.curves.point_counts()["epoch"] == 2            # the curves redraw the history
    # ready to continue training from there
    window.act_start.trigger()
    wait_idle(qtbot, window)
    assert s.epochs_done == 4 and len(s.history) == 4


def test_corrupt_model_file_shows_a_message_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    train(qtbot, window, epochs=1)
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"PK\x03\x04 this is not a model")
    messages = []
    monkeypatch.setattr(dialogs, "show_message", lambda parent, kind, title, text: messages.append((kind, text)))
    monkeypatch.setattr(dialogs, "get_open_path", lambda *a: str(bad))
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: "Discard")   # the trained model is unsaved
    before = window.session.latest_snapshot
    history = window.session.history
    window.act_open.trigger()
    assert len(messages) == 1 and messages[0][0] == "error" and "broken.npz" in messages[0][1]
    assert window.session.latest_snapshot is before and window.session.history == history
    assert window.curves.point_counts()["epoch"] == 1


def test_export_curves_png_and_metrics_csv(qtbot, window, tmp_path, monkeypatch):
    train(qtbot, window, epochs=2)
    png, csv_path = tmp_path / "curves.png", tmp_path / "metrics.csv"
    monkeypatch.setattr(dialogs, "get_save_path", lambda parent, caption, *a: str(png if "PNG" in caption else csv_path))
    window.act_export_png.trigger()
    window.act_export_csv.trigger()
    img = QImage(str(png))
    assert not img.isNull() and img.width() > 200 and img.height() > 150
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    batches = [r for r in rows if r["kind"] == "batch"]
    epochs = [r for r in rows if r["kind"] == "epoch"]
    assert len(batches) == window.curves.point_counts()["batch"] and len(epochs) == 2
    assert float(epochs[-1]["val_accuracy"]) == pytest.approx(window.session.history[-1]["val_accuracy"], rel=1e-4)
    assert not list(tmp_path.glob(".*"))                       # no temp files left behind


def test_divergence_shows_a_banner_with_a_remedy(qtbot, window):
    window.session.set_train_config(TrainConfig(optimizer="sgd", lr=10.0, weight_decay=1.0, batch_size=32, epochs=50))
    window.act_start.trigger()
    wait_idle(qtbot, window)
    assert window.session.state == "diverged" and window.state_label.text() == "Diverged"
    assert window.banner.isVisible() and "learning rate" in window.banner.text()
    assert window.act_start.isEnabled()                        # still usable, inspectable
    buttons = [b for b in window.banner.findChildren(type(window.controls.open_folder)) if "1" in b.text()]
    assert buttons
    buttons[0].click()
    assert window.session.train_config.lr == pytest.approx(1.0)
    assert window.controls.lr.value() == pytest.approx(1.0)


def test_failed_download_falls_back_to_the_sample(qtbot, window, monkeypatch, make_bundle):
    from visualizer.core import dataset as ds_mod
    from visualizer.core.errors import DownloadError

    real = ds_mod.load_dataset

    def fake(spec, *, progress=None, cancel=None):
        if spec == "mnist":
            progress(1000, 11_000_000)
            raise DownloadError("mnist: every mirror failed (no network)")
        return real(spec, progress=progress, cancel=cancel)

    monkeypatch.setattr(ds_mod, "load_dataset", fake)
    monkeypatch.setattr(ds_mod, "is_cached", lambda name: False)
    window.session.set_data(make_bundle(name="/some/folder"))   # a non-sample set is loaded
    window.load_dataset("mnist")
    assert window.data_actions.download_dialog is not None
    # issue #7: a failed choice keeps what is loaded (no state change), and says so
    qtbot.waitUntil(lambda: not window.session.loading and "every mirror failed" in window.banner.text(),
                    timeout=15_000)
    assert window.session.data.name == "/some/folder" and "Still using /some/folder" in window.banner.text()
    assert window.data_actions.download_dialog is None
    assert window.controls.dataset.currentData() != "mnist"


def test_cancelled_download_says_so(qtbot, window, monkeypatch):
    from visualizer.core import dataset as ds_mod
    from visualizer.core.errors import DownloadCancelled

    real = ds_mod.load_dataset

    def fake(spec, *, progress=None, cancel=None):
        if spec == "fashion":
            for i in range(2000):
                progress(i * 1000, 30_000_000)
                if cancel():
                    raise DownloadCancelled("the download of fashion was cancelled")
                time.sleep(0.005)
            raise RuntimeError("the test timed out waiting for Cancel")
        return real(spec, progress=progress, cancel=cancel)

    monkeypatch.setattr(ds_mod, "load_dataset", fake)
    monkeypatch.setattr(ds_mod, "is_cached", lambda name: False)
    window.load_dataset("fashion")
    dlg = window.data_actions.download_dialog
    qtbot.waitUntil(lambda: dlg.value() > 0, timeout=5_000)
    from PySide6.QtWidgets import QPushButton

    [button] = [b for b in dlg.findChildren(QPushButton) if b.text() == "Cancel"]
    button.click()
    qtbot.waitUntil(lambda: not window.session.loading and window.session.data.name == "sample", timeout=15_000)
    assert "was cancelled" in window.banner.text() and "timed out" not in window.banner.text()


def test_dark_theme_is_dark_including_the_plots(qtbot, window):
    qtbot.waitUntil(lambda: window.curves.built, timeout=10_000)   # plots are built after the first paint
    window.set_theme("dark")
    pal = QApplication.instance().palette()
    assert pal.color(QPalette.Window).lightness() < 80 and pal.color(QPalette.Base).lightness() < 80
    img = window.curves.graphics.grab().toImage()
    assert QColor(img.pixel(img.width() // 2, img.height() - 3)).lightness() < 80
    assert window.theme_actions["dark"].isChecked()
    window.set_theme("light")
    assert QApplication.instance().palette().color(QPalette.Window).lightness() > 200


def test_settings_and_layout_are_remembered(qtbot, tiny_bundle):
    from visualizer.app.main_window import MainWindow, settings

    settings().clear()
    win = MainWindow(load_data=False, restore=True)
    win.session.set_data(tiny_bundle)
    win.controls.layers.set_widths((32, 16))
    win.controls.layers.changed.emit((32, 16))
    win.controls.lr.set_value(0.005, emit=True)
    win.controls._emit_train()
    win.set_theme("dark")
    win.dock("controls").hide()
    win.close()
    win2 = MainWindow(load_data=False, restore=True)
    try:
        assert win2.session.network_config.hidden == (32, 16)
        assert win2.controls.layers.widths() == (32, 16)
        assert win2.session.train_config.lr == pytest.approx(0.005)
        assert win2.theme_choice == "dark"
        assert isinstance(settings().value("window/state"), QByteArray)
        assert not win2.dock("controls").isVisibleTo(win2)
    finally:
        win2.set_theme("light")
        win2.close()
        settings().clear()


def test_show_view_and_unknown_view(window):
    window.show_view("controls")
    with pytest.raises(KeyError, match="unknown view"):
        window.show_view("nope")


def test_a_run_stopped_mid_epoch_then_continued_keeps_the_curves_increasing(qtbot, window):
    s = window.session
    s.set_train_config(TrainConfig(batch_size=8, epochs=1))
    for i in range(3):                                    # three single steps, then stop mid-epoch
        window.act_step.trigger()
        qtbot.waitUntil(lambda: window.curves.point_counts()["batch"] == i + 1 and s.state == "paused",
                        timeout=5_000)
    window.act_stop.trigger()
    wait_idle(qtbot, window)
    assert s.epochs_done == 0 and s.step_count == 3
    partial = window.curves.x_batch.last()
    assert 0 < partial < 1                                # a stopped, unfinished epoch
    window.act_start.trigger()                            # the next run redoes epoch 1 from its start
    wait_idle(qtbot, window)
    c = window.curves
    x = c.x_batch.view()
    assert np.all(np.diff(x) > 0)                         # clip-to-view needs increasing x
    assert len(c.old_x) > 0 and np.nanmax(c.old_x.view()) == pytest.approx(partial)
    steps = c.step.view()
    assert np.all(np.diff(steps) > 0) and steps[0] == 4   # step numbering continues
    rows = c.metrics_csv().splitlines()
    assert sum(r.startswith("batch,") for r in rows) == len(x) + 3


def test_save_while_training_writes_the_latest_snapshot(qtbot, window, tmp_path, monkeypatch):
    from visualizer.core.persistence import load_checkpoint

    s = window.session
    s.set_train_config(TrainConfig(batch_size=8, epochs=500))
    window.act_start.trigger()
    qtbot.waitUntil(lambda: s.epochs_done >= 0 and len(s.history) >= 1, timeout=15_000)
    path = tmp_path / "live.npz"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(path))
    snap = s.latest_snapshot
    window.act_save.trigger()
    window.act_stop.trigger()
    wait_idle(qtbot, window)
    saved = load_checkpoint(path)
    assert saved.step >= snap.step and len(saved.history) >= 1
    assert saved.network.hidden == (16,)
    assert all(np.all(np.isfinite(w)) for w in saved.model().weights)


def test_dropping_a_model_file_on_the_window_opens_it(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    train(qtbot, window, epochs=1)
    path = tmp_path / "dropped.npz"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(path))
    window.act_save.trigger()
    window.session.reset()
    assert window.session.epochs_done == 0
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert window.session.epochs_done == 1 and window.curves.point_counts()["epoch"] == 1


def test_following_the_system_theme(qtbot, window, monkeypatch):
    from visualizer.app import theme

    monkeypatch.setattr(theme, "system_theme", lambda: "dark")
    window.set_theme("system")
    assert window.theme == "dark" and window.theme_actions["system"].isChecked()
    assert QApplication.instance().palette().color(QPalette.Window).lightness() < 80
    monkeypatch.setattr(theme, "system_theme", lambda: "light")
    window.set_theme("system")
    assert window.theme == "light"
