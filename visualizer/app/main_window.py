"""The main window: controls on the left, live curves in the centre, views in docks.

Contract with the views (issue #6): ``MainWindow.session`` is the
``TrainingSession``; ``add_dock(key, title, widget, area)`` adds a view as a
dock (docks in the same area are tabbed unless ``tabify=False``);
``show_view(key)`` raises one. ``__init__`` calls ``visualizer.app.views.install(self)``
once, after the session, the controls and the curves exist, then restores the
remembered layout (QSettings, organisation and application "visualizer").

Also for the views: ``theme`` ("light"/"dark") and ``theme_changed(str)``.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import math
import os
import time
from collections import deque
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QMainWindow, QProgressDialog, QStyle, QToolBar, QVBoxLayout, QWidget)

from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import VisualizerError

from . import dialogs, recovery
from .banner import Banner
from .controls import ControlPanel
from .curves import CurvesWidget
from .progress import ProgressMeter
from .session import TrainingSession
from .theme import THEMES, apply_theme, plot_colors

log = logging.getLogger(__name__)

ORG = APP = "visualizer"
DEFAULT_SIZE = (1366, 768)
STATE_VERSION = 1
STATE_TEXT = {"idle": "Ready", "running": "Training", "paused": "Paused", "finished": "Finished",
              "diverged": "Diverged", "failed": "Failed", "loading": "Loading data"}
DATASET_NAMES = {"sample": "MNIST sample", "mnist": "MNIST", "fashion": "Fashion-MNIST"}


def settings() -> QSettings:
    """The app's settings store (tests point XDG_CONFIG_HOME elsewhere)."""
    return QSettings(ORG, APP)


class MainWindow(QMainWindow):
    """See the module docstring."""

    theme_changed = Signal(str)

    def __init__(self, *, load_data: bool = True, restore: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("visualizer")
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowTabbedDocks | QMainWindow.AllowNestedDocks)
        self.setDocumentMode(True)
        self.setAcceptDrops(True)
        self._settings = settings()
        self._docks: dict[str, QDockWidget] = {}
        self._dock_area_first: dict[Qt.DockWidgetArea, QDockWidget] = {}
        self._theme_choice = "system"
        self.theme = "light"
        self._run_target_epochs = 0
        self._run_shown = False
        self._rate = deque(maxlen=64)         # (time, samples) of recent batch emissions
        self._bpe = 0
        self._last_batch = None
        self._closing = False
        self._download_dialog: QProgressDialog | None = None
        self._model_dir = ""
        self._export_dir = ""
        self._loaded_spec = ""
        # closing keeps a trained, unsaved model in the recovery file (off for --screenshot)
        self.autosave_on_close = True

        network, train = self._restored_configs() if restore else (NetworkConfig(), TrainConfig())
        self.session = TrainingSession(network, train, self)

        # central: banner + curves
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(6, 6, 6, 2)
        cl.setSpacing(6)
        self.banner = Banner()
        self.curves = CurvesWidget()
        cl.addWidget(self.banner)
        cl.addWidget(self.curves, 1)
        self.setCentralWidget(central)

        # controls dock
        self.controls = ControlPanel()
        self.controls.set_configs(network, train)
        self.controls_dock = self.add_dock("controls", "Settings", self.controls, Qt.LeftDockWidgetArea)
        self.controls_dock.setMinimumWidth(300)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status()
        self._connect()

        theme = self._settings.value("theme", "system") if restore else "system"
        self.set_theme(theme if theme in THEMES else "system")
        hints = QApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda *_: self._theme_choice == "system" and self.set_theme("system"))

        from . import views
        views.install(self)

        self.resize(*DEFAULT_SIZE)
        self._default_state = self.saveState(STATE_VERSION)
        self._apply_default_dock_sizes()
        if restore:
            self._restore_layout()
        self._on_state("idle")
        if load_data:
            spec = str(self._settings.value("dataset", "sample")) if restore else "sample"
            QTimer.singleShot(0, lambda: self.load_dataset(spec, startup=True))

    # ------------------------------------------------------------------ docks (views contract)
    def add_dock(self, key: str, title: str, widget: QWidget, area=Qt.RightDockWidgetArea,
                 tabify: bool = True) -> QDockWidget:
        """Add ``widget`` as a movable, resizable dock named ``key`` (its layout is remembered)."""
        if key in self._docks:
            raise ValueError(f"a dock named {key!r} exists already")
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                         | QDockWidget.DockWidgetClosable)
        first = self._dock_area_first.get(area)
        self.addDockWidget(area, dock)
        if first is not None and tabify:
            self.tabifyDockWidget(first, dock)
            first.raise_()
        elif first is None:
            self._dock_area_first[area] = dock
        self._docks[key] = dock
        if hasattr(self, "_panels_menu"):
            self._panels_menu.addAction(dock.toggleViewAction())
        return dock

    def show_view(self, key: str) -> None:
        """Show and raise the view ``key`` ("curves", "controls" or a dock added by the views)."""
        if key == "curves":
            self.curves.setFocus()
            return
        dock = self._docks.get(key)
        if dock is None:
            raise KeyError(f"unknown view {key!r}; known views: {', '.join(self.view_keys())}")
        dock.show()
        dock.raise_()
        dock.widget().setFocus()

    def view_keys(self) -> list[str]:
        return ["curves", *self._docks]

    def dock(self, key: str) -> QDockWidget:
        return self._docks[key]

    def _apply_default_dock_sizes(self) -> None:
        w, h = self.width(), self.height()
        area = {k: self.dockWidgetArea(d) for k, d in self._docks.items()}
        right = [d for k, d in self._docks.items() if area[k] == Qt.RightDockWidgetArea]
        bottom = [d for k, d in self._docks.items() if area[k] == Qt.BottomDockWidgetArea]
        docks, sizes = [self.controls_dock], [320]
        if right:
            docks.append(right[0])
            sizes.append(max(360, int(w * 0.33)))
        self.resizeDocks(docks, sizes, Qt.Horizontal)
        if bottom:
            self.resizeDocks([bottom[0]], [max(220, int(h * 0.42))], Qt.Vertical)

    # ------------------------------------------------------------------ actions, menus
    def _action(self, text: str, slot, shortcut=None, tip: str = "", icon=None) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            a.setIcon(self.style().standardIcon(icon))
        if tip:
            keys = a.shortcut().toString(QKeySequence.NativeText)
            a.setToolTip(f"{tip} ({keys})" if keys else tip)
            a.setStatusTip(tip)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        S = QStyle
        self.act_start = self._action("Start", self.start, "F5", "Train for the chosen number of epochs "
                                      "(continues from the current weights)", S.SP_MediaPlay)
        self.act_pause = self._action("Pause", self.session.toggle_pause, Qt.Key_Space,
                                      "Pause or resume training between two batches", S.SP_MediaPause)
        self.act_step = self._action("Step", self.session.step, "F10",
                                     "Train exactly one batch, then pause", S.SP_MediaSeekForward)
        self.act_stop = self._action("Stop", self.session.stop, "Shift+F5",
                                     "Stop training after the current batch (the weights are kept)", S.SP_MediaStop)
        self.act_reset = self._action("Reset", self.reset, "Ctrl+R",
                                      "Start over with new random weights", S.SP_BrowserReload)
        # Space also starts when nothing runs (the Pause action is disabled then)
        self._space = QShortcut(QKeySequence(Qt.Key_Space), self)
        self._space.activated.connect(self.session.toggle_pause)
        self.act_open = self._action("&Open model…", self.open_model, QKeySequence.Open,
                                     "Open a saved model: architecture, weights and history", S.SP_DialogOpenButton)
        self.act_save = self._action("&Save model…", self.save_model, QKeySequence.Save,
                                     "Save the model (weights, settings and history) to a .npz file",
                                     S.SP_DialogSaveButton)
        self.act_export_png = self._action("Export curves as &PNG…", self.export_png, None,
                                           "Save the curves as an image")
        self.act_export_csv = self._action("Export metrics as &CSV…", self.export_csv, None,
                                           "Save the loss, accuracy and learning rate of every batch and epoch")
        self.act_quit = self._action("&Quit", self.close, QKeySequence.Quit,
                                     "Quit visualizer (a trained model you did not save is kept and "
                                     "offered at the next start)")
        self.act_reset_layout = self._action("Reset &layout", self.reset_layout, None,
                                             "Put every panel back where it started")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark")):
            a = QAction(label, self, checkable=True)
            a.triggered.connect(lambda _c=False, k=key: self.set_theme(k))
            self.theme_group.addAction(a)
            self.theme_actions[key] = a

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.act_open, self.act_save])
        m.addSeparator()
        m.addActions([self.act_export_png, self.act_export_csv])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu("&Training")
        m.addActions([self.act_start, self.act_pause, self.act_step, self.act_stop])
        m.addSeparator()
        m.addAction(self.act_reset)
        m = mb.addMenu("&View")
        tm = m.addMenu("&Theme")
        tm.addActions(list(self.theme_actions.values()))
        self._panels_menu = m.addMenu("&Panels")
        for dock in self._docks.values():
            self._panels_menu.addAction(dock.toggleViewAction())
        m.addSeparator()
        m.addAction(self.act_reset_layout)
        m = mb.addMenu("&Help")
        keys = QAction("&Keyboard shortcuts", self)
        keys.triggered.connect(self._shortcuts)
        m.addAction(keys)
        about = QAction("&About visualizer", self)
        about.triggered.connect(self._about)
        m.addAction(about)

    def _build_toolbar(self) -> None:
        tb = QToolBar("Training")
        tb.setObjectName("toolbar_training")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        tb.addActions([self.act_start, self.act_pause, self.act_step, self.act_stop])
        tb.addSeparator()
        tb.addAction(self.act_reset)
        tb.addSeparator()
        tb.addActions([self.act_open, self.act_save])
        self.addToolBar(Qt.TopToolBarArea, tb)
        self.toolbar = tb

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.state_label = QLabel("Ready")
        self.state_label.setObjectName("stateLabel")
        self.state_label.setToolTip("What the training is doing now")
        self.epoch_bar = ProgressMeter()
        self.epoch_bar.setFixedWidth(150)
        self.epoch_bar.setFormat("Epoch %v / %m")
        self.epoch_bar.setToolTip("Epochs completed in this run (an epoch is one pass over the training set)")
        self.batch_bar = ProgressMeter()
        self.batch_bar.setFixedWidth(150)
        self.batch_bar.setFormat("Batch %v / %m")
        self.batch_bar.setToolTip("Batches done in the current epoch")
        self.rate_label = QLabel("")
        self.rate_label.setToolTip("Training speed: images per second")
        self.eta_label = QLabel("")
        self.eta_label.setToolTip("Estimated time until this run finishes")
        self.metric_label = QLabel("")
        self.metric_label.setToolTip("The latest validation accuracy (on images the network does not train on)")
        self.message_label = QLabel("")
        self.message_label.setObjectName("messageLabel")
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(250)
        self._status_timer.timeout.connect(self._refresh_status)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(lambda: self.message_label.setText(""))
        sb.addWidget(self.state_label)
        sb.addWidget(self.metric_label)
        sb.addWidget(self.message_label, 1)
        sb.addPermanentWidget(self.rate_label)
        sb.addPermanentWidget(self.eta_label)
        sb.addPermanentWidget(self.epoch_bar)
        sb.addPermanentWidget(self.batch_bar)
        for bar in (self.epoch_bar, self.batch_bar):
            bar.setRange(0, 1)
            bar.setValue(0)
        self.epoch_bar.setFormat("Epoch –")
        self.batch_bar.setFormat("Batch –")

    def flash(self, text: str, ms: int = 5000) -> None:
        """A message in the status bar for ``ms`` milliseconds (the state stays visible)."""
        self.message_label.setText(text)
        self._message_timer.start(ms)

    def _connect(self) -> None:
        s = self.session
        s.batches.connect(self._on_batches)
        s.epoch_ended.connect(self._on_epoch)
        s.settings_changed.connect(self.curves.mark_settings)
        s.state_changed.connect(self._on_state)
        s.diverged.connect(self._on_diverged)
        s.failed.connect(self._on_failed)
        s.finished.connect(self._on_finished)
        s.data_changed.connect(self._on_data)
        s.data_loading.connect(self._on_data_loading)
        s.data_progress.connect(self._on_data_progress)
        s.data_failed.connect(self._on_data_failed)
        s.history_changed.connect(self.curves.set_history)
        s.model_changed.connect(self._on_model_changed)
        s.configs_changed.connect(self._on_configs_changed)
        s.evaluated.connect(self._on_evaluated)
        c = self.controls
        c.dataset_requested.connect(self.load_dataset)
        c.folder_requested.connect(self.open_folder)
        c.network_edited.connect(self._on_network_edited)
        c.train_edited.connect(self._on_train_edited)

    # ------------------------------------------------------------------ run control
    def start(self) -> None:
        if self.session.state == "paused":
            self.session.resume()
            return
        if self.banner.kind in ("error", "warning"):
            self.banner.dismiss()
        self.session.start()

    def reset(self) -> None:
        if self.session.is_active:
            return
        self.session.reset()
        self.banner.dismiss()
        self.flash("New random weights: the network starts from scratch.", 4000)

    # ------------------------------------------------------------------ session signals
    def _on_batches(self, events) -> None:
        self.curves.add_batches(events)
        last = events[-1]
        self._last_batch = last
        self._bpe = last.batches_per_epoch
        self._rate.append((time.monotonic(), sum(e.batch_size for e in events)))
        if not self._status_timer.isActive():
            self._status_timer.start()

    def _refresh_status(self) -> None:
        """Progress bars, speed and ETA, at most 4 times a second (QProgressBar repaints at once)."""
        last = self._last_batch
        if last is None:
            return
        if self.batch_bar.maximum() != last.batches_per_epoch:
            self.batch_bar.setRange(0, last.batches_per_epoch)
        if self.batch_bar.value() != last.batch:
            self.batch_bar.setValue(last.batch)
        self._update_speed(last)

    def _update_speed(self, last) -> None:
        if len(self._rate) >= 2:
            t0 = self._rate[0][0]
            span = self._rate[-1][0] - t0
            samples = sum(n for _, n in list(self._rate)[1:])
            while len(self._rate) > 2 and self._rate[-1][0] - self._rate[0][0] > 3.0:
                self._rate.popleft()
            if span > 0.2:
                rate = samples / span
                self.rate_label.setText(f"{rate:,.0f} images/s")
                if not self.session.is_active:
                    self.eta_label.setText("")
                    return
                if self.session.state != "running":
                    self.eta_label.setText("")
                    return
                left_epochs = max(0.0, self._run_target_epochs - last.progress)
                images_left = left_epochs * last.batches_per_epoch * last.batch_size
                self.eta_label.setText(f"ETA {_duration(images_left / rate)}" if rate > 0 else "")

    def _on_epoch(self, ev) -> None:
        self.curves.add_epoch(ev)
        run_start = self._run_target_epochs - self.session.train_config.epochs
        self.epoch_bar.setValue(max(0, ev.epochs_done - run_start))
        if math.isfinite(ev.val_accuracy):
            self.metric_label.setText(f"Validation accuracy {ev.val_accuracy * 100:.1f}%  ·  "
                                      f"loss {ev.val_loss:.3f}")
        else:
            self.metric_label.setText(f"Training accuracy {ev.train_accuracy * 100:.1f}%")

    def _on_evaluated(self, ev) -> None:
        if math.isfinite(ev.val_accuracy):
            self.metric_label.setText(f"Validation accuracy {ev.val_accuracy * 100:.1f}%  ·  "
                                      f"loss {ev.val_loss:.3f}")

    def _on_state(self, state: str) -> None:
        s = self.session
        active = s.is_active
        running = state == "running"
        paused = state == "paused"
        have_data = s.data is not None and not s.loading
        self.act_start.setEnabled(have_data and not active)
        self.act_start.setText("Continue" if s.epochs_done and not active else "Start")
        self.act_pause.setEnabled(running or paused)
        self.act_pause.setText("Resume" if paused else "Pause")
        self.act_pause.setIcon(self.style().standardIcon(QStyle.SP_MediaPlay if paused else QStyle.SP_MediaPause))
        self._space.setEnabled(not (running or paused) and have_data)
        self.act_step.setEnabled(have_data and (not active or paused))
        self.act_stop.setEnabled(active)
        self.act_reset.setEnabled(not active)
        self.act_open.setEnabled(not active)
        self.controls.set_training(active or s.loading)
        if active and not self._run_shown:          # a new run: progress starts from zero
            self._run_target_epochs = s.epochs_done + s.train_config.epochs
            self.curves.plan(self._run_target_epochs)
            self.epoch_bar.setRange(0, s.train_config.epochs)
            self.epoch_bar.setValue(0)
            self.epoch_bar.setFormat("Epoch %v / %m")
            self.batch_bar.setFormat("Batch %v / %m")
            self.batch_bar.setValue(0)
            self._rate.clear()
            self._last_batch = None
            self.rate_label.setText("")
        self._run_shown = active
        if paused or not active:
            self.eta_label.setText("")
        label = "loading" if s.loading and not active else state
        self._set_state_label(label)

    def _set_state_label(self, label: str) -> None:
        c = plot_colors(self.theme)
        colour = {"running": c["good"], "paused": c["warn"], "diverged": c["bad"], "failed": c["bad"],
                  "finished": c["accent"], "loading": c["muted"]}.get(label, c["muted"])
        reason = ""
        fin = self.session.last_finished
        if label == "finished" and fin is not None and fin.reason == "stopped":
            reason = "Stopped"
        self.state_label.setText(reason or STATE_TEXT.get(label, label.title()))
        self.state_label.setStyleSheet(f"QLabel#stateLabel {{ color: {c['background']}; background: {colour}; }}")

    def _on_finished(self, ev) -> None:
        self._refresh_status()
        self.curves.fit_view()
        self._on_state(self.session.state)
        self.eta_label.setText("")
        if ev is not None and ev.reason == "completed":
            self.flash(
                f"Finished {ev.epochs_done} epochs in {_duration(ev.seconds)}.", 6000)

    def _on_diverged(self, ev) -> None:
        lr = self.session.train_config.lr
        lower = float(f"{lr / 10:.3g}")
        head = "Training diverged"
        detail = ev.message[len(head):].lstrip(":. ") if ev.message.startswith(head) else ev.message
        self.banner.show_message(
            "error", f"<b>{head}:</b> {html.escape(detail)} The network you see is the last good one, "
                     f"so you can still inspect it.",
            ((f"Use learning rate {lower:g}", lambda: self._set_lr(lower)),))

    def _set_lr(self, lr: float) -> None:
        try:
            self.session.change(lr=lr)
        except VisualizerError as exc:
            self._error("Learning rate", str(exc))
            return
        self.controls.set_configs(self.session.network_config, self.session.train_config)

    def _on_failed(self, message: str) -> None:
        self.banner.show_message("error", message)
        self._on_state(self.session.state)

    def _on_model_changed(self, configs) -> None:
        network, train = configs
        self.controls.set_configs(network, train)
        self._update_title()
        self._save_configs()

    def _on_configs_changed(self, configs) -> None:
        network, train = configs
        if (network, train) != (self.controls.network_config(), self.controls.train_config()):
            self.controls.set_configs(network, train)

    def _on_network_edited(self, network: NetworkConfig) -> None:
        try:
            self.session.set_network_config(network)
        except VisualizerError as exc:
            self._error("Network", str(exc))
            self.controls.set_configs(self.session.network_config, self.session.train_config)
            return
        self.flash("New architecture: fresh random weights.", 4000)

    def _on_train_edited(self, train: TrainConfig) -> None:
        old = self.session.train_config
        if self.session.is_active:   # only the live settings can change mid-run
            from .session import LIVE_SETTINGS

            train = dataclasses.replace(old, **{k: getattr(train, k) for k in LIVE_SETTINGS})
        try:
            self.session.set_train_config(train)
        except VisualizerError as exc:
            self.banner.show_message("warning", str(exc))
            self.controls.set_configs(self.session.network_config, self.session.train_config)
            return
        if train.seed != old.seed and self.session.epochs_done == 0 and not self.session.is_active:
            self.session.reset()   # an untrained network follows its seed
        self._save_configs()

    # ------------------------------------------------------------------ data
    def load_dataset(self, spec: str, startup: bool = False) -> None:
        """Load ``spec`` ("sample", "mnist", "fashion" or a folder); downloads show a dialog."""
        if self.session.is_active or self._closing:    # e.g. the startup load after an early close
            return
        if spec in ("mnist", "fashion"):
            from visualizer.core.dataset import is_cached

            if not is_cached(spec):
                if startup:
                    spec = "sample"
                else:
                    self._show_download_dialog(spec)
        self.controls.set_dataset(spec)
        self.session.load_data(spec)

    def open_folder(self) -> None:
        path = dialogs.get_directory(self, "Open an MNIST-format folder", str(Path.home()))
        if path:
            self.load_dataset(path)

    def _show_download_dialog(self, spec: str) -> None:
        name = DATASET_NAMES.get(spec, spec)
        dlg = QProgressDialog(f"Downloading {name}…\nIt is kept on disk, so this happens only once.",
                              "Cancel", 0, 0, self)
        dlg.setWindowTitle("Downloading data")
        dlg.setWindowModality(Qt.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.session.cancel_loading)
        dlg.show()
        self._download_dialog = dlg

    def _close_download_dialog(self) -> None:
        if self._download_dialog is not None:
            dlg, self._download_dialog = self._download_dialog, None
            dlg.canceled.disconnect()
            dlg.close()
            dlg.deleteLater()

    def _on_data_loading(self, spec: str) -> None:
        self.controls.set_data_info("Loading…")
        self._on_state(self.session.state)

    def _on_data_progress(self, progress) -> None:
        done, total = progress
        dlg = self._download_dialog
        if dlg is not None:
            if total:
                dlg.setRange(0, 1000)
                dlg.setValue(int(1000 * done / total))
                dlg.setLabelText(f"Downloading… {done / 1e6:.1f} of {total / 1e6:.1f} MB")
            else:
                dlg.setLabelText(f"Downloading… {done / 1e6:.1f} MB")

    def _on_data(self, bundle) -> None:
        self._close_download_dialog()
        ds = bundle.dataset
        spec = ds.name
        self._loaded_spec = spec
        self.controls.set_dataset(spec)
        name = DATASET_NAMES.get(spec, Path(str(spec)).name or spec)
        self.controls.set_data_info(
            f"<b>{name}</b>: {len(bundle.y_train):,} training · {len(bundle.y_val):,} validation · "
            f"{len(ds.y_test):,} test images")
        self._settings.setValue("dataset", spec if spec in DATASET_NAMES or os.path.isdir(str(spec)) else "sample")
        self._update_title()
        self._on_state(self.session.state)

    def _on_data_failed(self, message: str) -> None:
        self._close_download_dialog()
        self.banner.show_message("warning", message)
        if self.session.data is not None:
            self.controls.set_dataset(self.session.data.name)
        self._on_state(self.session.state)

    # ------------------------------------------------------------------ files
    def open_model(self) -> bool:
        if self.session.is_active:
            return False
        path = dialogs.get_open_path(self, "Open model", self._model_dir or str(Path.home()), dialogs.MODEL_FILTER)
        if not path:
            return False
        return self.open_model_path(path)

    def open_model_path(self, path: str) -> bool:
        """Open the model file ``path`` (File > Open, a dropped .npz, ``--model``)."""
        if self.session.is_active:
            self.banner.show_message("warning", "Stop training before opening another model.")
            return False
        try:
            saved = self.session.load_model(path)
        except VisualizerError as exc:
            self._error("Could not open the model", str(exc))
            return False
        except OSError as exc:
            self._error("Could not open the model", f"{path}: {exc.strerror or exc}")
            return False
        except MemoryError:
            self._error("Could not open the model", f"{path}: the model is too large to open (its weights "
                                                      f"do not fit in the memory available)")
            return False
        self._model_dir = str(Path(path).parent)
        self.banner.dismiss()
        self.flash(f"Opened {Path(path).name}: {saved.epochs_done} epochs trained.", 6000)
        if saved.dataset and saved.dataset != self._loaded_spec and saved.dataset in ("sample", "mnist", "fashion"):
            from visualizer.core.dataset import is_cached

            if is_cached(saved.dataset):
                self.load_dataset(saved.dataset)
        return True

    # a .npz dropped anywhere on the window (outside views that take drops themselves) opens it
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._dropped_model(event) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        path = self._dropped_model(event)
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.open_model_path(path)

    @staticmethod
    def _dropped_model(event) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) == 1 and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".npz"):
            return urls[0].toLocalFile()
        return None

    def save_model(self) -> bool:
        default = str(Path(self._model_dir or Path.home()) / "model.npz")
        path = dialogs.get_save_path(self, "Save model", default, dialogs.MODEL_FILTER)
        if not path:
            return False
        if not Path(path).suffix:
            path += ".npz"
        try:
            self.session.save_model(path)
        except VisualizerError as exc:
            self._error("Could not save the model", str(exc))
            return False
        except OSError as exc:
            self._error("Could not save the model", f"{path}: {exc.strerror or exc}")
            return False
        self._model_dir = str(Path(path).parent)
        self.flash(f"Saved {path}", 6000)
        return True

    # ------------------------------------------------------------------ recovery (unsaved model)
    def offer_recovery(self, note: str = "") -> bool:
        """Offer the model kept from the last session in the banner; True when there is one.

        ``note`` is a sentence added to the offer. An unreadable recovery file is moved
        aside and the banner says so.
        """
        found = recovery.find()
        if found is None:
            return False
        if found.saved is None:
            moved = recovery.move_aside(found.path)
            where = (f"It was moved aside as {moved.name} in {_home_relative(moved.parent)}." if moved is not None
                     else f"It could not be moved aside; you may delete {_home_relative(found.path)}.")
            self.banner.show_message("warning", f"<b>The unsaved model kept from the last session could not be "
                                                f"read:</b> the file {html.escape(found.error)}. "
                                                f"{html.escape(where)}")
            return True
        saved = found.saved
        data = DATASET_NAMES.get(saved.dataset, Path(saved.dataset).name or saved.dataset) or "unknown"
        epochs = f"{saved.epochs_done} epoch{'s' if saved.epochs_done != 1 else ''}"
        details = ["-".join(str(s) for s in saved.network.sizes),
                   f"{saved.step:,} batch{'es' if saved.step != 1 else ''} trained"]
        acc = saved.history[-1].get("val_accuracy") if saved.history else None
        if isinstance(acc, (int, float)) and math.isfinite(acc):
            details.append(f"{acc * 100:.1f}% validation accuracy")
        self.banner.show_message(
            "info", f"<b>Your unsaved model from the last session</b> ({epochs}, dataset {html.escape(data)}) "
                    f"was kept: {', '.join(details)}." + (f" {note}" if note else ""),
            (("Open it", lambda: self._recovery_open(found.path)),
             ("Save as…", lambda: self._recovery_save_as(found.path)),
             ("Discard", lambda: self._recovery_discard(found.path))))
        return True

    def _recovery_open(self, path: Path) -> bool:
        if self.session.is_active:
            # the banner closes after its button: offer again once it did
            QTimer.singleShot(0, lambda: self.offer_recovery("Stop training first to open it."))
            return False
        model_dir = self._model_dir
        if not self.open_model_path(str(path)):
            return False
        self._model_dir = model_dir          # the app data folder is no place to save models
        recovery.discard(path)
        self.session.mark_dirty()            # in no file now: closing keeps it again
        self.flash("Opened the unsaved model from the last session. Save it (Ctrl+S) to keep it.", 8000)
        return True

    def _recovery_save_as(self, path: Path) -> bool:
        from visualizer.core.atomic import atomic_write_bytes

        default = str(Path(self._model_dir or Path.home()) / "model.npz")
        target = dialogs.get_save_path(self, "Save the unsaved model from the last session", default,
                                       dialogs.MODEL_FILTER)
        if not target:
            QTimer.singleShot(0, self.offer_recovery)      # still there: keep offering it
            return False
        if not Path(target).suffix:
            target += ".npz"
        try:
            same = Path(target).resolve() == path.resolve()
            if not same:
                atomic_write_bytes(target, path.read_bytes())
        except OSError as exc:
            self._error("Could not save the model", f"{target}: {exc.strerror or exc}")
            QTimer.singleShot(0, self.offer_recovery)
            return False
        if not same:
            recovery.discard(path)
        self._model_dir = str(Path(target).parent)
        self.flash(f"Saved the model from the last session to {target}", 6000)
        return True

    def _recovery_discard(self, path: Path) -> None:
        recovery.discard(path)
        self.flash("Discarded the unsaved model from the last session.", 5000)

    def _keep_unsaved_model(self) -> None:
        """Closing: write a trained, unsaved model to the recovery file (never raises)."""
        if not self.autosave_on_close:
            return
        try:
            path = recovery.write(self.session)
        except Exception as exc:  # noqa: BLE001 - never block closing; say why in the log
            log.warning("could not keep the unsaved model: %s", exc)
            return
        if path is not None:
            log.info("kept the unsaved model in %s", path)

    def export_png(self) -> bool:
        return self._export("Export curves as PNG", "curves.png", "PNG images (*.png)", self.curves.export_png)

    def export_csv(self) -> bool:
        return self._export("Export metrics as CSV", "metrics.csv", "CSV files (*.csv)", self.curves.export_csv)

    def _export(self, caption: str, name: str, filter: str, write) -> bool:
        default = str(Path(self._export_dir or Path.home()) / name)
        path = dialogs.get_save_path(self, caption, default, filter)
        if not path:
            return False
        if not Path(path).suffix:
            path += Path(name).suffix
        try:
            write(path)
        except OSError as exc:
            self._error(caption, f"Could not write {path}: {exc.strerror or exc}")
            return False
        self._export_dir = str(Path(path).parent)
        self.flash(f"Saved {path}", 6000)
        return True

    def _error(self, title: str, text: str) -> None:
        dialogs.show_message(self, "error", title, text)

    # ------------------------------------------------------------------ theme, layout, settings
    def set_theme(self, choice: str) -> None:
        """"system" (follow the platform), "light" or "dark"."""
        self._theme_choice = choice if choice in THEMES else "system"
        self.theme = apply_theme(QApplication.instance(), self._theme_choice)
        self.theme_actions[self._theme_choice].setChecked(True)
        self.curves.set_theme(self.theme)
        self.banner.set_theme(self.theme)
        if hasattr(self, "epoch_bar"):
            chunk = "#34527f" if self.theme == "dark" else "#bcd4fb"
            self.epoch_bar.set_chunk_color(chunk)
            self.batch_bar.set_chunk_color(chunk)
        self._settings.setValue("theme", self._theme_choice)
        if hasattr(self, "state_label"):
            self._set_state_label(self.session.state)
        self.theme_changed.emit(self.theme)

    @property
    def theme_choice(self) -> str:
        return self._theme_choice

    def reset_layout(self) -> None:
        for dock in self._docks.values():
            dock.setFloating(False)
        self.restoreState(self._default_state, STATE_VERSION)
        for dock in self._docks.values():
            dock.show()
        self._apply_default_dock_sizes()

    def _restored_configs(self) -> tuple[NetworkConfig, TrainConfig]:
        net, train = NetworkConfig(), TrainConfig()
        try:
            raw = self._settings.value("network")
            if raw:
                net = NetworkConfig.from_dict(json.loads(str(raw)))
            raw = self._settings.value("train")
            if raw:
                train = TrainConfig.from_dict(json.loads(str(raw)))
        except (VisualizerError, ValueError, TypeError, AttributeError) as exc:   # e.g. "network=5"
            log.warning("ignoring remembered settings: %s", exc)
        return net, train

    def _restore_layout(self) -> None:
        geo = self._settings.value("window/geometry")
        state = self._settings.value("window/state")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, STATE_VERSION)

    def _save_configs(self) -> None:
        self._settings.setValue("network", json.dumps(self.session.network_config.to_dict()))
        self._settings.setValue("train", json.dumps(self.session.train_config.to_dict()))

    def save_settings(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState(STATE_VERSION))
        self._save_configs()
        self._settings.setValue("theme", self._theme_choice)
        self._settings.sync()

    def _update_title(self) -> None:
        sizes = "-".join(str(s) for s in self.session.network_config.sizes)
        data = self.session.data
        name = DATASET_NAMES.get(data.name, Path(str(data.name)).name) if data is not None else ""
        self.setWindowTitle(f"visualizer — {sizes}" + (f" on {name}" if name else ""))

    def _shortcuts(self) -> None:
        rows = [(a.text().replace("&", "").rstrip("…"), a.shortcut().toString(QKeySequence.NativeText))
                for a in (self.act_start, self.act_pause, self.act_step, self.act_stop, self.act_reset,
                          self.act_open, self.act_save, self.act_quit)]
        rows[1] = ("Pause / resume (starts when idle)", rows[1][1])
        dialogs.show_message(self, "info", "Keyboard shortcuts",
                             "\n".join(f"{keys:<12} {name}" for name, keys in rows))

    def _about(self) -> None:
        from visualizer import __version__

        dialogs.show_message(self, "info", "About visualizer",
                             f"visualizer {__version__}\n\nWatch a neural network learn handwritten digits, "
                             f"live, and look inside it.")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._closing = True
        self._close_download_dialog()
        ok = self.session.shutdown(2.0)
        if not ok:   # a very slow batch: better late than destroying a running thread (abort)
            log.warning("the training thread did not stop within 2 s; waiting for it")
            self.session.shutdown(30.0)
        self._keep_unsaved_model()
        try:
            self.save_settings()
        except Exception as exc:  # noqa: BLE001 - never block closing on settings
            log.warning("could not save settings: %s", exc)
        super().closeEvent(event)


def _home_relative(path: Path) -> str:
    """``path`` with the home folder written as ~ (shorter in messages)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _duration(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "–"
    if seconds < 10:
        return f"{seconds:.1f} s"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
