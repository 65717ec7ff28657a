"""Training throughput with and without augmentation (784-128-64-10, batch 64).

    python benchmarks/augment_throughput.py [--epochs 1] [--rounds 5]

Trains the real engine (``visualizer.core.training.Trainer``) on the embedded
sample, alternating runs with ``augment=False`` and ``augment=True`` in the
same process (so machine load hits both alike), and prints samples/s of the
training compute (``EpochEvent.samples_per_second``: batch steps including
augmentation, excluding the end-of-epoch evaluation), the median of each and
their ratio (and the median of per-round ratios). Target: ratio >= 0.5. Also prints the cost of augment_batch alone.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from visualizer.core import runsetup
from visualizer.core.augment import augment_batch
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import load_dataset
from visualizer.core.events import EpochEvent
from visualizer.core.network import MLP
from visualizer.core.training import Trainer


def throughput(x, y, augment: bool, epochs: int, seed: int) -> float:
    model = MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(seed))
    cfg = TrainConfig(batch_size=64, epochs=epochs, augment=augment, seed=seed)
    rates = [ev.samples_per_second for ev in Trainer(model, cfg, x, y, rng=np.random.default_rng(seed)).run()
             if isinstance(ev, EpochEvent)]
    return statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    ds = load_dataset("sample")
    run = runsetup.prepare(ds, runsetup.split_for(ds, "sample", 0.1))    # as `visualizer train` does
    x, y = run.inputs_train, run.y_train
    throughput(x, y, True, 1, 99)                      # warm-up (banks, BLAS threads)
    plain, aug = [], []
    for r in range(args.rounds):
        plain.append(throughput(x, y, False, args.epochs, r))
        aug.append(throughput(x, y, True, args.epochs, r))
        print(f"round {r + 1}: without {plain[-1]:8.0f} samples/s   with augmentation {aug[-1]:8.0f} samples/s")
    p, a = statistics.median(plain), statistics.median(aug)
    rng = np.random.default_rng(0)
    batch = x[:64].copy()
    out = np.empty_like(batch)
    t = time.perf_counter()
    for _ in range(500):
        augment_batch(batch, rng, out=out)
    per_batch = (time.perf_counter() - t) / 500
    print(f"augment_batch alone: {per_batch * 1e6:.0f} us per batch of 64 ({64 / per_batch:.0f} images/s)")
    print(f"median without augmentation: {p:.0f} samples/s")
    print(f"median with augmentation:    {a:.0f} samples/s")
    paired = statistics.median(x / y for x, y in zip(aug, plain))
    print(f"ratio with/without: {a / p:.2f} of the medians, {paired:.2f} median of the per-round ratios"
          f"  (target >= 0.50)")


if __name__ == "__main__":
    main()
