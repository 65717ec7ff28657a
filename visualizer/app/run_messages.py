"""What a run says, handed out: one dispatch of a training run's messages for all who receive them.

A run's trainer (``core.remote``) speaks in ``core.protocol`` messages, which
``app.relay`` hands, in order, to one slot on the GUI thread. The session's run
(``app.session_runs``) and a twin run (``app.twin``) receive the same messages,
so both inherit ``RunMessages``: its ``_on_message`` is that slot, and sends
each message to the handler of its kind (``HANDLERS``: type -> method name).
The handlers that do the same for every receiver live here; the others are
each receiver's own. A new kind of message is added to ``HANDLERS`` and given a
handler here (doing nothing, when not every receiver needs it).

A receiver is a ``QObject`` with the signals ``batches``, ``epoch_ended``,
``diverged`` and ``failed``, a ``_set_state(str)``, and the active run as
``_run`` (an ``app.relay.Run``); it implements ``_on_run_snapshot`` and
``_on_run_result`` (where ``end_state`` says the state the run ends in).
"""

from __future__ import annotations

import logging

from visualizer.core.events import DivergedEvent, EpochEvent, PausedEvent, SettingsChangedEvent, StepDetailEvent
from visualizer.core.protocol import Moments, RunFailed, RunResult
from visualizer.core.snapshot import NetworkSnapshot

log = logging.getLogger(__name__)

HANDLERS: dict[type, str] = {
    tuple: "_on_run_batches",                    # tuple[BatchEvent, ...]
    NetworkSnapshot: "_on_run_snapshot",
    Moments: "_on_run_moments",
    EpochEvent: "_on_run_epoch",
    StepDetailEvent: "_on_run_step_detail",
    SettingsChangedEvent: "_on_run_settings_changed",
    PausedEvent: "_on_run_paused",
    DivergedEvent: "_on_run_diverged",
    RunFailed: "_on_run_failed",
    RunResult: "_on_run_result",                 # always the last message of a run
}
"""The handler of each kind of message (by exact type, as the relay sends them)."""


def end_state(finished, state: str) -> str:
    """The state a run ends in, from its ``RunResult.finished`` and the state it was in: "failed"
    without a ``FinishedEvent`` (the trainer died), "diverged" when it ended by diverging or had
    diverged, else "finished"."""
    if finished is None:
        return "failed"
    return "diverged" if finished.reason == "diverged" or state == "diverged" else "finished"


class RunMessages:
    """The dispatch of a run's messages, and the handlers all receivers share (see the module doc)."""

    def _on_message(self, msg) -> None:
        """Every message of the active run, in order (GUI thread)."""
        name = HANDLERS.get(type(msg))
        if name is None:
            log.warning("unknown message from the training run: %r", msg)
            return
        getattr(self, name)(msg)

    def _on_run_batches(self, events: tuple) -> None:
        self.batches.emit(events)

    def _on_run_epoch(self, ev: EpochEvent) -> None:
        self._run.note_epoch(ev)
        self.epoch_ended.emit(ev)

    def _on_run_paused(self, _ev: PausedEvent) -> None:
        control = self._run.control
        if control.paused and not control.stop_requested:     # not a pause already lifted or a stop
            self._set_state("paused")

    def _on_run_diverged(self, ev: DivergedEvent) -> None:
        self._set_state("diverged")
        self.diverged.emit(ev)

    def _on_run_failed(self, msg: RunFailed) -> None:
        self._set_state("failed")
        self.failed.emit(msg.message)

    # what not every receiver uses: nothing, unless a receiver overrides it
    def _on_run_moments(self, msg: Moments) -> None:
        """Weights the run's timeline keeps (sent only to a run asked for them)."""

    def _on_run_step_detail(self, ev: StepDetailEvent) -> None:
        """One batch's inside, for the views that show it."""

    def _on_run_settings_changed(self, ev: SettingsChangedEvent) -> None:
        """Settings applied live by the run."""

    def _on_run_snapshot(self, snap: NetworkSnapshot) -> None:
        raise NotImplementedError

    def _on_run_result(self, result: RunResult) -> None:
        raise NotImplementedError
