"""Choosing and loading a dataset from the window: the download dialog, the data panel, failures.

``DataActions(window)`` is what the dataset chooser, Open folder and a model's
recorded dataset lead to; ``MainWindow.load_dataset`` hands over to it. Open
folder takes a folder of MNIST files or a folder of class folders of images
(``core.imagefolder``, read with ``visualizer.imagefile.read_image``, which
this installs as the image reader); preparing the images shows a progress
dialog that can cancel, and the files skipped are told in a banner that does
not block. A network's outputs follow the dataset's classes: a fresh network
gets one output per class of the data loaded.

A network belongs to the dataset it was trained on (its outputs are that
dataset's classes): switching the dataset of a trained network asks first and
then starts a new network on the new data; Cancel keeps the old dataset. A
failed load keeps what was loaded, says so in plain words (details one click
away) and puts the data panel back to the dataset still in use.
"""

from __future__ import annotations

import dataclasses
import html
import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from . import dialogs
from .i18n import count, tr
from .messages import data_error

DATASET_NAMES = {"sample": "MNIST sample", "mnist": "MNIST", "fashion": "Fashion-MNIST"}
"""The built-in datasets by spec (their names as the command line says them)."""


def dataset_name(spec: str) -> str:
    """"MNIST sample", "Fashion-MNIST", or a folder's own name (in the window's language)."""
    if spec == "sample":
        return tr("MNIST sample")
    return DATASET_NAMES.get(spec, Path(str(spec)).name or str(spec))


def data_info(bundle) -> str:
    """The data panel's line about a loaded ``DataBundle`` (HTML)."""
    return tr("<b>{name}</b>: {train} training · {val} validation · {test} test images").format(
        name=html.escape(dataset_name(bundle.name)), train=count(len(bundle.y_train)),
        val=count(len(bundle.y_val)), test=count(len(bundle.dataset.y_test)))


def _is_image_folder(spec: str) -> bool:
    """A folder of class folders of images (and not of MNIST files)?"""
    from visualizer.core.dataset import is_image_dataset
    from visualizer.core.errors import DataError

    path = Path(os.path.expanduser(str(spec)))
    try:
        return path.is_dir() and is_image_dataset(path)
    except DataError:                       # cannot be listed: loading it says why
        return False


class DataActions:
    """See the module docstring."""

    def __init__(self, window) -> None:
        from visualizer.core import imagefolder
        from visualizer.imagefile import read_image

        imagefolder.use_decoder(read_image)
        self.window = window
        self.download_dialog: QProgressDialog | None = None
        self._updating = False                          # inside _on_progress
        self._new_network_from: str | None = None    # switching away from this dataset: a new network

    @property
    def session(self):
        return self.window.session

    def connect(self) -> None:
        s = self.session
        s.data_changed.connect(self._on_data)
        s.data_loading.connect(self._on_loading)
        s.data_progress.connect(self._on_progress)
        s.data_failed.connect(self._on_failed)

    # ------------------------------------------------------------------ choosing
    def load_dataset(self, spec: str, startup: bool = False, ask: bool = True) -> None:
        """Load ``spec`` ("sample", "mnist", "fashion" or a folder); downloads show a dialog.

        With ``ask``, a trained network asks before it is replaced by a new one for ``spec``.
        """
        w, s = self.window, self.session
        if s.is_active or w.closing:        # e.g. the startup load after an early close
            return
        if ask and not startup and not self._confirm_switch(spec):
            if s.data is not None:
                w.controls.set_dataset(s.data.name)
            return
        if spec in ("mnist", "fashion"):
            from visualizer.core.dataset import is_cached

            if not is_cached(spec):
                if startup:
                    spec = "sample"
                else:
                    self._show_download_dialog(spec)
        elif _is_image_folder(spec):
            self._show_download_dialog(spec, preparing=True)
        w.controls.set_dataset(spec)
        s.load_data(spec)

    def _confirm_switch(self, spec: str) -> bool:
        s = self.session
        current = s.data.name if s.data is not None else None
        if current is None or spec == current or (s.live_step == 0 and not s.dirty):
            return True
        old, new = dataset_name(current), dataset_name(spec)
        save = tr("Save and switch…")
        choices = (save, tr("Switch without saving")) if s.dirty else (tr("Start a new network"),)
        choice = dialogs.ask_choice(
            self.window, tr("Switch dataset"),
            tr("The network was trained on {old}: its outputs are {old}'s classes, so on {new} it would "
               "only guess. Switching to {new} starts a new network with fresh random weights.").format(
                old=old, new=new)
            + ("\n\n" + tr("Its training is not saved in any file.") if s.dirty else ""), choices)
        if choice is None:
            return False
        if choice == save and not self.window.files.save_model():
            return False
        self._new_network_from = current
        return True

    def open_folder(self) -> None:
        path = dialogs.get_directory(self.window, tr("Open a dataset folder: MNIST files, or class folders "
                                                     "of images"), str(Path.home()))
        if path:
            self.load_dataset(path)

    def model_opened(self, dataset: str) -> None:
        """A model was opened: load the dataset it was trained on when that is at hand."""
        self._new_network_from = None
        s = self.session
        if not dataset or (s.data is not None and dataset == s.data.name):
            return
        if dataset in DATASET_NAMES:
            from visualizer.core.dataset import is_cached

            if is_cached(dataset):
                self.load_dataset(dataset, ask=False)
        elif _is_image_folder(dataset):     # the model's own classes are that folder's
            self.load_dataset(dataset, ask=False)

    # ------------------------------------------------------------------ download dialog
    def _show_download_dialog(self, spec: str, preparing: bool = False) -> None:
        """The progress of a download, or (``preparing``) of an image folder's images."""
        self.close_download_dialog()                   # a load replaced by another: one dialog
        name = dataset_name(spec)
        text = (tr("Preparing the images of {name}…").format(name=name) if preparing else
                tr("Downloading {name}…\nIt is kept on disk, so this happens only once.").format(name=name))
        dlg = QProgressDialog(text, tr("Cancel"), 0, 0, self.window)
        dlg.setWindowTitle(tr("Preparing images") if preparing else tr("Downloading data"))
        # a modal dialog's setValue runs the event loop, where the prepared data can arrive and
        # close it mid-call (Qt crashed so): preparing, which reports every file, is not modal
        dlg.setWindowModality(Qt.NonModal if preparing else Qt.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.session.cancel_loading)
        dlg.setProperty("preparing", preparing)
        dlg.show()
        self.download_dialog = dlg

    def close_download_dialog(self) -> None:
        if self.download_dialog is not None:
            dlg, self.download_dialog = self.download_dialog, None
            dlg.canceled.disconnect()
            if self._updating:          # inside the dialog's own setValue (it runs the event loop)
                QTimer.singleShot(0, dlg.close)
                QTimer.singleShot(0, dlg.deleteLater)
                return
            dlg.close()
            dlg.deleteLater()

    # ------------------------------------------------------------------ session signals
    def _on_loading(self, spec: str) -> None:
        self.window.controls.set_data_info(tr("Loading…"))
        self.window.refresh_state()

    def _on_progress(self, progress) -> None:
        """A modal progress dialog's setValue runs the event loop, where the data can arrive and
        close the dialog: it is closed after setValue returns (``_updating``)."""
        self._updating = True
        try:
            self._show_progress(*progress)
        finally:
            self._updating = False

    def _show_progress(self, done: int, total: int | None) -> None:
        dlg = self.download_dialog
        if dlg is not None and dlg.property("preparing"):
            if total:
                dlg.setRange(0, int(total))
                dlg.setValue(int(done))
                dlg.setLabelText(tr("Preparing images… {done} of {total}").format(done=count(done),
                                                                                   total=count(total)))
        elif dlg is not None:
            if total:
                dlg.setRange(0, 1000)
                dlg.setValue(int(1000 * done / total))
                dlg.setLabelText(tr("Downloading… {done} of {total} MB").format(done=f"{done / 1e6:.1f}",
                                                                                 total=f"{total / 1e6:.1f}"))
            else:
                dlg.setLabelText(tr("Downloading… {done} MB").format(done=f"{done / 1e6:.1f}"))

    def _on_data(self, bundle) -> None:
        w = self.window
        self.close_download_dialog()
        old, self._new_network_from = self._new_network_from, None
        if old is not None and bundle.name != old and not self.session.is_active:
            self.session.reset()            # the old network's classes are not this dataset's
            w.flash(tr("New network for {name}: fresh random weights.").format(name=dataset_name(bundle.name)),
                    6000)
        self._match_outputs(bundle, old is not None)
        spec = bundle.name
        w.controls.set_dataset(spec)
        w.controls.set_data_info(data_info(bundle))
        notes = tuple(getattr(bundle.dataset, "notes", ()))
        if notes:
            w.banner.show_message("info", "<br>".join(html.escape(n) for n in notes))
        w.settings.set("dataset", spec if spec in DATASET_NAMES or os.path.isdir(str(spec)) else "sample")
        w.update_title()
        w.refresh_state()

    def _match_outputs(self, bundle, switching: bool) -> None:
        """Give a network that holds no training one output per class of ``bundle``; a trained one
        that does not fit keeps its weights and a banner says what to do."""
        s = self.session
        k = len(bundle.class_names)
        net = s.network_config
        if k == net.n_classes or s.is_active:
            return
        fit = dataclasses.replace(net, n_classes=k)
        if switching or (s.live_step == 0 and not s.dirty):
            s.set_network_config(fit)
            return

        def new_network() -> None:
            if not s.is_active and self.window.files.confirm_discard(tr("A new network")):
                s.set_network_config(fit)

        self.window.banner.show_message(
            "warning", html.escape(tr("The network has {outputs} outputs but {name} has {k} classes: it cannot "
                                      "learn them.").format(outputs=net.n_classes,
                                                            name=dataset_name(bundle.name), k=k)),
            ((tr("New network for these classes"), new_network),))

    def _on_failed(self, message: str) -> None:
        w = self.window
        self.close_download_dialog()
        self._new_network_from = None
        said = data_error(message)
        actions = ()
        if said.details:
            actions = ((tr("Details…"), lambda: dialogs.show_details(w, "warning", tr("Loading the dataset failed"),
                                                                     said.headline, said.details)),)
        w.banner.show_message("warning", html.escape(said.headline), actions)
        if self.session.data is not None:
            w.controls.set_dataset(self.session.data.name)
            w.controls.set_data_info(data_info(self.session.data))
        w.refresh_state()
