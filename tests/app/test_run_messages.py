"""One dispatch of a run's messages: the session's run and a twin run handle them alike."""

from __future__ import annotations

import logging
import math
from types import SimpleNamespace

import pytest

from visualizer.app.run_messages import HANDLERS, end_state
from visualizer.app.session import TrainingSession
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.events import BatchEvent, DivergedEvent, FinishedEvent, PausedEvent, SettingsChangedEvent
from visualizer.core.protocol import RunFailed


class Heard:
    """What a receiver said, in order, as (signal, payload)."""

    def __init__(self, receiver) -> None:
        self.said: list[tuple[str, object]] = []
        for name in ("batches", "diverged", "failed", "state_changed"):
            getattr(receiver, name).connect(lambda payload, name=name: self.said.append((name, payload)))


def receivers():
    session = TrainingSession(NetworkConfig(hidden=(8,)), TrainConfig(batch_size=16, epochs=1))
    for r in (session, session.twin):
        r._run = SimpleNamespace(control=SimpleNamespace(paused=True, stop_requested=False))
    return session, session.twin


def feed(receiver, *messages) -> list[tuple[str, object]]:
    heard = Heard(receiver)
    for msg in messages:
        receiver._on_message(msg)
    return heard.said


def test_the_session_and_a_twin_say_the_same_for_the_same_messages(qtbot):
    batch = (BatchEvent(1, 0, 0, 10, 0.1, 2.3, 0.1, 1.0, 16),)
    diverged = DivergedEvent(step=5, epoch=0, loss=math.inf, message="diverged", restored_step=3)
    failed = RunFailed("the trainer ended")
    messages = (batch, PausedEvent(1), SettingsChangedEvent(2, 0.2, (("lr", 0.01),)), diverged, failed)
    session, twin = receivers()
    expected = [("batches", batch), ("state_changed", "paused"), ("state_changed", "diverged"),
                ("diverged", diverged), ("state_changed", "failed"), ("failed", "the trainer ended")]
    assert feed(session, *messages) == expected
    assert feed(twin, *messages) == expected


def test_a_pause_already_lifted_or_a_stop_does_not_say_paused(qtbot):
    for receiver in receivers():
        receiver._run.control.paused = False
        assert feed(receiver, PausedEvent(1)) == []
        receiver._run.control.paused, receiver._run.control.stop_requested = True, True
        assert feed(receiver, PausedEvent(1)) == []


def test_an_unknown_message_is_logged_and_changes_nothing(qtbot, caplog):
    for receiver in receivers():
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            assert feed(receiver, "not a message") == []
        assert "unknown message from the training run" in caplog.text


def test_every_kind_of_message_has_a_handler_in_both_receivers(qtbot):
    for receiver in receivers():
        for kind, name in HANDLERS.items():
            assert callable(getattr(receiver, name)), (type(receiver).__name__, kind)


@pytest.mark.parametrize("reason, state, expected", [
    (None, "running", "failed"),                   # no FinishedEvent: the trainer died
    ("completed", "running", "finished"),
    ("stopped", "paused", "finished"),
    ("diverged", "running", "diverged"),
    ("completed", "diverged", "diverged"),          # it had diverged before it ended
])
def test_the_state_a_run_ends_in(reason, state, expected):
    finished = None if reason is None else FinishedEvent(reason, steps=4, epochs_done=0, seconds=0.1, history=())
    assert end_state(finished, state) == expected
