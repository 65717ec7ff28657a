"""Fine-tuning on the learner's digits: how they are weighted in, and accuracy before and after.

    r = repeats(n_train, n_user)                       # how often each of the learner's digits is repeated
    mixed = mixed_data(data, x_user, y_user)           # RunData: data's training set + the repeated digits
    scores = scores_of(model, data, digits)            # Scores: accuracy on their digits and on validation
    result = fine_tune(ckpt, data, digits)             # headless: train a few epochs, scores before/after

The weighting. A few dozen drawings among thousands of training images would
hardly move the network, so each of the learner's training digits is repeated
``r`` times, ``r = max(1, round(share / (1 - share) * N / n))`` for ``N``
training images and ``n`` drawings, so that they make about ``share``
(``USER_SHARE`` = 20%) of every epoch (30 drawings among the 4,050 images of
the embedded sample: each repeated 34 times, 1,020 of 5,070). The rest of the
epoch is the current dataset unchanged, so the network keeps practising what it
knew; the validation set is the current dataset's, untouched, so forgetting
shows in the validation accuracy. The held-out drawings (``userdigits``: one in
five) are never trained on: the accuracy on them is the honest figure, the
accuracy on all the drawings the one a learner expects to rise.

The app runs the same ``mixed_data`` through its ordinary run machinery
(stoppable, the result unsaved training); ``fine_tune`` is the headless twin.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from .dataset import DIGIT_NAMES, as_inputs
from .errors import DataError
from .evaluation import evaluate
from .runsetup import RunData

USER_SHARE = 0.2          # the learner's digits make about this share of each epoch
FINE_TUNE_EPOCHS = 3      # epochs a fine-tuning runs unless told otherwise


def repeats(n_train: int, n_user: int, share: float = USER_SHARE) -> int:
    """How many times each of ``n_user`` drawings is repeated among ``n_train`` images (module doc)."""
    if n_user <= 0:
        return 0
    if not 0.0 < share < 1.0:
        raise ValueError(f"share must be between 0 and 1, got {share}")
    return max(1, round(share / (1.0 - share) * n_train / n_user))


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


def check_digits_network(data: RunData) -> None:
    """DataError unless ``data`` is a dataset of the ten digits (the learner draws digits 0-9)."""
    if tuple(data.class_names) != DIGIT_NAMES:
        raise DataError(f"your digits are 0 to 9, but this network learned {data.name!r} "
                        f"({len(data.class_names)} classes: {', '.join(data.class_names[:4])}...); "
                        f"choose a dataset of digits first")


def mixed_data(data: RunData, x_user: np.ndarray, y_user: np.ndarray, share: float = USER_SHARE) -> RunData:
    """``data`` with the learner's digits ``x_user`` (n, 28, 28) uint8, ``y_user`` (n,) repeated into its
    training set (``repeats``); its split, validation images and test set are kept as they are."""
    check_digits_network(data)
    x_user = np.asarray(x_user, np.uint8).reshape(-1, *data.x_train.shape[1:])
    y_user = np.asarray(y_user, np.uint8).reshape(-1)
    if len(x_user) == 0:
        raise DataError("no digits of yours to train on yet: label some drawings first")
    r = repeats(len(data.y_train), len(y_user), share)
    x = np.concatenate([data.x_train, np.repeat(x_user, r, axis=0)])    # (N + r*n, 28, 28)
    y = np.concatenate([data.y_train, np.repeat(y_user, r)])             # (N + r*n,)
    inputs = np.concatenate([data.inputs_train, np.repeat(as_inputs(x_user), r, axis=0)])   # (N + r*n, 784)
    return dataclasses.replace(data, x_train=_readonly(x), y_train=_readonly(y), inputs_train=_readonly(inputs))


@dataclass(frozen=True)
class Scores:
    """Accuracies of one network, 0..1 (NaN where there is no image to measure on).

    mine        on all the learner's drawings (the held-out ones and those trained on)
    mine_held   on the learner's held-out drawings (never trained on)
    validation  on the current dataset's validation images
    counts      (all drawings, held-out drawings, validation images)
    """

    mine: float
    mine_held: float
    validation: float
    counts: tuple[int, int, int]


def _accuracy(model, x: np.ndarray, y: np.ndarray) -> float:
    return evaluate(model, as_inputs(x), y).accuracy if len(y) else math.nan


def scores_of(model, data: RunData, digits) -> Scores:
    """``model``'s accuracy on the learner's ``digits`` (a ``userdigits.Digits``) and on ``data``'s
    validation images."""
    x_held, y_held = digits.part(True)
    val = evaluate(model, data.inputs_val, data.y_val).accuracy if len(data.y_val) else math.nan
    return Scores(_accuracy(model, digits.images, digits.labels), _accuracy(model, x_held, y_held), val,
                  (len(digits.labels), len(y_held), len(data.y_val)))


@dataclass(frozen=True)
class FineTuneResult:
    """What ``fine_tune`` hands back: the checkpoint after it, the scores before and after, the repeats."""

    checkpoint: object
    before: Scores
    after: Scores
    repeats: int


def fine_tune(ckpt, data: RunData, digits, *, epochs: int = FINE_TUNE_EPOCHS, share: float = USER_SHARE,
              control=None) -> FineTuneResult:
    """Continue ``ckpt`` for ``epochs`` on ``data`` plus the training part of ``digits`` (module doc)."""
    from .training import Trainer

    x_user, y_user = digits.part(False)
    mixed = mixed_data(data, x_user, y_user, share)
    before = scores_of(ckpt.model(), data, digits)
    trainer = Trainer.from_checkpoint(ckpt, mixed, train=dataclasses.replace(ckpt.train, epochs=int(epochs)),
                                      control=control)
    for _event in trainer.run():
        pass
    after_ckpt = trainer.checkpoint().replace(train=ckpt.train)
    return FineTuneResult(after_ckpt, before, scores_of(after_ckpt.model(), data, digits),
                          repeats(len(data.y_train), len(y_user), share))
