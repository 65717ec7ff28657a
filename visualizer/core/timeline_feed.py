"""The weights a training run sends for its receiver's timeline, a few times a second.

A run with a ``timeline_budget`` (``core.protocol.RunSpec``) keeps, between two
sends, a copy of the weights at every step a ``Timeline`` of that budget wants
(``TimelineFeed.batch``), and sends the copies that such a timeline would still
keep as one ``Moments`` message (``take``): at most every
``MOMENT_INTERVAL_S`` seconds at full speed, with every batch at a watching
speed, and before a pause, a rollback and the end. Copies the timeline has
thinned away by then are never sent, so a run at full speed sends little more
than the copies its timeline keeps, not one per step. The feed follows the
wanted steps with a ``Timeline`` that keeps no weights; the receiver's own
timeline (same budget, same steps) keeps them.
"""

from __future__ import annotations

import time

import numpy as np

from .timeline import Moment, Timeline

MOMENT_INTERVAL_S = 1.0
_NO_PARAMS = np.zeros(0, np.float32)      # what the feed's own timeline keeps of each moment


class TimelineFeed:
    """See the module doc. One owner: the training loop's consumer (``core.serve.pump``)."""

    def __init__(self, ckpt, budget: int, kept: tuple[int, ...] | None = None) -> None:
        """Follow the steps a timeline of ``budget`` wants after ``ckpt`` (a ``Checkpoint``),
        which kept the steps ``kept`` before it (default: those of ``ckpt.timeline``)."""
        self.steps = Timeline(ckpt.n_params, budget)
        for step in (kept if kept else [m.step for m in ckpt.timeline]):
            if step < ckpt.step:
                self.steps.add(step, 0.0, _NO_PARAMS)
        self.steps.add(ckpt.step, float(ckpt.epochs_done), _NO_PARAMS)
        self._unsent: dict[int, Moment] = {}
        self.sent_at = time.monotonic()

    def batch(self, step: int, epochs: float, params: np.ndarray) -> None:
        """After the batch of ``step``: copy ``params`` (n_params,) when the timeline wants it."""
        if not self.steps.wants(step):
            return
        self.steps.add(step, epochs, _NO_PARAMS)
        copy = np.array(params, dtype=np.float32, copy=True)       # (n_params,)
        copy.flags.writeable = False
        self._unsent[step] = Moment(int(step), float(epochs), copy)
        self._prune()

    def rollback(self, step: int) -> None:
        """The run went back to ``step``: forget what came after it."""
        self.steps.truncate(step)
        self._prune()

    def take(self) -> tuple[Moment, ...]:
        """The copies not sent yet that the timeline still keeps, oldest first (then forgotten)."""
        unsent, self._unsent = self._unsent, {}
        self.sent_at = time.monotonic()
        return tuple(unsent[s] for s in sorted(unsent))

    def due(self, now: float) -> bool:
        return bool(self._unsent) and now - self.sent_at >= MOMENT_INTERVAL_S

    def _prune(self) -> None:
        kept = {m.step for m in self.steps.moments()}
        if any(s not in kept for s in self._unsent):
            self._unsent = {s: m for s, m in self._unsent.items() if s in kept}
