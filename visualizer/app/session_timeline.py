"""The session's timeline: the model's kept moments, for scrubbing and for its file.

``SessionTimeline`` (a QObject without widgets, owned by ``TrainingSession`` as
``session.timeline``) holds a ``core.timeline.Timeline`` of the session's
network within ``budget`` bytes (default ``LIVE_BUDGET``, 16 MB: every kept
moment crosses the pipe from the training process, a fixed cost of each run at
full speed; ``benchmarks/timeline_moments.py`` measures it: on the embedded digits
64 MB cost a 6-epoch run 20-30% more CPU time than none, 16 MB 2-8%). A run sends
the weights of every step such a timeline wants (``RunSpec.timeline_budget``, see
``core.timeline_feed``): they arrive here in ``Moments`` messages; the run's end adds
its checkpoint as the latest moment; a rollback forgets what came after it. A
model reset or opened from a file starts again from that checkpoint's own
timeline. What is saved with the model is ``earlier(step)`` (the file thins it,
``core.timeline.pack``).

``snapshot_at`` turns a kept moment into the ``NetworkSnapshot`` every view
renders, computed by the core's ``take_snapshot``: the views show a moment with
the same code that shows the live network.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from visualizer.core.timeline import Moment, Timeline

LIVE_BUDGET = 16 * 2**20     # bytes: ~38 moments of 784-128-64-10 (float32)


class SessionTimeline(QObject):
    """See the module doc. Lives on the GUI thread; one owner adds."""

    #: tuple[Moment, ...]: the kept moments changed (oldest first; the latest included)
    changed = Signal(object)

    def __init__(self, budget: int = LIVE_BUDGET, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._budget = int(budget)
        self._tl: Timeline | None = None

    @property
    def budget(self) -> int:
        """Bytes of weights the timeline may hold; a new budget keeps what fits of the moments."""
        return self._budget

    @budget.setter
    def budget(self, value: int) -> None:
        self._budget = int(value)
        if self._tl is not None:
            old, self._tl = self._tl.moments(), Timeline(self._tl.n_params, self._budget)
            for m in old:
                self._tl.add(m.step, m.epochs, m.params)
            self._emit()

    def restart(self, ckpt) -> None:
        """Start again from ``ckpt`` (a ``Checkpoint``): its kept moments, then its weights."""
        self._tl = Timeline.starting(ckpt, self.budget)
        self._emit()

    def follow(self, ckpt) -> None:
        """Before a run from ``ckpt``: go on when the latest kept moment is ``ckpt``'s step,
        else start again from it."""
        moments = self.moments()
        if self._tl is None or not moments or moments[-1].step != ckpt.step:
            self.restart(ckpt)

    def add(self, *moments: Moment) -> None:
        """Moments a run sent, oldest first (a step before the latest forgets the moments after it)."""
        for moment in moments:
            if self._tl is None:
                self._tl = Timeline(moment.params.size, self.budget)
            self._tl.add(moment.step, moment.epochs, moment.params)
        if moments:
            self._emit()

    def end(self, ckpt) -> None:
        """The run ended at ``ckpt``: its weights are the latest moment."""
        if self._tl is None or self._tl.n_params != ckpt.n_params:
            self.restart(ckpt)
            return
        self._tl.add(ckpt.step, float(ckpt.epochs_done), ckpt.params)
        self._emit()

    def truncate(self, step: int) -> None:
        """The run rolled back to ``step``: forget the moments after it."""
        if self._tl is not None:
            self._tl.truncate(step)
            self._emit()

    def moments(self) -> tuple[Moment, ...]:
        return self._tl.moments() if self._tl is not None else ()

    def earlier(self, step: int) -> tuple[Moment, ...]:
        """The kept moments before ``step`` (what a model file at ``step`` keeps of its run)."""
        return tuple(m for m in self.moments() if m.step < step)

    @property
    def nbytes(self) -> int:
        return self._tl.nbytes if self._tl is not None else 0

    def _emit(self) -> None:
        self.changed.emit(self.moments())


def snapshot_at(moment: Moment, network, probe=None):
    """The ``NetworkSnapshot`` of ``moment`` for a network of ``network`` (a ``NetworkConfig``),
    with ``probe`` (784,) traced through it (or None)."""
    from visualizer.core.checkpoint import Checkpoint, Split
    from visualizer.core.config import TrainConfig
    from visualizer.core.snapshot import take_snapshot

    model = Checkpoint(network, TrainConfig(), moment.params, Split("", 0.0)).model()
    return take_snapshot(model, step=moment.step, progress=moment.epochs, epochs_done=int(moment.epochs),
                         probe=probe)
