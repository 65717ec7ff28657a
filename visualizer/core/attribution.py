"""Which pixels pushed the answer up and which pushed it down: gradient x input.

For an input x (784,) and a quantity f(x) the network computes for one class
(its logit, or better its log-probability, which also counts what the pixel
did for the other classes), the attribution of pixel i is

    x_i * df/dx_i                 # (784,) * (784,) -> (784,), signed

Positive: that pixel's ink raised f (it argues for the class); negative: it
lowered f. Pixels without ink get 0, whatever their gradient: gradient x input
explains the drawing that is there, not the one that could be.

The gradient itself comes from the engine's backward pass (one example's
forward and backward pass through the network); this module only combines it
with the input, so there is one implementation of backpropagation in the
project. Any class works: pass the gradient of that class's log-probability.

    attr = gradient_times_input(x, grad_x)        # (784,) float32
    shown = for_display(attr)                     # (28, 28) float32 in [-1, 1]

``for_display`` divides by a robust scale (the ``DISPLAY_PERCENTILE``-th
percentile of |attr| over the pixels with any attribution) so one extreme
pixel does not wash the rest out, clips to [-1, 1] and keeps 0 at 0: ready for
the diverging colour map (blue -1, white 0, red +1).
"""

from __future__ import annotations

import numpy as np

DISPLAY_PERCENTILE = 99.0


def gradient_times_input(x: np.ndarray, grad_x: np.ndarray) -> np.ndarray:
    """x (n,) times df/dx (n,) -> (n,) float32; ValueError when the shapes differ."""
    x = np.asarray(x, np.float64).reshape(-1)
    g = np.asarray(grad_x, np.float64).reshape(-1)
    if x.shape != g.shape:
        raise ValueError(f"the input has {x.size} values but its gradient {g.size}")
    return (x * g).astype(np.float32)


def for_display(attribution: np.ndarray, side: int = 28) -> np.ndarray:
    """(side * side,) signed attribution -> (side, side) float32 in [-1, 1], 0 staying 0."""
    a = np.nan_to_num(np.asarray(attribution, np.float64).reshape(side, side))
    mag = np.abs(a)
    nz = mag[mag > 0]
    if nz.size == 0:
        return np.zeros((side, side), np.float32)
    scale = float(np.percentile(nz, DISPLAY_PERCENTILE))
    return np.clip(a / scale, -1.0, 1.0).astype(np.float32)
