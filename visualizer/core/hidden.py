"""The activations of one hidden layer for many inputs: what the explanation tools look at.

    hidden_activations(model, inputs, layer=-1) -> (N, n_layer) float32

``layer`` counts hidden layers (0 = the first, -1 = the last, the one just
before the output). The forward pass is the network's own (``MLP.trace``, eval
mode: no dropout), run in chunks of ``CHUNK`` rows so memory stays bounded on
54,000 images. The nearest training images (``neighbours``), the map
(``hidden_map``) and the out-of-distribution score (``ood``) all read their
features here, so they agree on what "the last hidden layer" means.
"""

from __future__ import annotations

import numpy as np

from .network import MLP

CHUNK = 4096


def layer_index(model: MLP, layer: int) -> int:
    """``layer`` as a non-negative hidden-layer index; ValueError naming the range otherwise."""
    n_hidden = model.n_layers - 1
    if n_hidden == 0:
        raise ValueError("this network has no hidden layer")
    if not -n_hidden <= int(layer) < n_hidden:
        raise ValueError(f"hidden layer {layer} does not exist: the network has {n_hidden} "
                         f"(0..{n_hidden - 1}, or -1 for the last)")
    return int(layer) % n_hidden


def hidden_activations(model: MLP, inputs: np.ndarray, layer: int = -1) -> np.ndarray:
    """(N, n_inputs) or (n_inputs,) inputs -> (N, n_layer) or (n_layer,) float32 activations."""
    i = layer_index(model, layer)
    x = np.asarray(inputs)
    if x.ndim == 1:
        return np.asarray(model.trace(x).activations[i], np.float32)
    out = np.empty((len(x), model.sizes[i + 1]), np.float32)
    for s in range(0, len(x), CHUNK):
        out[s:s + CHUNK] = model.trace(x[s:s + CHUNK]).activations[i]   # (B, n_in) -> (B, n_layer)
    return out
