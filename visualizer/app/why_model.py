"""What the "Why" view shows, without widgets (its sentences go through ``i18n.tr``): one input
explained and judged by one set of weights.

    fit = fit_for(snapshot, data)              # TrustFit: off the GUI thread, once per set of weights
    shown = why_of(fit, x, target=None)        # WhyShown: everything the view paints, per stroke

Every number comes from ``visualizer.core.why`` (the same functions
``visualizer predict`` calls): the gradient x input of the chosen class, the
calibrated probabilities, the out-of-distribution flag and the five nearest
training images in the last hidden layer. ``fit_for`` does the expensive part
(the temperature, the OOD threshold, the neighbour index: a few hundred
milliseconds on the embedded sample); ``why_of`` costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from visualizer.core import why
from visualizer.core.attribution import for_display
from visualizer.core.blas import blas_thread_limit

from .i18n import tr

NOT_A_DIGIT = "This doesn't look like a digit to me"          # how the headline starts in English


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class TrustFit:
    """A ``core.why.Trust`` and the network it was fitted for (not to be changed after fitting).

    model         the engine MLP holding the snapshot's weights
    trust         calibration, OOD detector and neighbour index of those weights
    step          the training step of the snapshot
    x_train       (N, 28, 28) uint8: the training images the index rows refer to
    class_names   one name per class
    """

    model: object
    trust: why.Trust
    step: int
    x_train: np.ndarray
    class_names: tuple[str, ...]


def fit_for(snapshot, data) -> TrustFit:
    """Fit the trust of ``snapshot``'s weights on ``data`` (a RunData): its training and validation parts."""
    from .views.state import model_from_snapshot

    model = model_from_snapshot(snapshot)
    trust = why.fit_trust(model, data.inputs_train, data.y_train, data.inputs_val, data.y_val)
    names = tuple(data.class_names) or tuple(str(i) for i in range(model.sizes[-1]))
    return TrustFit(model, trust, int(snapshot.step), data.x_train, names)


@dataclass(frozen=True)
class WhyShown:
    """One input explained (read-only arrays).

    target        the class explained;  guess: the predicted class
    attribution   (28, 28) float32 in [-1, 1]: gradient x input for ``target``, scaled for display
    calibrated    (K,) float64: the calibrated probabilities
    score         the OOD score (NaN without a validation set);  threshold: its limit
    unsure        the score is above the threshold
    neighbours    (k, 28, 28) uint8: the nearest training images;  neighbour_labels: their labels
    headline      one sentence for the learner
    """

    target: int
    guess: int
    attribution: np.ndarray
    calibrated: np.ndarray
    score: float
    threshold: float
    unsure: bool
    neighbours: np.ndarray
    neighbour_labels: tuple[str, ...]
    headline: str


def why_of(fit: TrustFit, x: np.ndarray, target: int | None = None) -> WhyShown:
    """Explain and judge input ``x`` (784,) with ``fit``; ``target`` None: the guess.

    Runs with one BLAS thread: for products this small, a second thread contending with
    the GUI and training costs far more than it saves (0.3 ms instead of over 20 ms on a
    busy 2-core machine; ``benchmarks/draw_latency.py``).
    """
    with blas_thread_limit(1):
        return _why_of(fit, np.asarray(x, np.float32).reshape(-1), target)


def _why_of(fit: TrustFit, x: np.ndarray, target: int | None) -> WhyShown:
    v = why.verdict(fit.trust, fit.model, x)
    guess = int(v.labels[0])
    k = guess if target is None else int(target)
    e = why.explain(fit.model, x, k)
    side = int(round(np.sqrt(x.size)))
    if fit.trust.index is not None:
        near = fit.trust.index.nearest(fit.model, x, why.NEIGHBOURS)
        images = fit.x_train[near.indices]                                   # (k, 28, 28)
        labels = tuple(fit.class_names[int(c)] for c in near.labels)
    else:
        images, labels = np.zeros((0, side, side), np.uint8), ()
    unsure = bool(v.unsure[0])
    conf = float(v.probabilities[0, guess])
    name = fit.class_names[guess]
    percent = f"{100 * conf:.0f}"
    headline = (tr("This doesn't look like a digit to me (my best guess: {name}, {percent}% after "
                   "calibration)") if unsure else tr("{name}, {percent}% sure (calibrated)")).format(
        name=name, percent=percent)
    return WhyShown(k, guess, _readonly(for_display(e.attribution, side)), v.probabilities[0],
                    float(v.scores[0]), v.threshold, unsure, _readonly(images), labels, headline)
