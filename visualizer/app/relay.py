"""One training run as the session sees it: a trainer elsewhere, and a thread relaying it.

``Run.start(...)`` takes a trainer (``core.remote``: a child process, or the
fallback thread running the same loop), sends it the data and the run
(``core.protocol.RunSpec``, a ``Checkpoint`` inside) from a ``QThread``, and
relays every message it sends back as one signal, in order, to a slot on the
GUI thread: ``RelayWorker.received``. The messages are the core's own objects
(batches, events, snapshots, ``RunFailed``), and a ``RunResult`` always comes
last: where the run left the network, as a ``Checkpoint``, or None for the
checkpoint when the trainer died (the relay then says so with a ``RunFailed``
first). Nothing is translated on the way.
"""

from __future__ import annotations

import logging
import traceback
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from visualizer.core import remote
from visualizer.core.checkpoint import Checkpoint
from visualizer.core.events import DivergedEvent, EpochEvent
from visualizer.core.protocol import LoadData, RunFailed, RunResult, RunSpec

from .run_control import RunControl

log = logging.getLogger(__name__)


class RelayWorker(QObject):
    """Sends one run to its trainer and relays what comes back (lives in the run's QThread)."""

    #: object: one message of ``core.protocol`` from the trainer, in the order sent:
    #: tuple[BatchEvent, ...], EpochEvent, NetworkSnapshot, SettingsChangedEvent, PausedEvent,
    #: DivergedEvent, Moments or RunFailed, and always last a RunResult (then the thread ends)
    received = Signal(object)

    def __init__(self, trainer, spec: RunSpec, data: LoadData, control: RunControl) -> None:
        super().__init__()
        self._trainer, self._spec, self._data, self._control = trainer, spec, data, control
        self.result: RunResult | None = None     # the RunResult, once sent (any thread may read it)
        self.last_step = int(spec.checkpoint.step)   # the step of the latest batch relayed

    def _send_run(self) -> None:
        self._trainer.send_data(self._data)
        self._trainer.send(self._spec)

    def run(self) -> None:
        result = RunResult(None, None)
        try:
            self._control.open(self._send_run)
            while True:
                msg = self._trainer.receive()
                if type(msg) is RunResult:
                    result = msg
                    break
                if type(msg) is tuple:
                    self.last_step = msg[-1].step
                    self._control.note_begun(msg[-1].epoch - self._spec.checkpoint.epochs_done + 1)
                elif type(msg) is DivergedEvent:
                    self.last_step = msg.restored_step
                self.received.emit(msg)
        except remote.TrainProcessError as exc:
            self.received.emit(RunFailed(f"{exc} The network keeps the weights of the last update shown; "
                                         f"press Start to go on."))
        except Exception as exc:  # noqa: BLE001 - e.g. a message that cannot be unpickled
            log.error("training run failed:\n%s", traceback.format_exc())
            self.received.emit(RunFailed(f"Training stopped because of an internal error "
                                         f"({type(exc).__name__}: {exc})."))
            self._trainer.kill()      # its messages can no longer be trusted
        finally:
            if result.checkpoint is not None:
                self.last_step = int(result.checkpoint.step)
            self.result = result
            self.received.emit(result)
            # hand this object back to the GUI thread, so it can be deleted there safely
            self.moveToThread(QCoreApplication.instance().thread())
            QThread.currentThread().quit()


class Run:
    """The active run's parts: its trainer, control, relay worker and thread, and the epochs
    that arrived live (``history`` and ``epochs_done`` grow with each ``EpochEvent``)."""

    def __init__(self, trainer, spec: RunSpec, data: LoadData, control: RunControl) -> None:
        self.trainer, self.spec, self.control = trainer, spec, control
        self.start_checkpoint: Checkpoint = spec.checkpoint
        self.history: tuple[dict, ...] = spec.checkpoint.history
        self.epochs_done = int(spec.checkpoint.epochs_done)
        self.worker = RelayWorker(trainer, spec, data, control)
        self.thread = QThread()
        self.thread.setObjectName("visualizer-training")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)

    @classmethod
    def start(cls, trainer, spec: RunSpec, data: LoadData, on_message: Callable[[object], None]) -> "Run":
        """Start relaying ``spec`` through ``trainer``; every message goes to ``on_message``."""
        run = cls(trainer, spec, data, RunControl(trainer, spec.checkpoint.train, spec.paused, spec.steps))
        run.worker.received.connect(on_message)
        run.thread.start()
        return run

    def note_epoch(self, ev: EpochEvent) -> None:
        self.history = self.history + (ev.history_row(),)
        self.epochs_done = int(ev.epochs_done)

    @property
    def last_step(self) -> int:
        return self.worker.last_step

    @property
    def ended_result(self) -> RunResult | None:
        """The RunResult when the relay thread has ended (its message may still be queued)."""
        return self.worker.result if self.thread.isFinished() else None

    def wait(self, timeout_s: float) -> bool:
        return bool(self.thread.wait(max(0, int(timeout_s * 1000))))

    def dispose(self) -> None:
        """After the RunResult: wait for the thread, keep or close the trainer, delete the Qt objects."""
        self.thread.wait()
        remote.release(self.trainer)       # an idle process is kept for the next run
        self.worker.deleteLater()
        self.thread.deleteLater()

