"""Learning-rate schedules: constant, step, cosine.

``learning_rate(config, base_lr, progress, total_epochs, anchor)`` is the rate
for a step taken at ``progress`` fractional epochs into the run (0 at the start
of the run; a resumed run starts its schedule again at 0):

    constant  base_lr
    step      base_lr * step_gamma ** floor(progress / step_epochs)
    cosine    base_lr * 0.5 * (1 + cos(pi * t)), t = cosine_phase(progress, total, anchor)
              (base_lr at the start, falling smoothly to 0 at the end of the run)

``base_lr`` is passed separately from ``config.lr`` so a learning rate changed
live keeps the schedule's shape.

The horizon ``total_epochs`` may change mid-run (more or fewer epochs, chosen
while training or paused). Step decay does not depend on it: its steps stay
where they were, and a longer run simply takes more of them. The cosine does:
``replan`` returns the ``anchor`` (progress, phase) at which the change
happened, and from there the rest of the curve is stretched (or squeezed) to
end at 0 on the new horizon, starting from the rate already reached, so the
rate never jumps at the change. With the default anchor (0, 0) the phase is
``progress / total``, the plain cosine.
"""

from __future__ import annotations

import math

from .config import TrainConfig

START = (0.0, 0.0)
"""The anchor of a run whose horizon never changed: phase 0 at progress 0."""


def cosine_phase(progress: float, total_epochs: float, anchor: tuple[float, float] = START) -> float:
    """How far along the cosine (0 to 1) a step at ``progress`` is, on a horizon of ``total_epochs``
    that was last re-planned at ``anchor`` = (progress then, phase then)."""
    p0, t0 = anchor
    span = total_epochs - p0
    if span <= 0:
        return 1.0
    return t0 + (1.0 - t0) * min(max(progress - p0, 0.0), span) / span


def replan(progress: float, old_total: float, anchor: tuple[float, float] = START) -> tuple[float, float]:
    """The anchor for a horizon changed at ``progress`` (the phase reached on the old horizon)."""
    return float(progress), cosine_phase(progress, old_total, anchor)


def learning_rate(config: TrainConfig, base_lr: float, progress: float, total_epochs: float,
                  anchor: tuple[float, float] = START) -> float:
    """The learning rate at ``progress`` epochs into a run of ``total_epochs``."""
    if config.schedule == "constant":
        return float(base_lr)
    if config.schedule == "step":
        return float(base_lr * config.step_gamma ** math.floor(max(progress, 0.0) / config.step_epochs))
    if config.schedule == "cosine":
        t = cosine_phase(progress, total_epochs, anchor)
        return float(base_lr * 0.5 * (1.0 + math.cos(math.pi * t)))
    raise ValueError(f"unknown schedule {config.schedule!r}")
