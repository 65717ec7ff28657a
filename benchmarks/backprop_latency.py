"""Latency of one probe's backward pass, its update preview and per-step gradient norms.

Run:  .venv/bin/python benchmarks/backprop_latency.py [--hidden 128,64] [--rounds 15] [--calls 50]

On the default 784-128-64-10 network (one BLAS thread, as training and the
app's main process use), with a digit-like random input, the median time per call of

  reference      ``MLP.forward(x)``: one plain forward pass of one image
  backprop f32   ``core.backprop.backprop(model, x, k)``: the float32 path a live view takes
  backprop f64   the same with ``dtype=np.float64``: a float64 copy of the float32
                 network made on each call (what ``visualizer backprop`` does)
  f64 prepared   the float64 path on a network already in float64
  preview adam   ``core.update.preview_update`` for Adam from a real state
  one step       ``core.update.take_step`` on one example (Adam), before/after included

each also as a ratio to the reference measured in the same run; and, for the
training loop's per-step gradient health, ``core.gradhealth.layer_norms`` against
one training step at batch 64 (forward, backward, Adam update) of the same network.
Calls are timed in rounds alternating between the contenders so that they meet
the same machine load; the median over rounds is printed, and the best round
(less sensitive to other processes on a shared machine).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from visualizer.core.backprop import backprop, in_dtype  # noqa: E402
from visualizer.core.blas import blas_thread_limit  # noqa: E402
from visualizer.core.checkpoint import Checkpoint, Split  # noqa: E402
from visualizer.core.config import NetworkConfig, TrainConfig  # noqa: E402
from visualizer.core.gradhealth import layer_norms  # noqa: E402
from visualizer.core.network import MLP  # noqa: E402
from visualizer.core.optimizers import make_optimizer  # noqa: E402
from visualizer.core.update import preview_update, take_step  # noqa: E402


def per_call(fn, calls: int) -> float:
    """Seconds per call of ``fn()`` over ``calls`` calls."""
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t0) / calls


def measure(contenders: dict, rounds: int, calls: int) -> dict[str, tuple[float, float]]:
    """(median, best) seconds per call of each contender over rounds that alternate between them."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for fn in contenders.values():          # warm up: caches, workspaces
        per_call(fn, 3)
    for r in range(rounds):
        names = list(contenders) if r % 2 == 0 else list(reversed(contenders))
        for name in names:
            times[name].append(per_call(contenders[name], calls))
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def training_step(model: MLP, batch: int):
    """One training step at ``batch`` (forward, backward, Adam) as the training loop runs it."""
    rng = np.random.default_rng(1)
    x = rng.random((batch, model.sizes[0]), dtype=np.float32)
    y = rng.integers(0, model.sizes[-1], batch)
    opt = make_optimizer(TrainConfig(), model.n_params, model.dtype, model.weight_slices())
    opt.grad_is_scratch = False          # keep the gradient readable for layer_norms below
    before = model.params.copy()

    def step():
        _, _, ws = model.loss_and_gradient(x, y)
        opt.step(model.params, ws.grad, 1e-6)
    return step, (lambda: model.loss_and_gradient(x, y)[2].grad), before


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hidden", default="128,64", help="hidden layer widths, e.g. 128,64")
    ap.add_argument("--rounds", type=int, default=15, help="alternating timing rounds")
    ap.add_argument("--calls", type=int, default=50, help="calls per contender and round")
    args = ap.parse_args(argv)
    hidden = tuple(int(h) for h in args.hidden.split(",") if h)
    rng = np.random.default_rng(0)
    model = MLP(NetworkConfig(hidden=hidden), rng)
    x = np.where(rng.random(784) < 0.2, rng.random(784), 0).astype(np.float32)   # ~20% ink
    m64 = in_dtype(model, np.float64)
    train = TrainConfig(optimizer="adam")
    ckpt = Checkpoint.of(model, train, Split("", 0.0))
    ckpt = take_step(ckpt, x, 3).after            # a real Adam state (t = 1)
    grad = backprop(model, x, 3).grad
    with blas_thread_limit(1):
        t = measure({
            "reference": lambda: model.forward(x),
            "backprop f32": lambda: backprop(model, x, 3),
            "backprop f64": lambda: backprop(model, x, 3, dtype=np.float64),
            "f64 prepared": lambda: backprop(m64, x, 3),
            "preview adam": lambda: preview_update(model, grad, train, ckpt.optimizer_state),
            "one step": lambda: take_step(ckpt, x, 3),
        }, args.rounds, args.calls)
        step, last_grad, before = training_step(MLP(NetworkConfig(hidden=hidden), rng), 64)
        step()
        g, update = last_grad(), np.zeros_like(before)
        t_norms = measure({"train step": step, "layer_norms": lambda: layer_norms(model, g, update)},
                          args.rounds, args.calls)
    sizes = "-".join(map(str, model.sizes))
    print(f"network {sizes}, {model.n_params:,} parameters, one BLAS thread, "
          f"median of {args.rounds} rounds x {args.calls} calls")
    ref, ref_best = t["reference"]
    print(f"  {'':<14} {'median':>9}      {'':>26}  {'best round':>10}")
    for name, (sec, best) in t.items():
        print(f"  {name:<14} {sec * 1e6:9.1f} us   {sec / ref:6.1f}x the forward pass   "
              f"{best * 1e6:9.1f} us  {best / ref_best:6.1f}x")
    (tn, tn_best), (ts, ts_best) = t_norms["layer_norms"], t_norms["train step"]
    print(f"gradient health per training step (batch 64, Adam): layer_norms {tn * 1e6:.1f} us, "
          f"one training step {ts * 1e6:.0f} us: {100 * tn / ts:.1f}% of a step "
          f"(best rounds: {tn_best * 1e6:.1f} / {ts_best * 1e6:.0f} us, {100 * tn_best / ts_best:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
