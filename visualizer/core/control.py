"""How another thread steers a running ``Trainer``: pause, single steps, stop, live settings.

A ``TrainingControl`` is shared between the thread that consumes ``Trainer.run()``
and whoever steers it (the GUI, the training child's command reader, a signal
handler). Every method is thread-safe and returns at once; the loop reads the
control between batches (``_gate``) and blocks in ``_wait`` while paused, so a
steer never interrupts a batch half done.
"""

from __future__ import annotations

import dataclasses
import threading

from .config import TrainConfig
from .errors import ConfigError

LIVE_SETTINGS = ("lr", "momentum", "weight_decay", "dropout", "epochs")
"""The settings ``change()`` accepts while a run goes on. ``epochs`` re-plans the run's
horizon (the epoch loop and the learning-rate schedule, see ``core.schedules``); it
cannot fall below the epochs the run has already begun."""


class TrainingControl:
    """Pause / resume / single step / stop / live settings, from any thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paused = False
        self._single_steps = 0
        self._stop = False
        self._pending: dict[str, float] = {}
        self._config: TrainConfig | None = None       # the bound trainer's current settings
        self._begun = 0                               # epochs the bound run has begun (the lowest epochs)
        self._version = 0                             # bumped on every request (wakes waiters)

    # -- requests (any thread) --------------------------------------------------------------
    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._single_steps = 0
            self._bump()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._single_steps = 0
            self._bump()

    def step_once(self) -> None:
        """Train exactly one batch, then stay (or become) paused."""
        with self._cond:
            self._paused = True
            self._single_steps += 1
            self._bump()

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._bump()

    def change(self, **settings) -> None:
        """Change live settings (keys: lr, momentum, weight_decay, dropout, epochs) before the next batch.

        Raises ``ConfigError`` naming the option for an unknown key or a bad value
        (NaN, negative, out of range, fewer epochs than the run has begun...);
        nothing is changed then.
        """
        for key in settings:
            if key not in LIVE_SETTINGS:
                raise ConfigError(f"{key!r} cannot be changed during training; "
                                  f"live settings are {', '.join(LIVE_SETTINGS)}")
        with self._cond:
            base = self._config or TrainConfig()
            merged = {**self._pending, **settings}
            dataclasses.replace(base, **merged).validate()
            if "epochs" in settings and settings["epochs"] < self._begun:
                raise ConfigError(f"epochs: this run has already begun epoch {self._begun} of its "
                                  f"{base.epochs}, so it cannot end sooner: choose {self._begun} or more")
            self._pending = {k: int(v) if k == "epochs" else float(v) for k, v in merged.items()}
            self._bump()

    def note_begun(self, epochs: int) -> None:
        """The run has begun this many epochs: ``change(epochs=...)`` refuses fewer. The trainer
        calls it as each epoch starts; a control steering a run elsewhere (``app.run_control``)
        calls it as the run's batches arrive."""
        with self._cond:
            self._begun = int(epochs)

    def reset(self) -> None:
        """Forget every request (stop, pause, single steps, pending changes): for reusing a control."""
        with self._cond:
            self._paused = False
            self._single_steps = 0
            self._stop = False
            self._pending = {}
            self._begun = 0
            self._bump()

    @property
    def paused(self) -> bool:
        with self._cond:
            return self._paused

    @property
    def stop_requested(self) -> bool:
        with self._cond:
            return self._stop

    # -- the loop's side --------------------------------------------------------------------
    def _bump(self) -> None:
        self._version += 1
        self._cond.notify_all()

    def _bind(self, config: TrainConfig) -> None:
        with self._cond:
            self._config = config

    def _take_pending(self) -> dict[str, float]:
        with self._cond:
            pending, self._pending = self._pending, {}
            return pending

    def _gate(self) -> str:
        """What the loop should do before the next batch: "stop" | "run" | "step" | "wait"."""
        with self._cond:
            if self._stop:
                return "stop"
            if self._pending:
                return "change"
            if not self._paused:
                return "run"
            if self._single_steps > 0:
                self._single_steps -= 1
                return "step"
            return "wait"

    def _wait(self, timeout: float = 0.5) -> None:
        """Block until any new request arrives (or ``timeout`` passes)."""
        with self._cond:
            self._cond.wait_for(lambda: (self._stop or bool(self._pending) or not self._paused
                                         or self._single_steps > 0), timeout=timeout)
