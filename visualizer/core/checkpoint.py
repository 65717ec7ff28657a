"""The state of a training run, as one immutable value: a ``Checkpoint``.

A checkpoint is everything needed to look at a network or to train it further,
and nothing that belongs to one screen: the architecture and the training
settings, the parameters, the optimizer's state, the counters (global step,
epochs done), the per-epoch history, and which images it was validated on
(``Split``: the dataset and the seed of its validation split, and the names of
the dataset's classes).

    ckpt = Checkpoint.fresh(NetworkConfig(), TrainConfig(), Split("sample", 0.1))
    trainer = Trainer.from_checkpoint(ckpt, run_data)      # run_data = runsetup.prepare(...)
    for event in trainer.run(): ...
    ckpt = trainer.checkpoint()                              # where the run left it
    persistence.save_checkpoint("digits.npz", ckpt)          # ... and back with load_checkpoint

The command line, the app's session and its training process, and the model
file all speak in checkpoints, so a model continues the same way wherever it
was trained, saved or opened. Arrays in a checkpoint are read-only; a checkpoint
crosses threads and processes as it is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from .config import NetworkConfig, TrainConfig
from .network import MLP

SPLIT_SEED = 0       # the seed of a validation split unless a model file records another


@dataclass(frozen=True)
class Split:
    """Which images train and which validate: a function of the first three values alone.

    dataset       the dataset's name ("sample", "mnist", "fashion") or the absolute path of
                  its folder or file ("" when unknown, e.g. a file from before this was kept)
    val_fraction  the stratified share of the training set held out for validation, 0..0.5
    seed          the seed of the split's ``numpy.random.Generator`` (``runsetup.prepare``)
    class_names   the dataset's class names, one per output (``Dataset.class_names``), so a
                  model names its classes when its dataset is gone; () when not recorded
    """

    dataset: str = "sample"
    val_fraction: float = 0.1
    seed: int = SPLIT_SEED
    class_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "class_names", tuple(str(n) for n in self.class_names))

    def to_dict(self) -> dict[str, Any]:
        """The three values that choose the images (class names are recorded beside them)."""
        return {"dataset": self.dataset, "val_fraction": self.val_fraction, "seed": self.seed}


def _frozen(a: np.ndarray) -> np.ndarray:
    """A read-only copy nobody else holds a writable reference to."""
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Checkpoint:
    """A network and where its training stands (see the module doc; arrays read-only).

    params           (n_params,) float32: ``MLP.params``'s flat layout, W0, b0, W1, b1, ...
                     with W_i (n_in, n_out) row-major and b_i (n_out,)
    optimizer_state  the optimizer's arrays (``Optimizer.state()``) or None (a fresh one)
    step             global step: batches trained since the weights were initialised
    epochs_done      whole epochs trained
    history          one ``EpochEvent.history_row()`` per epoch, oldest first
    timeline         earlier moments of this network (``timeline.Moment``), oldest first: what a
                     model file keeps of its run (a few dozen at most; the live run's own
                     timeline is held beside the checkpoint, not in it)
    """

    network: NetworkConfig
    train: TrainConfig
    params: np.ndarray
    split: Split
    optimizer_state: Mapping[str, np.ndarray] | None = None
    step: int = 0
    epochs_done: int = 0
    history: tuple[dict, ...] = ()
    timeline: tuple = ()

    def __post_init__(self) -> None:
        params = self.params
        if params.dtype != np.float32 or params.ndim != 1 or params.flags.writeable:
            object.__setattr__(self, "params", _frozen(np.asarray(params, np.float32).reshape(-1)))
        if self.optimizer_state is not None:
            state = {k: (v if isinstance(v, np.ndarray) and not v.flags.writeable else _frozen(v))
                     for k, v in self.optimizer_state.items()}
            object.__setattr__(self, "optimizer_state", state or None)
        object.__setattr__(self, "history", tuple(dict(h) for h in self.history))
        object.__setattr__(self, "timeline", tuple(self.timeline))

    # -- making one ------------------------------------------------------------------------
    @classmethod
    def fresh(cls, network: NetworkConfig, train: TrainConfig, split: Split,
              rng: np.random.Generator | None = None) -> "Checkpoint":
        """New random weights for ``network``, drawn from ``rng`` (default: ``default_rng(train.seed)``)."""
        model = MLP(network, rng=rng if rng is not None else np.random.default_rng(train.seed))
        return cls(network=network, train=train, params=model.params, split=split)

    @classmethod
    def of(cls, model: MLP, train: TrainConfig, split: Split, *, optimizer_state=None, step: int = 0,
           epochs_done: int = 0, history=()) -> "Checkpoint":
        """A checkpoint holding a copy of ``model``'s parameters."""
        return cls(network=model.config, train=train, params=model.params, split=split,
                   optimizer_state=optimizer_state, step=int(step), epochs_done=int(epochs_done),
                   history=tuple(history))

    def replace(self, **changes) -> "Checkpoint":
        """A copy with ``changes`` (dataclass fields) applied."""
        return dataclasses.replace(self, **changes)

    # -- using one -------------------------------------------------------------------------
    def model(self) -> MLP:
        """A new ``MLP`` with a writable copy of these parameters."""
        model = MLP(self.network, initialise=False)
        if self.params.shape != model.params.shape:
            raise ValueError(f"{self.params.size} parameters do not fit the network "
                             f"{'-'.join(map(str, self.network.sizes))} ({model.params.size})")
        np.copyto(model.params, self.params)
        return model

    def run_rng(self) -> np.random.Generator:
        """The generator of the next run's shuffling, dropout and augmentation: it depends on the
        training seed and the epochs already done, so a continued run draws new batches."""
        return np.random.default_rng([int(self.train.seed), int(self.epochs_done)])

    @property
    def dataset(self) -> str:
        """The dataset it was trained and validated on (``split.dataset``)."""
        return self.split.dataset

    @property
    def class_names(self) -> tuple[str, ...]:
        """One name per output: the recorded ones (``split.class_names``) when they fit, else
        Fashion-MNIST's for "fashion", else the class indices ("0", "1", ...)."""
        k = int(self.network.sizes[-1])
        names = self.split.class_names
        if len(names) != k and self.split.dataset == "fashion":
            from .dataset import FASHION_NAMES
            names = FASHION_NAMES
        return names if len(names) == k else tuple(str(i) for i in range(k))

    @property
    def n_params(self) -> int:
        return int(self.params.size)
