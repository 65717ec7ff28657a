"""When a run has diverged, and what its message says: the loss bound, the rates to suggest.

The training loop (``training.Trainer``) ends a run as diverged when a batch
loss is NaN, infinite or above ``EXPLODED_LOSS``, or when the weights become
non-finite; it then rolls back and yields a ``DivergedEvent`` whose message
``diverged_message`` writes: what happened, at which step, the step the
weights went back to, and what to try (``suggested_lr`` and the other
settings that tame a run).
"""

from __future__ import annotations

import math

from .config import TrainConfig

# A learning rate that rarely diverges for each optimizer on this kind of network: a
# diverged run suggests at most this (Adam's step is ~lr per weight whatever the gradient,
# so "10x lower" from 100 is still 10, far too large).
SAFE_LR = {"sgd": 0.1, "momentum": 0.01, "nesterov": 0.01, "adam": 1e-3, "adamw": 1e-3}
# A batch's mean cross-entropy above this many nats is an explosion, not learning.
# A mean loss of 1000 means the correct class gets, on average, probability e^-1000
# (~1e-434, below even float64's smallest number): the logits are wrong by margins of
# ~1000, which no working network produces. Scale (784-128-64-10 on the 5,000-digit
# sample, 2 epochs): an untrained network starts at ln(classes) (2.3; 6.9 for 1000
# classes); Adam 1e-3 / 1e-2 and SGD 0.1 never exceed 3.4; rough but recovering runs
# spike to tens (SGD 1.0 tanh 37, Adam 0.1 ReLU 74, then back to ~1), so the bound
# leaves >10x headroom (tests/core check that healthy runs never trip it). Far too large
# rates (1e3) reach 1e3..1e13 by step 2 or 3 while the stable log-sum-exp keeps the loss
# finite, so a NaN/inf test alone would let such a run go on with garbage weights.
EXPLODED_LOSS = 1e3


def suggested_lr(optimizer: str, lr: float) -> float:
    """The learning rate a diverged run suggests: 10x lower, and at most ``SAFE_LR[optimizer]``,
    rounded down to 1, 2, 3 or 5 x 10^k."""
    target = min(lr / 10, SAFE_LR.get(optimizer, lr / 10))
    k = math.floor(math.log10(target))
    for m in (5, 3, 2, 1):
        if m * 10.0 ** k <= target * (1 + 1e-9):
            return float(f"{m}e{k}")
    return float(f"1e{k}")


def diverged_message(config: TrainConfig, lr: float, bad_step: int, epoch: int, loss: float,
                     restored: int, what: str = "") -> str:
    """The sentence of a ``DivergedEvent``: ``what`` happened (by default: to ``loss``) at
    ``bad_step`` of 0-based ``epoch``, the weights went back to step ``restored``, and what to
    try instead of ``config`` trained at the learning rate ``lr``."""
    what = what or ("the loss became NaN" if math.isnan(loss) else "the loss became infinite"
                    if math.isinf(loss) else f"the loss exploded to {loss:.2g}")
    tips = [f"a learning rate of {suggested_lr(config.optimizer, lr):g} instead of {lr:g}"]
    if config.weight_decay:
        tips.append("less weight decay")
    if config.optimizer not in ("adam", "adamw"):
        tips.append("the Adam optimizer")
    if config.schedule == "constant":
        tips.append("a decaying (step/cosine) schedule")
    try_ = tips[0] if len(tips) == 1 else ", ".join(tips[:-1]) + " or " + tips[-1]
    return (f"Training diverged: {what} at step {bad_step} (epoch {epoch + 1}), so the weights were "
            f"rolled back to step {restored}, the last sound state; try {try_}.")
