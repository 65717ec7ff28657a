"""StatusModel: what the status bar says, driven without Qt by a fake clock."""

from __future__ import annotations

import math

import pytest

from visualizer.app.status import StatusModel, StatusView, duration
from visualizer.core.events import BatchEvent, FinishedEvent


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def batch(step: int, bpe: int = 10, size: int = 50) -> BatchEvent:
    epoch, b = divmod(step - 1, bpe)
    return BatchEvent(step=step, epoch=epoch, batch=b + 1, batches_per_epoch=bpe, progress=epoch + (b + 1) / bpe,
                      loss=0.5, accuracy=0.9, lr=1e-3, batch_size=size)


class Epoch:
    """The EpochEvent fields the model reads."""

    def __init__(self, epochs_done: int, val_accuracy: float = 0.9, val_loss: float = 0.3) -> None:
        self.epochs_done, self.val_accuracy, self.val_loss = epochs_done, val_accuracy, val_loss
        self.train_accuracy = 0.95


def finished(epochs_done: int, reason: str = "completed", seconds: float = 0.3) -> FinishedEvent:
    return FinishedEvent(reason=reason, steps=epochs_done * 10, epochs_done=epochs_done, seconds=seconds,
                         history=())


def run(model: StatusModel, clock: Clock, epochs_done: int, epochs: int, seconds_per_batch: float = 0.1) -> None:
    model.set_state("running")
    model.begin_run(epochs_done, epochs)
    step = epochs_done * 10
    for _ in range(epochs):
        for _ in range(10):
            step += 1
            clock.t += seconds_per_batch
            model.add_batches((batch(step),))
        model.end_epoch(Epoch(step // 10))


def test_progress_speed_and_time_left_while_running():
    clock = Clock()
    m = StatusModel(clock)
    m.set_state("running")
    m.begin_run(0, 4)
    for step in range(1, 16):                     # 1.5 epochs at 500 images/s
        clock.t += 0.1
        m.add_batches((batch(step),))
    m.end_epoch(Epoch(1, 0.875, 0.4))
    v = m.view()
    assert (v.epoch_low, v.epoch_value, v.epoch_high) == (0, 1, 4)
    assert (v.batch_value, v.batch_high) == (5, 10)
    assert v.rate_text == "500 images/s"
    assert v.eta_text == f"ETA {duration(2.5 * 10 * 50 / 500)}"      # 2.5 epochs left
    assert v.metric_text.startswith("Validation accuracy 87.5%")


def test_reset_or_a_new_architecture_clears_everything_about_the_old_run():
    clock = Clock()
    m = StatusModel(clock)
    run(m, clock, 0, 3)
    m.set_state("finished")
    m.finish(finished(3))
    assert m.view().metric_text and m.view().epoch_format != "Epoch –"
    m.clear()
    m.set_state("idle")
    assert m.view() == StatusView()                 # no accuracy, speed, epoch or batch of the old network


def test_continue_counts_the_epochs_of_this_run_and_shows_the_network_epoch():
    clock = Clock()
    m = StatusModel(clock)
    run(m, clock, 0, 5)
    m.set_state("finished")
    assert m.finish(finished(5)) == "Finished 5 epochs in 5.0 s."
    run(m, clock, 5, 5)                              # Continue: 5 more
    v = m.view()
    assert (v.epoch_low, v.epoch_value, v.epoch_high) == (5, 10, 10)   # "Epoch 10 / 10", the network's epoch
    m.set_state("finished")
    assert m.finish(finished(10, seconds=0.3)) == "Finished 5 more epochs in 5.0 s (10 in all)."


def test_time_spent_paused_counts_neither_in_the_duration_nor_in_the_speed():
    clock = Clock()
    m = StatusModel(clock)
    m.set_state("running")
    m.begin_run(0, 1)
    for step in range(1, 6):
        clock.t += 0.5
        m.add_batches((batch(step),))
    m.set_state("paused")
    clock.t += 60.0                                  # a minute's pause
    assert m.view().eta_text == ""                   # no time left while paused...
    assert m.view().rate_text == "100 images/s"      # ... but the speed it trained at
    m.set_state("running")
    for step in range(6, 11):
        clock.t += 0.5
        m.add_batches((batch(step),))
    assert m.rate() == pytest.approx(100.0)          # 50 images per 0.5 s, the pause not counted
    m.end_epoch(Epoch(1))
    m.set_state("finished")
    assert m.run_seconds == pytest.approx(5.0)
    assert m.finish(finished(1, seconds=65.0)) == "Finished 1 epoch in 5.0 s."


def test_stopped_or_crashed_runs_say_nothing_and_no_validation_shows_training_accuracy():
    clock = Clock()
    m = StatusModel(clock)
    run(m, clock, 0, 1)
    assert m.finish(finished(1, reason="stopped")) == ""
    assert m.finish(None) == ""
    ev = Epoch(2, val_accuracy=math.nan, val_loss=math.nan)
    m.end_epoch(ev)
    assert m.view().metric_text == "Training accuracy 95.0%"
    m.evaluated(0.25, 0.5)
    assert m.view().metric_text.startswith("Validation accuracy 50.0%")


@pytest.mark.parametrize("seconds, text", [(3.21, "3.2 s"), (42.4, "42 s"), (125, "2 min 05 s"),
                                           (3725, "1 h 02 min"), (math.inf, "–")])
def test_duration(seconds, text):
    assert duration(seconds) == text
