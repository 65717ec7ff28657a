"""Writing a model file from a bare ``MLP`` in tests: the one writer, ``save_checkpoint``."""

from __future__ import annotations

from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import TrainConfig
from visualizer.core.persistence import save_checkpoint


def save_model(path, model, *, train_config: TrainConfig | None = None, dataset: str = "",
               epochs_done: int = 0, step: int = 0, history=(), optimizer_state=None,
               val_fraction: float = 0.1) -> Checkpoint:
    """Save ``model`` with these counters as a checkpoint file at ``path``; returns the checkpoint."""
    train = train_config if train_config is not None else TrainConfig()
    ckpt = Checkpoint.of(model, train, Split(dataset, val_fraction), optimizer_state=optimizer_state,
                         step=step, epochs_done=epochs_done, history=history)
    save_checkpoint(path, ckpt)
    return ckpt
