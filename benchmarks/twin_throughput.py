"""Throughput of two twin runs together against one run alone, through the app's real relay.

The app trains in a child process (``core.remote``: spawn, pipes, ``core.serve``)
relayed to the GUI thread by ``app.relay`` under a ``TrainingSession``; a twin
run (``app.twin``) is a second such child. On a machine with two cores the two
should together train close to twice the images per second of one alone.

In the same run, alternating ``--repeats`` times, this measures:

  * alone: images/s of the session's run by itself (full speed, one BLAS thread);
  * twins: the session's run and its twin (``session.twin.start``), both at once:
    each one's images/s over the window in which both were training, and their sum;

and prints the ratio sum / alone for every round, the median ratio, the number of
CPUs and the load average before and after, and how much of a core the lone run's
process got (the machine may be shared: a busy machine lowers the ratio, and a
lone run that gets less than a whole core leaves less for a twin to add), and, as
the ceiling of that moment, what two bare CPU-bound processes reach against one. Images/s
are counted from the ``BatchEvent``s the window receives (steps x batch size)
between the first and the last batch message of a run, so the start of a process
is not counted. Usage:

    .venv/bin/python benchmarks/twin_throughput.py [--epochs 25] [--batch 64] [--repeats 3] [--dataset sample]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Meter:
    """(time, images so far) after each relayed batch message."""

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size
        self.points: list[tuple[float, int]] = []
        self.images = 0

    def on_batches(self, events) -> None:
        self.images += sum(e.batch_size for e in events)
        self.points.append((time.perf_counter(), self.images))

    def rate(self, t0: float | None = None, t1: float | None = None) -> float:
        """Images per second between t0 and t1 (default: the first and last message)."""
        pts = self.points
        if len(pts) < 2:
            return float("nan")
        t0 = pts[0][0] if t0 is None else t0
        t1 = pts[-1][0] if t1 is None else t1
        inside = [(t, n) for t, n in pts if t0 <= t <= t1]
        if len(inside) < 2 or inside[-1][0] <= inside[0][0]:
            return float("nan")
        return (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0])


def wait(app, done, timeout_s: float = 600.0) -> None:
    """Run the event loop (no busy polling: this process should cost the children nothing)
    until ``done()``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop, end = QEventLoop(), time.monotonic() + timeout_s
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: (done() or time.monotonic() > end) and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()
    if not done():
        raise SystemExit("timed out waiting for the runs")


def cpu_seconds(run) -> float:
    """CPU time (user + system) of a run's training process so far (NaN for a thread)."""
    pid = getattr(getattr(run.trainer, "process", None), "pid", None)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """The CPU seconds a run's process used between its first and last batch message."""

    def __init__(self, run_of) -> None:
        self.run_of, self.first, self.last = run_of, None, None

    def on_batches(self, _events) -> None:
        run = self.run_of()
        if run is not None:
            t = cpu_seconds(run)
            self.first = t if self.first is None else self.first
            self.last = t


def run_alone(app, session) -> tuple[float, float]:
    """(images/s, CPU share of the training process: 1.0 = one whole core)."""
    session.reset()
    meter, cpu = Meter(session.train_config.batch_size), CpuMeter(lambda: session._run)
    session.batches.connect(meter.on_batches)
    session.batches.connect(cpu.on_batches)
    session.start()
    wait(app, lambda: session.state in ("finished", "diverged", "failed"))
    session.batches.disconnect(meter.on_batches)
    session.batches.disconnect(cpu.on_batches)
    wall = meter.points[-1][0] - meter.points[0][0]
    return meter.rate(), (cpu.last - cpu.first) / wall if wall > 0 and cpu.first is not None else float("nan")


def run_twins(app, session) -> tuple[float, float]:
    session.reset()
    main, twin = Meter(session.train_config.batch_size), Meter(session.train_config.batch_size)
    session.batches.connect(main.on_batches)
    session.twin.batches.connect(twin.on_batches)
    session.twin.start("lr", session.train_config.lr * 2)       # the same work, another rate
    wait(app, lambda: not session.is_active and not session.twin.is_active)
    session.batches.disconnect(main.on_batches)
    session.twin.batches.disconnect(twin.on_batches)
    session.twin.discard()
    t0 = max(main.points[0][0], twin.points[0][0])               # both were training from here
    t1 = min(main.points[-1][0], twin.points[-1][0])             # to here
    return main.rate(t0, t1), twin.rate(t0, t1)


def _burn(n: int) -> float:
    t = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    return time.perf_counter() - t


def machine_ceiling(n: int = 10_000_000) -> float:
    """What two bare CPU-bound processes achieve together against one, right now: the most
    any pair of runs could reach on this machine at this moment (other work takes its share)."""
    import multiprocessing

    one = _burn(n)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])                               # the workers are up
        t = time.perf_counter()
        pool.map(_burn, [n, n])
        both = time.perf_counter() - t
    return 2 * one / both


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dataset", default="sample")
    args = ap.parse_args()

    from PySide6.QtCore import QCoreApplication

    from visualizer.app.session import TrainingSession, build_bundle
    from visualizer.core.config import NetworkConfig, TrainConfig
    from visualizer.core.dataset import load_dataset

    app = QCoreApplication.instance() or QCoreApplication([])
    session = TrainingSession(NetworkConfig(), TrainConfig(batch_size=args.batch, epochs=args.epochs))
    session.set_data(build_bundle(load_dataset(args.dataset), 0.1))
    print(f"network 784-128-64-10, batch {args.batch}, {args.epochs} epochs of {args.dataset} "
          f"({len(session.data.y_train):,} training images); {os.cpu_count()} CPUs; "
          f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    run_alone(app, session)                                        # warm up: the processes, the caches
    ratios = []
    for r in range(args.repeats):
        alone, share = run_alone(app, session)
        a, b = run_twins(app, session)
        ratios.append((a + b) / alone)
        print(f"round {r + 1}: alone {alone:9,.0f} img/s (its process got {share:.0%} of a core) | twins "
              f"{a:9,.0f} + {b:9,.0f} = {a + b:9,.0f} img/s | ratio {ratios[-1]:.2f}x")
    print(f"median ratio (two twins / one alone): {statistics.median(ratios):.2f}x "
          f"(bound: at least 1.6x on 2 cores)")
    print(f"the machine's ceiling now: two bare CPU-bound processes reach {machine_ceiling():.2f}x one alone")
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    session.shutdown(5.0)


if __name__ == "__main__":
    main()
