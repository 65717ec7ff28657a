"""What the live timeline's moments cost the training process, in CPU time (no window).

    .venv/bin/python benchmarks/timeline_moments.py [--dataset sample] [--epochs 6] [--repeats 3]

Runs ``core.serve.run_one`` (the training process's loop: the pump, its snapshots and
the moments a timeline of the given budget keeps, pickled into a pipe that a thread
drains, as the app's relay does) for timeline budgets of 0, 16 and 64 MB, against the
bare ``Trainer`` on the same data, measured alternately. Prints the megabytes sent per
run and the CPU time of each: CPU time, unlike wall time, is barely skewed by other
work on a shared machine. The app's live timeline (``app.session_timeline.LIVE_BUDGET``)
keeps what this shows a run can afford.
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import sys
import threading
import time

import numpy as np

from visualizer.core.config import NetworkConfig, TrainConfig

NETWORK = NetworkConfig(hidden=(128, 64))


class Drained:
    """The sending end of a pipe whose other end a thread empties; counts the bytes sent."""

    def __init__(self) -> None:
        self._r, self._w = multiprocessing.Pipe(duplex=False)
        self.sent = 0
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        try:
            while True:
                self._r.recv_bytes()
        except (EOFError, OSError):
            pass

    def send(self, msg) -> None:
        b = pickle.dumps(msg, protocol=pickle.HIGHEST_PROTOCOL)
        self.sent += len(b)
        self._w.send_bytes(b)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", default="sample")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)

    from visualizer.core.blas import set_blas_threads
    from visualizer.core.checkpoint import Checkpoint, Split
    from visualizer.core.control import TrainingControl
    from visualizer.core.dataset import load_dataset
    from visualizer.core.protocol import LoadData, RunSpec
    from visualizer.core.runsetup import prepare
    from visualizer.core.serve import run_one
    from visualizer.core.training import Trainer

    set_blas_threads(1)                     # as in the app's training process
    run = prepare(load_dataset(args.dataset), Split(args.dataset, 0.1))
    data = LoadData.of(1, run)
    train = TrainConfig(optimizer="adam", lr=1e-3, batch_size=64, epochs=args.epochs, seed=0)
    ckpt = Checkpoint.fresh(NETWORK, train, Split(args.dataset, 0.1), rng=np.random.default_rng(0))
    pipe = Drained()
    probe = run.inputs_val[0]

    def headless() -> float:
        t = time.thread_time()
        for _ in Trainer.from_checkpoint(ckpt, run).run():
            pass
        return time.thread_time() - t

    def served(budget: int) -> float:
        pipe.sent = 0
        t = time.thread_time()
        run_one(RunSpec(ckpt, 1, probe=probe, timeline_budget=budget), data, TrainingControl(),
                lambda: probe, pipe.send)
        return time.thread_time() - t

    print(f"784-128-64-10, Adam, batch 64, {args.epochs} epochs on {args.dataset} ({len(run.y_train):,} images); "
          f"CPU time, best of {args.repeats}")
    for mb in (0, 16, 64):
        h = s = float("inf")
        for _ in range(args.repeats):
            h, s = min(h, headless()), min(s, served(mb * 2**20))
        print(f"  timeline budget {mb:2d} MB: {pipe.sent / 2**20:5.1f} MB sent per run, {s:.3f} s of CPU "
              f"against {h:.3f} s headless -> {100 * h / s:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
