"""Fixtures shared by the core tests: the embedded sample prepared, and a network trained on it."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core.checkpoint import Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import load_dataset
from visualizer.core.network import MLP
from visualizer.core.runsetup import prepare
from visualizer.core.training import Trainer


@pytest.fixture(scope="session")
def sample_run():
    """The embedded sample, split as the app and the command line split it (``runsetup.RunData``)."""
    return prepare(load_dataset("sample"), Split("sample", 0.1))


@pytest.fixture(scope="session")
def sample_model(sample_run):
    """784-128-64-10 after 8 epochs with augmentation on the embedded sample (a few seconds, once)."""
    model = MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(0))
    cfg = TrainConfig(epochs=8, lr=2e-3, schedule="cosine", augment=True, val_fraction=0.1)
    for _ in Trainer(model, cfg, sample_run.inputs_train, sample_run.y_train, rng=np.random.default_rng(0)).run():
        pass
    return model
