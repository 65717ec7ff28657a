"""1-D profiles of the loss: along a straight line through weight space.

Two lines tell how training is going beside the 2-D slice (``core.landscape``):

    interpolation_profile(network, initial, current, inputs, labels)
        the line from the initial weights (t = 0) to the current ones (t = 1), a little
        beyond both ends: a single smooth valley between them means training went
        down one basin; a bump means it crossed a ridge (Goodfellow et al., 2015)
    update_profile(network, previous, current, inputs, labels)
        the line along the last update, through the current weights (t = 0); t counts
        updates of that size: t = -1 is the weights before it, t = +1 one more of the
        same. Whether the loss still falls ahead says whether a step of that size
        overshoots the valley floor.

Both are evaluated with the first-layer shortcut of ``core.landscape_grid.Slice``
(a line is a slice with one direction), so they cost what a grid row costs.
Parameters are flat vectors in the model's order (``MLP.params``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .config import NetworkConfig
from .landscape_grid import Slice

INTERPOLATION_TS = np.linspace(-0.5, 1.5, 41)     # from before the start to beyond the current weights
UPDATE_TS = np.linspace(-20.0, 20.0, 41)          # 20 updates of the last one's size either way: with
                                                  # Adam at 1e-3 the valley's walls rise within that


def _never() -> bool:
    return False


@dataclass(frozen=True)
class Profile:
    """The loss along ``origin + t * direction`` (arrays read-only).

    kind       "interpolation" (origin: the initial weights, t = 1: the current ones) or
               "update" (origin: the current weights, direction: the last update)
    ts (K,)    where along the line
    loss (K,)  mean cross-entropy there;  accuracy (K,) 0..1
    length     the distance in weight space from t = 0 to t = 1 (||direction||)
    """

    kind: str
    ts: np.ndarray
    loss: np.ndarray
    accuracy: np.ndarray
    length: float


def _readonly(a) -> np.ndarray:
    a = np.array(a, np.float64)
    a.flags.writeable = False
    return a


def loss_along(network: NetworkConfig, origin: np.ndarray, direction: np.ndarray, ts, inputs, labels,
               cancelled: Callable[[], bool] = _never) -> tuple[np.ndarray, np.ndarray]:
    """(loss (K,), accuracy (K,)) at ``origin + t * direction`` for each t in ``ts`` (K,)."""
    ts = np.asarray(ts, np.float64).reshape(-1)
    line = Slice(network, origin, direction, np.zeros_like(np.asarray(direction, np.float32)), inputs, labels)
    return line.points(ts, np.zeros_like(ts), cancelled)


def interpolation_profile(network: NetworkConfig, initial: np.ndarray, current: np.ndarray, inputs, labels,
                          ts=INTERPOLATION_TS, cancelled: Callable[[], bool] = _never) -> Profile:
    """The loss on the straight line from ``initial`` (t = 0) to ``current`` (t = 1)."""
    start = np.asarray(initial, np.float32)
    direction = np.asarray(current, np.float32) - start                         # (P,)
    loss, acc = loss_along(network, start, direction, ts, inputs, labels, cancelled)
    return Profile("interpolation", _readonly(ts), _readonly(loss), _readonly(acc),
                   float(np.linalg.norm(direction.astype(np.float64))))


def update_profile(network: NetworkConfig, previous: np.ndarray, current: np.ndarray, inputs, labels,
                   ts=UPDATE_TS, cancelled: Callable[[], bool] = _never) -> Profile:
    """The loss along the last update ``current - previous``, through ``current`` (t = 0)."""
    here = np.asarray(current, np.float32)
    direction = here - np.asarray(previous, np.float32)                         # (P,)
    loss, acc = loss_along(network, here, direction, ts, inputs, labels, cancelled)
    return Profile("update", _readonly(ts), _readonly(loss), _readonly(acc),
                   float(np.linalg.norm(direction.astype(np.float64))))
