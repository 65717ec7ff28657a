"""From a loaded dataset to what training reads: the split and the network inputs.

``prepare(dataset, split)`` holds out a stratified validation set chosen by
``split.seed`` alone and converts both parts to network inputs once. Every
consumer (``visualizer train``, ``visualizer evaluate --split validation``, the
app's session, the benchmarks) prepares its data here, so a model validates on
the very same images wherever it was trained or opened: the split depends only
on the dataset, the fraction and the seed, all three recorded in the model file
(``Checkpoint.split``).
"""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np

from .checkpoint import Split
from .dataset import Dataset, as_inputs, split_validation

BUILTIN = ("sample", "mnist", "fashion")


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class RunData:
    """A loaded dataset and the split training uses (all arrays read-only).

    dataset       the ``Dataset`` as loaded (x_test / y_test: its held-out test set)
    split         how ``x_train`` and ``x_val`` were chosen from ``dataset.x_train``
    x_train       (N_tr, 28, 28) uint8: what is trained on;   y_train (N_tr,) uint8
    x_val         (N_val, 28, 28) uint8: what is validated on (``EpochEvent.val_predictions``
                  refer to these, in this order);             y_val (N_val,) uint8
    inputs_train  (N_tr, 784) float32 in [0, 1]: x_train as network input
    inputs_val    (N_val, 784) float32 in [0, 1]
    """

    dataset: Dataset
    split: Split
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    inputs_train: np.ndarray
    inputs_val: np.ndarray

    @property
    def name(self) -> str:
        return self.dataset.name

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(self.dataset.class_names)

    @property
    def validation(self) -> tuple[np.ndarray | None, np.ndarray | None]:
        """(inputs_val, y_val) for ``Trainer``, or (None, None) when nothing is held out."""
        return (self.inputs_val, self.y_val) if len(self.y_val) else (None, None)

    def __repr__(self) -> str:
        return (f"RunData({self.dataset.name!r}, train={len(self.y_train)}, val={len(self.y_val)}, "
                f"test={len(self.dataset.y_test)}, split seed {self.split.seed})")


def dataset_label(dataset: Dataset, spec: str = "") -> str:
    """What a model records as its dataset: a built-in name, or the absolute path of a folder/file."""
    from .errors import VisualizerError
    from .paths import user_path

    name = dataset.name or spec
    if name in BUILTIN:
        return name
    try:
        path = user_path(name)
        return str(path.resolve()) if path.exists() else name
    except (VisualizerError, OSError):         # e.g. ~nosuchuser: keep the name as given
        return name


def prepare(dataset: Dataset, split: Split) -> RunData:
    """Split ``dataset``'s training set as ``split`` says and convert both parts to inputs."""
    x, y = dataset.x_train, dataset.y_train
    if split.val_fraction > 0:
        # uint8 images are split first, then each part converted once (4x less to copy)
        x_tr, y_tr, x_val, y_val = split_validation(x, y, split.val_fraction,
                                                    np.random.default_rng(split.seed))
    else:
        x_tr, y_tr, x_val, y_val = x, y, x[:0], y[:0]
    x_tr, y_tr, x_val, y_val = (_readonly(a) for a in (x_tr, y_tr, x_val, y_val))
    return RunData(dataset=dataset, split=split, x_train=x_tr, y_train=y_tr, x_val=x_val, y_val=y_val,
                   inputs_train=_readonly(as_inputs(x_tr)),     # (N, 28, 28) uint8 -> (N, 784) float32
                   inputs_val=_readonly(as_inputs(x_val)))


def split_for(dataset: Dataset, spec: str, val_fraction: float, seed: int | None = None) -> Split:
    """The ``Split`` of ``dataset`` (loaded from ``spec``) with the default seed unless given."""
    from .checkpoint import SPLIT_SEED

    return Split(dataset_label(dataset, spec), float(val_fraction), SPLIT_SEED if seed is None else int(seed),
                 tuple(dataset.class_names))
