"""Out-of-distribution test: "this doesn't look like a digit to me".

A score per input, higher = less like the training digits, and a threshold
fixed on the validation digits so that ``FLAG_RATE`` (5 %) of real digits
score above it. A score is the sum of one or more parts, each standardised on
the validation digits (their median -> 0, their 95th percentile -> 1), so
parts in different units add up and a score reads the same for any network:
0 is a typical digit, 1 the edge of the usual ones.

Parts (``Part.kind``):
    "energy"     -logsumexp(z) of the logits z (Liu et al. 2020): low when
                 the network answers with large logits
    "msp"        1 - the largest softmax probability (Hendrycks & Gimpel 2017)
    "cosine"     cosine distance to the k-th nearest training image in a
                 hidden layer (Sun et al. 2022; ``neighbours``)
    "euclidean"  Euclidean distance to the k-th nearest training image

Named scores (``SCORES``): "energy", "msp", "knn" (cosine, last hidden layer,
k = 5) and "combined" = energy + Euclidean and cosine distance to the 20th
nearest training image in the FIRST hidden layer.

Why "combined" is the default (``benchmarks/ood.py``: 784-128-64-10 trained on
the embedded sample's 4,050 training digits with augmentation, 60 epochs,
threshold on its 450 validation digits; share flagged of the MNIST test
digits / Fashion-MNIST test images / synthetic dots, lines, scribbles and
blobs drawn through the pad's preprocessing; AUROC of MNIST test digits against each):

    % flagged    MNIST  Fashion  dots  lines  scribbles  blobs  all synthetic  AUROC Fashion  AUROC synthetic
    energy        5.3    32.0    76.8  29.2     62.8    59.2      57.0           0.791          0.913
    msp           6.1    38.3    63.2  68.8     60.0    58.0      62.5           0.847          0.917
    knn           5.1    77.4    71.2  94.4     79.6    64.8      77.5           0.967          0.961
    combined      5.0    99.1    91.6  92.4     85.6    92.0      90.4           0.995          0.979

(targets: MNIST <= 5, Fashion >= 90, synthetic >= 80). The parts and k were
chosen among single parts and sums of two or three (layers 0 and 1, k = 1, 5,
20, 50) on that run (seed 0); a second run (``--seed 1``: other initial
weights, other synthetic drawings) confirms the choice: combined 4.8 / 99.4 /
85.2 (MNIST / Fashion / synthetic), knn 4.0 / 77.9 / 70.4. Trained WITHOUT
augmentation (``--no-augment --epochs 20``) the same score gives only 4.8 /
89.5 / 66.5 (knn 5.5 / 84.6 / 45.5): a network that has seen digits only
upright and centred has not learnt what makes a stroke a digit, so a shape
stands out less; the test is at its best on a network trained with
augmentation.

Each single score misses what another catches: the logits (energy, msp) are
confident on most shapes that merely resemble a stroke; the cosine distance
sees a shape's pattern (it catches lines and clothes) but not how strongly the
layer fires, the Euclidean distance the reverse (it catches dots and blobs,
which preprocessing blows up into fat discs). The last hidden layer has
already folded inputs into ten class clusters, so the first one, closer to
the pixels, separates shapes better. k = 20 rather than 1 keeps a digit from
new writers (the MNIST test set's writers are not the training set's) close
to the crowd rather than to one lucky neighbour, which keeps the share of
flagged test digits near the 5 % fixed on validation.

    detector = fit_detector(model, inputs_val, inputs_train, y_train)
    detector.scores(model, inputs)   # (B,) float32, or a 0-d array for one input
    detector.flags(model, inputs)    # (B,) bool: score > threshold
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .hidden import hidden_activations, layer_index
from .neighbours import NeighbourIndex
from .network import MLP

FLAG_RATE = 0.05            # share of real (validation) digits flagged by construction
MAX_INDEX = 10_000          # distance parts search at most this many training images (a seeded subsample)
PART_KINDS = ("energy", "msp", "cosine", "euclidean")


@dataclass(frozen=True)
class Part:
    """One ingredient of a score: ``kind`` (PART_KINDS); for distances the hidden ``layer`` and ``k``."""

    kind: str
    layer: int = 0
    k: int = 20


SCORES: dict[str, tuple[Part, ...]] = {
    "energy": (Part("energy"),),
    "msp": (Part("msp"),),
    "knn": (Part("cosine", -1, 5),),
    "combined": (Part("energy"), Part("euclidean", 0, 20), Part("cosine", 0, 20)),
}
DEFAULT_SCORE = "combined"


def _logsumexp(z: np.ndarray) -> np.ndarray:
    """log sum exp over the last axis, (..., K) -> (...), in float64."""
    z = np.asarray(z, np.float64)
    m = z.max(axis=-1, keepdims=True)
    return (m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))[..., 0]


def energy_score(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """-T * logsumexp(z / T): (B, K) -> (B,) float64 (or a 0-d for one (K,) row)."""
    return -temperature * _logsumexp(np.asarray(logits, np.float64) / temperature)


def msp_score(logits: np.ndarray) -> np.ndarray:
    """1 - max softmax probability: (B, K) -> (B,) float64, 0 (certain) .. 1 - 1/K (uniform)."""
    z = np.asarray(logits, np.float64)
    return 1.0 - np.exp(z.max(axis=-1) - _logsumexp(z))


def threshold_for(scores: np.ndarray, flag_rate: float = FLAG_RATE) -> float:
    """The threshold that ``flag_rate`` of ``scores`` lie above (at most; an order statistic)."""
    s = np.asarray(scores, np.float64)
    if s.size == 0:
        raise ValueError("no validation scores to fix the threshold on")
    if not 0.0 < flag_rate < 1.0:
        raise ValueError(f"the flag rate must be between 0 and 1, got {flag_rate}")
    return float(np.quantile(s, 1.0 - flag_rate, method="higher"))


def auroc(in_scores: np.ndarray, out_scores: np.ndarray) -> float:
    """P(an out-of-distribution score > an in-distribution one), ties counting half (Mann-Whitney U)."""
    a, b = np.asarray(in_scores, np.float64).ravel(), np.asarray(out_scores, np.float64).ravel()
    if a.size == 0 or b.size == 0:
        return float("nan")
    both = np.concatenate([a, b])
    order = np.argsort(both, kind="mergesort")
    sorted_ = both[order]
    starts = np.flatnonzero(np.r_[True, sorted_[1:] != sorted_[:-1]])   # runs of equal values
    ends = np.r_[starts[1:], both.size]
    ranks = np.empty(both.size, np.float64)
    ranks[order] = np.repeat((starts + ends + 1) / 2.0, ends - starts)  # 1-based average rank of a run
    u = ranks[a.size:].sum() - b.size * (b.size + 1) / 2.0
    return float(u / (a.size * b.size))


def _raw_parts(model: MLP, x: np.ndarray, parts: tuple[Part, ...],
               indexes: dict[int, NeighbourIndex]) -> list[np.ndarray]:
    """Each part's unstandardised score for inputs (B, n_inputs): a list of (B,) float64."""
    logits = model.logits(x) if any(p.kind in ("energy", "msp") for p in parts) else None
    dist: dict[Part, np.ndarray] = {}
    for layer, index in indexes.items():                      # one product per layer for all its parts
        mine = [p for p in parts if p.kind in ("cosine", "euclidean") and layer_index(model, p.layer) == layer]
        feats = hidden_activations(model, x, layer)           # (B, h)
        dist.update(zip(mine, index.kth_distances_many(feats, [(p.kind, p.k) for p in mine])))
    out = []
    for p in parts:
        if p.kind == "energy":
            out.append(energy_score(logits))
        elif p.kind == "msp":
            out.append(msp_score(logits))
        else:
            out.append(dist[p].astype(np.float64))
    return out


@dataclass(frozen=True)
class OODDetector:
    """A score and its threshold, fitted for one set of weights (see the module doc).

    name       the score's name (a key of SCORES, or "custom")
    parts      what is summed
    centres    per part, the validation digits' median
    scales     per part, their 95th percentile minus the median
    threshold  inputs whose score is above it are flagged
    flag_rate  the share of the validation digits it flags (at most ``FLAG_RATE``)
    indexes    ((layer, NeighbourIndex), ...) the training set's activations for distance parts
    """

    name: str
    parts: tuple[Part, ...]
    centres: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float
    flag_rate: float
    indexes: tuple[tuple[int, NeighbourIndex], ...] = ()

    def scores(self, model: MLP, inputs: np.ndarray) -> np.ndarray:
        """(B, n_inputs) -> (B,) float32 scores; one (n_inputs,) input -> a 0-d array."""
        x = np.asarray(inputs)
        one = x.ndim == 1
        raw = _raw_parts(model, x[None, :] if one else x, self.parts, dict(self.indexes))
        s = sum((r - c) / w for r, c, w in zip(raw, self.centres, self.scales)).astype(np.float32)
        return s[0] if one else s

    def flags(self, model: MLP, inputs: np.ndarray) -> np.ndarray:
        """(B,) bool: which inputs do not look like the training digits (a 0-d bool for one input)."""
        return self.scores(model, inputs) > self.threshold


def fit_detector(model: MLP, inputs_val: np.ndarray, inputs_train: np.ndarray | None = None,
                 y_train: np.ndarray | None = None, *, score: str | tuple[Part, ...] = DEFAULT_SCORE,
                 flag_rate: float = FLAG_RATE) -> OODDetector:
    """Standardise ``score``'s parts and fix its threshold on the validation inputs (N_val, n_inputs).

    Distance parts also need the training inputs (N, n_inputs) and labels (N,)
    they search; of a larger training set, a seeded subsample of ``MAX_INDEX``
    images is kept, so one input is scored in about a millisecond however big
    the dataset (``benchmarks/trust_latency.py``).
    """
    name, parts = (score, SCORES.get(score)) if isinstance(score, str) else ("custom", tuple(score))
    if not parts:
        raise ValueError(f"unknown score {score!r}: use one of {', '.join(SCORES)}")
    for p in parts:
        if p.kind not in PART_KINDS:
            raise ValueError(f"unknown score part {p.kind!r}: use one of {', '.join(PART_KINDS)}")
    layers = sorted({layer_index(model, p.layer) for p in parts if p.kind in ("cosine", "euclidean")})
    if layers and (inputs_train is None or y_train is None):
        raise ValueError(f"the {name} score needs the training inputs and labels")
    if layers and len(inputs_train) > MAX_INDEX:
        keep = np.sort(np.random.default_rng(0).choice(len(inputs_train), MAX_INDEX, replace=False))
        inputs_train, y_train = np.asarray(inputs_train)[keep], np.asarray(y_train)[keep]
    indexes = {layer: NeighbourIndex.build(model, inputs_train, y_train, layer=layer) for layer in layers}
    raw = _raw_parts(model, np.asarray(inputs_val), parts, indexes)
    if not len(raw[0]):
        raise ValueError("no validation inputs to fix the threshold on")
    centres = tuple(float(np.median(r)) for r in raw)
    spread = (float(np.quantile(r, 0.95)) - c for r, c in zip(raw, centres))
    scales = tuple(w if w > 0 else 1.0 for w in spread)
    val = sum((r - c) / w for r, c, w in zip(raw, centres, scales)).astype(np.float32)
    thr = threshold_for(val, flag_rate)
    return OODDetector(name, parts, centres, scales, thr, float(np.mean(val > thr)), tuple(indexes.items()))
