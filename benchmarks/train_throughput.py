"""Training throughput of the NumPy engine against PyTorch and against the machine's GEMM rate.

Prints, for the default network 784-128-64-10 (ReLU, softmax, Adam lr 1e-3)
trained on 60,000 synthetic MNIST-shaped images (random pixels in [0, 1],
random labels: throughput does not depend on what is learned):

  * samples/s of ``visualizer.core.training.Trainer`` (one full epoch through
    the real training loop, events included, evaluation excluded) at batch
    sizes 32, 64, 128, 256;
  * where ``torch`` is importable, samples/s of the same network trained by
    PyTorch (CPU, float32, Adam, the same number of threads) with each of its
    Adam implementations: for-loop (what ``torch.optim.Adam(params)`` runs on
    CPU), foreach and fused (``fused=True``, the fastest); the "torch" column
    and "ratio" are against the fastest of them, "vs default" against the
    for-loop one;
  * achieved GFLOP/s (6 x parameters x samples / s) and the share of the
    GEMM rate: the 8 matrix products one training step needs, timed alone
    with preallocated outputs in this same run, against the whole step;
  * single-image (1 x 784) forward latency of ``MLP.predict_proba`` and of
    ``NetworkSnapshot.trace`` (what the drawing pad uses).

The engine, PyTorch and the bare GEMMs each run one full epoch, interleaved in
windows of ``--window`` steps, so all three meet the same machine load (the
machine may be shared); each setting is repeated ``--repeats`` times and the
fastest epoch of each contender is printed ("epoch" rows: 60,000 images), and,
as less load-sensitive estimates, each contender's fastest window ("window"
rows) and the median over all rounds of the ratios between windows run back
to back ("paired" rows: samples/s are each contender's median window; the
ratio and the share are medians of the per-round ratios, so a burst of load
from another process moves one round, not the estimate). Usage:

    .venv/bin/python benchmarks/train_throughput.py [--threads 1 2] [--repeats 2] [--window 25]
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


def engine_steps(x, y, batch: int):
    """The real training loop (one epoch, evaluation excluded) as a generator of finished batches."""
    model = MLP(NetworkConfig(), np.random.default_rng(0))
    trainer = Trainer(model, TrainConfig(batch_size=batch, epochs=1, lr=1e-3), x, y,
                      rng=np.random.default_rng(1), blas_threads=None)   # the benchmark sets threads
    run = trainer.run()
    for event in run:
        if isinstance(event, BatchEvent):
            yield
            if event.batch == event.batches_per_epoch:
                break
    run.close()


TORCH_ADAMS = {"for-loop": {"foreach": False}, "foreach": {"foreach": True}, "fused": {"fused": True}}


def torch_steps(xt, yt, batch: int, variant: str):
    """The same network, loss and optimizer in PyTorch, one epoch, as a generator of batches.

    ``variant``: a key of ``TORCH_ADAMS`` (which implementation of torch.optim.Adam)."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64),
                              torch.nn.ReLU(), torch.nn.Linear(64, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, **TORCH_ADAMS[variant])
    loss_fn = torch.nn.CrossEntropyLoss()
    perm = torch.randperm(len(xt))
    for s in range(0, len(xt), batch):
        idx = perm[s:s + batch]
        xb, yb = xt[idx], yt[idx]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()
        yield


def gemm_steps(batch: int):
    """The 8 float32 GEMMs of one training step (same shapes, preallocated outputs), forever.

    Returns (generator, flops per step)."""
    rng = np.random.default_rng(0)
    f32 = np.float32
    x = rng.random((batch, 784), dtype=f32)
    w = [rng.random((a, b), dtype=f32) for a, b in zip(SIZES[:-1], SIZES[1:])]
    z = [np.empty((batch, b), f32) for b in SIZES[1:]]
    gw = [np.empty_like(m) for m in w]
    d = [np.empty((batch, b), f32) for b in SIZES[1:-1]]

    def steps():
        while True:
            np.matmul(x, w[0], out=z[0])            # forward
            np.matmul(z[0], w[1], out=z[1])
            np.matmul(z[1], w[2], out=z[2])
            np.matmul(z[1].T, z[2], out=gw[2])      # backward: weight gradients and deltas
            np.matmul(z[2], w[2].T, out=d[1])
            np.matmul(z[0].T, d[1], out=gw[1])
            np.matmul(d[1], w[1].T, out=d[0])
            np.matmul(x.T, d[0], out=gw[0])
            yield

    flops = 2 * batch * (3 * (784 * 128 + 128 * 64 + 64 * 10) - 784 * 128)
    return steps(), flops


def advance(gen, k: int) -> tuple[float, int]:
    """(seconds, steps) to advance ``gen`` by up to ``k`` steps."""
    done = 0
    t = time.perf_counter()
    for _ in range(k):
        if next(gen, StopIteration) is StopIteration:
            break
        done += 1
    return time.perf_counter() - t, done


def measure(x, y, xt, yt, batch: int, window: int, variants: list[str]):
    """Engine, PyTorch and bare GEMMs over one epoch each, interleaved in windows of
    ``window`` steps so all three meet the same machine load.

    Returns (dict of total seconds per epoch, dict of best per-step seconds of any window,
    flops per GEMM step, steps per epoch, list of rounds: dicts of per-step seconds of the
    contenders' full windows run back to back)."""
    contenders = {"engine": engine_steps(x, y, batch)}
    for variant in variants:
        contenders[f"torch:{variant}"] = torch_steps(xt, yt, batch, variant)
    gemm, flops = gemm_steps(batch)
    contenders["gemm"] = gemm
    steps = -(-len(x) // batch)
    total = dict.fromkeys(contenders, 0.0)
    best = dict.fromkeys(contenders, float("inf"))
    taken = dict.fromkeys(contenders, 0)
    for name in contenders:                     # warm up each (buffers, caches, thread pools)
        advance(contenders[name], 3)
        taken[name] = 3
    rounds = []
    while any(taken[n] < steps for n in contenders):
        this_round = {}
        for name, gen in contenders.items():
            k = min(window, steps - taken[name])
            if k <= 0:
                continue
            seconds, done = advance(gen, k)
            taken[name] += done
            total[name] += seconds
            if done == k == window:
                best[name] = min(best[name], seconds / done)
                this_round[name] = seconds / done
        if len(this_round) == len(contenders):
            rounds.append(this_round)
    # the 3 warm-up steps are not timed: scale totals to a full epoch
    for name in total:
        total[name] *= steps / max(steps - 3, 1)
    return total, best, flops, steps, rounds


def median(values: list[float]) -> float:
    v = sorted(values)
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else 0.5 * (v[mid - 1] + v[mid])


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
    ap.add_argument("--threads", type=int, nargs="+", default=[1],
                    help="BLAS / torch thread counts to measure (default: 1, what Trainer uses; "
                         "e.g. --threads 1 2 adds all cores of this machine)")
    ap.add_argument("--batches", type=int, nargs="+", default=[32, 64, 128, 256])
    ap.add_argument("--samples", type=int, default=60000)
    ap.add_argument("--repeats", type=int, default=2, help="full interleaved epochs per setting (best kept)")
    ap.add_argument("--window", type=int, default=25, help="steps per interleaved window")
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
    variants: list[str] = []
    if use_torch:          # the Adam implementations this torch has
        for name in TORCH_ADAMS:
            try:
                advance(torch_steps(xt[:256], yt[:256], 64, name), 10)
            except (RuntimeError, TypeError, ValueError):
                continue
            variants.append(name)
        use_torch = bool(variants)
    torch_keys = [f"torch:{v}" for v in variants]
    default_key = "torch:for-loop" if "for-loop" in variants else None
    threads_before = blas_threads()
    for threads in dict.fromkeys(args.threads):
        if not set_blas_threads(threads):
            print(f"\n(cannot set the BLAS thread count; it stays {blas_threads()})")
        if use_torch:
            torch.set_num_threads(threads)
        print(f"\n== {threads} thread{'s' if threads > 1 else ''} (BLAS reports {blas_threads()}"
              + (f", torch {torch.get_num_threads()}" if use_torch else "") + ") ==")
        head = f"{'batch':>5} {'':>7} {'engine samples/s':>17}"
        if use_torch:
            head += f" {'torch samples/s':>16} {'ratio':>6}" + (f" {'vs default':>10}" if default_key else "")
        head += f" {'GFLOP/s (6PN)':>14} {'GEMM-only GFLOP/s':>18} {'share of GEMM rate':>19}"
        print(head)
        for batch in args.batches:
            runs = [measure(x, y, xt, yt, batch, args.window, variants) for _ in range(args.repeats)]
            steps = runs[0][3]
            flops = runs[0][2]
            rounds = [r for run in runs for r in run[4]]
            # per step seconds: whole epoch (fastest epoch of the repeats), best window, median window
            epoch_s = {k: min(r[0][k] for r in runs) / steps for k in runs[0][0]}
            window_s = {k: min(r[1][k] for r in runs) for k in runs[0][1]}
            rows = [("epoch", epoch_s, None), ("window", window_s, None)]
            if rounds:
                paired_s = {k: median([r[k] for r in rounds]) for k in runs[0][1]}
                paired = {"share": median([r["gemm"] / r["engine"] for r in rounds])}
                if use_torch:
                    paired["ratio"] = median([min(r[t] for t in torch_keys) / r["engine"] for r in rounds])
                    if default_key:
                        paired["default"] = median([r[default_key] / r["engine"] for r in rounds])
                rows.append(("paired", paired_s, paired))
            for label, per_step, paired in rows:
                engine_sps = batch / per_step["engine"]
                line = f"{batch:>5} {label:>7} {engine_sps:>17,.0f}"
                fastest = None
                if use_torch:
                    fastest = min(torch_keys, key=per_step.get)
                    torch_sps = batch / per_step[fastest]
                    ratio = paired["ratio"] if paired else engine_sps / torch_sps
                    line += f" {torch_sps:>16,.0f} {ratio:>5.2f}x"
                    if default_key:
                        default = (paired["default"] if paired
                                   else per_step[default_key] / per_step["engine"])
                        line += f" {default:>9.2f}x"
                achieved = 6 * params * engine_sps / 1e9
                gemm_rate = flops / per_step["gemm"] / 1e9
                share = paired["share"] if paired else per_step["gemm"] / per_step["engine"]
                line += f" {achieved:>14.1f} {gemm_rate:>18.1f} {share:>18.0%}"
                if fastest and not paired:
                    line += f"   (torch: {fastest[6:]})"
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
    print("\n'share of GEMM rate': time of one epoch of the step's 8 GEMMs alone (same shapes, interleaved "
          "in the same run) over the time of the engine's epoch; 'GFLOP/s (6PN)' counts 6 x parameters "
          "x samples. 'paired': medians over the interleaved rounds (see the module doc).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
