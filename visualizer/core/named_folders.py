"""Dataset names that stand for a folder the program keeps for the learner.

    folder_of(text, path) -> Path     the folder the dataset name ``text`` means

``my-digits`` is the learner's own handwriting, collected in the app's "My
digits" panel and kept as MNIST IDX files in the user data folder
(``core.userdigits``: ``~/.local/share/visualizer/my-digits`` on Linux). A file
or folder that really exists under the name typed wins, so ``visualizer train
my-digits`` beside a folder of class folders called ``my-digits`` still reads
that folder. Pure standard library (``core.dataset`` imports it).
"""

from __future__ import annotations

from pathlib import Path

from . import paths
from .errors import DataError

MY_DIGITS = "my-digits"
TRAIN_LABELS = "train-labels-idx1-ubyte"
TEST_LABELS = "t10k-labels-idx1-ubyte"


def my_digits_folder() -> Path:
    """Where the learner's digits are kept (not created)."""
    return paths.user_data_root() / MY_DIGITS


def folder_of(text: str, path: Path) -> Path:
    """``path`` when it exists or ``text`` names no kept folder; else the kept folder, checked.

    DataError (saying what to do) when the learner's digits cannot be a dataset yet.
    """
    if text.strip().lower() != MY_DIGITS or path.exists():
        return path
    folder = my_digits_folder()
    if not (folder / TRAIN_LABELS).is_file():
        raise DataError(f"{MY_DIGITS}: no digits collected yet in {folder}; draw digits in the app "
                        f"and label them in its My digits panel")
    if not (folder / TEST_LABELS).is_file():
        raise DataError(f"{MY_DIGITS}: every digit in {folder} was drawn only once; draw one a second "
                        f"time (one drawing in five is kept aside to test on)")
    return folder
