"""The model-file half of ``TrainingSession``: opening a model, saving it, and the recovery copy.

``SessionFiles`` is a mixin of ``app.session.TrainingSession`` (which owns the
state it uses: ``_ckpt``, ``_latest``, ``_run``, ``_data``, ``_dirty``...). A
model is read with ``model_files.read_model`` (nothing changes for a bad file)
and written with ``core.persistence.save_checkpoint`` (atomically), with the
kept moments of the timeline. During a run, what is saved is the model as it
stands: the run's end when the relay has ended, else the latest snapshot's
weights (without optimizer state) with every epoch seen live.
"""

from __future__ import annotations

import logging

from visualizer.core.checkpoint import Checkpoint
from visualizer.core.errors import ConfigError

from .model_files import read_model, snapshot_checkpoint

log = logging.getLogger(__name__)


class SessionFiles:
    """Opening and saving the session's model (see the module doc)."""

    def load_model(self, path) -> Checkpoint:
        """Replace the model by the one saved at ``path``; returns the file's ``Checkpoint``.

        Raises ModelFileError (nothing changes) for a bad file, ConfigError while a run is active.
        When the loaded dataset is the model's, prepared with another split, it is prepared
        again with the model's (off the GUI thread), so the model validates on its own images.
        """
        if self.is_active:
            raise ConfigError("cannot open a model while training; stop first")
        saved, snap = read_model(path, self._ckpt.network, self._probe)
        self._install_model(saved, snap)
        self._wanted_split = saved.split
        if self._data is not None and self._resplit(self._data, self._data_spec):
            return saved
        try:
            self.evaluate()
        except MemoryError:
            log.warning("not enough memory to evaluate %s", path)
        return saved

    def save_model(self, path) -> None:
        """Save the model's checkpoint to ``path`` (atomic). While a run is active, the weights of
        the latest snapshot are saved (without optimizer state). The model counts as saved
        afterwards (``dirty`` is False until it trains again)."""
        self._clean_step = self._write_model(path)
        self._dirty = False

    def save_copy(self, path) -> None:
        """Write the model like ``save_model`` without marking it saved (the recovery file)."""
        self._write_model(path)

    def _write_model(self, path) -> int:
        from visualizer.core.persistence import save_checkpoint

        ckpt = self._checkpoint_now()
        save_checkpoint(path, ckpt.replace(timeline=self.timeline.earlier(ckpt.step) or ckpt.timeline))
        return int(ckpt.step)

    def _checkpoint_now(self) -> Checkpoint:
        """The model as it stands: the session's checkpoint when idle; during a run, its end when
        the relay has ended (e.g. the window is closing), else the latest snapshot's weights."""
        run = self._run
        if run is None:
            return self._ckpt
        ended = run.ended_result
        if ended is not None and self._fits(ended.checkpoint):
            return ended.checkpoint.replace(train=self._ckpt.train)
        if self._latest is None:
            return self._ckpt
        return snapshot_checkpoint(self._latest, self._ckpt, run.history)   # every epoch seen live
