"""The loop at the far end of a training run's pipes, and the pump that feeds them.

``serve(commands, events)`` answers the protocol of ``core.protocol`` over two
one-way pipe connections: it keeps the dataset it was sent, trains each
``RunSpec`` with ``Trainer.from_checkpoint`` and reports through ``pump``. The
app runs it in a child process (``core.remote.TrainProcess``) or, as a
fallback, in a thread (``core.remote.TrainThread``): the same loop, the same
messages, bit for bit the same training.

``pump`` is the one consumer of ``Trainer.run()`` that turns its events into
messages: batch events are batched and sent at most every ``batch_interval``
seconds (about 20 a second), snapshots of the weights at most every
``snapshot_interval`` seconds (about 4 a second), on pause and at the end.
Commands are read by a thread of their own and reach the run between two
batches through its ``TrainingControl``, in the order they were sent.

A run with a ``speed`` waits after every batch (``core.pace.Pace``: Pause,
Step and Stop cut the wait short) and, at ``EVERY_BATCH_SPEED`` or slower,
sends its batches and a snapshot after every batch. A run with a
``timeline_budget`` sends the weights of the steps a ``Timeline`` of that
budget keeps, as ``Moments`` (``core.timeline_feed``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
from typing import Callable

import numpy as np

from .errors import ConfigError, VisualizerError
from .events import BatchEvent, DivergedEvent, EpochEvent, FinishedEvent, PausedEvent
from .pace import EVERY_BATCH_SPEED, Pace
from .protocol import LoadData, Moments, Quit, RunFailed, RunResult, RunSpec, SetProbe, SetSpeed, Steer
from .timeline_feed import TimelineFeed

log = logging.getLogger(__name__)

Send = Callable[[object], None]


def check_run(checkpoint, data) -> None:
    """Raise the ``VisualizerError`` a run of ``checkpoint`` on ``data`` would fail with at once
    (a bad setting, an augmented network whose input is no 28x28 image), without building it."""
    train = checkpoint.train.validate()
    if train.augment and checkpoint.network.n_inputs != 784:
        raise ConfigError(f"augment works on 28x28 images (784 inputs); this network has "
                          f"{checkpoint.network.n_inputs} inputs")
    if data.inputs_train.shape[1:] != (checkpoint.network.n_inputs,):
        raise ConfigError(f"the network takes {checkpoint.network.n_inputs} inputs; the images have "
                          f"{int(np.prod(data.inputs_train.shape[1:]))}")


# ---------------------------------------------------------------------------- the event pump
class _Pump:
    """The state of one ``pump``: pending batches, when they and the last snapshot went out."""

    def __init__(self, trainer, probe, send: Send, batch_interval: float, snapshot_interval: float,
                 pace: Pace | None = None, feed: TimelineFeed | None = None):
        self.trainer, self.probe, self.send = trainer, probe, send
        self.batch_interval, self.snapshot_interval = batch_interval, snapshot_interval
        self.pace, self.feed = pace, feed
        self.last_tick = time.monotonic()                # when the latest wait between batches ended
        self.pending: list[BatchEvent] = []
        self.last_batch = self.last_snap = time.monotonic()
        self.progress = float(trainer.epochs_done)     # fractional epochs of the weights now
        self.last_seen: BatchEvent | None = None       # the latest batch of this run

    def flush(self) -> None:
        if self.pending:
            self.send(tuple(self.pending))
            self.pending.clear()
        self.last_batch = time.monotonic()

    def snapshot(self) -> None:
        from .snapshot import take_snapshot

        t = self.trainer
        self.send(take_snapshot(t.model, step=t.step, progress=self.progress, epochs_done=t.epochs_done,
                                probe=self.probe()))
        self.last_snap = time.monotonic()

    def batch(self, ev: BatchEvent) -> None:
        self.pending.append(ev)
        self.progress = ev.progress
        self.last_seen = ev
        now = time.monotonic()
        bps = self.pace.bps if self.pace is not None else None
        every = bps is not None and bps <= EVERY_BATCH_SPEED
        if every or now - self.last_batch >= self.batch_interval:
            self.flush()
        if every or now - self.last_snap >= self.snapshot_interval:
            self.snapshot()
        if self.feed is not None:
            self.feed.batch(ev.step, ev.progress, self.trainer.model.params)
            if every or self.feed.due(now):
                self.moments()

    def moments(self) -> None:
        """Send the timeline's copies not sent yet (nothing when there are none)."""
        if self.feed is not None:
            kept = self.feed.take()
            if kept:
                self.send(Moments(kept))

    def wait(self) -> None:
        """Between two batches: keep the pace (a pause or stop request ends the wait at once)."""
        if self.pace is not None:
            control = self.trainer.control
            self.pace.hold(self.last_tick, lambda: control.paused or control.stop_requested)
            self.last_tick = time.monotonic()

    def other(self, ev) -> FinishedEvent | None:
        """Any event but a batch: sent after the batches before it; the FinishedEvent is returned."""
        self.flush()
        if isinstance(ev, DivergedEvent) and self.feed is not None:
            self.feed.rollback(ev.restored_step)
        if isinstance(ev, (FinishedEvent, PausedEvent, DivergedEvent)):
            self.moments()                      # the timeline is complete whenever the run rests
        if isinstance(ev, FinishedEvent):
            self.snapshot()
            return ev
        if isinstance(ev, EpochEvent):
            self.progress = float(ev.epochs_done)
        elif isinstance(ev, PausedEvent):
            self.snapshot()
        elif isinstance(ev, DivergedEvent) and self.last_seen is not None:
            # the weights are back at ev.restored_step: the end snapshot shows where that is
            seen = self.last_seen
            self.progress -= (seen.step - ev.restored_step) / seen.batches_per_epoch
        self.send(ev)
        return None


def pump(trainer, probe: Callable[[], np.ndarray | None], send: Send, *,
         batch_interval: float = 0.05, snapshot_interval: float = 0.25, pace: Pace | None = None,
         feed: TimelineFeed | None = None) -> FinishedEvent | None:
    """Consume ``trainer.run()`` and ``send`` its throttled messages (see the module doc).

    ``pace`` sets the speed; ``feed`` sends the weights a timeline keeps.

    Never raises for a failed run: a ``VisualizerError``, ``MemoryError`` or bug becomes a
    ``RunFailed`` and the return value is None; otherwise it returns the ``FinishedEvent``,
    which it does not send (``RunResult`` carries it).
    """
    p = _Pump(trainer, probe, send, batch_interval, snapshot_interval, pace, feed)
    result: FinishedEvent | None = None
    try:
        for ev in trainer.run():
            if type(ev) is BatchEvent:
                p.batch(ev)
                p.wait()
            else:
                result = p.other(ev) or result
    except (BrokenPipeError, EOFError):
        raise                                   # the receiver is gone: nobody to tell
    except Exception as exc:  # noqa: BLE001 - a bug, but the window must survive it
        send(RunFailed(failure(exc)))
        result = None
    finally:
        p.flush()
    return result


def failure(exc: BaseException) -> str:
    """The one sentence a failed run reports (a bug's traceback goes to the log)."""
    if isinstance(exc, VisualizerError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "Training ran out of memory: try a smaller network or batch size."
    log.error("training crashed:\n%s", traceback.format_exc())
    return f"Training stopped because of an internal error ({type(exc).__name__}: {exc})."


def run_one(spec: RunSpec, data: LoadData, control, probe: Callable[[], np.ndarray | None],
            send: Send, pace: Pace | None = None) -> None:
    """Train ``spec`` on ``data`` under ``control`` at ``pace``; always ends by sending a
    ``RunResult``."""
    from .training import Trainer

    result: FinishedEvent | None = None
    trainer = None
    try:
        trainer = Trainer.from_checkpoint(spec.checkpoint, data, control=control)
        feed = (TimelineFeed(spec.checkpoint, spec.timeline_budget, spec.timeline_steps)
                if spec.timeline_budget > 0 else None)
        result = pump(trainer, probe, send, batch_interval=spec.batch_interval,
                      snapshot_interval=spec.snapshot_interval, pace=pace or Pace(spec.speed),
                      feed=feed)
    except (BrokenPipeError, EOFError):
        raise                                   # the receiver is gone (serve() ends)
    except Exception as exc:  # noqa: BLE001 - e.g. parameters that fit no network
        send(RunFailed(failure(exc)))
    finally:
        send(RunResult(result, trainer.checkpoint() if trainer is not None else spec.checkpoint))


# ---------------------------------------------------------------------------- the serve loop
def _steer(control, msg: Steer) -> None:
    try:
        if msg.action == "change":
            control.change(**dict(msg.settings))
        else:
            {"pause": control.pause, "resume": control.resume, "step": control.step_once,
             "stop": control.stop}[msg.action]()
    except (VisualizerError, KeyError) as exc:       # the sender validated it already
        log.warning("ignored %s: %s", msg, exc)


def _read_commands(commands, jobs: queue.SimpleQueue, state: dict) -> None:
    """Reader thread: queue data and runs for the serve loop; steer the active run at once."""
    from .control import TrainingControl

    while True:
        try:
            msg = commands.recv()
        except (EOFError, OSError):               # the sender is gone
            msg = Quit()
        control = state["control"]
        if isinstance(msg, RunSpec):
            control = TrainingControl()           # made here, so later commands reach it
            if msg.paused:
                control.pause()
            for _ in range(msg.steps):
                control.step_once()
            pace = Pace(msg.speed)
            state["control"], state["probe"], state["pace"] = control, msg.probe, pace
            jobs.put((msg, (control, pace)))
        elif isinstance(msg, LoadData):
            jobs.put((msg, None))
        elif isinstance(msg, SetProbe):
            state["probe"] = msg.x
        elif isinstance(msg, Steer):
            if control is not None:
                _steer(control, msg)
                state["pace"].interrupt()         # a wait between batches sees the request now
        elif isinstance(msg, SetSpeed):
            if state["pace"] is not None:
                try:
                    state["pace"].set(msg.batches_per_second)
                except ValueError as exc:         # the sender validated it already
                    log.warning("ignored %s: %s", msg, exc)
        else:                                     # Quit, or anything unknown
            if control is not None:
                control.stop()
                state["pace"].interrupt()
            jobs.put((Quit(), None))
            return


def serve(commands, events) -> None:
    """Answer the protocol on ``commands`` (receive end) and ``events`` (send end) until told
    to quit or the other side goes away (see the module doc). Returns; never raises for that."""
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    state: dict = {"control": None, "probe": None, "pace": None}   # the active run's control, probe, pace
    threading.Thread(target=_read_commands, args=(commands, jobs, state), name="visualizer-commands",
                     daemon=True).start()
    data: dict[int, LoadData] = {}
    lock = threading.Lock()

    def send(msg) -> None:
        with lock:
            events.send(msg)

    while True:
        msg, steering = jobs.get()
        if isinstance(msg, Quit):
            return
        if isinstance(msg, LoadData):
            data.clear()                               # one dataset at a time
            data[msg.token] = msg
            continue
        try:
            if msg.data_token not in data:
                send(RunFailed("Internal error: the trainer has no data for this run."))
                send(RunResult(None, msg.checkpoint))
                continue
            control, pace = steering
            run_one(msg, data[msg.data_token], control, lambda: state["probe"], send, pace)
        except (BrokenPipeError, EOFError, OSError):   # the receiver is gone
            return

