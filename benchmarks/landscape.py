"""A loss-landscape grid: the first-layer shortcut against one full forward pass per point.

    python benchmarks/landscape.py [--grid 41] [--span 1.0] [--epochs 2] [--rounds 2]

On the 4,050 embedded training images (the sample's training split, prepared as
``visualizer train`` prepares it), a 784-128-64-10 network trained for a couple
of epochs, two filter-normalised random directions: times, in the same run,

    fast      ``core.landscape_grid.Slice.points`` over the N x N grid: the first
              layer as a weighted sum of three precomputed products (one core,
              then two worker threads); and how soon ``refine`` yields its
              first, coarse grid
    straight  the same grid with one full forward pass per point: the parameters
              set to W + alpha d1 + beta d2, then ``core.evaluation.evaluate``

and prints the times, their ratio on one core, and the largest difference
between the two grids (loss in nats; accuracy in images). The fast grid is timed
``--rounds`` times and the best is kept (the straight one is long, timed once).
Targets: ratio >= 4x, 41 x 41 under 3 s on 2 cores, largest loss difference < 1e-4.
The machine's load average is printed too: the ratio is what compares.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from visualizer.core import runsetup
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import load_dataset
from visualizer.core.evaluation import evaluate
from visualizer.core.landscape import random_directions
from visualizer.core.landscape_grid import Slice, refine
from visualizer.core.network import MLP
from visualizer.core.training import Trainer


def trained_model(x, y, epochs: int) -> MLP:
    model = MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(0))
    for _ in Trainer(model, TrainConfig(epochs=epochs, seed=0), x, y, rng=np.random.default_rng(0)).run():
        pass
    return model


def straight(model: MLP, d1, d2, x, y, alphas, betas) -> tuple[np.ndarray, np.ndarray]:
    """One full forward pass per point: (loss (K,), accuracy (K,))."""
    probe = model.copy()
    loss, acc = np.empty(alphas.size), np.empty(alphas.size)
    for k, (a, b) in enumerate(zip(alphas, betas)):
        np.copyto(probe.params, model.params + np.float32(a) * d1 + np.float32(b) * d2)
        ev = evaluate(probe, x, y)
        loss[k], acc[k] = ev.loss, ev.accuracy
    return loss, acc


def best_time(fn, rounds: int):
    """(wall seconds, CPU seconds of this process, result) of the fastest of ``rounds`` runs."""
    best, out = (float("inf"), float("inf")), None
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best[0], best[1], out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grid", type=int, default=41)
    ap.add_argument("--span", type=float, default=1.0)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    ds = load_dataset("sample")
    run = runsetup.prepare(ds, runsetup.split_for(ds, "sample", 0.1))    # as `visualizer train` does
    x, y = run.inputs_train, run.y_train.astype(np.int64)
    model = trained_model(x, y, args.epochs)
    d = random_directions(model.config, model.params, seed=0)
    ticks = np.linspace(-args.span, args.span, args.grid)
    aa, bb = (v.ravel() for v in np.meshgrid(ticks, ticks, indexing="ij"))    # (N*N,) each
    print(f"{args.grid} x {args.grid} grid, {len(y):,} images, {model.n_params:,} parameters, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")

    setup, setup_cpu, surface = best_time(lambda: Slice(model.config, model.params, d.d1, d.d2, x, y), 1)
    fast1, fast1_cpu, (loss_f, acc_f) = best_time(lambda: surface.points(aa, bb, workers=1), args.rounds)
    fast2, _, _ = best_time(lambda: surface.points(aa, bb, workers=2), args.rounds)
    print(f"fast      setup (three products) {setup:.3f} s; grid {fast1:.2f} s on one core "
          f"({fast1_cpu:.2f} s CPU, {fast1 / aa.size * 1e3:.2f} ms per point), {fast2:.2f} s with two workers")
    start = time.perf_counter()
    coarse = next(refine(Slice(model.config, model.params, d.d1, d.d2, x, y), ticks, ticks))
    print(f"coarse    the first grid of the refinement ({int(coarse.done.sum())} points, every "
          f"{coarse.stride}th) after {time.perf_counter() - start:.2f} s, setup included, one core")
    slow, slow_cpu, (loss_s, acc_s) = best_time(lambda: straight(model, d.d1, d.d2, x, y, aa, bb), 1)
    print(f"straight  grid {slow:.2f} s on one core ({slow_cpu:.2f} s CPU, "
          f"{slow / aa.size * 1e3:.2f} ms per point)")
    print(f"ratio     {slow / (setup + fast1):.1f}x on one core, setup included "
          f"({slow_cpu / (setup_cpu + fast1_cpu):.1f}x in CPU time, which the machine's load disturbs less)")
    print(f"largest difference: loss {np.max(np.abs(loss_f - loss_s)):.2e} nats, accuracy "
          f"{np.max(np.abs(acc_f - acc_s)) * len(y):.0f} image(s) "
          f"(loss from {loss_s.min():.3f} to {loss_s.max():.3f})")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
