"""The training session: the one object (Qt, no widgets) that owns training.

``TrainingSession`` holds the current architecture and training settings, the
model, its history and the loaded dataset, and runs the engine's
``Trainer.run()`` off the GUI thread: in a training process
(``visualizer.core.remote``: a child interpreter, so the window's drawing, which
is Python and holds this process's GIL, takes nothing from training), whose
messages a worker thread relays as signals. When no process can start (or
``VISUALIZER_TRAIN_IN_THREAD=1``) the worker thread runs the loop itself; both
paths send the same messages (``remote.pump``) and train bit for bit alike.
Everything the window and the views learn about training arrives through the
session's signals, always on the GUI thread, always as immutable objects
(frozen events, read-only arrays, frozen snapshots); the GUI reaches the run
only through its control (pause, step, stop, live settings) and ``set_probe``,
which the training loop reads between two batches. The session's model holds
the weights of the last finished run; during a run, ``latest_snapshot`` has
the live ones (and ``model_copy``, ``save_model`` use them).

Signals (contract with the views, see the brief):

    batches(tuple[BatchEvent, ...])   at most ~20 emissions/s while training
    epoch_ended(EpochEvent)
    snapshot(NetworkSnapshot)         at most ~4/s while training, probe trace included;
                                      also once whenever the model is created, reset or
                                      loaded, after a single step, on pause, at the end of a
                                      run, and when the probe changes while not training
                                      (then ``weights`` is the very same tuple as in the
                                      previous snapshot, so views may skip re-rendering
                                      weights with an ``is`` check)
    settings_changed(SettingsChangedEvent)
    state_changed(str)                "idle" | "running" | "paused" | "finished" | "diverged" | "failed"
    diverged(DivergedEvent)
    failed(str)                       one readable sentence
    finished(FinishedEvent | None)    always at the end of a run (None after a crash)
    data_changed(DataBundle)          the dataset was (re)loaded

Additional signals (the window and views may use them):

    history_changed(tuple[dict, ...])  the curves must restart from this per-epoch
                                       history: () on reset, the file's history on load
    evaluated(Evaluation)              validation predictions of a model that was loaded
                                       or reset without training (EpochEvent carries them
                                       during training)
    data_loading(str)                  a dataset spec started loading
    data_progress((done, total))       download progress in bytes (total may be None)
    data_failed(str)                   loading failed; the session falls back to "sample"
    model_changed(object)              the architecture/settings of the model changed
                                       (after reset or load): ``(NetworkConfig, TrainConfig)``
    configs_changed(object)            ``(NetworkConfig, TrainConfig)`` after any change of either
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import threading
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from visualizer.core import remote
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import ConfigError, DownloadCancelled, ModelFileError, VisualizerError
from visualizer.core.events import (DivergedEvent, EpochEvent, FinishedEvent,
                                    PausedEvent, SettingsChangedEvent)

from .tasks import BackgroundTask

log = logging.getLogger(__name__)

BATCH_INTERVAL_S = 0.05      # batch stats: <= 20 emissions per second
SNAPSHOT_INTERVAL_S = 0.25   # network snapshots: <= 4 per second
LIVE_SETTINGS = ("lr", "momentum", "weight_decay", "dropout")   # may change mid-run
_DATA_TOKENS = itertools.count(1)   # names a DataBundle to the (shared) training processes
SPLIT_SEED = 0               # the validation split is fixed per dataset, so runs compare alike


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class DataBundle:
    """A loaded dataset and the split training uses (all arrays read-only).

    dataset      the ``Dataset`` as loaded (x_test/y_test: its held-out test set)
    x_val        (N_val, 28, 28) uint8: the images ``EpochEvent.val_predictions`` refer to
    y_val        (N_val,) uint8
    x_train      (N_tr, 28, 28) uint8: the rest of the training set, what is trained on
    y_train      (N_tr,) uint8
    inputs_train (N_tr, 784) float32 in [0, 1]: x_train as network input
    inputs_val   (N_val, 784) float32 in [0, 1]
    """

    dataset: Any
    x_val: np.ndarray
    y_val: np.ndarray
    x_train: np.ndarray
    y_train: np.ndarray
    inputs_train: np.ndarray
    inputs_val: np.ndarray

    @property
    def name(self) -> str:
        return self.dataset.name

    def __repr__(self) -> str:
        return (f"DataBundle({self.dataset.name!r}, train={len(self.y_train)}, val={len(self.y_val)}, "
                f"test={len(self.dataset.y_test)})")

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(self.dataset.class_names)


@dataclass(frozen=True)
class Evaluation:
    """Validation results of the current model outside training (read-only arrays).

    val_predictions (N_val,) int64 and val_confidence (N_val,) float32 refer to
    ``DataBundle.x_val``, like ``EpochEvent``'s fields of the same names.
    """

    epochs_done: int
    step: int
    val_loss: float
    val_accuracy: float
    val_predictions: np.ndarray
    val_confidence: np.ndarray


def build_bundle(dataset, val_fraction: float) -> DataBundle:
    """Split ``dataset``'s training set (stratified, fixed seed) and convert it to inputs."""
    from visualizer.core.dataset import as_inputs, split_validation

    x, y = dataset.x_train, dataset.y_train
    if val_fraction > 0:
        x_tr, y_tr, x_val, y_val = split_validation(x, y, val_fraction, np.random.default_rng(SPLIT_SEED))
    else:
        x_tr, y_tr = x, y
        x_val, y_val = x[:0], y[:0]
    arrays = [np.ascontiguousarray(a) for a in (x_tr, y_tr, x_val, y_val)]
    x_tr, y_tr, x_val, y_val = (_readonly(a) for a in arrays)
    inputs_train = _readonly(np.ascontiguousarray(as_inputs(x_tr), dtype=np.float32))
    inputs_val = _readonly(np.ascontiguousarray(as_inputs(x_val), dtype=np.float32))
    return DataBundle(dataset=dataset, x_val=x_val, y_val=y_val, x_train=x_tr, y_train=y_tr,
                      inputs_train=inputs_train, inputs_val=inputs_val)


def evaluate_model(model, inputs: np.ndarray, labels: np.ndarray, *, epochs_done: int = 0,
                   step: int = 0, chunk: int = 2048) -> Evaluation:
    """Predictions, confidence, mean cross-entropy and accuracy of ``model`` on (N, 784) inputs."""
    n = len(inputs)
    preds = np.empty(n, dtype=np.int64)
    conf = np.empty(n, dtype=np.float32)
    loss_sum = 0.0
    for i in range(0, n, chunk):
        p = np.asarray(model.forward(inputs[i:i + chunk]), dtype=np.float64)   # (B, 10)
        y = labels[i:i + chunk].astype(np.int64)
        preds[i:i + chunk] = p.argmax(axis=1)
        conf[i:i + chunk] = p.max(axis=1)
        loss_sum += float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1.0)).sum())
    acc = float((preds == labels.astype(np.int64)).mean()) if n else float("nan")
    loss = loss_sum / n if n else float("nan")
    return Evaluation(epochs_done=epochs_done, step=step, val_loss=loss, val_accuracy=acc,
                      val_predictions=_readonly(preds), val_confidence=_readonly(conf))


class _TrainWorker(QObject):
    """Runs one training run off the GUI thread and emits its throttled, batched results.

    With a ``TrainProcess`` it sends the data and the ``RunSpec`` to the child process and
    relays the child's messages (the training itself takes none of this process's GIL);
    without one it consumes ``trainer.run()`` in this thread (the fallback). Either way the
    messages are ``remote.pump``'s, and ``final`` holds the run's end state when it ended
    normally or failed (None when the training process died).
    """

    batches = Signal(object)
    epoch_ended = Signal(object)
    snapshot = Signal(object)
    settings_changed = Signal(object)
    paused = Signal(object)
    diverged = Signal(object)
    failed = Signal(str)
    finished = Signal(object)

    def __init__(self, trainer, probe: Callable[[], np.ndarray | None], *, process=None, spec=None,
                 control=None, data: tuple = (), batch_interval: float = BATCH_INTERVAL_S,
                 snapshot_interval: float = SNAPSHOT_INTERVAL_S) -> None:
        super().__init__()
        self._trainer = trainer
        self._probe = probe
        self._process = process
        self._spec = spec
        self._control = control
        self._data = data
        self._batch_interval = batch_interval
        self._snapshot_interval = snapshot_interval
        self.final: remote.RunResult | None = None
        self.last_step = int(trainer.step)      # the step of the latest batch reported (any thread)

    def _deliver(self, msg: tuple) -> None:
        kind = msg[0]
        if kind == "batches":
            self.last_step = msg[1][-1].step
            self.batches.emit(msg[1])
        elif kind == "epoch":
            self.epoch_ended.emit(msg[1])
        elif kind == "snapshot":
            self.snapshot.emit(msg[1])
        elif kind == "settings":
            self.settings_changed.emit(msg[1])
        elif kind == "paused":
            self.paused.emit(msg[1])
        elif kind == "diverged":
            self.last_step = msg[1].restored_step
            self.diverged.emit(msg[1])
        elif kind == "failed":
            self.failed.emit(msg[1])
        else:
            log.warning("unknown message from the training run: %r", kind)

    def run(self) -> None:
        result: FinishedEvent | None = None
        try:
            if self._process is None:
                result = remote.pump(self._trainer, self._probe, self._deliver,
                                     batch_interval=self._batch_interval,
                                     snapshot_interval=self._snapshot_interval)
                self.final = remote.RunResult.of(self._trainer)
            else:
                proc = self._process

                def send_run() -> None:
                    proc.send_data(self._spec.data_token, *self._data)
                    proc.send(("run", self._spec))

                self._control.open(send_run)
                while True:
                    msg = proc.receive()
                    if msg[0] == "finished":
                        result, self.final = msg[1], msg[2]
                        self.last_step = self.final.step
                        break
                    self._deliver(msg)
        except remote.TrainProcessError as exc:
            self.failed.emit(f"{exc} The network keeps the weights of the last update shown; "
                             f"press Start to go on.")
        except Exception as exc:  # noqa: BLE001 - e.g. a message that cannot be unpickled
            log.error("training run failed:\n%s", traceback.format_exc())
            self.failed.emit(f"Training stopped because of an internal error ({type(exc).__name__}: {exc}).")
            if self._process is not None:
                self._process.kill()      # its messages can no longer be trusted
        finally:
            self.finished.emit(result)
            # hand this object back to the GUI thread, so it can be deleted there safely
            self.moveToThread(QCoreApplication.instance().thread())
            QThread.currentThread().quit()


class _ProcessControl:
    """The ``TrainingControl`` interface for a run in a training process: validates like the
    engine's control and keeps its flags here, and forwards each request to the child.

    Requests made before the worker thread has sent the run (``open``) wait for it, so
    the child always gets them in order: data, run, then pause / step / probe...
    """

    def __init__(self, process, config: TrainConfig, paused: bool) -> None:
        from visualizer.core.training import TrainingControl

        self._process = process
        self._local = TrainingControl()
        self._local._bind(config)
        if paused:
            self._local.pause()
        self._lock = threading.Lock()
        self._held: list[tuple] | None = []      # requests waiting for the run to be sent

    def open(self, send_run: Callable[[], None]) -> None:
        """Worker thread: ``send_run()`` (data and run), then the requests made meanwhile."""
        with self._lock:
            try:
                send_run()
                for msg in self._held:
                    self._process.send(msg)
            finally:
                self._held = None

    def _send(self, *msg) -> None:
        with self._lock:
            if self._held is not None:
                self._held.append(msg)
                return
        try:
            self._process.send(msg)
        except remote.TrainProcessError:
            pass                         # the worker reports the death when it reads the pipe

    def set_probe(self, x) -> None:
        self._send("probe", x)

    def pause(self) -> None:
        self._local.pause()
        self._send("pause")

    def resume(self) -> None:
        self._local.resume()
        self._send("resume")

    def step_once(self) -> None:
        self._local.step_once()
        self._send("step")

    def stop(self) -> None:
        self._local.stop()
        self._send("stop")

    def change(self, **settings) -> None:
        self._local.change(**settings)          # raises ConfigError for a bad value, like the engine
        self._local._take_pending()
        self._send("change", dict(settings))

    @property
    def paused(self) -> bool:
        return self._local.paused

    @property
    def stop_requested(self) -> bool:
        return self._local.stop_requested


class TrainingSession(QObject):
    """See the module docstring."""

    batches = Signal(object)
    epoch_ended = Signal(object)
    snapshot = Signal(object)
    settings_changed = Signal(object)
    state_changed = Signal(str)
    diverged = Signal(object)
    failed = Signal(str)
    finished = Signal(object)
    data_changed = Signal(object)

    history_changed = Signal(object)
    evaluated = Signal(object)
    data_loading = Signal(str)
    data_progress = Signal(object)
    data_failed = Signal(str)
    model_changed = Signal(object)
    configs_changed = Signal(object)

    def __init__(self, network: NetworkConfig | None = None, train: TrainConfig | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._network = (network or NetworkConfig()).validate()
        self._train = (train or TrainConfig()).validate()
        self._state = "idle"
        self._data: DataBundle | None = None
        self._data_spec = ""
        self._model = None
        self._epochs_done = 0
        self._step = 0
        self._history: tuple[dict, ...] = ()
        self._optimizer_state: dict | None = None
        self._latest: Any = None
        self._probe_lock = threading.Lock()
        self._probe: np.ndarray | None = None
        self._control = None
        self._thread: QThread | None = None
        self._worker: _TrainWorker | None = None
        self._process: remote.TrainProcess | None = None   # the active run's training process
        self._data_token = 0       # identifies the loaded DataBundle to the training processes
        self._run_start: tuple = (0, 0, ())   # step, epochs done, history when the run started
        # train in a child process (the window's drawing then costs training nothing), or
        # in a thread of this process (VISUALIZER_TRAIN_IN_THREAD=1, or when no process starts)
        self.use_process = not remote.in_thread_requested()
        self._last_finished: FinishedEvent | None = None
        self._data_task: BackgroundTask | None = None
        self._tasks: set[BackgroundTask] = set()
        self._closing = False
        self._dirty = False        # trained since the model was last saved, loaded or reset
        self._clean_step = 0       # during a run: the trainer's step count that is in a file

    # ------------------------------------------------------------------ properties
    @property
    def state(self) -> str:
        return self._state

    @property
    def data(self) -> DataBundle | None:
        return self._data

    @property
    def latest_snapshot(self):
        return self._latest

    @property
    def network_config(self) -> NetworkConfig:
        return self._network

    @property
    def train_config(self) -> TrainConfig:
        return self._train

    @property
    def epochs_done(self) -> int:
        return self._epochs_done

    @property
    def step_count(self) -> int:
        return self._step

    @property
    def history(self) -> tuple[dict, ...]:
        return self._history

    @property
    def is_active(self) -> bool:
        """True while a run is in progress (running or paused)."""
        return self._thread is not None

    @property
    def control(self):
        """The running trainer's ``TrainingControl`` (None when no run is active)."""
        return self._control

    @property
    def live_step(self) -> int:
        """The global step of the latest batch the active run reported (``step_count`` when idle)."""
        worker = self._worker
        return int(worker.last_step) if worker is not None else self._step

    @property
    def last_finished(self) -> FinishedEvent | None:
        return self._last_finished

    @property
    def loading(self) -> bool:
        return self._data_task is not None

    @property
    def dirty(self) -> bool:
        """True when the model holds training that is in no file: set by any trained batch,
        cleared by ``save_model``, ``load_model`` and ``reset`` (the window keeps such a model
        in the recovery file when it closes)."""
        worker = self._worker
        if worker is not None and worker.last_step != self._clean_step:
            return True
        return self._dirty

    def mark_dirty(self) -> None:
        """Treat the model as unsaved (e.g. it was opened from the recovery file, which then goes)."""
        self._dirty = True

    def model_copy(self):
        """A private copy of the model (the last snapshot's weights while a run is active)."""
        if not self.is_active and self._model is not None:
            return self._model.copy()
        return self._model_from_snapshot()

    # ------------------------------------------------------------------ probe
    def set_probe(self, x: np.ndarray | None) -> None:
        """Set the input (784,) float32 whose trace the snapshots carry (None: no probe).

        Only stored (and passed to a running training run): the views trace the probe
        themselves while no run sends snapshots.
        """
        if x is not None:
            x = np.array(x, dtype=np.float32).reshape(-1)
            if x.shape != (self._network.n_inputs,):
                raise ValueError(f"probe must have {self._network.n_inputs} values, got {x.size}")
            x = _readonly(x)
        with self._probe_lock:
            self._probe = x
        if isinstance(self._control, _ProcessControl):
            self._control.set_probe(x)

    def probe(self) -> np.ndarray | None:
        """The current probe input (thread-safe; read by the worker between batches)."""
        with self._probe_lock:
            return self._probe

    # ------------------------------------------------------------------ configuration
    def set_network_config(self, network: NetworkConfig) -> None:
        """Change the architecture: builds a fresh network (only when no run is active)."""
        network = network.validate()
        if self.is_active:
            raise ConfigError("the architecture cannot change while training; stop first")
        if network != self._network or self._model is None:
            self._network = network
            self.reset()

    def set_train_config(self, train: TrainConfig) -> None:
        """Change the training settings. While a run is active only live settings may change."""
        train = train.validate()
        if self.is_active:
            old = self._train
            fixed = [f.name for f in dataclasses.fields(TrainConfig)
                     if f.name not in LIVE_SETTINGS and getattr(old, f.name) != getattr(train, f.name)]
            if fixed:
                raise ConfigError(f"{', '.join(fixed)} cannot change while training; stop first")
            changes = {k: getattr(train, k) for k in LIVE_SETTINGS if getattr(old, k) != getattr(train, k)}
            if changes:
                self.change(**changes)
            return
        if train != self._train:
            self._train = train
            self.configs_changed.emit((self._network, self._train))

    def change(self, **settings: float) -> None:
        """Change live settings (lr, momentum, weight_decay, dropout), mid-run or not.

        Mid-run they apply between two batches and come back as ``settings_changed``.
        Raises ConfigError (naming the setting) for an invalid value.
        """
        unknown = sorted(set(settings) - set(LIVE_SETTINGS))
        if unknown:
            raise ConfigError(f"{', '.join(unknown)} cannot change while training")
        new = dataclasses.replace(self._train, **settings).validate()
        if self._control is not None:
            self._control.change(**settings)
        if new != self._train:
            self._train = new
            self.configs_changed.emit((self._network, self._train))

    # ------------------------------------------------------------------ model
    def reset(self) -> None:
        """New random weights for the current architecture (seeded by the training seed)."""
        if self.is_active:
            raise ConfigError("cannot reset while training; stop first")
        from visualizer.core.network import MLP

        self._model = MLP(self._network, rng=np.random.default_rng(self._train.seed))
        self._epochs_done = 0
        self._step = 0
        self._history = ()
        self._optimizer_state = None
        self._last_finished = None
        self._dirty = False
        self._set_state("idle")
        self.history_changed.emit(())
        self.model_changed.emit((self._network, self._train))
        self.configs_changed.emit((self._network, self._train))
        self._snapshot_now()

    def load_model(self, path) -> Any:
        """Replace the model by the one saved at ``path``; returns the ``SavedModel``.

        Raises ModelFileError (nothing changes) for a bad file, ConfigError while a run is active.
        """
        if self.is_active:
            raise ConfigError("cannot open a model while training; stop first")
        from visualizer.core.persistence import load_model
        from visualizer.core.snapshot import take_snapshot

        try:
            saved = load_model(path)
            sizes, net = saved.model.sizes, self._network
            if sizes[0] != net.n_inputs or sizes[-1] != net.n_classes:   # e.g. a model for other data
                raise ModelFileError(f"{path}: the model maps {sizes[0]} inputs to {sizes[-1]} classes; the app "
                                     f"needs {net.n_inputs} inputs (28x28 images) and {net.n_classes} classes")
            # the first snapshot before anything changes: a model too big for memory fails here
            snap = take_snapshot(saved.model, step=int(saved.step), progress=float(saved.epochs_done),
                                 epochs_done=int(saved.epochs_done))
            x = self.probe()
            if x is not None:
                snap = dataclasses.replace(snap, probe=snap.trace(x))
        except MemoryError:
            raise ModelFileError(f"{path}: the model is too large to open (its weights do not fit in "
                                 f"the memory available)") from None
        self._model = saved.model
        self._network = saved.network
        if saved.train is not None:
            self._train = saved.train
        self._epochs_done = int(saved.epochs_done)
        self._step = int(saved.step)
        self._history = tuple(saved.history)
        self._optimizer_state = saved.optimizer_state
        self._last_finished = None
        self._dirty = False
        self._set_state("idle")
        self.history_changed.emit(self._history)
        self.model_changed.emit((self._network, self._train))
        self.configs_changed.emit((self._network, self._train))
        self._emit_snapshot(snap)
        try:
            self.evaluate()
        except MemoryError:
            log.warning("not enough memory to evaluate %s", path)
        return saved

    def save_model(self, path) -> None:
        """Save the model, settings and history to ``path`` (atomic). While a run is active,
        the weights of the latest snapshot are saved (without optimizer state). The model
        counts as saved afterwards (``dirty`` is False until it trains again)."""
        step = self._write_model(path)
        self._dirty = False
        self._clean_step = step

    def save_copy(self, path) -> None:
        """Write the model like ``save_model`` without marking it saved (the recovery file)."""
        self._write_model(path)

    def _write_model(self, path) -> int:
        """Write the model to ``path`` (atomic); returns the step count written."""
        from visualizer.core.persistence import save_model

        worker, thread = self._worker, self._thread
        history = self._history
        final = worker.final if worker is not None and thread is not None and thread.isFinished() else None
        if final is not None:
            # the run ended (e.g. the window is closing) but its end is not processed yet:
            # its end state holds the final weights, counters and optimizer state
            model = self._model_with(final.params)
            epochs_done, step, history, optimizer_state = (final.epochs_done, final.step, final.history,
                                                           final.optimizer_state)
        elif self.is_active:
            model = self._model_from_snapshot()
            snap = self._latest
            epochs_done = snap.epochs_done if snap is not None else self._epochs_done
            step = snap.step if snap is not None else self._step
            optimizer_state = None
        else:
            model, epochs_done, step, optimizer_state = (self._model, self._epochs_done, self._step,
                                                         self._optimizer_state)
        if model is None:
            raise ConfigError("there is no model to save yet")
        save_model(path, model, train_config=self._train, dataset=self._data.name if self._data else "",
                   epochs_done=epochs_done, step=step, history=history,
                   optimizer_state=optimizer_state)
        return int(step)

    def _model_with(self, params: np.ndarray):
        from visualizer.core.network import MLP

        model = MLP(self._network, rng=np.random.default_rng(0))
        np.copyto(model.params, params)
        return model

    def _model_from_snapshot(self):
        snap = self._latest
        if snap is None:
            return None
        from visualizer.core.network import MLP

        model = MLP(self._network, rng=np.random.default_rng(0))
        model.set_parameters(list(snap.weights), list(snap.biases))
        return model

    def _snapshot_now(self) -> None:
        from visualizer.core.snapshot import take_snapshot

        if self._model is None:
            return
        snap = take_snapshot(self._model, step=self._step, progress=float(self._epochs_done),
                             epochs_done=self._epochs_done)
        x = self.probe()
        if x is not None:
            snap = dataclasses.replace(snap, probe=snap.trace(x))
        self._emit_snapshot(snap)

    def _emit_snapshot(self, snap) -> None:
        self._latest = snap
        self.snapshot.emit(snap)

    def evaluate(self) -> None:
        """Evaluate the current model on the validation split off the GUI thread -> ``evaluated``."""
        if self._data is None or self._model is None or self.is_active or len(self._data.inputs_val) == 0:
            return
        model = self._model.copy()
        data = self._data
        epochs_done, step = self._epochs_done, self._step

        def work(progress, cancelled):
            return evaluate_model(model, data.inputs_val, data.y_val, epochs_done=epochs_done, step=step)

        def ok(result):
            if self._data is data:
                self.evaluated.emit(result)

        self._run_task(work, ok, lambda exc: log.warning("evaluation failed: %s", exc))

    # ------------------------------------------------------------------ data
    def load_data(self, spec: str = "sample", *, fallback: bool = True) -> None:
        """Load a dataset ("sample", "mnist", "fashion" or a folder) off the GUI thread.

        Emits data_loading, data_progress while downloading, then data_changed; on
        failure (or cancel) data_failed with the message and, when ``fallback`` and
        no dataset is loaded yet or the spec was not "sample", loads "sample".
        """
        if self.is_active:
            raise ConfigError("cannot change the dataset while training; stop first")
        if self._data_task is not None:
            self._data_task.cancel()
        val_fraction = self._train.val_fraction

        def work(progress, cancelled):
            from visualizer.core.dataset import load_dataset

            ds = load_dataset(spec, progress=progress, cancel=cancelled)
            if cancelled():
                raise DownloadCancelled(f"loading {spec} was cancelled")
            return build_bundle(ds, val_fraction)

        task = self._run_task(work, lambda b: self._on_data(task, spec, b),
                              lambda exc: self._on_data_error(task, spec, exc, fallback),
                              progress=self.data_progress.emit)
        self._data_task = task
        self.data_loading.emit(spec)

    def cancel_loading(self) -> None:
        if self._data_task is not None:
            self._data_task.cancel()

    def set_data(self, bundle: DataBundle) -> None:
        """Use an already built ``DataBundle`` (e.g. a subset); emits ``data_changed``."""
        if self.is_active:
            raise ConfigError("cannot change the dataset while training; stop first")
        if self._data_task is not None:
            self._data_task.cancel()
            self._data_task = None
        self._install_data(bundle.dataset.name, bundle)

    def _on_data(self, task, spec: str, bundle: DataBundle) -> None:
        if task is not self._data_task:
            return
        self._data_task = None
        self._install_data(spec, bundle)

    def _install_data(self, spec: str, bundle: DataBundle) -> None:
        self._data = bundle
        self._data_spec = spec
        self._data_token = next(_DATA_TOKENS)
        if self.use_process and not self._closing:
            # an interpreter warms up, with this data, while the person looks around
            remote.preload(self._data_token, bundle.inputs_train, bundle.y_train,
                           bundle.inputs_val if len(bundle.inputs_val) else None,
                           bundle.y_val if len(bundle.y_val) else None)
        if self.probe() is None and len(bundle.inputs_val):
            with self._probe_lock:
                self._probe = _readonly(bundle.inputs_val[0].copy())
        self.data_changed.emit(bundle)
        if self._model is None:
            self.reset()
        else:
            self._snapshot_now()
        if self._epochs_done > 0:
            self.evaluate()

    def _on_data_error(self, task, spec: str, exc: BaseException, fallback: bool) -> None:
        if task is not self._data_task:
            return
        self._data_task = None
        if isinstance(exc, DownloadCancelled):
            msg = f"Loading {spec} was cancelled."
        elif isinstance(exc, VisualizerError):
            msg = str(exc)
        else:
            log.error("loading %s crashed: %s", spec, getattr(exc, "__traceback_text__", exc))
            msg = f"Could not load {spec}: {type(exc).__name__}: {exc}"
        if fallback and spec != "sample":
            if self._data is None:       # nothing to train on yet: the embedded sample
                msg += " Using the embedded sample instead."
                self.data_failed.emit(msg)
                if not self._closing:
                    self.load_data("sample", fallback=False)
                return
            # a bad choice never replaces what is loaded (issue #7: a message, no state change)
            name = self._data.name
            msg += " Still using the embedded sample." if name == "sample" else f" Still using {name}."
        self.data_failed.emit(msg)

    def _run_task(self, fn, on_ok, on_error, progress=None) -> BackgroundTask:
        task = BackgroundTask(fn, self)
        task.succeeded.connect(on_ok)
        task.errored.connect(on_error)
        if progress is not None:
            task.progressed.connect(progress)
        self._tasks.add(task)

        def forget() -> None:
            self._tasks.discard(task)
            task.deleteLater()

        task.done.connect(forget)
        return task.start()

    # ------------------------------------------------------------------ run control
    def start(self) -> bool:
        """Start (or continue) training for ``train_config.epochs`` more epochs.

        When paused, resumes. Returns False (and emits ``failed``) when it cannot start.
        """
        if self._state == "paused" and self._control is not None:
            self.resume()
            return True
        if self.is_active:
            return False
        return self._launch(paused=False)

    def _launch(self, *, paused: bool) -> bool:
        if self._data is None:
            self.failed.emit("No dataset is loaded yet: wait for it to load, then press Start.")
            return False
        if self._model is None:
            self.reset()
        from visualizer.core.training import Trainer, TrainingControl

        control = TrainingControl()
        if paused:
            control.pause()
        data = self._data
        epochs_done = self._epochs_done
        seed = (int(self._train.seed), int(epochs_done))
        x_val = data.inputs_val if len(data.inputs_val) else None
        y_val = data.y_val if len(data.y_val) else None
        try:
            # run() trains train.epochs epochs on top of epochs_done (a resumed model continues).
            # Built here even when a training process runs it: a bad setting fails at once.
            trainer = Trainer(self._model, self._train, data.inputs_train, data.y_train, x_val, y_val,
                              rng=np.random.default_rng(list(seed)),
                              control=control, optimizer_state=self._optimizer_state,
                              epochs_done=epochs_done, step=self._step, history=self._history)
        except VisualizerError as exc:
            self.failed.emit(str(exc))
            return False
        process = None
        if self.use_process:
            try:
                process = remote.acquire()
            except remote.TrainProcessError as exc:
                log.warning("%s; training in a thread instead", exc)
        if process is not None:
            spec = remote.RunSpec(network=self._network, train=self._train, params=self._model.params.copy(),
                                  optimizer_state=self._optimizer_state, epochs_done=epochs_done,
                                  step=self._step, history=tuple(self._history), seed=seed,
                                  data_token=self._data_token, probe=self.probe(), paused=paused,
                                  batch_interval=BATCH_INTERVAL_S, snapshot_interval=SNAPSHOT_INTERVAL_S)
            control = _ProcessControl(process, self._train, paused)
            worker = _TrainWorker(trainer, self.probe, process=process, spec=spec, control=control,
                                  data=(data.inputs_train, data.y_train, x_val, y_val))
        else:
            worker = _TrainWorker(trainer, self.probe)
        self._control = control
        self._process = process
        self._clean_step = self._step     # trained batches beyond this one are in no file
        self._run_start = (self._step, self._epochs_done, self._history)
        self._last_finished = None
        thread = QThread()
        thread.setObjectName("visualizer-training")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.batches.connect(self.batches)          # signal to signal: no Python hop on the way
        worker.epoch_ended.connect(self._on_epoch)
        worker.snapshot.connect(self._on_worker_snapshot)
        worker.settings_changed.connect(self._on_settings_changed)
        worker.paused.connect(self._on_paused)
        worker.diverged.connect(self._on_diverged)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self._thread, self._worker = thread, worker
        thread.start()            # first: training begins while the window shows the new state
        self._set_state("paused" if paused else "running")   # (the worker's signals queue behind it)
        return True

    def pause(self) -> None:
        if self._control is not None and self._state == "running":
            self._control.pause()

    def resume(self) -> None:
        if self._control is not None and self._state == "paused":
            self._control.resume()
            self._set_state("running")

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
        if self._control is None:
            if self._launch(paused=True):
                self._control.step_once()
        elif self._state == "paused":
            self._control.step_once()

    def stop(self) -> None:
        """Ask the run to stop after the current batch (asynchronous; ``finished`` follows)."""
        if self._control is not None:
            self._control.stop()

    def wait(self, timeout_s: float = 2.0) -> bool:
        """Block until the worker thread ended; True when it did within ``timeout_s``."""
        thread = self._thread
        if thread is None:
            return True
        ok = bool(thread.wait(max(0, int(timeout_s * 1000))))
        return ok

    def shutdown(self, timeout_s: float = 2.0) -> bool:
        """Stop training and background loading; wait for the threads (the window is closing)."""
        self._closing = True
        deadline = time.monotonic() + timeout_s
        self.stop()
        for task in list(self._tasks):
            task.cancel()
        ok = self.wait(max(0.0, deadline - time.monotonic()))
        if not ok and self._process is not None:      # a stuck training process: end it
            self._process.kill()
            ok = self.wait(0.5)
        for task in list(self._tasks):
            ok = task.wait(max(0.05, deadline - time.monotonic())) and ok
        return ok

    # ------------------------------------------------------------------ worker results (GUI thread)
    def _on_epoch(self, ev: EpochEvent) -> None:
        self._history = self._history + (ev.history_row(),)
        self._epochs_done = int(ev.epochs_done)       # live; the trainer's totals are taken at the end
        self.epoch_ended.emit(ev)

    def _on_worker_snapshot(self, snap) -> None:
        self._emit_snapshot(snap)

    def _on_settings_changed(self, ev: SettingsChangedEvent) -> None:
        self.settings_changed.emit(ev)

    def _on_paused(self, ev: PausedEvent) -> None:
        if self._control is not None and self._control.paused and not self._control.stop_requested:
            self._set_state("paused")

    def _on_diverged(self, ev: DivergedEvent) -> None:
        self._set_state("diverged")
        self.diverged.emit(ev)

    def _on_failed(self, message: str) -> None:
        self._set_state("failed")
        self.failed.emit(message)

    def _on_finished(self, ev: FinishedEvent | None) -> None:
        worker, thread, process = self._worker, self._thread, self._process
        if thread is not None:
            thread.wait()
        final = worker.final if worker is not None else None
        if final is not None:
            if final.step != self._clean_step:
                self._dirty = True
            if self._model is not None and final.params.shape == self._model.params.shape:
                np.copyto(self._model.params, final.params)   # what the training process trained
            self._epochs_done = final.epochs_done
            self._step = final.step
            self._history = tuple(final.history) if ev is None else tuple(ev.history)
            self._optimizer_state = final.optimizer_state
        elif worker is not None:
            self._recover_from_snapshot()
        self._control = None
        self._thread = None
        self._process = None
        if process is not None:
            remote.release(process)       # kept for the next run (a dead one is closed)
        if worker is not None:
            worker.deleteLater()
            self._worker = None
        if thread is not None:
            thread.deleteLater()
        self._last_finished = ev
        if ev is None:
            if self._state != "failed":
                self._set_state("failed")
        elif ev.reason == "diverged" or self._state == "diverged":
            self._set_state("diverged")
        else:
            self._set_state("finished")
        self.finished.emit(ev)

    def _recover_from_snapshot(self) -> None:
        """The training process died mid-run: keep the latest snapshot's weights and counters
        (the optimizer state is lost; Adam's moments start again), or, when no snapshot came
        since the start, the counters the run started from (the weights never changed here)."""
        start_step, start_epochs, start_history = self._run_start
        snap = self._latest
        try:
            if snap is None or self._model is None or snap.step <= start_step:
                raise ValueError("no newer weights")
            self._model.set_parameters(snap.weights, snap.biases)
        except ValueError:
            self._step, self._epochs_done, self._history = start_step, start_epochs, start_history
            return
        self._step = int(snap.step)
        self._epochs_done = int(snap.epochs_done)
        self._history = self._history[:self._epochs_done]
        self._optimizer_state = None
        self._dirty = True

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)
