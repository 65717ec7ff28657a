"""Optimizers over flat parameter arrays: SGD, momentum, Nesterov, Adam, AdamW.

Every optimizer updates ``params`` (the network's flat float buffer) in place
from ``grad`` (same layout) with a few vectorised operations and preallocated
scratch space: no allocation per step. ``step(params, grad, lr)`` takes the
learning rate of this step (after the schedule); the other settings are
attributes that may be changed between any two steps (``momentum``,
``weight_decay``). ``grad_is_scratch = True`` (an attribute, default False)
lets the optimizer overwrite ``grad`` (the training loop's gradient buffer,
which nobody reads after the step): Adam then works in it instead of a
separate scratch array, one array less to pull through the cache.

Update rules (g = gradient, which already includes the L2 term
``weight_decay * W`` for every optimizer except AdamW):

    sgd        p -= lr * g
    momentum   v = mu * v + g;            p -= lr * v
    nesterov   v = mu * v + g;            p -= lr * (g + mu * v)
    adam       t += 1
               m = b1 * m + (1 - b1) * g
               v = b2 * v + (1 - b2) * g^2
               p -= lr * m_hat / (sqrt(v_hat) + eps),
                    m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t)
    adamw      W -= lr * weight_decay * W  (decoupled: weights only, not biases),
               then the adam step with the plain gradient

(the momentum forms are PyTorch's, so learning rates carry over.)

State for saving/resuming (``state()`` / ``load_state()``), flat arrays:
    momentum, nesterov   {"velocity": (P,)}
    adam, adamw          {"adam_m_scaled": m / (1 - beta1) (P,), "adam_v_scaled": v / (1 - beta2) (P,),
                          "adam_t": () int64 steps taken}
    sgd                  {}
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from . import blas
from .config import TrainConfig


class Optimizer:
    """Base: SGD. Subclasses add state."""

    name = "sgd"
    #: True when the L2 term belongs in the gradient (all but AdamW, which decays directly)
    l2_in_gradient = True
    #: True when ``step`` may overwrite ``grad`` (see the module doc)
    grad_is_scratch = False

    def __init__(self, n_params: int, dtype=np.float32, *, momentum: float = 0.9, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8, weight_decay: float = 0.0,
                 decay_slices: Sequence[slice] = ()):
        self.n_params = n_params
        self.dtype = np.dtype(dtype)
        self.momentum = float(momentum)
        self.beta1 = float(beta1)
        self.beta2 = float(beta2)
        self.eps = float(eps)
        self.weight_decay = float(weight_decay)
        self.decay_slices = list(decay_slices)
        self._tmp = np.empty(n_params, self.dtype)
        # fused BLAS kernels (y = a x + b y, y += a x) when NumPy's OpenBLAS has them
        self._axpby = blas.axpby(self.dtype)
        self._axpy = blas.axpy(self.dtype)
        self._seen: tuple = (None, None, None)      # (params, grad, their data addresses)

    def _addresses(self, params: np.ndarray, grad: np.ndarray) -> tuple[int, int] | None:
        """Data addresses of ``params`` and ``grad`` for the BLAS kernels, or None when the
        kernels cannot be used on them (no OpenBLAS, other dtype, not contiguous)."""
        seen_p, seen_g, addresses = self._seen
        if params is seen_p and grad is seen_g:
            return addresses
        addresses = None
        if (self._axpby is not None and self._axpy is not None
                and all(isinstance(a, np.ndarray) and a.dtype == self.dtype and a.shape == (self.n_params,)
                        and a.flags.c_contiguous for a in (params, grad))
                and params.flags.writeable):
            addresses = (params.ctypes.data, grad.ctypes.data)
        self._seen = (params, grad, addresses)
        return addresses

    def step(self, params: np.ndarray, grad: np.ndarray, lr: float) -> None:
        fast = self._addresses(params, grad)
        if fast is not None:
            self._axpy(self.n_params, -lr, fast[1], fast[0])    # p -= lr g (one pass)
            return
        np.multiply(grad, lr, out=self._tmp)
        np.subtract(params, self._tmp, out=params)

    def state(self, into: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
        """Copies of the optimizer's state arrays (empty for plain SGD).

        ``into``: a dict this method returned before; its arrays are overwritten
        instead of allocating new ones (the trainer's periodic backup).
        """
        return {}

    @staticmethod
    def _export(arrays: dict[str, np.ndarray], into: dict[str, np.ndarray] | None) -> dict[str, np.ndarray]:
        if into is not None and into.keys() == arrays.keys() and all(
                into[k].shape == a.shape and into[k].dtype == a.dtype for k, a in arrays.items()):
            for k, a in arrays.items():
                np.copyto(into[k], a)
            return into
        return {k: np.array(a, copy=True) for k, a in arrays.items()}

    def load_state(self, state: dict[str, np.ndarray]) -> bool:
        """Take over a saved state; False (and nothing changed) when it does not fit."""
        return not state

    def _fits(self, state: dict, keys: Sequence[str]) -> bool:
        for k in keys:
            a = state.get(k)
            if a is None or np.shape(a) != (self.n_params,) or not np.all(np.isfinite(a)):
                return False
        return True


class SGD(Optimizer):
    name = "sgd"


class Momentum(Optimizer):
    name = "momentum"
    nesterov = False

    def __init__(self, n_params: int, dtype=np.float32, **kw):
        super().__init__(n_params, dtype, **kw)
        self.velocity = np.zeros(n_params, self.dtype)
        self._pv = None                                 # its data address (it is never replaced)

    def step(self, params, grad, lr):
        v, tmp = self.velocity, self._tmp
        fast = self._addresses(params, grad)
        if fast is not None:
            pp, pg = fast
            pv = v.ctypes.data if self._pv is None else self._pv
            self._pv = pv
            n = self.n_params
            self._axpby(n, 1.0, pg, self.momentum, pv)     # v = mu v + g
            if self.nesterov:                               # p -= lr (g + mu v)
                self._axpy(n, -lr, pg, pp)
                self._axpy(n, -lr * self.momentum, pv, pp)
            else:
                self._axpy(n, -lr, pv, pp)                  # p -= lr v
            return
        np.multiply(v, self.momentum, out=v)
        np.add(v, grad, out=v)                          # v = mu v + g
        if self.nesterov:
            np.multiply(v, self.momentum, out=tmp)
            np.add(tmp, grad, out=tmp)                  # g + mu v
            np.multiply(tmp, lr, out=tmp)
        else:
            np.multiply(v, lr, out=tmp)
        np.subtract(params, tmp, out=params)

    def state(self, into=None):
        return self._export({"velocity": self.velocity}, into)

    def load_state(self, state):
        if not self._fits(state, ("velocity",)):
            return False
        self.velocity[...] = state["velocity"]
        return True


class Nesterov(Momentum):
    name = "nesterov"
    nesterov = True


class Adam(Optimizer):
    """Adam, fused over the flat arrays in seven vectorised passes per step
    (ten when NumPy's BLAS is not OpenBLAS).

    Internally the moments are kept rescaled, m' = m / (1 - b1) and
    v' = v / (1 - b2), so that their updates need no extra scaling pass
    (m' = b1 m' + g, v' = b2 v' + g^2), and the bias corrections, the learning
    rate and those scales fold into two scalars per step:

        p -= c * m' / (sqrt(v') + eps'),  k = sqrt((1 - b2) / (1 - b2^t)),
        c = lr (1 - b1) / ((1 - b1^t) k),  eps' = eps / k

    which is exactly the update in the module doc. ``state()`` returns the
    standard m and v.

    Passes (each one read/write sweep over the P-element arrays):
    m' = b1 m' + g (BLAS axpby), t = g * g, v' = b2 v' + t (axpby), t = sqrt(v'),
    t += eps', t = m' / t, p -= c t (BLAS axpy). The square root is the most
    expensive of them (compute-bound); the rest are memory-bound.
    """

    name = "adam"
    decoupled = False

    def __init__(self, n_params: int, dtype=np.float32, **kw):
        super().__init__(n_params, dtype, **kw)
        self._m = np.zeros(n_params, self.dtype)      # m / (1 - b1)
        self._v = np.zeros(n_params, self.dtype)      # v / (1 - b2)
        self._pmvt = None                              # data addresses of _m, _v, _tmp (never replaced)
        self._eps = np.zeros((), self.dtype)           # eps' of the current step
        self.t = 0

    @property
    def l2_in_gradient(self) -> bool:  # type: ignore[override]
        return not self.decoupled

    def step(self, params, grad, lr):
        m, v, tmp = self._m, self._v, self._tmp
        b1, b2 = self.beta1, self.beta2
        if self.decoupled and self.weight_decay:
            shrink = 1.0 - lr * self.weight_decay
            for s in self.decay_slices:
                w = params[s]
                np.multiply(w, shrink, out=w)           # W -= lr * wd * W
        self.t += 1
        k = math.sqrt((1.0 - b2) / (1.0 - b2 ** self.t))
        c = lr * (1.0 - b1) / ((1.0 - b1 ** self.t) * k)
        fast = self._addresses(params, grad)
        if fast is not None:
            pp, pg = fast
            if self._pmvt is None:
                self._pmvt = (m.ctypes.data, v.ctypes.data, tmp.ctypes.data)
            pm, pv, pt = self._pmvt
            if self.grad_is_scratch:                        # g is read for the last time below
                tmp, pt = grad, pg
            n = self.n_params
            self._axpby(n, 1.0, pg, b1, pm)                 # m' = b1 m' + g
            np.multiply(grad, grad, out=tmp)
            self._axpby(n, 1.0, pt, b2, pv)                 # v' = b2 v' + g^2
            np.sqrt(v, out=tmp)
            eps = self._eps
            eps[()] = self.eps / k                          # a 0-d array: cheaper than a Python float
            np.add(tmp, eps, out=tmp)
            np.divide(m, tmp, out=tmp)
            self._axpy(n, -c, pt, pp)                       # p -= c m' / (sqrt(v') + eps')
            return
        np.multiply(m, b1, out=m)
        np.add(m, grad, out=m)                          # m' = b1 m' + g
        np.multiply(grad, grad, out=tmp)
        np.multiply(v, b2, out=v)
        np.add(v, tmp, out=v)                           # v' = b2 v' + g^2
        np.sqrt(v, out=tmp)
        np.add(tmp, self.eps / k, out=tmp)
        np.divide(m, tmp, out=tmp)
        np.multiply(tmp, c, out=tmp)
        np.subtract(params, tmp, out=params)

    @property
    def m(self) -> np.ndarray:
        """First moment m (a copy)."""
        return self._m * self.dtype.type(1.0 - self.beta1)

    @property
    def v(self) -> np.ndarray:
        """Second moment v (a copy)."""
        return self._v * self.dtype.type(1.0 - self.beta2)

    def state(self, into=None):
        # the rescaled moments themselves, so a resumed run continues bit for bit
        return self._export({"adam_m_scaled": self._m, "adam_v_scaled": self._v,
                             "adam_t": np.array(self.t, np.int64)}, into)

    def load_state(self, state):
        if not self._fits(state, ("adam_m_scaled", "adam_v_scaled")):
            return False
        t = state.get("adam_t")
        if t is None or np.shape(t) != () or int(t) < 0 or np.any(np.asarray(state["adam_v_scaled"]) < 0):
            return False
        self._m[...] = state["adam_m_scaled"]
        self._v[...] = state["adam_v_scaled"]
        self.t = int(t)
        return True


class AdamW(Adam):
    name = "adamw"
    decoupled = True


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD, "momentum": Momentum, "nesterov": Nesterov, "adam": Adam, "adamw": AdamW,
}


def make_optimizer(config: TrainConfig, n_params: int, dtype=np.float32,
                   decay_slices: Sequence[slice] = ()) -> Optimizer:
    """The optimizer ``config.optimizer`` for a flat parameter buffer of ``n_params``."""
    cls = OPTIMIZERS[config.optimizer]
    return cls(n_params, dtype, momentum=config.momentum, beta1=config.beta1, beta2=config.beta2,
               eps=config.eps, weight_decay=config.weight_decay, decay_slices=decay_slices)
