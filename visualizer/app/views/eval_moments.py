"""Evaluations of the timeline's kept moments, off the GUI thread, cached and newest first.

``MomentEvaluator`` scores the network of a kept moment (a ``NetworkSnapshot``
of its weights, ``session_timeline.snapshot_at``) on a labelled image set with
``evaluation_view.evaluate_snapshot`` (``core.evaluation.evaluate``, what the
command line's ``evaluate --at-step`` and the training loop use). Results are
kept per (moment step, set name) until ``clear``; while one evaluation runs,
only the newest request waits (dragging the time slider asks for many moments,
only the last one matters).

Signals:
    evaluated(object)   EvalResult of the moment last requested
    failed(str)         why an evaluation failed
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Signal

from ..i18n import tr
from ..tasks import TaskGroup
from .eval_result import EvalResult

CACHED = 32              # results kept (a timeline keeps about 40 moments)


def moment_title(snapshot) -> str:
    """How a result names its moment, e.g. "at step 1,240 · epoch 2.3"."""
    return tr("at step {step:,} \u00b7 epoch {epochs:.1f}").format(step=snapshot.step, epochs=snapshot.progress)


class MomentEvaluator(QObject):
    """See the module doc."""

    evaluated = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[int, str], EvalResult] = {}
        self._tasks = TaskGroup()
        self._running: tuple[int, str] | None = None
        self._wanted = None                  # (key, work) requested while another runs
        self._latest: tuple[int, str] | None = None
        self._generation = 0
        self.runs = 0                        # evaluations started (tests)

    def request(self, snapshot, images: np.ndarray, labels: np.ndarray, names, set_name: str) -> None:
        """Evaluate ``snapshot``'s weights on ``images`` (N, 28, 28) uint8 with ``labels`` (N,); the
        result arrives through ``evaluated`` (at once when cached)."""
        key = (int(snapshot.step), set_name)
        self._latest = key
        cached = self._cache.get(key)
        if cached is not None:
            self._wanted = None
            self.evaluated.emit(cached)
            return
        title = moment_title(snapshot)

        def work(progress, cancelled):
            from .evaluation_view import evaluate_snapshot
            preds, conf = evaluate_snapshot(snapshot, images, labels, cancelled=cancelled)
            return EvalResult(images, np.asarray(labels), preds, conf, tuple(names), set_name, title)

        self._wanted = (key, work)
        if self._running is None:
            self._start()

    def cached(self, step: int, set_name: str) -> EvalResult | None:
        return self._cache.get((int(step), set_name))

    def clear(self) -> None:
        """Forget every result (another model or other data); an evaluation under way no longer counts."""
        self._generation += 1
        self._cache.clear()
        self._wanted = None
        self._latest = None
        self._tasks.cancel_all()

    def shutdown(self, timeout_s: float = 1.0) -> bool:
        self._wanted = None
        self._tasks.cancel_all()
        return self._tasks.wait_all(time.monotonic() + timeout_s)

    @property
    def busy(self) -> bool:
        return self._running is not None

    def _start(self) -> None:
        (key, work), self._wanted = self._wanted, None
        generation = self._generation
        self._running = key
        self.runs += 1
        self._tasks.start(lambda p, c: (generation, key, work(p, c)), self._on_result, self._on_error)

    def _on_result(self, outcome) -> None:
        generation, key, result = outcome
        self._running = None
        if generation == self._generation:
            self._cache[key] = result
            while len(self._cache) > CACHED:
                self._cache.pop(next(iter(self._cache)))
            if key == self._latest:
                self.evaluated.emit(result)
        self._next()

    def _on_error(self, exc) -> None:
        self._running = None
        if str(exc) != "cancelled":
            self.failed.emit(str(exc))
        self._next()

    def _next(self) -> None:
        if self._wanted is not None:
            self._start()
