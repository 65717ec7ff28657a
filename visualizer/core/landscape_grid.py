"""The loss over a slice of weight space, fast because it is exact about the first layer.

A ``Slice`` holds a network's parameters W, two directions d1, d2 (flat, the
model's order, see ``core.landscape``) and a set of labelled images X, and
evaluates the network at any point ``W + alpha d1 + beta d2`` of the plane.

The first layer is linear in its weights, so for every point

    X (W0 + alpha D1 + beta D2) + (b0 + alpha e1 + beta e2)
        = (X W0 + b0) + alpha (X D1 + e1) + beta (X D2 + e2)        # (n, 784) @ (784, h1) -> (n, h1)

The three (n, h1) terms are computed once, with three 784-wide products; after
that a point's first layer costs a weighted sum of three (n, h1) arrays instead
of an (n, 784) @ (784, h1) product, which is most of a forward pass. The later
layers are evaluated as usual, with their weights ``W_k + alpha D1_k + beta D2_k``,
for a batch of points at a time ((K, n, h) @ (K, h, h') -> (K, n, h')), so the
Python overhead per point stays small next to the arithmetic.

    s = Slice(network, params, d1, d2, inputs, labels)
    loss, accuracy = s.points(alphas, betas)             # any points (K,) -> (K,), (K,)
    for grid in refine(s, alphas, betas): ...            # coarse grid first, then finer
    grid = compute_grid(s, alphas, betas)                # just the full grid

The loss is the mean cross-entropy (log-sum-exp, in nats) over the images, as
``core.evaluation.evaluate`` computes it; arithmetic is float32 like the
network's, sums over images float64. BLAS threads are the caller's choice.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from . import activations
from .blas import blas_thread_limit
from .config import NetworkConfig
from .landscape import layer_slices, n_params

CHUNK_IMAGES = 1024     # images per chunk: what one worker evaluates the points on at a time
BATCH_COLUMNS = 2048    # points x images per batch: amortises the calls, stays in cache
COARSE_POINTS = 5       # at least this many points per axis in the first, coarsest grid


def _never() -> bool:
    return False


class Slice:
    """The network on the plane ``params + alpha d1 + beta d2``, on ``inputs`` (n, n_in) and ``labels`` (n,).

    Nothing in it changes after construction (every call has its own scratch), so several
    threads may evaluate points of one slice at once.
    """

    def __init__(self, network: NetworkConfig, params: np.ndarray, d1: np.ndarray, d2: np.ndarray,
                 inputs: np.ndarray, labels: np.ndarray):
        p = n_params(network)
        vecs = [np.asarray(v, np.float32).reshape(-1) for v in (params, d1, d2)]   # W, D1, D2: (P,)
        if any(v.size != p for v in vecs):
            raise ValueError(f"parameters and directions must have {p} entries, "
                             f"got {', '.join(str(v.size) for v in vecs)}")
        x = np.asarray(inputs, np.float32)
        if x.ndim != 2 or x.shape[1] != network.sizes[0] or len(labels) != len(x) or len(x) == 0:
            raise ValueError(f"inputs must be (n, {network.sizes[0]}) with n > 0 and one label each, "
                             f"got {x.shape} and {len(labels)} labels")
        self.network = network
        self.n = len(x)
        self.labels = np.asarray(labels).astype(np.intp)              # (n,)
        self.activation = activations.get(network.activation).forward
        layers = layer_slices(network)
        (w0, b0, shape0), self._layers = layers[0], []
        # (3, h1, n): (X W0 + b0)^T, (X D1 + e1)^T, (X D2 + e2)^T: the three products, once. Every
        # layer runs unit-major, (units, images), so adding a bias and reducing over classes run
        # along whole contiguous rows of images
        first = np.stack([(x @ v[w0].reshape(shape0) + v[b0]).T for v in vecs])
        # cut into chunks of images, each contiguous: element-wise passes over a strided view of
        # the whole run at half the speed
        bounds = np.array_split(np.arange(self.n), -(-self.n // CHUNK_IMAGES))
        self._chunks = [(slice(int(c[0]), int(c[-1]) + 1), np.ascontiguousarray(first[:, :, c[0]:c[-1] + 1]))
                        for c in bounds]                 # (rows, (3, h1, r)) each
        for ws, bs, shape in layers[1:]:
            weights = np.stack([v[ws].reshape(shape).T for v in vecs])  # (3, n_out, n_in): W_k^T...
            biases = np.stack([v[bs] for v in vecs])                     # (3, n_out)
            self._layers.append((weights, biases))

    def points(self, alphas, betas, cancelled: Callable[[], bool] = _never,
               workers: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """(loss (K,), accuracy (K,)) float64 at the K points (alphas[k], betas[k]).

        Where the network's values leave float32's range (points absurdly far away) the
        loss is infinite and nothing counts as correct.

        The images are cut into chunks of at most ``CHUNK_IMAGES`` (as it was when the
        slice was made); ``workers`` threads
        share the chunks (each runs its BLAS products on one thread, so two workers use
        two cores). Within a chunk the points go in order of alpha, so the points of one
        grid row share ``X W0 + b0 + alpha (X D1 + e1)``. ``cancelled()`` is polled
        between batches; when it turns True, ``RuntimeError("cancelled")`` ends the work.
        """
        a = np.asarray(alphas, np.float64).reshape(-1)
        b = np.asarray(betas, np.float64).reshape(-1)
        if a.shape != b.shape:
            raise ValueError(f"alphas and betas must pair up, got {a.size} and {b.size}")
        order = np.lexsort((b, a))                       # by alpha, then beta
        a, b, chunks = a[order], b[order], self._chunks
        with blas_thread_limit(1), np.errstate(over="ignore", invalid="ignore"):
            if workers <= 1 or len(chunks) == 1:
                parts = [self._chunk(a, b, chunk, cancelled) for chunk in chunks]
            else:
                with ThreadPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
                    parts = list(pool.map(lambda chunk: self._chunk(a, b, chunk, cancelled), chunks))
        out = np.empty((2, a.size))
        out[:, order] = np.sum(parts, axis=0) / self.n   # (2, K): mean loss, accuracy
        out[0, ~np.isfinite(out[0])] = np.inf            # logits beyond float32's range: no finite loss
        return out[0], out[1]

    def _chunk(self, a: np.ndarray, b: np.ndarray, chunk: tuple, cancelled) -> np.ndarray:
        """(2, K): summed loss and number correct of all points on one chunk of images
        (``chunk``: which rows, and their three first-layer terms (3, h1, r))."""
        rows, first = chunk
        r = rows.stop - rows.start
        per_batch = max(1, BATCH_COLUMNS // r)
        scratch = _Scratch(self, min(per_batch, a.size), r)
        sums = np.empty((2, a.size))
        for k in range(0, a.size, per_batch):
            if cancelled():
                raise RuntimeError("cancelled")
            sums[:, k:k + per_batch] = self._batch(a[k:k + per_batch], b[k:k + per_batch], first,
                                                   self.labels[rows], scratch)
        return sums

    @staticmethod
    def _first_layer(a: np.ndarray, b: np.ndarray, first: np.ndarray, scratch: "_Scratch") -> np.ndarray:
        """(K, h1, r) float32: the first layer's pre-activations of points (a, b) on a chunk of
        images whose three terms are ``first`` (3, h1, r)."""
        base, along1, along2 = first                     # (h1, r) each
        h = scratch.layers[0][:len(a)]
        for k, (alpha, beta) in enumerate(zip(a, b)):
            if scratch.row_alpha != alpha:               # X W0 + b0 + alpha (X D1 + e1), once per row
                np.multiply(along1, np.float32(alpha), out=scratch.row)
                scratch.row += base
                scratch.row_alpha = alpha
            np.multiply(along2, np.float32(beta), out=h[k])
            h[k] += scratch.row
        return h

    def _batch(self, a: np.ndarray, b: np.ndarray, first: np.ndarray, y: np.ndarray,
               scratch: "_Scratch") -> np.ndarray:
        """(2, K): summed loss and number correct of the points (a, b) on a chunk of images:
        their first layer's three terms ``first`` (3, h1, r) and labels ``y`` (r,)."""
        coef = np.stack([np.ones_like(a), a, b], axis=1).astype(np.float32)     # (K, 3)
        h = self._first_layer(a, b, first, scratch)                             # (K, h1, r)
        for (weights, biases), out in zip(self._layers, scratch.layers[1:]):
            h = self.activation(h, h)
            w = (coef @ weights.reshape(3, -1)).reshape(len(a), *weights.shape[1:])   # (K, n_out, n_in)
            h = np.matmul(w, h, out=out[:len(a)])        # (K, n_out, n_in) @ (K, n_in, r) -> (K, n_out, r)
            h += (coef @ biases)[:, :, None]             # (K, 3) @ (3, n_out) -> (K, n_out, 1)
        return self._scores(h, y)

    @staticmethod
    def _scores(z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """(2, K): summed cross-entropy and number correct of logits z (K, C, r) for labels y (r,)."""
        k, c, r = z.shape
        top = z.max(axis=1)                                                     # (K, r)
        picked = np.take(z.reshape(k, -1), y * r + np.arange(r), axis=1)        # (K, r): z_y
        z -= top[:, None, :]                             # shifted: no exponent overflows
        lse = np.log(np.exp(z).sum(axis=1))                                     # (K, r)
        loss = lse.sum(axis=1, dtype=np.float64) - (picked - top).sum(axis=1, dtype=np.float64)
        # correct: z_y is the maximum and no class before y ties with it (argmax takes the first)
        before = np.arange(c)[:, None] < y[None, :]                             # (C, r)
        tie_before = ((z == 0) & before).any(axis=1)                            # (K, r)
        correct = ((picked == top) & ~tie_before).sum(axis=1)
        return np.stack([loss, correct.astype(np.float64)])


class _Scratch:
    """One worker's buffers for batches of ``k`` points on ``r`` images (reused batch after batch)."""

    def __init__(self, surface: Slice, k: int, r: int):
        widths = surface.network.sizes[1:]
        self.layers = [np.empty((k, width, r), np.float32) for width in widths]   # (K, n_out, r) each
        self.row = np.empty((widths[0], r), np.float32)  # X W0 + b0 + alpha (X D1 + e1) on these images
        self.row_alpha: float | None = None              # the alpha ``row`` holds


@dataclass(frozen=True)
class Grid:
    """Loss and accuracy over alphas x betas, possibly still being refined (arrays read-only).

    alphas (N,), betas (M,)   the coordinates along d1 and along d2
    loss (N, M)               mean cross-entropy at (alphas[i], betas[j]); NaN where not computed yet
    accuracy (N, M)           0..1; NaN where not computed yet
    done (N, M)               which points are computed
    stride                    every stride-th point along both axes is done (1: the grid is complete)
    seconds                   compute time spent on it so far
    """

    alphas: np.ndarray
    betas: np.ndarray
    loss: np.ndarray
    accuracy: np.ndarray
    done: np.ndarray
    stride: int
    seconds: float

    @property
    def complete(self) -> bool:
        return bool(self.done.all())

    def filled(self) -> tuple[np.ndarray, np.ndarray]:
        """(loss, accuracy) (N, M) for display: a point not computed yet takes the value of the
        nearest point of the complete coarse lattice (every ``stride``-th point)."""
        ia, ib = (_nearest_on_lattice(len(v), self.stride) for v in (self.alphas, self.betas))
        loss, acc = self.loss[np.ix_(ia, ib)], self.accuracy[np.ix_(ia, ib)]
        return np.where(self.done, self.loss, loss), np.where(self.done, self.accuracy, acc)


def _nearest_on_lattice(n: int, stride: int) -> np.ndarray:
    """For each index 0..n-1, the nearest multiple of ``stride`` below n."""
    lattice = np.arange(0, n, stride)
    return lattice[np.abs(np.arange(n)[:, None] - lattice[None, :]).argmin(axis=1)]


def strides(n: int, m: int | None = None) -> list[int]:
    """The refinement levels of an n x m grid, coarse to fine: powers of two down to 1,
    starting from the largest that still leaves ``COARSE_POINTS`` points along the shorter axis."""
    shortest = min(n, m if m is not None else n)
    s = 1
    while (shortest - 1) // (2 * s) + 1 >= COARSE_POINTS:
        s *= 2
    return [s >> k for k in range(s.bit_length())]


def refine(surface: Slice, alphas, betas, cancelled: Callable[[], bool] = _never,
           workers: int = 1) -> Iterator[Grid]:
    """Successive grids over alphas x betas, coarse to fine: every point of the coarsest lattice
    first (a few dozen points: a first picture in a fraction of the full time), then the points
    each finer lattice adds. Each yielded ``Grid`` is a new read-only value; the last is complete.
    ``cancelled`` and ``workers`` as for ``Slice.points``."""
    a = np.array(alphas, np.float64).reshape(-1)
    b = np.array(betas, np.float64).reshape(-1)
    loss = np.full((a.size, b.size), np.nan)
    acc = np.full((a.size, b.size), np.nan)
    done = np.zeros((a.size, b.size), bool)
    seconds = 0.0
    for s in strides(a.size, b.size):
        lattice = np.zeros_like(done)
        lattice[::s, ::s] = True
        i, j = np.nonzero(lattice & ~done)                  # the points this level adds, row by row
        start = time.perf_counter()
        loss[i, j], acc[i, j] = surface.points(a[i], b[j], cancelled, workers)
        seconds += time.perf_counter() - start
        done |= lattice
        yield Grid(*(_frozen(v) for v in (a, b, loss, acc, done)), stride=s, seconds=seconds)


def compute_grid(surface: Slice, alphas, betas, cancelled: Callable[[], bool] = _never,
                 workers: int = 1) -> Grid:
    """The complete grid (the last of ``refine``'s, computed in one pass)."""
    a = np.array(alphas, np.float64).reshape(-1)
    b = np.array(betas, np.float64).reshape(-1)
    aa, bb = np.meshgrid(a, b, indexing="ij")               # (N, M) each
    start = time.perf_counter()
    loss, acc = surface.points(aa.ravel(), bb.ravel(), cancelled, workers)
    seconds = time.perf_counter() - start
    shape = (a.size, b.size)
    return Grid(*(_frozen(v) for v in (a, b, loss.reshape(shape), acc.reshape(shape),
                                         np.ones(shape, bool))), stride=1, seconds=seconds)


def _frozen(v: np.ndarray) -> np.ndarray:
    v = np.array(v, copy=True)
    v.flags.writeable = False
    return v
