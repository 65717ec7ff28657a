"""Steering a run that trains elsewhere: the ``TrainingControl`` interface over a pipe.

``RunControl`` is what the session's ``control`` is during a run: pause, resume,
single step, stop and live settings, plus the probe. It validates a request
as the engine's control does (a bad live value raises ``ConfigError`` here, at
once), keeps the flags the window reads (``paused``, ``stop_requested``), and
sends the request to the trainer (``core.remote``), which applies it between
two batches. Requests made before the relay thread has sent the run wait for
it, so the trainer always gets them in order: data, run, then pause, step,
probe...
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Callable

import numpy as np

from visualizer.core import remote
from visualizer.core.config import TrainConfig
from visualizer.core.protocol import SetProbe, SetSpeed, Steer


class RunControl:
    """See the module doc. ``trainer`` is a ``core.remote`` trainer (a process or a thread)."""

    def __init__(self, trainer, config: TrainConfig, paused: bool, steps: int = 0) -> None:
        from visualizer.core.control import TrainingControl

        self._trainer = trainer
        self._local = TrainingControl()
        self._local._bind(config)
        if paused:
            self._local.pause()
        for _ in range(steps):                   # the run's single steps, sent with it
            self._local.step_once()
        self._lock = threading.Lock()
        self._held: list | None = []             # requests waiting for the run to be sent

    def open(self, send_run: Callable[[], None]) -> None:
        """Relay thread: ``send_run()`` (data and run), then the requests made meanwhile (the GUI
        thread is not held up by a large dataset's transfer: its requests wait in the list)."""
        try:
            send_run()
        finally:
            with self._lock:
                held, self._held = self._held, None
                for msg in held:
                    self._trainer.send(msg)

    def _send(self, msg) -> None:
        with self._lock:
            if self._held is not None:
                self._held.append(msg)
                return
        try:
            self._trainer.send(msg)
        except remote.TrainProcessError:
            pass                         # the relay reports the death when it reads the pipe

    def set_probe(self, x: np.ndarray | None) -> None:
        self._send(SetProbe(x))

    def set_speed(self, bps: float | None) -> None:
        """The pace in batches per second (None: full speed), from the next batch on."""
        self._send(SetSpeed(bps))

    def pause(self) -> None:
        self._local.pause()
        self._send(Steer("pause"))

    def resume(self) -> None:
        self._local.resume()
        self._send(Steer("resume"))

    def step_once(self) -> None:
        self._local.step_once()
        self._send(Steer("step"))

    def stop(self) -> None:
        self._local.stop()
        self._send(Steer("stop"))

    def change(self, **settings) -> None:
        self._local.change(**settings)          # raises ConfigError for a bad value, like the engine
        self._local._take_pending()
        self._local._bind(dataclasses.replace(self._local._config, **settings))
        self._send(Steer("change", tuple(sorted(settings.items()))))

    def note_begun(self, epochs: int) -> None:
        """The run has begun this many epochs (from its batches, relay thread): fewer epochs are
        refused here. The trainer checks again when the change arrives: a change that crossed
        the start of another epoch on its way is refused there (and logged)."""
        self._local.note_begun(epochs)

    @property
    def paused(self) -> bool:
        return self._local.paused

    @property
    def stop_requested(self) -> bool:
        return self._local.stop_requested
