"""What the Landscape view shows, without Qt: the run's kept weights, when to recompute, the work.

The view (``app.views.landscape_view``) renders; everything it shows is computed
here by the core (``core.landscape``: directions and projections,
``core.landscape_grid``: the grid, refined coarse to fine, ``core.landscape_profile``:
the two 1-D profiles, ``core.landscape_image.heatmap``: the colours and contour lines,
the same as ``visualizer landscape --png``).

    model = LandscapeModel()
    model.add_snapshot(snapshot)          # keeps the first weights, one per epoch, the latest two
    job = model.job(snapshot, data, "random", seed=0)   # a frozen description of one computation
    for result in compute(job, cancelled): ...         # coarse grid first, then profiles, then finer
    model.due(seconds, last_seconds, epochs)   # may the view start a recompute by itself now?

Everything a job holds is read-only; ``compute`` runs on the view's worker thread.

The images: a fixed subsample of ``SAMPLES`` training images, chosen with
``default_rng(SAMPLE_SEED)`` like ``visualizer landscape --samples 1000 --seed 0``, so the
centre of the picture is ``core.evaluation.evaluate`` on those images.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from visualizer.core.config import NetworkConfig
from visualizer.core.landscape import Directions, pca_directions, project, random_directions
from visualizer.core.landscape_grid import Grid, Slice, refine
from visualizer.core.landscape_profile import (INTERPOLATION_TS, UPDATE_TS, Profile,
                                               interpolation_profile, update_profile)

SAMPLES = 1000          # training images the landscape is computed on
SAMPLE_SEED = 0
GRID = 31               # points along each axis
RANDOM_SPAN = 1.0       # alpha and beta run from -1 to 1 for random directions
PCA_MARGIN = 1.2        # pca: the farthest trajectory point times this
MIN_SECONDS = 10.0      # never recompute by itself more often than this
DUTY = 0.05             # nor spend more than this share of the time computing
EVERY_EPOCHS = 2        # while training: follow the network every this many epochs
MAX_KEPT = 200          # per-epoch weights kept for the trajectory (the oldest thinned out)


def flat_params(snapshot) -> np.ndarray:
    """(P,) float32: a ``NetworkSnapshot``'s weights in the model's order W0, b0, W1, b1, ..."""
    return np.concatenate([a.reshape(-1) for w, b in zip(snapshot.weights, snapshot.biases) for a in (w, b)])


def network_of(snapshot) -> NetworkConfig:
    """The architecture of a ``NetworkSnapshot``."""
    s = tuple(snapshot.sizes)
    return NetworkConfig(hidden=s[1:-1], activation=snapshot.activation, n_inputs=s[0], n_classes=s[-1])


def subsample(n: int, size: int = SAMPLES, seed: int = SAMPLE_SEED) -> np.ndarray:
    """(min(n, size),) sorted indices of a fixed subsample of n images."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size, replace=False))


def _frozen(a) -> np.ndarray:
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class LandscapeJob:
    """One computation (arrays read-only).

    network, params (P,)    the weights at the centre, taken at ``step`` / ``epochs_done``
    kind, seed              "random" (filter-normalised, from seed) or "pca"
    trajectory (m, P)|None  kept weights oldest first, the centre last (pca, and the path drawn)
    initial (P,)|None       the first weights seen (the interpolation profile)
    previous (P,)|None      earlier weights ``steps_between`` updates before (the update profile)
    inputs (n, 784), labels (n,)   the subsample;  n_train: how many training images there are
    """

    network: NetworkConfig
    params: np.ndarray
    step: int
    epochs_done: int
    kind: str
    seed: int
    trajectory: np.ndarray | None
    initial: np.ndarray | None
    previous: np.ndarray | None
    steps_between: int
    inputs: np.ndarray
    labels: np.ndarray
    n_train: int
    grid: int = GRID


@dataclass(frozen=True)
class LandscapeResult:
    """What the view draws (arrays read-only).

    grid            the (partly refined) ``Grid``; ``grid.complete`` on the last result
    directions      the two directions used
    path (m, 2)|None   the trajectory's coordinates in the slice (the centre last, at (0, 0))
    profiles        the interpolation and update ``Profile``s computed so far; ``update``'s ts
                    count mean updates (``Profile.ts`` of the line over ``steps_between`` of them)
    """

    job: LandscapeJob
    grid: Grid
    directions: Directions
    path: np.ndarray | None
    profiles: tuple[Profile, ...]


class LandscapeModel:
    """The weights the view keeps of the current run, and the rule for recomputing by itself."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """A new model (created, reset or loaded): nothing kept."""
        self.kept: list[tuple[int, np.ndarray]] = []     # (step, (P,)) the first, then one per epoch
        self._last_epoch = -1
        self.latest: tuple[int, np.ndarray] | None = None
        self.before: tuple[int, np.ndarray] | None = None   # the snapshot before ``latest``

    def add_snapshot(self, snapshot) -> None:
        """Keep the first weights, the weights at each new epoch, and the latest two snapshots."""
        params = flat_params(snapshot)
        if self.latest is not None and snapshot.step < self.latest[0]:
            self.clear()                                 # went back: another run's weights
        if self.latest is None or snapshot.step != self.latest[0]:
            self.before, self.latest = self.latest, (snapshot.step, params)
        if not self.kept or snapshot.epochs_done > self._last_epoch:
            if not self.kept or snapshot.step != self.kept[-1][0]:
                self.kept.append((snapshot.step, params))
            self._last_epoch = snapshot.epochs_done
            if len(self.kept) > MAX_KEPT:
                del self.kept[1:len(self.kept):2]        # thin out, keep the first

    def can_pca(self) -> bool:
        """Enough kept weights (besides the current ones) for two principal directions."""
        return len(self.kept) >= 2

    def job(self, snapshot, data, kind: str, seed: int = 0) -> LandscapeJob:
        """The computation around ``snapshot``'s weights on the subsample of ``data`` (a ``RunData``)."""
        params = flat_params(snapshot)
        past = [p for step, p in self.kept if step < snapshot.step]
        trajectory = _frozen(np.vstack(past + [params])) if past else None
        idx = subsample(len(data.y_train))
        previous, between = None, 0
        if self.before is not None and self.latest is not None and self.latest[0] == snapshot.step:
            previous, between = self.before[1], snapshot.step - self.before[0]
        return LandscapeJob(network_of(snapshot), _frozen(params), snapshot.step, snapshot.epochs_done,
                            kind, int(seed), trajectory, past[0] if past else None, previous,
                            max(int(between), 0), _frozen(data.inputs_train[idx]),
                            _frozen(data.y_train[idx]), len(data.y_train))

    @staticmethod
    def due(seconds_since_last: float, last_seconds: float, epochs_since: int) -> bool:
        """May the view start a recompute by itself while training? Every ``EVERY_EPOCHS`` epochs,
        no sooner than ``MIN_SECONDS`` after the last job or the run's start (whichever is later:
        ``seconds_since_last``), and not before the computing time stays under ``DUTY`` of the
        time (a job of ``last_seconds`` waits last_seconds / DUTY)."""
        wait = max(MIN_SECONDS, last_seconds / DUTY)
        return epochs_since >= EVERY_EPOCHS and seconds_since_last >= wait


def _directions(job: LandscapeJob) -> tuple[Directions, np.ndarray | None, float]:
    """The directions, the trajectory's coordinates in their plane, and the span of the grid."""
    if job.kind == "pca":
        if job.trajectory is None:
            raise ValueError("the run has kept too few epochs' weights for principal directions; "
                             "train two epochs or more, or use random directions")
        d = pca_directions(job.trajectory)
    else:
        d = random_directions(job.network, job.params, job.seed)
    path = project(job.trajectory, job.params, d.d1, d.d2) if job.trajectory is not None else None
    span = RANDOM_SPAN
    if job.kind == "pca":
        far = float(np.abs(path).max()) if path is not None else 0.0
        span = PCA_MARGIN * far if far > 0 else RANDOM_SPAN
    return d, (_frozen(path) if path is not None else None), span


def compute(job: LandscapeJob, cancelled: Callable[[], bool] = lambda: False) -> Iterator[LandscapeResult]:
    """The landscape of ``job``, progressively: the coarsest grid, then with the profiles, then
    each finer grid. ``RuntimeError("cancelled")`` once ``cancelled()`` turns True;
    ``ValueError`` for pca without enough kept weights."""
    d, path, span = _directions(job)
    axis = np.linspace(-span, span, job.grid)
    surface = Slice(job.network, job.params, d.d1, d.d2, job.inputs, job.labels)
    profiles: tuple[Profile, ...] | None = None
    for grid in refine(surface, axis, axis, cancelled):
        yield LandscapeResult(job, grid, d, path, profiles or ())
        if profiles is None:
            profiles = _profiles(job, cancelled)
            if grid.complete:
                yield LandscapeResult(job, grid, d, path, profiles)


def _profiles(job: LandscapeJob, cancelled) -> tuple[Profile, ...]:
    """The interpolation profile (initial -> current) and the one along the mean last update."""
    out = []
    if job.initial is not None:
        out.append(interpolation_profile(job.network, job.initial, job.params, job.inputs, job.labels,
                                         INTERPOLATION_TS, cancelled))
    if job.previous is not None and job.steps_between > 0:
        p = update_profile(job.network, job.previous, job.params, job.inputs, job.labels,
                           UPDATE_TS / job.steps_between, cancelled)
        out.append(Profile(p.kind, _frozen(p.ts * job.steps_between), p.loss, p.accuracy,
                           p.length / job.steps_between))
    return tuple(out)
