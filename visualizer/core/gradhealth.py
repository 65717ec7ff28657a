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
"""

from __future__ import annotations

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
    params = model.params
    n = model.n_layers
    out = np.full((5, n), np.nan)                   # rows: grad_w, grad_b, weight, update, ratio
    for i, (sw, sb) in enumerate(_slices(model)):
        g, b, w = grad[sw], grad[sb], params[sw]
        out[0, i] = np.dot(g, g)                    # (n_in * n_out,) . (n_in * n_out,) -> ()
        out[1, i] = np.dot(b, b)
        out[2, i] = np.dot(w, w)
        if update is not None:
            u = update[sw]
            out[3, i] = np.dot(u, u)
    np.sqrt(out[:4], out=out[:4])
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(out[3], out[2], out=out[4])
    out.flags.writeable = False
    return LayerNorms(*out)
