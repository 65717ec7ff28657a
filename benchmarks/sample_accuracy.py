"""Accuracy on the real MNIST test set of 784-128-64-10 trained only on the 5,000 embedded digits.

    python benchmarks/sample_accuracy.py [--epochs 150] [--plain-epochs 60] [--lr 2e-3] [--seed 0]

Trains the real engine (``Trainer``) twice on all 5,000 embedded digits
(x_train + x_test of the "sample" dataset): once with ``augment=True``
(``visualizer.core.augment`` defaults) and once without, each with Adam and
a cosine learning-rate schedule, then prints the accuracy of each on the
10,000-image MNIST test set read from ``../shared/data/mnist-test`` (give
another folder with ``--mnist-test``). Target: >= 96 % with augmentation
(without it such a network stops near 93.4 %). Takes a few minutes.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from visualizer.core import idx
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import as_inputs, load_dataset
from visualizer.core.events import EpochEvent
from visualizer.core.network import MLP
from visualizer.core.training import Trainer

DEFAULT_TEST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist-test"


def train(x, y, *, augment: bool, epochs: int, lr: float, seed: int, verbose: bool, x_test, y_test) -> MLP:
    model = MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(seed))
    cfg = TrainConfig(optimizer="adam", lr=lr, schedule="cosine", batch_size=64, epochs=epochs,
                      augment=augment, val_fraction=0.0, seed=seed).validate()
    t = time.perf_counter()
    for ev in Trainer(model, cfg, x, y, rng=np.random.default_rng(seed)).run():
        if isinstance(ev, EpochEvent) and verbose and (ev.epochs_done % 10 == 0 or ev.epochs_done == epochs):
            acc = float((model.predict(x_test) == y_test).mean())
            print(f"  {'aug ' if augment else 'plain'} epoch {ev.epochs_done:4d}: train acc {ev.train_accuracy:.4f}"
                  f"  MNIST test {acc:.4f}  ({time.perf_counter() - t:.0f} s)", flush=True)
    return model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=150, help="epochs with augmentation")
    ap.add_argument("--plain-epochs", type=int, default=60, help="epochs without augmentation (0: skip)")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mnist-test", type=Path, default=DEFAULT_TEST)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    folder = args.mnist_test
    x_test_img, y_test = idx.read_pair(folder / "t10k-images-idx3-ubyte.gz", folder / "t10k-labels-idx1-ubyte.gz")
    x_test = as_inputs(x_test_img)
    ds = load_dataset("sample")
    x = as_inputs(np.concatenate([ds.x_train, ds.x_test]))
    y = np.concatenate([ds.y_train, ds.y_test])
    print(f"training on {len(x)} embedded digits, testing on {len(x_test)} MNIST test images")
    results = {}
    if args.plain_epochs:
        m = train(x, y, augment=False, epochs=args.plain_epochs, lr=args.lr, seed=args.seed,
                  verbose=not args.quiet, x_test=x_test, y_test=y_test)
        results["without augmentation"] = (float((m.predict(x_test) == y_test).mean()), args.plain_epochs)
    m = train(x, y, augment=True, epochs=args.epochs, lr=args.lr, seed=args.seed, verbose=not args.quiet,
              x_test=x_test, y_test=y_test)
    results["with augmentation"] = (float((m.predict(x_test) == y_test).mean()), args.epochs)
    for k, (acc, ep) in results.items():
        print(f"MNIST test accuracy {k} ({ep} epochs): {100 * acc:.2f} %")
    print("target with augmentation: >= 96.00 %")


if __name__ == "__main__":
    main()
