"""The control panel: dataset, architecture, optimizer and regularization settings.

Every control carries a tooltip that explains its concept in one sentence a
learner understands (control_texts.py). The panel only edits configurations;
the window hands them to the session:

    dataset_requested(str)    "sample" | "mnist" | "fashion" | a folder path
    folder_requested()        the person wants to pick a data folder
    network_edited(object)    NetworkConfig (a new architecture: fresh weights)
    train_edited(object)      TrainConfig (live settings apply mid-run)

``set_training(True)`` locks what cannot change mid-run: everything except the
live settings (``core.control.LIVE_SETTINGS``: learning rate, momentum, L2 and
dropout); each locked control's tooltip then says why. The ranges are the
limits of ``core.config``, which the command line has too.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QSpinBox,
                               QVBoxLayout, QWidget)

from visualizer.core.config import (ACTIVATIONS, INITS, MAX_EPOCHS, OPTIMIZERS, SCHEDULES, NetworkConfig,
                                    TrainConfig)
from visualizer.core.control import LIVE_SETTINGS

from .control_texts import (ACTIVATION_NAMES, ACTIVATION_TIPS, DATASETS, INIT_NAMES, LOCKED,
                            OPTIMIZER_NAMES, OPTIMIZER_TIPS, SCHEDULE_NAMES, TIPS)
from .control_widgets import BatchSizeSpin, HiddenLayersEdit, LearningRateEdit, label, tip

__all__ = ["ControlPanel", "HiddenLayersEdit", "LearningRateEdit", "BatchSizeSpin", "DATASETS"]


def _spin(low: int, high: int, cls=QSpinBox) -> QSpinBox:
    spin = cls()
    spin.setRange(low, high)
    spin.setKeyboardTracking(False)
    return spin


def _fraction(high: float, decimals: int, step: float, off: bool = True) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, high)
    spin.setDecimals(decimals)
    spin.setSingleStep(step)
    spin.setKeyboardTracking(False)
    if off:
        spin.setSpecialValueText("off")
    return spin


def _combo(items) -> QComboBox:
    """A combo box of (data, text, tooltip) items."""
    combo = QComboBox()
    for data, text, tooltip in items:
        combo.addItem(text, data)
        if tooltip:
            combo.setItemData(combo.count() - 1, tooltip, Qt.ToolTipRole)
    return combo


class ControlPanel(QScrollArea):
    """See the module docstring."""

    dataset_requested = Signal(str)
    folder_requested = Signal()
    network_edited = Signal(object)
    train_edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controlPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self._network = NetworkConfig()
        self._train = TrainConfig()
        self._updating = False
        self._training = False
        self._fields: dict[str, tuple[QWidget, QLabel | None]] = {}   # setting -> (control, its label)
        inner = QWidget()
        inner.setObjectName("controlPanelInner")
        self.setWidget(inner)
        col = QVBoxLayout(inner)
        col.setContentsMargins(8, 4, 8, 8)
        col.setSpacing(4)
        for build in (self._build_data, self._build_network, self._build_training, self._build_regularization):
            col.addWidget(build())
        col.addStretch(1)
        self._lr_timer = QTimer(self)
        self._lr_timer.setSingleShot(True)
        self._lr_timer.setInterval(250)
        self._lr_timer.timeout.connect(self._emit_train)
        self._compact()
        self.set_configs(self._network, self._train)
        self._connect()

    # ------------------------------------------------------------------ building
    def _row(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        """A labelled form row for setting ``key``: both explain it (``TIPS[key]``)."""
        tip(widget, TIPS[key])
        lab = label(text, TIPS[key]) if text else None
        if lab is None:
            form.addRow("", widget)
        else:
            form.addRow(lab, widget)
        self._fields[key] = (widget, lab)

    def _build_data(self) -> QGroupBox:
        box = QGroupBox("Data")
        form = self._form(box)
        self.dataset = _combo(DATASETS)
        self.open_folder = QPushButton("Open folder…")
        self.data_info = QLabel("Loading…")
        self.data_info.setWordWrap(True)
        self.data_info.setObjectName("dataInfo")
        tip(self.data_info, TIPS["data_info"])
        self._row(form, "dataset", "Dataset", self.dataset)
        self._row(form, "open_folder", "", self.open_folder)
        form.addRow(self.data_info)
        return box

    def _build_network(self) -> QGroupBox:
        box = QGroupBox("Network")
        form = self._form(box)
        self.layers = HiddenLayersEdit()
        self.activation = _combo((k, ACTIVATION_NAMES[k], ACTIVATION_TIPS[k]) for k in ACTIVATIONS)
        self.init = _combo((k, INIT_NAMES[k], "") for k in INITS)
        self.arch_info = QLabel()
        self.arch_info.setObjectName("archInfo")
        self.arch_info.setWordWrap(True)             # 8 hidden layers do not fit one line
        tip(self.arch_info, TIPS["arch_info"])
        self._row(form, "layers", "Layers", self.layers)
        self._row(form, "activation", "Activation", self.activation)
        self._row(form, "init", "Init", self.init)
        form.addRow(self.arch_info)
        return box

    def _build_training(self) -> QGroupBox:
        box = QGroupBox("Training")
        form = self._form(box)
        self.optimizer = _combo((k, OPTIMIZER_NAMES.get(k, k), OPTIMIZER_TIPS.get(k, "")) for k in OPTIMIZERS)
        self.lr = LearningRateEdit()
        self.momentum = _fraction(0.999, 3, 0.05, off=False)
        self._row(form, "optimizer", "Optimizer", self.optimizer)
        self._row(form, "lr", "Learning rate", self.lr.edit)
        form.addRow(self.lr)                         # the slider, on a row of its own
        self.lr.set_tooltip(TIPS["lr"])
        self._row(form, "momentum", "Momentum", self.momentum)
        self._build_schedule(form)
        self.batch_size = BatchSizeSpin()
        self.epochs = _spin(1, MAX_EPOCHS)
        self._row(form, "batch_size", "Batch size", self.batch_size)
        self._row(form, "epochs", "Epochs", self.epochs)
        return box

    def _build_schedule(self, form: QFormLayout) -> None:
        """The schedule and, shown only for step decay, its "Decay" row (every N epochs, x factor)."""
        self.schedule = _combo((k, SCHEDULE_NAMES.get(k, k), "") for k in SCHEDULES)
        self.step_epochs = _spin(1, MAX_EPOCHS)
        self.step_epochs.setPrefix("every ")
        self.step_epochs.setSuffix(" ep.")
        tip(self.step_epochs, TIPS["step_epochs"])
        self.step_gamma = _fraction(1.0, 2, 0.05, off=False)
        self.step_gamma.setMinimum(0.01)
        self.step_gamma.setPrefix("× ")
        tip(self.step_gamma, TIPS["step_gamma"])
        self.step_row = QWidget()
        sl = QHBoxLayout(self.step_row)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.step_epochs, 3)
        sl.addWidget(self.step_gamma, 2)
        self._row(form, "schedule", "LR schedule", self.schedule)
        self._row(form, "step_row", "Decay", self.step_row)
        self._schedule_form = form

    def _build_regularization(self) -> QGroupBox:
        box = QGroupBox("Regularization")
        form = self._form(box)
        self.weight_decay = _fraction(0.1, 5, 0.0001)
        self.dropout = _fraction(0.9, 2, 0.05)
        self.augment = QCheckBox("Augment images")
        self.seed = _spin(0, 2_000_000_000)
        self._row(form, "weight_decay", "L2 decay", self.weight_decay)
        self._row(form, "dropout", "Dropout", self.dropout)
        self._row(form, "augment", "", self.augment)
        self._row(form, "seed", "Seed", self.seed)
        return box

    def _connect(self) -> None:
        self.dataset.activated.connect(self._dataset_activated)
        self.open_folder.clicked.connect(self.folder_requested)
        self.layers.changed.connect(self._emit_network)
        for combo in (self.activation, self.init):
            combo.currentIndexChanged.connect(self._emit_network)
        for combo in (self.optimizer, self.schedule):
            combo.currentIndexChanged.connect(self._emit_train)
        for spin in (self.momentum, self.step_epochs, self.step_gamma, self.batch_size, self.epochs,
                     self.weight_decay, self.dropout, self.seed):
            spin.valueChanged.connect(self._emit_train)
        self.augment.toggled.connect(self._emit_train)
        self.lr.value_changed.connect(lambda _v: self._lr_timer.start())

    def _compact(self) -> None:
        """Let every field shrink so the panel fits a narrow dock without clipping."""
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        for w in self.findChildren(QWidget):
            if isinstance(w, (QComboBox, QSpinBox, QDoubleSpinBox)):
                w.setMinimumWidth(60)
                w.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setContentsMargins(6, 4, 6, 2)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(3)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        return form

    # ------------------------------------------------------------------ configs
    def network_config(self) -> NetworkConfig:
        return dataclasses.replace(self._network, hidden=self.layers.widths(),
                                   activation=self.activation.currentData(), init=self.init.currentData())

    def train_config(self) -> TrainConfig:
        return dataclasses.replace(
            self._train, optimizer=self.optimizer.currentData(), lr=self.lr.value(),
            momentum=round(self.momentum.value(), 6), schedule=self.schedule.currentData(),
            step_epochs=self.step_epochs.value(), step_gamma=round(self.step_gamma.value(), 6),
            batch_size=self.batch_size.value(), epochs=self.epochs.value(),
            weight_decay=round(self.weight_decay.value(), 8), dropout=round(self.dropout.value(), 6),
            augment=self.augment.isChecked(), seed=self._seed())

    def _seed(self) -> int:
        """The seed shown, or the configuration's own while the field shows it clamped (a model
        trained on the command line may use any seed up to 2^63 - 1; the field ends at 2e9)."""
        shown = self.seed.value()
        return self._train.seed if shown == min(self._train.seed, self.seed.maximum()) else shown

    def set_configs(self, network: NetworkConfig, train: TrainConfig) -> None:
        """Show these configurations (no signals are emitted)."""
        self._updating = True
        try:
            self._network, self._train = network, train
            self.layers.set_widths(network.hidden)
            self._set_combo(self.activation, network.activation)
            self._set_combo(self.init, network.init)
            self._set_combo(self.optimizer, train.optimizer)
            self.lr.set_value(train.lr)
            self.momentum.setValue(train.momentum)
            self._set_combo(self.schedule, train.schedule)
            self.step_epochs.setValue(train.step_epochs)
            self.step_gamma.setValue(train.step_gamma)
            self.batch_size.setValue(train.batch_size)
            self.epochs.setValue(train.epochs)
            self.weight_decay.setValue(train.weight_decay)
            self.dropout.setValue(train.dropout)
            self.augment.setChecked(train.augment)
            self.seed.setValue(min(train.seed, self.seed.maximum()))
        finally:
            self._updating = False
        self._refresh()

    @staticmethod
    def _set_combo(combo: QComboBox, data) -> None:
        i = combo.findData(data)
        if i >= 0:
            combo.setCurrentIndex(i)

    def set_dataset(self, spec: str) -> None:
        """Show ``spec`` as the selected dataset (adding a folder entry when needed)."""
        i = self.dataset.findData(spec)
        if i < 0:
            name = spec.rstrip("/").split("/")[-1] or spec
            self.dataset.addItem(f"Folder: {name}", spec)
            self.dataset.setItemData(self.dataset.count() - 1, spec, Qt.ToolTipRole)
            i = self.dataset.count() - 1
        self.dataset.blockSignals(True)
        self.dataset.setCurrentIndex(i)
        self.dataset.blockSignals(False)

    def set_data_info(self, text: str) -> None:
        self.data_info.setText(text)

    # ------------------------------------------------------------------ locking
    def set_training(self, active: bool) -> None:
        """Lock the controls that cannot change while a run is active (running or paused), and
        say so in their tooltips; the live settings stay editable."""
        self._training = active
        for key, (widget, lab) in self._fields.items():
            if key in LIVE_SETTINGS:
                continue
            widget.setEnabled(not active)
            text = TIPS[key] + (" " + LOCKED if active else "")
            for w in (widget, lab):
                if w is not None:
                    tip(w, text)
        self._refresh()

    # ------------------------------------------------------------------ internals
    def _refresh(self) -> None:
        net = self.network_config()
        sizes = (net.n_inputs, *net.hidden, net.n_classes)
        params = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
        self.arch_info.setText(f"{' → '.join(str(s) for s in sizes)}\n{params:,} weights and biases to learn")
        self.momentum.setEnabled(self.optimizer.currentData() in ("momentum", "nesterov"))
        self._schedule_form.setRowVisible(self.step_row, self.schedule.currentData() == "step")

    def _dataset_activated(self, index: int) -> None:
        spec = self.dataset.itemData(index)
        if spec:
            self.dataset_requested.emit(spec)

    def _emit_network(self, *_args) -> None:
        self._refresh()
        if self._updating:
            return
        net = self.network_config()
        if net != self._network:
            self._network = net
            self.network_edited.emit(net)

    def _emit_train(self, *_args) -> None:
        self._refresh()
        if self._updating:
            return
        self._lr_timer.stop()
        train = self.train_config()
        if train != self._train:
            self._train = train
            self.train_edited.emit(train)
