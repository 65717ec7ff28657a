"""Training throughput of the NumPy engine against PyTorch and against the machine's GEMM rate.

Prints, for the default network 784-128-64-10 (ReLU, softmax, Adam lr 1e-3)
trained on 60,000 synthetic MNIST-shaped images (random pixels in [0, 1],
random labels: throughput does not depend on what is learned):

  * samples/s of ``visualizer.core.training.Trainer`` (one full epoch through
    the real training loop, events included, evaluation excluded) at batch
    sizes 32, 64, 128, 256;
  * where ``torch`` is importable, samples/s of the same network trained by
    PyTorch (CPU, float32, Adam, the same number of threads; the faster of its
    for-loop and foreach Adam) and the ratio engine / PyTorch;
  * achieved GFLOP/s (6 x parameters x samples / s) and the share of the
    GEMM rate: the 8 matrix products one training step needs, timed alone
    with preallocated outputs in this same run, against the whole step;
  * single-image (1 x 784) forward latency of ``MLP.predict_proba`` and of
    ``NetworkSnapshot.trace`` (what the drawing pad uses).

Every figure is the best of ``--repeats`` runs, engine and PyTorch measured
alternately, because the machine may be shared. Usage:

    .venv/bin/python benchmarks/train_throughput.py [--threads 1 2] [--repeats 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from visualizer.core.blas import blas_threads, set_blas_threads  # noqa: E402
from visualizer.core.config import NetworkConfig, TrainConfig  # noqa: E402
from visualizer.core.events import BatchEvent  # noqa: E402
from visualizer.core.network import MLP  # noqa: E402
from visualizer.core.snapshot import take_snapshot  # noqa: E402
from visualizer.core.training import Trainer  # noqa: E402

SIZES = (784, 128, 64, 10)

try:
    import torch
except ImportError:        # the comparison is optional
    torch = None


def engine_epoch(x, y, batch: int) -> float:
    """Seconds for one epoch of the real training loop (without the end-of-epoch evaluation)."""
    model = MLP(NetworkConfig(), np.random.default_rng(0))
    trainer = Trainer(model, TrainConfig(batch_size=batch, epochs=1, lr=1e-3), x, y,
                      rng=np.random.default_rng(1), blas_threads=None)   # the benchmark sets threads
    run = trainer.run()
    bpe = -(-len(x) // batch)
    start = time.perf_counter()
    for event in run:
        if isinstance(event, BatchEvent) and event.batch == bpe:
            break
    seconds = time.perf_counter() - start
    run.close()
    return seconds


def torch_epoch(xt, yt, batch: int, foreach: bool) -> float:
    net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64),
                              torch.nn.ReLU(), torch.nn.Linear(64, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, foreach=foreach)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = len(xt)
    start = time.perf_counter()
    perm = torch.randperm(n)
    for s in range(0, n, batch):
        idx = perm[s:s + batch]
        xb, yb = xt[idx], yt[idx]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()
    return time.perf_counter() - start


def gemm_step_seconds(batch: int, reps: int) -> tuple[float, float]:
    """(seconds, flops) of the 8 float32 GEMMs of one training step at this batch size."""
    rng = np.random.default_rng(0)
    f32 = np.float32
    x = rng.random((batch, 784), dtype=f32)
    w = [rng.random((a, b), dtype=f32) for a, b in zip(SIZES[:-1], SIZES[1:])]
    z = [np.empty((batch, b), f32) for b in SIZES[1:]]
    gw = [np.empty_like(m) for m in w]
    d = [np.empty((batch, b), f32) for b in SIZES[1:-1]]

    def step():
        np.matmul(x, w[0], out=z[0])            # forward
        np.matmul(z[0], w[1], out=z[1])
        np.matmul(z[1], w[2], out=z[2])
        np.matmul(z[1].T, z[2], out=gw[2])      # backward: weight gradients and deltas
        np.matmul(z[2], w[2].T, out=d[1])
        np.matmul(z[0].T, d[1], out=gw[1])
        np.matmul(d[1], w[1].T, out=d[0])
        np.matmul(x.T, d[0], out=gw[0])

    flops = 2 * batch * (3 * (784 * 128 + 128 * 64 + 64 * 10) - 784 * 128)
    for _ in range(20):
        step()
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(reps):
            step()
        best = min(best, (time.perf_counter() - t) / reps)
    return best, flops


def latency(fn, n: int = 2000) -> float:
    for _ in range(200):
        fn()
    best = float("inf")
    for _ in range(7):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - t) / n)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, os.cpu_count() or 1],
                    help="BLAS / torch thread counts to measure (default: 1 and all cores)")
    ap.add_argument("--batches", type=int, nargs="+", default=[32, 64, 128, 256])
    ap.add_argument("--samples", type=int, default=60000)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--no-torch", action="store_true")
    args = ap.parse_args(argv)
    use_torch = torch is not None and not args.no_torch

    rng = np.random.default_rng(0)
    x = rng.random((args.samples, 784), dtype=np.float32)
    y = rng.integers(0, 10, args.samples)
    params = MLP(NetworkConfig()).n_params
    print(f"network 784-128-64-10 relu, Adam lr 1e-3, {params:,} parameters, "
          f"{args.samples:,} synthetic images; numpy {np.__version__}"
          + (f", torch {torch.__version__}" if use_torch else ", torch not importable: no comparison"))
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    xt = yt = None
    if use_torch:
        xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))
    threads_before = blas_threads()
    for threads in dict.fromkeys(args.threads):
        if not set_blas_threads(threads):
            print(f"\n(cannot set the BLAS thread count; it stays {blas_threads()})")
        if use_torch:
            torch.set_num_threads(threads)
        print(f"\n== {threads} thread{'s' if threads > 1 else ''} (BLAS reports {blas_threads()}) ==")
        head = f"{'batch':>5} {'engine samples/s':>17}"
        if use_torch:
            head += f" {'torch samples/s':>16} {'ratio':>6}"
        head += f" {'GFLOP/s (6PN)':>14} {'GEMM-only GFLOP/s':>18} {'share of GEMM rate':>19}"
        print(head)
        for batch in args.batches:
            ours, theirs = float("inf"), float("inf")
            for _ in range(args.repeats):
                ours = min(ours, engine_epoch(x, y, batch))
                if use_torch:
                    for foreach in (False, True):
                        theirs = min(theirs, torch_epoch(xt, yt, batch, foreach))
            steps = -(-args.samples // batch)
            gemm_s, gemm_flops = gemm_step_seconds(batch, max(20, 6000 // batch))
            engine_sps = args.samples / ours
            line = f"{batch:>5} {engine_sps:>17,.0f}"
            if use_torch:
                torch_sps = args.samples / theirs
                line += f" {torch_sps:>16,.0f} {engine_sps / torch_sps:>5.2f}x"
            achieved = 6 * params * args.samples / ours / 1e9
            gemm_rate = gemm_flops / gemm_s / 1e9
            share = (gemm_s * steps) / ours
            line += f" {achieved:>14.1f} {gemm_rate:>18.1f} {share:>18.0%}"
            print(line, flush=True)
    if threads_before is not None:
        set_blas_threads(threads_before)

    print("\nsingle image (1 x 784) forward latency, current BLAS threads:")
    model = MLP(NetworkConfig(), np.random.default_rng(0))
    img = x[0].copy()
    print(f"  MLP.predict_proba        {latency(lambda: model.predict_proba(img)) * 1e6:8.1f} us")
    snap = take_snapshot(model)
    print(f"  NetworkSnapshot.trace    {latency(lambda: snap.trace(img)) * 1e6:8.1f} us")
    if use_torch:
        net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64),
                                  torch.nn.ReLU(), torch.nn.Linear(64, 10), torch.nn.Softmax(dim=1))
        ti = torch.from_numpy(img[None])
        with torch.no_grad():
            print(f"  torch (no_grad)          {latency(lambda: net(ti)) * 1e6:8.1f} us")
    print("\n'share of GEMM rate': time of the step's 8 GEMMs alone (same shapes, same run) over the "
          "time of the full training step; 'GFLOP/s (6PN)' counts 6 x parameters x samples.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
