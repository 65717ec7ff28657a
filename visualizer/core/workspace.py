"""The buffers of a training-mode pass: ``Workspace`` (reused) and ``Tape`` (copies, on request).

``network.MLP.loss_and_gradient`` computes the forward and backward pass of a
batch in a ``Workspace`` of buffers preallocated for that batch size, so the
hot path allocates nothing proportional to the network. The buffers are reused
within the pass (z becomes a, a becomes dL/da, then dL/dz); a reader who wants
to see every step passes a ``Tape``, which receives copies as the pass goes
(``core.backprop`` shows them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .losses import LossBuffers

if TYPE_CHECKING:
    from .network import MLP


class Tape:
    """Copies of what one training-mode pass computes on its way (``loss_and_gradient(tape=)``).

    The workspace reuses its buffers within the pass (z becomes a, a becomes
    dL/da, then dL/dz), so a reader who wants to see every step passes a tape
    and gets copies, taken by the pass itself as it goes. For a (B, n_in) batch:

        z       per layer, the output logits last: (B, 128), (B, 64), (B, 10)
        a       per hidden layer, f(z) times the dropout mask: (B, 128), (B, 64)
        deriv   per hidden layer, f'(z): (B, 128), (B, 64)
        da      per hidden layer, dL/da (the gradient reaching its output): (B, 128), (B, 64)
        dz      per layer, dL/dz; the output's is (probabilities - one_hot) / B: (B, 128), (B, 64), (B, 10)

    L is the mean cross-entropy (the L2 term does not reach z or a).
    """

    def __init__(self) -> None:
        self.z: list[np.ndarray] = []
        self.a: list[np.ndarray] = []
        self.deriv: list[np.ndarray] = []
        self.da: list[np.ndarray] = []
        self.dz: list[np.ndarray] = []


class Workspace:
    """Preallocated buffers for one batch size: activations, masks, gradient.

    Per hidden layer i (B, n_i) arrays, reused through the pass so that the
    step touches as little memory as possible (at batch 256 the buffers no
    longer fit the L2 cache and every extra one costs a trip to L3):

        h[i]      z_i, then a_i = f(z_i) in place (times the dropout mask, in
                  place), then dL/dz_i in the backward pass (a_i is no longer
                  needed once the next layer's weight gradient is computed)
        deriv[i]  f'(z_i), written by the forward pass
        mask[i]   the dropout mask: 0 or 1/(1-p)
        flags[i]  bool scratch for the activation (ReLU's z > 0)

    The output layer's logits become the probabilities and then dL/dz in
    ``out`` (B, n_classes). ``grad`` is a flat array laid out like
    ``MLP.params``; ``grad_weights`` and ``grad_biases`` are views into it.
    """

    def __init__(self, model: "MLP", batch: int):
        dt = model.dtype
        sizes = model.sizes
        n = len(sizes) - 1
        self.batch = batch
        self.h = [np.empty((batch, sizes[i + 1]), dt) for i in range(n - 1)]
        self.deriv = [np.empty((batch, sizes[i + 1]), dt) for i in range(n - 1)]
        self.mask = [np.empty((batch, sizes[i + 1]), dt) for i in range(n - 1)]
        self.flags = [np.empty((batch, sizes[i + 1]), bool) for i in range(n - 1)]   # scratch
        self.h_t = [m.T for m in self.h]            # transposed views, made once
        self.out = np.empty((batch, sizes[-1]), dt)
        self.loss = LossBuffers(batch, sizes[-1], dt)
        self.ones = np.ones(batch, dt)              # (B,) bias gradients as 1^T delta (a GEMV)
        self.grad = np.zeros(model.n_params, dt)
        self.grad_weights, self.grad_biases = model._views(self.grad)
        self.l2_scratch = [np.empty_like(w) for w in self.grad_weights]
