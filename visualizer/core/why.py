"""Why this answer, and whether to trust it: one input explained by one set of weights.

What the app's "Why" view and ``visualizer predict`` show is computed here,
from the pieces the other core modules provide:

    trust = fit_trust(model, inputs_train, y_train, inputs_val, y_val)   # once per set of weights
    v = verdict(trust, model, x)        # Verdict: calibrated probabilities, OOD score, unsure
    e = explain(model, x, k)            # Explanation: gradient x input for class k (None: the guess)
    near = trust.index.nearest(model, x, 5)   # the 5 nearest training images (last hidden layer)

``Trust`` bundles the temperature (``calibration.fit_temperature`` on the
validation logits), the out-of-distribution detector (``ood.fit_detector``,
its threshold fixed on the validation digits) and the neighbour index of the
training images in the last hidden layer (``neighbours.NeighbourIndex``).
Fitting it costs a few hundred milliseconds (run it off the GUI thread);
using it costs about a millisecond per input.

The input gradient comes from the engine's own backward pass
(``backprop.backprop``): for target class k, loss = -log p(k), and the
gradient reaching the input is dz[0] @ W0^T, so

    d log p(k) / dx = -(dz[0] @ W0^T)      # (h0,) @ (h0, 784) -> (784,)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .attribution import gradient_times_input
from .backprop import Backprop, backprop
from .calibration import IDENTITY, Calibration, fit_temperature
from .neighbours import NeighbourIndex
from .network import MLP
from .ood import OODDetector, fit_detector

NEIGHBOURS = 5                 # training images shown beside an explanation


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


def log_prob_input_gradient(model: MLP, bp: Backprop) -> np.ndarray:
    """d log p(bp.target) / dx (n_inputs,) from a ``Backprop`` of ``model`` (the weights it ran on)."""
    w0 = model.params[model.weight_slices()[0]].reshape(model.sizes[0], model.sizes[1])
    return -(np.asarray(bp.dz[0], np.float64) @ np.asarray(w0, np.float64).T)   # (h0,) @ (h0, n_in) -> (n_in,)


@dataclass(frozen=True)
class Explanation:
    """Gradient x input of one input for one class (read-only arrays).

    target        the class explained
    gradient      (n_inputs,) float64: d log p(target) / dx
    attribution   (n_inputs,) float32: x * gradient; > 0 the pixel's ink argues for ``target``
    probabilities (n_classes,) softmax of the logits (uncalibrated)
    """

    target: int
    gradient: np.ndarray
    attribution: np.ndarray
    probabilities: np.ndarray


def explain(model: MLP, x, target: int | None = None) -> Explanation:
    """Gradient x input of ``x`` (n_inputs,) for ``target`` (None: the predicted class)."""
    x = np.asarray(x, model.dtype).reshape(-1)
    if target is None:
        target = int(np.argmax(model.logits(x)))
    bp = backprop(model, x, target)
    grad = log_prob_input_gradient(model, bp)
    return Explanation(bp.target, _readonly(grad), _readonly(gradient_times_input(x, grad)),
                       bp.probabilities)


@dataclass(frozen=True)
class Trust:
    """What judging an input needs, fitted for one set of weights on one split (immutable).

    calibration   the temperature (``calibration.IDENTITY`` when nothing is held out)
    detector      the OOD score and its threshold, or None when nothing is held out
    index         the training images in the last hidden layer, or None without training images
    """

    calibration: Calibration
    detector: OODDetector | None
    index: NeighbourIndex | None


def fit_trust(model: MLP, inputs_train: np.ndarray, y_train: np.ndarray,
              inputs_val: np.ndarray, y_val: np.ndarray) -> Trust:
    """Fit the temperature and the OOD threshold on the validation inputs (N_val, n_inputs)
    and index the training inputs (N, n_inputs) in the last hidden layer."""
    has_train, has_val = len(y_train) > 0, len(y_val) > 0
    cal = fit_temperature(model.logits(inputs_val), y_val) if has_val else IDENTITY
    det = fit_detector(model, inputs_val, inputs_train, y_train) if has_val and has_train else None
    index = NeighbourIndex.build(model, inputs_train, y_train) if has_train else None
    return Trust(cal, det, index)


@dataclass(frozen=True)
class Verdict:
    """How sure to be of the answers for a batch of inputs (read-only arrays).

    probabilities  (B, n_classes) float64: calibrated, softmax(z / T)
    labels         (B,) int64: the predicted classes
    scores         (B,) float32: the OOD score (0 a typical digit; NaN without a detector)
    unsure         (B,) bool: score above the threshold: "this doesn't look like a digit"
    threshold      the detector's threshold (NaN without one)
    """

    probabilities: np.ndarray
    labels: np.ndarray
    scores: np.ndarray
    unsure: np.ndarray
    threshold: float


def verdict(trust: Trust, model: MLP, inputs) -> Verdict:
    """The calibrated answer and the OOD flag for inputs (B, n_inputs), or one (n_inputs,) as B = 1."""
    x = np.asarray(inputs, model.dtype)
    x = x.reshape(1, -1) if x.ndim == 1 else x
    p = trust.calibration.probabilities(model.logits(x))                 # (B, K)
    if trust.detector is None:
        scores = np.full(len(x), np.nan, np.float32)
        unsure, thr = np.zeros(len(x), bool), float("nan")
    else:
        scores = np.asarray(trust.detector.scores(model, x), np.float32).reshape(-1)
        unsure, thr = scores > trust.detector.threshold, float(trust.detector.threshold)
    return Verdict(_readonly(p), _readonly(np.argmax(p, axis=1)), _readonly(scores), _readonly(unsure), thr)
