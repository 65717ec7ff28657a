"""Gradient health per layer: a few floats per training step.

For every dense layer i, from the flat buffers a training step already has
(the parameters, the gradient and the update, all laid out like
``MLP.params``):

    grad_w[i]   ||dW_i||            (Frobenius norm of the weight gradient)
    grad_b[i]   ||db_i||
    weight[i]   ||W_i||
    update[i]   ||delta W_i||       (what the optimizer step changed)
    ratio[i]    ||delta W_i|| / ||W_i||, the update-to-weight ratio (about 1e-3 is healthy;
                far below, the layer barely learns; far above, it thrashes)

Vanishing gradients show as grad_w falling by orders of magnitude from the
last layer to the first (sigmoid with many hidden layers). Each norm is one
BLAS dot product over a contiguous slice of the flat buffer: no temporary
arrays, nothing proportional to the network allocated.

The training loop records them every few steps (``core.steprecord``); ``verdict``
reads the records (vanishing, exploding or healthy), and ``histogram_pair``
puts a quantity now and at the start of the run on the same bins.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .network import MLP


@dataclass(frozen=True)
class LayerNorms:
    """Per-layer norms of one step (see the module doc); each a read-only (n_layers,) float64."""

    grad_w: np.ndarray
    grad_b: np.ndarray
    weight: np.ndarray
    update: np.ndarray
    ratio: np.ndarray


def _slices(model: MLP) -> list[tuple[slice, slice]]:
    """(W_i slice, b_i slice) of the flat layout, per layer."""
    return [(s, slice(s.stop, s.stop + n_out)) for s, n_out in zip(model.weight_slices(), model.sizes[1:])]


def layer_norms(model: MLP, grad: np.ndarray, update: np.ndarray | None = None) -> LayerNorms:
    """The norms of one step from ``grad`` and ``update`` (both (n_params,), the model's layout).

    ``update`` is the change the step made (params after - params before); None
    leaves ``update`` and ``ratio`` NaN (the step is not known yet).
    """
    out = np.full((5, model.n_layers), np.nan)      # rows: grad_w, grad_b, weight, update, ratio
    before_step(model, grad, out)
    if update is not None:
        after_step(model, update, out)
    return freeze_norms(out)


def before_step(model: MLP, grad: np.ndarray, out: np.ndarray) -> None:
    """Rows grad_w, grad_b and weight of ``out`` (5, n_layers) from ``grad`` and the weights now."""
    params = model.params
    for i, (sw, sb) in enumerate(_slices(model)):
        g, b, w = grad[sw], grad[sb], params[sw]
        out[0, i] = np.dot(g, g)                    # (n_in * n_out,) . (n_in * n_out,) -> ()
        out[1, i] = np.dot(b, b)
        out[2, i] = np.dot(w, w)
    np.sqrt(out[:3], out=out[:3])


def after_step(model: MLP, update: np.ndarray, out: np.ndarray) -> None:
    """Rows update and ratio of ``out`` from ``update`` (after - before, (n_params,)); the weight
    row must hold the norms of the weights before the step (``before_step``)."""
    for i, sw in enumerate(model.weight_slices()):
        u = update[sw]
        out[3, i] = np.dot(u, u)
    np.sqrt(out[3], out=out[3])
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(out[3], out[2], out=out[4])


def freeze_norms(out: np.ndarray) -> LayerNorms:
    """``out`` (5, n_layers) made read-only, as a LayerNorms of its rows."""
    out.flags.writeable = False
    return LayerNorms(*out)


# ---------------------------------------------------------------- reading the records
VANISHING_FACTOR = 100.0     # first layer's ||dW|| this many times below the last's: vanishing
EXPLODING_FACTOR = 100.0     # ... this many times above: exploding


@dataclass(frozen=True)
class Verdict:
    """What the recent gradient norms say: ``kind`` "vanishing" | "exploding" | "healthy".

    ``factor`` is median(||dW_last||) / median(||dW_first||) over the records read (> 1: the
    first layer's gradient is smaller); ``first`` and ``last`` are 0-based layer indices.
    """

    kind: str
    factor: float
    first: int
    last: int
    records: int


def verdict(grad_w: np.ndarray, last_n: int = 20) -> Verdict | None:
    """Judge the last ``last_n`` rows of ``grad_w`` (records, n_layers) ||dW|| per layer; None
    with no finite record or a single layer."""
    grad_w = np.asarray(grad_w, np.float64)
    if grad_w.ndim != 2 or grad_w.shape[1] < 2 or len(grad_w) == 0:
        return None
    recent = grad_w[-last_n:]
    recent = recent[np.all(np.isfinite(recent), axis=1)]
    if len(recent) == 0:
        return None
    first, last = np.median(recent[:, 0]), np.median(recent[:, -1])
    factor = float(last / first) if first > 0 else math.inf
    kind = ("vanishing" if factor > VANISHING_FACTOR else
            "exploding" if factor < 1 / EXPLODING_FACTOR else "healthy")
    return Verdict(kind, factor, 0, grad_w.shape[1] - 1, len(recent))


@dataclass(frozen=True)
class Histogram:
    """Two distributions of one quantity on the same bins: ``edges`` (bins + 1,), ``initial`` and
    ``now`` (bins,) counts (int64), all read-only."""

    edges: np.ndarray
    initial: np.ndarray
    now: np.ndarray


def histogram_pair(initial: np.ndarray, now: np.ndarray, bins: int = 40) -> Histogram:
    """Histograms of ``initial`` and ``now`` (any shapes) on one set of ``bins`` equal bins spanning
    the finite values of both (a value-less or constant input gets a unit-wide range).

    The counts are ``np.histogram(values, bins, (edges[0], edges[-1]))``: equal bins counted in
    one pass, without sorting (a 100,000-weight layer in about a millisecond)."""
    values = [np.asarray(v).ravel() for v in (initial, now)]
    values = [v if np.isfinite(v).all() else v[np.isfinite(v)] for v in values]
    ends = [float(f(v)) for v in values if len(v) for f in (np.min, np.max)]
    lo, hi = (min(ends), max(ends)) if ends else (0.0, 0.0)
    if not hi > lo:
        lo, hi = lo - 0.5, hi + 0.5
    counts = [np.histogram(v, bins, (lo, hi))[0].astype(np.int64) for v in values]
    edges = np.linspace(lo, hi, bins + 1)
    for arr in (edges, *counts):
        arr.flags.writeable = False
    return Histogram(edges, *counts)


@dataclass(frozen=True)
class LayerHistograms:
    """One layer's weights, biases and weight gradient, at the start and now (``Histogram`` each)."""

    weights: Histogram
    biases: Histogram
    gradient: Histogram


def layer_histograms(initial: MLP, now: MLP, x: np.ndarray, y: np.ndarray,
                     bins: int = 40) -> tuple[LayerHistograms, ...]:
    """Per layer, the distributions of W, b and dW of ``initial`` and ``now`` (same architecture)
    on shared bins; the gradients are those of the mean cross-entropy on ``x`` (B, n_in), ``y`` (B,)
    (eval mode: no dropout, no L2), the same images for both networks."""
    grads = []
    for model in (initial, now):
        _, _, ws = model.loss_and_gradient(np.asarray(x, model.dtype), np.asarray(y, np.int64))
        grads.append([g.copy() for g in ws.grad_weights])
    return tuple(LayerHistograms(histogram_pair(initial.weights[i], now.weights[i], bins),
                                 histogram_pair(initial.biases[i], now.biases[i], bins),
                                 histogram_pair(grads[0][i], grads[1][i], bins))
                 for i in range(now.n_layers))


def per_epoch(records) -> dict:
    """The recorded norms of a run for a report (``visualizer train --json``): ``records`` are
    (epochs_done after the step, i.e. ``BatchEvent.epoch + 1``, LayerNorms) pairs, in step order.

    Returns {"epochs": [{"epoch": e, "records": n, "grad_w": [median ||dW|| per layer],
    "update_ratio": [median ||delta W|| / ||W|| per layer]}, ...], "verdict": kind | None,
    "last_over_first": median ||dW_last|| / ||dW_first|| over the last records | None}.
    """
    by_epoch: dict[int, list] = {}
    for epoch, norms in records:
        by_epoch.setdefault(int(epoch), []).append(norms)
    epochs = [{"epoch": e, "records": len(ns),
               "grad_w": np.median([n.grad_w for n in ns], axis=0).tolist(),
               "update_ratio": np.median([n.ratio for n in ns], axis=0).tolist()}
              for e, ns in sorted(by_epoch.items())]
    v = verdict(np.array([n.grad_w for _, n in records])) if records else None
    return {"epochs": epochs, "verdict": v.kind if v else None,
            "last_over_first": v.factor if v else None}
