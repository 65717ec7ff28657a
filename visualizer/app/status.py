"""What the status bar says about training, computed without widgets (its sentences go
through ``i18n.tr``, which returns them as written when no translation is installed).

``StatusModel`` follows the session's events and answers with a frozen
``StatusView``: the epoch and batch progress of the current run, images per
second, the time left and the latest validation figures. The status bar
(``status_bar.py``) only renders it; tests drive the model with a fake clock.

    model = StatusModel(clock=time.monotonic)
    model.begin_run(epochs_done=10, epochs_planned=5)   # Continue: epochs 11..15
    model.set_state("running")
    model.add_batches(events)                           # tuple[BatchEvent, ...]
    model.end_epoch(ev)                                 # EpochEvent
    model.finish(ev)  -> "Finished 5 more epochs in 12 s (15 in all)."
    model.clear()                                       # reset, new architecture, opened model
    model.view()      -> StatusView

Time spent paused counts neither in the speed nor in a run's duration.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from .i18n import count, tr

RATE_WINDOW_S = 3.0      # the speed is measured over the last few seconds of training
MIN_RATE_SPAN_S = 0.2    # ... once at least this much time has passed


@dataclass(frozen=True)
class StatusView:
    """Everything the status bar shows about training (progress bars: value within low..high)."""

    epoch_value: int = 0
    epoch_low: int = 0
    epoch_high: int = 1
    epoch_format: str = field(default_factory=lambda: tr("Epoch –"))     # in the language in use
    batch_value: int = 0
    batch_high: int = 1
    batch_format: str = field(default_factory=lambda: tr("Batch –"))
    rate_text: str = ""
    eta_text: str = ""
    metric_text: str = ""


def duration(seconds: float) -> str:
    """A readable duration: "3.2 s", "42 s", "2 min 05 s", "1 h 02 min" ("–" when unknown)."""
    if not math.isfinite(seconds):
        return "–"
    if seconds < 10:
        return tr("{s} s").format(s=f"{seconds:.1f}")
    seconds = int(round(seconds))
    if seconds < 60:
        return tr("{s} s").format(s=seconds)
    if seconds < 3600:
        return tr("{m} min {s} s").format(m=seconds // 60, s=f"{seconds % 60:02d}")
    return tr("{h} h {m} min").format(h=seconds // 3600, m=f"{seconds % 3600 // 60:02d}")


def metric_text(val_loss: float, val_accuracy: float, train_accuracy: float = math.nan) -> str:
    """The latest accuracy: validation when there is a validation set, else training."""
    if math.isfinite(val_accuracy):
        return tr("Validation accuracy {accuracy}%  ·  loss {loss}").format(
            accuracy=f"{val_accuracy * 100:.1f}", loss=f"{val_loss:.3f}")
    if math.isfinite(train_accuracy):
        return tr("Training accuracy {accuracy}%").format(accuracy=f"{train_accuracy * 100:.1f}")
    return ""


class StatusModel:
    """See the module docstring. ``clock()`` returns seconds (monotonic)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.clear()

    # ------------------------------------------------------------------ events
    def clear(self) -> None:
        """Forget every run: the model was reset, rebuilt or opened from a file."""
        self._run_start = 0            # the network's epochs when the run began
        self._run_target = 0           # ... and when it will end
        self._in_run = False
        self._epochs_done = 0
        self._batch = self._bpe = 0
        self._batch_size = 0
        self._progress = 0.0
        self._metric = ""
        self._rate: deque[tuple[float, int]] = deque(maxlen=256)
        self._last_rate: float | None = None     # the speed when training last paused or ended
        self._state = "idle"
        self._running_since: float | None = None
        self._run_seconds = 0.0

    def begin_run(self, epochs_done: int, epochs_planned: int) -> None:
        """A run starts from ``epochs_done`` finished epochs and trains ``epochs_planned`` more."""
        self._run_start = int(epochs_done)
        self._run_target = int(epochs_done) + int(epochs_planned)
        self._in_run = True
        self._epochs_done = int(epochs_done)
        self._batch = self._bpe = 0
        self._rate.clear()
        self._last_rate = None
        self._run_seconds = 0.0
        self._running_since = self._clock() if self._state == "running" else None

    def replan(self, epochs_planned: int) -> int:
        """The active run now trains ``epochs_planned`` epochs (Epochs changed mid-run); the
        network's epochs when it will end."""
        self._run_target = self._run_start + int(epochs_planned)
        return self._run_target

    def set_state(self, state: str) -> None:
        """The session's state; only "running" time counts towards speed and duration."""
        now = self._clock()
        if self._state == "running" and state != "running":
            self._close_segment(now)
            self._last_rate = self.rate() or self._last_rate
            self._rate.clear()             # a pause must not read as a slow batch
        elif state == "running" and self._state != "running":
            self._running_since = now
        self._state = state

    def add_batches(self, events) -> None:
        """A group of ``BatchEvent``s, oldest first."""
        last = events[-1]
        self._batch, self._bpe = int(last.batch), int(last.batches_per_epoch)
        self._batch_size, self._progress = int(last.batch_size), float(last.progress)
        self._rate.append((self._clock(), sum(int(e.batch_size) for e in events)))
        while len(self._rate) > 2 and self._rate[-1][0] - self._rate[0][0] > RATE_WINDOW_S:
            self._rate.popleft()

    def end_epoch(self, ev) -> None:
        """An ``EpochEvent``: progress and the latest accuracy."""
        self._epochs_done = int(ev.epochs_done)
        self._metric = metric_text(ev.val_loss, ev.val_accuracy, ev.train_accuracy)

    def evaluated(self, val_loss: float, val_accuracy: float) -> None:
        """The current model was evaluated outside training (e.g. after opening it)."""
        text = metric_text(val_loss, val_accuracy)
        if text:
            self._metric = text

    def finish(self, ev) -> str:
        """The run ended (``FinishedEvent`` or None after a crash); the sentence to show, or ""."""
        self._close_segment(self._clock())
        if ev is None:
            return ""
        self._epochs_done = int(ev.epochs_done)
        if ev.reason != "completed":
            return ""
        trained = max(0, int(ev.epochs_done) - self._run_start)
        took = duration(self._run_seconds)
        if self._run_start > 0:
            return tr("Finished %n more epoch(s) in {time} ({total} in all).", None, trained).format(
                time=took, total=int(ev.epochs_done))
        return tr("Finished %n epoch(s) in {time}.", None, trained).format(time=took)

    # ------------------------------------------------------------------ answers
    @property
    def run_seconds(self) -> float:
        """Training time of the current (or last) run, pauses excluded."""
        extra = self._clock() - self._running_since if self._running_since is not None else 0.0
        return self._run_seconds + extra

    def rate(self) -> float | None:
        """Images per second over the last few seconds of training (None: not measured yet)."""
        if len(self._rate) < 2:
            return None
        span = self._rate[-1][0] - self._rate[0][0]
        if span <= MIN_RATE_SPAN_S:
            return None
        return sum(n for _, n in list(self._rate)[1:]) / span

    def view(self) -> StatusView:
        if not self._in_run:
            return StatusView(metric_text=self._metric)
        rate = self.rate() if self._state == "running" else self._last_rate
        eta = ""
        if rate and self._state == "running" and self._bpe:
            images_left = max(0.0, self._run_target - self._progress) * self._bpe * self._batch_size
            eta = tr("ETA {time}").format(time=duration(images_left / rate))
        return StatusView(
            epoch_value=self._epochs_done, epoch_low=self._run_start, epoch_high=self._run_target,
            epoch_format=tr("Epoch %v / %m"), batch_value=self._batch, batch_high=max(1, self._bpe),
            batch_format=tr("Batch %v / %m") if self._bpe else tr("Batch –"),
            rate_text=tr("{n} images/s").format(n=count(rate)) if rate else "", eta_text=eta,
            metric_text=self._metric)

    def _close_segment(self, now: float) -> None:
        if self._running_since is not None:
            self._run_seconds += max(0.0, now - self._running_since)
            self._running_since = None
