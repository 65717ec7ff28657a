"""Learning-rate schedules: constant, step, cosine.

``learning_rate(config, base_lr, progress, total_epochs)`` is the rate for a
step taken at ``progress`` fractional epochs into the run (0 at the start of
the run; a resumed run starts its schedule again at 0):

    constant  base_lr
    step      base_lr * step_gamma ** floor(progress / step_epochs)
    cosine    base_lr * 0.5 * (1 + cos(pi * min(progress, total) / total))
              (base_lr at the start, falling smoothly to 0 at the end of the run)

``base_lr`` is passed separately from ``config.lr`` so a learning rate changed
live keeps the schedule's shape.
"""

from __future__ import annotations

import math

from .config import TrainConfig


def learning_rate(config: TrainConfig, base_lr: float, progress: float, total_epochs: float) -> float:
    """The learning rate at ``progress`` epochs into a run of ``total_epochs``."""
    if config.schedule == "constant":
        return float(base_lr)
    if config.schedule == "step":
        return float(base_lr * config.step_gamma ** math.floor(max(progress, 0.0) / config.step_epochs))
    if config.schedule == "cosine":
        t = min(max(progress, 0.0), total_epochs) / total_epochs if total_epochs > 0 else 1.0
        return float(base_lr * 0.5 * (1.0 + math.cos(math.pi * t)))
    raise ValueError(f"unknown schedule {config.schedule!r}")
