"""Fixtures of the reliability suite; the helpers live in ``rel_helpers``."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rel_helpers import tiny_digits  # noqa: E402


@pytest.fixture(scope="session")
def digits():
    return tiny_digits()


@pytest.fixture(scope="session")
def tiny_inputs(digits):
    """(x_train (300, 784) float32, y_train (300,), x_val (60, 784), y_val (60,))."""
    from visualizer.core.dataset import as_inputs

    x_tr, y_tr, x_te, y_te = digits
    return as_inputs(x_tr), y_tr.astype(np.int64), as_inputs(x_te), y_te.astype(np.int64)
