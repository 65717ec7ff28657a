"""Immutable copies of a network's state, safe to hand to another thread.

A ``NetworkSnapshot`` holds read-only float32 copies of every W_i (n_in, n_out)
and b_i (n_out,), where training stood (step, fractional epochs), and
optionally the ``ProbeTrace`` of one input (every layer's values for the image
the activations view shows). ``snapshot.trace(x)`` runs one (n_inputs,) input
through these very weights in well under a millisecond, so the main thread
can classify a drawing without touching the training thread's model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import activations
from .losses import softmax


def _frozen(a: np.ndarray, dtype=np.float32) -> np.ndarray:
    a = np.array(a, dtype=dtype, copy=True)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class ProbeTrace:
    """Every layer's values for ONE input (all arrays read-only, float32).

    input            (n_inputs,) e.g. (784,)
    pre_activations  z of every layer incl. the output logits: (128,), (64,), (10,)
    activations      a = f(z) of every hidden layer: (128,), (64,)
    logits           (n_classes,) the output layer's z
    probabilities    (n_classes,) softmax of the logits
    """

    input: np.ndarray
    pre_activations: tuple[np.ndarray, ...]
    activations: tuple[np.ndarray, ...]
    logits: np.ndarray
    probabilities: np.ndarray

    @property
    def prediction(self) -> int:
        return int(np.argmax(self.probabilities))


@dataclass(frozen=True)
class NetworkSnapshot:
    """A frozen copy of a network (see module doc). ``weights[i]`` is (n_in, n_out) float32."""

    step: int
    progress: float
    epochs_done: int
    sizes: tuple[int, ...]
    activation: str
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    probe: ProbeTrace | None = None

    def trace(self, x) -> ProbeTrace:
        """Forward one (n_inputs,) input (or (28, 28) image) through these weights (eval mode)."""
        x = np.asarray(x, dtype=np.float32).reshape(-1)
        if x.shape[0] != self.sizes[0]:
            raise ValueError(f"input must have {self.sizes[0]} values, got {x.shape[0]}")
        f = activations.get(self.activation).forward
        zs, acts = [], []
        a = x
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ w                      # (n_in,) @ (n_in, n_out) -> (n_out,)
            z += b
            z.flags.writeable = False
            zs.append(z)
            if i < last:
                a = f(z, np.empty_like(z))
                a.flags.writeable = False
                acts.append(a)
        probs = softmax(zs[-1])
        probs.flags.writeable = False
        return ProbeTrace(_frozen(x), tuple(zs), tuple(acts), zs[-1], probs)

    @property
    def n_params(self) -> int:
        return int(sum(w.size + b.size for w, b in zip(self.weights, self.biases)))


def probe_from_trace(trace) -> ProbeTrace:
    """A ``ProbeTrace`` (read-only copies) from a single-input ``network.Trace``."""
    return ProbeTrace(_frozen(trace.input), tuple(_frozen(z) for z in trace.pre_activations),
                      tuple(_frozen(a) for a in trace.activations), _frozen(trace.logits),
                      _frozen(trace.probabilities))


def take_snapshot(model, *, step: int = 0, progress: float = 0.0, epochs_done: int = 0,
                  probe=None) -> NetworkSnapshot:
    """Copy ``model`` (an ``MLP``) into a ``NetworkSnapshot``.

    ``probe`` may be a (n_inputs,) input array, whose trace is computed with the
    copied weights, or a ready ``ProbeTrace``, or None.
    """
    weights = tuple(_frozen(w) for w in model.weights)
    biases = tuple(_frozen(b) for b in model.biases)
    snap = NetworkSnapshot(int(step), float(progress), int(epochs_done), tuple(model.sizes),
                           model.config.activation, weights, biases, None)
    if probe is None or isinstance(probe, ProbeTrace):
        if probe is None:
            return snap
        trace = probe
    else:
        trace = snap.trace(probe)
    return NetworkSnapshot(snap.step, snap.progress, snap.epochs_done, snap.sizes, snap.activation,
                           weights, biases, trace)
