"""What a training run says and hears: one protocol for a child process and a thread alike.

The app trains through ``core.serve.serve``, the loop at the other end of two
one-way pipes (``core.remote``): in a child process, or, as a fallback, in a
thread of the app's own process. Both speak this protocol, so there is one code
path. Every message is an immutable object of the core; what goes to the
trainer is defined here, what comes back is mostly the training loop's own
events, batched and throttled by ``core.serve.pump``.

To the trainer (commands, in the order they were sent):

    LoadData      a dataset, kept under ``token`` until another one replaces it
    RunSpec       train ``checkpoint`` (its network, settings, weights, counters) on the
                  data of ``data_token``; carries the probe and the throttling intervals
    Steer         pause | resume | step | stop | change (live settings), between two batches
    SetSpeed      batches per second (None: as fast as it goes), from the next batch on
    SetProbe      the input whose trace the snapshots carry (None: none)
    Quit          end the serve loop (closing the pipe does the same)

From the trainer, for each ``RunSpec`` (arrays arrive writeable from a pipe: the
receiver ``freeze``s them, so what reaches the window is read-only):

    tuple[BatchEvent, ...]   the batches trained since the last such message, at most
                             every ``batch_interval`` seconds and before any other event
    EpochEvent, SettingsChangedEvent, PausedEvent, DivergedEvent
                             as the training loop yields them (a ``BatchEvent`` carries the
                             step's gradient norms every few steps: ``core.steprecord``)
    StepDetailEvent          after a single step taken while paused: the batch it trained on,
                             its per-example losses and norms (read-only arrays)
    NetworkSnapshot          at most every ``snapshot_interval`` seconds, on pause and at the
                             end, with the probe's trace
    Moments                  weights of steps the run's timeline keeps (only when the ``RunSpec``
                             has a ``timeline_budget``; ``core.timeline_feed``), about once a second
    RunFailed                why the run could not go on (one readable sentence)
    RunResult                always last: the ``FinishedEvent`` (None after a failure) and the
                             run's end as a ``Checkpoint``
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from .checkpoint import Checkpoint
from .events import FinishedEvent

STEER_ACTIONS = ("pause", "resume", "step", "stop", "change")


@dataclass(frozen=True)
class LoadData:
    """A dataset for the trainer to keep (see ``runsetup.RunData`` for the arrays).

    inputs_train (N_tr, 784) float32, y_train (N_tr,) integer labels;
    inputs_val (N_val, 784) float32 and y_val (N_val,), N_val = 0 when nothing is held out.
    """

    token: int
    inputs_train: np.ndarray
    y_train: np.ndarray
    inputs_val: np.ndarray
    y_val: np.ndarray

    @classmethod
    def of(cls, token: int, data) -> "LoadData":
        """The arrays of a ``runsetup.RunData`` under ``token``."""
        return cls(token, data.inputs_train, data.y_train, data.inputs_val, data.y_val)

    @property
    def validation(self) -> tuple[np.ndarray | None, np.ndarray | None]:
        """(inputs_val, y_val) for ``Trainer``, or (None, None) when nothing is held out."""
        return (self.inputs_val, self.y_val) if len(self.y_val) else (None, None)


@dataclass(frozen=True)
class RunSpec:
    """Train ``checkpoint`` for ``checkpoint.train.epochs`` more epochs on ``data_token``'s data.

    The run draws its batches from ``checkpoint.run_rng()`` and starts paused when
    ``paused``, then trains ``steps`` single batches; ``probe`` (784,) float32 or None is
    traced into every snapshot. ``speed`` is the pace in batches per second (None: full
    speed; at ``pace.EVERY_BATCH_SPEED`` or slower every batch sends a snapshot);
    ``timeline_budget`` > 0 sends the weights of the steps a ``Timeline`` of that budget
    keeps (``Moments``); ``timeline_steps`` are the steps the receiver's timeline kept before
    the run (default: those of ``checkpoint.timeline``).
    """

    checkpoint: Checkpoint
    data_token: int
    probe: np.ndarray | None = None
    paused: bool = False
    steps: int = 0
    batch_interval: float = 0.05
    snapshot_interval: float = 0.25
    speed: float | None = None
    timeline_budget: int = 0
    timeline_steps: tuple[int, ...] = ()


@dataclass(frozen=True)
class Steer:
    """A request for the running loop: ``action`` in ``STEER_ACTIONS``; ``settings`` only with
    "change", e.g. (("lr", 0.01),)."""

    action: str
    settings: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class SetSpeed:
    """The pace of the active run: ``batches_per_second`` > 0, or None for full speed."""

    batches_per_second: float | None


@dataclass(frozen=True)
class SetProbe:
    """The probe input (784,) float32, or None."""

    x: np.ndarray | None


@dataclass(frozen=True)
class Quit:
    """End the serve loop (a run in progress is stopped first)."""


@dataclass(frozen=True)
class Moments:
    """Kept moments of the run (``timeline.Moment``), oldest first, for the receiver's timeline."""

    moments: tuple


@dataclass(frozen=True)
class RunFailed:
    """The run could not go on: ``message`` says why in one sentence."""

    message: str


@dataclass(frozen=True)
class RunResult:
    """The end of a run: ``finished`` (None when it failed) and where it left the network.

    ``checkpoint`` is the trainer's ``checkpoint()`` at the end (the one sent, when the run
    never began); None only when the trainer died without saying (made by the receiver).
    """

    finished: FinishedEvent | None
    checkpoint: Checkpoint | None


def freeze(obj: Any) -> Any:
    """Make every NumPy array in ``obj`` read-only, in place (dataclasses, tuples, lists,
    dicts are walked); returns ``obj``. Unpickled arrays are writeable: this restores
    the immutability the sender's objects had."""
    if isinstance(obj, np.ndarray):
        obj.flags.writeable = False
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            freeze(getattr(obj, f.name))
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            freeze(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            freeze(item)
    return obj
