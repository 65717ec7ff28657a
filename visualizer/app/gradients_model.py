"""What the Gradients view shows, without widgets: the run's gradient health and what it means.

The training loop records, every few steps, per layer ||dW|| and the update-to-weight
ratio ||delta W|| / ||W|| (``core.steprecord``); they arrive on the session's batches
(``BatchEvent.norms``). ``GradientsModel`` keeps them as growing arrays:

    steps    (N,) int64       the steps recorded
    grad_w   (N, layers)      ||dW|| per layer
    ratio    (N, layers)      ||delta W|| / ||W|| per layer

``message()`` says in words what ``core.gradhealth.verdict`` reads from the last
``LAST_N`` records: vanishing gradients (the first layer's gradient more than 100x
below the last layer's), exploding ones, or healthy. ``histogram_models`` builds the
two networks ``core.gradhealth.layer_histograms`` compares: the run's first kept
moment and the latest snapshot.

Only ``tr`` (Qt's translation lookup) touches Qt here; the numbers are the core's.
"""

from __future__ import annotations

import numpy as np

from visualizer.core.gradhealth import Verdict, verdict
from visualizer.core.network import MLP

from .i18n import tr

LAST_N = 20           # records the verdict reads (the latest ones)
HISTOGRAM_IMAGES = 256  # training images the gradient histograms are measured on


def times(factor: float) -> str:
    """A ratio for a sentence: two significant figures with thousands separators ("1,200")."""
    if not np.isfinite(factor):
        return "∞"
    if factor >= 1e7:
        return f"{factor:.1e}"
    if factor < 10:
        return f"{factor:.1f}"
    exponent = int(np.floor(np.log10(factor)))
    return f"{round(factor, 1 - exponent):,.0f}"


class GradientsModel:
    """The recorded gradient norms of the model shown (see the module doc)."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Forget every record (a new or opened model)."""
        self._steps: list[int] = []
        self._grad_w: list[np.ndarray] = []
        self._ratio: list[np.ndarray] = []
        self._cache: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def add_batches(self, batches) -> bool:
        """Keep the norms of the ``BatchEvent``s that carry some; True when any did."""
        added = False
        for ev in batches:
            norms = ev.norms
            if norms is None:
                continue
            if self._grad_w and self._grad_w[-1].shape != norms.grad_w.shape:
                self.clear()                      # another architecture: start again
            if self._steps and ev.step <= self._steps[-1]:
                self.truncate(ev.step - 1)        # a run restarted from an earlier step
            self._steps.append(ev.step)
            self._grad_w.append(norms.grad_w)
            self._ratio.append(norms.ratio)
            added = True
        if added:
            self._cache = None
        return added

    def truncate(self, step: int) -> None:
        """Forget the records after ``step`` (the weights rolled back there)."""
        keep = int(np.searchsorted(np.asarray(self._steps, np.int64), step, side="right"))
        del self._steps[keep:], self._grad_w[keep:], self._ratio[keep:]
        self._cache = None

    @property
    def n_layers(self) -> int:
        return len(self._grad_w[0]) if self._grad_w else 0

    def __len__(self) -> int:
        return len(self._steps)

    def series(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(steps (N,) int64, grad_w (N, layers), ratio (N, layers)) float64, read-only."""
        if self._cache is None:
            n = self.n_layers
            shape = (len(self._steps), n)                 # (N, layers), (0, 0) before any record
            arrays = (np.asarray(self._steps, np.int64),
                      np.array(self._grad_w, np.float64).reshape(shape),
                      np.array(self._ratio, np.float64).reshape(shape))
            for a in arrays:
                a.flags.writeable = False
            self._cache = arrays
        return self._cache

    def verdict(self) -> Verdict | None:
        return verdict(self.series()[1], LAST_N) if self._steps else None

    def message(self) -> str:
        """The verdict in one or two sentences (what to look for before there is one)."""
        v = self.verdict()
        if v is None:
            return tr("Train to see the gradient of every layer: the training loop records its size "
                      "and the size of each update every few steps.")
        first, last = v.first + 1, v.last + 1
        if v.kind == "vanishing":
            return tr("Vanishing gradients: layer {first}'s gradient is {x}x smaller than layer "
                      "{last}'s; the early layers barely learn.").format(first=first, last=last,
                                                                        x=times(v.factor))
        if v.kind == "exploding":
            return tr("Exploding gradients: layer {first}'s gradient is {x}x larger than layer "
                      "{last}'s; the early layers' steps are far too large.").format(
                          first=first, last=last, x=times(1 / v.factor))
        return tr("Healthy gradients: layer {first}'s gradient is {x}x layer {last}'s, within a "
                  "factor of 100, so every layer learns.").format(first=first, last=last,
                                                                  x=times(1 / v.factor))


def histogram_models(network, initial_params: np.ndarray, snapshot) -> tuple[MLP, MLP]:
    """The networks the histograms compare: ``network`` (a NetworkConfig) with the flat
    ``initial_params`` of the run's first moment, and with the weights of ``snapshot``."""
    start = MLP(network, initialise=False)
    start.params[:] = initial_params
    now = MLP(network, initialise=False)
    now.set_parameters(list(snapshot.weights), list(snapshot.biases))
    return start, now
