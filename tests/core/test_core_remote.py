"""visualizer.core.remote: training in a child process, its messages and its lifecycle (no Qt)."""

from __future__ import annotations

import dataclasses
import os
import signal
import time

import numpy as np
import pytest

from visualizer.core import remote
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.events import BatchEvent, EpochEvent, FinishedEvent, PausedEvent, SettingsChangedEvent
from visualizer.core.network import MLP
from visualizer.core.snapshot import NetworkSnapshot
from visualizer.core.training import Trainer

NET = NetworkConfig(hidden=(12,))


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    x = rng.random((300, 784), dtype=np.float32)
    y = rng.integers(0, 10, 300)
    return x[:250], y[:250], x[250:], y[250:]


@pytest.fixture
def proc():
    p = remote.TrainProcess()
    yield p
    p.close()


def spec_for(model, train, token, **extra):
    return remote.RunSpec(network=NET, train=train, params=model.params.copy(), optimizer_state=None,
                          epochs_done=0, step=0, history=(), seed=(train.seed, 0), data_token=token, **extra)


def collect(p, timeout=30.0):
    """Every message until "finished" (inclusive)."""
    msgs = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = p.receive()
        msgs.append(msg)
        if msg[0] == "finished":
            return msgs
    raise AssertionError("no finished message")


def test_a_run_in_the_process_equals_the_same_run_in_this_one(proc, data):
    train = TrainConfig(optimizer="adam", batch_size=32, epochs=3, dropout=0.1, seed=3)
    model = MLP(NET, rng=np.random.default_rng(1))
    probe = data[2][0]
    proc.send_data(7, *data)
    proc.send(("run", spec_for(model, train, 7, probe=probe)))
    msgs = collect(proc)

    ref = model.copy()
    trainer = Trainer(ref, train, *data, rng=np.random.default_rng([3, 0]))
    ref_events = list(trainer.run())

    kinds = [m[0] for m in msgs]
    assert kinds[-1] == "finished" and "failed" not in kinds and kinds.count("epoch") == 3
    batches = [e for m in msgs if m[0] == "batches" for e in m[1]]
    assert all(isinstance(e, BatchEvent) for e in batches)
    assert [e.loss for e in batches] == [e.loss for e in ref_events if isinstance(e, BatchEvent)]
    finished, result = msgs[-1][1], msgs[-1][2]
    assert isinstance(finished, FinishedEvent) and finished.reason == "completed" and finished.epochs_done == 3
    assert np.array_equal(result.params, ref.params)                      # bit for bit
    assert result.step == trainer.step and result.epochs_done == 3 and len(result.history) == 3
    ref_opt = trainer.optimizer_state()
    assert all(np.array_equal(result.optimizer_state[k], ref_opt[k]) for k in ref_opt)
    snap = [m[1] for m in msgs if m[0] == "snapshot"][-1]                  # the end snapshot
    assert isinstance(snap, NetworkSnapshot) and snap.step == trainer.step
    assert np.array_equal(snap.probe.input, probe)
    # what crosses is immutable again after unpickling
    epoch = [m[1] for m in msgs if m[0] == "epoch"][0]
    assert isinstance(epoch, EpochEvent) and not epoch.val_predictions.flags.writeable
    assert not snap.weights[0].flags.writeable and not snap.probe.probabilities.flags.writeable
    assert not result.params.flags.writeable


def until(proc, kind):
    """Messages up to and including the next one of ``kind``."""
    out = []
    while not out or out[-1][0] != kind:
        out.append(proc.receive())
    return out


def test_pause_step_change_and_stop_reach_the_running_child(proc, data):
    train = TrainConfig(batch_size=16, epochs=1000, seed=0)
    proc.send_data(1, *data)
    proc.send(("run", spec_for(MLP(NET), train, 1, paused=True)))
    first = until(proc, "paused")
    assert [m[0] for m in first] == ["snapshot", "paused"] and first[1][1].step == 0   # no batch yet
    proc.send(("step",))
    stepped = until(proc, "paused")
    assert [e.step for m in stepped if m[0] == "batches" for e in m[1]] == [1] and stepped[-1][1].step == 1
    proc.send(("change", {"lr": 0.05}))
    changed = until(proc, "settings")[-1][1]
    assert isinstance(changed, SettingsChangedEvent) and dict(changed.changes) == {"lr": 0.05}
    assert changed.step == 2
    proc.send(("probe", data[2][1]))
    proc.send(("resume",))
    seen = []
    while not seen or seen[-1][0] != "batches" or seen[-1][1][-1].step < 10:
        seen.append(proc.receive())
    proc.send(("stop",))
    seen += collect(proc)
    steps = [e.step for m in seen if m[0] == "batches" for e in m[1]]
    assert steps == list(range(2, len(steps) + 2))                 # every batch, none twice
    assert all(e.lr == 0.05 for m in seen if m[0] == "batches" for e in m[1])
    end = seen[-1]
    assert end[1].reason == "stopped" and end[2].step == steps[-1]
    assert np.array_equal(seen[-2][1].probe.input, data[2][1])      # the new probe was used
    assert not any(isinstance(m[1], PausedEvent) for m in seen)


def test_a_run_without_its_data_fails_with_a_message(proc, data):
    model = MLP(NET)
    proc.send(("run", spec_for(model, TrainConfig(epochs=1), 99)))
    msgs = collect(proc)
    assert [m[0] for m in msgs] == ["failed", "finished"]
    assert msgs[1][1] is None and np.array_equal(msgs[1][2].params, model.params)


def test_a_bad_setting_in_the_child_is_a_message_not_a_crash(proc, data):
    model = MLP(NET)
    bad = dataclasses.replace(TrainConfig(epochs=1), lr=float("nan"))       # bypasses validate()
    proc.send_data(2, *data)
    proc.send(("run", spec_for(model, bad, 2)))
    msgs = collect(proc)
    assert msgs[0][0] == "failed" and "learning rate" in msgs[0][1] and msgs[-1][1] is None
    proc.send(("run", spec_for(model, TrainConfig(epochs=1, batch_size=64), 2)))   # still serves
    assert collect(proc)[-1][1].reason == "completed"


def test_the_child_ends_when_its_parent_goes_away(data):
    p = remote.TrainProcess()
    p.send_data(3, *data)
    p.send(("run", spec_for(MLP(NET), TrainConfig(epochs=1000, batch_size=16), 3)))
    assert p.receive()[0] in ("batches", "snapshot")
    p._commands.close()                   # what the parent dying does to the pipe
    p._events.close()
    p.process.wait(10)                    # raises TimeoutExpired when the orphan lives on
    assert p.process.returncode is not None


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

    remote.freeze(("x", Box(a, (b, {"k": c})), 5))
    assert not (a.flags.writeable or b.flags.writeable or c.flags.writeable)


def test_preload_hands_the_idle_process_its_data_before_any_run(data):
    remote.preload(42, *data)
    p = remote.acquire()
    try:
        deadline = time.monotonic() + 20
        while p.data_token != 42 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert p.data_token == 42
        p.send(("run", spec_for(MLP(NET), TrainConfig(epochs=1, batch_size=64), 42)))   # no "data" sent
        assert collect(p)[-1][1].reason == "completed"
    finally:
        remote.release(p)
