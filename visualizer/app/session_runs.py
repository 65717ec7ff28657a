"""The run half of ``TrainingSession``: starting a run, steering it, and what it says.

``SessionRuns`` is a mixin of ``app.session.TrainingSession`` (which owns the
state it uses: ``_ckpt``, ``_latest``, ``_run``, ``_data``, ``_state``...). A
run is launched from the session's checkpoint as a ``RunSpec`` through a
trainer (``core.remote.open_trainer``) and an ``app.relay.Run``; every message
the run sends back arrives in ``_on_message`` (``app.run_messages``, shared with
a twin run), on the GUI thread, in order, and is turned into the session's
signals by the handlers there and here, and nowhere else. The run's
``RunResult`` becomes the session's checkpoint; a trainer that died leaves the
model at the latest snapshot.
"""

from __future__ import annotations

import logging
import time

from visualizer.core import remote
from visualizer.core.errors import VisualizerError
from visualizer.core.events import DivergedEvent, SettingsChangedEvent, StepDetailEvent
from visualizer.core.pace import check_speed
from visualizer.core.protocol import LoadData, Moments, RunResult, RunSpec
from visualizer.core.serve import check_run
from visualizer.core.snapshot import NetworkSnapshot

from .model_files import snapshot_checkpoint
from .relay import Run
from .run_messages import RunMessages, end_state

log = logging.getLogger(__name__)

BATCH_INTERVAL_S = 0.05      # batch stats: <= 20 emissions per second
SNAPSHOT_INTERVAL_S = 0.25   # network snapshots: <= 4 per second


class SessionRuns(RunMessages):
    """Run control and what a run's messages do to the session (see the module doc)."""

    def start(self) -> bool:
        """Start (or continue) training for ``train_config.epochs`` more epochs.

        When paused, resumes. Returns False (and emits ``failed``) when it cannot start.
        """
        if self._state == "paused" and self._run is not None:
            self.resume()
            return True
        if self.is_active:
            return False
        return self._launch(paused=False)

    def _launch(self, *, paused: bool, steps: int = 0) -> bool:
        if self._data is None:
            self.failed.emit("No dataset is loaded yet: wait for it to load, then press Start.")
            return False
        if self._latest is None:
            self.reset()
        try:
            check_run(self._ckpt, self._data)    # a bad setting fails here, at once
        except VisualizerError as exc:
            self.failed.emit(str(exc))
            return False
        self.timeline.follow(self._ckpt)
        spec = RunSpec(self._ckpt, self._data_token, self._probe, paused, steps, BATCH_INTERVAL_S,
                       SNAPSHOT_INTERVAL_S, speed=self._speed, timeline_budget=self.timeline.budget,
                       timeline_steps=tuple(m.step for m in self.timeline.earlier(self._ckpt.step)))
        trainer = remote.open_trainer(self.use_process)
        self._clean_step = self._ckpt.step       # trained batches beyond this one are in no file
        self._last_finished = None
        self._wanted_split = None                # the model trains on the data as it is now
        self._run = Run.start(trainer, spec, LoadData.of(self._data_token, self._data), self._on_message)
        self._set_state("paused" if paused else "running")
        return True

    @property
    def speed(self) -> float | None:
        """The pace of runs in batches per second (None: as fast as it goes)."""
        return self._speed

    def set_speed(self, bps: float | None) -> None:
        """Train at ``bps`` batches per second (None: full speed), the active run from its next
        batch on. Raises ValueError for 0, a negative number or NaN."""
        self._speed = check_speed(bps)
        if self._run is not None:
            self._run.control.set_speed(self._speed)
        if self._twin_if_any() is not None:
            self._twin_if_any().set_speed(self._speed)

    @property
    def twin(self):
        """The ``app.twin.TwinRun`` beside this session's network (created when first asked for)."""
        twin = self.__dict__.get("_twin")
        if twin is None:
            from .twin import TwinRun
            twin = self.__dict__["_twin"] = TwinRun(self)
        return twin

    def _twin_if_any(self):
        return self.__dict__.get("_twin")

    def pause(self) -> None:
        """Pause the run (and the twin's, when one trains)."""
        if self._run is not None and self._state == "running":
            self._run.control.pause()
        if self._twin_if_any() is not None:
            self._twin_if_any().pause()

    def resume(self) -> None:
        if self._run is not None and self._state == "paused":
            self._run.control.resume()
            self._set_state("running")
        if self._twin_if_any() is not None:
            self._twin_if_any().resume()

    def toggle_pause(self) -> None:
        """Space: start when idle, pause when running, resume when paused."""
        if self._state == "running":
            self.pause()
        elif self._state == "paused":
            self.resume()
        else:
            self.start()

    def step(self) -> None:
        """Train exactly one batch (starting a paused run when none is active)."""
        if self._run is None:
            self._launch(paused=True, steps=1)      # the step travels with the run: no pause before it
        elif self._state == "paused":
            self._run.control.step_once()
        if self._twin_if_any() is not None:
            self._twin_if_any().step()

    def stop(self) -> None:
        """Ask the run (and the twin's) to stop after the current batch (asynchronous; ``finished``
        follows)."""
        if self._run is not None:
            self._run.control.stop()
        if self._twin_if_any() is not None:
            self._twin_if_any().stop()

    def wait(self, timeout_s: float = 2.0) -> bool:
        """Block until the relay thread ended; True when it did within ``timeout_s``."""
        return self._run is None or self._run.wait(timeout_s)

    def shutdown(self, timeout_s: float = 2.0) -> bool:
        """Stop training and background loading; wait for the threads (the window is closing)."""
        self._loader.closing = True
        deadline = time.monotonic() + timeout_s
        self.stop()
        self._tasks.cancel_all()
        ok = self.wait(max(0.0, deadline - time.monotonic()))
        if not ok and self._run is not None:     # a stuck trainer: end it
            self._run.trainer.kill()
            ok = self.wait(0.5)
        twin = self._twin_if_any()
        if twin is not None and not twin.wait(max(0.0, deadline - time.monotonic())):
            twin.kill()
            ok = twin.wait(0.5) and ok
        return self._tasks.wait_all(deadline) and ok

    def adopt(self, ckpt) -> None:
        """Make ``ckpt`` (e.g. a twin's end, of any architecture) the session's network, as an
        unsaved model: like opening it, with ``history_changed`` and ``model_changed``. Refused with
        ConfigError while a run is active. Asking about unsaved training is the window's part."""
        from visualizer.core.errors import ConfigError
        if self.is_active:
            raise ConfigError("cannot change the model while training; stop first")
        self._install_model(ckpt)
        self._dirty = True
        self._wanted_split = ckpt.split          # validated on its own images, as an opened model is
        if self._data is None or not self._resplit(self._data, self._data_spec):
            self.evaluate()

    # ------------------------------------------------------------------ what the run says (GUI thread)
    # ``RunMessages._on_message`` sends each message here; batches, epochs, pauses and failures are
    # handled there, as for a twin run
    def _on_run_snapshot(self, snap: NetworkSnapshot) -> None:
        self._emit_snapshot(snap)

    def _on_run_moments(self, msg: Moments) -> None:
        self.timeline.add(*msg.moments)

    def _on_run_step_detail(self, ev: StepDetailEvent) -> None:
        self.step_detail.emit(ev)

    def _on_run_settings_changed(self, ev: SettingsChangedEvent) -> None:
        self.settings_changed.emit(ev)

    def _on_run_diverged(self, ev: DivergedEvent) -> None:
        self.timeline.truncate(ev.restored_step)
        super()._on_run_diverged(ev)

    def _on_run_result(self, result: RunResult) -> None:
        """The run ended: its checkpoint becomes the session's."""
        run, self._run = self._run, None
        run.dispose()
        ckpt = result.checkpoint
        if ckpt is None:                          # the trainer died: keep what was shown last
            self._recover_from_snapshot(run)
        elif self._fits(ckpt):
            self._dirty = self._dirty or ckpt.step != self._clean_step
            self._ckpt = ckpt.replace(train=self._ckpt.train)   # with live changes not applied yet
            self.timeline.end(self._ckpt)
        ev = self._last_finished = result.finished
        self._set_state(end_state(ev, self._state))
        self.finished.emit(ev)

    def _recover_from_snapshot(self, run: Run) -> None:
        """The trainer died mid-run: keep the latest snapshot's weights and counters (the optimizer
        state is lost; Adam's moments start again), or, when no snapshot came since the start,
        the checkpoint the run started from (its weights never changed here)."""
        snap = self._latest
        if snap is None or snap.step <= self._ckpt.step:
            return
        try:
            self._ckpt = snapshot_checkpoint(snap, self._ckpt, run.history[:snap.epochs_done])
        except ValueError:
            return
        self._dirty = True
