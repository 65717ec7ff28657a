"""Fine-tuning on the learner's digits through the session's ordinary run machinery.

    runner = FineTuneRun(session)
    runner.start(digits, epochs=3)      # "" when started, else the reason it cannot start
    runner.reported -> FineTuneReport   # the accuracies before and after, when the run has ended

``start`` hands the session a copy of its dataset whose training set also holds
the learner's digits, each repeated so they make about a fifth of every epoch
(``core.finetune.mixed_data``: the core decides and documents the weighting),
sets the epochs to train, and presses Start: the run is an ordinary run, so
Pause and Stop work, the curves and views follow it, and what it trains is
unsaved training the window protects like any other. When the run ends
(finished, stopped or diverged) the session gets its own dataset and epochs
setting back, and the report compares the network before and after on the
learner's digits and on the validation images (``core.finetune.scores_of``),
both computed off the GUI thread. It is refused with a reason while a run is
in progress or a dataset loads, without a dataset of digits, or without
digits of the learner's to train on.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from visualizer.core import finetune
from visualizer.core.errors import VisualizerError

from .i18n import tr
from .tasks import TaskGroup

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FineTuneReport:
    """before, after: ``core.finetune.Scores``; repeats: how often each digit was repeated; how the run
    ended ("completed" | "stopped" | "diverged" | "failed")."""

    before: finetune.Scores
    after: finetune.Scores
    repeats: int
    reason: str


class FineTuneRun(QObject):
    """One fine-tuning at a time on ``session`` (see the module docstring).

    Signals:
        started(int)        the repeats of each digit: a fine-tuning run began
        reported(object)    FineTuneReport: the run ended and both scores are known
        failed(str)         the scores could not be computed (a sentence)
    """

    started = Signal(int)
    reported = Signal(object)
    failed = Signal(str)

    def __init__(self, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.active = False
        self._tasks = TaskGroup()
        self._restore = None                 # (RunData, TrainConfig) to give back at the end
        self._scores: dict[str, finetune.Scores] = {}
        self._digits = None
        self._repeats = 0
        self._reason = ""
        session.finished.connect(self._on_finished)

    def refusal(self, digits) -> str:
        """Why a fine-tuning cannot start now ("" when it can)."""
        s = self.session
        if self.active or s.is_active:
            return tr("A run is in progress: stop it first, then fine-tune.")
        if s.loading or s.data is None:
            return tr("No dataset is loaded yet: wait for it to load.")
        try:
            finetune.check_digits_network(s.data)
        except VisualizerError:
            return tr("This network learned other classes than the digits 0 to 9: choose a dataset of digits.")
        if not len(digits.part(False)[1]):
            return tr("No digits of yours to train on yet: draw some and label them.")
        return ""

    def start(self, digits, epochs: int = finetune.FINE_TUNE_EPOCHS) -> str:
        """Fine-tune on ``digits`` (a ``userdigits.Digits``) for ``epochs``; "" or why not."""
        why = self.refusal(digits)
        if why:
            return why
        s = self.session
        data, train = s.data, s.train_config
        mixed = finetune.mixed_data(data, *digits.part(False))
        self._restore, self._digits, self._scores, self._reason = (data, train), digits, {}, ""
        self._repeats = finetune.repeats(len(data.y_train), len(digits.part(False)[1]))
        self._score("before", s.model_copy(), data, digits)
        s.set_data(mixed)
        s.set_train_config(dataclasses.replace(train, epochs=int(epochs)))
        self.active = True
        if not s.start():
            self._give_back()
            return tr("The fine-tuning run could not start (the status bar says why).")
        self.started.emit(self._repeats)
        return ""

    def _give_back(self) -> None:
        data, train = self._restore
        self.active = False
        self.session.set_data(data)
        self.session.set_train_config(train)

    def _on_finished(self, event) -> None:
        if not self.active:
            return
        self._reason = "failed" if event is None else event.reason
        self._give_back()
        data, _train = self._restore
        self._score("after", self.session.model_copy(), data, self._digits)

    def _score(self, when: str, model, data, digits) -> None:
        def ok(scores) -> None:
            self._scores[when] = scores
            if len(self._scores) == 2 and not self.active:
                self.reported.emit(FineTuneReport(self._scores["before"], self._scores["after"],
                                                  self._repeats, self._reason))

        def error(exc) -> None:
            log.warning("scoring the fine-tuning failed: %s", exc)
            self.failed.emit(tr("Could not measure the accuracy: {error}").format(error=exc))

        self._tasks.start(lambda progress, cancelled: finetune.scores_of(model, data, digits), ok, error)

    def shutdown(self, timeout_s: float = 1.0) -> bool:
        import time

        self._tasks.cancel_all()
        return self._tasks.wait_all(time.monotonic() + timeout_s)
