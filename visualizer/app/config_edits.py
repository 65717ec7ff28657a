"""Settings edited in the control panel (or offered by a banner) reaching the session.

``ConfigEdits(window)`` applies what the controls send: a new architecture or
seed (which start a new network, so unsaved training is asked about first), the
training settings (only the live ones while a run is active) and a learning rate
offered after divergence. A value the session refuses puts the controls back.
"""

from __future__ import annotations

import dataclasses
import html

from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import VisualizerError

from . import dialogs
from .i18n import tr


class ConfigEdits:
    """See the module docstring."""

    def __init__(self, window) -> None:
        self.window = window

    def connect(self) -> None:
        w = self.window
        w.session.configs_changed.connect(self.on_configs_changed)
        w.session.diverged.connect(self.on_diverged)
        w.controls.network_edited.connect(self.on_network_edited)
        w.controls.train_edited.connect(self.on_train_edited)

    def _revert(self) -> None:
        s = self.window.session
        self.window.controls.set_configs(s.network_config, s.train_config)

    def on_configs_changed(self, configs) -> None:
        network, train = configs
        controls = self.window.controls
        if (network, train) != (controls.network_config(), controls.train_config()):
            controls.set_configs(network, train)

    def on_network_edited(self, network: NetworkConfig) -> None:
        w, s = self.window, self.window.session
        if network != s.network_config and not w.files.confirm_discard(tr("A new architecture")):
            self._revert()
            return
        try:
            s.set_network_config(network)
        except VisualizerError as exc:
            dialogs.show_message(w, "error", tr("Network"), str(exc))
            self._revert()
            return
        w.flash(tr("New architecture: fresh random weights."), 4000)

    def on_train_edited(self, train: TrainConfig) -> None:
        w, s = self.window, self.window.session
        old = s.train_config
        if s.is_active:   # only the live settings can change mid-run
            from visualizer.core.control import LIVE_SETTINGS

            train = dataclasses.replace(old, **{k: getattr(train, k) for k in LIVE_SETTINGS})
        reseed = train.seed != old.seed and s.epochs_done == 0 and not s.is_active
        if reseed and not w.files.confirm_discard(tr("A new seed (new random weights)")):
            self._revert()
            return
        try:
            s.set_train_config(train)
        except VisualizerError as exc:
            w.banner.show_message("warning", str(exc))
            self._revert()
            return
        if reseed:
            s.reset()   # an untrained network follows its seed
        w.settings.save_configs(s.network_config, s.train_config)

    def on_diverged(self, ev) -> None:
        lr = self.window.session.train_config.lr
        lower = float(f"{lr / 10:.3g}")
        head = "Training diverged"          # how the trainer's message begins (in English)
        detail = ev.message[len(head):].lstrip(":. ") if ev.message.startswith(head) else ev.message
        self.window.banner.show_message(
            "error", tr("<b>Training diverged:</b> {detail} The network you see is the last good one, "
                        "so you can still inspect it.").format(detail=html.escape(detail)),
            ((tr("Use learning rate {lr}").format(lr=f"{lower:g}"), lambda: self.set_lr(lower)),))

    def set_lr(self, lr: float) -> None:
        try:
            self.window.session.change(lr=lr)
        except VisualizerError as exc:
            dialogs.show_message(self.window, "error", tr("Learning rate"), str(exc))
            return
        self._revert()
