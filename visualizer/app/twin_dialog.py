"""The "Run a twin" dialog: choose the ONE setting the twin changes, and its value.

The settings offered are ``twin_settings.TWIN_SETTINGS`` (activation,
optimizer, learning rate, dropout, augmentation, batch size, hidden layers);
the value list offers the usual choices, starts at ``twin_settings.suggest``'s
and accepts a typed value ("0.05", "256, 128"). A value that is not valid
stays in the dialog with the reason beneath it, so nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from visualizer.core.errors import ConfigError

from .config_diff import format_value
from .i18n import tr
from .twin_settings import TWIN_SETTINGS, current_value, parse_value, suggest, with_setting


def setting_names() -> dict[str, str]:
    return {"activation": tr("Activation"), "optimizer": tr("Optimizer"), "lr": tr("Learning rate"),
            "dropout": tr("Dropout"), "augment": tr("Augmentation"), "batch_size": tr("Batch size"),
            "hidden": tr("Hidden layers")}


class TwinDialog(QDialog):
    """See the module docstring; ``choice()`` is the (key, value) accepted."""

    def __init__(self, network, train, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Run a twin"))
        self._network, self._train = network, train
        self.setting = QComboBox()
        for key, name in setting_names().items():
            self.setting.addItem(name, key)
        self.value = QComboBox()
        self.value.setEditable(True)
        self.value.setMinimumWidth(160)
        self.current = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d93025;")
        intro = QLabel(tr("A twin trains a second network beside this one, on the same images with the "
                          "same seed, with one setting changed. Both train live; their curves are "
                          "drawn together."))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Change"), self.setting)
        form.addRow(tr("Now"), self.current)
        form.addRow(tr("Twin"), self.value)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Run the twin"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (intro,):
            lay.addWidget(w)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setting.currentIndexChanged.connect(self._fill_values)
        self._fill_values()
        self._choice = None

    @property
    def key(self) -> str:
        return self.setting.currentData()

    def _fill_values(self) -> None:
        key = self.key
        field = TWIN_SETTINGS[key][1]
        self.current.setText(format_value(field, current_value(key, self._network, self._train)))
        self.value.clear()
        for v in TWIN_SETTINGS[key][2]:
            self.value.addItem(format_value(field, v), v)
        want = suggest(key, self._network, self._train)
        i = self.value.findData(want)
        if i < 0:
            self.value.insertItem(0, format_value(field, want), want)
            i = 0
        self.value.setCurrentIndex(i)
        self.error.clear()

    def select(self, key: str, text: str) -> None:
        """Choose ``key`` and type ``text`` as its value (tests, and a remembered choice)."""
        self.setting.setCurrentIndex(self.setting.findData(key))
        self.value.setEditText(text)

    def chosen(self):
        """(key, value) as the dialog stands; raises ConfigError for an invalid value or no change."""
        key, text = self.key, self.value.currentText()
        i = self.value.findText(text)
        value = self.value.itemData(i) if i >= 0 else parse_value(key, text)
        network, train = with_setting(self._network, self._train, key, value)
        if (network, train) == (self._network, self._train):
            raise ConfigError(tr("The twin would be the same network: choose another value."))
        return key, value

    def _accept(self) -> None:
        try:
            self._choice = self.chosen()
        except ConfigError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def choice(self):
        return self._choice


def ask_twin(parent, network, train):
    """Show the dialog; the (key, value) chosen, or None when cancelled."""
    dialog = TwinDialog(network, train, parent)
    return dialog.choice() if dialog.exec() == QDialog.Accepted else None
