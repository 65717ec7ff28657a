"""What the training loop records about its own steps, beyond the loss.

Two records, both taken from the very gradient and update a step used (no
second forward or backward pass):

    gradient health   every ``every`` steps, the per-layer norms of ``core.gradhealth``
                      (||dW||, ||db||, ||W||, ||delta W||, ||delta W|| / ||W||): a few floats,
                      carried by that step's ``BatchEvent.norms``
    step detail       on a single step taken while paused (``control.step_once``), the
                      batch itself: its rows, labels, per-example losses and predictions
                      from the step's own forward pass (a ``Tape``), and its norms:
                      a ``StepDetailEvent``

The hook in ``Trainer._one_step``::

    tape = recorder.tape(detail)                 # None unless the step's detail is wanted
    loss, correct, ws = model.loss_and_gradient(..., tape=tape)
    record = recorder.before(step, ws.grad, detail)
    optimizer.step(params, ws.grad, lr)          # may overwrite ws.grad (scratch)
    if record: recorder.after()

Cost: ``before`` takes two dot products over the flat buffers and a copy of
the parameters, ``after`` a subtraction and a dot product: about seven memory
passes over the parameters, as many as an Adam update. Measured
(``benchmarks/gradhealth_cost.py``, 784-128-64-10, batch 64, a busy 2-core
machine) one recording costs 10-15% of a training step, so one step in
``every = ceil(RECORD_BATCHES / batch)`` is recorded: every 32nd at batch 64,
0.3-0.5% of training time.
"""

from __future__ import annotations

import math

import numpy as np

from .events import StepDetailEvent
from .gradhealth import LayerNorms, after_step, before_step, freeze_norms
from .losses import log_softmax
from .network import MLP, Tape

RECORD_BATCHES = 2048
"""Record one step per this many training images (batch 64: every 32nd step, batch 256: every
8th, batch 1: every 2048th); measured in benchmarks/gradhealth_cost.py."""


def record_every(batch: int) -> int:
    """Steps between two gradient-health records at ``batch`` images per step."""
    return max(1, math.ceil(RECORD_BATCHES / max(1, int(batch))))


class StepRecorder:
    """Records the gradient health of ``model``'s steps (see the module doc).

    ``every`` steps between records (None: ``record_every(batch)``, with ``batch`` the
    run's batch size); 0 records only the steps whose detail is asked for.
    """

    def __init__(self, model: MLP, batch: int, every: int | None = None):
        self.model = model
        self.every = record_every(batch) if every is None else int(every)
        self._before = np.empty_like(model.params)   # (n_params,) params before, then the update
        self._out: np.ndarray | None = None          # (5, n_layers) the norms being recorded
        self._taken: LayerNorms | None = None        # the latest step's norms, until take()
        self._tape: Tape | None = None

    def tape(self, detail: bool) -> Tape | None:
        """A tape for the step's forward pass when its detail is wanted, else None."""
        self._tape = Tape() if detail else None
        return self._tape

    def before(self, step: int, grad: np.ndarray, detail: bool = False) -> bool:
        """Before the update of ``step`` (1-based) from ``grad``: record it? (norms of the gradient
        and of the weights taken now, the weights kept for ``after``)."""
        if not (detail or (self.every and step % self.every == 0)):
            return False
        self._out = np.full((5, self.model.n_layers), np.nan)
        before_step(self.model, grad, self._out)
        np.copyto(self._before, self.model.params)
        return True

    def after(self) -> None:
        """After the update: the update's norms; the step's LayerNorms wait for ``take``."""
        update = np.subtract(self.model.params, self._before, out=self._before)   # (n_params,)
        after_step(self.model, update, self._out)
        self._taken, self._out = freeze_norms(self._out), None

    def take(self) -> LayerNorms | None:
        """The norms recorded for the latest step (None when it was not recorded), once."""
        taken, self._taken = self._taken, None
        return taken

    def detail(self, step: int, indices: np.ndarray, labels: np.ndarray, norms: LayerNorms,
               augmented: bool = False) -> StepDetailEvent:
        """The ``StepDetailEvent`` of ``step`` from the tape of its forward pass: ``indices`` (B,)
        rows of the training set, ``labels`` (B,) their classes, ``norms`` from ``take()``."""
        logits = self._tape.z[-1]                        # (B, C) the output layer's z
        self._tape = None
        logp = log_softmax(logits.astype(np.float64))    # (B, C)
        labels = np.array(labels, np.int64)
        losses = (-logp[np.arange(len(labels)), labels]).astype(np.float32)   # (B,)
        predictions = np.argmax(logits, axis=1).astype(np.int64)
        indices = np.array(indices, np.int64)
        for arr in (indices, labels, losses, predictions):
            arr.flags.writeable = False
        return StepDetailEvent(step, indices, labels, losses, predictions, float(losses.mean()), norms,
                               augmented)
