"""Training in a separate process, so a window's drawing never slows it down.

One Python process runs one bytecode at a time (the GIL): a window that trains in
a thread of its own process takes every millisecond it spends drawing (pyqtgraph
is Python) from the training loop. On the 4,050-image sample, where an epoch
ends every ~60 ms, that cost 13-18% of the throughput. A ``TrainProcess`` runs
``Trainer.run()`` in a child process instead (a fresh interpreter: no Qt state
is forked), and streams the loop's events back; the window's thread that
receives them only unpickles small messages.

``pump()`` is the one consumer of ``Trainer.run()`` that both the child process
and the in-thread fallback use: it throttles and batches the events into
messages (the session's contract, see ``visualizer.app.session``).

Messages child -> parent (tuples; arrays arrive writeable and ``receive`` makes
them read-only again, so what crosses into the GUI is immutable):

    ("batches", tuple[BatchEvent, ...])   at most every ``batch_interval`` seconds
    ("epoch", EpochEvent)
    ("snapshot", NetworkSnapshot)         at most every ``snapshot_interval`` seconds,
                                          on pause and at the end, with the probe's trace
    ("settings", SettingsChangedEvent)
    ("paused", PausedEvent)
    ("diverged", DivergedEvent, progress) progress: fractional epochs of the restored weights
    ("failed", str)                       one readable sentence
    ("finished", FinishedEvent | None, RunResult)   always last: the run's end state

Messages parent -> child:

    ("data", token, x_train, y_train, x_val, y_val)   cached by ``token`` (x_val may be None)
    ("run", RunSpec)
    ("pause",) ("resume",) ("step",) ("stop",) ("change", {setting: value}) ("probe", array | None)
    ("quit",)

The child exits when told to, or when the parent goes away (its end of the pipe
closes). Idle processes are kept for the next run (``acquire`` / ``release``),
so a run starts in milliseconds, not in the ~0.3 s a new interpreter takes.
"""

from __future__ import annotations

import atexit
import dataclasses
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .config import NetworkConfig, TrainConfig
from .errors import VisualizerError
from .events import (BatchEvent, DivergedEvent, EpochEvent, FinishedEvent, PausedEvent,
                     SettingsChangedEvent)

log = logging.getLogger(__name__)

Send = Callable[[tuple], None]


@dataclass(frozen=True)
class RunSpec:
    """Everything the child needs to continue training the parent's model.

    params (n_params,) float32: the model's flat parameter buffer (``MLP.params``);
    seed: the entropy of the run's ``numpy.random.Generator`` (``default_rng(seed)``).
    """

    network: NetworkConfig
    train: TrainConfig
    params: np.ndarray
    optimizer_state: dict | None
    epochs_done: int
    step: int
    history: tuple[dict, ...]
    seed: tuple[int, ...]
    data_token: int
    probe: np.ndarray | None = None
    paused: bool = False
    batch_interval: float = 0.05
    snapshot_interval: float = 0.25


@dataclass(frozen=True)
class RunResult:
    """Where a run left the model: params (n_params,) float32, counters, optimizer state
    (None when it could not be taken) and the per-epoch history."""

    params: np.ndarray
    optimizer_state: dict | None
    epochs_done: int
    step: int
    history: tuple[dict, ...]

    @classmethod
    def of(cls, trainer) -> "RunResult":
        try:
            opt = trainer.optimizer_state()
        except Exception:  # noqa: BLE001 - resuming without optimizer state is still fine
            opt = None
        return cls(trainer.model.params.copy(), opt, int(trainer.epochs_done), int(trainer.step),
                   tuple(dict(h) for h in trainer.history))

    @classmethod
    def unchanged(cls, spec: RunSpec) -> "RunResult":
        """A run that never trained: the state it was sent."""
        return cls(spec.params, spec.optimizer_state, spec.epochs_done, spec.step, spec.history)


# ---------------------------------------------------------------------------- the event pump
def pump(trainer, probe: Callable[[], np.ndarray | None], send: Send, *,
         batch_interval: float = 0.05, snapshot_interval: float = 0.25) -> FinishedEvent | None:
    """Consume ``trainer.run()`` and ``send`` throttled messages (see the module doc).

    Never raises for a failed run: a ``VisualizerError``, ``MemoryError`` or bug becomes a
    ("failed", sentence) message and the return value is None. It does not send "finished"
    (the caller adds the end state).
    """
    from .snapshot import take_snapshot

    result: FinishedEvent | None = None
    pending: list[BatchEvent] = []
    last_batch = last_snap = time.monotonic()
    progress = float(trainer.epochs_done)
    last_seen: BatchEvent | None = None     # the latest batch of this run

    def flush() -> None:
        nonlocal last_batch
        if pending:
            send(("batches", tuple(pending)))
            pending.clear()
        last_batch = time.monotonic()

    def snapshot() -> None:
        snap = take_snapshot(trainer.model, step=trainer.step, progress=progress,
                             epochs_done=trainer.epochs_done)
        x = probe()
        if x is not None:
            snap = dataclasses.replace(snap, probe=snap.trace(x))
        send(("snapshot", snap))

    try:
        for ev in trainer.run():
            if type(ev) is BatchEvent:
                pending.append(ev)
                progress = ev.progress
                last_seen = ev
                now = time.monotonic()
                if now - last_batch >= batch_interval:
                    flush()
                if now - last_snap >= snapshot_interval:
                    snapshot()
                    last_snap = time.monotonic()
            elif isinstance(ev, EpochEvent):
                flush()
                send(("epoch", ev))
                progress = float(ev.epochs_done)
            elif isinstance(ev, PausedEvent):
                flush()
                snapshot()
                last_snap = time.monotonic()
                send(("paused", ev))
            elif isinstance(ev, SettingsChangedEvent):
                flush()
                send(("settings", ev))
            elif isinstance(ev, DivergedEvent):
                flush()
                if last_seen is not None:      # the weights are back at ev.restored_step
                    progress -= (last_seen.step - ev.restored_step) / last_seen.batches_per_epoch
                send(("diverged", ev, progress))
            elif isinstance(ev, FinishedEvent):
                flush()
                result = ev
                snapshot()
    except (BrokenPipeError, EOFError):
        raise                                   # the receiver is gone: nobody to tell
    except Exception as exc:  # noqa: BLE001 - a bug, but the window must survive it
        send(("failed", _failure(exc)))
    finally:
        flush()
    return result


def _failure(exc: Exception) -> str:
    """The one sentence a failed run reports (a bug's traceback goes to the log)."""
    if isinstance(exc, VisualizerError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "Training ran out of memory: try a smaller network or batch size."
    log.error("training crashed:\n%s", traceback.format_exc())
    return f"Training stopped because of an internal error ({type(exc).__name__}: {exc})."


def freeze(obj: Any) -> Any:
    """Make every NumPy array in ``obj`` read-only, in place (dataclasses, tuples, lists,
    dicts are walked); returns ``obj``. Unpickled arrays are writeable: this restores
    the immutability the sender's objects had."""
    if isinstance(obj, np.ndarray):
        obj.flags.writeable = False
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            freeze(getattr(obj, f.name))
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            freeze(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            freeze(item)
    return obj


# ---------------------------------------------------------------------------- the child process
def _child_run(spec: RunSpec, data: tuple, control, probe_box: list, send: Send) -> None:
    from .network import MLP
    from .training import Trainer

    result: FinishedEvent | None = None
    trainer = None
    try:
        model = MLP(spec.network)
        if spec.params.shape != model.params.shape:
            raise ValueError(f"the parameters do not fit {spec.network.sizes}: "
                             f"{spec.params.shape} vs {model.params.shape}")
        np.copyto(model.params, spec.params)
        x_tr, y_tr, x_val, y_val = data
        trainer = Trainer(model, spec.train, x_tr, y_tr, x_val, y_val,
                          rng=np.random.default_rng(list(spec.seed)), control=control,
                          optimizer_state=spec.optimizer_state, epochs_done=spec.epochs_done,
                          step=spec.step, history=spec.history)
        result = pump(trainer, lambda: probe_box[0], send, batch_interval=spec.batch_interval,
                      snapshot_interval=spec.snapshot_interval)
    except (BrokenPipeError, EOFError):
        raise                                   # the parent is gone (serve() ends)
    except Exception as exc:  # noqa: BLE001 - e.g. a setting the trainer refuses
        send(("failed", _failure(exc)))
    finally:
        send(("finished", result, RunResult.of(trainer) if trainer is not None else RunResult.unchanged(spec)))


def serve(commands, events) -> None:
    """The child process's main: runs each ("run", spec) it is sent (see the module doc).

    ``commands`` and ``events`` are the child's ends of two one-way pipes.
    """
    from .training import TrainingControl

    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C in a terminal is the parent's to handle
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    current: list = [None]                            # the active run's TrainingControl
    probe_box: list = [None]                          # the active run's probe input

    def read_commands() -> None:
        while True:
            try:
                msg = commands.recv()
            except (EOFError, OSError):               # the parent is gone
                msg = ("quit",)
            kind = msg[0]
            control = current[0]
            if kind == "run":
                control = TrainingControl()           # made here, so later commands reach it
                if msg[1].paused:
                    control.pause()
                current[0] = control
                probe_box[0] = msg[1].probe
                jobs.put((msg, control))
            elif kind == "data":
                jobs.put((msg, None))
            elif kind == "probe":
                probe_box[0] = msg[1]
            elif kind == "quit":
                if control is not None:
                    control.stop()
                jobs.put((msg, None))
                return
            elif control is not None:
                try:
                    if kind == "pause":
                        control.pause()
                    elif kind == "resume":
                        control.resume()
                    elif kind == "step":
                        control.step_once()
                    elif kind == "stop":
                        control.stop()
                    elif kind == "change":
                        control.change(**msg[1])
                except VisualizerError as exc:       # the parent validated it already
                    log.warning("ignored %s: %s", kind, exc)

    threading.Thread(target=read_commands, name="visualizer-commands", daemon=True).start()
    data: dict[int, tuple] = {}
    lock = threading.Lock()

    def send(msg: tuple) -> None:
        with lock:
            events.send(msg)

    while True:
        msg, control = jobs.get()
        kind = msg[0]
        if kind == "quit":
            return
        if kind == "data":
            data.clear()                               # one dataset at a time
            data[msg[1]] = tuple(msg[2:])
        elif kind == "run":
            spec: RunSpec = msg[1]
            try:
                if spec.data_token not in data:
                    send(("failed", "Internal error: the training process has no data for this run."))
                    send(("finished", None, RunResult.unchanged(spec)))
                    continue
                _child_run(spec, data[spec.data_token], control, probe_box, send)
            except (BrokenPipeError, EOFError, OSError):   # the parent is gone
                return


def _child_main(command_fd: int, event_fd: int) -> None:
    """Entry point of the child interpreter (see ``TrainProcess``): the pipes' descriptors."""
    from multiprocessing.connection import Connection

    commands = Connection(command_fd, writable=False)
    events = Connection(event_fd, readable=False)
    try:
        serve(commands, events)
    finally:
        events.close()


# ---------------------------------------------------------------------------- the parent's handle
class TrainProcessError(VisualizerError):
    """The training process could not start or ended unexpectedly."""


class TrainProcess:
    """A child process that trains (see the module doc). Use from one run at a time.

    The child is a fresh interpreter (``python -c``: nothing of this process, such as
    Qt's threads or the caller's ``__main__``, is copied or re-imported) that talks over
    two pipes. ``send`` is thread-safe (the GUI thread sends pause/stop while the
    receiving thread sends the run); ``receive`` belongs to the thread that reads the
    run's messages. POSIX only: elsewhere the constructor raises ``TrainProcessError``
    (the app then trains in a thread).
    """

    def __init__(self) -> None:
        if os.name != "posix":
            raise TrainProcessError("a separate training process needs a POSIX system")
        from multiprocessing.connection import Connection

        cmd_r, cmd_w = os.pipe()          # parent -> child
        ev_r, ev_w = os.pipe()            # child -> parent
        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        code = f"from visualizer.core.remote import _child_main; _child_main({cmd_r}, {ev_w})"
        try:
            self.process = subprocess.Popen([sys.executable, "-c", code], pass_fds=(cmd_r, ev_w),
                                            stdin=subprocess.DEVNULL, env=env)
        except Exception as exc:
            for fd in (cmd_w, ev_r):
                os.close(fd)
            raise TrainProcessError(f"the training process could not start ({type(exc).__name__}: {exc})") \
                from exc
        finally:
            os.close(cmd_r)               # the child's ends live on in the child only
            os.close(ev_w)
        self._commands = Connection(cmd_w, readable=False)
        self._events = Connection(ev_r, writable=False)
        self._lock = threading.Lock()
        self._data_lock = threading.Lock()       # one dataset transfer at a time
        self.data_token: int | None = None       # the dataset the child holds
        self.broken = False

    @property
    def alive(self) -> bool:
        return not self.broken and self.process.poll() is None

    def send(self, msg: tuple) -> None:
        """Send one command; raises TrainProcessError when the process is gone."""
        try:
            with self._lock:
                self._commands.send(msg)
        except (OSError, ValueError) as exc:      # broken pipe, closed handle
            self.broken = True
            raise TrainProcessError(self.death_message()) from exc

    def send_data(self, token: int, x_train, y_train, x_val, y_val) -> None:
        """Hand the child a dataset, unless it holds ``token``'s already (a transfer under way
        from another thread, e.g. ``preload``, is waited for rather than repeated)."""
        with self._data_lock:
            if self.data_token != token:
                self.send(("data", token, x_train, y_train, x_val, y_val))
                self.data_token = token

    def receive(self) -> tuple:
        """The next message, arrays read-only; raises TrainProcessError when the process died."""
        try:
            msg = self._events.recv()
        except (EOFError, OSError) as exc:
            self.broken = True
            raise TrainProcessError(self.death_message()) from exc
        return freeze(msg)

    def death_message(self) -> str:
        try:
            code = self.process.wait(0.2)
        except subprocess.TimeoutExpired:
            code = None
        how = "" if code is None else (f" (killed by signal {-code})" if code < 0 else f" (exit code {code})")
        return f"The training process ended unexpectedly{how}."

    def close(self, timeout_s: float = 1.0) -> None:
        """Ask the child to quit; terminate it when it does not within ``timeout_s``."""
        try:
            with self._lock:
                self._commands.send(("quit",))
        except (OSError, ValueError):
            pass
        try:
            self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
        for c in (self._commands, self._events):
            c.close()
        self.broken = True

    def kill(self) -> None:
        """End the child at once (a stuck or orphaned run); a reader gets TrainProcessError."""
        self.broken = True
        if self.process.poll() is None:
            self.process.kill()
            try:
                self.process.wait(1.0)
            except subprocess.TimeoutExpired:
                log.warning("the training process %d did not end", self.process.pid)


_idle: list[TrainProcess] = []
_pool_lock = threading.Lock()
_exit_hook: list[bool] = []        # atexit.register(shutdown_all) done


def acquire() -> TrainProcess:
    """An idle training process, or a new one (raises TrainProcessError when none can start)."""
    with _pool_lock:
        while _idle:
            proc = _idle.pop()
            if proc.alive:
                return proc
            proc.close(0)
    return TrainProcess()


def release(proc: TrainProcess) -> None:
    """Give a process back after its run (a broken one is closed instead); keeps at most one idle."""
    with _pool_lock:
        if not _exit_hook:
            atexit.register(shutdown_all)     # idle children quit with this process
            _exit_hook.append(True)
        if proc.alive and not _idle:
            _idle.append(proc)
            return
    if proc.alive:                            # a spare: let it quit without waiting for it here
        threading.Thread(target=proc.close, name="visualizer-close", daemon=True).start()
    else:
        proc.close(0.2)


def prestart() -> None:
    """Start an idle process now (in the background), so the next run need not wait for one."""
    with _pool_lock:
        if _idle:
            return
    try:
        proc = TrainProcess()
    except TrainProcessError as exc:
        log.warning("%s", exc)
        return
    release(proc)


def preload(token: int, x_train, y_train, x_val, y_val) -> None:
    """Send a dataset to the idle process (started if need be) in a background thread, so
    the next run's first batch need not wait for the transfer (~0.3 s for 54,000 images)."""
    with _pool_lock:
        proc = _idle[-1] if _idle else None
    if proc is None:
        prestart()
        with _pool_lock:
            proc = _idle[-1] if _idle else None
        if proc is None:
            return

    def send() -> None:
        try:
            proc.send_data(token, x_train, y_train, x_val, y_val)
        except TrainProcessError as exc:       # the next run starts another process
            log.warning("%s", exc)

    threading.Thread(target=send, name="visualizer-preload", daemon=True).start()


def shutdown_all(timeout_s: float = 1.0) -> None:
    """Close every idle process (at exit)."""
    with _pool_lock:
        procs, _idle[:] = list(_idle), []
    for proc in procs:
        proc.close(timeout_s)


def in_thread_requested() -> bool:
    """``VISUALIZER_TRAIN_IN_THREAD=1`` trains in a thread of the app's process instead."""
    return os.environ.get("VISUALIZER_TRAIN_IN_THREAD", "") not in ("", "0")
