"""The training loop: an iterator of immutable events, steered by a thread-safe control.

    control = TrainingControl()
    trainer = Trainer(model, config, x_train, y_train, x_val, y_val, control=control)
    for event in trainer.run():        # BatchEvent, StepDetailEvent, EpochEvent, PausedEvent,
        ...                            # SettingsChangedEvent, DivergedEvent, FinishedEvent

``run()`` trains ``config.epochs`` epochs ON TOP of ``epochs_done`` (a resumed
model continues its epoch and step numbering; the learning-rate schedule
starts again at the start of each run). It never prints and always ends with
a ``FinishedEvent`` whose reason is "completed", "stopped" or "diverged".

Steering (from any thread, between batches; never by killing a thread):
    control.pause()      the loop yields one PausedEvent, then blocks inside
                         ``run()`` until resume(), step_once(), stop() or change()
    control.step_once()  exactly one batch while paused, its StepDetailEvent (the batch it
                         trained on, ``core.steprecord``), then paused again (another PausedEvent)
    control.stop()       ends the run before the next batch (also wakes a paused loop)
    control.change(lr=0.01, momentum=..., weight_decay=..., dropout=..., epochs=...)
                         validated at once (``ConfigError``), applied before the
                         next batch and announced by a SettingsChangedEvent;
                         ``epochs`` re-plans the run's horizon: the loop trains
                         that many epochs in all and the schedule follows
                         ``schedules.replan`` (no jump in the rate)

Divergence ends the run. A run has diverged when a batch loss is NaN or
infinite, or has exploded above ``EXPLODED_LOSS`` (1000 nats, see ``core.divergence``: far
too large a learning rate, e.g. 1e3, blows the loss up to 1e3..1e13 within
two or three steps, 1e35 later, while log-sum-exp keeps it finite), or when
the weights are non-finite at the end of an epoch or run (mid-epoch,
non-finite weights make the next batch's loss NaN). The weights, the optimizer state AND the counters (``step``,
``epochs_done``, ``history``) then roll back to the last sound backup, a
DivergedEvent names the step, what happened and what to try (its
``restored_step`` is the step rolled back to), and the FinishedEvent's reason
is "diverged" with the restored counters, so a model saved afterwards is
labelled with the step its weights belong to.

Backups are taken at each of the first ``BACKUP_EVERY`` steps of a run (where
a learning rate far too large blows up within a few steps), at the first step
after a live change of settings, every ``BACKUP_EVERY`` steps and at the end of
each epoch, from finite weights that had just
produced a sound loss: at most ln(classes) + 1 (worse than a uniform guess by
a wide margin otherwise) or at most twice the loss at the previous backup.
Weights that are still finite but already blowing up are never kept, so the
rollback lands on a network that still works (``core.rollback.SoundState`` keeps it).

Each epoch ends with an evaluation in eval mode (no dropout, no augmentation)
of the whole training set and the validation set -> EpochEvent. Its
``seconds`` counts the time spent computing the epoch's batches (not the
evaluation, not pauses, not the consumer's handling of events).
"""

from __future__ import annotations

import contextvars
import dataclasses
import math
import time
from typing import Generator, Iterator, Sequence

import numpy as np

from .blas import blas_thread_limit
from .checkpoint import Checkpoint, Split
from .config import TrainConfig
from .control import TrainingControl
from .divergence import EXPLODED_LOSS, SAFE_LR, diverged_message, suggested_lr
from .errors import ConfigError, DataError
from .evaluation import evaluate
from .events import (BatchEvent, DivergedEvent, EpochEvent, Event, FinishedEvent, PausedEvent,
                     SettingsChangedEvent)
from .network import MLP
from .optimizers import make_optimizer
from .rollback import SoundState
from .schedules import learning_rate, replan
from .steprecord import StepRecorder

BACKUP_EVERY = 20

__all__ = ["BACKUP_EVERY", "EXPLODED_LOSS", "SAFE_LR", "Trainer", "suggested_lr"]


class Trainer:
    """Trains ``model`` in place; ``run()`` yields the events (see the module doc).

    x_train, x_val: (N, n_inputs) float32 in [0, 1]; y_train, y_val: (N,) integer
    class indices. ``rng`` (default: ``default_rng(config.seed)``) drives the
    shuffling, dropout and augmentation, so equal seeds give identical runs.
    ``optimizer_state``, ``epochs_done``, ``step`` and ``history`` resume a
    saved run; an optimizer state that does not fit the model or optimizer is
    ignored (fresh state). ``Trainer.from_checkpoint`` starts from a
    ``Checkpoint`` and ``checkpoint()`` hands one back; ``split`` is the
    ``Split`` the checkpoints record (which images x_val is).

    ``blas_threads`` (default 1; None leaves it alone) is the number of
    OpenBLAS threads while ``run()`` is active (the previous number is restored
    when the run ends). The products of a network this size are too small for
    a second thread to pay off, and on a busy 2-core machine (a window to draw,
    other processes) two spinning BLAS threads were measured 5-15x slower than
    one; see benchmarks/train_throughput.py.
    """

    def __init__(self, model: MLP, config: TrainConfig, x_train, y_train, x_val=None, y_val=None, *,
                 rng: np.random.Generator | None = None, control: TrainingControl | None = None,
                 optimizer_state: dict | None = None, epochs_done: int = 0, step: int = 0,
                 history: Sequence[dict] = (), blas_threads: int | None = 1, split: Split | None = None):
        self.model = model
        self.split = split if split is not None else Split("", config.val_fraction)
        self.blas_threads = blas_threads
        self.config = config.validate()
        self.control = control if control is not None else TrainingControl()
        self.control._bind(self.config)
        self.rng = rng if rng is not None else np.random.default_rng(config.seed)
        if config.augment and model.sizes[0] != 784:
            raise ConfigError(f"augment works on 28x28 images (784 inputs); this network has "
                              f"{model.sizes[0]} inputs")
        self.x_train, self.y_train = self._check_data("training", x_train, y_train, required=True)
        if x_val is None or len(x_val) == 0:
            self.x_val = self.y_val = None
        else:
            self.x_val, self.y_val = self._check_data("validation", x_val, y_val, required=False)
        self.epochs_done = int(epochs_done)
        self.step = int(step)
        self.history: list[dict] = [dict(h) for h in history]
        self.optimizer = make_optimizer(config, model.n_params, model.dtype, model.weight_slices())
        self.optimizer.grad_is_scratch = True     # the workspace gradient is not read after a step
        self.resumed_optimizer = bool(optimizer_state) and self.optimizer.load_state(dict(optimizer_state))
        self._base_lr = float(config.lr)
        self.lr = float(config.lr)           # the learning rate of the latest step
        self._sound = SoundState()           # what a divergence rolls back to
        self._run_start_step = self.step

    def _check_data(self, what: str, x, y, required: bool) -> tuple[np.ndarray, np.ndarray]:
        n_in, n_cls = self.model.sizes[0], self.model.sizes[-1]
        x = np.asarray(x)
        y = np.asarray(y)
        if x.ndim != 2 or x.shape[1] != n_in:
            raise DataError(f"{what} images must be an (N, {n_in}) array, got shape {x.shape}")
        if len(x) == 0:
            raise DataError(f"the {what} set is empty")
        if y.shape != (len(x),):
            raise DataError(f"{what} labels must be an ({len(x)},) array, got shape {y.shape}")
        if not np.issubdtype(y.dtype, np.integer):
            raise DataError(f"{what} labels must be integers, got {y.dtype}")
        if y.min() < 0 or y.max() >= n_cls:
            raise DataError(f"{what} labels must be class indices 0..{n_cls - 1}, "
                            f"found {int(y.min())}..{int(y.max())}")
        if x.dtype != self.model.dtype:
            x = x.astype(self.model.dtype)
        return x, y.astype(np.int64, copy=False)

    @classmethod
    def from_checkpoint(cls, ckpt: Checkpoint, data, *, train: TrainConfig | None = None,
                        control: TrainingControl | None = None, rng: np.random.Generator | None = None,
                        blas_threads: int | None = 1) -> "Trainer":
        """A trainer that continues ``ckpt`` on ``data`` (a ``runsetup.RunData``).

        ``train`` (default: the checkpoint's) may change the settings; the optimizer's state
        is kept only for the same optimizer. ``rng`` defaults to ``ckpt.run_rng()``.
        """
        train = train if train is not None else ckpt.train
        opt_state = ckpt.optimizer_state if train.optimizer == ckpt.train.optimizer else None
        x_val, y_val = data.validation
        return cls(ckpt.model(), train, data.inputs_train, data.y_train, x_val, y_val,
                   rng=rng if rng is not None else ckpt.replace(train=train).run_rng(),
                   control=control, optimizer_state=opt_state, epochs_done=ckpt.epochs_done,
                   step=ckpt.step, history=ckpt.history, blas_threads=blas_threads, split=ckpt.split)

    def checkpoint(self) -> Checkpoint:
        """Where training stands now: copies of the weights, optimizer state and counters."""
        return Checkpoint.of(self.model, self.config, self.split, optimizer_state=self.optimizer_state(),
                             step=self.step, epochs_done=self.epochs_done, history=self.history)

    def optimizer_state(self) -> dict[str, np.ndarray]:
        """Copies of the optimizer's state arrays (what a ``Checkpoint`` keeps)."""
        return self.optimizer.state()

    # -- the loop ---------------------------------------------------------------------------
    def _apply(self, changes: dict[str, float], progress: float) -> SettingsChangedEvent:
        self.config = dataclasses.replace(self.config, **changes)
        self.control._bind(self.config)
        if "lr" in changes:
            self._base_lr = changes["lr"]
        if "momentum" in changes:
            self.optimizer.momentum = changes["momentum"]
        if "weight_decay" in changes:
            self.optimizer.weight_decay = changes["weight_decay"]
        if "epochs" in changes:                 # a new horizon: the schedule goes on from here
            self._lr_anchor = replan(progress, self._run_config.epochs, self._lr_anchor)
            self._run_config = dataclasses.replace(self._run_config, epochs=int(changes["epochs"]))
        self._sound.loss = math.inf         # keep the weights the new settings start from
        return SettingsChangedEvent(self.step + 1, float(progress), tuple(sorted(changes.items())))

    def _sane(self, loss: float) -> bool:
        """Is ``loss`` fit for a rollback point (``rollback.SoundState.sane``)?"""
        return self._sound.sane(loss, self.model.sizes[-1])

    def _params_finite(self) -> bool:
        return self._sound.finite(self.model.params)

    def _take_backup(self, loss: float = math.inf) -> None:
        """Keep the weights, optimizer state and counters as the last sound state (if finite)."""
        self._sound.take(self.model.params, self.optimizer, (self.step, self.epochs_done, len(self.history)), loss)

    def _roll_back(self) -> int:
        """Restore the last backup (weights, optimizer state, step, epochs done, history); its step."""
        kept = self._sound.restore(self.model.params, self.optimizer)
        if kept is None:               # cannot happen: a backup is taken before the first step
            return self.step
        self.step, self.epochs_done, n_history = kept
        del self.history[n_history:]
        return self.step

    def _diverged(self, bad_step: int, epoch: int, loss: float, what: str = "") -> DivergedEvent:
        """Roll back and describe it: what happened (by default: to the loss), where we are now, what to try."""
        restored = self._roll_back()
        message = diverged_message(self.config, self._base_lr, bad_step, epoch, loss, restored, what)
        return DivergedEvent(bad_step, epoch, float(loss), message, restored)

    def _augment(self):
        from . import augment  # written by the data layer; imported only when augmentation is on
        return augment.augment_batch

    def run(self) -> Iterator[Event]:
        """Train (see the module doc); a generator of events ending with a FinishedEvent."""
        if self.blas_threads is None:
            yield from self._run()
            return
        with blas_thread_limit(self.blas_threads):
            yield from self._run()

    def _run(self) -> Iterator[Event]:
        """The loop: epochs of batches (``_epoch``), each epoch evaluated, then a FinishedEvent."""
        cfg = self._run_config = self.config
        n = len(self.x_train)
        batch = min(cfg.batch_size, n)
        augment = self._augment() if cfg.augment else None
        start, reason = time.perf_counter(), "completed"
        quiet = self._begin_run()
        self._record = StepRecorder(self.model, batch)   # gradient health, step details
        e = 0
        while e < self._run_config.epochs:        # the horizon may change mid-run (control.change)
            self.control.note_begun(e + 1)
            epoch = self.epochs_done
            reason, compute = yield from self._epoch(e, batch, augment, quiet)
            if reason != "completed":
                break
            event = self._end_of_epoch(epoch, compute)
            yield event
            if isinstance(event, DivergedEvent):
                reason = "diverged"
                break
            e += 1
        yield FinishedEvent(reason, self.step, self.epochs_done, time.perf_counter() - start,
                            tuple(dict(h) for h in self.history))

    def _epoch(self, e: int, batch: int, augment,
               quiet: contextvars.Context) -> Generator[Event, None, tuple[str, float]]:
        """The batches of the run's epoch ``e`` (a BatchEvent each, a StepDetailEvent after a single
        step); returns (reason: "completed", "stopped" or "diverged"; seconds spent computing)."""
        n = len(self.x_train)
        bpe = math.ceil(n / batch)
        epoch = self.epochs_done
        order = self.rng.permutation(n)
        compute = 0.0
        for bi in range(bpe):
            gate = self.control._gate()
            if gate != "run":                 # stop, live changes, pause: rarely
                gate = yield from self._between_batches(gate, epoch + bi / bpe)
                if gate == "stop":
                    reason = yield from self._stopped(epoch)
                    return reason, compute
            t0 = time.perf_counter()
            # in a context that ignores overflow on the way to a NaN loss (handled below)
            idx = order[bi * batch:(bi + 1) * batch]
            loss, correct, b, lr = quiet.run(self._one_step, idx, e + bi / bpe, augment, gate == "step")
            compute += time.perf_counter() - t0
            if not loss <= EXPLODED_LOSS:       # NaN, inf or exploded (see EXPLODED_LOSS)
                yield self._diverged(self.step + 1, epoch, loss)
                return "diverged", compute
            self.step += 1
            self.lr = lr
            norms = self._record.take()
            yield BatchEvent(self.step, epoch, bi + 1, bpe, epoch + (bi + 1) / bpe, loss, correct / b, lr, b, norms)
            if gate == "step":                  # a single step: the batch it trained on
                yield self._record.detail(self.step, idx, self.y_train[idx], norms, augment is not None)
        return "completed", compute

    def _stopped(self, epoch: int) -> Generator[Event, None, str]:
        """A stop mid-epoch: "stopped", or "diverged" (rolled back) when the weights it leaves are not finite."""
        if self._params_finite():
            return "stopped"
        yield self._diverged(self.step, epoch, math.nan, "the weights became non-finite")
        return "diverged"

    def _begin_run(self) -> contextvars.Context:
        """Fresh batch buffers and backup; the context whose NumPy error state ignores overflow."""
        self._buffers: dict[int, tuple] = {}      # batch size -> (inputs, labels, augmented) buffers
        quiet = contextvars.copy_context()        # np.errstate costs ~5 us per entry; this ~0.1 us
        quiet.run(np.seterr, over="ignore", invalid="ignore")
        self._run_start_step = self.step
        self._sound.clear()
        self._lr_anchor = (0.0, 0.0)              # the schedule's horizon as planned at the start
        self._take_backup()
        return quiet

    def _between_batches(self, gate: str, progress: float) -> Iterator[Event]:
        """Apply live changes, announce a pause and wait in it; returns "run", "step" or "stop"."""
        control, announced = self.control, False
        while True:
            if gate == "change":
                changes = control._take_pending()
                if changes:
                    yield self._apply(changes, progress)
            elif gate in ("run", "step", "stop"):
                return gate
            elif not announced:
                announced = True
                yield PausedEvent(self.step)
            else:
                control._wait()
            gate = control._gate()

    def _one_step(self, idx: np.ndarray, progress: float, augment, detail=False) -> tuple[float, int, int, float]:
        """Forward, backward and (unless the loss is NaN, inf or exploded) the update of the rows
        ``idx``, ``progress`` epochs into the run -> (loss, correct, batch size, learning rate)."""
        x, y, model = self.x_train, self.y_train, self.model
        b = len(idx)
        if b not in self._buffers:
            self._buffers[b] = (np.empty((b, x.shape[1]), x.dtype), np.empty(b, np.int64),
                                np.empty((b, x.shape[1]), np.float32) if augment else None)
        xb, yb, aug_buf = self._buffers[b]
        np.take(x, idx, axis=0, out=xb, mode="clip")    # "clip": no temporary copy
        np.take(y, idx, out=yb, mode="clip")            # (idx is a permutation slice)
        if augment is not None:
            xb = augment(xb, self.rng, out=aug_buf)
            if xb.dtype != model.dtype:
                xb = xb.astype(model.dtype)
        lr = learning_rate(self._run_config, self._base_lr, progress, self._run_config.epochs, self._lr_anchor)
        opt = self.optimizer
        wd = self.config.weight_decay if opt.l2_in_gradient else 0.0
        loss, correct, ws = model.loss_and_gradient(xb, yb, weight_decay=wd, dropout=self.config.dropout,
                                                    rng=self.rng, tape=self._record.tape(detail))
        if loss <= EXPLODED_LOSS:                  # False for NaN too: no update from a bad loss
            if ((self.step % BACKUP_EVERY == 0 or self._sound.loss == math.inf
                 or self.step - self._run_start_step < BACKUP_EVERY) and self._sane(loss)):
                self._take_backup(loss)            # these weights just produced a sound loss
            recorded = self._record.before(self.step + 1, ws.grad, detail)   # gradient health
            opt.step(model.params, ws.grad, lr)
            if recorded:
                self._record.after()
        return loss, correct, b, lr

    def _end_of_epoch(self, epoch: int, compute: float) -> EpochEvent | DivergedEvent:
        """Check the weights (DivergedEvent: rolled back), count and evaluate the epoch in eval mode."""
        if not self._params_finite():
            return self._diverged(self.step, epoch, math.nan, "the weights became non-finite")
        self.epochs_done += 1
        x_val, y_val = (self.x_val, self.y_val) if self.x_val is not None else (self.x_train[:0], self.y_train[:0])
        with np.errstate(over="ignore", invalid="ignore"):    # huge weights give inf loss
            on_train = evaluate(self.model, self.x_train, self.y_train)
            on_val = evaluate(self.model, x_val, y_val)        # no images: NaN figures, empty arrays
        event = EpochEvent(epoch, self.epochs_done, self.step, on_train.loss, on_train.accuracy, on_val.loss,
                           on_val.accuracy, compute, len(self.x_train) / compute if compute > 0 else float("nan"),
                           self.lr, on_val.predictions, on_val.confidence)
        self.history.append(event.history_row())
        if on_train.loss <= EXPLODED_LOSS and self._sane(on_train.loss):
            self._take_backup(on_train.loss)       # a whole epoch's sound weights
        return event
