"""The twin run: a second network trained beside the session's through its own relay."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.app.session import TrainingSession
from visualizer.app.twin_settings import TWIN_SETTINGS, parse_value, suggest, with_setting
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import ConfigError

NET = NetworkConfig(hidden=(16,))


def make_session(bundle, **train) -> TrainingSession:
    session = TrainingSession(NET, TrainConfig(**{"batch_size": 32, "epochs": 2, **train}))
    session.set_data(bundle)
    return session


class TwinRecorder:
    def __init__(self, twin) -> None:
        self.batches, self.epochs, self.states = [], [], []
        twin.batches.connect(self.batches.append)
        twin.epoch_ended.connect(self.epochs.append)
        twin.state_changed.connect(self.states.append)


def test_with_setting_changes_exactly_one_setting():
    train = TrainConfig()
    net2, train2 = with_setting(NET, train, "lr", 0.1)
    assert net2 == NET and train2 == TrainConfig(lr=0.1)
    net3, train3 = with_setting(NET, train, "hidden", (32, 32))
    assert net3.hidden == (32, 32) and train3 == train
    with pytest.raises(ConfigError):
        with_setting(NET, train, "dropout", 1.5)
    for key in TWIN_SETTINGS:                          # every suggestion differs and is valid
        value = suggest(key, NET, train)
        n, t = with_setting(NET, train, key, value)
        assert (n, t) != (NET, train), key
    assert parse_value("hidden", "256, 128") == (256, 128)
    with pytest.raises(ConfigError):
        parse_value("batch_size", "many")


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_twin_trains_beside_the_main_run_on_the_same_split(qtbot, tiny_bundle, monkeypatch, in_thread):
    session = make_session(tiny_bundle, lr=1e-3)
    session.use_process = not in_thread
    twin, main_epochs = session.twin, []
    session.epoch_ended.connect(main_epochs.append)
    rec = TwinRecorder(twin)
    start_params = session.checkpoint.params
    assert twin.start("lr", 0.01)
    assert np.array_equal(twin.checkpoint.params, start_params)   # the same seed: the same first weights
    assert session.is_active and twin.is_active        # a fresh main network starts too
    assert twin.label == "lr 0.001 → 0.01"
    qtbot.waitUntil(lambda: twin.state == "finished" and not session.is_active, timeout=30_000)
    ckpt = twin.checkpoint
    assert ckpt.train.lr == 0.01 and ckpt.train == session.train_config.__class__(
        **{**session.train_config.__dict__, "lr": 0.01})
    assert ckpt.network == session.network_config
    assert ckpt.split == session.checkpoint.split          # the same held-out images
    assert ckpt.epochs_done == 2 and len(ckpt.history) == 2 and len(rec.epochs) == 2
    assert sum(len(b) for b in rec.batches) == ckpt.step
    for ev in rec.epochs:                                  # validated on the session's own images
        assert len(ev.val_predictions) == len(tiny_bundle.y_val)
        assert np.mean(ev.val_predictions == tiny_bundle.y_val) == pytest.approx(ev.val_accuracy)
    # its own history: another learning rate, other weights than the main network's
    assert [r["val_loss"] for r in ckpt.history] != [r["val_loss"] for r in session.checkpoint.history]
    assert not np.array_equal(ckpt.params, session.checkpoint.params)
    session.shutdown(2.0)


def test_stop_stops_both_runs(qtbot, tiny_bundle):
    session = make_session(tiny_bundle, epochs=200)
    session.set_speed(20.0)                                # slow: both are surely still training
    twin = session.twin
    assert twin.start("activation", "tanh")
    qtbot.waitUntil(lambda: twin.latest is not None and session.live_step > 0, timeout=20_000)
    session.stop()
    qtbot.waitUntil(lambda: not session.is_active and not twin.is_active, timeout=20_000)
    assert twin.state == "finished" and twin.checkpoint.network.activation == "tanh"
    assert twin.checkpoint.epochs_done < 200 and session.epochs_done < 200
    session.shutdown(2.0)


def test_pause_pauses_both_runs(qtbot, tiny_bundle):
    session = make_session(tiny_bundle, epochs=200)
    session.set_speed(20.0)
    twin = session.twin
    twin.start("batch_size", 8)
    qtbot.waitUntil(lambda: twin.latest is not None, timeout=20_000)
    session.pause()
    qtbot.waitUntil(lambda: session.state == "paused" and twin.state == "paused", timeout=20_000)
    session.resume()
    assert session.state == "running" and twin.state == "running"
    session.stop()
    qtbot.waitUntil(lambda: not session.is_active and not twin.is_active, timeout=20_000)
    session.shutdown(2.0)


def test_a_twin_needs_data_and_only_one_at_a_time(qtbot, tiny_bundle):
    session = TrainingSession(NET, TrainConfig(batch_size=32, epochs=50))
    with pytest.raises(ConfigError):
        session.twin.start("lr", 0.01)                     # no data yet
    session.set_data(tiny_bundle)
    session.set_speed(20.0)
    session.twin.start("lr", 0.01)
    with pytest.raises(ConfigError):
        session.twin.start("lr", 0.1)
    session.twin.discard()                                 # stops it; nothing is kept
    assert not session.twin.exists and session.twin.checkpoint is None
    assert session.shutdown(10.0)                          # the discarded run's thread is waited for
    assert all(run.thread.isFinished() for run in session.twin._discarded)


def test_adopting_the_twin_makes_it_the_unsaved_model(qtbot, tiny_bundle):
    session = make_session(tiny_bundle)
    twin = session.twin
    twin.start("hidden", (24,))
    qtbot.waitUntil(lambda: twin.state == "finished" and not session.is_active, timeout=30_000)
    histories = []
    session.history_changed.connect(histories.append)
    session.adopt(twin.checkpoint)
    assert session.network_config.hidden == (24,)
    assert session.checkpoint is twin.checkpoint and session.dirty
    assert histories == [twin.checkpoint.history]
    session.shutdown(2.0)


def test_messages_sent_before_a_discard_end_the_discarded_run_and_change_nothing(qtbot, tiny_bundle):
    """Qt still delivers what a run sent before its relay was disconnected: the twin's run ends
    (its RunResult already on its way), then the twin is discarded before that arrives."""
    session = make_session(tiny_bundle, epochs=200)
    session.set_speed(20.0)                                # slow: it is surely still training below
    twin = session.twin
    snapshots, states = [], []
    assert twin.start("lr", 0.01)
    qtbot.waitUntil(lambda: twin.latest is not None, timeout=20_000)
    twin.stop()
    run = twin._run
    assert run.thread.wait(20_000)                         # everything it sent is queued, unread
    twin.snapshot.connect(snapshots.append)
    twin.state_changed.connect(states.append)
    twin.discard()
    qtbot.waitUntil(lambda: run not in twin._discarded, timeout=20_000)    # its RunResult disposed of it
    assert not twin.exists and twin.latest is None and twin.checkpoint is None
    assert snapshots == [] and states == ["none"]
    session.shutdown(2.0)


def test_a_new_twin_started_before_the_old_ones_messages_arrive_is_not_ended_by_them(qtbot, tiny_bundle):
    """Discard a twin whose messages (its RunResult last) are queued, start another at once: those
    messages are the old run's, whatever twin is current when they arrive."""
    session = make_session(tiny_bundle, epochs=200)
    session.set_speed(20.0)
    twin = session.twin
    assert twin.start("lr", 0.01)
    qtbot.waitUntil(lambda: twin.latest is not None, timeout=20_000)
    twin.stop()
    old = twin._run
    assert old.thread.wait(20_000)                         # everything it sent is queued, unread
    twin.discard()
    assert twin.start("lr", 0.02)                          # before the event loop turns
    new = twin._run
    qtbot.waitUntil(lambda: old not in twin._discarded, timeout=20_000)    # the old RunResult arrived
    assert twin._run is new and twin.state == "running"   # ... and ended only the old run
    session.shutdown(2.0)
