"""Benchmark the app while it trains: throughput, event-loop gaps, start-up time (offscreen).

    .venv/bin/python benchmarks/app_throughput.py [--dataset sample|fashion|FOLDER] [--epochs 6]
                                                  [--repeats 5] [--breakdown] [--landscape]
                                                  [--in-thread] [--startup-runs 5]
    .venv/bin/python benchmarks/app_throughput.py --startup-only [--startup-runs 9]

Prints, for two layouts of the real window (784-128-64-10, Adam, batch 64, a digit
drawn on the pad): the default one (as the app opens: Draw in front on the right,
Activations under the curves) and every view on screen at once (every dock untabbed):
  1. Training throughput inside the window against the headless ``Trainer`` on the same
     data and configuration, measured alternately in this process; ratio = app /
     headless (target >= 90%), best of ``--repeats`` each, and how busy the GUI thread
     was (its CPU time / the run's wall time) and the whole app process (every thread:
     the views' background work runs beside the GUI thread). The app trains in a child
     process (``visualizer.core.remote``); ``--in-thread`` measures the in-thread fallback
     too. The default dataset (4,050 images) ends an epoch every ~60 ms, so per-epoch work
     weighs far more than with an MNIST-sized set (``--dataset fashion``: 54,000).
  2. Curve updates per second while training (target >= 10).
  3. Main-thread event-loop gaps while training, from a 1 ms precise QTimer
     (separate runs, so the probe does not tax the throughput figure):
     p50 / p99 / max (targets p99 < 50 ms, max < 150 ms).
``--breakdown``: the throughput with the curves alone (views hidden), with nothing drawn,
and with each view alone on screen beside the curves: what each view costs.
``--landscape``: the Landscape view's cost while it follows a run: the throughput of runs
of ``--landscape-seconds`` (long enough for it to recompute around the moving weights a
few times) with the Landscape view on screen and following the run, against the same
layout with the view not following it (hiding it would give the curves the whole window,
which costs more to draw; target: following costs <= 5%), and how many landscapes it
computed meanwhile.
Then: start to first window shown, in fresh subprocesses (``startup_time.py``: process
launch in the parent -> first paint of the main window in the child), median of
``--startup-runs`` (default 5; target < 1.5 s), and in how many of them pyqtgraph was
already loaded at that first paint (target 0). ``--startup-only``: only that figure.
The machine's load average is printed too: other work on it skews every figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

import numpy as np

from visualizer.core.config import NetworkConfig, TrainConfig

from startup_time import print_startup     # benchmarks/startup_time.py (this folder is on sys.path)

NETWORK = NetworkConfig(hidden=(128, 64))
NOT_VIEWS = ("curves", "controls", "lessons")     # docks that show no view of the network


def training_process_cpu() -> float:
    """CPU seconds the app's training process (every thread) has used so far (Linux; else NaN).

    CPU time barely depends on other work on the machine, unlike wall time: against the
    headless run's CPU time it tells what the app costs training itself (pipes, copies)."""
    import multiprocessing

    total = float("nan")
    for child in multiprocessing.active_children():
        if child.name != "visualizer-training":
            continue
        total = 0.0
        for task in os.listdir(f"/proc/{child.pid}/task") if os.path.isdir(f"/proc/{child.pid}") else ():
            try:
                with open(f"/proc/{child.pid}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[0]) / 1e9
            except OSError:
                pass
    return total


def headless_seconds(bundle, train: TrainConfig) -> tuple[float, int]:
    from visualizer.core.network import MLP
    from visualizer.core.training import Trainer

    model = MLP(NETWORK, rng=np.random.default_rng(train.seed))
    trainer = Trainer(model, train, bundle.inputs_train, bundle.y_train, bundle.inputs_val, bundle.y_val,
                      rng=np.random.default_rng([train.seed, 0]))
    t0, cpu0 = time.perf_counter(), time.thread_time()
    steps = 0
    for ev in trainer.run():
        steps += type(ev).__name__ == "BatchEvent"
    headless_seconds.cpu = time.thread_time() - cpu0
    return time.perf_counter() - t0, steps


def show_every_view(window) -> None:
    """Untab the docks so that every view is on screen (and renders) at once.

    (``splitDockWidget`` cannot do it: on a tabbed dock it adds a tab. Qt keeps a tab
    that is behind another "visible", off-screen, so ``on_screen`` checks the visible region.)
    """
    from PySide6.QtCore import Qt

    keys = [k for k in window.view_keys() if k not in NOT_VIEWS]
    right = [window.dock(k) for k in keys if window.dockWidgetArea(window.dock(k)) == Qt.RightDockWidgetArea]
    for d in right:
        window.removeDockWidget(d)
    for d in right:
        window.addDockWidget(Qt.RightDockWidgetArea, d, Qt.Vertical)
    for k in keys:
        window.dock(k).show()


def show_only(window, keys) -> None:
    """Only the docks of ``keys`` on screen (untabbed), the others closed; the curves stay."""
    show_every_view(window)
    for k in window.view_keys():
        if k not in NOT_VIEWS:
            window.dock(k).setVisible(k in keys)


def on_screen(window) -> list[str]:
    """The docked views a person can see now (not closed, not a tab behind another)."""
    keys = [k for k in window.view_keys() if k not in NOT_VIEWS]
    return [k for k in keys if window.dock(k).widget().isVisible()
            and not window.dock(k).widget().visibleRegion().isEmpty()]


def app_seconds(app, window, train: TrainConfig, probe_gaps: bool) -> tuple[float, int, list[float]]:
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    s = window.session
    s.set_network_config(NETWORK)
    s.reset()
    s.set_train_config(train)
    window.controls.set_configs(s.network_config, s.train_config)
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    steps = [0]
    loop = QEventLoop()

    def count(evs) -> None:
        steps[0] += len(evs)

    def done(_ev) -> None:
        loop.quit()

    s.batches.connect(count)
    s.finished.connect(done)
    for _ in range(20):
        app.processEvents()
    if probe_gaps:
        timer.start()
    t0 = time.perf_counter()
    cpu0, proc0, child0 = time.thread_time(), time.process_time(), training_process_cpu()
    s.start()
    loop.exec()                       # the real event loop, as in the app
    elapsed = time.perf_counter() - t0
    app_seconds.gui_cpu = time.thread_time() - cpu0
    app_seconds.process_cpu = time.process_time() - proc0     # every thread of the app's process
    app_seconds.child_cpu = training_process_cpu() - child0   # NaN before the first run started it
    timer.stop()
    s.batches.disconnect(count)
    s.finished.disconnect(done)
    gaps = list(np.diff(ticks) * 1000.0) if len(ticks) > 1 else []
    return elapsed, steps[0], gaps


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--breakdown", action="store_true",
                    help="also measure the curves alone, nothing drawn, and each view alone on screen")
    ap.add_argument("--landscape", action="store_true",
                    help="also measure the Landscape view's cost while it follows long runs")
    ap.add_argument("--landscape-seconds", type=float, default=40.0,
                    help="about how long each run of --landscape lasts (default 40)")
    ap.add_argument("--in-thread", action="store_true",
                    help="also measure the in-thread fallback (VISUALIZER_TRAIN_IN_THREAD=1)")
    ap.add_argument("--startup-only", action="store_true", help="only measure the start to the first window")
    ap.add_argument("--startup-runs", type=int, default=5,
                    help="fresh processes started to measure the start-up (default 5)")
    ap.add_argument("--dataset", default="sample",
                    help="sample (the default set: 4,050 images, an epoch every ~0.2 s) or e.g. fashion "
                         "(60,000 images, like MNIST)")
    return ap.parse_args(argv)


HEAVY = ("landscape", "backprop", "why")     # the views added after the first four


class Bench:
    """The window, the data and the settings every measurement shares."""

    def __init__(self, args) -> None:
        from visualizer.app.main import create_app
        from visualizer.app.main_window import MainWindow
        from visualizer.app.session import build_bundle
        from visualizer.core.dataset import load_dataset

        self.args = args
        self.app = create_app()
        self.bundle = build_bundle(load_dataset(args.dataset), 0.1)
        self.train = TrainConfig(optimizer="adam", lr=1e-3, batch_size=64, epochs=args.epochs, seed=0)
        self.samples = len(self.bundle.y_train) * args.epochs
        self.window = window = MainWindow(load_data=False, restore=False)
        window.resize(1366, 768)
        window.session.set_data(self.bundle)
        window.show()
        self.settle(50)
        self._default = window.saveState()

    def settle(self, n: int = 20) -> None:
        for _ in range(n):
            self.app.processEvents()

    def layout(self, name: str) -> None:
        """"default" (as the app opens, 1366x768) or "every" (every view on screen at once)."""
        window = self.window
        for k in window.view_keys()[1:]:
            window.dock(k).setVisible(True)
        window.centralWidget().setVisible(True)
        if name == "default":
            window.restoreState(self._default)
            window.resize(1366, 768)
        else:
            show_every_view(window)
        self.settle(50)

    def headline(self) -> None:
        args, window = self.args, self.window
        print(f"dataset {args.dataset}: {len(self.bundle.y_train)} training images, {args.epochs} epochs per run, "
              f"784-128-64-10 ReLU, Adam, batch 64; {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f} at the start (other work on the machine skews every figure); "
              f"training runs in {'a child process' if window.session.use_process else 'a thread of the app'}")

    def views_line(self, label: str) -> None:
        window = self.window
        print(f"{label}: views on screen: {', '.join(on_screen(window))} "
              f"(window {window.width()}x{window.height()})")

    def throughput(self) -> float:
        """Alternate headless / in-app runs; print each, then the best of each and their ratio."""
        samples, repeats = self.samples, self.args.repeats
        head, inapp, cpu_h, cpu_a = [], [], [], []
        headless_seconds(self.bundle, TrainConfig(batch_size=64, epochs=1))     # warm-up
        for r in range(repeats):
            t, steps_h = headless_seconds(self.bundle, self.train)
            head.append(t)
            cpu_h.append(headless_seconds.cpu)
            t, steps_a, _ = app_seconds(self.app, self.window, self.train, probe_gaps=False)
            inapp.append(t)
            cpu_a.append(app_seconds.child_cpu)
            print(f"  run {r + 1}: headless {samples / head[-1]:8,.0f} images/s   in app "
                  f"{samples / inapp[-1]:8,.0f} images/s   ({steps_h} / {steps_a} steps; GUI thread busy "
                  f"{100 * app_seconds.gui_cpu / inapp[-1]:.0f}%, the app process "
                  f"{100 * app_seconds.process_cpu / inapp[-1]:.0f}% of the run)")
        best_h, best_a = min(head), min(inapp)
        ratio = 100 * best_h / best_a
        print(f"  throughput (best of {repeats}): headless {samples / best_h:,.0f} images/s, "
              f"in the app {samples / best_a:,.0f} images/s -> {ratio:.1f}% of headless (target >= 90%)")
        cpu = [c for c in cpu_a if c == c]
        if cpu:
            print(f"  CPU time of training (median; barely skewed by other work on the machine): headless "
                  f"{statistics.median(cpu_h):.2f} s, the app's training process {statistics.median(cpu):.2f} s "
                  f"-> {100 * statistics.median(cpu_h) / statistics.median(cpu):.1f}%")
        return ratio

    def compare(self, label: str) -> float:
        """Best of ``--repeats`` alternate headless / in-app runs, printed as one line."""
        best_t, best_h, cpu, proc = None, None, 0.0, 0.0
        for _ in range(self.args.repeats):
            t_h, _ = headless_seconds(self.bundle, self.train)
            t_a, _, _ = app_seconds(self.app, self.window, self.train, probe_gaps=False)
            best_h = t_h if best_h is None else min(best_h, t_h)
            if best_t is None or t_a < best_t:
                best_t, cpu, proc = t_a, app_seconds.gui_cpu, app_seconds.process_cpu
        ratio = 100 * best_h / best_t
        print(f"  {label}: {self.samples / best_t:,.0f} images/s = {ratio:.1f}% of headless "
              f"(GUI thread busy {100 * cpu / best_t:.0f}%, app process {100 * proc / best_t:.0f}%)")
        return ratio

    def breakdown(self) -> None:
        """``compare`` with the views hidden, with nothing drawn, then with each view alone on screen."""
        window = self.window
        central = window.centralWidget()
        views = [k for k in window.view_keys() if k not in NOT_VIEWS]
        print("breakdown (each view alone on screen beside the curves; the cost is the drop from "
              "\"curves only\"):")
        for label, show_curves in (("curves only (views hidden)", True),
                                   ("nothing drawn (session and signals only)", False)):
            show_only(window, ())
            central.setVisible(show_curves)
            self.settle()
            self.compare(label)
        central.setVisible(True)
        for k in sorted(views, key=lambda k: (k not in HEAVY, k)):
            show_only(window, (k,))
            self.settle(50)
            self.compare(f"{k} alone ({', '.join(on_screen(window)) or 'none'} on screen)")
        self.layout("every")

    def landscape_cost(self) -> None:
        """Long runs with the Landscape view on screen following the run, against the same layout
        with the view not following (its recompute rule never due): what following costs."""
        window = self.window
        view = window.views.landscape
        t_h, _ = headless_seconds(self.bundle, self.train)
        epochs = max(self.args.epochs, int(round(self.args.landscape_seconds / (t_h / self.args.epochs) * 0.9)))
        train = TrainConfig(optimizer="adam", lr=1e-3, batch_size=64, epochs=epochs, seed=0)
        samples = len(self.bundle.y_train) * epochs
        print(f"the Landscape view following a run ({epochs} epochs, about {self.args.landscape_seconds:.0f} s "
              f"per run; the curves and that view on screen):")
        show_only(window, ("landscape",))
        self.settle(50)
        best = {True: None, False: None}
        for r in range(max(2, self.args.repeats // 2)):
            for follow in (True, False):
                view.model.due = type(view.model).due if follow else (lambda *_: False)
                started = view.worker.started
                t, _, _ = app_seconds(self.app, window, train, probe_gaps=False)
                print(f"  run {r + 1}, {'following' if follow else 'not following'}: {samples / t:,.0f} images/s, "
                      f"{view.worker.started - started} landscape(s) computed during the run (app process "
                      f"{100 * app_seconds.process_cpu / t:.0f}% of a core, training process "
                      f"{app_seconds.child_cpu:.1f} s of CPU in {t:.1f} s)")
                best[follow] = t if best[follow] is None else min(best[follow], t)
        del view.model.due
        cost = 100 * (1 - best[False] / best[True])
        print(f"  following the run costs {cost:.1f}% of training throughput (best {samples / best[True]:,.0f} "
              f"vs {samples / best[False]:,.0f} images/s; target <= 5%)")
        self.layout("every")

    def gaps(self) -> None:
        """Curve updates per second and the event loop's gaps, over two runs."""
        all_gaps: list[float] = []
        redraws, seconds = 0, 0.0
        for _ in range(2):
            before = self.window.curves.redraws
            t, _, gaps = app_seconds(self.app, self.window, self.train, probe_gaps=True)
            redraws += self.window.curves.redraws - before
            seconds += t
            all_gaps.extend(gaps)
        g = np.array(all_gaps)
        print(f"  curve updates while training: {redraws / seconds:.1f} per second (target >= 10)")
        print(f"  event-loop gaps while training ({len(g):,} ticks of a 1 ms timer): p50 {np.percentile(g, 50):.1f} "
              f"ms, p99 {np.percentile(g, 99):.1f} ms, max {g.max():.1f} ms (targets p99 < 50, max < 150)")


def main(argv=None) -> int:
    args = parse_args(argv)
    # here, not at import: the training process (multiprocessing's spawn) imports this module too
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="vz-bench-cfg-")
    os.environ.setdefault("VISUALIZER_DEMO_DIGIT", "3")
    if args.startup_only:
        print_startup(args.startup_runs)
        return 0
    from PySide6.QtWidgets import QApplication

    bench = Bench(args)
    bench.headline()
    ratios = {}
    for name, label in (("default", "default layout"), ("every", "every view on screen")):
        bench.layout(name)
        bench.views_line(label)
        ratios[name] = bench.throughput()
        if args.in_thread:
            bench.window.session.use_process = False
            bench.compare("in-thread fallback (one GIL for drawing and training)")
            bench.window.session.use_process = True
        bench.gaps()
    print(f"every view on screen vs the default layout: {ratios['every']:.1f}% vs {ratios['default']:.1f}% "
          f"of headless ({ratios['every'] - ratios['default']:+.1f} points)")
    if args.breakdown:
        bench.breakdown()
    if args.landscape:
        bench.landscape_cost()
    bench.window.grab().save(os.path.join(tempfile.gettempdir(), "app_throughput_window.png"))
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    bench.window.close()
    QApplication.processEvents()

    print_startup(args.startup_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
