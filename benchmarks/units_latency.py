"""Benchmark what taking the network apart and every layer's weights cost the window (offscreen).

    .venv/bin/python benchmarks/units_latency.py [--repeats 200]

Prints, for 784-128-64-10 (median of ``--repeats`` runs, milliseconds):
  1. ``core.ablation.apply`` on a snapshot (two edits), and ``InspectorState.set_snapshot``
     of a new snapshot without edits and with them: what the edits add to every snapshot
     (trace of the probe included).
  2. The weights view's refresh on layer 1 (tiles), layer 2 (128x64 heatmap) and the
     output layer (64x10), shown at 1366x768's dock size.
  3. The Edits panel's validation accuracy with and without the edits (450 images, two
     forward passes; off the GUI thread in the app), and the hidden panel's work per
     snapshot when there are no edits (none: its handler returns at once).
Reference: the same ``set_snapshot`` without edits, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from visualizer.app.session import build_bundle
    from visualizer.app.views.edits_panel import EditsPanel, validation_accuracy
    from visualizer.app.views.state import InspectorState
    from visualizer.app.views.weights_view import WeightsView
    from visualizer.core import ablation
    from visualizer.core.config import NetworkConfig
    from visualizer.core.dataset import load_dataset
    from visualizer.core.network import MLP
    from visualizer.core.snapshot import take_snapshot

    app = QApplication.instance() or QApplication([])
    bundle = build_bundle(load_dataset("sample"), 0.1)
    model = MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(0))
    edits = ablation.parse("1:17,2:5=0.5")
    snaps = [take_snapshot(model, step=i) for i in range(8)]       # new weights every time
    x = bundle.inputs_val[0]
    n = args.repeats

    print("784-128-64-10, median of", n, "runs")
    print(f"  ablation.apply(snapshot, 2 edits)            {median_ms(lambda: ablation.apply(snaps[0], edits), n):7.3f} ms")
    state = InspectorState()
    state.set_data(bundle)
    state.set_probe(x, "validation #0", "validation")
    it = iter(range(10 ** 9))
    plain = median_ms(lambda: state.set_snapshot(snaps[next(it) % 8]), n)
    panel = EditsPanel(state)                                        # hidden: never shown
    hidden_plain = median_ms(lambda: state.set_snapshot(snaps[next(it) % 8]), n)
    state.set_edits(edits)
    edited = median_ms(lambda: state.set_snapshot(snaps[next(it) % 8]), n)
    print(f"  set_snapshot, no edits (reference)           {plain:7.3f} ms")
    print(f"  set_snapshot, no edits, Edits panel hidden   {hidden_plain:7.3f} ms")
    print(f"  set_snapshot, 2 edits (applied, retraced)    {edited:7.3f} ms   (+{edited - plain:.3f} ms)")
    state.set_edits(ablation.NO_EDITS)

    view = WeightsView(state)
    view.resize(517, 560)
    view.show()
    app.processEvents()
    for layer, name in ((1, "layer 1, 128 tiles"), (2, "layer 2, 64x128 heatmap"), (3, "layer 3, 10x64 heatmap")):
        view.set_layer(layer)
        print(f"  weights view refresh, {name:<24} {median_ms(view.refresh, max(20, n // 4)):7.3f} ms")

    acc = median_ms(lambda: validation_accuracy(snaps[0], ablation.apply(snaps[0], edits), bundle), max(10, n // 10))
    print(f"  accuracy with / without edits, 450 images  {acc:7.3f} ms (off the GUI thread)")
    panel.deleteLater()


if __name__ == "__main__":
    main()
