"""The training session: the one object (Qt, no widgets) that owns training.

``TrainingSession`` holds the model as one ``Checkpoint`` (architecture,
settings, weights, optimizer state, counters, history, validation split) plus
the latest ``NetworkSnapshot`` shown, and the loaded dataset (``RunData``). It
trains off the GUI thread: a run is sent as a checkpoint to a trainer
(``core.remote``: a child process, so the window's drawing, which is Python and
holds this process's GIL, takes nothing from training; where no process can
start, or with ``VISUALIZER_TRAIN_IN_THREAD=1``, a thread running the same
loop), and a relay thread (``app.relay``) hands back what the trainer says:
the core's own objects, dispatched in one place (``_on_message``, with the rest
of run control in ``app.session_runs``). The run's end comes back as a
checkpoint, which becomes the session's. Opening and saving the model is in
``app.session_files``.

Everything the window and the views learn arrives through the signals below,
always on the GUI thread, always immutable (frozen events and snapshots,
read-only arrays); the GUI reaches a run only through its ``control`` (pause,
step, stop, live settings) and ``set_probe``, which the trainer applies
between two batches. During a run, ``latest_snapshot`` holds the live weights
(``model_copy`` and ``save_model`` use them); a trainer that dies leaves the
model at the latest snapshot.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging

import numpy as np
from PySide6.QtCore import QObject, Signal

from visualizer.core import remote
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import ConfigError
from visualizer.core.events import FinishedEvent
from visualizer.core.protocol import LoadData
from visualizer.core.snapshot import NetworkSnapshot, take_snapshot
from visualizer.core.control import LIVE_SETTINGS

from .model_files import snapshot_model
from .relay import Run
from .session_runs import SessionRuns
from .session_files import SessionFiles
from .session_data import DataBundle, DataLoader, Evaluation, build_bundle, evaluate_model
from .session_timeline import SessionTimeline
from .tasks import TaskGroup

__all__ = ["TrainingSession", "DataBundle", "Evaluation", "build_bundle", "evaluate_model", "LIVE_SETTINGS"]

log = logging.getLogger(__name__)

_DATA_TOKENS = itertools.count(1)   # names a loaded RunData to the (shared) trainers


class TrainingSession(QObject, SessionRuns, SessionFiles):
    """See the module docstring."""

    #: tuple[BatchEvent, ...]: the batches trained since the previous emission (<= ~20/s)
    batches = Signal(object)
    #: EpochEvent: an epoch ended and was evaluated (its validation predictions included)
    epoch_ended = Signal(object)
    #: NetworkSnapshot: the weights (and the probe's trace): <= ~4/s while training, and once
    #: whenever the model is created, reset or loaded, after a single step, on pause, at the end
    snapshot = Signal(object)
    #: StepDetailEvent: a single step taken while paused, and the batch it trained on (its
    #: ``indices`` into ``data.inputs_train``, per-example losses, per-layer norms)
    step_detail = Signal(object)
    #: SettingsChangedEvent: live settings took effect between two batches
    settings_changed = Signal(object)
    #: str: "idle" | "running" | "paused" | "finished" | "diverged" | "failed"
    state_changed = Signal(str)
    #: DivergedEvent: the run diverged; the weights went back to its ``restored_step``
    diverged = Signal(object)
    #: str: why a run failed or could not start, in one readable sentence
    failed = Signal(str)
    #: FinishedEvent | None: always at the end of a run (None after a failure)
    finished = Signal(object)
    #: RunData: a dataset was (re)loaded or re-prepared with another split
    data_changed = Signal(object)
    #: tuple[dict, ...]: the curves restart from this per-epoch history (() on reset)
    history_changed = Signal(object)
    #: Evaluation: validation results of a model loaded or reset without training
    evaluated = Signal(object)
    #: str: a dataset spec started loading
    data_loading = Signal(str)
    #: tuple[int, int | None]: download progress in bytes (total may be None)
    data_progress = Signal(object)
    #: str: loading failed (the session falls back to "sample" when nothing is loaded)
    data_failed = Signal(str)
    #: tuple[NetworkConfig, TrainConfig]: the model was replaced (reset or loaded)
    model_changed = Signal(object)
    #: tuple[NetworkConfig, TrainConfig]: after any change of either
    configs_changed = Signal(object)

    def __init__(self, network: NetworkConfig | None = None, train: TrainConfig | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        train = (train or TrainConfig()).validate()
        self._ckpt = Checkpoint.fresh((network or NetworkConfig()).validate(), train,
                                      Split("", train.val_fraction))
        self._latest: NetworkSnapshot | None = None     # None until the model was first shown
        self._state = "idle"
        self._data: DataBundle | None = None
        self._data_spec = ""       # what the loaded data was loaded as ("sample", a folder...)
        self._data_token = 0       # identifies the loaded RunData to the trainers
        self._probe: np.ndarray | None = None
        self._run: Run | None = None
        self._wanted_split: Split | None = None   # the split of a model opened from a file
        # train in a child process (the window's drawing then costs training nothing), or
        # in a thread of this process (VISUALIZER_TRAIN_IN_THREAD=1, or when no process starts)
        self.use_process = not remote.in_thread_requested()
        self._last_finished: FinishedEvent | None = None
        self._tasks = TaskGroup()
        self._loader = DataLoader(self._tasks, lambda: self._data)
        self._loader.loading.connect(self.data_loading)
        self._loader.progress.connect(self.data_progress)
        self._loader.failed.connect(self.data_failed)
        self._loader.loaded.connect(self._on_loaded)
        self._dirty = False        # trained since the model was last saved, loaded or reset
        self._clean_step = 0       # during a run: the step count that is in a file
        self._speed: float | None = None       # batches per second of the runs (None: full speed)
        self.timeline = SessionTimeline(parent=self)   # the model's kept moments (scrubbing, files)

    # ------------------------------------------------------------------ properties
    state = property(lambda self: self._state, doc="The run state (see ``state_changed``).")
    data = property(lambda self: self._data, doc="The loaded RunData (None before the first).")
    latest_snapshot = property(lambda self: self._latest, doc="The NetworkSnapshot shown last.")
    checkpoint = property(lambda self: self._ckpt, doc="The model: where the last run left it.")
    network_config = property(lambda self: self._ckpt.network)
    train_config = property(lambda self: self._ckpt.train)
    step_count = property(lambda self: self._ckpt.step)
    last_finished = property(lambda self: self._last_finished)
    loading = property(lambda self: self._loader.busy, doc="True while a dataset loads.")
    is_active = property(lambda self: self._run is not None, doc="A run is in progress (running or paused).")
    control = property(lambda self: self._run.control if self._run else None,
                       doc="The active run's ``RunControl`` (None when no run is active).")

    @property
    def epochs_done(self) -> int:
        return self._run.epochs_done if self._run else self._ckpt.epochs_done

    @property
    def history(self) -> tuple[dict, ...]:
        return self._run.history if self._run else self._ckpt.history

    @property
    def live_step(self) -> int:
        """The global step of the latest batch the active run reported (``step_count`` when idle)."""
        return self._run.last_step if self._run else self._ckpt.step

    @property
    def dirty(self) -> bool:
        """True when the model holds training that is in no file: set by any trained batch,
        cleared by ``save_model``, ``load_model`` and ``reset`` (the window keeps such a model
        in the recovery file when it closes)."""
        return self._dirty or (self._run is not None and self._run.last_step != self._clean_step)

    def mark_dirty(self) -> None:
        """Treat the model as unsaved (e.g. it was opened from the recovery file, which then goes)."""
        self._dirty = True

    def model_copy(self):
        """A private ``MLP`` copy of the model (the last snapshot's weights while a run is active)."""
        if self._run is None:
            return self._ckpt.model()
        return snapshot_model(self._latest, self._ckpt.network) if self._latest is not None else None

    # ------------------------------------------------------------------ probe
    def set_probe(self, x: np.ndarray | None) -> None:
        """Set the input (784,) float32 whose trace the run's snapshots carry (None: no probe).

        While idle it is only kept (the views trace it through ``latest_snapshot`` themselves)."""
        if x is not None:
            x = np.array(x, dtype=np.float32).reshape(-1)
            if x.shape != (self._ckpt.network.n_inputs,):
                raise ValueError(f"probe must have {self._ckpt.network.n_inputs} values, got {x.size}")
            x.flags.writeable = False
        self._probe = x
        if self._run is not None:
            self._run.control.set_probe(x)

    def probe(self) -> np.ndarray | None:
        """The current probe input."""
        return self._probe

    # ------------------------------------------------------------------ configuration
    def set_network_config(self, network: NetworkConfig) -> None:
        """Change the architecture: builds a fresh network (only when no run is active)."""
        network = network.validate()
        if self.is_active:
            raise ConfigError("the architecture cannot change while training; stop first")
        if network != self._ckpt.network or self._latest is None:
            self._ckpt = self._ckpt.replace(network=network)
            self.reset()

    def set_train_config(self, train: TrainConfig) -> None:
        """Change the training settings. While a run is active only live settings may change."""
        train = train.validate()
        old = self._ckpt.train
        if self.is_active:
            fixed = [f.name for f in dataclasses.fields(TrainConfig)
                     if f.name not in LIVE_SETTINGS and getattr(old, f.name) != getattr(train, f.name)]
            if fixed:
                raise ConfigError(f"{', '.join(fixed)} cannot change while training; stop first")
            changes = {k: getattr(train, k) for k in LIVE_SETTINGS if getattr(old, k) != getattr(train, k)}
            if changes:
                self.change(**changes)
        elif train != old:
            self._set_train(train)

    def change(self, **settings: float) -> None:
        """Change live settings (lr, momentum, weight_decay, dropout), mid-run or not.

        Mid-run they apply between two batches and come back as ``settings_changed``.
        Raises ConfigError (naming the setting) for an invalid value.
        """
        unknown = sorted(set(settings) - set(LIVE_SETTINGS))
        if unknown:
            raise ConfigError(f"{', '.join(unknown)} cannot change while training")
        new = dataclasses.replace(self._ckpt.train, **settings).validate()
        if self._run is not None:
            self._run.control.change(**settings)
        if new != self._ckpt.train:
            self._set_train(new)

    def _set_train(self, train: TrainConfig) -> None:
        self._ckpt = self._ckpt.replace(train=train)
        self.configs_changed.emit((self._ckpt.network, train))

    # ------------------------------------------------------------------ model
    def reset(self) -> None:
        """New random weights for the current architecture (seeded by the training seed)."""
        if self.is_active:
            raise ConfigError("cannot reset while training; stop first")
        self._install_model(Checkpoint.fresh(self._ckpt.network, self._ckpt.train, self._split()))
        self._wanted_split = None

    def apply_checkpoint(self, ckpt: Checkpoint, reason: str = "change the model") -> None:
        """Make ``ckpt`` (a state of this network, e.g. after one step on an example, or the
        checkpoint from before it) the model, kept as given. Emits what a run's end brings the
        views: a ``snapshot`` of its weights, then ``evaluated``. Refused with ConfigError
        (naming ``reason``) while a run is active or for another architecture."""
        if self.is_active:
            raise ConfigError(f"cannot {reason} while a run is in progress; stop it first")
        if not self._fits(ckpt):
            raise ConfigError(f"cannot {reason}: that checkpoint is of another network")
        self._ckpt = ckpt
        self._dirty = True
        self._snapshot_now()
        self.evaluate()

    def _install_model(self, ckpt: Checkpoint, snap: NetworkSnapshot | None = None) -> None:
        self._ckpt = ckpt
        self.timeline.restart(ckpt)
        self._last_finished = None
        self._dirty = False
        self._set_state("idle")
        self.history_changed.emit(ckpt.history)
        self.model_changed.emit((ckpt.network, ckpt.train))
        self.configs_changed.emit((ckpt.network, ckpt.train))
        if snap is None:
            self._snapshot_now()
        else:
            self._emit_snapshot(snap)

    def _fits(self, ckpt: Checkpoint | None) -> bool:
        """Is ``ckpt`` a state of the session's network (not, e.g., parameters a trainer refused)?"""
        return ckpt is not None and ckpt.network == self._ckpt.network and ckpt.n_params == self._ckpt.n_params

    def _split(self) -> Split:
        return self._data.split if self._data is not None else Split("", self._ckpt.train.val_fraction)

    def _snapshot_now(self) -> None:
        c = self._ckpt
        self._emit_snapshot(take_snapshot(c.model(), step=c.step, progress=float(c.epochs_done),
                                          epochs_done=c.epochs_done, probe=self._probe))

    def _emit_snapshot(self, snap: NetworkSnapshot) -> None:
        self._latest = snap
        self.snapshot.emit(snap)

    def evaluate(self) -> None:
        """Evaluate the model on the validation split off the GUI thread -> ``evaluated``."""
        data, ckpt = self._data, self._ckpt
        if data is None or self.is_active or len(data.inputs_val) == 0:
            return

        def work(progress, cancelled):
            return evaluate_model(ckpt.model(), data.inputs_val, data.y_val, epochs_done=ckpt.epochs_done,
                                  step=ckpt.step)

        def ok(result: Evaluation) -> None:
            if self._data is data:
                self.evaluated.emit(result)

        self._tasks.start(work, ok, lambda exc: log.warning("evaluation failed: %s", exc))

    # ------------------------------------------------------------------ data
    def load_data(self, spec: str = "sample", *, fallback: bool = True) -> None:
        """Load a dataset ("sample", "mnist", "fashion" or a folder) off the GUI thread.

        Emits data_loading, data_progress while downloading, then data_changed; on
        failure (or cancel) data_failed with the message and, when ``fallback`` and
        no dataset is loaded yet or the spec was not "sample", loads "sample".
        """
        if self.is_active:
            raise ConfigError("cannot change the dataset while training; stop first")
        self._loader.load(spec, self._ckpt.train.val_fraction, fallback=fallback)

    def cancel_loading(self) -> None:
        self._loader.cancel()

    def set_data(self, bundle: DataBundle) -> None:
        """Use an already built ``DataBundle`` (e.g. a subset); emits ``data_changed``."""
        if self.is_active:
            raise ConfigError("cannot change the dataset while training; stop first")
        self._loader.forget()
        self._install_data(bundle.dataset.name, bundle)

    def _on_loaded(self, loaded: tuple) -> None:
        spec, bundle = loaded
        if self.is_active:                       # e.g. a re-split that finished after Start
            return
        if not self._resplit(bundle, spec):
            self._install_data(spec, bundle)

    def _resplit(self, bundle: DataBundle, spec: str) -> bool:
        """Prepare ``bundle``'s dataset with the opened model's split when that differs; True then."""
        want = self._wanted_split
        if want is None or want.dataset != bundle.split.dataset or want == bundle.split:
            return False
        self._loader.resplit(bundle, want, spec)
        return True

    def _install_data(self, spec: str, bundle: DataBundle) -> None:
        self._data, self._data_spec = bundle, spec
        self._data_token = next(_DATA_TOKENS)
        self._ckpt = self._ckpt.replace(split=bundle.split)
        if self.use_process and not self._loader.closing:
            # an interpreter warms up, with this data, while the person looks around
            remote.preload(LoadData.of(self._data_token, bundle))
        if self._probe is None and len(bundle.inputs_val):
            self.set_probe(bundle.inputs_val[0])
        self.data_changed.emit(bundle)
        if self._latest is None:
            self.reset()
        else:
            self._snapshot_now()
        if self._ckpt.epochs_done > 0 or self._wanted_split is not None:
            self.evaluate()

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)
