"""Progress reporting on stderr: the live training line and the download bar.

On a terminal (``live=True``) one line is redrawn in place with ``\\r``, at
most ``1 / min_interval`` times a second (10/s by default), cut to the
terminal's width so it never wraps. Elsewhere (a pipe, a log file, CI) the
live line is skipped and only whole lines are written: one per epoch for
training, a start and an end line for a download.

    epoch 2/5  batch 312/844  loss 0.3121  acc 91.20%  48,210 samples/s  ETA 0:12
    epoch 2/5  train loss 0.2103 acc 94.05%  val loss 0.2231 acc 93.60%  lr 0.001  3.1 s  50,112 samples/s
"""

from __future__ import annotations

import math
import shutil
import time
from typing import Callable, TextIO

from .common import fmt_loss, percent


def fmt_duration(seconds: float) -> str:
    """``75.4`` -> ``1:15``; ``3725`` -> ``1:02:05``; unknown -> ``--:--``."""
    if not math.isfinite(seconds) or seconds < 0:
        return "--:--"
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def fmt_bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000.0
    return f"{n:.1f} GB"  # pragma: no cover


class _LiveLine:
    """One line of stderr redrawn in place (only when ``live``)."""

    def __init__(self, stream: TextIO, live: bool) -> None:
        self.stream = stream
        self.live = live
        self._shown = 0          # characters currently on the line

    def draw(self, text: str) -> None:
        if not self.live:
            return
        width = max(20, shutil.get_terminal_size((100, 24)).columns - 1)
        text = text[:width]
        pad = max(0, self._shown - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._shown = len(text)

    def clear(self) -> None:
        if self.live and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0

    def println(self, text: str) -> None:
        """A permanent line (the live line, if any, is wiped first)."""
        self.clear()
        self.stream.write(text + "\n")
        self.stream.flush()


class TrainProgress:
    """Turns the trainer's events into the progress line and per-epoch lines.

    ``epochs_before``: whole epochs done before this run (resume); ``epochs``:
    epochs this run will train. Epoch numbers shown are 1-based and count the
    resumed ones, e.g. ``epoch 7/8`` for the 2nd of 3 more epochs after 5.
    """

    def __init__(self, stream: TextIO, *, live: bool, epochs_before: int, epochs: int,
                 min_interval: float = 0.1, clock: Callable[[], float] = time.monotonic) -> None:
        self.line = _LiveLine(stream, live)
        self.epochs_before = epochs_before
        self.epochs = epochs
        self.min_interval = min_interval
        self.clock = clock
        self.start()

    def start(self) -> None:
        now = self.clock()
        self._run_start = now
        self._epoch_start = now
        self._last_draw = -math.inf
        self._run_samples = 0
        self._run_batches = 0
        self._epoch_samples = 0
        self._epoch_loss = 0.0      # sum of batch loss * batch size over the epoch so far
        self._epoch_correct = 0.0   # sum of batch accuracy * batch size
        self._full_batch = 1

    @property
    def total_epochs(self) -> int:
        return self.epochs_before + self.epochs

    def on_batch(self, ev) -> None:
        """``ev``: BatchEvent. Accumulates; redraws the live line when it is due."""
        n = ev.batch_size
        self._full_batch = max(self._full_batch, n)
        self._run_samples += n
        self._run_batches += 1
        self._epoch_samples += n
        self._epoch_loss += ev.loss * n
        self._epoch_correct += ev.accuracy * n
        if not self.line.live:
            return
        now = self.clock()
        if now - self._last_draw < self.min_interval:
            return
        self._last_draw = now
        self.line.draw(self._live_text(ev, now))

    def _live_text(self, ev, now: float) -> str:
        epoch_secs = max(now - self._epoch_start, 1e-9)
        rate = self._epoch_samples / epoch_secs
        loss = self._epoch_loss / max(self._epoch_samples, 1)
        acc = self._epoch_correct / max(self._epoch_samples, 1)
        # Remaining batches of this run, at the run's overall pace (evaluation included).
        epoch_in_run = ev.epoch - self.epochs_before
        remaining = (self.epochs - epoch_in_run - 1) * ev.batches_per_epoch + (ev.batches_per_epoch - ev.batch)
        per_batch = (now - self._run_start) / max(self._run_batches, 1)
        eta = remaining * per_batch
        return (f"epoch {ev.epoch + 1}/{self.total_epochs}  batch {ev.batch}/{ev.batches_per_epoch}"
                f"  loss {fmt_loss(loss)}  acc {percent(acc)}  {rate:,.0f} samples/s"
                f"  ETA {fmt_duration(eta)}")

    def on_epoch(self, ev) -> None:
        """``ev``: EpochEvent. Prints the epoch's summary line (live or not)."""
        val = ""
        if math.isfinite(ev.val_loss):
            val = f"  val loss {fmt_loss(ev.val_loss)} acc {percent(ev.val_accuracy)}"
        self.line.println(
            f"epoch {ev.epochs_done}/{self.total_epochs}  train loss {fmt_loss(ev.train_loss)}"
            f" acc {percent(ev.train_accuracy)}{val}  lr {ev.lr:.3g}"
            f"  {ev.seconds:.1f} s  {ev.samples_per_second:,.0f} samples/s")
        self._epoch_start = self.clock()
        self._epoch_samples = 0
        self._epoch_loss = 0.0
        self._epoch_correct = 0.0

    def message(self, text: str) -> None:
        """A remark between progress lines (e.g. 'stopping after this batch...')."""
        self.line.println(text)

    def close(self) -> None:
        self.line.clear()

    @property
    def samples(self) -> int:
        """Samples trained in this run so far."""
        return self._run_samples


class DownloadBar:
    """The ``progress(done_bytes, total_bytes | None)`` callback of a download.

    Live: ``mnist  [##########----------]  48%  5.5 MB / 11.6 MB  2.1 MB/s``.
    Not live: one line at the start; ``finish()`` prints the total.
    """

    WIDTH = 24

    def __init__(self, stream: TextIO, *, live: bool, label: str, min_interval: float = 0.1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.line = _LiveLine(stream, live)
        self.label = label
        self.min_interval = min_interval
        self.clock = clock
        self._start = clock()
        self._last_draw = -math.inf
        self._announced = False
        self.done = 0
        self.total: int | None = None

    def __call__(self, done: int, total: int | None) -> None:
        self.done, self.total = done, total
        if not self._announced:
            self._announced = True
            if not self.line.live:
                size = f" ({fmt_bytes(total)})" if total else ""
                self.line.println(f"downloading {self.label}{size}...")
        if not self.line.live:
            return
        now = self.clock()
        finished = total is not None and done >= total
        if now - self._last_draw < self.min_interval and not finished:
            return
        self._last_draw = now
        rate = done / max(now - self._start, 1e-9)
        if total:
            frac = min(1.0, done / total)
            filled = int(round(frac * self.WIDTH))
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            text = (f"{self.label}  [{bar}]  {100 * frac:3.0f}%  {fmt_bytes(done)} / {fmt_bytes(total)}"
                    f"  {fmt_bytes(rate)}/s")
        else:
            text = f"{self.label}  {fmt_bytes(done)}  {fmt_bytes(rate)}/s"
        self.line.draw(text)

    def finish(self, message: str | None = None) -> None:
        """Replace the bar by a closing line (only if anything was downloaded)."""
        if not self._announced:
            return
        secs = self.clock() - self._start
        self.line.println(message or f"downloaded {self.label}: {fmt_bytes(self.done)} in {secs:.1f} s")

    def abandon(self) -> None:
        self.line.clear()
