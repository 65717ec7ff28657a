"""Benchmark the Map view's work: the refit off the GUI thread, the drawing of the points and the
star on the GUI thread (offscreen).

    .venv/bin/python benchmarks/map_view.py [--repeats 20]

Prints, for 784-128-64-10 on the embedded sample (450 validation images) and on 6,000
validation-sized inputs (MNIST's split; the map shows a fixed 2,000 of them):
  1. map_for: forward pass, PCA and predictions of the shown images (the background task),
     median of --repeats, one BLAS thread.
  2. the GUI thread's time to put a fitted map on screen (ten scatter items, labels), median.
  3. marker_of: projecting one drawing with the map's weights and basis (per stroke), median
     and 99th percentile (target < 2 ms).
The machine's load average is printed too: other work on it skews every figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _median_ms(fn, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times), 1000 * float(np.percentile(times, 99))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()

    from PySide6.QtWidgets import QApplication

    from visualizer.app.map_model import map_for, marker_of
    from visualizer.app.views.map_view import MapView
    from visualizer.app.views.state import InspectorState
    from visualizer.core.checkpoint import Split
    from visualizer.core.config import NetworkConfig
    from visualizer.core.dataset import Dataset, load_dataset
    from visualizer.core.network import MLP
    from visualizer.core.runsetup import prepare
    from visualizer.core.snapshot import take_snapshot

    app = QApplication.instance() or QApplication([])
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    snap = take_snapshot(MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(0)))
    sample = load_dataset("sample")
    big = Dataset("big", np.tile(sample.x_train, (14, 1, 1))[:60_000], np.tile(sample.y_train, 14)[:60_000],
                  sample.x_test, sample.y_test, sample.class_names, "tiled sample")
    for name, run in (("sample, 450 validation", prepare(sample, Split("sample", 0.1))),
                      ("6,000 validation (2,000 shown)", prepare(big, Split("big", 0.1)))):
        fit_ms, _ = _median_ms(lambda: map_for(snap, run, 1), args.repeats)
        shown = map_for(snap, run, 1)
        state = InspectorState()
        view = MapView(state)
        view.resize(520, 640)
        view.show()
        app.processEvents()
        view.shown = shown

        def draw():
            view._draw_points()
            app.processEvents()

        draw_ms, _ = _median_ms(draw, args.repeats)
        x = run.inputs_val[0]
        marker_ms, marker_p99 = _median_ms(lambda: marker_of(shown, x), 50 * args.repeats)
        print(f"{name}: refit off the GUI thread {fit_ms:.1f} ms; points on screen {draw_ms:.1f} ms of GUI "
              f"thread; the star {1000 * marker_ms:.0f} µs (p99 {1000 * marker_p99:.0f} µs)")
        view.close()


if __name__ == "__main__":
    main()
