"""The control panel: dataset, architecture, optimizer and regularization settings.

Every control carries a tooltip that explains its concept in one sentence a
learner understands. The panel only edits configurations; the window hands them
to the session:

    dataset_requested(str)    "sample" | "mnist" | "fashion" | a folder path
    network_edited(object)    NetworkConfig (a new architecture: fresh weights)
    train_edited(object)      TrainConfig (live settings apply mid-run)

``set_training(True)`` locks what cannot change mid-run (everything except the
learning rate, momentum, L2 and dropout).
"""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QSizePolicy,
                               QSlider, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from visualizer.core.config import ACTIVATIONS, INITS, MAX_LR, OPTIMIZERS, SCHEDULES, NetworkConfig, TrainConfig

DATASETS = (
    ("sample", "Embedded sample (5,000 digits)",
     "5,000 real handwritten MNIST digits shipped with the app: loads instantly, trains in seconds."),
    ("mnist", "MNIST (70,000 digits)",
     "The classic set of 70,000 handwritten digits; downloaded once (about 11 MB) and kept on disk."),
    ("fashion", "Fashion-MNIST (clothing)",
     "70,000 small photos of clothes in 10 classes: same format as MNIST, noticeably harder to learn."),
)

ACTIVATION_TIPS = {
    "relu": "ReLU: passes positive values, zeroes negatives. Fast to train; the usual default.",
    "leaky_relu": "Leaky ReLU: like ReLU but lets a little of negative values through, so units never 'die'.",
    "sigmoid": "Sigmoid: squashes values into 0..1. Historic; learns slowly in deep networks.",
    "tanh": "tanh: squashes values into -1..1, centred on zero. Better than sigmoid, slower than ReLU.",
}
OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "SGD + momentum", "nesterov": "SGD + Nesterov momentum",
                   "adam": "Adam", "adamw": "AdamW (decoupled decay)"}
OPTIMIZER_TIPS = {
    "sgd": "Plain stochastic gradient descent: step straight downhill on each batch's gradient.",
    "momentum": "SGD that keeps a running velocity, so it rolls through small bumps and speeds up on slopes.",
    "nesterov": "Momentum that looks ahead before stepping; often a little steadier than plain momentum.",
    "adam": "Adam adapts the step size of every weight from its recent gradients; works well with little tuning.",
    "adamw": "Adam with weight decay applied directly to the weights instead of through the gradient.",
}
SCHEDULE_NAMES = {"constant": "Constant", "step": "Step decay", "cosine": "Cosine"}
INIT_NAMES = {"auto": "Automatic", "he": "He (for ReLU)", "xavier": "Xavier/Glorot"}
BATCH_SIZES = (8, 16, 32, 64, 128, 256, 512, 1024)
LR_MIN_EXP, LR_MAX_EXP, LR_TICKS_PER_DECADE = -5, 0, 20
MAX_UI_LAYERS = 6


def _tip(widget: QWidget, text: str) -> QWidget:
    widget.setToolTip(f"<p style='white-space:normal'>{text}</p>")
    widget.setWhatsThis(text)
    return widget


def _label(text: str, tip: str) -> QLabel:
    lab = QLabel(text)
    _tip(lab, tip)
    return lab


class LearningRateEdit(QWidget):
    """A log-scale slider (1e-5 .. 1) with an exact editable value; emits ``value_changed(float)``."""

    value_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 1e-3
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(LR_MIN_EXP * LR_TICKS_PER_DECADE, LR_MAX_EXP * LR_TICKS_PER_DECADE)
        self.slider.setPageStep(LR_TICKS_PER_DECADE // 2)
        self.slider.setTickPosition(QSlider.TicksBelow)
        self.slider.setTickInterval(LR_TICKS_PER_DECADE)
        self.edit = QLineEdit()
        self.edit.setFixedWidth(68)
        self.edit.setAlignment(Qt.AlignRight)
        validator = QDoubleValidator(1e-7, MAX_LR, 8, self.edit)
        validator.setNotation(QDoubleValidator.ScientificNotation)
        self.edit.setValidator(validator)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.edit)
        self.slider.valueChanged.connect(self._from_slider)
        self.edit.editingFinished.connect(self._from_edit)
        self.set_value(self._value)

    def value(self) -> float:
        return self._value

    def set_value(self, value: float, emit: bool = False) -> None:
        self._value = float(value)
        self.slider.blockSignals(True)
        self.slider.setValue(round(math.log10(max(value, 1e-12)) * LR_TICKS_PER_DECADE))
        self.slider.blockSignals(False)
        self.edit.setText(f"{value:.3g}")
        if emit:
            self.value_changed.emit(self._value)

    def _from_slider(self, pos: int) -> None:
        value = float(f"{10 ** (pos / LR_TICKS_PER_DECADE):.3g}")
        self._value = value
        self.edit.setText(f"{value:.3g}")
        self.value_changed.emit(value)

    def _from_edit(self) -> None:
        try:
            value = float(self.edit.text())
        except ValueError:
            self.edit.setText(f"{self._value:.3g}")
            return
        if not (math.isfinite(value) and 0 < value <= MAX_LR) or value == self._value:
            self.edit.setText(f"{self._value:.3g}")
            return
        self.set_value(value, emit=True)


class HiddenLayersEdit(QWidget):
    """Rows of hidden-layer widths with add/remove; emits ``changed(tuple[int, ...])``."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QWidget, QSpinBox, QToolButton]] = []
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(3)
        self.add_button = QPushButton("+ Add layer")
        _tip(self.add_button, "Add another hidden layer. Deeper networks can learn more abstract features "
                              "but train more slowly.")
        self.add_button.clicked.connect(self._add_clicked)
        self._lay.addWidget(self.add_button, 0, Qt.AlignLeft)
        self.set_widths((128, 64))

    def widths(self) -> tuple[int, ...]:
        return tuple(spin.value() for _, spin, _ in self._rows)

    def set_widths(self, widths) -> None:
        self.blockSignals(True)
        while self._rows:
            self._remove_row(self._rows[-1][0], emit=False)
        for w in widths:
            self._add_row(int(w))
        self.blockSignals(False)
        self._update()

    def _add_clicked(self) -> None:
        last = self._rows[-1][1].value() if self._rows else 64
        self._add_row(max(8, last // 2))
        self.changed.emit(self.widths())

    def _add_row(self, width: int) -> None:
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        label = QLabel()
        spin = QSpinBox()
        spin.setRange(1, 1024)
        spin.setValue(width)
        spin.setKeyboardTracking(False)
        spin.setSuffix(" units")
        _tip(spin, "How many units (neurons) this hidden layer has. More units can learn more patterns "
                   "but take longer and may memorise the training set.")
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        _tip(remove, "Remove this hidden layer.")
        lay.addWidget(label)
        lay.addWidget(spin, 1)
        lay.addWidget(remove)
        spin.valueChanged.connect(lambda _v: self.changed.emit(self.widths()))
        remove.clicked.connect(lambda: self._remove_row(row))
        self._rows.append((row, spin, remove))
        self._lay.insertWidget(len(self._rows) - 1, row)
        self._update()

    def _remove_row(self, row: QWidget, emit: bool = True) -> None:
        for i, (r, _, _) in enumerate(self._rows):
            if r is row:
                del self._rows[i]
                r.setParent(None)
                r.deleteLater()
                break
        self._update()
        if emit:
            self.changed.emit(self.widths())

    def _update(self) -> None:
        for i, (row, _, remove) in enumerate(self._rows):
            row.layout().itemAt(0).widget().setText(f"Layer {i + 1}")
            remove.setEnabled(self.isEnabled() and len(self._rows) > 0)
        self.add_button.setEnabled(len(self._rows) < MAX_UI_LAYERS)


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
        inner = QWidget()
        inner.setObjectName("controlPanelInner")
        self.setWidget(inner)
        col = QVBoxLayout(inner)
        col.setContentsMargins(8, 4, 8, 8)
        col.setSpacing(4)

        # ---- data
        box = QGroupBox("Data")
        form = self._form(box)
        self.dataset = QComboBox()
        for key, name, tip in DATASETS:
            self.dataset.addItem(name, key)
            self.dataset.setItemData(self.dataset.count() - 1, tip, Qt.ToolTipRole)
        _tip(self.dataset, "The images the network learns from. Each is a 28x28 grayscale picture with "
                           "the right answer (its class) attached.")
        self.open_folder = QPushButton("Open folder…")
        _tip(self.open_folder, "Load your own MNIST-format data: a folder holding the four IDX files "
                               "(train/test images and labels, .gz or raw) or a Keras mnist.npz.")
        self.data_info = QLabel("Loading…")
        self.data_info.setWordWrap(True)
        self.data_info.setObjectName("dataInfo")
        _tip(self.data_info, "The network trains on the training images; the validation images are held "
                             "back to check how well it does on digits it never trained on.")
        form.addRow(_label("Dataset", self.dataset.toolTip()), self.dataset)
        form.addRow("", self.open_folder)
        form.addRow(self.data_info)
        col.addWidget(box)

        # ---- network
        box = QGroupBox("Network")
        form = self._form(box)
        self.layers = HiddenLayersEdit()
        self.activation = QComboBox()
        for key in ACTIVATIONS:
            self.activation.addItem({"relu": "ReLU", "leaky_relu": "Leaky ReLU", "sigmoid": "Sigmoid",
                                     "tanh": "tanh"}[key], key)
            self.activation.setItemData(self.activation.count() - 1, ACTIVATION_TIPS[key], Qt.ToolTipRole)
        _tip(self.activation, "The function each hidden unit applies to its weighted sum; without it, "
                              "stacked layers would be no better than one.")
        self.init = QComboBox()
        for key in INITS:
            self.init.addItem(INIT_NAMES[key], key)
        _tip(self.init, "How the starting random weights are scaled. Automatic picks He for ReLU-like "
                        "activations and Xavier for sigmoid/tanh, which keeps signals from fading or exploding.")
        self.arch_info = QLabel()
        self.arch_info.setObjectName("archInfo")
        _tip(self.arch_info, "The layer sizes from input pixels to the 10 class scores, and how many "
                             "weights and biases the network learns.")
        form.addRow(_label("Layers", "Hidden layers between the input pixels and the output. Each layer "
                                            "turns the previous layer's values into new features."), self.layers)
        form.addRow(_label("Activation", self.activation.toolTip()), self.activation)
        form.addRow(_label("Init", self.init.toolTip()), self.init)
        form.addRow(self.arch_info)
        col.addWidget(box)

        # ---- optimization
        box = QGroupBox("Training")
        form = self._form(box)
        self.optimizer = QComboBox()
        for key in OPTIMIZERS:
            self.optimizer.addItem(OPTIMIZER_NAMES.get(key, key), key)
            self.optimizer.setItemData(self.optimizer.count() - 1, OPTIMIZER_TIPS.get(key, ""), Qt.ToolTipRole)
        _tip(self.optimizer, "The rule that turns the gradient (which way is downhill) into an update of "
                             "the weights.")
        self.lr = LearningRateEdit()
        lr_tip = ("How big a step the weights take on each batch. Too small learns slowly; too large makes "
                  "the loss jump around or explode. You can change it while training.")
        _tip(self.lr, lr_tip)
        _tip(self.lr.slider, lr_tip)
        _tip(self.lr.edit, lr_tip)
        self.momentum = QDoubleSpinBox()
        self.momentum.setRange(0.0, 0.999)
        self.momentum.setDecimals(3)
        self.momentum.setSingleStep(0.05)
        self.momentum.setKeyboardTracking(False)
        _tip(self.momentum, "For momentum optimizers: how much of the previous step carries over into the "
                            "next one (0.9 = 90%). Can change while training.")
        self.schedule = QComboBox()
        for key in SCHEDULES:
            self.schedule.addItem(SCHEDULE_NAMES.get(key, key), key)
        _tip(self.schedule, "How the learning rate changes over the epochs: constant, halved every few "
                            "epochs (step), or smoothly lowered to zero along a cosine curve.")
        self.step_epochs = QSpinBox()
        self.step_epochs.setRange(1, 1000)
        self.step_epochs.setPrefix("every ")
        self.step_epochs.setSuffix(" ep.")
        _tip(self.step_epochs, "Step decay: after this many epochs the learning rate is multiplied by the factor.")
        self.step_gamma = QDoubleSpinBox()
        self.step_gamma.setRange(0.01, 1.0)
        self.step_gamma.setSingleStep(0.05)
        self.step_gamma.setPrefix("× ")
        _tip(self.step_gamma, "Step decay: the factor the learning rate is multiplied by at each step.")
        step_row = QWidget()
        sl = QHBoxLayout(step_row)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.step_epochs)
        sl.addWidget(self.step_gamma)
        self.step_row = step_row
        self.batch_size = QComboBox()
        for b in BATCH_SIZES:
            self.batch_size.addItem(str(b), b)
        _tip(self.batch_size, "How many images are averaged for each weight update. Small batches give "
                              "noisy but frequent steps; large batches give smooth but fewer steps.")
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1000)
        self.epochs.setKeyboardTracking(False)
        _tip(self.epochs, "How many times training goes through the whole training set. Start continues "
                          "for this many more epochs.")
        form.addRow(_label("Optimizer", self.optimizer.toolTip()), self.optimizer)
        form.addRow(_label("Learning rate", lr_tip), self.lr)
        form.addRow(_label("Momentum", self.momentum.toolTip()), self.momentum)
        form.addRow(_label("LR schedule", self.schedule.toolTip()), self.schedule)
        form.addRow("", step_row)
        form.addRow(_label("Batch size", self.batch_size.toolTip()), self.batch_size)
        form.addRow(_label("Epochs", self.epochs.toolTip()), self.epochs)
        col.addWidget(box)

        # ---- regularization
        box = QGroupBox("Regularization")
        form = self._form(box)
        self.weight_decay = QDoubleSpinBox()
        self.weight_decay.setRange(0.0, 0.1)
        self.weight_decay.setDecimals(5)
        self.weight_decay.setSingleStep(0.0001)
        self.weight_decay.setKeyboardTracking(False)
        self.weight_decay.setSpecialValueText("off")
        _tip(self.weight_decay, "L2 weight decay: a penalty on large weights that nudges them toward zero, "
                                "which helps the network generalise instead of memorising. Can change while training.")
        self.dropout = QDoubleSpinBox()
        self.dropout.setRange(0.0, 0.9)
        self.dropout.setDecimals(2)
        self.dropout.setSingleStep(0.05)
        self.dropout.setKeyboardTracking(False)
        self.dropout.setSpecialValueText("off")
        _tip(self.dropout, "Dropout: during training, switch off this share of hidden units at random on each "
                           "batch, so the network cannot rely on any single unit. Can change while training.")
        self.augment = QCheckBox("Augment images")
        _tip(self.augment, "Randomly rotate, shift, scale and distort every training image a little, so the "
                           "network sees more variety and generalises better.")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setKeyboardTracking(False)
        _tip(self.seed, "The random seed: the same seed gives the same starting weights and the same order "
                        "of batches, so a run can be repeated exactly.")
        form.addRow(_label("L2 decay", self.weight_decay.toolTip()), self.weight_decay)
        form.addRow(_label("Dropout", self.dropout.toolTip()), self.dropout)
        form.addRow("", self.augment)
        form.addRow(_label("Seed", self.seed.toolTip()), self.seed)
        col.addWidget(box)
        col.addStretch(1)

        self._lr_timer = QTimer(self)
        self._lr_timer.setSingleShot(True)
        self._lr_timer.setInterval(250)
        self._lr_timer.timeout.connect(self._emit_train)

        self._compact()
        self.set_configs(self._network, self._train)
        self.dataset.activated.connect(self._dataset_activated)
        self.open_folder.clicked.connect(self.folder_requested)
        self.layers.changed.connect(self._emit_network)
        for combo in (self.activation, self.init):
            combo.currentIndexChanged.connect(self._emit_network)
        for combo in (self.optimizer, self.schedule, self.batch_size):
            combo.currentIndexChanged.connect(self._emit_train)
        for spin in (self.momentum, self.step_epochs, self.step_gamma, self.epochs, self.weight_decay,
                     self.dropout, self.seed):
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
            batch_size=int(self.batch_size.currentData()), epochs=self.epochs.value(),
            weight_decay=round(self.weight_decay.value(), 8), dropout=round(self.dropout.value(), 6),
            augment=self.augment.isChecked(), seed=self.seed.value())

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
            if self.batch_size.findData(train.batch_size) < 0:
                self.batch_size.addItem(str(train.batch_size), train.batch_size)
            self._set_combo(self.batch_size, train.batch_size)
            self.epochs.setValue(min(train.epochs, self.epochs.maximum()))
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
        """Lock the controls that cannot change while a run is active."""
        self._training = active
        for w in (self.dataset, self.open_folder, self.layers, self.activation, self.init, self.optimizer,
                  self.schedule, self.step_epochs, self.step_gamma, self.batch_size, self.epochs,
                  self.augment, self.seed):
            w.setEnabled(not active)
        self._refresh()

    # ------------------------------------------------------------------ internals
    def _refresh(self) -> None:
        net = self.network_config()
        sizes = (net.n_inputs, *net.hidden, net.n_classes)
        params = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
        self.arch_info.setText(f"{' → '.join(str(s) for s in sizes)}\n{params:,} weights and biases to learn")
        uses_momentum = self.optimizer.currentData() in ("momentum", "nesterov")
        self.momentum.setEnabled(uses_momentum)
        self.step_row.setVisible(self.schedule.currentData() == "step")

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
