"""TrainingSession: the pace of a run (batches per second) and the model's timeline (kept
moments, saved with the model, opened again)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from visualizer.app.session import TrainingSession
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.persistence import load_checkpoint

NET = NetworkConfig(hidden=(16,))


def make_session(bundle, **train):
    session = TrainingSession(NET, TrainConfig(**{"batch_size": 32, "epochs": 2, **train}))
    snaps, batches, finished = [], [], []
    session.snapshot.connect(snaps.append)
    session.batches.connect(lambda evs: batches.extend(evs))
    session.finished.connect(finished.append)
    session.set_data(bundle)
    return session, snaps, batches, finished


@pytest.fixture(params=["process", "thread"])
def mode(request):
    return request.param


def test_at_one_batch_per_second_every_batch_is_shown_and_pause_answers_at_once(qtbot, tiny_bundle, mode):
    session, snaps, batches, finished = make_session(tiny_bundle, epochs=50)
    session.use_process = mode == "process"
    session.set_speed(1.0)
    session.start()
    qtbot.waitUntil(lambda: len(batches) >= 2, timeout=20_000)
    t0 = time.perf_counter()
    session.pause()
    qtbot.waitUntil(lambda: session.state == "paused", timeout=5_000)
    answered = time.perf_counter() - t0
    print(f"\n{mode}: pause answered in {answered * 1000:.1f} ms at 1 batch/s")
    assert answered < 1.0                                  # generous bounds: 100 ms is the aim
    shown = {s.step for s in snaps}
    assert all(b.step in shown for b in batches)           # a snapshot for every batch
    n = len(batches)
    qtbot.wait(300)
    assert len(batches) == n                               # the wait ended in a pause, not a batch
    session.step()                                         # a single step is not held back
    qtbot.waitUntil(lambda: len(batches) == n + 1, timeout=2_000)
    session.set_speed(None)                                # full speed for the rest
    session.resume()
    session.stop()
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)


def test_the_speed_must_be_positive(tiny_bundle):
    session, *_ = make_session(tiny_bundle)
    for bad in (0, -2, float("nan")):
        with pytest.raises(ValueError):
            session.set_speed(bad)
    assert session.speed is None


def test_a_run_keeps_its_timeline_within_the_budget_and_the_file_keeps_it(qtbot, tiny_bundle, tmp_path):
    session, snaps, batches, finished = make_session(tiny_bundle, batch_size=8, epochs=6)
    session.timeline.budget = 10 * 4 * session.checkpoint.n_params     # room for 10 moments
    session.start()
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    moments = session.timeline.moments()
    steps = [m.step for m in moments]
    assert steps[0] == 0 and steps[-1] == session.step_count == len(batches)
    assert session.timeline.nbytes <= session.timeline.budget
    assert 4 <= len(moments) <= 10
    assert np.array_equal(moments[-1].params, session.checkpoint.params)
    assert not np.array_equal(moments[0].params, moments[-1].params)
    path = tmp_path / "m.npz"
    session.save_model(path)
    saved = load_checkpoint(path)
    assert [m.step for m in saved.timeline] == steps[:-1]   # every earlier moment (<= 24 of them)
    other, *_ = make_session(tiny_bundle)
    other.load_model(path)
    reopened = other.timeline.moments()
    assert [m.step for m in reopened] == steps
    assert np.allclose(reopened[1].params, moments[1].params, atol=1e-3)   # float16 in the file
