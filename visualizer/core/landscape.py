"""The loss landscape: which 2-D slice of weight space to look at.

What the picture is, and is not (``about(network)``, shown beside every landscape):

    A loss landscape is a 2-D slice through the loss surface of the network,
    which lives in as many dimensions as the network has parameters (109,386
    for 784-128-64-10). Each point of the picture is the loss (or accuracy) of
    the network whose weights are the current ones moved by alpha along one
    direction and beta along another: W + alpha d1 + beta d2; the centre is the
    network as it is. Its shape depends on the directions chosen: two random
    directions show how the surface looks around the current weights in
    typical directions, the two principal directions of the training
    trajectory show the plane in which training moved the most. It is not the
    whole surface, and a valley in the slice is not a valley in every
    direction; the path drawn over it is the trajectory's projection onto that
    plane, which can pass over ridges the real path went around.

Directions are flat vectors in the network's own parameter order (``MLP.params``:
W0, b0, W1, b1, ... with W_i (n_in, n_out) row-major, b_i (n_out,)), so
``params + alpha * d1 + beta * d2`` is a network again.

    random_directions(network, params, seed) -> Directions       filter-normalised (below)
    filter_normalise(direction, params, network) -> (P,)        the normalisation alone
    pca_directions(trajectory) -> Directions                    the trajectory's two principal directions
    project(points, origin, d1, d2) -> (m, 2)                   coordinates of points in the slice
    about(network) -> str                                       the paragraph above, for that network

Filter normalisation (Li et al., "Visualizing the Loss Landscape of Neural
Nets", 2018): a random Gaussian direction is rescaled unit by unit, so that
each unit's incoming weights in the direction (a column of W_i, the unit's
"filter") have the norm of that unit's incoming weights in the network. Then
alpha = 1 moves every unit by as much as its own size, whatever the scale of
its weights, and slices of different networks compare. The bias entries of a
random direction are set to zero, as in the paper: a unit's bias is one
number whose own "norm" |b_j| is zero at initialisation and says nothing about
the scale the unit works at, so normalising it to |b_j| would be arbitrary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import NetworkConfig

ABOUT = (
    "A loss landscape is a 2-D slice through the loss surface of the network, which lives in as "
    "many dimensions as the network has parameters ({n_params:,} for {sizes}). Each point of the "
    "picture is the loss (or accuracy) of the network whose weights are the current ones moved by "
    "alpha along one direction and beta along another: W + alpha d1 + beta d2; the centre is the "
    "network as it is. Its shape depends on the directions chosen: two random directions show how "
    "the surface looks around the current weights in typical directions, the two principal "
    "directions of the training trajectory show the plane in which training moved the most. It is "
    "not the whole surface, and a valley in the slice is not a valley in every direction; the path "
    "drawn over it is the trajectory's projection onto that plane, which can pass over ridges the "
    "real path went around.")

MIN_TRAJECTORY = 3          # points (the final one included) that span a plane


def about(network: NetworkConfig | None = None) -> str:
    """What a landscape of ``network`` (default 784-128-64-10) is and is not, in one paragraph."""
    network = network if network is not None else NetworkConfig()
    return ABOUT.format(n_params=n_params(network), sizes="-".join(map(str, network.sizes)))


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Directions:
    """Two directions through weight space (flat, the model's parameter order; read-only).

    d1, d2      (P,) float32
    kind        "random" (filter-normalised, from ``seed``) or "pca" (unit vectors)
    seed        the seed of random directions (None for "pca")
    explained   for "pca": the share of the trajectory's variance along d1 and along d2
    """

    d1: np.ndarray
    d2: np.ndarray
    kind: str
    seed: int | None = None
    explained: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        for name in ("d1", "d2"):
            a = getattr(self, name)
            if a.dtype != np.float32 or a.ndim != 1 or a.flags.writeable:
                object.__setattr__(self, name, _readonly(np.asarray(a, np.float32).reshape(-1)))
        if self.d1.shape != self.d2.shape:
            raise ValueError(f"d1 and d2 must have the same length, got {self.d1.size} and {self.d2.size}")


def layer_slices(network: NetworkConfig) -> list[tuple[slice, slice, tuple[int, int]]]:
    """Per dense layer: (where W_i lies, where b_i lies, W_i's shape) in the flat parameters."""
    out, off = [], 0
    for n_in, n_out in zip(network.sizes[:-1], network.sizes[1:]):
        w = slice(off, off + n_in * n_out)
        b = slice(w.stop, w.stop + n_out)
        out.append((w, b, (n_in, n_out)))
        off = b.stop
    return out


def n_params(network: NetworkConfig) -> int:
    """How many parameters a network of this architecture has (``MLP(network).n_params``)."""
    return layer_slices(network)[-1][1].stop


def filter_normalise(direction: np.ndarray, params: np.ndarray, network: NetworkConfig) -> np.ndarray:
    """``direction`` (P,) rescaled so each unit's incoming weights have the norm of ``params``' unit.

    For every layer i and unit j: d[W_i][:, j] *= ||W_i[:, j]|| / ||d[W_i][:, j]||
    (a unit with no weights in the direction stays zero). Bias entries become zero
    (see the module doc). Returns a new float32 array.
    """
    d = np.asarray(direction, np.float64).copy()
    w = np.asarray(params, np.float64)
    if d.shape != w.shape or d.size != n_params(network):
        raise ValueError(f"direction and parameters must both have {n_params(network)} entries, "
                         f"got {d.size} and {w.size}")
    for ws, bs, shape in layer_slices(network):
        dw = d[ws].reshape(shape)                        # (n_in, n_out) view: column j = unit j
        size = np.linalg.norm(w[ws].reshape(shape), axis=0)     # (n_out,)
        norm = np.linalg.norm(dw, axis=0)                       # (n_out,)
        dw *= np.divide(size, norm, out=np.zeros_like(norm), where=norm > 0)
        d[bs] = 0.0
    return d.astype(np.float32)


def random_directions(network: NetworkConfig, params: np.ndarray, seed: int = 0) -> Directions:
    """Two Gaussian directions from ``default_rng(seed)``, filter-normalised to ``params``."""
    rng = np.random.default_rng(int(seed))
    p = n_params(network)
    raw = rng.standard_normal((2, p))                    # (2, P) float64: the same for any dtype
    d1, d2 = (filter_normalise(r, params, network) for r in raw)
    return Directions(d1, d2, "random", seed=int(seed))


def pca_directions(trajectory: np.ndarray) -> Directions:
    """The two principal directions of ``trajectory`` (m, P), its rows oldest first.

    PCA of the differences from the final point (the current weights): the SVD
    ``T[:-1] - T[-1] = U S Vt`` gives unit vectors d1, d2 = Vt[0], Vt[1], the plane
    that keeps most of how far the run travelled. Signs are chosen so that the first
    point of the trajectory lies at negative coordinates: training moves towards +.
    ``ValueError`` for fewer than ``MIN_TRAJECTORY`` points or a trajectory that does
    not span a plane (all points on one line).
    """
    t = np.asarray(trajectory, np.float64)
    if t.ndim != 2 or len(t) < MIN_TRAJECTORY:
        raise ValueError(f"a trajectory needs at least {MIN_TRAJECTORY} parameter vectors, "
                         f"got {len(t) if t.ndim == 2 else 'an array of shape ' + str(t.shape)}")
    diffs = t[:-1] - t[-1]                               # (m-1, P)
    _, s, vt = np.linalg.svd(diffs, full_matrices=False)   # s (r,), vt (r, P)
    if len(s) < 2 or s[1] <= s[0] * 1e-6:
        raise ValueError("the trajectory does not span a plane (its points lie on one line)")
    d = vt[:2].copy()                                    # (2, P)
    first = d @ diffs[0]                                 # (2,) coordinates of the first point
    d[first > 0] *= -1.0
    total = float(np.sum(s ** 2))
    return Directions(d[0], d[1], "pca", explained=(float(s[0] ** 2 / total), float(s[1] ** 2 / total)))


def project(points: np.ndarray, origin: np.ndarray, d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """(m, 2) coordinates (alpha, beta) of ``points`` (m, P) in the plane origin + alpha d1 + beta d2.

    The least-squares projection: the (alpha, beta) whose point of the plane is nearest,
    solved from the 2x2 normal equations (exact for directions that are not orthogonal,
    e.g. two random ones). The origin itself is (0, 0).
    """
    p = np.atleast_2d(np.asarray(points, np.float64)) - np.asarray(origin, np.float64)   # (m, P)
    d = np.stack([np.asarray(d1, np.float64), np.asarray(d2, np.float64)])             # (2, P)
    gram = d @ d.T                                       # (2, P) @ (P, 2) -> (2, 2)
    rhs = d @ p.T                                        # (2, P) @ (P, m) -> (2, m)
    return np.linalg.solve(gram, rhs).T                  # (m, 2)
