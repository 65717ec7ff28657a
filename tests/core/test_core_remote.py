"""visualizer.core.remote / serve / protocol: training in a child process or a thread, its
messages and its lifecycle (no Qt)."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import sys
import time

import numpy as np
import pytest

from visualizer.core import remote
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.events import (BatchEvent, DivergedEvent, EpochEvent, FinishedEvent, PausedEvent,
                                    SettingsChangedEvent)
from visualizer.core.protocol import LoadData, RunFailed, RunResult, RunSpec, SetProbe, Steer, freeze
from visualizer.core.snapshot import NetworkSnapshot
from visualizer.core.training import Trainer

NET = NetworkConfig(hidden=(12,))
TIMING = ("seconds", "samples_per_second")       # wall-clock fields of a history row


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    x = rng.random((300, 784), dtype=np.float32)
    y = rng.integers(0, 10, 300)
    return x[:250], y[:250], x[250:], y[250:]


def load(token, data):
    return LoadData(token, *data)


@pytest.fixture
def proc():
    p = remote.TrainProcess()
    yield p
    p.close()


def ckpt_for(train, seed=1, **extra):
    return Checkpoint.fresh(NET, train, Split("test", 0.1), rng=np.random.default_rng(seed)).replace(**extra)


def spec_for(train, token, **extra):
    return RunSpec(ckpt_for(train), token, **extra)


def collect(p, timeout=30.0):
    """Every message until the RunResult (inclusive)."""
    msgs = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msgs.append(p.receive())
        if isinstance(msgs[-1], RunResult):
            return msgs
    raise AssertionError("no RunResult")


def batches_in(msgs):
    return [e for m in msgs if type(m) is tuple for e in m]


def assert_same_checkpoint(a: Checkpoint, b: Checkpoint) -> None:
    """Equal in everything but the wall-clock fields of the history."""
    assert (a.network, a.train, a.split, a.step, a.epochs_done) == (b.network, b.train, b.split, b.step,
                                                                    b.epochs_done)
    assert np.array_equal(a.params, b.params)                                     # bit for bit
    assert a.optimizer_state.keys() == b.optimizer_state.keys()
    assert all(np.array_equal(a.optimizer_state[k], b.optimizer_state[k]) for k in a.optimizer_state)
    strip = [{k: v for k, v in h.items() if k not in TIMING} for h in a.history]
    assert strip == [{k: v for k, v in h.items() if k not in TIMING} for h in b.history]


def test_a_run_ends_as_the_checkpoint_the_same_run_in_this_process_gives(proc, data):
    train = TrainConfig(optimizer="adam", batch_size=32, epochs=3, dropout=0.1, seed=3)
    spec = spec_for(train, 7, probe=data[2][0])
    proc.send_data(load(7, data))
    proc.send(spec)
    msgs = collect(proc)

    class Run:                                  # what Trainer.from_checkpoint reads of a RunData
        inputs_train, y_train = data[0], data[1]
        validation = (data[2], data[3])

    trainer = Trainer.from_checkpoint(spec.checkpoint, Run)
    ref_events = list(trainer.run())

    assert not any(isinstance(m, RunFailed) for m in msgs)
    assert sum(isinstance(m, EpochEvent) for m in msgs) == 3
    batches = batches_in(msgs)
    assert all(isinstance(e, BatchEvent) for e in batches)
    assert [e.loss for e in batches] == [e.loss for e in ref_events if isinstance(e, BatchEvent)]
    end = msgs[-1]
    assert isinstance(end.finished, FinishedEvent) and end.finished.reason == "completed"
    assert isinstance(end.checkpoint, Checkpoint) and end.checkpoint.epochs_done == 3
    assert_same_checkpoint(end.checkpoint, trainer.checkpoint())
    snap = [m for m in msgs if isinstance(m, NetworkSnapshot)][-1]       # the end snapshot
    assert snap.step == trainer.step and np.array_equal(snap.probe.input, data[2][0])
    # what crosses is immutable again after unpickling
    epoch = [m for m in msgs if isinstance(m, EpochEvent)][0]
    assert not epoch.val_predictions.flags.writeable
    assert not snap.weights[0].flags.writeable and not snap.probe.probabilities.flags.writeable
    assert not end.checkpoint.params.flags.writeable
    assert all(not a.flags.writeable for a in end.checkpoint.optimizer_state.values())


def test_the_process_and_the_thread_run_the_same_loop_bit_for_bit(data):
    train = TrainConfig(optimizer="momentum", batch_size=16, epochs=2, dropout=0.2, seed=4)
    results = []
    for trainer in (remote.TrainProcess(), remote.TrainThread()):
        try:
            trainer.send_data(load(1, data))
            trainer.send(spec_for(train, 1))
            results.append(collect(trainer))
        finally:
            trainer.close()
    (a, b) = results
    assert [e.loss for e in batches_in(a)] == [e.loss for e in batches_in(b)] and batches_in(a)
    epochs_a, epochs_b = ([m.val_loss for m in r if isinstance(m, EpochEvent)] for r in (a, b))
    assert epochs_a == epochs_b and len(epochs_a) == 2
    assert_same_checkpoint(a[-1].checkpoint, b[-1].checkpoint)


def test_the_child_is_started_by_multiprocessing_spawn(proc, data):
    assert isinstance(proc.process, multiprocessing.context.SpawnProcess)
    proc.send_data(load(5, data))
    proc.send(spec_for(TrainConfig(epochs=1, batch_size=64), 5))
    assert collect(proc)[-1].finished.reason == "completed"          # it serves
    if sys.platform.startswith("linux"):                              # a fresh interpreter, spawned
        cmdline = open(f"/proc/{proc.process.pid}/cmdline", "rb").read().split(b"\0")
        assert b"--multiprocessing-fork" in cmdline and any(b"spawn_main" in a for a in cmdline)


def until(proc, kind):
    """Messages up to and including the next one of type ``kind``."""
    out = []
    while not out or not isinstance(out[-1], kind):
        out.append(proc.receive())
    return out


def test_pause_step_change_and_stop_reach_the_running_child(proc, data):
    train = TrainConfig(batch_size=16, epochs=1000, seed=0)
    proc.send_data(load(1, data))
    proc.send(spec_for(train, 1, paused=True))
    first = until(proc, PausedEvent)
    assert [type(m) for m in first] == [NetworkSnapshot, PausedEvent] and first[1].step == 0   # no batch yet
    proc.send(Steer("step"))
    stepped = until(proc, PausedEvent)
    assert [e.step for e in batches_in(stepped)] == [1] and stepped[-1].step == 1
    proc.send(Steer("change", (("lr", 0.05),)))
    changed = until(proc, SettingsChangedEvent)[-1]
    assert dict(changed.changes) == {"lr": 0.05} and changed.step == 2
    proc.send(SetProbe(data[2][1]))
    proc.send(Steer("resume"))
    seen = []
    while not seen or type(seen[-1]) is not tuple or seen[-1][-1].step < 10:
        seen.append(proc.receive())
    os.kill(proc.process.pid, signal.SIGINT)          # Ctrl-C in a terminal is the parent's
    proc.send(Steer("stop"))
    seen += collect(proc)
    steps = [e.step for e in batches_in(seen)]
    assert steps == list(range(2, len(steps) + 2))                 # every batch, none twice
    assert all(e.lr == 0.05 for e in batches_in(seen))
    end = seen[-1]
    assert end.finished.reason == "stopped" and end.checkpoint.step == steps[-1]
    assert end.checkpoint.train.lr == 0.05                          # the settings the run ended with
    assert np.array_equal(seen[-2].probe.input, data[2][1])         # the new probe was used
    assert not any(isinstance(m, PausedEvent) for m in seen)
    assert proc.alive                                               # SIGINT did not end it


def test_requests_sent_before_the_run_are_applied_in_order(data):
    t = remote.TrainThread()
    try:
        t.send_data(load(2, data))
        t.send(spec_for(TrainConfig(batch_size=16, epochs=1000), 2, paused=True))
        t.send(Steer("change", (("lr", 0.02),)))
        t.send(Steer("step"))
        stepped = until(t, tuple)
        assert [e.lr for e in stepped[-1]] == [0.02]                  # changed first, then stepped
        t.send(Steer("stop"))
        msgs = collect(t)
        assert msgs[-1].finished.reason == "stopped" and msgs[-1].checkpoint.train.lr == 0.02
    finally:
        t.close()


def test_a_run_without_its_data_fails_with_a_message(proc):
    spec = spec_for(TrainConfig(epochs=1), 99)
    proc.send(spec)
    msgs = collect(proc)
    assert [type(m) for m in msgs] == [RunFailed, RunResult]
    assert msgs[1].finished is None and np.array_equal(msgs[1].checkpoint.params, spec.checkpoint.params)


def test_a_bad_setting_in_the_child_is_a_message_not_a_crash(proc, data):
    bad = dataclasses.replace(TrainConfig(epochs=1), lr=float("nan"))       # bypasses validate()
    proc.send_data(load(2, data))
    proc.send(spec_for(bad, 2))
    msgs = collect(proc)
    assert isinstance(msgs[0], RunFailed) and "learning rate" in msgs[0].message and msgs[-1].finished is None
    proc.send(spec_for(TrainConfig(epochs=1, batch_size=64), 2))             # still serves
    assert collect(proc)[-1].finished.reason == "completed"


def test_the_child_ends_when_its_parent_goes_away(data):
    p = remote.TrainProcess()
    p.send_data(load(3, data))
    p.send(spec_for(TrainConfig(epochs=1000, batch_size=16), 3))
    assert isinstance(p.receive(), (tuple, NetworkSnapshot))
    p._commands.close()                   # what the parent dying does to the pipe
    p._events.close()
    p.process.join(10)
    assert p.process.exitcode is not None  # the orphan did not live on


def test_a_dead_process_says_so_and_is_not_reused():
    p = remote.acquire()
    os.kill(p.process.pid, signal.SIGKILL)
    with pytest.raises(remote.TrainProcessError, match="ended unexpectedly .killed by signal 9"):
        p.receive()
    assert not p.alive
    remote.release(p)                     # closed, not kept
    q = remote.acquire()
    try:
        assert q is not p and q.alive
    finally:
        remote.release(q)
    assert remote.acquire() is q          # an idle healthy process is reused
    remote.release(q)


def test_freeze_reaches_every_nested_array():
    a, b, c = np.zeros(2), np.ones(3), np.arange(4)

    @dataclasses.dataclass(frozen=True)
    class Box:
        arr: np.ndarray
        more: tuple

    freeze(("x", Box(a, (b, {"k": c})), 5))
    assert not (a.flags.writeable or b.flags.writeable or c.flags.writeable)


def test_preload_hands_the_idle_process_its_data_before_any_run(data):
    remote.preload(load(42, data)).join(30)
    p = remote.acquire()
    try:
        assert p.data_token == 42
        p.send(spec_for(TrainConfig(epochs=1, batch_size=64), 42))    # no LoadData sent
        assert collect(p)[-1].finished.reason == "completed"
    finally:
        remote.release(p)


def test_a_diverged_run_ends_with_a_snapshot_of_where_its_weights_went_back_to(data):
    t = remote.TrainThread()
    try:
        t.send_data(load(6, data))
        t.send(spec_for(TrainConfig(optimizer="sgd", lr=1e3, batch_size=16, epochs=50), 6))
        msgs = collect(t)
    finally:
        t.close()
    diverged = [m for m in msgs if isinstance(m, DivergedEvent)]
    end, snap = msgs[-1], [m for m in msgs if isinstance(m, NetworkSnapshot)][-1]
    assert end.finished.reason == "diverged" and len(diverged) == 1
    restored = diverged[0].restored_step
    assert snap.step == restored == end.checkpoint.step
    bpe = batches_in(msgs)[0].batches_per_epoch                   # the run started at step 0
    assert snap.progress == pytest.approx(restored / bpe) and snap.epochs_done == restored // bpe
