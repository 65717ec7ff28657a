"""Every modal interaction of the app goes through these functions.

Tests monkeypatch them (``monkeypatch.setattr(dialogs, "get_open_path", ...)``)
so nothing ever blocks; callers must use them as ``dialogs.show_message(...)``
(module attribute), never ``from .dialogs import show_message``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from .i18n import tr


def model_filter() -> str:
    """The file dialogs' filter for model files."""
    return tr("Visualizer models (*.npz);;All files (*)")


def show_message(parent: QWidget | None, kind: str, title: str, text: str) -> None:
    """A modal message box; ``kind`` is "info" | "warning" | "error"."""
    box = {"info": QMessageBox.information, "warning": QMessageBox.warning,
           "error": QMessageBox.critical}.get(kind, QMessageBox.information)
    box(parent, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    return answer == QMessageBox.Yes


def ask_choice(parent: QWidget | None, title: str, text: str, choices: tuple[str, ...],
               details: str = "") -> str | None:
    """A question with one button per choice and Cancel: the chosen label, or None for Cancel."""
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Cancel, parent)
    buttons = {box.addButton(label, QMessageBox.AcceptRole): label for label in choices}
    if choices:
        box.setDefaultButton(next(iter(buttons)))
    if details:
        box.setDetailedText(details)
    box.exec()
    return buttons.get(box.clickedButton())


def show_details(parent: QWidget | None, kind: str, title: str, text: str, details: str) -> None:
    """A modal message whose ``details`` are one click away (the "Show Details..." button)."""
    icon = {"info": QMessageBox.Information, "warning": QMessageBox.Warning,
            "error": QMessageBox.Critical}.get(kind, QMessageBox.Information)
    box = QMessageBox(icon, title, text, QMessageBox.Ok, parent)
    box.setDetailedText(details)
    box.exec()


def get_open_path(parent: QWidget | None, caption: str, directory: str, filter: str) -> str:
    """A file to open ("" when cancelled)."""
    path, _ = QFileDialog.getOpenFileName(parent, caption, directory, filter)
    return path


def get_save_path(parent: QWidget | None, caption: str, directory: str, filter: str) -> str:
    """A file to write ("" when cancelled)."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, directory, filter)
    return path


def get_directory(parent: QWidget | None, caption: str, directory: str) -> str:
    """A folder ("" when cancelled)."""
    return QFileDialog.getExistingDirectory(parent, caption, directory)
