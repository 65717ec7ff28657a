"""The main window: controls on the left, live curves in the centre, views in docks.

Contract with the views: ``MainWindow.session`` is the ``TrainingSession``;
``add_dock(key, title, widget, area)`` adds a view as a dock (docks in the same
area are tabbed unless ``tabify=False``); ``show_view(key)`` raises one.
``__init__`` calls ``visualizer.app.views.install(self)`` once, after the
session, the controls and the curves exist, then restores the remembered layout
(``window_settings``). Also for the views: ``theme`` ("light"/"dark") and
``theme_changed(str)``.

The window wires parts that live in their own modules: ``window_actions``
(actions, menus, toolbar), ``status`` / ``status_bar`` (what the status bar
says, and the bar), ``file_actions`` (open, save, export, the recovery offer,
asking before unsaved training is lost), ``data_actions`` (choosing and loading
a dataset) and ``window_settings`` (what is remembered between starts).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QStyle, QVBoxLayout, QWidget

from visualizer.core.config import NetworkConfig, TrainConfig

from . import dialogs, window_actions
from .banner import Banner
from .config_edits import ConfigEdits
from .controls import ControlPanel
from .curves import CurvesWidget
from .data_actions import DATASET_NAMES, DataActions, dataset_name
from .docks import Docks
from .file_actions import FileActions, dropped_model
from .i18n import tr
from .session import TrainingSession
from .status import StatusModel
from .status_bar import StatusBar
from .theme import THEMES, apply_theme
from .window_settings import APP, ORG, STATE_VERSION, WindowSettings, settings  # noqa: F401 - public names

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1366, 768)
CONTROLS_MIN_WIDTH = 280


def state_text(state: str) -> str:
    """What the status bar's pill says for the session's ``state`` ("running" -> "Training")."""
    texts = {"idle": tr("Ready"), "running": tr("Training"), "paused": tr("Paused"), "finished": tr("Finished"),
             "diverged": tr("Diverged"), "failed": tr("Failed"), "loading": tr("Loading data"),
             "stopped": tr("Stopped")}
    return texts.get(state, state.title())


class MainWindow(QMainWindow):
    """See the module docstring.

    Signal: ``theme_changed(str)`` -- "light" or "dark", after the palette changed.
    """

    theme_changed = Signal(str)

    def __init__(self, *, load_data: bool = True, restore: bool = True, persist: bool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowTabbedDocks | QMainWindow.AllowNestedDocks)
        self.setDocumentMode(True)
        self.setAcceptDrops(True)
        # persist: write what is remembered (by default only a window that restored it does)
        self.settings = WindowSettings(persist=restore if persist is None else persist)
        self.docks = Docks(self)
        self._theme_choice = "system"
        self.theme = "light"
        self._run_shown = False
        self.closing = False
        # closing keeps a trained, unsaved model in the recovery file (off for --screenshot)
        self.autosave_on_close = True
        network, train = self.settings.configs() if restore else (NetworkConfig(), TrainConfig())
        self.session = TrainingSession(network, train, self)
        self.files = FileActions(self)
        self.data_actions = DataActions(self)
        self.config_edits = ConfigEdits(self)
        self.status = StatusModel()
        self._build_central(network, train)
        window_actions.build(self)
        self._status_bar = StatusBar(self.statusBar())
        for name in ("state_label", "epoch_bar", "batch_bar", "rate_label", "eta_label", "metric_label",
                     "message_label"):
            setattr(self, name, getattr(self._status_bar, name))
        self._status_timer = QTimer(self, singleShot=True, interval=250)
        self._status_timer.timeout.connect(self._render_status)
        self._connect()
        self.set_theme(self.settings.theme() if restore else "system")
        hints = QApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda *_: self._theme_choice == "system" and self.set_theme("system"))
        from . import views
        views.install(self)
        self.resize(*DEFAULT_SIZE)
        self._default_state = self.saveState(STATE_VERSION)
        self.docks.apply_default_sizes()
        if restore:
            self.settings.restore_layout(self)
        self.update_title()
        self._on_state("idle")
        if load_data:
            spec = self.settings.dataset() if restore else "sample"
            QTimer.singleShot(0, lambda: self.load_dataset(spec, startup=True))

    def _build_central(self, network: NetworkConfig, train: TrainConfig) -> None:
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(6, 6, 6, 2)
        cl.setSpacing(6)
        self.banner = Banner()
        self.curves = CurvesWidget()
        cl.addWidget(self.banner)
        cl.addWidget(self.curves, 1)
        self.setCentralWidget(central)
        self.controls = ControlPanel()
        self.controls.set_configs(network, train)
        self.controls_dock = self.add_dock("controls", tr("Settings"), self.controls, Qt.LeftDockWidgetArea)
        self.controls_dock.setMinimumWidth(CONTROLS_MIN_WIDTH)

    # ------------------------------------------------------------------ docks (views contract)
    def add_dock(self, key: str, title: str, widget: QWidget, area=Qt.RightDockWidgetArea,
                 tabify: bool = True) -> QDockWidget:
        """Add ``widget`` as a movable, resizable dock named ``key`` (its layout is remembered)."""
        dock = self.docks.add(key, title, widget, area, tabify)
        if hasattr(self, "_panels_menu"):
            self._panels_menu.addAction(dock.toggleViewAction())
        return dock

    def show_view(self, key: str) -> None:
        """Show and raise the view ``key`` ("curves", "controls" or a dock added by the views)."""
        if key == "curves":
            self.curves.setFocus()
            return
        dock = self.docks.by_key.get(key)
        if dock is None:
            raise KeyError(f"unknown view {key!r}; known views: {', '.join(self.view_keys())}")
        dock.show()
        dock.raise_()
        dock.widget().setFocus()

    def view_keys(self) -> list[str]:
        return ["curves", *self.docks.by_key]

    def dock(self, key: str) -> QDockWidget:
        return self.docks.by_key[key]

    def _connect(self) -> None:
        s = self.session
        s.batches.connect(self._on_batches)
        s.epoch_ended.connect(self._on_epoch)
        s.settings_changed.connect(self.curves.mark_settings)
        s.settings_changed.connect(self._on_replanned)
        s.diverged.connect(self.curves.mark_diverged)
        s.state_changed.connect(self._on_state)
        s.failed.connect(self._on_failed)
        s.finished.connect(self._on_finished)
        s.history_changed.connect(self.curves.set_history)
        s.model_changed.connect(self._on_model_changed)
        s.evaluated.connect(self._on_evaluated)
        self.data_actions.connect()
        c = self.controls
        c.dataset_requested.connect(self.load_dataset)
        c.folder_requested.connect(self.open_folder)
        self.config_edits.connect()

    # ------------------------------------------------------------------ run control
    def start(self) -> None:
        if self.session.state == "paused":
            self.session.resume()
            return
        if self.banner.kind in ("error", "warning"):
            self.banner.dismiss()
        self.session.start()

    def reset(self) -> None:
        if self.session.is_active or not self.files.confirm_discard(tr("Starting over with new random weights")):
            return
        self.session.reset()
        self.banner.dismiss()
        self.flash(tr("New random weights: the network starts from scratch."), 4000)

    def flash(self, text: str, ms: int = 5000) -> None:
        """A message in the status bar for ``ms`` milliseconds (the state stays visible)."""
        self._status_bar.flash(text, ms)

    # ------------------------------------------------------------------ session signals
    def _on_batches(self, events) -> None:
        self.curves.add_batches(events)
        self.status.add_batches(events)
        if not self._status_timer.isActive():       # progress, speed, ETA: at most 4 times a second
            self._status_timer.start()

    def _render_status(self) -> None:
        self._status_bar.render(self.status.view())

    def _on_epoch(self, ev) -> None:
        self.curves.add_epoch(ev)
        self.status.end_epoch(ev)
        self._render_status()

    def _on_evaluated(self, ev) -> None:
        self.status.evaluated(ev.val_loss, ev.val_accuracy)
        self._render_status()

    def _on_replanned(self, ev) -> None:
        """Epochs changed mid-run: the status bar's target and the curves' x range follow."""
        epochs = dict(ev.changes).get("epochs")
        if epochs is not None:
            self.curves.plan(self.status.replan(int(epochs)))
            self._render_status()

    def _on_state(self, state: str) -> None:
        s = self.session
        active = s.is_active
        self.status.set_state(state)
        if active and not self._run_shown:          # a new run: progress starts from zero
            self.status.begin_run(s.epochs_done, s.train_config.epochs)
            self.curves.plan(s.epochs_done + s.train_config.epochs)
        self._run_shown = active
        self._update_actions(state)
        self.controls.set_training(active or s.loading)
        self._render_status()
        self._show_state_label()

    def _update_actions(self, state: str) -> None:
        s = self.session
        active, running, paused = s.is_active, state == "running", state == "paused"
        have_data = s.data is not None and not s.loading
        self.act_start.setEnabled(have_data and not active)
        self.act_start.setText(tr("Continue") if (s.epochs_done or s.step_count) and not active else tr("Start"))
        self.act_pause.setEnabled(running or paused)
        self.act_pause.setText(tr("Resume") if paused else tr("Pause"))
        icon = QStyle.SP_MediaPlay if paused else QStyle.SP_MediaPause
        self.act_pause.setProperty("standardIcon", int(icon.value) if hasattr(icon, "value") else int(icon))
        self.act_pause.setIcon(self.style().standardIcon(icon))
        self._space.setEnabled(not (running or paused) and have_data)
        self.act_step.setEnabled(have_data and (not active or paused))
        self.act_stop.setEnabled(active)
        self.act_reset.setEnabled(not active)
        self.act_open.setEnabled(not active)

    def refresh_state(self) -> None:
        """Actions, controls and the state label again (e.g. after the data changed)."""
        self._on_state(self.session.state)

    def _show_state_label(self) -> None:
        s = self.session
        label = "loading" if s.loading and not s.is_active else s.state
        fin = s.last_finished
        stopped = label == "finished" and fin is not None and fin.reason == "stopped"
        text = state_text("stopped" if stopped else label)
        self._status_bar.set_state(text, label, self.theme)

    def _on_finished(self, ev) -> None:
        message = self.status.finish(ev)
        self.curves.fit_view()
        self._on_state(self.session.state)
        if message:
            self.flash(message, 6000)

    def _set_lr(self, lr: float) -> None:
        """Change the learning rate now (as the divergence banner's button does)."""
        self.config_edits.set_lr(lr)

    def _on_failed(self, message: str) -> None:
        self.banner.show_message("error", message)
        self._on_state(self.session.state)

    def _on_model_changed(self, configs) -> None:
        network, train = configs
        self.controls.set_configs(network, train)
        self.status.clear()            # reset, rebuilt or opened: nothing said about earlier runs holds
        self.update_title()
        self.settings.save_configs(network, train)
        self._on_state(self.session.state)

    # ------------------------------------------------------------------ data and files (see their modules)
    def load_dataset(self, spec: str, startup: bool = False) -> None:
        """Load ``spec`` ("sample", "mnist", "fashion" or a folder); downloads show a dialog."""
        self.data_actions.load_dataset(spec, startup)

    def open_folder(self) -> None:
        self.data_actions.open_folder()

    def open_model(self) -> bool:
        return self.files.open_model()

    def open_model_path(self, path: str) -> bool:
        """Open the model file ``path`` (File > Open, a dropped .npz, ``--model``)."""
        return self.files.open_model_path(path)

    def save_model(self) -> bool:
        return self.files.save_model()

    def export_png(self) -> bool:
        data = self.session.data
        return self.files.export(tr("Export curves as PNG"), "curves.png", tr("PNG images (*.png)"), lambda path: (
            self.curves.export_png(path, network=self.session.network_config.sizes,
                                   dataset=dataset_name(data.name) if data is not None else None)))

    def export_csv(self) -> bool:
        return self.files.export(tr("Export metrics as CSV"), "metrics.csv", tr("CSV files (*.csv)"),
                                 self.curves.export_csv)

    def offer_recovery(self, note: str = "") -> bool:
        """Offer the model kept from the last session in the banner; True when there is one."""
        return self.files.offer_recovery(note)

    # a .npz dropped anywhere on the window (outside views that take drops themselves) opens it
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if dropped_model(event) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        path = dropped_model(event)
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.open_model_path(path)

    # ------------------------------------------------------------------ theme, layout, title
    def set_theme(self, choice: str) -> None:
        """"system" (follow the platform), "light" or "dark"."""
        self._theme_choice = choice if choice in THEMES else "system"
        self.theme = apply_theme(QApplication.instance(), self._theme_choice)
        self.theme_actions[self._theme_choice].setChecked(True)
        window_actions.refresh_icons(self)
        self.curves.set_theme(self.theme)
        self.banner.set_theme(self.theme)
        if hasattr(self, "_status_bar"):
            self._status_bar.set_theme(self.theme)
            self._show_state_label()
        self.settings.set("theme", self._theme_choice)
        self.theme_changed.emit(self.theme)

    @property
    def theme_choice(self) -> str:
        return self._theme_choice

    def reset_layout(self) -> None:
        self.docks.reset(self._default_state, STATE_VERSION)

    def save_settings(self) -> None:
        self.settings.save_window(self, self.session.network_config, self.session.train_config, self._theme_choice)

    def update_title(self) -> None:
        """"784-128-64-10 on MNIST sample — visualizer" (the platform adds nothing more)."""
        sizes = "-".join(str(s) for s in self.session.network_config.sizes)
        data = self.session.data
        title = (tr("{network} on {dataset}").format(network=sizes, dataset=dataset_name(data.name))
                 if data is not None else sizes)
        self.setWindowTitle(f"{title} — {APP}")

    def show_shortcuts(self) -> None:
        dialogs.show_message(self, "info", tr("Keyboard shortcuts"),
                             window_actions.shortcuts_html(window_actions.shortcut_rows(self)))

    def show_about(self) -> None:
        from visualizer import __version__

        dialogs.show_message(self, "info", tr("About visualizer"),
                             f"visualizer {__version__}\n\n"
                             + tr("Watch a neural network learn handwritten digits, live, and look inside it."))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if hasattr(self, "compare") and not self.compare.confirm_close():    # an unsaved twin: asked
            event.ignore()
            return
        self.closing = True
        self.data_actions.close_download_dialog()
        ok = self.session.shutdown(2.0)
        if not ok:   # a very slow batch: better late than destroying a running thread (abort)
            log.warning("the training thread did not stop within 2 s; waiting for it")
            self.session.shutdown(30.0)
        if self.autosave_on_close:
            self.files.keep_unsaved_model()
        try:
            self.save_settings()
        except Exception as exc:  # noqa: BLE001 - never block closing on settings
            log.warning("could not save settings: %s", exc)
        super().closeEvent(event)


__all__ = ["MainWindow", "settings", "DATASET_NAMES", "ORG", "APP", "STATE_VERSION"]
