"""A run's timeline: copies of the network at moments spread over the whole run.

The timeline keeps the parameters at chosen global steps, within a memory
budget, so every view can be moved back to any kept moment and a model file
can carry its history. Which steps are kept:

- the early steps, at doubling distances (1, 2, 4, 8, ... batches: where the
  network changes fastest, a learner wants to see it most closely),
- an even spread over the whole run: every ``stride`` steps, where ``stride``
  starts at 1 and doubles whenever the even moments would overflow their share
  of the budget (every other even moment is then dropped, so those that stay are
  still evenly spaced),
- always the first moment (the weights before training) and the latest one.

``Timeline.wants(step)`` is a cheap test the training loop calls after every
step; only then are the parameters copied (``add``). The moments are read-only
and immutable; ``thinned(n)`` gives an evenly chosen subset (a model file keeps
at most ``FILE_MOMENTS``, stored as float16: ``pack`` / ``unpack``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .events import BatchEvent, DivergedEvent, FinishedEvent

DEFAULT_BUDGET = 64 * 2**20      # bytes of parameters a run's timeline may hold in memory
FILE_MOMENTS = 24                # moments a model file keeps at most
FILE_BUDGET = 8 * 2**20          # bytes a model file's timeline may take at most (float16 copies)


@dataclass(frozen=True)
class Moment:
    """The network at one global step: params (n_params,) float32 read-only, in ``MLP.params``'s
    layout; ``epochs`` the fractional epochs trained (e.g. 2.5: half-way through the third)."""

    step: int
    epochs: float
    params: np.ndarray


def _frozen(params: np.ndarray, dtype=np.float32) -> np.ndarray:
    a = np.array(params, dtype=dtype, copy=True)
    a.flags.writeable = False
    return a


class Timeline:
    """Moments of one network's training, within ``budget`` bytes (see the module doc).

    Not thread-safe: one owner (the training loop, or the session on the GUI thread) adds.
    """

    def __init__(self, n_params: int, budget: int = DEFAULT_BUDGET) -> None:
        self.n_params = int(n_params)
        self.budget = int(budget)
        self.capacity = max(4, self.budget // max(1, 4 * self.n_params))   # moments that fit
        self._early: dict[int, Moment] = {}       # powers of two (and step 0)
        self._even: dict[int, Moment] = {}        # multiples of the stride
        self._latest: Moment | None = None
        self._last_batch = (-1, 0.0)              # (step, fractional epochs) of the latest batch seen
        self.stride = 1

    # -- recording ---------------------------------------------------------------------------
    def wants(self, step: int) -> bool:
        """Should the parameters at ``step`` be kept (besides as the latest)?"""
        return (step & (step - 1)) == 0 or step % self.stride == 0

    def add(self, step: int, epochs: float, params: np.ndarray) -> None:
        """Keep a copy of ``params`` (n_params,) at ``step`` (steps only grow, except after a
        rollback: moments beyond ``step`` are then forgotten)."""
        if self._latest is not None and step < self._latest.step:
            self.truncate(step)
        moment = Moment(int(step), float(epochs), _frozen(params))
        self._latest = moment
        if (step & (step - 1)) == 0 and len(self._early) < self.capacity // 2:   # 0, 1, 2, 4, ...
            self._early[step] = moment
        if step % self.stride == 0:
            self._even[step] = moment
            while len(self._early.keys() | self._even.keys()) > self.capacity - 1 and len(self._even) > 2:
                self.stride *= 2
                self._even = {s: m for s, m in self._even.items() if s % self.stride == 0}

    def truncate(self, step: int) -> None:
        """Forget the moments after ``step`` (the run rolled back to it)."""
        self._early = {s: m for s, m in self._early.items() if s <= step}
        self._even = {s: m for s, m in self._even.items() if s <= step}
        self._latest = None
        kept = self.moments()
        self._latest = kept[-1] if kept else None

    @classmethod
    def starting(cls, ckpt, budget: int = DEFAULT_BUDGET) -> "Timeline":
        """A timeline that goes on from ``ckpt`` (a ``Checkpoint``): its kept moments, then its
        current weights."""
        tl = cls(ckpt.n_params, budget)
        for m in ckpt.timeline:
            if m.step < ckpt.step:
                tl.add(m.step, m.epochs, m.params)
        tl.add(ckpt.step, float(ckpt.epochs_done), ckpt.params)
        return tl

    def observe(self, event, params: np.ndarray) -> None:
        """Follow the training loop: ``event`` as ``Trainer.run()`` yielded it, ``params`` the
        model's parameters right then (a batch's step is kept when wanted, a rollback forgets
        what came after it, the end of a run is kept as the latest moment)."""
        kind = type(event)
        if kind is BatchEvent:
            self._last_batch = (event.step, event.progress)
            if self.wants(event.step):
                self.add(event.step, event.progress, params)
        elif kind is DivergedEvent:
            self.truncate(event.restored_step)
        elif kind is FinishedEvent and (self._latest is None or self._latest.step != event.steps):
            step, progress = self._last_batch
            self.add(event.steps, progress if step == event.steps else float(event.epochs_done), params)

    # -- reading -----------------------------------------------------------------------------
    def moments(self) -> tuple[Moment, ...]:
        """Every kept moment, oldest first (the latest included)."""
        by_step = {**self._early, **self._even}
        if self._latest is not None:
            by_step[self._latest.step] = self._latest
        return tuple(by_step[s] for s in sorted(by_step))

    @property
    def nbytes(self) -> int:
        return sum(m.params.nbytes for m in self.moments())

    def __len__(self) -> int:
        return len(self.moments())

    def nearest(self, step: int) -> Moment:
        """The kept moment whose step is nearest to ``step`` (the earlier one on a tie)."""
        moments = self.moments()
        if not moments:
            raise LookupError("the timeline is empty")
        return min(moments, key=lambda m: (abs(m.step - step), m.step))


def thinned(moments: tuple[Moment, ...], n: int) -> tuple[Moment, ...]:
    """At most ``n`` of ``moments`` (n >= 2), evenly chosen by step, first and last kept."""
    if len(moments) <= n:
        return tuple(moments)
    steps = np.array([m.step for m in moments], dtype=np.float64)
    targets = np.linspace(steps[0], steps[-1], n)
    chosen: list[int] = []
    for t in targets:                               # nearest unused moment to each even target
        order = np.argsort(np.abs(steps - t), kind="stable")
        chosen.append(next(int(i) for i in order if int(i) not in chosen))
    return tuple(moments[i] for i in sorted(chosen))


def pack(moments: tuple[Moment, ...], *, max_moments: int = FILE_MOMENTS,
         max_bytes: int = FILE_BUDGET) -> dict[str, np.ndarray]:
    """The arrays a model file keeps: ``timeline_steps`` (T,) int64, ``timeline_epochs`` (T,)
    float64 and ``timeline_params`` (T, n_params) float16, T within both bounds."""
    if not moments:
        return {}
    per = moments[0].params.size * 2
    keep = thinned(moments, max(2, min(max_moments, max_bytes // max(per, 1))))
    return {"timeline_steps": np.array([m.step for m in keep], np.int64),
            "timeline_epochs": np.array([m.epochs for m in keep], np.float64),
            "timeline_params": np.stack([m.params.astype(np.float16) for m in keep])}


def unpack(steps: np.ndarray, epochs: np.ndarray, params: np.ndarray) -> tuple[Moment, ...]:
    """Moments back from ``pack``'s arrays (float16 copies widened to float32)."""
    return tuple(Moment(int(s), float(e), _frozen(p)) for s, e, p in zip(steps, epochs, params))
