"""Where a training run runs: a child process, so a window's drawing never slows it down.

One Python process runs one bytecode at a time (the GIL): a window that trains in
a thread of its own process takes every millisecond it spends drawing (pyqtgraph
is Python) from the training loop. On the 4,050-image sample, where an epoch
ends every ~60 ms, that cost 13-18% of the throughput. A ``TrainProcess`` runs
``core.serve.serve`` in a child process instead, started by the standard
library's ``multiprocessing`` with the "spawn" method (a fresh interpreter on
Linux, macOS and Windows alike: no Qt state is forked); the parent's thread that
receives the messages only unpickles small objects. A ``TrainThread`` runs the
same loop over the same kind of pipes in a thread of this process: the fallback
where no process can start, and bit for bit the same training.

Both are trainers with one interface (``send``, ``send_data``, ``receive``,
``close``, ``kill``) speaking ``core.protocol``. The child ignores Ctrl-C (a
terminal's interrupt is the parent's to handle) and ends when told to or when
the parent goes away (its end of the command pipe closes). One idle process is
kept for the next run (``acquire`` / ``release``), and ``preload`` hands it the
dataset before anyone presses Start, so a run starts in milliseconds rather
than in the ~0.3 s a new interpreter and a large dataset's transfer take.

A spawned child imports the parent's ``__main__`` module (as ``__mp_main__``)
unless it was run with ``-m`` or ``-c``: a script that trains through the app's
session keeps its work under ``if __name__ == "__main__":``, as the
``visualizer`` console script does (``python -m visualizer`` is not re-imported).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading

from .errors import VisualizerError
from .protocol import LoadData, Quit, freeze

log = logging.getLogger(__name__)


class TrainProcessError(VisualizerError):
    """The trainer could not start or ended unexpectedly."""


def _child_main(commands, events) -> None:
    """Entry point of the child process: the pipes' child ends."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C in a terminal is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)     # not the command's start-up handler (visualizer/__init__)
    from .serve import serve

    try:
        serve(commands, events)
    finally:
        events.close()


class _Trainer:
    """The parent's side of a trainer: the command pipe's send end and the event pipe's receive end.

    ``send`` is thread-safe (the GUI thread steers while the relay thread sends the run);
    ``receive`` belongs to the one thread that reads the run's messages.
    """

    what = "trainer"

    def __init__(self, commands, events) -> None:
        self._commands, self._events = commands, events
        self._lock = threading.Lock()
        self._data_lock = threading.Lock()       # one dataset transfer at a time
        self.data_token: int | None = None       # the dataset the trainer holds
        self.broken = False

    @property
    def alive(self) -> bool:
        return not self.broken and self._running()

    def send(self, msg) -> None:
        """Send one command; raises TrainProcessError when the trainer is gone."""
        try:
            with self._lock:
                self._commands.send(msg)
        except (OSError, ValueError) as exc:      # broken pipe, closed handle
            self.broken = True
            raise TrainProcessError(self.death_message()) from exc

    def send_data(self, data: LoadData) -> None:
        """Hand over a dataset, unless the trainer holds ``data.token``'s already (a transfer
        under way from another thread, e.g. ``preload``, is waited for rather than repeated)."""
        with self._data_lock:
            if self.data_token != data.token:
                self.send(data)
                self.data_token = data.token

    def receive(self):
        """The next message, arrays read-only; raises TrainProcessError when the trainer died."""
        try:
            msg = self._events.recv()
        except (EOFError, OSError) as exc:
            self.broken = True
            raise TrainProcessError(self.death_message()) from exc
        return freeze(msg)

    def death_message(self) -> str:
        return f"The {self.what} ended unexpectedly."

    def close(self, timeout_s: float = 1.0) -> None:
        """Ask the trainer to quit; end it when it does not within ``timeout_s``."""
        try:
            with self._lock:
                self._commands.send(Quit())
        except (OSError, ValueError):
            pass
        if not self._join(timeout_s):
            self.kill()
        for c in (self._commands, self._events):
            c.close()
        self.broken = True

    def kill(self) -> None:
        """End the trainer at once (its messages can no longer be trusted)."""
        self.broken = True

    def _running(self) -> bool:
        raise NotImplementedError

    def _join(self, timeout_s: float) -> bool:
        raise NotImplementedError


class TrainProcess(_Trainer):
    """A child process that trains: ``multiprocessing``'s spawn start method, two one-way pipes."""

    what = "training process"

    def __init__(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        cmd_r, cmd_w = ctx.Pipe(duplex=False)     # parent -> child
        ev_r, ev_w = ctx.Pipe(duplex=False)       # child -> parent
        self.process = ctx.Process(target=_child_main, args=(cmd_r, ev_w), name="visualizer-training",
                                   daemon=True)
        try:
            self.process.start()
        except Exception as exc:
            for c in (cmd_w, ev_r):
                c.close()
            raise TrainProcessError(f"the training process could not start ({type(exc).__name__}: {exc})") \
                from exc
        finally:
            cmd_r.close()                         # the child's ends live on in the child only
            ev_w.close()
        super().__init__(cmd_w, ev_r)

    def _running(self) -> bool:
        return self.process.is_alive()

    def _join(self, timeout_s: float) -> bool:
        self.process.join(timeout_s)
        return self.process.exitcode is not None

    def death_message(self) -> str:
        try:
            self.process.join(0.2)
            code = self.process.exitcode
        except ValueError:                        # closed already
            code = None
        how = "" if code is None else (f" (killed by signal {-code})" if code < 0 else f" (exit code {code})")
        return f"The training process ended unexpectedly{how}."

    def close(self, timeout_s: float = 1.0) -> None:
        super().close(timeout_s)
        try:
            self.process.close()                  # its resources (the exit code stays readable)
        except ValueError:                        # still running after all
            pass

    def kill(self) -> None:
        self.broken = True
        if self.process.exitcode is None:
            self.process.kill()
            if not self._join(1.0):
                log.warning("the training process %d did not end", self.process.pid)


class TrainThread(_Trainer):
    """The same serve loop in a thread of this process, over the same kind of pipes (the fallback)."""

    what = "training thread"

    def __init__(self) -> None:
        import multiprocessing

        from .serve import serve

        cmd_r, cmd_w = multiprocessing.Pipe(duplex=False)
        ev_r, ev_w = multiprocessing.Pipe(duplex=False)

        def main() -> None:
            try:
                serve(cmd_r, ev_w)
            finally:
                ev_w.close()                      # the receiver sees the end of the messages

        self.thread = threading.Thread(target=main, name="visualizer-training", daemon=True)
        super().__init__(cmd_w, ev_r)
        self.thread.start()

    def _running(self) -> bool:
        return self.thread.is_alive()

    def _join(self, timeout_s: float) -> bool:
        self.thread.join(timeout_s)
        return not self.thread.is_alive()

    def kill(self) -> None:
        """A thread cannot be ended from outside: ask it to quit (the run stops between batches)."""
        self.broken = True
        try:
            with self._lock:
                self._commands.send(Quit())
        except (OSError, ValueError):
            pass


# ---------------------------------------------------------------------------- the idle trainers
_idle: list[_Trainer] = []         # at most one of each kind, waiting for the next run
_pool_lock = threading.Lock()
_exit_hook: list[bool] = []        # atexit.register(shutdown_all) done


def acquire(kind: type = TrainProcess) -> _Trainer:
    """An idle trainer of ``kind`` (TrainProcess or TrainThread), or a new one (raises
    TrainProcessError when no process can start)."""
    with _pool_lock:
        for trainer in [t for t in _idle if type(t) is kind]:
            _idle.remove(trainer)
            if trainer.alive:
                return trainer
            trainer.close(0)
    return kind()


def open_trainer(use_process: bool) -> _Trainer:
    """A trainer for the next run: an idle or new process, else (or unless ``use_process``) a thread."""
    if use_process:
        try:
            return acquire(TrainProcess)
        except TrainProcessError as exc:
            log.warning("%s; training in a thread instead", exc)
    return acquire(TrainThread)


def release(trainer: _Trainer) -> None:
    """Give a trainer back after its run: one healthy trainer of each kind is kept idle (with
    the dataset it holds), anything else is closed."""
    with _pool_lock:
        if not _exit_hook:
            atexit.register(shutdown_all)     # idle children quit with this process
            _exit_hook.append(True)
        if trainer.alive and not any(type(t) is type(trainer) for t in _idle):
            _idle.append(trainer)
            return
    if trainer.alive:                         # a spare: let it quit without waiting for it here
        threading.Thread(target=trainer.close, name="visualizer-close", daemon=True).start()
    else:
        trainer.close(0.2)


def _idle_process() -> TrainProcess | None:
    with _pool_lock:
        return next((t for t in _idle if type(t) is TrainProcess), None)


def prestart() -> TrainProcess | None:
    """The idle process, started now if there is none (None when none can start)."""
    proc = _idle_process()
    if proc is not None:
        return proc
    try:
        proc = TrainProcess()
    except TrainProcessError as exc:
        log.warning("%s", exc)
        return None
    release(proc)
    return _idle_process()


def preload(data: LoadData) -> threading.Thread:
    """In a background thread: start the idle process if need be and hand it ``data``, so the
    next run need not wait for either (~0.3 s each for 54,000 images). Returns the thread."""

    def work() -> None:
        proc = prestart()
        if proc is None:
            return
        try:
            proc.send_data(data)
        except TrainProcessError as exc:       # the next run starts another process
            log.warning("%s", exc)

    thread = threading.Thread(target=work, name="visualizer-preload", daemon=True)
    thread.start()
    return thread


def shutdown_all(timeout_s: float = 1.0) -> None:
    """Close every idle trainer (at exit)."""
    with _pool_lock:
        procs, _idle[:] = list(_idle), []
    for proc in procs:
        proc.close(timeout_s)


def in_thread_requested() -> bool:
    """``VISUALIZER_TRAIN_IN_THREAD=1`` trains in a thread of the app's process instead."""
    return os.environ.get("VISUALIZER_TRAIN_IN_THREAD", "") not in ("", "0")
