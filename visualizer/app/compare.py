"""Runs compared in the window: ghost curves of earlier runs and a twin run beside the current one.

``install(window, pad)`` wires the parts that already exist:

- the curves' ghosts (``CurvesWidget.ghosts``): each run's settings are noted when it starts
  (``run_settings``), so the ghost a new network leaves behind is labelled with what differs
  from the current settings, and the labels follow the settings as they change;
- the twin (``session.twin``, app/twin.py): Training > "Run a twin…" (twin_dialog.py), "Keep the
  twin" (after asking about unsaved training, like opening a model does), "Discard the twin",
  File > "Save twin as…"; its batches and epochs feed a ``CurvesModel`` the curves overlay
  ("main" / "twin: lr 0.1"); when it ends a banner offers to keep or discard it. A twin with
  training no file holds is never dropped without asking "Save twin… / Discard twin / Cancel":
  not by a new twin (``confirm_discard_twin``), nor by closing the window (``confirm_close``,
  which ``MainWindow.closeEvent`` calls before anything shuts down);
- the pad: one line with the twin's answer to the same drawing ("twin: 7 (88%)"), from the twin's
  latest snapshot through the same ``NetworkSnapshot.trace`` the pad's own answer uses.
"""

from __future__ import annotations

import os

import numpy as np
from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtGui import QAction

from .config_diff import RunSettings
from .curves_model import CurvesModel
from .i18n import tr

DEMO_ENV = "VISUALIZER_DEMO_TWIN"   # "lr=0.01": the first run starts this twin (README screenshots)


def _menu_holding(window, action):
    """The menu of the menu bar that holds ``action`` (found by its action, not its text)."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is not None and action in menu.actions():
            return menu
    return None


class Compare(QObject):
    """See the module docstring."""

    def __init__(self, window, pad=None) -> None:
        super().__init__(window)
        self.window, self.pad = window, pad
        self.session = s = window.session
        self.curves = window.curves
        self.twin = s.twin
        self.twin_model: CurvesModel | None = None
        self._active = False
        self.curves.run_settings = self.settings_now()
        self.curves.ghosts.set_current(self.curves.run_settings)
        s.state_changed.connect(self._on_state)
        s.history_changed.connect(self._after_history)     # after the curves made their ghost
        s.configs_changed.connect(self._relabel)
        s.data_changed.connect(self._relabel)
        t = self.twin
        t.started.connect(self._on_twin_started)
        t.batches.connect(self._on_twin_batches)
        t.epoch_ended.connect(self._on_twin_epoch)
        t.diverged.connect(self._on_twin_diverged)
        t.state_changed.connect(self._on_twin_state)
        t.failed.connect(lambda message: window.banner.show_message("error", tr("The twin: {message}").format(
            message=message)))
        t.ended.connect(lambda _: self._show_twin(None))
        self._build_actions()
        if pad is not None:
            pad.prediction_updated.connect(lambda _trace: self.update_pad())
            t.snapshot.connect(lambda _snap: self.update_pad())
        self._update_actions()
        self._demo = os.environ.get(DEMO_ENV, "").strip()
        self._demo_started = False

    def settings_now(self) -> RunSettings:
        s = self.session
        return RunSettings(s.network_config, s.train_config, s.data.name if s.data is not None else "")

    # ------------------------------------------------------------------ ghosts
    def _on_state(self, state: str) -> None:
        active = self.session.is_active
        if active and not self._active:                    # a run starts: what its ghost will say
            self.curves.run_settings = self.settings_now()
            if self._demo and not self._demo_started:
                self._start_demo_twin()
        if self._demo_started and state == "finished" and self.twin.is_active:
            self._wait_for_twin()
        self._active = active
        self._update_actions()

    def _after_history(self, _history) -> None:
        self.curves.run_settings = self.settings_now()
        self._relabel()

    def _relabel(self, *_args) -> None:
        self.curves.ghosts.set_current(self.settings_now())
        self.curves.refresh_ghosts()
        self.curves.runs_button.sync()

    # ------------------------------------------------------------------ actions
    def _action(self, text: str, slot, tip: str) -> QAction:
        a = QAction(text, self.window)
        a.setToolTip(tip)
        a.setStatusTip(tip)
        a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        w = self.window
        self.act_run = self._action(tr("Run a &twin…"), self.run_twin, tr(
            "Train a second network beside this one with one setting changed, and compare them live"))
        self.act_keep = self._action(tr("&Keep the twin"), self.keep_twin, tr(
            "Make the twin the current network (this one's curves stay as a ghost)"))
        self.act_discard = self._action(tr("&Discard the twin"), self.discard_twin, tr(
            "Stop the twin and forget it"))
        self.act_save = self._action(tr("Save t&win as…"), self.save_twin, tr("Save the twin network to a file"))
        training = _menu_holding(w, getattr(w, "act_reset", None))
        if training is not None:
            training.addSeparator()
            training.addActions([self.act_run, self.act_keep, self.act_discard])
        files = _menu_holding(w, getattr(w, "act_save", None))
        if files is not None:
            files.insertAction(self._after(files, w.act_save), self.act_save)
        for a in (self.act_run, self.act_keep, self.act_discard, self.act_save):
            w.addAction(a)

    @staticmethod
    def _after(menu, action):
        acts = menu.actions()
        i = acts.index(action)
        return acts[i + 1] if i + 1 < len(acts) else None

    def _update_actions(self) -> None:
        s, t = self.session, self.twin
        self.act_run.setEnabled(s.data is not None and not s.loading and not t.is_active)
        self.act_keep.setEnabled(t.exists and not t.is_active and not s.is_active)
        self.act_discard.setEnabled(t.exists)
        self.act_save.setEnabled(t.checkpoint is not None)
        if t.is_active:
            self.window.act_stop.setEnabled(True)          # Stop reaches the twin too

    # ------------------------------------------------------------------ the twin
    def run_twin(self) -> bool:
        """Ask which setting the twin changes, then start it (and the main run, when it is new)."""
        from .twin_dialog import ask_twin

        s = self.session
        choice = ask_twin(self.window, s.network_config, s.train_config)
        if choice is None or not self.confirm_discard_twin():
            return False
        return self.start_twin(*choice)

    def confirm_discard_twin(self) -> bool:
        """Before a new twin: True when no twin training would be lost (no twin, a saved one, or one
        still training: no new twin starts then), or the person saved or discarded it (it is then
        discarded); False when they cancelled (or saving failed)."""
        t = self.twin
        if t.is_active:
            return True
        if t.unsaved and not self._save_or_discard(tr(
                "The twin ({change}) is not saved in any file. A new twin replaces it.\n\nSave it first?")):
            return False
        if t.exists:
            t.discard()
        return True

    def confirm_close(self) -> bool:
        """The window is closing: True when no twin training would be lost (no twin, a saved one, or
        a screenshot run's, ``autosave_on_close`` off), or the person saved or discarded it (it is
        then discarded, its run stopped); False when they cancelled or saving failed: the window
        stays open, and the twin and the main run go on untouched."""
        t = self.twin
        if not self.window.autosave_on_close or not t.unsaved:
            return True
        if t.state == "paused":
            text = tr("The twin ({change}) is paused and is not saved in any file. Closing the window "
                      "stops it and discards it.\n\nSave it first?")
        elif t.is_active:
            text = tr("The twin ({change}) is still training and is not saved in any file. Closing the window "
                      "stops it and discards it.\n\nSave it first?")
        else:
            text = tr("The twin ({change}) is not saved in any file. Closing the window discards it.\n\n"
                      "Save it first?")
        if not self._save_or_discard(text.format(change=t.label)):
            return False
        t.discard()
        return True

    def _save_or_discard(self, text: str) -> bool:
        """Ask "Save twin… / Discard twin / Cancel": True when it was saved or may be discarded."""
        from . import dialogs

        save, discard = tr("Save twin…"), tr("Discard twin")
        choice = dialogs.ask_choice(self.window, tr("Unsaved twin"), text, (save, discard))
        if choice == save:
            return self.save_twin()
        return choice == discard

    def start_twin(self, key: str, value) -> bool:
        from visualizer.core.errors import VisualizerError

        try:
            return self.twin.start(key, value)
        except VisualizerError as exc:
            self.window.banner.show_message("error", tr("The twin cannot start: {reason}").format(reason=exc))
            return False

    def _on_twin_started(self, label: str) -> None:
        self.twin_model = CurvesModel()
        self._show_twin(self.twin_model)
        self._update_actions()

    def _show_twin(self, model) -> None:
        self.twin_model = model
        self.curves.set_twin(model, tr("twin: {change}").format(change=self.twin.label) if model else "")
        self.update_pad()
        self._update_actions()

    def _on_twin_batches(self, events) -> None:
        if self.twin_model is not None:
            self.twin_model.add_batches(events)
            self.curves.refresh_ghosts()

    def _on_twin_epoch(self, ev) -> None:
        if self.twin_model is not None:
            self.twin_model.add_epoch(ev)
            self.curves.refresh_ghosts()

    def _on_twin_diverged(self, ev) -> None:
        if self.twin_model is not None:
            self.twin_model.add_divergence(ev)

    def _on_twin_state(self, state: str) -> None:
        self._update_actions()
        if state in ("finished", "diverged") and not self.twin.is_active:
            self.window.banner.show_message("info", self._twin_summary(), (
                (tr("Keep the twin"), self.keep_twin), (tr("Discard the twin"), self.discard_twin)))

    def _twin_summary(self) -> str:
        def acc(history) -> str:
            vals = [r.get("val_accuracy") for r in history if r.get("val_accuracy") is not None]
            return f"{vals[-1]:.1%}" if vals and np.isfinite(vals[-1]) else "–"

        return tr("The twin ({change}) finished: validation accuracy {twin} (main: {main}). Keep it as the "
                  "network, or discard it?").format(change=self.twin.label, twin=acc(self.twin.history),
                                                    main=acc(self.session.history))

    def keep_twin(self) -> bool:
        """The twin becomes the network (asking first when the current one has unsaved training)."""
        s, t, w = self.session, self.twin, self.window
        if t.is_active or s.is_active:
            w.flash(tr("Stop training first: a network can be kept once both runs have ended."), 5000)
            return False
        ckpt = t.checkpoint
        if ckpt is None or not w.files.confirm_discard(tr("Keeping the twin")):
            return False
        label = t.label
        s.adopt(ckpt)
        t.discard()
        w.flash(tr("The twin ({change}) is now the network; it is not saved yet.").format(change=label), 6000)
        return True

    def discard_twin(self) -> None:
        self.twin.discard()

    def save_twin(self) -> bool:
        """File > Save twin as…: the twin as it stands (``TwinRun.checkpoint``) to a model file."""
        from visualizer.core.persistence import save_checkpoint

        from . import dialogs

        ckpt = self.twin.checkpoint
        if ckpt is None:
            return False
        if not self.window.files.export(tr("Save twin as"), "twin.npz", dialogs.model_filter(),
                                        lambda path: save_checkpoint(path, ckpt)):
            return False
        self.twin.mark_saved(ckpt)
        return True

    def _start_demo_twin(self) -> None:
        from .twin_settings import parse_value

        key, _, text = self._demo.partition("=")
        self._demo_started = True                          # the first run only
        try:
            self.start_twin(key.strip(), parse_value(key.strip(), text))
        except (KeyError, ValueError) as exc:
            self.window.banner.show_message("error", f"{DEMO_ENV}: {exc}")

    def _wait_for_twin(self, timeout_ms: int = 600_000) -> None:
        """The demo's main run ended: let the twin end too before anything grabs the window."""
        loop = QEventLoop()
        self.twin.state_changed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        while self.twin.is_active:
            loop.exec()

    # ------------------------------------------------------------------ the pad
    def twin_answer(self) -> str:
        """"twin: 7 (88%)": the twin's answer to the pad's drawing ("" without a twin or a drawing)."""
        snap, pad = self.twin.latest, self.pad
        x = getattr(pad, "x28", None)
        if snap is None or x is None or not self.twin.exists:
            return ""
        probs = np.asarray(snap.trace(np.asarray(x, dtype=np.float32).reshape(-1)).probabilities)
        if not np.all(np.isfinite(probs)):
            return tr("twin: ? (its outputs are not numbers)")
        k = int(np.argmax(probs))
        names = pad.bars.shown_names()
        return tr("twin: {answer} ({p:.0%})").format(answer=names[k] if k < len(names) else k, p=probs[k])

    def update_pad(self) -> None:
        if self.pad is not None and hasattr(self.pad, "set_note"):
            self.pad.set_note(self.twin_answer())


def install(window, pad=None) -> Compare:
    """Wire ghosts and twins into ``window`` (after its curves, menus and session exist)."""
    window.compare = Compare(window, pad)
    return window.compare
