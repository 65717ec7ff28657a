"""The twin run: a second network trained beside the session's, with one setting changed.

``TwinRun`` belongs to a ``TrainingSession`` (``session.twin``). ``start(key,
value)`` draws a new network from the training seed with the session's
settings and ``key`` changed (``twin_settings.with_setting``), on the session's
loaded data and split, and trains it through its own trainer and relay
(``core.remote``: a second child process, so on two cores both run at full
speed; ``app.relay.Run`` with its own ``RunControl``). When the session's
network has not trained yet it starts too, so both begin from the same seed at
the same moment. What the twin says arrives on the GUI thread, in order, and
leaves as the signals below; the session's Pause, Resume, Step and Stop reach
the twin as well (``app.session_runs``).

The twin is a full ``Checkpoint`` (``checkpoint``: its run's end, or the latest
snapshot's weights while it trains), so it can be saved, kept as the session's
network (``TrainingSession.adopt``), or discarded. ``unsaved`` says when it
has training that no file holds, which must not be lost without asking
(``app.compare`` asks before a new twin replaces it and before the window
closes).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from visualizer.core import remote
from visualizer.core.checkpoint import Checkpoint
from visualizer.core.errors import ConfigError, VisualizerError
from visualizer.core.protocol import LoadData, RunResult, RunSpec
from visualizer.core.serve import check_run
from visualizer.core.snapshot import NetworkSnapshot

from .config_diff import RunSettings, diff_label
from .model_files import snapshot_checkpoint
from .relay import Run
from .run_messages import RunMessages, end_state
from .session_runs import BATCH_INTERVAL_S, SNAPSHOT_INTERVAL_S
from .twin_settings import with_setting

log = logging.getLogger(__name__)


class TwinRun(QObject, RunMessages):
    """See the module docstring."""

    #: tuple[BatchEvent, ...]: the twin's batches since the previous emission
    batches = Signal(object)
    #: EpochEvent: one of the twin's epochs ended
    epoch_ended = Signal(object)
    #: NetworkSnapshot: the twin's weights (<= ~4/s while training, and at its end)
    snapshot = Signal(object)
    #: DivergedEvent: the twin diverged (its weights went back to ``restored_step``)
    diverged = Signal(object)
    #: str: "none" | "running" | "paused" | "finished" | "diverged" | "failed"
    state_changed = Signal(str)
    #: str: the twin started, labelled with what it changes ("lr 0.001 → 0.01")
    started = Signal(str)
    #: str: why the twin failed or could not start, in one sentence
    failed = Signal(str)
    #: object: the twin was discarded or kept (None)
    ended = Signal(object)

    def __init__(self, session) -> None:
        super().__init__(session)
        self.session = session
        self._run: Run | None = None
        self._start: Checkpoint | None = None    # where the twin's run started
        self._end: Checkpoint | None = None      # where it ended
        self.latest: NetworkSnapshot | None = None
        self.state = "none"
        self.label = ""                          # "lr 0.001 → 0.01"
        self.setting: tuple[str, object] | None = None
        self._discarded: list[Run] = []          # stopped runs whose RunResult is still to come
        self._saved_step: int | None = None      # the twin's step that a file holds (``mark_saved``)

    exists = property(lambda self: self.state != "none", doc="A twin is running, paused or done.")
    is_active = property(lambda self: self._run is not None, doc="The twin's run is in progress.")
    control = property(lambda self: self._run.control if self._run else None)

    @property
    def checkpoint(self) -> Checkpoint | None:
        """The twin as it stands: its run's end, or the latest snapshot's weights while it trains."""
        if self._end is not None:
            return self._end
        if self._start is None:
            return None
        if self._run is not None and self.latest is not None and self.latest.step > self._start.step:
            return snapshot_checkpoint(self.latest, self._start, self._run.history)
        return self._start

    @property
    def trained_step(self) -> int:
        """How far the twin trained: the latest batch its run relayed, or where it ended."""
        if self._run is not None:
            return self._run.last_step
        ends = self._end or self._start
        return ends.step if ends is not None else 0

    @property
    def unsaved(self) -> bool:
        """The twin trained (or trains) beyond its start, and no file holds it as far as it trained."""
        step = self.trained_step
        return self.exists and step > self._start.step and step != self._saved_step

    def mark_saved(self, ckpt: Checkpoint) -> None:
        """``ckpt``, this twin as it stood (``checkpoint``), was written to a file."""
        self._saved_step = ckpt.step

    @property
    def history(self) -> tuple[dict, ...]:
        """The twin's epochs so far (``EpochEvent.history_row()`` dicts)."""
        if self._run is not None:
            return self._run.history
        return self._end.history if self._end is not None else ()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # ------------------------------------------------------------------ starting
    def start(self, key: str, value) -> bool:
        """Train a twin with ``key`` set to ``value`` (see the module doc). Raises ConfigError for
        a bad value, while a twin is active, or before data is loaded; False when it failed."""
        s = self.session
        if self.is_active:
            raise ConfigError("a twin is already training; stop it first")
        if s.data is None:
            raise ConfigError("no dataset is loaded yet")
        network, train = with_setting(s.network_config, s.train_config, key, value)
        ckpt = Checkpoint.fresh(network, train, s.checkpoint.split)
        check_run(ckpt, s.data)
        main = RunSettings(s.network_config, s.train_config)
        self.label = diff_label(main, RunSettings(network, train))
        self.setting = (key, value)
        if not s.is_active and s.step_count == 0:
            s.start()                                   # both start from the seed together
        token, data = s._data_token, s.data
        spec = RunSpec(ckpt, token, s.probe(), s.state == "paused", 0, BATCH_INTERVAL_S,
                       SNAPSHOT_INTERVAL_S, speed=s.speed)
        try:
            trainer = remote.open_trainer(s.use_process)
        except VisualizerError as exc:
            self.failed.emit(str(exc))
            return False
        self._start, self._end, self.latest, self._saved_step = ckpt, None, None, None
        self._run = Run.start(trainer, spec, LoadData.of(token, data), self._on_message)
        self._set_state("paused" if spec.paused else "running")
        self.started.emit(self.label)
        return True

    # ------------------------------------------------------------------ steering
    def pause(self) -> None:
        if self._run is not None and self.state == "running":
            self._run.control.pause()

    def resume(self) -> None:
        if self._run is not None and self.state == "paused":
            self._run.control.resume()
            self._set_state("running")

    def step(self) -> None:
        if self._run is not None and self.state == "paused":
            self._run.control.step_once()

    def stop(self) -> None:
        if self._run is not None:
            self._run.control.stop()

    def set_probe(self, x) -> None:
        if self._run is not None:
            self._run.control.set_probe(x)

    def set_speed(self, bps) -> None:
        if self._run is not None:
            self._run.control.set_speed(bps)

    def wait(self, timeout_s: float = 2.0) -> bool:
        """Block until the relay threads (the twin's, and those of discarded twins) ended."""
        runs = [r for r in (self._run, *self._discarded) if r is not None]
        return all([r.wait(timeout_s) for r in runs])

    def kill(self) -> None:
        for run in [r for r in (self._run, *self._discarded) if r is not None]:
            run.trainer.kill()

    def discard(self) -> None:
        """Forget the twin (stopping its run first when it trains; its end is not waited for)."""
        if self._run is not None:
            self._run.control.stop()
            self._run.worker.received.disconnect(self._on_message)
            self._run.worker.received.connect(self._on_discarded)
            self._discarded.append(self._run)
            self._run = None
        self._start = self._end = self.latest = self._saved_step = None
        self.setting, self.label = None, ""
        self._set_state("none")
        self.ended.emit(None)

    def _on_discarded(self, msg) -> None:
        """A message of a discarded run (GUI thread): its RunResult ends it."""
        for run in [r for r in self._discarded if type(msg) is RunResult and r.worker.result is msg]:
            self._discarded.remove(run)
            run.dispose()

    # ------------------------------------------------------------------ what the twin says
    # ``RunMessages._on_message`` sends each message here; batches, epochs, pauses, divergence and
    # failures are handled there, as for the session's run
    def _on_message(self, msg) -> None:
        """A message of the twin's run. One that a discarded run sent before ``discard`` disconnected
        it (Qt still delivers those, also after a new twin started) goes to ``_on_discarded``: the
        sender tells whose it is."""
        run, sender = self._run, self.sender()          # sender: None when called directly
        if run is None or (sender is not None and sender is not run.worker):
            self._on_discarded(msg)
        else:
            super()._on_message(msg)

    def _on_run_snapshot(self, snap: NetworkSnapshot) -> None:
        self.latest = snap
        self.snapshot.emit(snap)

    def _on_run_result(self, result: RunResult) -> None:
        """The twin's run ended: where it left the network is the twin."""
        run, self._run = self._run, None
        run.dispose()
        ckpt = result.checkpoint
        if ckpt is not None and ckpt.network == self._start.network:
            self._end = ckpt
        elif self.latest is not None and self.latest.step > self._start.step:
            self._end = snapshot_checkpoint(self.latest, self._start, run.history[:self.latest.epochs_done])
        else:
            self._end = self._start
        self._set_state(end_state(result.finished, self.state))
