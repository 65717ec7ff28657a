"""The run's timeline: bounded memory, both ends kept, early moments dense, the rest even."""

from __future__ import annotations

import numpy as np

from visualizer.core import runsetup
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import Dataset
from visualizer.core.persistence import load_checkpoint, save_checkpoint
from visualizer.core.timeline import FILE_MOMENTS, Timeline, pack, thinned
from visualizer.core.training import Trainer


def params(step: int, n: int = 1000) -> np.ndarray:
    return np.full(n, step, np.float32)


def test_a_long_run_is_thinned_within_budget_with_both_ends_and_an_even_spread():
    budget = 40 * 1000 * 4                                   # room for 40 moments of 1,000 floats
    tl = Timeline(1000, budget)
    for step in range(0, 100_001):
        if tl.wants(step):
            tl.add(step, step / 100, params(step))
    tl.add(100_000, 1000.0, params(100_000))
    moments = tl.moments()
    assert tl.nbytes <= budget and len(moments) <= 40
    assert moments[0].step == 0 and moments[-1].step == 100_000        # the ends
    assert all(m.params[0] == m.step for m in moments)                  # each copy is its step's
    steps = np.array([m.step for m in moments])
    assert {1, 2, 4, 8, 16} <= set(steps.tolist())                      # dense at the start
    even = steps[steps >= tl.stride]
    gaps = np.diff(even)
    assert len(even) >= 15 and gaps.max() <= 2 * tl.stride              # evenly spread afterwards
    assert np.all(np.diff(steps) > 0)


def test_a_rollback_forgets_the_moments_after_it():
    tl = Timeline(10)
    for step in range(0, 50):
        tl.add(step, step / 10, params(step, 10))
    tl.truncate(20)
    assert tl.moments()[-1].step == 20 and all(m.step <= 20 for m in tl.moments())
    tl.add(21, 2.1, params(21, 10))
    assert tl.nearest(100).step == 21 and tl.nearest(3).step == 3


def test_thinned_keeps_ends_and_spreads_evenly():
    from visualizer.core.timeline import Moment

    moments = tuple(Moment(s, s / 10, params(s, 4)) for s in range(0, 1000, 3))
    kept = thinned(moments, 11)
    steps = [m.step for m in kept]
    assert len(kept) == 11 and steps[0] == 0 and steps[-1] == 999
    assert max(np.diff(steps)) - min(np.diff(steps)) <= 6


def test_a_trained_model_file_keeps_a_bounded_timeline(tmp_path):
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(10), 20).astype(np.uint8)
    x = rng.integers(0, 256, (200, 28, 28)).astype(np.uint8)
    data = runsetup.prepare(Dataset("noise", x, y, x[:10], y[:10]), Split("noise", 0.1))
    start = Checkpoint.fresh(NetworkConfig(hidden=(8,)), TrainConfig(epochs=12, batch_size=8), data.split)
    trainer = Trainer.from_checkpoint(start, data)
    tl = Timeline.starting(start)
    for ev in trainer.run():
        tl.observe(ev, trainer.model.params)
    assert tl.moments()[-1].step == trainer.step and len(tl) > FILE_MOMENTS
    save_checkpoint(tmp_path / "m.npz", trainer.checkpoint().replace(timeline=tl.moments()))
    back = load_checkpoint(tmp_path / "m.npz")
    steps = [m.step for m in back.timeline]
    assert len(steps) == FILE_MOMENTS and steps[0] == 0 and steps[-1] == trainer.step
    for m in back.timeline:                                  # float16 copies of the real moments
        np.testing.assert_allclose(m.params, tl.nearest(m.step).params, rtol=1e-3, atol=1e-3)
    assert pack(()) == {}
