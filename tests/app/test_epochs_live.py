"""Epochs can change while a run is paused: the run, the status bar and the curves follow."""

from __future__ import annotations

from visualizer.core.config import TrainConfig


def step_to(qtbot, window, batches: int) -> None:
    """Single steps (a paused run) until ``batches`` batches were trained and shown."""
    while window.curves.point_counts()["batch"] < batches:
        n = window.curves.point_counts()["batch"]
        window.act_step.trigger()
        qtbot.waitUntil(lambda: window.curves.point_counts()["batch"] == n + 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.session.state == "paused", timeout=10_000)


def set_epochs(window, n: int) -> None:
    window.controls.epochs.setValue(n)          # the spin box emits train_edited, as a person's edit


def test_raising_epochs_while_paused_trains_them_all(qtbot, window):
    s = window.session
    window.controls.set_configs(s.network_config, TrainConfig(**{**s.train_config.to_dict(), "epochs": 3}))
    s.set_train_config(window.controls.train_config())
    step_to(qtbot, window, 2)                   # paused in the first epoch
    assert window.controls.epochs.isEnabled()   # unlocked while paused
    set_epochs(window, 5)
    assert s.train_config.epochs == 5
    qtbot.waitUntil(lambda: window.curves.marker_count == 1, timeout=10_000)   # the trainer applied it
    assert window.status.view().epoch_high == 5 and window.curves._planned == 5   # planned 0 -> 5
    window.act_pause.trigger()                  # Resume
    qtbot.waitUntil(lambda: not s.is_active, timeout=30_000)
    assert s.epochs_done == 5 and s.state == "finished"
    assert len(s.history) == 5 and s.train_config.epochs == 5


def test_fewer_epochs_than_the_run_has_begun_are_refused_with_a_message(qtbot, window, monkeypatch):
    s = window.session
    window.controls.set_configs(s.network_config, TrainConfig(**{**s.train_config.to_dict(), "epochs": 3}))
    s.set_train_config(window.controls.train_config())
    per_epoch = -(-len(s.data.y_train) // s.train_config.batch_size)
    step_to(qtbot, window, per_epoch + 1)       # the first batch of epoch 2
    shown = []
    monkeypatch.setattr(window.banner, "show_message", lambda kind, text, *a, **k: shown.append((kind, text)))
    set_epochs(window, 1)
    assert shown and shown[0][0] == "warning" and "choose 2 or more" in shown[0][1]
    assert s.train_config.epochs == 3 and window.controls.epochs.value() == 3   # put back
    set_epochs(window, 2)                       # the epoch under way may be the last one
    window.act_pause.trigger()
    qtbot.waitUntil(lambda: not s.is_active, timeout=30_000)
    assert s.epochs_done == 2
