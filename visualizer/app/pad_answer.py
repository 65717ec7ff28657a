"""What the drawing pad says about its input, without Qt: the answer, how sure, and whether to trust it.

    answer = answer_of(trace, fit, x)         # PadAnswer: what the pad paints for input x
    fit_matches(fit, snapshot) -> bool        # is a TrustFit of these very weights?

With a ``why_model.TrustFit`` of the network shown, the probabilities are the
calibrated ones and the out-of-distribution verdict comes with them, both from
``core.why.verdict`` (the function ``visualizer predict --json`` calls:
temperature scaling of ``core.calibration``, the detector of ``core.ood``).
Without one (during training, before a finished run or an opened model was
fitted) the pad shows the network's own softmax, marked as not calibrated.

The "then and now" comparison beside the answer:

    moment = pick_moment(moments, which, chosen)   # which: "first" | "epoch1" | "scrubbed"
    row = compare_row(label, trace)                # CompareRow: one network's answer, in one line
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from visualizer.core.blas import blas_thread_limit

from .i18n import tr

WHICH = ("first", "epoch1", "scrubbed")     # the earlier moments the pad can compare with


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class PadAnswer:
    """The pad's answer for one input (read-only arrays).

    probabilities  (K,) float64: calibrated when ``calibrated``, else the softmax of the logits
    raw            (K,) float64: the softmax of the logits (what the network itself says)
    guess          the class with the largest probability
    calibrated     the probabilities are calibrated (a fit of these weights exists)
    unsure         the OOD test flags the input ("this doesn't look like a digit")
    score          the OOD score (NaN without a detector);  threshold: its limit (NaN without)
    temperature    the fitted temperature (1.0 when not calibrated)
    """

    probabilities: np.ndarray
    raw: np.ndarray
    guess: int
    calibrated: bool
    unsure: bool
    score: float
    threshold: float
    temperature: float

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.guess])

    @property
    def runner_up(self) -> int:
        return int(np.argsort(-self.probabilities, kind="stable")[1]) if len(self.probabilities) > 1 else self.guess

    def detail(self, names) -> str:
        """The line(s) under the big guess, e.g. "8 · 97% sure (calibrated)\\nnext: 3 (2%)"."""
        name, p = names[self.guess], self.confidence
        if self.unsure:
            return tr("This doesn't look like a digit to me\nclosest: {name} (unsure)").format(name=name)
        if self.calibrated:
            head = tr("{name} \u00b7 {p:.0%} sure (calibrated)").format(name=name, p=p)
        else:
            head = tr("{name} \u00b7 {p:.0%} (raw, not calibrated)").format(name=name, p=p)
        k2 = self.runner_up
        if k2 == self.guess or self.probabilities[k2] < 0.01:
            return head
        return head + "\n" + tr("next: {name} ({p:.0%})").format(name=names[k2], p=self.probabilities[k2])

    def tooltip(self) -> str:
        """What the figure means, in a few sentences."""
        raw = float(self.raw[self.guess])
        if not self.calibrated:
            return tr("The network's own softmax probability, not calibrated yet: a network in training "
                      "is usually more sure than it is right. It is calibrated on the validation images "
                      "when a run ends or a model is opened.")
        text = tr("Calibrated: the network's logits divided by a temperature T = {t:.2f}, fitted on the "
                  "validation images so that, of the answers it calls 90% sure, about 90% are right. "
                  "The network itself said {raw:.0%}.").format(t=self.temperature, raw=raw)
        if not math.isnan(self.score):
            text += "\n" + tr("Unlike the training digits by {score:.2f}; above {limit:.2f} (where 5% of the "
                              "validation digits lie) it does not count as a digit.").format(
                score=self.score, limit=self.threshold)
        return text


def answer_of(trace, fit=None, x=None) -> PadAnswer:
    """The pad's answer: ``trace`` (a ``ProbeTrace`` of the input with the shown weights) and,
    when ``fit`` is a TrustFit of those same weights, the calibrated verdict of input ``x`` (n_in,)."""
    raw = np.asarray(trace.probabilities, np.float64)
    if fit is None or x is None:
        return PadAnswer(_readonly(raw), _readonly(raw), int(np.argmax(raw)), False, False,
                         float("nan"), float("nan"), 1.0)
    from visualizer.core import why

    with blas_thread_limit(1):           # products this small: one thread (see why_model.why_of)
        v = why.verdict(fit.trust, fit.model, np.asarray(x, np.float32).reshape(-1))
    p = v.probabilities[0]
    return PadAnswer(_readonly(p), _readonly(raw), int(v.labels[0]), True, bool(v.unsure[0]),
                     float(v.scores[0]), float(v.threshold), float(fit.trust.calibration.temperature))


def fit_matches(fit, snapshot) -> bool:
    """True when ``fit`` (a TrustFit) was fitted for ``snapshot``'s very weights."""
    if fit is None or snapshot is None or int(fit.step) != int(snapshot.step):
        return False
    model = fit.model
    if tuple(int(s) for s in model.sizes) != tuple(int(s) for s in snapshot.sizes):
        return False
    slices = model.weight_slices()
    for i, w in enumerate(snapshot.weights):
        if not np.array_equal(model.params[slices[i]].reshape(w.shape), w):
            return False
    return True


# ------------------------------------------------------------------------ then and now
def pick_moment(moments, which: str, chosen=None):
    """The kept moment to compare with: "first" the first kept, "epoch1" the kept moment nearest
    to the end of the first epoch, "scrubbed" ``chosen`` (the time slider's; None when live).
    None when there is none."""
    if which == "scrubbed" or not moments:
        return chosen if which == "scrubbed" else None
    if which == "first":
        return moments[0]
    return min(moments, key=lambda m: (abs(m.epochs - 1.0), m.step))


def moment_label(moment, which: str) -> str:
    """How the strip names the earlier network, e.g. "epoch 1" or "step 1,240"."""
    if which == "first":
        return tr("start") if moment.step == 0 else tr("step {step:,}").format(step=moment.step)
    if which == "epoch1" and abs(moment.epochs - 1.0) < 0.05:
        return tr("epoch 1")
    return tr("epoch {e:.1f}").format(e=moment.epochs)


@dataclass(frozen=True)
class CompareRow:
    """One network's answer in the comparison strip.

    label          which network ("epoch 1", "now")
    probabilities  (K,) float64 read-only: the softmax of its logits
    guess          its top class
    """

    label: str
    probabilities: np.ndarray
    guess: int

    def text(self, names) -> str:
        """E.g. "epoch 1: 3 (41%)"."""
        return tr("{label}: {name} ({p:.0%})").format(label=self.label, name=names[self.guess],
                                                      p=float(self.probabilities[self.guess]))


def compare_row(label: str, trace) -> CompareRow:
    """The row of a network's ``ProbeTrace`` of the pad's input."""
    p = np.asarray(trace.probabilities, np.float64)
    return CompareRow(label, _readonly(p), int(np.argmax(p)))
