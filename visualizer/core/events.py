"""The immutable events the training loop yields.

``training.Trainer.run()`` is an iterator of these, consumed alike by the
command line, the tests and the app's worker thread. All are frozen
dataclasses holding plain Python numbers (and, where stated, read-only NumPy
arrays), so they can cross threads as they are.

Counting conventions:
    step   global optimizer step, 1-based (the first batch trained is step 1)
    epoch  0-based index of the epoch the batch belongs to
    progress (BatchEvent) fractional epochs done after this batch:
           epoch + batch / batches_per_epoch  (the curves' x-axis)
    epochs_done (EpochEvent/FinishedEvent) whole epochs completed, counting
           any epochs done before a resume
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .gradhealth import LayerNorms


@dataclass(frozen=True)
class BatchEvent:
    """One optimizer step was taken."""

    step: int                 # global step, 1-based
    epoch: int                # 0-based epoch index
    batch: int                # 1-based batch index within the epoch
    batches_per_epoch: int
    progress: float           # fractional epochs: epoch + batch / batches_per_epoch
    loss: float               # mean cross-entropy of this batch (without the L2 term)
    accuracy: float           # share of this batch classified right, 0..1
    lr: float                 # learning rate used for this step (after the schedule)
    batch_size: int           # samples in this batch (the last one may be smaller)
    norms: "LayerNorms | None" = None   # gradient health of this step, every few steps
                                        # (``core.steprecord``); None on the other steps


@dataclass(frozen=True)
class StepDetailEvent:
    """The batch one single step (``control.step_once``) just trained on, yielded after its
    BatchEvent. Everything comes from that step's own forward and backward pass.

    With augmentation on, the losses are those of the augmented images the network saw
    (``augmented``); with dropout, those of the masked network that trained.
    """

    step: int                 # the global step just taken, 1-based
    indices: np.ndarray       # (B,) int64, read-only: rows of the training set, in batch order
    labels: np.ndarray        # (B,) int64, read-only: their true classes
    losses: np.ndarray        # (B,) float32, read-only: per-example cross-entropy, nats
    predictions: np.ndarray   # (B,) int64, read-only: arg-max class of each example
    loss: float               # the batch's mean cross-entropy, nats (the BatchEvent's loss)
    norms: "LayerNorms"       # per layer ||dW||, ||db||, ||W||, ||dW applied||, ratio (gradhealth)
    augmented: bool = False   # the losses are of augmented versions of the images


@dataclass(frozen=True)
class EpochEvent:
    """An epoch ended and was evaluated (training set in eval mode, and validation set)."""

    epoch: int                # 0-based index of the epoch that ended
    epochs_done: int          # whole epochs completed so far (counting resumed ones)
    step: int                 # global step at the end of the epoch
    train_loss: float
    train_accuracy: float
    val_loss: float           # NaN when there is no validation set
    val_accuracy: float       # NaN when there is no validation set
    seconds: float            # wall time of the epoch's training (excluding evaluation)
    samples_per_second: float
    lr: float                 # learning rate at the end of the epoch
    val_predictions: np.ndarray   # (N_val,) int64, read-only: predicted class per validation image
    val_confidence: np.ndarray    # (N_val,) float32, read-only: probability of the predicted class

    def history_row(self) -> dict:
        """The JSON-friendly per-epoch record stored in model files and printed by --json."""
        return {
            "epoch": self.epochs_done,
            "train_loss": self.train_loss,
            "train_accuracy": self.train_accuracy,
            "val_loss": self.val_loss,
            "val_accuracy": self.val_accuracy,
            "seconds": self.seconds,
            "samples_per_second": self.samples_per_second,
            "lr": self.lr,
        }


@dataclass(frozen=True)
class PausedEvent:
    """Training is paused between two batches (yielded once per pause)."""

    step: int


@dataclass(frozen=True)
class SettingsChangedEvent:
    """Live settings were applied between two batches (e.g. a new learning rate)."""

    step: int                 # the next step will use the new settings
    progress: float           # fractional epochs at which the change happened
    changes: tuple[tuple[str, float], ...]   # e.g. (("lr", 0.01),)


@dataclass(frozen=True)
class DivergedEvent:
    """Training diverged: the loss became NaN or infinite, exploded past
    ``training.EXPLODED_LOSS``, or the weights became non-finite. The weights,
    optimizer state and counters (step, epochs done, history) were rolled back
    to the last sound backup, taken at ``restored_step``."""

    step: int                 # the step whose loss (or weights) went bad
    epoch: int
    loss: float               # that loss: NaN, inf, or a finite but exploded value
    message: str              # one readable sentence, with what to try
    restored_step: int = 0    # the global step the weights (and Trainer.step) were rolled back to


@dataclass(frozen=True)
class FinishedEvent:
    """Always the last event: training completed, was stopped, or diverged."""

    reason: str               # "completed" | "stopped" | "diverged"
    steps: int                # global steps taken in total
    epochs_done: int          # whole epochs completed (counting resumed ones)
    seconds: float            # wall time of this run
    history: tuple[dict, ...]  # EpochEvent.history_row() of every epoch, resumed ones first


Event = (BatchEvent | StepDetailEvent | EpochEvent | PausedEvent | SettingsChangedEvent | DivergedEvent
         | FinishedEvent)
