"""Fixtures for the command-line tests (helpers live in cli_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import run_cli, write_idx


@pytest.fixture(scope="session")
def sample():
    from visualizer.core.dataset import load_dataset
    return load_dataset("sample")


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory) -> Path:
    """A small model trained by the CLI itself: 3 epochs, one hidden layer of 32."""
    out = tmp_path_factory.mktemp("model") / "digits.npz"
    proc = run_cli("train", "--hidden", "32", "--epochs", "3", "--seed", "1", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file()
    return out


@pytest.fixture(scope="session")
def idx_folder(tmp_path_factory, sample) -> Path:
    """A valid dataset folder: the sample written as four IDX files (two gzipped)."""
    import gzip

    folder = tmp_path_factory.mktemp("idx")
    write_idx(folder / "train-images-idx3-ubyte", sample.x_train[:600])
    write_idx(folder / "train-labels-idx1-ubyte", sample.y_train[:600])
    for name, arr in (("t10k-images-idx3-ubyte", sample.x_test), ("t10k-labels-idx1-ubyte", sample.y_test)):
        write_idx(folder / name, arr)
        (folder / (name + ".gz")).write_bytes(gzip.compress((folder / name).read_bytes()))
        (folder / name).unlink()
    return folder
