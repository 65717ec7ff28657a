"""What the training curves show, without widgets: series, smoothing, axis limits, CSV (the
exported title's words go through ``i18n.tr``).

``CurvesModel`` holds every number the curves draw, in preallocated
``GrowingArray`` columns (amortised O(1) appends; a chunk of batches is
appended with a few NumPy calls, no Python loop per batch):

    per batch   x (fractional epochs), loss, accuracy (%), learning rate, step,
                and the smoothed (debiased EMA) loss and accuracy
    per epoch   x (whole epochs), train / validation loss and accuracy (%), lr
    earlier run batches of a stopped run whose unfinished epoch a later run
                redid (kept apart so the live x stays increasing)
    diverged    the loss from the last sound step up to the step whose loss
                exploded, and that step's loss (inf when NaN or infinite)
    changes     live setting changes: (x, label)

``CurvesWidget`` (curves.py) renders it; the tests drive it directly.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np

from .i18n import tr
from .series import GrowingArray, ema, nice_ceil, nice_step, peak_downsample

__all__ = ["CurvesModel", "Divergence", "GrowingArray", "SMOOTHING", "curves_title", "ema",
           "nice_ceil", "nice_step", "peak_downsample"]

SMOOTHING = 0.9          # EMA factor of the smoothed loss and the running batch accuracy
LIVE_NAMES = {"lr": "lr", "weight_decay": "L2", "dropout": "dropout", "momentum": "momentum"}


@dataclass(frozen=True)
class Divergence:
    """Where a run diverged, as the curves place it (x in fractional epochs)."""

    x: float                  # the step whose loss went bad
    step: int
    loss: float               # NaN, inf or the exploded value
    restored_x: float         # where the weights were rolled back to
    restored_step: int

    @property
    def label(self) -> str:
        loss = f"{self.loss:.2g}" if math.isfinite(self.loss) else ("NaN" if math.isnan(self.loss) else "∞")
        return f"diverged: loss {loss} at step {self.step}, back to step {self.restored_step}"


def curves_title(network=None, dataset: str | None = None, step: int | None = None,
                 epochs: float | None = None) -> str:
    """The exported image's title: "Network 784-128-64-10 · MNIST · step 1,234 (2.5 epochs)"."""
    parts = []
    if network:
        sizes = network if isinstance(network, str) else "-".join(str(int(s)) for s in network)
        parts.append(tr("Network {sizes}").format(sizes=sizes))
    if dataset:
        parts.append(str(dataset))
    if step is not None:
        when = tr("step {step:,}").format(step=step)
        if epochs is not None:
            when += " " + tr("({epochs} epochs)").format(epochs=f"{epochs:.3g}")
        parts.append(when)
    elif epochs is not None:
        parts.append(tr("after {epochs} epochs").format(epochs=f"{epochs:g}"))
    return " · ".join(parts) or tr("Training curves")


def _num(v, scale: float = 1.0) -> float:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return math.nan
    return v * scale if math.isfinite(v) else math.nan


def _fmt(v: float) -> str:
    return "" if not math.isfinite(v) else f"{v:.6g}"


class CurvesModel:
    """See the module docstring. Feed it ``add_batches``, ``add_epoch``, ``add_change``,
    ``add_divergence``; ``version`` counts the changes of what is drawn once per epoch
    (epoch points, earlier runs, divergences), so a view redraws those only when it moved."""

    def __init__(self) -> None:
        self.x_batch, self.loss, self.loss_smooth = GrowingArray(), GrowingArray(), GrowingArray()
        self.acc, self.acc_smooth = GrowingArray(), GrowingArray()
        self.lr, self.step = GrowingArray(), GrowingArray()
        self.lr_x, self.lr_y = GrowingArray(64), GrowingArray(64)   # the lr as drawn (see _extend_lr_steps)
        self.x_epoch, self.epoch_lr = GrowingArray(64), GrowingArray(64)
        self.train_loss, self.val_loss = GrowingArray(64), GrowingArray(64)
        self.train_acc, self.val_acc = GrowingArray(64), GrowingArray(64)
        self.old_x, self.old_loss, self.old_acc = GrowingArray(64), GrowingArray(64), GrowingArray(64)
        self.old_lr, self.old_step = GrowingArray(64), GrowingArray(64)
        self.div_x, self.div_loss = GrowingArray(64), GrowingArray(64)   # NaN between two divergences
        self.divergences: list[Divergence] = []
        self.changes: list[tuple[float, str]] = []
        self.version = 0
        self._loss_ema = [0.0, 0]
        self._acc_ema = [0.0, 0]
        self._bpe = 0

    def _columns(self) -> tuple[GrowingArray, ...]:
        return (self.x_batch, self.loss, self.loss_smooth, self.acc, self.acc_smooth, self.lr, self.step,
                self.lr_x, self.lr_y, self.x_epoch, self.epoch_lr, self.train_loss, self.val_loss,
                self.train_acc, self.val_acc, self.old_x, self.old_loss, self.old_acc, self.old_lr,
                self.old_step, self.div_x, self.div_loss)

    def clear(self) -> None:
        for a in self._columns():
            a.clear()
        self.divergences.clear()
        self.changes.clear()
        self._loss_ema[:] = [0.0, 0]
        self._acc_ema[:] = [0.0, 0]
        self.version += 1

    @property
    def empty(self) -> bool:
        return not len(self.x_batch) and not len(self.x_epoch)

    # ------------------------------------------------------------------ feeding
    def set_history(self, history) -> None:
        """Restart from per-epoch history rows (``EpochEvent.history_row()`` dicts)."""
        self.clear()
        for row in history:
            self._add_epoch_values(float(row.get("epoch", len(self.x_epoch) + 1)),
                                   row.get("train_loss"), row.get("val_loss"),
                                   row.get("train_accuracy"), row.get("val_accuracy"), row.get("lr"))

    def add_batches(self, events) -> None:
        """Append a sequence of ``BatchEvent``s (one NumPy pass per column)."""
        n = len(events)
        if not n:
            return
        x = np.fromiter((e.progress for e in events), np.float64, n)
        if len(self.x_batch) and x[0] < self.x_batch.last():
            self._retire_unfinished(events[0].epoch)
        loss = np.fromiter((e.loss for e in events), np.float64, n)
        acc = np.fromiter((e.accuracy for e in events), np.float64, n) * 100.0
        lrs = np.fromiter((e.lr for e in events), np.float64, n)
        self.x_batch.extend(x)
        self.loss.extend(loss)
        self.loss_smooth.extend(ema(loss, SMOOTHING, self._loss_ema))
        self.acc.extend(acc)
        self.acc_smooth.extend(ema(acc, SMOOTHING, self._acc_ema))
        self.lr.extend(lrs)
        self._extend_lr_steps(x, lrs)
        self.step.extend(np.fromiter((e.step for e in events), np.float64, n))
        self._bpe = events[-1].batches_per_epoch

    def add_epoch(self, ev) -> None:
        """Append an ``EpochEvent``."""
        self._add_epoch_values(float(ev.epochs_done), ev.train_loss, ev.val_loss,
                               ev.train_accuracy, ev.val_accuracy, ev.lr)

    def _add_epoch_values(self, x, train_loss, val_loss, train_acc, val_acc, lr) -> None:
        self.x_epoch.append(x)
        self.train_loss.append(_num(train_loss))
        self.val_loss.append(_num(val_loss))
        self.train_acc.append(_num(train_acc, 100.0))
        self.val_acc.append(_num(val_acc, 100.0))
        self.epoch_lr.append(_num(lr))
        self.version += 1

    def add_change(self, progress: float, text: str) -> None:
        self.changes.append((float(progress), text))

    @staticmethod
    def settings_text(ev) -> str:
        """The marker label of a ``SettingsChangedEvent``: "lr 0.01, L2 0.0001"."""
        return ", ".join(f"{LIVE_NAMES.get(key, key)} {value:.3g}" for key, value in ev.changes)

    def add_divergence(self, ev) -> Divergence:
        """Keep what a ``DivergedEvent`` rolled back: the batches after its restored step and
        the exploded loss (which no BatchEvent reports), drawn apart so the next run does not
        hide them."""
        steps, xs, losses = self.step.view(), self.x_batch.view(), self.loss.view()
        bpe = self._bpe or 1
        hit = np.flatnonzero(steps == ev.step)
        if len(hit):
            x_bad = float(xs[hit[-1]])
        elif len(steps):
            x_bad = float(xs[-1]) + (ev.step - float(steps[-1])) / bpe
        else:
            x_bad = ev.epoch + 1.0 / bpe
        restored_x = max(0.0, x_bad - (ev.step - ev.restored_step) / bpe)
        keep = (steps >= ev.restored_step) & (steps < ev.step)        # (N,) the rolled-back batches
        bad = float(ev.loss) if math.isfinite(ev.loss) else math.inf  # off the chart: drawn at the top
        if len(self.div_x):
            self.div_x.append(math.nan)
            self.div_loss.append(math.nan)
        self.div_x.extend(np.concatenate((xs[keep], [x_bad])))
        self.div_loss.extend(np.concatenate((losses[keep], [bad])))
        d = Divergence(x_bad, int(ev.step), float(ev.loss), restored_x, int(ev.restored_step))
        self.divergences.append(d)
        self.version += 1
        return d

    def _extend_lr_steps(self, x: np.ndarray, lrs: np.ndarray) -> None:
        """The plotted lr: one point where a flat stretch starts and one at its newest end,
        so a constant rate costs two points however long the run (a schedule keeps them all)."""
        n = len(self.lr_x)
        if len(x) and n >= 2 and self.lr_y.view()[n - 2] == self.lr_y.last() and np.all(lrs == self.lr_y.last()):
            self.lr_x.view()[n - 1] = x[-1]           # the usual case: the flat stretch goes on
            return
        for xi, li in zip(x, lrs):
            n = len(self.lr_x)
            if n >= 2 and li == self.lr_y.last() and self.lr_y.view()[n - 2] == li:
                self.lr_x.view()[n - 1] = xi          # extend the flat stretch
            else:
                self.lr_x.append(xi)
                self.lr_y.append(li)

    def _retire_unfinished(self, epoch: int) -> None:
        """A new run redoes epoch ``epoch``, which a stopped run left unfinished.

        The stopped run's batches past ``epoch`` move to a faint static "earlier run"
        curve (and stay in the CSV), so the live arrays keep increasing x (what
        clip-to-view needs) and the two runs are not joined by a line.
        """
        xb = self.x_batch.view()
        cut = int(np.searchsorted(xb, float(epoch) + 1e-9, side="left"))
        if cut >= len(xb):
            return
        for src, dst in ((self.x_batch, self.old_x), (self.loss, self.old_loss), (self.acc, self.old_acc),
                         (self.lr, self.old_lr), (self.step, self.old_step)):
            dst.extend(src.view()[cut:])
            dst.append(math.nan)          # a gap between retired pieces
            src.truncate(cut)
        for a in (self.loss_smooth, self.acc_smooth):
            a.truncate(cut)
        self.lr_x.clear()
        self.lr_y.clear()
        self._extend_lr_steps(self.x_batch.view(), self.lr.view())
        for smooth, state in ((self.loss_smooth, self._loss_ema), (self.acc_smooth, self._acc_ema)):
            last = smooth.last()
            count = int(np.isfinite(smooth.view()).sum())
            state[:] = [last * (1 - SMOOTHING ** count), count] if count and math.isfinite(last) else [0.0, 0]
        self.version += 1

    # ------------------------------------------------------------------ reading
    def point_counts(self) -> dict[str, int]:
        """How many points each curve holds (tests and diagnostics)."""
        return {"batch": int(np.isfinite(self.step.view()).sum()), "epoch": len(self.x_epoch)}

    def last_step(self) -> int | None:
        """The step of the newest batch shown (None before the first batch)."""
        steps = self.step.view()
        return int(steps[-1]) if len(steps) else None

    def last_x(self) -> float:
        xs = [x for x in (self.x_batch.last(), self.x_epoch.last()) if math.isfinite(x)]
        return max(xs) if xs else math.nan

    def title(self, network=None, dataset: str | None = None) -> str:
        """``curves_title`` with the step and epochs shown now."""
        x = self.last_x()
        return curves_title(network, dataset, self.last_step(), x if math.isfinite(x) else None)

    def lr_bounds(self) -> tuple[float, float] | None:
        """The smallest and largest positive learning rate shown (per batch, else per epoch)."""
        lr = self.lr.view()
        ok = lr[np.isfinite(lr)]
        if not len(ok):
            elr = self.epoch_lr.view()
            ok = elr[np.isfinite(elr)]
        ok = ok[ok > 0]
        return (float(ok.min()), float(ok.max())) if len(ok) else None

    def loss_top(self) -> float | None:
        """A nice top for the loss axis that outliers (a diverging run's last batches) do not
        set: the larger of the first batches' loss and 5x the median loss, capped at the real
        maximum. None when there is no loss to show."""
        raw = self.loss.view()
        sample = raw[::max(1, len(raw) // 2000)]          # the median of ~2000 is plenty
        vals = np.concatenate([sample, self.train_loss.view(), self.val_loss.view()])
        vals = vals[np.isfinite(vals)]
        if not len(vals):
            return None
        head = raw[:20]
        top = max(float(head.max()) if len(head) else 0.0, 5.0 * float(np.median(vals)))
        top = min(top, max(float(vals.max()), float(raw.max()) if len(raw) else 0.0)) * 1.08
        return nice_ceil(top)

    def x_top(self, snug: bool, planned: float | None) -> float:
        """The x-axis end: snug to the data, the planned length of a run, or a nice limit past
        the newest point (which changes only now and then while training)."""
        xs = [x for x in (self.last_x(), *(d.x for d in self.divergences)) if math.isfinite(x)]
        hi = max(xs) if xs else 1.0
        if snug:
            return max(hi, 0.05) * 1.02
        if planned is not None and hi <= planned:
            return planned * 1.02
        return nice_ceil(max(hi, 0.05) * 1.02, parts=5)

    # ------------------------------------------------------------------ export
    def metrics_csv(self) -> str:
        """Batch, epoch and divergence rows as CSV text, in epoch order."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["kind", "epochs", "step", "loss", "accuracy", "lr",
                    "train_loss", "train_accuracy", "val_loss", "val_accuracy"])
        rows = self._batch_rows(self.x_batch, self.loss, self.acc, self.lr, self.step)
        rows += self._batch_rows(self.old_x, self.old_loss, self.old_acc, self.old_lr, self.old_step)
        xe = self.x_epoch.view()
        for i in range(len(xe)):
            rows.append((xe[i], 1, ["epoch", f"{xe[i]:.6g}", "", "", "", _fmt(self.epoch_lr.view()[i]),
                                    _fmt(self.train_loss.view()[i]), _fmt(self.train_acc.view()[i] / 100.0),
                                    _fmt(self.val_loss.view()[i]), _fmt(self.val_acc.view()[i] / 100.0)]))
        for d in self.divergences:
            rows.append((d.x, 2, ["diverged", f"{d.x:.6g}", str(d.step), f"{d.loss:.6g}",
                                  "", "", "", "", "", ""]))
        rows.sort(key=lambda r: (r[0], r[1], int(r[2][2] or -1)))
        for _, _, row in rows:
            w.writerow(row)
        return out.getvalue()

    @staticmethod
    def _batch_rows(xs, losses, accs, lrs, steps) -> list:
        xb, loss, acc, lr, step = (a.view() for a in (xs, losses, accs, lrs, steps))
        return [(xb[i], 0, ["batch", f"{xb[i]:.6g}", str(int(step[i])), _fmt(loss[i]),
                            _fmt(acc[i] / 100.0), _fmt(lr[i]), "", "", "", ""])
                for i in np.flatnonzero(np.isfinite(step))]     # NaN: the gap between two runs
