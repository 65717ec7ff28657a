"""How long the explanation tools take: what the pad does per stroke, what the map does per refit.

    python benchmarks/trust_latency.py [--repeat 200]

For 784-128-64-10 (untrained weights: the cost does not depend on them) and
training sets of 4,050 (the embedded sample's training part) and 54,000
(MNIST's) images, prints the median time of

    per stroke   nearest 5 training images (last hidden layer), the OOD score
                 of one input (the "combined" score: logits + the k-NN
                 distances in the first hidden layer), calibrated
                 probabilities, the map marker (project one input)
    per refit    the 2-D PCA map of 450 / 6,000 validation images (activations
                 + SVD on at most 2,000 of them + projection of all)
    once         building the neighbour index, fitting the OOD threshold and
                 the temperature

against a reference measured in the same run: one plain forward pass of one
input (``model.forward(x)``), as a ratio. The pad's budget is 16 ms per stroke.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from visualizer.core import calibration, ood
from visualizer.core.blas import blas_thread_limit
from visualizer.core.config import NetworkConfig
from visualizer.core.hidden_map import map_of
from visualizer.core.network import MLP
from visualizer.core.neighbours import NeighbourIndex


def median_ms(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1e3 * float(np.median(times))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads (the app and training use 1)")
    args = ap.parse_args()
    with blas_thread_limit(args.threads):
        run(args)


def run(args) -> None:
    rng = np.random.default_rng(0)
    model = MLP(NetworkConfig(hidden=(128, 64)), rng=rng)
    x = rng.random(784, dtype=np.float32)
    ref = median_ms(lambda: model.forward(x), args.repeat)
    print(f"reference: one forward pass of one input {1e3 * ref:.1f} us")

    def line(what: str, ms: float) -> None:
        print(f"  {what:58s} {ms:8.3f} ms  ({ms / ref:7.1f}x the forward pass)")

    for n_train, n_val in ((4050, 450), (54000, 6000)):
        x_tr = rng.random((n_train, 784), dtype=np.float32)
        y_tr = rng.integers(0, 10, n_train)
        x_val = rng.random((n_val, 784), dtype=np.float32)
        y_val = rng.integers(0, 10, n_val)
        print(f"\n{n_train} training images, {n_val} validation images")
        t = time.perf_counter()
        index = NeighbourIndex.build(model, x_tr, y_tr)
        line("build the neighbour index (last hidden layer)", 1e3 * (time.perf_counter() - t))
        t = time.perf_counter()
        det = ood.fit_detector(model, x_val, x_tr, y_tr)
        line("fit the combined OOD score and its threshold", 1e3 * (time.perf_counter() - t))
        t = time.perf_counter()
        cal = calibration.fit_temperature(model.logits(x_val), y_val)
        line("fit the temperature", 1e3 * (time.perf_counter() - t))
        m, _ = map_of(model, x_val)
        r = max(10, args.repeat // 10)
        line("per stroke: 5 nearest training images", median_ms(lambda: index.nearest(model, x, 5), args.repeat))
        line("per stroke: OOD score of one input", median_ms(lambda: det.scores(model, x), args.repeat))
        line("per stroke: calibrated probabilities",
             median_ms(lambda: cal.probabilities(model.logits(x)), args.repeat))
        line("per stroke: the map marker", median_ms(lambda: m.project_input(model, x), args.repeat))
        line("per refit: the map of the validation images (last layer)", median_ms(lambda: map_of(model, x_val), r))
        line("per refit: the map of the validation images (first layer)",
             median_ms(lambda: map_of(model, x_val, 0), r))


if __name__ == "__main__":
    main()
