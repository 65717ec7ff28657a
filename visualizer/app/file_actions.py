"""The window's files: open, save, export, the recovery offer, and never losing unsaved training.

``FileActions(window)`` does what File > Open / Save / Export and the recovery
banner do; ``MainWindow`` keeps thin methods of the same names. Every dialog goes
through ``dialogs`` (tests replace it). What is decided without Qt lives in
``recovery`` (the offer) and ``messages`` (error sentences).

Unsaved training (``TrainingSession.dirty``) is never dropped without asking:
``confirm_discard(what)`` asks Save / Discard / Cancel before opening another
model, resetting, changing the architecture or the dataset. A write that fails
(a full disk, no permission) names the path and the reason, and loses nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer

from visualizer.core.errors import VisualizerError

from . import dialogs, recovery
from .i18n import tr
from .messages import write_error

log = logging.getLogger(__name__)


class FileActions:
    """See the module docstring."""

    def __init__(self, window) -> None:
        self.window = window
        self.model_dir = ""
        self.export_dir = ""

    @property
    def session(self):
        return self.window.session

    def _error(self, title: str, text: str) -> None:
        dialogs.show_message(self.window, "error", title, text)

    # ------------------------------------------------------------------ unsaved training
    def confirm_discard(self, what: str) -> bool:
        """True when nothing unsaved would be lost by ``what`` ("Opening another model"...), or the
        person saved it or chose to discard it; False when they cancelled (or saving failed)."""
        s = self.session
        if not s.dirty:
            return True
        trained = (tr("%n epoch(s)", None, s.epochs_done) if s.epochs_done
                   else tr("%n batch(es)", None, s.live_step))
        save, discard = tr("Save…"), tr("Discard")
        choice = dialogs.ask_choice(
            self.window, tr("Unsaved training"),
            tr("The network's training ({trained}) is not saved in any file. {what} would discard it.\n\n"
               "Save it first?").format(trained=trained, what=what), (save, discard))
        if choice == save:
            return self.save_model()
        return choice == discard

    # ------------------------------------------------------------------ open
    def open_model(self) -> bool:
        if self.session.is_active or not self.confirm_discard(tr("Opening another model")):
            return False
        path = dialogs.get_open_path(self.window, tr("Open model"), self.model_dir or str(Path.home()),
                                     dialogs.model_filter())
        return bool(path) and self.open_model_path(path, ask=False)

    def open_model_path(self, path: str, ask: bool = True) -> bool:
        """Open the model file ``path``; asks first when unsaved training would be replaced."""
        w = self.window
        if self.session.is_active:
            w.banner.show_message("warning", tr("Stop training before opening another model."))
            return False
        if ask and not self.confirm_discard(tr("Opening another model")):
            return False
        try:
            saved = self.session.load_model(path)
        except VisualizerError as exc:
            return self._open_failed(str(exc))
        except OSError as exc:
            return self._open_failed(f"{path}: {exc.strerror or exc}")
        except MemoryError:
            return self._open_failed(tr("{path}: the model is too large to open (its weights do not fit in the "
                                        "memory available)").format(path=path))
        except Exception as exc:  # noqa: BLE001 - a file with values no model can have
            log.warning("opening %s failed", path, exc_info=True)
            return self._open_failed(tr("{path}: the file holds values no model can have ({error})").format(
                path=path, error=type(exc).__name__))
        self.model_dir = str(Path(path).parent)
        w.banner.dismiss()
        w.flash(tr("Opened {name}: %n epoch(s) trained.", None, saved.epochs_done).format(name=Path(path).name),
                6000)
        w.data_actions.model_opened(saved.dataset)
        return True

    def _open_failed(self, text: str) -> bool:
        self._error(tr("Could not open the model"), text)
        return False

    # ------------------------------------------------------------------ save, export
    def _ask_path(self, caption: str, folder: str, name: str, filter: str) -> str:
        path = dialogs.get_save_path(self.window, caption, str(Path(folder or Path.home()) / name), filter)
        if path and not Path(path).suffix:
            path += Path(name).suffix
        return path

    def save_model(self) -> bool:
        path = self._ask_path(tr("Save model"), self.model_dir, "model.npz", dialogs.model_filter())
        if not path:
            return False
        try:
            self.session.save_model(path)
        except VisualizerError as exc:
            self._error(tr("Could not save the model"), str(exc))
            return False
        except OSError as exc:
            self._error(tr("Could not save the model"), write_error(path, exc) + " "
                        + tr("The model is unchanged; save it somewhere else."))
            return False
        self.model_dir = str(Path(path).parent)
        self.window.flash(tr("Saved {path}").format(path=path), 6000)
        return True

    def export(self, caption: str, name: str, filter: str, write) -> bool:
        path = self._ask_path(caption, self.export_dir, name, filter)
        if not path:
            return False
        try:
            write(path)
        except (OSError, VisualizerError) as exc:
            self._error(caption, write_error(path, exc) if isinstance(exc, OSError) else str(exc))
            return False
        self.export_dir = str(Path(path).parent)
        self.window.flash(tr("Saved {path}").format(path=path), 6000)
        return True

    # ------------------------------------------------------------------ recovery
    def offer_recovery(self, note: str = "") -> bool:
        """Show the recovery offer in the banner (``recovery.offer``); True when there was a file."""
        offer = recovery.offer(note)
        if offer is None:
            return False
        handlers = {"Open it": self._recovery_open, "Save as…": self._recovery_save_as,
                    "Discard": self._recovery_discard}
        shown = {"Open it": tr("Open it"), "Save as…": tr("Save as…"), "Discard": tr("Discard")}
        self.window.banner.show_message(
            offer.kind, offer.text,
            tuple((shown[label], lambda *_, fn=handlers[label]: fn(offer.path)) for label in offer.actions))
        return True

    def _offer_again(self, note: str = "") -> None:
        # the banner closes after its button: offer again once it did
        QTimer.singleShot(0, lambda: self.offer_recovery(note))

    def _recovery_open(self, path: Path) -> bool:
        if self.session.is_active:
            self._offer_again(tr("Stop training first to open it."))
            return False
        model_dir = self.model_dir
        if not self.open_model_path(str(path)):
            self._offer_again()
            return False
        self.model_dir = model_dir          # the app data folder is no place to save models
        recovery.discard(path)
        self.session.mark_dirty()           # in no file now: closing keeps it, replacing it asks
        self.window.flash(tr("Opened the unsaved model from the last session. Save it (Ctrl+S) to keep it."),
                          8000)
        return True

    def _recovery_save_as(self, path: Path) -> bool:
        target = self._ask_path(tr("Save the unsaved model from the last session"), self.model_dir, "model.npz",
                                dialogs.model_filter())
        if not target:
            self._offer_again()             # still there: keep offering it
            return False
        try:
            recovery.save_as(path, target)
        except OSError as exc:
            self._error(tr("Could not save the model"), write_error(target, exc))
            self._offer_again()
            return False
        self.model_dir = str(Path(target).parent)
        self.window.flash(tr("Saved the model from the last session to {path}").format(path=target), 6000)
        return True

    def _recovery_discard(self, path: Path) -> None:
        recovery.discard(path)
        self.window.flash(tr("Discarded the unsaved model from the last session."), 5000)

    def keep_unsaved_model(self) -> None:
        """Closing: write unsaved training to the recovery file; when that fails, say where and why
        and offer to save it elsewhere (never raises)."""
        try:
            path = recovery.write(self.session)
        except Exception as exc:  # noqa: BLE001 - never block closing; say why
            log.warning("could not keep the unsaved model: %s", exc)
            self._keep_failed(exc)
            return
        if path is not None:
            log.info("kept the unsaved model in %s", path)

    def _keep_failed(self, exc: Exception) -> None:
        where = recovery.recovery_path()
        reason = write_error(where, exc) if isinstance(exc, OSError) else f"{where}: {exc}"
        text = tr("Your unsaved model could not be kept for the next start.") + " " + reason
        save_as = tr("Save as…")
        while True:
            choice = dialogs.ask_choice(self.window, tr("Unsaved model not kept"), text,
                                        (save_as, tr("Quit without saving")))
            if choice != save_as:
                return
            try:
                if self.save_model():
                    return
            except Exception as err:  # noqa: BLE001 - closing must go on
                log.warning("saving at close failed: %s", err)
                return


def dropped_model(event) -> str | None:
    """The path of the one local ``.npz`` file a drag or drop event carries, else None."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) == 1 and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".npz"):
        return urls[0].toLocalFile()
    return None
