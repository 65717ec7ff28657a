"""The multilayer perceptron: dense layers, hidden activation, softmax output.

Layout (batch-first, row-major)::

    z_i = a_{i-1} @ W_i + b_i      # (B, n_in) @ (n_in, n_out) + (n_out,) -> (B, n_out)
    a_i = f(z_i)                   # hidden layers: relu | leaky_relu | sigmoid | tanh
    p   = softmax(z_L)             # output layer: probabilities (B, n_classes)

All parameters live in ONE flat buffer ``MLP.params`` (float32 by default);
``weights[i]`` (n_in, n_out) and ``biases[i]`` (n_out,) are views into it, in
the order W0, b0, W1, b1, ... The gradient has the same layout
(``Workspace.grad``), so an optimizer updates the whole network with a handful
of vectorised operations over two flat arrays.

Initialisation (``NetworkConfig.init``): "he" draws W ~ N(0, 2 / n_in),
"xavier" draws W ~ U(-sqrt(6 / (n_in + n_out)), +sqrt(6 / (n_in + n_out)));
"auto" takes He for (leaky) ReLU and Xavier for sigmoid/tanh hidden layers.
The output layer (linear into the softmax) always uses Xavier. Biases start at
0. The draws come from the given ``numpy.random.Generator`` in float64 and are
then cast, so the same seed gives bitwise-identical weights.

Training uses ``MLP.loss_and_gradient`` with a ``Workspace`` of preallocated
per-batch-size buffers: no allocation proportional to the network in the hot
path. Everything else (``forward``, ``predict``, ``trace``; ``evaluation.evaluate``)
is eval mode: no dropout. A ``Tape`` given to ``loss_and_gradient`` collects
copies of every layer's values on the way, for showing the backward pass
(``core.backprop``); training gives none. Both live in ``core.workspace``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import activations
from .config import NetworkConfig
from .losses import softmax, softmax_cross_entropy
from .workspace import Tape, Workspace

EVAL_CHUNK = 4096          # rows per forward pass in eval mode (bounds memory)

__all__ = ["EVAL_CHUNK", "MLP", "Tape", "Trace", "Workspace"]


@dataclass(frozen=True)
class Trace:
    """Every layer of a forward pass (eval mode) for a batch of inputs.

    For a (B, n_inputs) input each array has a leading B axis; for a single
    (n_inputs,) input the arrays are 1-D.

    pre_activations  z of every layer, output logits included: (B,128), (B,64), (B,10)
    activations      a = f(z) of every hidden layer: (B,128), (B,64)
    logits           z of the output layer (B,10) (the last pre-activation)
    probabilities    softmax(logits) (B,10)
    """

    input: np.ndarray
    pre_activations: tuple[np.ndarray, ...]
    activations: tuple[np.ndarray, ...]
    logits: np.ndarray
    probabilities: np.ndarray


class MLP:
    """A dense network ``config.sizes`` = (n_inputs, *hidden, n_classes).

    ``rng`` draws the initial weights (None: ``default_rng(0)``, so an MLP is
    always reproducible); ``dtype`` float32 for training, float64 for checks.
    ``initialise=False`` leaves the parameters at zero (they are about to be
    copied in, e.g. from a ``Checkpoint``).
    """

    def __init__(self, config: NetworkConfig, rng: np.random.Generator | None = None,
                 dtype=np.float32, *, initialise: bool = True):
        config.validate()
        self.config = config
        self.sizes: tuple[int, ...] = tuple(config.sizes)
        self.dtype = np.dtype(dtype)
        self.activation = activations.get(config.activation)
        self._layout: list[tuple[int, int, int]] = []   # (weight offset, bias offset, end) per layer
        off = 0
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            w_off, b_off = off, off + n_in * n_out
            off = b_off + n_out
            self._layout.append((w_off, b_off, off))
        self.n_params = off
        self.params = np.zeros(self.n_params, self.dtype)
        self.weights, self.biases = self._views(self.params)
        self._weights_t = [w.T for w in self.weights]   # (n_out, n_in) views for the backward pass
        self._workspaces: dict[int, Workspace] = {}
        if initialise:
            self._initialise(np.random.default_rng(0) if rng is None else rng)

    # -- layout -----------------------------------------------------------------------------
    def _views(self, flat: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        ws, bs = [], []
        for (w_off, b_off, end), n_in, n_out in zip(self._layout, self.sizes[:-1], self.sizes[1:]):
            ws.append(flat[w_off:b_off].reshape(n_in, n_out))
            bs.append(flat[b_off:end])
        return ws, bs

    @property
    def n_layers(self) -> int:
        """Number of dense layers (hidden layers + output layer)."""
        return len(self.sizes) - 1

    def weight_slices(self) -> list[slice]:
        """Where each W_i lives in the flat buffer (for decay that skips biases)."""
        return [slice(w_off, b_off) for w_off, b_off, _ in self._layout]

    def _initialise(self, rng: np.random.Generator) -> None:
        scheme = self.config.init
        if scheme == "auto":
            scheme = self.activation.init
        for i, (w, n_in, n_out) in enumerate(zip(self.weights, self.sizes[:-1], self.sizes[1:])):
            last = i == self.n_layers - 1
            if scheme == "he" and not last:
                w[...] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
            else:
                limit = np.sqrt(6.0 / (n_in + n_out))
                w[...] = rng.uniform(-limit, limit, (n_in, n_out))
        for b in self.biases:
            b[...] = 0

    # -- parameters -------------------------------------------------------------------------
    def copy(self) -> "MLP":
        """An independent network with the same configuration and parameters."""
        other = MLP.__new__(MLP)
        other.config = self.config
        other.sizes = self.sizes
        other.dtype = self.dtype
        other.activation = self.activation
        other._layout = list(self._layout)
        other.n_params = self.n_params
        other.params = self.params.copy()
        other.weights, other.biases = other._views(other.params)
        other._weights_t = [w.T for w in other.weights]
        other._workspaces = {}
        return other

    def set_parameters(self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]) -> None:
        """Copy ``weights[i]`` (n_in, n_out) and ``biases[i]`` (n_out,) in; shapes must match."""
        if len(weights) != self.n_layers or len(biases) != self.n_layers:
            raise ValueError(f"expected {self.n_layers} weight matrices and bias vectors, "
                             f"got {len(weights)} and {len(biases)}")
        for i, (w, b) in enumerate(zip(weights, biases)):
            w, b = np.asarray(w), np.asarray(b)
            if w.shape != self.weights[i].shape:
                raise ValueError(f"W{i} must have shape {self.weights[i].shape}, got {w.shape}")
            if b.shape != self.biases[i].shape:
                raise ValueError(f"b{i} must have shape {self.biases[i].shape}, got {b.shape}")
        for i, (w, b) in enumerate(zip(weights, biases)):
            self.weights[i][...] = w
            self.biases[i][...] = b

    def l2_penalty(self, weight_decay: float) -> float:
        """0.5 * weight_decay * sum of squared weights (biases are not decayed)."""
        return 0.5 * weight_decay * float(sum(np.vdot(w, w) for w in self.weights))

    # -- eval mode --------------------------------------------------------------------------
    def _as_batch(self, x) -> tuple[np.ndarray, bool]:
        x = np.asarray(x)
        single = x.ndim == 1
        if single:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != self.sizes[0]:
            raise ValueError(f"inputs must have shape ({self.sizes[0]},) or (B, {self.sizes[0]}), "
                             f"got {np.shape(x)}")
        if x.dtype != self.dtype:
            x = x.astype(self.dtype)
        return x, single

    def _logits_chunk(self, x: np.ndarray) -> np.ndarray:
        """(B, n_inputs) -> (B, n_classes) logits; one (n_inputs,) input -> (n_classes,)."""
        a = x
        f = self.activation.forward
        last = self.n_layers - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ w                      # (B, n_in) @ (n_in, n_out) -> (B, n_out); (n_in,) -> (n_out,)
            z += b
            a = z if i == last else f(z, z)
        return a

    def _logits_one(self, x: np.ndarray) -> np.ndarray:
        """The single-input fast path: (n_inputs,) -> (n_classes,), matrix-vector products."""
        if x.dtype != self.dtype:
            x = x.astype(self.dtype)
        return self._logits_chunk(x)

    def logits(self, x) -> np.ndarray:
        """Output pre-activations (B, n_classes) for inputs (B, n_inputs) or (n_inputs,)."""
        if isinstance(x, np.ndarray) and x.shape == (self.sizes[0],):
            return self._logits_one(x)
        x, single = self._as_batch(x)
        if len(x) <= EVAL_CHUNK:
            out = self._logits_chunk(x)
        else:
            out = np.empty((len(x), self.sizes[-1]), self.dtype)
            for s in range(0, len(x), EVAL_CHUNK):
                out[s:s + EVAL_CHUNK] = self._logits_chunk(x[s:s + EVAL_CHUNK])
        return out[0] if single else out

    def forward(self, x) -> np.ndarray:
        """Probabilities (B, n_classes) for inputs (B, n_inputs), eval mode (no dropout)."""
        if isinstance(x, np.ndarray) and x.shape == (self.sizes[0],):
            z = self._logits_one(x)        # the drawing pad's path: as few calls as possible
            z -= z.max()
            np.exp(z, out=z)
            z /= z.sum()
            return z
        z = self.logits(x)
        return softmax(z, out=z)

    def predict_proba(self, x) -> np.ndarray:
        """Like ``forward``; also accepts one (n_inputs,) input and then returns (n_classes,)."""
        return self.forward(x)

    def predict(self, x) -> np.ndarray:
        """Predicted class indices, (B,) int64 (or a 0-d int64 for one input)."""
        return np.argmax(self.logits(x), axis=-1).astype(np.int64)

    def trace(self, x) -> Trace:
        """Every layer's pre-activation and activation for ``x`` (eval mode)."""
        xb, single = self._as_batch(x)
        zs, acts = [], []
        a = xb
        last = self.n_layers - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ w                      # (B, n_in) @ (n_in, n_out) -> (B, n_out)
            z += b
            zs.append(z)
            if i < last:
                a = self.activation.forward(z, np.empty_like(z))
                acts.append(a)
        probs = softmax(zs[-1])
        if single:
            zs = [z[0] for z in zs]
            acts = [a[0] for a in acts]
            probs = probs[0]
            xb = xb[0]
        return Trace(xb, tuple(zs), tuple(acts), zs[-1], probs)

    # -- training mode ----------------------------------------------------------------------
    def workspace(self, batch: int) -> Workspace:
        """The cached buffers for batch size ``batch`` (a few sizes are kept)."""
        ws = self._workspaces.get(batch)
        if ws is None:
            if len(self._workspaces) >= 4:
                self._workspaces.pop(next(iter(self._workspaces)))
            ws = self._workspaces[batch] = Workspace(self, batch)
        return ws

    def loss_and_gradient(self, x: np.ndarray, y: np.ndarray, *, weight_decay: float = 0.0,
                          dropout: float = 0.0, rng: np.random.Generator | None = None,
                          masks: Sequence[np.ndarray] | None = None,
                          workspace: Workspace | None = None,
                          tape: Tape | None = None) -> tuple[float, int, Workspace]:
        """One training-mode forward and backward pass over a batch.

        x (B, n_inputs) of the model's dtype, y (B,) int. With ``dropout`` p > 0
        each hidden activation is multiplied by a fresh inverted-dropout mask
        (0 with probability p, else 1/(1-p)) drawn from ``rng``; ``masks``
        (one (B, n_i) array per hidden layer) fixes the masks instead (for
        gradient checks). ``weight_decay`` adds the L2 term's gradient
        ``weight_decay * W`` to every weight gradient (not to biases).
        ``tape`` (optional) receives copies of every layer's values on the way
        (see ``Tape``); training passes none and copies nothing.

        Returns (mean cross-entropy WITHOUT the L2 term, number correct,
        workspace); the gradient of (cross-entropy + l2_penalty) is in
        ``workspace.grad`` (flat, laid out like ``params``).
        """
        ws = workspace if workspace is not None else self.workspace(len(x))
        if masks is None and dropout > 0.0:
            masks = self._draw_masks(ws, dropout, rng)
        a = self._forward_train(x, ws, masks, tape)
        last = self.n_layers - 1
        out = np.matmul(a, self.weights[last], out=ws.out)   # logits (B, n_classes)
        np.add(out, self.biases[last], out=out)
        if tape is not None:
            tape.z.append(out.copy())
        # the probabilities overwrite the logits, then become the output delta dL/dz
        loss, correct = softmax_cross_entropy(out, y, out, out, ws.loss)
        if tape is not None:
            tape.dz.append(out.copy())
        self._backward(x, out, ws, weight_decay, masks, tape)
        return loss, correct, ws

    @staticmethod
    def _draw_masks(ws: Workspace, dropout: float, rng: np.random.Generator) -> list[np.ndarray]:
        """Fresh inverted-dropout masks into the workspace: 0 with probability p, else 1/(1-p)."""
        for mask in ws.mask:
            # keep where u >= p: floor(u + 1 - p) is 1 exactly then, else 0 (u in [0, 1))
            rng.random(dtype=mask.dtype, out=mask)
            np.add(mask, 1.0 - dropout, out=mask)
            np.floor(mask, out=mask)
            np.multiply(mask, 1.0 / (1.0 - dropout), out=mask)
        return ws.mask

    def _forward_train(self, x: np.ndarray, ws: Workspace, masks, tape: Tape | None) -> np.ndarray:
        """Hidden layers: h[i] = f(a_{i-1} @ W_i + b_i) (times the mask), f'(z_i) into deriv[i];
        returns the last hidden activation (x itself when there is no hidden layer)."""
        forward_train = self.activation.forward_train
        weights, biases, h, deriv = self.weights, self.biases, ws.h, ws.deriv
        a = x
        for i in range(self.n_layers - 1):
            z = np.matmul(a, weights[i], out=h[i])       # (B, n_in) @ (n_in, n_out) -> (B, n_out)
            np.add(z, biases[i], out=z)
            if tape is not None:
                tape.z.append(z.copy())
            a = forward_train(z, z, deriv[i], ws.flags[i])
            if masks is not None:
                np.multiply(a, masks[i], out=a)
            if tape is not None:
                tape.a.append(a.copy())
                tape.deriv.append(deriv[i].copy())
        return a

    def _backward(self, x: np.ndarray, delta: np.ndarray, ws: Workspace, weight_decay: float,
                  masks, tape: Tape | None) -> None:
        """From the output delta dL/dz_L (B, n_classes) down to layer 0: every dW_i, db_i into
        ``ws.grad``; the hidden buffers h[i] end up holding dL/dz_i."""
        grad_w, grad_b, ones, h, h_t = ws.grad_weights, ws.grad_biases, ws.ones, ws.h, ws.h_t
        weights, weights_t, deriv = self.weights, self._weights_t, ws.deriv
        # one example: dW is an outer product, which np.matmul computes without BLAS (10x slower)
        product = np.dot if len(x) == 1 else np.matmul
        for i in range(self.n_layers - 1, -1, -1):
            a_in_t = h_t[i - 1] if i else x.T            # what layer i read in the forward pass, transposed
            product(a_in_t, delta, out=grad_w[i])        # (n_in, B) @ (B, n_out) -> (n_in, n_out)
            np.matmul(ones, delta, out=grad_b[i])        # (B,) @ (B, n_out): column sums
            if weight_decay:
                grad_w[i] += np.multiply(weights[i], weight_decay, out=ws.l2_scratch[i])
            if i == 0:
                break
            # a_{i-1} is used up: its buffer takes dL/da_{i-1}, then dL/dz_{i-1}
            d = np.matmul(delta, weights_t[i], out=h[i - 1])   # (B, n_out) @ (n_out, n_in)
            if tape is not None:
                tape.da.insert(0, d.copy())
            if masks is not None:
                np.multiply(d, masks[i - 1], out=d)
            delta = np.multiply(d, deriv[i - 1], out=d)          # dL/dz = dL/da * f'(z)
            if tape is not None:
                tape.dz.insert(0, delta.copy())
