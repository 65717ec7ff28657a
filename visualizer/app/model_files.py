"""Model files as the session opens them, and the checkpoint a live snapshot stands for.

``read_model`` opens a ``.npz`` written by ``persistence.save_checkpoint`` for
the app: the network must map 28x28 images to the app's classes, and the first
snapshot is taken before anything changes, so a model too large for memory is
refused with a message instead of half-replacing the one on screen.
``snapshot_checkpoint`` turns the weights shown during a run into a
``Checkpoint`` (without optimizer state) for saving mid-run or keeping after
the trainer died.
"""

from __future__ import annotations

import numpy as np

from visualizer.core.checkpoint import Checkpoint
from visualizer.core.config import NetworkConfig
from visualizer.core.errors import ModelFileError

from .i18n import tr


def read_model(path, network: NetworkConfig, probe: np.ndarray | None):
    """(Checkpoint, NetworkSnapshot with ``probe``'s trace) of the file at ``path``.

    Raises ModelFileError for a bad file or one whose inputs/classes differ from ``network``'s.
    """
    from visualizer.core.persistence import load_checkpoint
    from visualizer.core.snapshot import take_snapshot

    try:
        saved = load_checkpoint(path)
        model = saved.model()
        sizes = model.sizes
        if sizes[0] != network.n_inputs or sizes[-1] != network.n_classes:   # e.g. a model for other data
            raise ModelFileError(tr("{path}: the model maps {inputs} inputs to {classes} classes; the app needs "
                                    "{need_inputs} inputs (28x28 images) and {need_classes} classes").format(
                path=path, inputs=sizes[0], classes=sizes[-1], need_inputs=network.n_inputs,
                need_classes=network.n_classes))
        snap = take_snapshot(model, step=int(saved.step), progress=float(saved.epochs_done),
                             epochs_done=int(saved.epochs_done), probe=probe)
    except MemoryError:
        raise ModelFileError(tr("{path}: the model is too large to open (its weights do not fit in the "
                                "memory available)").format(path=path)) from None
    return saved, snap


def snapshot_model(snap, network: NetworkConfig):
    """A new ``MLP`` holding a ``NetworkSnapshot``'s weights (ValueError when they do not fit)."""
    from visualizer.core.network import MLP

    model = MLP(network, initialise=False)
    model.set_parameters(list(snap.weights), list(snap.biases))
    return model


def snapshot_checkpoint(snap, base: Checkpoint, history: tuple[dict, ...]) -> Checkpoint:
    """``base`` (network, settings, split) with ``snap``'s weights and counters, ``history``
    and no optimizer state."""
    model = snapshot_model(snap, base.network)
    return Checkpoint.of(model, base.train, base.split, step=snap.step, epochs_done=snap.epochs_done,
                         history=history)
