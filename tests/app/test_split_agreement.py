"""The app and the command line validate on the very same images of a dataset."""

from __future__ import annotations

import argparse

import numpy as np


def test_app_and_command_line_hold_out_identical_validation_images():
    from visualizer.app.session import build_bundle
    from visualizer.cli.train import _load_run_data, build_configs
    from visualizer.core.config import TrainConfig
    from visualizer.core.dataset import load_dataset

    app = build_bundle(load_dataset("sample"), TrainConfig().val_fraction)    # what the session loads
    args = argparse.Namespace(dataset="sample", resume=None, val_fraction=None, **{
        k: None for k in ("hidden", "activation", "init", "optimizer", "lr", "momentum", "schedule",
                          "step_epochs", "step_gamma", "batch_size", "epochs", "l2", "dropout",
                          "augment", "seed")})
    for seed in (0, 12345):                     # the training seed does not move the split
        args.seed = seed
        _, cfg = build_configs(args)
        _, cli = _load_run_data(args, None, cfg)
        assert cli.split == app.split
        np.testing.assert_array_equal(cli.x_val, app.x_val)
        np.testing.assert_array_equal(cli.y_val, app.y_val)
        np.testing.assert_array_equal(cli.x_train, app.x_train)
