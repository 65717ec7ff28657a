"""TrainingSession: the worker thread, throttled signals, run control, live settings."""

from __future__ import annotations

import time

import numpy as np
import pytest

from visualizer.app.session import TrainingSession
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.events import BatchEvent, EpochEvent, FinishedEvent, SettingsChangedEvent
from visualizer.core.snapshot import NetworkSnapshot


class Recorder:
    """Collects every signal of a session (in the GUI thread)."""

    def __init__(self, session: TrainingSession) -> None:
        self.batches: list[tuple] = []
        self.batch_times: list[float] = []
        self.epochs: list[EpochEvent] = []
        self.snapshots: list[NetworkSnapshot] = []
        self.states: list[str] = []
        self.settings: list[SettingsChangedEvent] = []
        self.finished: list = []
        self.failed: list[str] = []
        self.diverged: list = []
        session.batches.connect(self._on_batches)
        session.epoch_ended.connect(self.epochs.append)
        session.snapshot.connect(self.snapshots.append)
        session.state_changed.connect(self.states.append)
        session.settings_changed.connect(self.settings.append)
        session.finished.connect(self.finished.append)
        session.failed.connect(self.failed.append)
        session.diverged.connect(self.diverged.append)

    def _on_batches(self, events) -> None:
        self.batches.append(events)
        self.batch_times.append(time.monotonic())

    @property
    def events(self) -> list[BatchEvent]:
        return [e for t in self.batches for e in t]


def make_session(qtbot, bundle, network=NetworkConfig(hidden=(16,)), **train) -> tuple[TrainingSession, Recorder]:
    session = TrainingSession(network, TrainConfig(**{"batch_size": 32, "epochs": 2, **train}))
    rec = Recorder(session)
    session.set_data(bundle)
    return session, rec


def wait_finished(qtbot, session, rec, timeout=20_000):
    qtbot.waitUntil(lambda: bool(rec.finished), timeout=timeout)
    assert not session.is_active


def test_training_emits_batches_epochs_and_snapshots(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle)
    assert len(rec.snapshots) == 1                       # the fresh model announces itself
    first = rec.snapshots[0]
    assert first.step == 0 and first.sizes == (784, 16, 10) and first.probe is not None
    assert session.start()
    wait_finished(qtbot, session, rec)
    n_train = len(tiny_bundle.y_train)
    bpe = -(-n_train // 32)
    events = rec.events
    assert [e.step for e in events] == list(range(1, 2 * bpe + 1))
    assert all(isinstance(t, tuple) and t for t in rec.batches)
    assert [e.epochs_done for e in rec.epochs] == [1, 2]
    assert rec.epochs[-1].val_predictions.shape == tiny_bundle.y_val.shape
    assert isinstance(rec.finished[0], FinishedEvent) and rec.finished[0].reason == "completed"
    assert rec.states[0] == "running" and rec.states[-1] == "finished"
    last = rec.snapshots[-1]
    assert last.step == 2 * bpe and last.epochs_done == 2
    assert not last.weights[0].flags.writeable and last.weights[0].shape == (784, 16)
    assert last.probe is not None and last.probe.probabilities.shape == (10,)
    assert not np.array_equal(last.weights[0], first.weights[0])   # it learned something
    assert session.latest_snapshot is last
    assert session.epochs_done == 2 and len(session.history) == 2
    assert rec.epochs[-1].val_accuracy > 0.3


def test_batch_stats_are_batched_and_throttled(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle, batch_size=4, epochs=6)
    t0 = time.monotonic()
    session.start()
    wait_finished(qtbot, session, rec, timeout=30_000)
    elapsed = time.monotonic() - t0
    n_events = len(rec.events)
    assert n_events == 6 * -(-len(tiny_bundle.y_train) // 4)
    # <= 20 emissions/s plus one flush at each epoch end and at the finish
    assert len(rec.batches) <= 20 * elapsed + 6 + 3
    assert max(len(t) for t in rec.batches) > 1
    # snapshots: <= 4/s while training, plus the final one and the initial one
    assert len(rec.snapshots) <= 4 * elapsed + 3


def test_pause_step_resume_stop(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle, batch_size=8, epochs=500)
    session.start()
    qtbot.waitUntil(lambda: len(rec.events) > 5, timeout=10_000)
    session.pause()
    qtbot.waitUntil(lambda: session.state == "paused", timeout=5_000)
    qtbot.wait(50)
    n = len(rec.events)
    snaps = len(rec.snapshots)
    qtbot.wait(300)
    assert len(rec.events) == n                          # nothing trains while paused
    session.step()
    qtbot.waitUntil(lambda: len(rec.events) == n + 1 and len(rec.snapshots) > snaps, timeout=5_000)
    qtbot.wait(200)
    assert len(rec.events) == n + 1                      # exactly one batch
    assert rec.events[-1].step == rec.events[-2].step + 1
    assert rec.snapshots[-1].step == rec.events[-1].step  # the snapshot after the step shows it
    assert session.state == "paused"
    session.resume()
    assert session.state == "running"
    qtbot.waitUntil(lambda: len(rec.events) > n + 20, timeout=10_000)
    t0 = time.monotonic()
    session.stop()
    wait_finished(qtbot, session, rec, timeout=5_000)
    assert time.monotonic() - t0 < 2.0
    assert rec.finished[-1].reason == "stopped"
    assert session.state == "finished"
    assert session.step_count == rec.events[-1].step


def test_stop_while_paused(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle, batch_size=8, epochs=500)
    session.start()
    qtbot.waitUntil(lambda: len(rec.events) > 2, timeout=10_000)
    session.pause()
    qtbot.waitUntil(lambda: session.state == "paused", timeout=5_000)
    session.stop()
    wait_finished(qtbot, session, rec, timeout=3_000)
    assert rec.finished[-1].reason == "stopped"


def test_step_from_idle_trains_one_batch_and_pauses(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle)
    session.step()
    qtbot.waitUntil(lambda: len(rec.events) == 1 and session.state == "paused", timeout=5_000)
    assert rec.events[0].step == 1
    assert rec.snapshots[-1].step == 1
    session.step()
    qtbot.waitUntil(lambda: len(rec.events) == 2, timeout=5_000)
    session.stop()
    wait_finished(qtbot, session, rec)
    assert session.step_count == 2


def test_learning_rate_changes_live(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle, batch_size=8, epochs=500, lr=1e-3)
    session.start()
    qtbot.waitUntil(lambda: len(rec.events) > 5, timeout=10_000)
    assert all(e.lr == pytest.approx(1e-3) for e in rec.events)
    session.change(lr=0.02)
    assert session.train_config.lr == 0.02
    qtbot.waitUntil(lambda: bool(rec.settings), timeout=5_000)
    ev = rec.settings[0]
    assert dict(ev.changes) == {"lr": pytest.approx(0.02)}
    qtbot.waitUntil(lambda: rec.events[-1].step > ev.step + 3, timeout=5_000)
    after = [e for e in rec.events if e.step >= ev.step]
    before = [e for e in rec.events if e.step < ev.step]
    assert after and all(e.lr == pytest.approx(0.02) for e in after)
    assert before and all(e.lr == pytest.approx(1e-3) for e in before)
    session.stop()
    wait_finished(qtbot, session, rec)


def test_invalid_live_value_is_refused_and_changes_nothing(qtbot, tiny_bundle):
    from visualizer.core.errors import ConfigError

    session, rec = make_session(qtbot, tiny_bundle)
    with pytest.raises(ConfigError, match="learning rate"):
        session.change(lr=float("nan"))
    with pytest.raises(ConfigError, match="batch_size"):
        session.change(batch_size=3)
    assert session.train_config.lr == 1e-3


def test_locked_settings_cannot_change_mid_run(qtbot, tiny_bundle):
    from visualizer.core.errors import ConfigError

    session, rec = make_session(qtbot, tiny_bundle, batch_size=8, epochs=500)
    session.start()
    with pytest.raises(ConfigError, match="batch_size"):
        session.set_train_config(TrainConfig(batch_size=64, epochs=500))
    with pytest.raises(ConfigError, match="architecture"):
        session.set_network_config(NetworkConfig(hidden=(8,)))
    session.stop()
    wait_finished(qtbot, session, rec)
    assert session.train_config.batch_size == 8


def test_divergence_stops_with_message_and_finite_weights(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle, optimizer="sgd", lr=10.0, weight_decay=1.0, epochs=50)
    session.start()
    wait_finished(qtbot, session, rec)
    assert rec.diverged and "learning rate" in rec.diverged[0].message
    assert session.state == "diverged" and rec.finished[-1].reason == "diverged"
    snap = session.latest_snapshot
    assert all(np.all(np.isfinite(w)) for w in snap.weights)       # still inspectable
    assert np.all(np.isfinite(snap.trace(tiny_bundle.inputs_val[0]).probabilities))


def test_reset_gives_new_weights_and_clears_history(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle, epochs=1)
    history = []
    session.history_changed.connect(history.append)
    initial = rec.snapshots[-1].weights[0]
    session.start()
    wait_finished(qtbot, session, rec)
    trained = rec.snapshots[-1].weights[0]
    session.reset()
    assert history[-1] == () and session.epochs_done == 0 and session.step_count == 0
    assert session.state == "idle"
    fresh = rec.snapshots[-1].weights[0]
    assert not np.array_equal(fresh, trained)
    np.testing.assert_array_equal(fresh, initial)        # same seed, same start


def test_set_probe_is_stored_when_idle_and_reaches_the_worker(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle, batch_size=8, epochs=500)
    x = tiny_bundle.inputs_val[3]
    n = len(rec.snapshots)
    session.set_probe(x)
    assert len(rec.snapshots) == n                       # idle: no snapshot again, the views trace it
    np.testing.assert_array_equal(session.probe(), x)
    session.start()
    x2 = tiny_bundle.inputs_val[7]
    session.set_probe(x2)
    qtbot.waitUntil(lambda: rec.snapshots[-1].probe is not None
                    and np.array_equal(rec.snapshots[-1].probe.input, x2), timeout=5_000)
    session.stop()
    wait_finished(qtbot, session, rec)
    with pytest.raises(ValueError):
        session.set_probe(np.zeros(10, np.float32))


def test_evaluate_off_the_gui_thread(qtbot, tiny_bundle):
    session, rec = make_session(qtbot, tiny_bundle)
    results = []
    session.evaluated.connect(results.append)
    session.evaluate()
    qtbot.waitUntil(lambda: bool(results), timeout=5_000)
    ev = results[0]
    assert ev.val_predictions.shape == tiny_bundle.y_val.shape and not ev.val_predictions.flags.writeable
    assert 0.0 <= ev.val_accuracy <= 1.0 and np.isfinite(ev.val_loss)


def test_a_crash_in_the_thread_fallback_becomes_a_message(qtbot, tiny_bundle, monkeypatch):
    from visualizer.core import training

    def broken_run(self):
        yield from ()
        raise RuntimeError("boom")

    monkeypatch.setattr(training.Trainer, "run", broken_run)
    session, rec = make_session(qtbot, tiny_bundle)
    session.use_process = False                  # the in-thread fallback runs Trainer.run() here
    session.start()
    wait_finished(qtbot, session, rec)
    assert rec.finished == [None] and session.state == "failed"
    assert rec.failed and "boom" in rec.failed[0]


def test_a_crash_in_the_training_process_becomes_a_message(qtbot, tiny_bundle, monkeypatch):
    import dataclasses

    from visualizer.app import session as session_mod

    real_init = session_mod._TrainWorker.__init__

    def poisoned(self, *args, spec=None, **kwargs):   # parameters that fit no network: the child raises
        real_init(self, *args, spec=dataclasses.replace(spec, params=np.zeros(7, np.float32)), **kwargs)

    monkeypatch.setattr(session_mod._TrainWorker, "__init__", poisoned)
    session, rec = make_session(qtbot, tiny_bundle)
    before = session.model_copy().params.copy()
    session.start()
    wait_finished(qtbot, session, rec)
    assert rec.finished == [None] and session.state == "failed"
    assert rec.failed and "internal error" in rec.failed[0] and "do not fit" in rec.failed[0]
    assert np.array_equal(session.model_copy().params, before)      # the model is untouched
    monkeypatch.undo()
    rec.finished.clear()
    assert session.start()                       # and the next run works
    wait_finished(qtbot, session, rec)
    assert rec.finished[0].reason == "completed" and session.step_count > 0


def test_a_killed_training_process_is_reported_and_its_last_snapshot_kept(qtbot, tiny_bundle):
    import os
    import signal

    session, rec = make_session(qtbot, tiny_bundle, epochs=10_000)
    assert session.use_process
    session.start()
    qtbot.waitUntil(lambda: len(rec.snapshots) >= 3 and rec.snapshots[-1].step > 0, timeout=20_000)
    os.kill(session._process.process.pid, signal.SIGKILL)     # (test-only peek at the child)
    wait_finished(qtbot, session, rec)
    assert rec.finished == [None] and session.state == "failed"
    assert "ended unexpectedly" in rec.failed[-1] and "signal 9" in rec.failed[-1]
    last = rec.snapshots[-1]
    assert session.step_count == last.step > 0 and session.epochs_done == last.epochs_done
    assert np.array_equal(session.model_copy().weights[0], last.weights[0])
    assert session.dirty                         # unsaved training: the window would keep it
    rec.finished.clear()
    session.set_train_config(TrainConfig(batch_size=32, epochs=1))
    assert session.start()                       # a new process trains on from there
    wait_finished(qtbot, session, rec)
    assert rec.finished[0].reason == "completed" and session.step_count > last.step


def test_process_and_thread_train_bit_for_bit_alike(qtbot, tiny_bundle):
    results = []
    for use_process in (True, False):
        session, rec = make_session(qtbot, tiny_bundle, epochs=3, optimizer="adam", dropout=0.2)
        session.use_process = use_process
        session.set_probe(tiny_bundle.inputs_val[3])
        assert session.start()
        wait_finished(qtbot, session, rec)
        snap = rec.snapshots[-1]
        assert not snap.weights[0].flags.writeable and not snap.probe.probabilities.flags.writeable
        assert not rec.epochs[-1].val_predictions.flags.writeable
        results.append((session.model_copy().params, [e.loss for e in rec.events], session.history,
                        session._optimizer_state, snap.probe.probabilities))
    (p1, l1, h1, o1, pr1), (p2, l2, h2, o2, pr2) = results
    assert np.array_equal(p1, p2) and l1 == l2 and len(l1) > 0
    assert [h["train_loss"] for h in h1] == [h["train_loss"] for h in h2]
    assert o1.keys() == o2.keys() and all(np.array_equal(o1[k], o2[k]) for k in o1)
    assert np.array_equal(pr1, pr2)


def test_a_process_killed_before_any_snapshot_leaves_the_model_as_it_started(qtbot, tiny_bundle, monkeypatch):
    import os
    import signal

    from visualizer.app import session as session_mod

    monkeypatch.setattr(session_mod, "SNAPSHOT_INTERVAL_S", 3600.0)     # no snapshot mid-run
    session, rec = make_session(qtbot, tiny_bundle, epochs=10_000)
    before = session.latest_snapshot
    session.start()
    qtbot.waitUntil(lambda: len(rec.epochs) >= 2, timeout=20_000)       # epochs went by, live
    assert session.epochs_done >= 2 and len(session.history) >= 2
    os.kill(session._process.process.pid, signal.SIGKILL)
    wait_finished(qtbot, session, rec)
    assert rec.finished == [None] and session.state == "failed"
    # nothing of the run survived, so the counters go back to where its weights are
    assert session.latest_snapshot is before and session.step_count == 0
    assert session.epochs_done == 0 and session.history == ()
    assert np.array_equal(session.model_copy().weights[0], before.weights[0])
