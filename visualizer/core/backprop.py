"""One input's backward pass, layer by layer, from the engine's own training pass.

In the notation learners meet first (here batch-first, one input, W_i of shape
(n_in, n_out) as in the model), for a target class k:

    z_i = a_{i-1} @ W_i + b_i       a_i = f(z_i)          # a_{-1} = x, the input
    p   = softmax(z_L)              loss = -log p[k]
    dz_L = p - one_hot(k)
    da_i = dz_{i+1} @ W_{i+1}^T     dz_i = da_i * f'(z_i)
    dW_i = outer(a_{i-1}, dz_i)     db_i = dz_i           # (+ weight_decay * W_i with L2)

``backprop(model, x, k)`` returns all of these as one ``Backprop`` value
(read-only arrays). Nothing here computes a gradient itself: the numbers are
copies taken by ``MLP.loss_and_gradient`` (a batch of one) on its way through
(``network.Tape``), so what is shown is what training computes. For checks
and files, ``backprop(..., dtype=np.float64)`` runs on a float64 copy of the
network (``in_dtype``). ``model_of(snapshot)`` gives the network of a
``NetworkSnapshot`` (what a view receives while training runs elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .config import NetworkConfig
from .errors import DataError
from .losses import softmax
from .network import MLP, Tape


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


def layer_views(model: MLP, flat: np.ndarray) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """(W_i views (n_in, n_out), b_i views (n_out,)) of an array laid out like ``model.params``."""
    ws, bs = [], []
    for s, n_in, n_out in zip(model.weight_slices(), model.sizes[:-1], model.sizes[1:]):
        ws.append(flat[s].reshape(n_in, n_out))
        bs.append(flat[s.stop:s.stop + n_out])
    return tuple(ws), tuple(bs)


def in_dtype(model: MLP, dtype) -> MLP:
    """``model`` itself when it already has ``dtype``, else a copy of it in ``dtype``
    (float32 -> float64 is exact, so a float64 copy computes on the very same weights)."""
    if np.dtype(dtype) == model.dtype:
        return model
    other = MLP(model.config, dtype=dtype, initialise=False)
    other.params[...] = model.params
    return other


def model_of(snapshot, into: MLP | None = None) -> MLP:
    """A float32 ``MLP`` holding a ``snapshot.NetworkSnapshot``'s weights (to run ``backprop`` on).

    ``into``: a model this returned before; when its layer sizes and activation
    match, the snapshot's weights are copied into it and it is returned (its
    buffers are reused from one snapshot to the next), else a new one is made.
    """
    sizes = tuple(snapshot.sizes)
    if into is None or into.sizes != sizes or into.config.activation != snapshot.activation \
            or into.dtype != np.float32:
        config = NetworkConfig(hidden=sizes[1:-1], activation=snapshot.activation, n_inputs=sizes[0],
                               n_classes=sizes[-1])
        into = MLP(config, initialise=False)
    into.set_parameters(snapshot.weights, snapshot.biases)
    return into


@dataclass(frozen=True)
class Backprop:
    """One input's forward and backward pass (read-only arrays, the model's dtype).

    Shapes for 784-128-64-10 (layer i = 0, 1, 2; the output layer last):

    x              (784,) the input the network saw
    target         k, the class whose loss is differentiated
    z[i]           (128,), (64,), (10,)  pre-activations; z[-1] are the output logits
    a[i]           (128,), (64,), (10,)  f(z) (times the dropout mask, if one was given);
                   a[-1] is the output's softmax, the probabilities
    probabilities  (10,)  softmax(z[-1])
    loss           -log p[target] (the L2 term is not part of it)
    dz[i]          (128,), (64,), (10,)  dloss/dz; dz[-1] = probabilities - one_hot(target)
    da[i]          (128,), (64,)  dloss/da of each hidden layer: what reaches its output
    deriv[i]       (128,), (64,)  f'(z): dz = da * deriv (* mask)
    off[i]         (128,), (64,)  bool, f'(z) == 0: units that pass no gradient back (a ReLU
                   that is off; with dropout, a dropped unit is in ``mask`` instead)
    mask[i]        (128,), (64,)  the dropout mask used (0 or 1/(1-p)), or None
    dW[i]          (784, 128), (128, 64), (64, 10)  outer(a[i-1], dz[i]) + weight_decay * W_i
    db[i]          (128,), (64,), (10,)  equal to dz[i] for one input
    grad           (n_params,) dW and db in the model's flat layout W0, b0, W1, b1, ...;
                   dW[i] and db[i] are views of it (what an optimizer steps with)
    weight_decay   the L2 strength included in dW (0: the gradient of the loss alone)
    """

    x: np.ndarray
    target: int
    z: tuple[np.ndarray, ...]
    a: tuple[np.ndarray, ...]
    probabilities: np.ndarray
    loss: float
    dz: tuple[np.ndarray, ...]
    da: tuple[np.ndarray, ...]
    deriv: tuple[np.ndarray, ...]
    off: tuple[np.ndarray, ...]
    mask: tuple[np.ndarray, ...] | None
    dW: tuple[np.ndarray, ...]
    db: tuple[np.ndarray, ...]
    grad: np.ndarray
    weight_decay: float

    @property
    def n_layers(self) -> int:
        return len(self.dW)

    @property
    def prediction(self) -> int:
        return int(np.argmax(self.probabilities))

    def norms(self) -> list[tuple[float, float]]:
        """(||dW_i||, ||db_i||) per layer (Frobenius / Euclidean norms, as floats)."""
        return [(float(np.linalg.norm(w)), float(np.linalg.norm(b))) for w, b in zip(self.dW, self.db)]


def check_target(target, n_classes: int) -> int:
    """``target`` as an int in 0..n_classes-1, else ``DataError``."""
    if isinstance(target, (bool, np.bool_)) or not isinstance(target, (int, np.integer)) \
            or not 0 <= int(target) < n_classes:
        raise DataError(f"the target class must be a whole number from 0 to {n_classes - 1}, "
                        f"got {target!r}")
    return int(target)


def _masks(model: MLP, mask: Sequence[np.ndarray] | None) -> list[np.ndarray] | None:
    """One (1, n_i) array of the model's dtype per hidden layer, or None."""
    if mask is None:
        return None
    hidden = model.sizes[1:-1]
    if len(mask) != len(hidden):
        raise ValueError(f"expected {len(hidden)} dropout masks (one per hidden layer), got {len(mask)}")
    out = []
    for m, n in zip(mask, hidden):
        m = np.asarray(m, dtype=model.dtype).reshape(-1)
        if m.shape != (n,):
            raise ValueError(f"a dropout mask must have {n} values, got {m.size}")
        out.append(m.reshape(1, n))
    return out


def backprop(model: MLP, x, target: int, *, weight_decay: float = 0.0,
             mask: Sequence[np.ndarray] | None = None, dtype=None) -> Backprop:
    """The forward and backward pass of ``x`` (n_inputs,) with target class ``target``.

    ``weight_decay`` adds the L2 term's gradient to dW as training does (give 0 for
    the gradient of the loss alone, and 0 for AdamW, whose decay is not a gradient);
    ``mask`` fixes one dropout mask per hidden layer (None: no dropout, eval-mode
    values); ``dtype`` (e.g. np.float64) computes on a copy of the model in that dtype.
    The model itself is not changed (its cached batch-of-one buffers are reused).
    """
    model = in_dtype(model, model.dtype if dtype is None else dtype)
    n_in = model.sizes[0]
    x = np.asarray(x, dtype=model.dtype).reshape(-1)
    if x.shape != (n_in,):
        raise DataError(f"the input must have {n_in} values, got {x.size}")
    k = check_target(target, model.sizes[-1])
    masks = _masks(model, mask)
    tape = Tape()
    loss, _, ws = model.loss_and_gradient(x[None, :], np.array([k]), weight_decay=weight_decay,
                                          masks=masks, tape=tape)
    row = lambda arrays: tuple(_frozen(t[0]) for t in arrays)   # noqa: E731 - (1, n) -> (n,)
    z, dz, hidden_a, deriv = row(tape.z), row(tape.dz), row(tape.a), row(tape.deriv)
    probabilities = softmax(z[-1])                                 # (n_classes,)
    probabilities.flags.writeable = False
    grad = _frozen(ws.grad)                                        # (n_params,)
    dW, db = layer_views(model, grad)
    return Backprop(
        x=_frozen(x), target=k, z=z, a=hidden_a + (probabilities,), probabilities=probabilities,
        loss=float(loss), dz=dz, da=row(tape.da), deriv=deriv,
        off=tuple(_frozen(d == 0) for d in deriv),
        mask=None if masks is None else tuple(_frozen(m[0]) for m in masks),
        dW=dW, db=db, grad=grad, weight_decay=float(weight_decay))
