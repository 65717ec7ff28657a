"""What the Gradients and Batch views cost the app while it trains (offscreen).

    .venv/bin/python benchmarks/gradhealth_views.py [--epochs 6] [--repeats 4] [--dataset sample]

The window of ``benchmarks/app_throughput.py`` (784-128-64-10, Adam, batch 64, the app's
default layout: one view per dock area on screen), trained in alternating runs

    hidden     the Gradients and Batch docks closed
    gradients  the Gradients dock on screen (its Curves tab; the Histograms tab after)
    histograms the Gradients dock on screen, its Histograms tab (recomputed at most every five seconds)

Each line gives the in-app throughput (best of ``--repeats``) and how busy the GUI thread
was (its CPU time over the run's wall time), and how often the view redrew. Training runs
in a child process, so what a view costs shows first as GUI-thread time.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app_throughput import app_seconds  # noqa: E402

from visualizer.core.config import TrainConfig  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--repeats", type=int, default=4)
    ap.add_argument("--dataset", default="sample")
    args = ap.parse_args(argv)
    from visualizer.app.main import create_app
    from visualizer.app.main_window import MainWindow
    from visualizer.app.session import build_bundle
    from visualizer.core.dataset import load_dataset

    app = create_app()
    bundle = build_bundle(load_dataset(args.dataset), 0.1)
    train = TrainConfig(optimizer="adam", lr=1e-3, batch_size=64, epochs=args.epochs, seed=0)
    window = MainWindow(load_data=False, restore=False)
    window.resize(1366, 768)
    window.session.set_data(bundle)
    window.show()
    view = window.gradients_view
    redraws = [0, 0]
    view.redrawn.connect(lambda _: redraws.__setitem__(0, redraws[0] + 1))
    view.histograms.computed.connect(lambda _: redraws.__setitem__(1, redraws[1] + 1))

    def layout(mode: str) -> None:
        for key in ("gradients", "batch"):
            window.dock(key).setVisible(mode != "hidden")
        if mode != "hidden":
            window.show_view("gradients")
            view.tabs.setCurrentIndex(1 if mode == "histograms" else 0)
        for _ in range(30):
            app.processEvents()

    samples = len(bundle.y_train) * args.epochs
    best: dict[str, tuple[float, float, list[int]]] = {}
    print(f"dataset {args.dataset}: {len(bundle.y_train)} training images x {args.epochs} epochs, "
          f"784-128-64-10, Adam, batch 64; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"training in {'a child process' if window.session.use_process else 'a thread'}")
    for r in range(args.repeats):
        modes = ("hidden", "gradients", "histograms")
        for mode in (modes if r % 2 == 0 else tuple(reversed(modes))):
            layout(mode)
            redraws[:] = [0, 0]
            t, steps, _ = app_seconds(app, window, train, probe_gaps=False)
            if mode not in best or t < best[mode][0]:
                best[mode] = (t, app_seconds.gui_cpu, list(redraws))
    for mode in ("hidden", "gradients", "histograms"):
        t, cpu, (curves, hists) = best[mode]
        print(f"  {mode:<10} {samples / t:9,.0f} images/s ({100 * best['hidden'][0] / t:5.1f}% of hidden), "
              f"GUI thread busy {100 * cpu / t:4.1f}%, {curves} curve redraws, {hists} histogram sets "
              f"in {t:.1f} s")
    window.session.shutdown(2.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
