"""What the Batch view shows, without widgets: the batch a single step just trained on.

A ``StepDetailEvent`` (``core.steprecord``) names the batch by its rows of the training
set and brings the per-example losses of the step's own forward pass. ``SteppedBatch.of``
puts it beside the loaded ``RunData``:

    order        (B,) int64   positions in the batch, worst (highest loss) first
    images       (B, 28, 28)  uint8, the training images in that order
    labels, predictions (B,) int64 and losses (B,) float32, in that order
    names        the class names (labels and predictions index them)
    norms        the step's per-layer ``LayerNorms`` (||dW||, ||db||, ||delta W|| / ||W||)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from visualizer.core.events import StepDetailEvent
from visualizer.core.gradhealth import LayerNorms


@dataclass(frozen=True)
class SteppedBatch:
    """A stepped batch, worst first (see the module doc); arrays read-only."""

    step: int
    loss: float
    images: np.ndarray
    indices: np.ndarray
    labels: np.ndarray
    predictions: np.ndarray
    losses: np.ndarray
    names: tuple[str, ...]
    norms: LayerNorms
    augmented: bool

    @classmethod
    def of(cls, detail: StepDetailEvent, data) -> "SteppedBatch | None":
        """The batch of ``detail`` from ``data`` (a ``RunData``); None when the rows are not in it
        (the data changed since the step)."""
        if data is None or len(detail.indices) == 0 or detail.indices.max() >= len(data.x_train):
            return None
        order = np.argsort(-detail.losses, kind="stable")      # worst first, ties in batch order
        rows = detail.indices[order]
        fields = [data.x_train[rows], rows, detail.labels[order], detail.predictions[order],
                  detail.losses[order]]
        for arr in fields:
            arr.flags.writeable = False
        return cls(detail.step, detail.loss, *fields, tuple(data.class_names), detail.norms,
                   detail.augmented)

    def __len__(self) -> int:
        return len(self.indices)

    def name(self, k: int) -> str:
        """Class ``k``'s name."""
        return self.names[k] if 0 <= k < len(self.names) else str(k)

    def norm_rows(self) -> list[tuple[int, float, float, float]]:
        """(layer 1-based, ||dW||, ||db||, ||delta W|| / ||W||) per layer."""
        n = self.norms
        return [(i + 1, float(n.grad_w[i]), float(n.grad_b[i]), float(n.ratio[i]))
                for i in range(len(n.grad_w))]
