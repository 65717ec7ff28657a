"""The last sound state of a run: what a diverged run rolls back to.

``SoundState`` keeps copies of the weights, the optimizer's state and the
counters (step, epochs done, rows of history) from the moment they were last
taken, in the same buffers every time (a backup costs no allocation after the
first). The training loop (``training.Trainer``) decides when to take one
(see its module doc); this module decides what counts as sound:

    finite weights only (weights already NaN or inf are never kept), and
    ``sane(loss)``: at most ln(classes) + 1 (worse than a uniform guess by a
    wide margin otherwise) or at most twice the loss at the previous backup,
    so weights that are still finite but already blowing up are not kept.
"""

from __future__ import annotations

import math

import numpy as np


class SoundState:
    """Copies of a run's weights, optimizer state and counters (see the module doc)."""

    def __init__(self) -> None:
        self.loss = math.inf          # batch loss of the weights kept (inf: unknown)
        # (step, epochs_done, len(history), params copy, optimizer state) of the last sound state
        self._kept: tuple[int, int, int, np.ndarray, dict] | None = None
        self._finite: np.ndarray | None = None   # scratch for the finiteness check

    def clear(self) -> None:
        """Forget the kept state (a new run takes its first backup before its first step)."""
        self._kept = None

    def sane(self, loss: float, n_classes: int) -> bool:
        """Is ``loss`` fit for a rollback point (see the module doc)?"""
        return loss <= max(math.log(n_classes) + 1.0, 2.0 * self.loss)

    def finite(self, params: np.ndarray) -> bool:
        """Are all of ``params`` finite (checked into a scratch buffer: no allocation)?"""
        if self._finite is None or self._finite.shape != params.shape:
            self._finite = np.empty(params.shape, bool)
        return bool(np.isfinite(params, out=self._finite).all())

    def take(self, params: np.ndarray, optimizer, counters: tuple[int, int, int], loss: float = math.inf) -> None:
        """Keep ``params`` (flat), ``optimizer``'s state and ``counters`` (step, epochs done,
        rows of history) as the state to roll back to, unless the weights are not finite."""
        if not self.finite(params):
            return
        self.loss = loss
        if self._kept is None:
            self._kept = (*counters, params.copy(), optimizer.state())
        else:
            saved, opt_state = self._kept[3:]
            np.copyto(saved, params)
            self._kept = (*counters, saved, optimizer.state(into=opt_state))

    def restore(self, params: np.ndarray, optimizer) -> tuple[int, int, int] | None:
        """Copy the kept weights and optimizer state back; the kept counters (None: nothing kept)."""
        if self._kept is None:
            return None
        step, epochs_done, n_history, saved, opt_state = self._kept
        np.copyto(params, saved)
        optimizer.load_state(opt_state)
        return step, epochs_done, n_history
