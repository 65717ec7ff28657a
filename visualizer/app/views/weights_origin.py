"""What "Δ since start" compares with: the first snapshot the weights view saw of a network.

``WeightOrigin`` (Qt-free) keeps copies of every weight matrix of the earliest
snapshot of the network shown: a network of other sizes, an earlier step (a
rewound or reset run) or step 0 starts it again, and ``reset`` forgets it (a
new or loaded model). Until a later step of the same network arrives there is
no change to show (``available`` is False) and the view shows the weights.
"""

from __future__ import annotations

import numpy as np


class WeightOrigin:
    """The (sizes, step, weights) the weights view measures changes from (see the module doc)."""

    def __init__(self) -> None:
        self._sizes: tuple | None = None
        self._step = 0
        self._weights: tuple[np.ndarray, ...] = ()     # copies of W[1..L], each (n_in, n_out)

    @property
    def step(self) -> int:
        """The step of the snapshot the changes count from."""
        return self._step

    def reset(self) -> None:
        """Forget the origin: the next snapshot starts it again."""
        self._sizes = None

    def note(self, snap) -> None:
        """A new ``NetworkSnapshot``: it becomes the origin when it starts another network or run."""
        if snap is None or len(snap.sizes) < 3:
            return
        if self._sizes != tuple(snap.sizes) or snap.step < self._step or snap.step == 0:
            self._sizes, self._step = tuple(snap.sizes), int(snap.step)
            self._weights = tuple(np.array(w) for w in snap.weights)

    def available(self, snap) -> bool:
        """True when there is a change to show: ``snap`` is a later step of the network seen first."""
        return snap is not None and self._sizes == tuple(snap.sizes) and int(snap.step) != self._step

    def weights(self, k: int) -> np.ndarray:
        """W[k] (n_in, n_out) at the origin (k = 1 .. L)."""
        return self._weights[k - 1]
