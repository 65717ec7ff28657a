"""What recording gradient health costs the training loop (core.steprecord).

Run:  .venv/bin/python benchmarks/gradhealth_cost.py [--hidden 128,64] [--batch 64] [--rounds 9]

Two figures, on one BLAS thread as training uses:

1. the recording itself: ``StepRecorder.before`` + ``after`` (norms of the gradient, the
   weights and the update) against one training step (forward, backward, Adam), both
   timed in alternating rounds; divided by ``record_every(batch)`` it is the share of
   training time the recording takes;
2. headless training throughput with the recording as the loop does it against the same
   loop with recording switched off, whole runs of ``Trainer.run()`` (4 epochs of 16,384 images)
   on random 784-pixel data, in alternating rounds (median and best round of each), in
   CPU seconds of this process (a shared machine's other processes disturb it less than
   wall time; the figures include each epoch's evaluation, which both runs share).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from visualizer.core import steprecord  # noqa: E402
from visualizer.core.blas import blas_thread_limit  # noqa: E402
from visualizer.core.config import NetworkConfig, TrainConfig  # noqa: E402
from visualizer.core.network import MLP  # noqa: E402
from visualizer.core.optimizers import make_optimizer  # noqa: E402
from visualizer.core.steprecord import StepRecorder, record_every  # noqa: E402
from visualizer.core.training import Trainer  # noqa: E402


def per_call(fn, calls: int) -> float:
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t0) / calls


def alternate(contenders: dict, rounds: int, calls: int) -> dict[str, list[float]]:
    """Seconds per call of each contender, per round; the order alternates between rounds."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for fn in contenders.values():
        per_call(fn, 2)
    for r in range(rounds):
        for name in (list(contenders) if r % 2 == 0 else list(reversed(contenders))):
            times[name].append(per_call(contenders[name], calls))
    return times


def recording_vs_step(hidden, batch: int, rounds: int) -> tuple[float, float]:
    """(seconds of one recording, seconds of one training step), medians."""
    rng = np.random.default_rng(0)
    model = MLP(NetworkConfig(hidden=hidden), rng)
    x = rng.random((batch, 784), dtype=np.float32)
    y = rng.integers(0, 10, batch)
    opt = make_optimizer(TrainConfig(), model.n_params, model.dtype, model.weight_slices())
    rec = StepRecorder(model, batch, every=1)
    grad = model.loss_and_gradient(x, y)[2].grad.copy()

    def step():
        _, _, ws = model.loss_and_gradient(x, y)
        opt.step(model.params, ws.grad, 1e-6)

    def record():
        rec.before(1, grad)
        rec.after()
        rec.take()
    t = alternate({"step": step, "record": record}, rounds, 50)
    return statistics.median(t["record"]), statistics.median(t["step"])


def throughput(hidden, batch: int, rounds: int, n: int = 16384, epochs: int = 4) -> dict[str, list[float]]:
    """Images per second of whole runs with the recording on and off, per round."""
    rng = np.random.default_rng(0)
    x = rng.random((n, 784), dtype=np.float32)
    y = rng.integers(0, 10, n)
    train = TrainConfig(batch_size=batch, epochs=epochs)
    default = steprecord.RECORD_BATCHES

    def run(on: bool) -> float:
        steprecord.RECORD_BATCHES = default if on else 10**12      # every 10**12 steps: never
        trainer = Trainer(MLP(NetworkConfig(hidden=hidden), np.random.default_rng(1)), train, x, y,
                          blas_threads=None)
        t0 = time.process_time()            # CPU time: other processes on the machine count less
        for _ in trainer.run():
            pass
        return epochs * n / (time.process_time() - t0)
    rates: dict[str, list[float]] = {"recording on": [], "recording off": []}
    try:
        for r in range(rounds):
            for on in ((True, False) if r % 2 == 0 else (False, True)):
                rates["recording on" if on else "recording off"].append(run(on))
    finally:
        steprecord.RECORD_BATCHES = default
    return rates


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hidden", default="128,64", help="hidden layer widths, e.g. 128,64")
    ap.add_argument("--batch", type=int, default=64, help="batch size")
    ap.add_argument("--rounds", type=int, default=9, help="alternating rounds")
    args = ap.parse_args(argv)
    hidden = tuple(int(h) for h in args.hidden.split(",") if h)
    k = record_every(args.batch)
    with blas_thread_limit(1):
        rec, step = recording_vs_step(hidden, args.batch, args.rounds)
        rates = throughput(hidden, args.batch, args.rounds)
    print(f"network 784-{'-'.join(map(str, hidden))}-10, batch {args.batch}, Adam, one BLAS thread")
    print(f"  one recording {rec * 1e6:.1f} us, one training step {step * 1e6:.0f} us "
          f"({100 * rec / step:.1f}% of a step); recorded every {k} steps: "
          f"{100 * rec / step / k:.2f}% of training time")
    on, off = rates["recording on"], rates["recording off"]
    print(f"  headless training, 4 epochs of 16,384 images, {args.rounds} alternating rounds (CPU time):")
    for name, r in rates.items():
        print(f"    {name:<14} median {statistics.median(r):9,.0f} images/s, best {max(r):9,.0f}")
    print(f"  with recording: {100 * statistics.median(on) / statistics.median(off):.1f}% of the "
          f"throughput without (median), {100 * max(on) / max(off):.1f}% (best rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
