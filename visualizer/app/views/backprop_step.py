""""Take one step" on the probe and "Undo step": the update applied to the session's model.

The step is ``core.update.take_step`` on the session's ``Checkpoint`` (the
training loop's gradient and optimizer, from its real state); the session then
holds the new checkpoint (``TrainingSession.apply_checkpoint``). Undoing gives
the session back the checkpoint from before the step, the very object, so the
weights and the optimizer state return bit for bit. Both are refused, with the
reason in the panel, while a run is in progress (its trainer owns the weights)
and when the model changed since the step.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visualizer.core.errors import VisualizerError
from visualizer.core.update import StepResult, take_step

from ..i18n import tr
from .pad_widgets import ProbabilityBars

MINUS = "\u2212"


class StepPanel(QWidget):
    """The two buttons, the reason for a refusal, and the probabilities before | after."""

    #: StepResult | None: a step was taken (its result) or undone (None)
    stepped = Signal(object)

    def __init__(self, session, example: Callable[[], tuple[np.ndarray, int, str] | None], parent=None):
        super().__init__(parent)
        self.session = session
        self._example = example             # () -> (x (784,), target, "what it is") or None
        self.result: StepResult | None = None
        self.take_button = QPushButton(tr("Take one step"))
        self.take_button.setToolTip(tr("Apply one optimizer step from this example and target to the model"))
        self.undo_button = QPushButton(tr("Undo step"))
        self.undo_button.setToolTip(tr("Restore the model exactly as it was before the step"))
        self.undo_button.setEnabled(False)
        self.take_button.clicked.connect(self.take_step)
        self.undo_button.clicked.connect(self.undo_step)
        self.message = QLabel(tr("One step of the optimizer on this example alone, applied to the model."))
        self.message.setWordWrap(True)
        self.before, self.after = ProbabilityBars(), ProbabilityBars()
        self.before_label, self.after_label = QLabel(tr("before")), QLabel(tr("after"))
        for bars in (self.before, self.after):
            bars.setMinimumHeight(80)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        compare = QGridLayout()
        compare.addWidget(self.before_label, 0, 0)
        compare.addWidget(self.after_label, 0, 1)
        compare.addWidget(self.before, 1, 0)
        compare.addWidget(self.after, 1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        lay.addLayout(compare)
        session.state_changed.connect(self._on_state)

    def refusal(self) -> str:
        """Why a step cannot be taken or undone now ("" when it can)."""
        if self.session.is_active:
            return tr("A run is in progress: its trainer owns the weights. Stop it (or let it finish), "
                      "then take the step.")
        return ""

    def take_step(self) -> bool:
        """One step on the current example; False (and the reason shown) when refused."""
        reason = self.refusal()
        example = self._example()
        if not reason and example is None:
            reason = tr("No example to learn from: draw a digit or choose an image first.")
        if reason:
            self.message.setText(reason)
            return False
        x, target, what = example
        try:
            result = take_step(self.session.checkpoint, x, target)
            self.session.apply_checkpoint(result.after, "take one step")
        except VisualizerError as exc:
            self.message.setText(str(exc))
            return False
        self.result = result
        self._show(result, what)
        self.undo_button.setEnabled(True)
        self.stepped.emit(result)
        return True

    def undo_step(self) -> bool:
        """Give the session back the checkpoint from before the step; False when refused."""
        result = self.result
        reason = self.refusal()
        if not reason and (result is None or self.session.checkpoint is not result.after):
            reason = tr("Nothing to undo: the model changed since the step.")
        if reason:
            self.message.setText(reason)
            return False
        try:
            self.session.apply_checkpoint(result.before, "undo the step")
        except VisualizerError as exc:
            self.message.setText(str(exc))
            return False
        self.result = None
        self.undo_button.setEnabled(False)
        self.message.setText(tr("Step undone: the model is back at step {step}, exactly.").format(
            step=result.before.step))
        self.stepped.emit(None)
        return True

    def _show(self, r: StepResult, what: str) -> None:
        k = int(r.targets[0])
        self.before.set_probabilities(r.probabilities_before[0])
        self.after.set_probabilities(r.probabilities_after[0])
        self.before_label.setText(tr("before: p({k}) = {p:.3f}, loss {loss:.4g}").format(
            k=k, p=r.probabilities_before[0, k], loss=r.loss_before))
        self.after_label.setText(tr("after: p({k}) = {p:.3f}, loss {loss:.4g}").format(
            k=k, p=r.probabilities_after[0, k], loss=r.loss_after))
        change = (r.loss_after - r.loss_before)
        self.message.setText(tr("One {optimizer} step (\u03b1 = {lr:g}) on {what}, target {k}: loss {before:.4g} "
                                "\u2192 {after:.4g} ({change:+.3g})").format(
            optimizer=r.update.optimizer, lr=r.update.lr, what=what, k=k, before=r.loss_before,
            after=r.loss_after, change=change).replace("-", MINUS))

    def _on_state(self, state: str) -> None:
        busy = self.session.is_active
        self.take_button.setEnabled(not busy)
        self.undo_button.setEnabled(not busy and self.result is not None)
