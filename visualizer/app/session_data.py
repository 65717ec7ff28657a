"""The session's data: datasets loaded and prepared off the GUI thread, and evaluations.

``DataLoader`` loads one dataset at a time (``core.dataset.load_dataset``, with
download progress and cancel) and prepares it with its validation split
(``core.runsetup.prepare``) in a ``BackgroundTask``; a failed load says why and
falls back to the embedded sample when nothing else is loaded. It also
re-prepares a loaded dataset with another ``Split`` (a model opened from a file
validates on the images it was validated on), off the GUI thread as well.
``Evaluation`` is a model's validation results outside training.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal

from visualizer.core.checkpoint import Split
from visualizer.core.errors import DownloadCancelled, VisualizerError
from visualizer.core.evaluation import evaluate
from visualizer.core.runsetup import RunData, prepare, split_for

from .tasks import TaskGroup

log = logging.getLogger(__name__)

DataBundle = RunData     # the loaded dataset and its split, as every consumer prepares it


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
    """Split ``dataset``'s training set as every consumer does (``core.runsetup``)."""
    return prepare(dataset, split_for(dataset, dataset.name, val_fraction))


def evaluate_model(model, inputs: np.ndarray, labels: np.ndarray, *, epochs_done: int = 0,
                   step: int = 0) -> Evaluation:
    """Predictions, confidence, mean cross-entropy and accuracy of ``model`` on (N, 784) inputs."""
    ev = evaluate(model, inputs, labels)
    return Evaluation(epochs_done=epochs_done, step=step, val_loss=ev.loss, val_accuracy=ev.accuracy,
                      val_predictions=ev.predictions, val_confidence=ev.confidence)


class DataLoader(QObject):
    """Loads and prepares datasets off the GUI thread (see the module doc)."""

    #: str: the spec ("sample", "mnist", "fashion" or a folder) that started loading
    loading = Signal(str)
    #: tuple[int, int | None]: (bytes done, bytes in total or None) while downloading
    progress = Signal(object)
    #: tuple[str, RunData]: the spec and the prepared data, ready to install
    loaded = Signal(object)
    #: str: why loading failed, in one sentence (and what is used instead)
    failed = Signal(str)

    def __init__(self, tasks: TaskGroup, current: Callable[[], RunData | None]) -> None:
        super().__init__()
        self._tasks = tasks
        self._current = current          # the data installed now (None before the first)
        self._task = None
        self._val_fraction = 0.1         # of the latest load (the fallback loads with it too)
        self.closing = False

    @property
    def busy(self) -> bool:
        return self._task is not None

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def forget(self) -> None:
        """Cancel the load under way and drop its result (data was installed directly)."""
        self.cancel()
        self._task = None

    def load(self, spec: str, val_fraction: float, *, fallback: bool = True) -> None:
        """Load ``spec`` -> ``loading``, ``progress``..., then ``loaded`` or ``failed``."""
        self.cancel()
        self._val_fraction = val_fraction

        def work(progress, cancelled):
            from visualizer.core.dataset import load_dataset

            ds = load_dataset(spec, progress=progress, cancel=cancelled)
            if cancelled():
                raise DownloadCancelled(f"loading {spec} was cancelled")
            return build_bundle(ds, val_fraction)

        self._start(spec, work, fallback, progress=self.progress.emit)
        self.loading.emit(spec)

    def resplit(self, data: RunData, split: Split, spec: str) -> None:
        """Prepare the loaded ``data``'s dataset again with ``split`` -> ``loaded``."""
        self.cancel()
        self._start(spec, lambda progress, cancelled: prepare(data.dataset, split), False)

    def _start(self, spec: str, work, fallback: bool, progress=None) -> None:
        task = self._tasks.start(work, lambda bundle: self._done(task, spec, bundle),
                                 lambda exc: self._error(task, spec, exc, fallback), progress=progress)
        self._task = task

    def _done(self, task, spec: str, bundle: RunData) -> None:
        if task is self._task:
            self._task = None
            self.loaded.emit((spec, bundle))

    def _error(self, task, spec: str, exc: BaseException, fallback: bool) -> None:
        if task is not self._task:
            return
        self._task = None
        if isinstance(exc, DownloadCancelled):
            msg = f"Loading {spec} was cancelled."
        elif isinstance(exc, VisualizerError):
            msg = str(exc)
        else:
            log.error("loading %s crashed: %s", spec, getattr(exc, "__traceback_text__", exc))
            msg = f"Could not load {spec}: {type(exc).__name__}: {exc}"
        current = self._current()
        if fallback and spec != "sample":
            if current is None:          # nothing to train on yet: the embedded sample
                self.failed.emit(msg + " Using the embedded sample instead.")
                if not self.closing:
                    self.load("sample", self._val_fraction, fallback=False)
                return
            # a bad choice never replaces what is loaded (a message, no state change)
            msg += " Still using the embedded sample." if current.name == "sample" else f" Still using {current.name}."
        self.failed.emit(msg)
