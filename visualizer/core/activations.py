"""Hidden-layer activations and their derivatives, in place where possible.

Every activation is a pair of functions over arrays of any shape and float
dtype (float32 for training, float64 for gradient checks):

    forward(z, out)           a = f(z), written into ``out`` (may be ``z`` itself)
    backward(z, a, grad, out, scratch=None)
                              dL/dz = dL/da * f'(z), written into ``out``
                              (may be ``grad``); ``z`` is the pre-activation
                              and ``a`` the activation f(z) of the same layer;
                              ``scratch`` (optional, same shape and dtype as
                              ``z``, not aliasing the others) avoids allocating

    forward_train(z, out, deriv, flags=None)
                              the training pass: a = f(z) into ``out`` and
                              f'(z) into ``deriv`` (same shape and dtype), so
                              the backward pass is dL/dz = dL/da * deriv;
                              ``flags`` (optional, same shape, bool) is scratch
                              that makes ReLU's mask cheaper (a comparison into
                              bool and a bool -> float copy beat one comparison
                              cast to float, which NumPy runs through a buffer)

Names: "relu", "leaky_relu" (slope ``LEAKY_SLOPE`` below zero), "sigmoid",
"tanh". ``get(name)`` returns the pair; unknown names raise ``ConfigError``.
The output layer is not here: it is the softmax inside ``losses``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import ConfigError

LEAKY_SLOPE = 0.01
# 0 as a 0-d array: a Python 0 handed to a ufunc costs ~1 us of conversion per call
_ZERO = np.zeros((), np.float32)


def relu(z: np.ndarray, out: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0, out=out)


def relu_backward(z, a, grad, out, scratch=None):
    # f'(z) = 1 where z > 0 else 0 (the subgradient 0 is taken at z == 0)
    mask = np.greater(z, 0, out=scratch, casting="unsafe") if scratch is not None else z > 0
    return np.multiply(grad, mask, out=out)


def leaky_relu(z: np.ndarray, out: np.ndarray) -> np.ndarray:
    # max(z, slope * z) equals leaky ReLU for 0 < slope < 1
    if out is z:
        return np.maximum(z, z * LEAKY_SLOPE, out=out)
    np.multiply(z, LEAKY_SLOPE, out=out)
    return np.maximum(z, out, out=out)


def leaky_relu_backward(z, a, grad, out, scratch=None):
    # f'(z) = 1 where z > 0 else slope  ==  slope + (1 - slope) * [z > 0]
    d = np.greater(z, 0, out=scratch, casting="unsafe") if scratch is not None else (z > 0).astype(z.dtype)
    np.multiply(d, 1.0 - LEAKY_SLOPE, out=d)
    np.add(d, LEAKY_SLOPE, out=d)
    return np.multiply(grad, d, out=out)


def sigmoid(z: np.ndarray, out: np.ndarray) -> np.ndarray:
    # 1 / (1 + e^-z) written as 0.5 * (1 + tanh(z / 2)): no overflow for any z
    np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    np.add(out, 1.0, out=out)
    return np.multiply(out, 0.5, out=out)


def sigmoid_backward(z, a, grad, out, scratch=None):
    # f'(z) = a (1 - a)
    d = np.subtract(1.0, a, out=scratch) if scratch is not None else np.subtract(1.0, a, dtype=a.dtype)
    np.multiply(d, a, out=d)
    return np.multiply(grad, d, out=out)


def tanh(z: np.ndarray, out: np.ndarray) -> np.ndarray:
    return np.tanh(z, out=out)


def tanh_backward(z, a, grad, out, scratch=None):
    # f'(z) = 1 - a^2
    d = np.multiply(a, a, out=scratch)
    np.subtract(1.0, d, out=d)
    return np.multiply(grad, d, out=out)


# -- training forward: a = f(z) and f'(z) in one go (the backward is then one multiply) --------

def relu_train(z, out, deriv, flags=None):
    if flags is None:
        np.greater(z, 0, out=deriv, casting="unsafe")  # f'(z) in {0, 1}
    else:
        np.copyto(deriv, np.greater(z, _ZERO, out=flags))
    return np.multiply(z, deriv, out=out)             # z * [z > 0] (cheaper than np.maximum)


def leaky_relu_train(z, out, deriv, flags=None):
    np.greater(z, 0, out=deriv, casting="unsafe")
    np.multiply(deriv, 1.0 - LEAKY_SLOPE, out=deriv)
    np.add(deriv, LEAKY_SLOPE, out=deriv)             # f'(z) in {slope, 1}
    return np.multiply(z, deriv, out=out)


def sigmoid_train(z, out, deriv, flags=None):
    a = sigmoid(z, out)
    np.subtract(1.0, a, out=deriv)
    np.multiply(deriv, a, out=deriv)                  # a (1 - a)
    return a


def tanh_train(z, out, deriv, flags=None):
    a = np.tanh(z, out=out)
    np.multiply(a, a, out=deriv)
    np.subtract(1.0, deriv, out=deriv)                # 1 - a^2
    return a


@dataclass(frozen=True)
class Activation:
    name: str
    forward: Callable[[np.ndarray, np.ndarray], np.ndarray]
    backward: Callable[..., np.ndarray]
    init: str          # the initialisation "auto" picks for it: "he" or "xavier"
    forward_train: Callable[..., np.ndarray] | None = None


ACTIVATIONS: dict[str, Activation] = {
    "relu": Activation("relu", relu, relu_backward, "he", relu_train),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_backward, "he", leaky_relu_train),
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_backward, "xavier", sigmoid_train),
    "tanh": Activation("tanh", tanh, tanh_backward, "xavier", tanh_train),
}


def get(name: str) -> Activation:
    """The activation called ``name``; ``ConfigError`` for an unknown name."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ConfigError(f"activation must be one of {', '.join(ACTIVATIONS)}; got {name!r}") from None
