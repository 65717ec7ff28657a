"""Epochs changed while a run is paused or running: the loop and the schedule re-plan the horizon."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizer.core import schedules
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.control import LIVE_SETTINGS, TrainingControl
from visualizer.core.errors import ConfigError
from visualizer.core.events import BatchEvent, EpochEvent, FinishedEvent, PausedEvent, SettingsChangedEvent
from visualizer.core.network import MLP
from visualizer.core.training import Trainer

NET = NetworkConfig(n_inputs=20, hidden=(8,), n_classes=4)
BATCHES = 10                                   # per epoch: 160 images, batch 16


def blobs(n: int = 160, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.2, 0.8, (4, 20))
    y = rng.integers(0, 4, n)
    return np.clip(centres[y] + rng.normal(0, 0.1, (n, 20)), 0, 1).astype(np.float32), y


def trainer_for(schedule: str, epochs: int = 3, **kw) -> Trainer:
    x, y = blobs()
    cfg = TrainConfig(optimizer="sgd", lr=0.1, schedule=schedule, step_epochs=1, step_gamma=0.5,
                      batch_size=16, epochs=epochs, **kw)
    return Trainer(MLP(NET, np.random.default_rng(0)), cfg, x, y, control=TrainingControl())


def run_with(trainer: Trainer, at_progress: float, act) -> list:
    """Run to the end; when a batch reaches ``at_progress`` epochs, pause, and once paused
    ``act(control)`` (which may change settings), then resume."""
    events, paused = [], False
    for ev in trainer.run():
        events.append(ev)
        if isinstance(ev, BatchEvent) and not paused and ev.progress >= at_progress:
            trainer.control.pause()
            paused = True
        elif isinstance(ev, PausedEvent):
            act(trainer.control)
            trainer.control.resume()
    return events


def lrs_around_the_change(events) -> tuple[list[float], list[float]]:
    i = next(i for i, ev in enumerate(events) if isinstance(ev, SettingsChangedEvent))
    lr = [ev.lr for ev in events if isinstance(ev, BatchEvent)]
    n_before = sum(isinstance(ev, BatchEvent) for ev in events[:i])
    return lr[:n_before], lr[n_before:]


def test_epochs_is_a_live_setting():
    assert "epochs" in LIVE_SETTINGS


@pytest.mark.parametrize("schedule", ["constant", "step", "cosine"])
def test_raising_epochs_while_paused_trains_them_all(schedule):
    trainer = trainer_for(schedule, epochs=3)
    events = run_with(trainer, 1.5, lambda control: control.change(epochs=5))
    epochs = [ev for ev in events if isinstance(ev, EpochEvent)]
    finished = events[-1]
    assert isinstance(finished, FinishedEvent) and finished.reason == "completed"
    assert len(epochs) == 5 and finished.epochs_done == 5 and trainer.epochs_done == 5
    assert sum(isinstance(ev, BatchEvent) for ev in events) == 5 * BATCHES
    [changed] = [ev for ev in events if isinstance(ev, SettingsChangedEvent)]
    assert changed.changes == (("epochs", 5),) and changed.progress == pytest.approx(1.5)
    assert trainer.config.epochs == 5                      # a saved checkpoint records the new plan


def test_step_decay_keeps_its_steps_and_a_longer_run_takes_more_of_them():
    trainer = trainer_for("step", epochs=3)
    events = run_with(trainer, 1.5, lambda control: control.change(epochs=5))
    batches = [ev for ev in events if isinstance(ev, BatchEvent)]
    # the rate of a batch is set at its start: 0.1 * 0.5 ** floor(epochs before it)
    expected = [0.1 * 0.5 ** math.floor((ev.progress - 1 / BATCHES) + 1e-9) for ev in batches]
    assert [ev.lr for ev in batches] == pytest.approx(expected)
    assert batches[-1].lr == pytest.approx(0.1 * 0.5 ** 4)


def test_cosine_goes_on_from_the_rate_it_reached_and_ends_at_zero_on_the_new_horizon():
    trainer = trainer_for("cosine", epochs=3)
    events = run_with(trainer, 1.5, lambda control: control.change(epochs=5))
    before, after = lrs_around_the_change(events)
    three = TrainConfig(schedule="cosine", epochs=3)
    assert after[0] == pytest.approx(schedules.learning_rate(three, 0.1, 1.5, 3))   # no jump at the change
    assert after[0] == pytest.approx(0.05)                 # (half way down the 3-epoch curve)
    assert 0 < after[0] - after[1] < before[-2] - before[-1]   # then it falls more gently
    assert all(a > b for a, b in zip(after, after[1:]))    # falling all the way...
    # changed at 1.5 epochs, half way down the 3-epoch cosine: the other half now spans 3.5
    # epochs; the last batch starts at 4.9
    assert after[-1] == pytest.approx(0.1 * 0.5 * (1 + math.cos(math.pi * (0.5 + 0.5 * 3.4 / 3.5))))
    # (the plain cosine of a 5-epoch run would have jumped up to 0.079 from 0.055 here)
    assert schedules.learning_rate(trainer.config, 0.1, 1.5, 5) > 1.4 * before[-1]


def test_lowering_epochs_below_those_begun_is_refused_and_nothing_changes():
    trainer = trainer_for("cosine", epochs=4)
    refused = []

    def lower(control):
        with pytest.raises(ConfigError, match=r"epochs: this run has already begun epoch 2 .* choose 2 or more"):
            control.change(epochs=1)
        refused.append(True)
        control.change(epochs=2)                           # the epoch under way may be the last

    events = run_with(trainer, 1.5, lower)
    assert refused and trainer.epochs_done == 2
    assert [ev.epochs_done for ev in events if isinstance(ev, EpochEvent)] == [1, 2]


def test_epochs_changed_while_running_apply_between_two_batches():
    trainer = trainer_for("constant", epochs=2)
    events = []
    for ev in trainer.run():
        events.append(ev)
        if isinstance(ev, BatchEvent) and ev.step == 3:
            trainer.control.change(epochs=3)
    assert trainer.epochs_done == 3 and isinstance(events[-1], FinishedEvent)
    with pytest.raises(ConfigError, match="whole number"):
        trainer.control.change(epochs=2.5)


def test_the_replanned_cosine_is_continuous_and_the_plain_one_is_untouched():
    assert schedules.cosine_phase(2.0, 4.0) == 0.5
    anchor = schedules.replan(2.0, 4.0)                    # half way, then 8 epochs instead of 4
    assert anchor == (2.0, 0.5)
    assert schedules.cosine_phase(2.0, 8.0, anchor) == 0.5
    assert schedules.cosine_phase(5.0, 8.0, anchor) == pytest.approx(0.75)
    assert schedules.cosine_phase(8.0, 8.0, anchor) == 1.0
    assert schedules.cosine_phase(3.0, 2.0, anchor) == 1.0  # a horizon already passed: the end
