"""Test-wide setup: headless Qt, isolated settings and data cache.

Set before anything imports Qt: the offscreen platform (no display on CI) and
fresh XDG folders so QSettings and the dataset cache never touch the user's.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TMP = Path(tempfile.mkdtemp(prefix="visualizer-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_TMP / "config")
os.environ["XDG_CACHE_HOME"] = str(_TMP / "cache")
os.environ["XDG_DATA_HOME"] = str(_TMP / "share")     # the app's recovery file (visualizer/app/recovery.py)
os.environ["VISUALIZER_DATA_DIR"] = str(_TMP / "data")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
MNIST_TEST_DIR = SHARED_DATA / "mnist-test"


@pytest.fixture
def mnist_test_dir() -> Path:
    """The real MNIST test set beside the repo; the test is skipped where it is absent."""
    if not (MNIST_TEST_DIR / "t10k-images-idx3-ubyte.gz").exists():
        pytest.skip("../shared/data/mnist-test is not present")
    return MNIST_TEST_DIR


@pytest.fixture
def python_exe() -> str:
    return sys.executable
