"""The "My digits" panel: teach the network your handwriting.

Draw a digit on the pad, then press its number here (a button, or a digit key
while the panel has focus): the drawing, as the network receives it (28x28),
is kept with its label in the user data folder (``core.userdigits``: MNIST IDX
files, written all-or-nothing; the dataset ``my-digits`` everywhere). The
panel shows the count of each digit and a thumbnail of each drawing (the ones
kept aside to test on are marked), removes the selected ones, exports them as
a folder of class folders of PNGs and imports such a folder (or an MNIST-format
one). "Fine-tune on my digits" continues training the current network on its
dataset plus these drawings (``app.finetune_run``) and shows the accuracy on
them and on the validation digits before and after, so what it forgot shows
too.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from visualizer.core import finetune
from visualizer.core.errors import VisualizerError
from visualizer.core.userdigits import EMPTY, DigitStore, as_image

from .. import dialogs
from ..finetune_run import FineTuneRun
from ..i18n import tr
from .closing import stop_on_close
from .exposure import LazyRefresh, set_text
from .qtimage import gray_image

THUMB = 42               # a thumbnail's side, pixels
PREVIEW = 56             # the pad's drawing, pixels


def _percent(x: float) -> str:
    return "–" if math.isnan(x) else f"{100 * x:.0f}%"


def report_html(report) -> str:
    """The before/after table of a ``FineTuneReport``."""
    b, a = report.before, report.after
    rows = [(tr("your digits"), b.mine, a.mine, b.counts[0]),
            (tr("your digits kept aside (never trained on)"), b.mine_held, a.mine_held, b.counts[1]),
            (tr("validation digits"), b.validation, a.validation, b.counts[2])]
    cells = "".join(f"<tr><td>{name}</td><td align=right>{_percent(x)}</td><td>&rarr;</td>"
                    f"<td align=right><b>{_percent(y)}</b></td><td align=right>&nbsp;({n:,})</td></tr>"
                    for name, x, y, n in rows)
    how = {"stopped": tr("stopped"), "diverged": tr("diverged"), "failed": tr("failed")}.get(report.reason, report.reason)
    ended = "" if report.reason == "completed" else tr(" (the run was {how})").format(how=how)
    head = tr("Accuracy before and after fine-tuning{ended}; each of your digits was repeated "
              "{r} times per epoch:").format(ended=ended, r=report.repeats)
    return f"{head}<table cellspacing=4>{cells}</table>"


class MyDigitsView(QWidget):
    """The panel (see the module docstring).

    Signals:
        changed(object)   Digits: what the store holds after each change
    """

    changed = Signal(object)

    def __init__(self, state, session=None, store: DigitStore | None = None, parent=None):
        super().__init__(parent)
        self.state = state
        self.session = session
        self.store = store
        self.digits = EMPTY
        self.runner = FineTuneRun(session, self) if session is not None else None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        if self.runner is not None:
            self.runner.reported.connect(self._on_report)
            self.runner.started.connect(self._on_started)
            self.runner.failed.connect(lambda text: self._say(text, error=True))
        self._thumbs_lazy = LazyRefresh(self, self._show_thumbs)
        self.reload()
        self._lazy = LazyRefresh(self, self._show_preview)
        state.trace_changed.connect(lambda _t: self._lazy.request())

    def exposed(self, visible: bool = True) -> None:
        """The dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)
        self._thumbs_lazy.exposed(visible)

    def _show_preview(self) -> None:
        x = self.state.pad_input
        if x is None or x.size != 784:
            self.preview.clear()
            return
        img = gray_image(as_image(x))
        self.preview.setPixmap(QPixmap.fromImage(img).scaled(PREVIEW, PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
                                                             Qt.TransformationMode.FastTransformation))

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        hint = QLabel(tr("Draw a digit on the pad, then press its number here (or type it while this panel "
                         "has focus) to keep it for teaching the network your handwriting."))
        hint.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        self.preview.setToolTip(tr("The drawing on the pad, as it will be kept (28x28)"))
        head = QHBoxLayout()
        head.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(hint, 1)
        grid = self._build_labels()
        self.total = QLabel("")
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setIconSize(QSize(THUMB, THUMB))
        self.thumbs.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.thumbs.setMovement(QListWidget.Movement.Static)
        self.thumbs.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.thumbs.setToolTip(tr("Your digits; the ones marked * are kept aside to test on"))
        self.thumbs.installEventFilter(self)
        files, tune = self._build_actions()
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        lay = QVBoxLayout(self)
        for part in (head, grid, self.total, self.thumbs, files, tune, self.result, self.status):
            (lay.addWidget if isinstance(part, QWidget) else lay.addLayout)(part)
        lay.setStretchFactor(self.thumbs, 1)

    def _build_labels(self) -> QGridLayout:
        """The ten label buttons (two rows of five, to fit the side panel) and each digit's count under it."""
        grid = QGridLayout()
        self.label_buttons, self.count_labels = [], []
        for d in range(10):
            b = QPushButton(str(d))
            b.setMinimumWidth(28)
            b.setMaximumWidth(44)
            b.setToolTip(tr("Keep the drawing on the pad as a {d}").format(d=d))
            b.clicked.connect(lambda _=False, d=d: self.label_drawing(d))
            count = QLabel("0")
            count.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            row, col = divmod(d, 5)
            grid.addWidget(b, 2 * row, col)
            grid.addWidget(count, 2 * row + 1, col)
            self.label_buttons.append(b)
            self.count_labels.append(count)
        return grid

    def _build_actions(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The file buttons (remove, import, export) and the fine-tuning row."""
        self.remove_button = self._button(tr("Remove"), tr("Remove the selected digits (Delete)"), self.remove_selected)
        self.import_button = self._button(tr("Import…"), tr("Add the digits of a folder of class folders 0-9 "
                                                            "of images, or of an MNIST-format folder"),
                                          self.import_folder)
        self.export_button = self._button(tr("Export…"), tr("Write your digits as a folder of class folders "
                                                            "of PNG images"), self.export_folder)
        files = QHBoxLayout()
        for b in (self.remove_button, self.import_button, self.export_button):
            files.addWidget(b)
        files.addStretch(1)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 50)
        self.epochs.setValue(finetune.FINE_TUNE_EPOCHS)
        self.epochs.setSuffix(tr(" epochs"))
        self.epochs.setToolTip(tr("How many epochs the fine-tuning trains"))
        self.tune_button = self._button(tr("Fine-tune on my digits"),
                                        tr("Continue training the current network on its dataset plus your "
                                           "digits (about a fifth of every epoch), then compare"), self.fine_tune)
        tune = QHBoxLayout()
        tune.addWidget(self.tune_button)
        tune.addWidget(self.epochs)
        tune.addStretch(1)
        return files, tune

    @staticmethod
    def _button(text: str, tip: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    # ---------------------------------------------------------------- the store
    def _store(self) -> DigitStore:
        if self.store is None:
            self.store = DigitStore()
        return self.store

    def reload(self) -> None:
        """Read the store again (e.g. at start) and show it; a defect is said, nothing is lost."""
        try:
            self._show(self._store().digits())
        except VisualizerError as exc:
            self._say(tr("Could not read your digits: {error}").format(error=exc), error=True)

    def _show(self, digits) -> None:
        self.digits = digits
        counts = digits.counts()
        for d, label in enumerate(self.count_labels):
            set_text(label, str(counts[d]))
        set_text(self.total, tr("%n digit(s) kept", None, len(digits)))
        self.total.setToolTip(str(self._store().folder))
        self._thumbs_lazy.request()          # thumbnails only while the panel is on screen
        self.changed.emit(digits)

    def _show_thumbs(self) -> None:
        digits = self.digits
        self.thumbs.clear()
        for i, (img, lab, held) in enumerate(zip(digits.images, digits.labels, digits.held_out)):
            item = QListWidgetItem(QIcon(QPixmap.fromImage(gray_image(img))), f"{lab}{'*' if held else ''}")
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.thumbs.addItem(item)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #d93025;" if error else "")
        set_text(self.status, text)

    def _change(self, action) -> bool:
        try:
            self._show(action())
        except VisualizerError as exc:
            self._say(str(exc), error=True)
            return False
        return True

    # ---------------------------------------------------------------- actions
    def label_drawing(self, digit: int) -> bool:
        """Keep the pad's drawing as ``digit``; False (and a message) when nothing is drawn."""
        x = self.state.pad_input
        if x is None or not np.any(x):
            self._say(tr("Draw a digit on the pad first, then press its number."), error=True)
            return False
        if self._change(lambda: self._store().add(as_image(x), int(digit))):
            self._say(tr("Kept as a {d}. Clear the pad and draw the next one.").format(d=digit))
            return True
        return False

    def remove_selected(self) -> None:
        rows = [int(it.data(Qt.ItemDataRole.UserRole)) for it in self.thumbs.selectedItems()]
        if not rows:
            self._say(tr("Select the digits to remove first."), error=True)
            return
        if self._change(lambda: self._store().remove(rows)):
            self._say(tr("Removed %n digit(s).", None, len(rows)))

    def import_folder(self) -> None:
        folder = dialogs.get_directory(self, tr("Import digits from a folder"), "")
        if folder:
            self.import_from(folder)

    def import_from(self, folder: str) -> bool:
        """Add a folder's digits: class folders 0-9 of images, or MNIST IDX files."""
        from visualizer.core.imagefolder import is_image_folder
        from pathlib import Path

        store, notes = self._store(), []

        def add():
            if is_image_folder(Path(folder)):
                n, skipped = store.import_images(folder, _decoder())
                notes.extend(skipped)
            else:
                n = store.import_from(folder)
            notes.insert(0, tr("Imported %n digit(s).", None, n))
            return store.digits()

        if self._change(add):
            self._say(" ".join(notes))
            return True
        return False

    def export_folder(self) -> None:
        folder = dialogs.get_directory(self, tr("Export your digits into a folder"), "")
        if folder:
            self.export_to(folder)

    def export_to(self, folder: str) -> bool:
        """Write the digits as a folder of class folders of PNGs."""
        try:
            out = self._store().export_images(folder)
        except VisualizerError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(tr("Exported %n digit(s) to {folder}.", None, len(self.digits)).format(folder=out))
        return True

    def fine_tune(self) -> bool:
        """Start fine-tuning on the digits kept; False (and the reason) when it cannot start."""
        if self.runner is None:
            return False
        why = self.runner.start(self.digits, self.epochs.value())
        if why:
            self._say(why, error=True)
        return not why

    def _on_started(self, repeats: int) -> None:
        set_text(self.result, "")
        self._say(tr("Fine-tuning: each of your digits is repeated {r} times per epoch. "
                     "Pause or Stop work as for any run.").format(r=repeats))

    def _on_report(self, report) -> None:
        set_text(self.result, report_html(report))
        self._say(tr("Fine-tuned. The network holds unsaved training: save it to keep it."))

    # ---------------------------------------------------------------- keys
    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.label_drawing(int(key) - int(Qt.Key.Key_0))
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        """Digit and Delete keys typed in the thumbnails act as in the panel."""
        if obj is self.thumbs and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.keyPressEvent(event)
                return True
        return False


def _decoder():
    from visualizer.imagefile import read_image

    return read_image



def install_dock(window, state) -> MyDigitsView:
    """Create the panel on ``state`` and ``window.session``, add it as the "mydigits" dock.

    It is a tab of the left side, beside the settings, so the learner labels drawings
    with the pad in view on the right (a tab beside the pad would hide the pad).
    """
    view = MyDigitsView(state, window.session)
    dock = window.add_dock("mydigits", tr("My digits"), view, Qt.DockWidgetArea.LeftDockWidgetArea)
    dock.visibilityChanged.connect(view.exposed)
    stop_on_close(window, lambda: view.runner is not None and view.runner.shutdown(1.0))
    window.my_digits_view = view
    return view
