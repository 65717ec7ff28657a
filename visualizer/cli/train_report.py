"""What one run of ``visualizer train`` left behind, and how it is told: the latest event of
each kind (``Outcome``), the ``--json`` document (its shape is in ``train``'s module doc)
and the summary printed on stdout.
"""

from __future__ import annotations

import dataclasses
import math
import sys
from pathlib import Path
from typing import Any

from .common import fmt_loss, percent, plural


@dataclasses.dataclass
class Outcome:
    """What one pass of the training loop left behind (the latest event of each kind)."""

    last_epoch: Any = None
    last_batch: Any = None
    diverged: Any = None
    finished: Any = None
    signals: dict = dataclasses.field(default_factory=dict)     # _stop_signals' state
    saved: Any = None             # core.rescue.Saved: where --out's model went (None: no --out)
    wall: float = 0.0
    norms: list = dataclasses.field(default_factory=list)        # (epoch, LayerNorms) recorded

    @property
    def reason(self) -> str:
        return self.finished.reason if self.finished is not None else "completed"

    @property
    def model_path(self) -> Path | None:
        """The model file written: --out, or where it was rescued to when --out failed."""
        return self.saved.path if self.saved is not None else None


def record(outcome: Outcome, progress, ev) -> None:
    kind = type(ev).__name__
    if kind == "BatchEvent":
        progress.on_batch(ev)
        outcome.last_batch = ev
        if ev.norms is not None:
            outcome.norms.append((ev.epoch + 1, ev.norms))
    elif kind == "EpochEvent":
        progress.on_epoch(ev)
        outcome.last_epoch = ev
    elif kind == "DivergedEvent":
        outcome.diverged = ev
    elif kind == "FinishedEvent":
        outcome.finished = ev


def _final_figures(trainer, data, outcome: Outcome) -> dict:
    """Loss and accuracy of the final weights: the last epoch's when it describes them, else a
    fresh evaluation (stopped mid-epoch, rolled back)."""
    from visualizer.core.evaluation import evaluate

    last = outcome.last_epoch
    if outcome.reason == "completed" and last is not None:
        return dict(train_loss=last.train_loss, train_accuracy=last.train_accuracy,
                    val_loss=last.val_loss, val_accuracy=last.val_accuracy)
    x_val, y_val = data.validation
    on_train = evaluate(trainer.model, data.inputs_train, data.y_train)
    on_val = evaluate(trainer.model, x_val, y_val) if x_val is not None else None
    return dict(train_loss=on_train.loss, train_accuracy=on_train.accuracy,
                val_loss=on_val.loss if on_val else math.nan,
                val_accuracy=on_val.accuracy if on_val else math.nan)


def result_document(args, trainer, start, data, outcome: Outcome, progress) -> dict:
    """The --json document (see the module doc)."""
    from visualizer.core.gradhealth import per_epoch

    finished = outcome.finished
    seconds = finished.seconds if finished is not None else outcome.wall
    return {
        "status": outcome.reason,
        "dataset": data.split.dataset,
        "split": data.split.to_dict(),
        "epochs": trainer.epochs_done,
        "epochs_this_run": trainer.epochs_done - start.epochs_done,
        "steps": trainer.step,
        "seconds": seconds,
        "samples_per_second": progress.samples / seconds if seconds > 0 else math.nan,
        **_final_figures(trainer, data, outcome),
        "train_samples": int(len(data.y_train)),
        "val_samples": int(len(data.y_val)),
        "network": start.network.to_dict(),
        "config": trainer.config.to_dict(),
        "resumed_from": str(args.resume) if args.resume else None,
        "model": str(outcome.model_path) if outcome.model_path is not None else None,
        "message": outcome.diverged.message if outcome.diverged is not None else None,
        "history": list(finished.history) if finished is not None else list(trainer.history),
        "gradients": per_epoch(outcome.norms),
    }


def partial_batches(outcome: Outcome) -> int:
    """Batches into an epoch a stopped run left unfinished (0 when it stopped at an epoch's end)."""
    last, epoch = outcome.last_batch, outcome.last_epoch
    if outcome.reason != "stopped" or last is None or last.batch >= last.batches_per_epoch:
        return 0
    return last.batch if epoch is None or last.step > epoch.step else 0


def print_summary(r: dict, out: Path | None, partial_batches: int = 0, diverged=None) -> None:
    verb = {"completed": "trained", "stopped": "stopped after"}.get(r["status"], r["status"])
    done = plural(r["epochs_this_run"], "epoch")
    if partial_batches:
        done += f" and {plural(partial_batches, 'batch')}"
    if diverged is not None:     # counted in steps, like the error line that follows
        verb, done = "diverged", (f"at step {diverged.step:,} (epoch {diverged.epoch + 1}), rolled back "
                                  f"to step {diverged.restored_step:,},")
    print(f"{verb} {done} on {r['dataset']} "
          f"({r['train_samples']:,} training images) in {r['seconds']:.1f} s, "
          f"{r['samples_per_second']:,.0f} samples/s")
    line = f"train loss {fmt_loss(r['train_loss'])}, accuracy {percent(r['train_accuracy'])}"
    if r["val_samples"]:
        line += (f"; validation loss {fmt_loss(r['val_loss'])}, accuracy "
                 f"{percent(r['val_accuracy'])} ({r['val_samples']:,} images)")
    print(line)
    if out is not None:
        print(f"saved {out} ({plural(r['epochs'], 'epoch')}, {r['steps']:,} steps in total)")
    sys.stdout.flush()
