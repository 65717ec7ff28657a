"""The control panel's own input widgets, and how every control explains itself.

    LearningRateEdit   a log-scale slider that lands on 1, 2, 3, 5 x 10^k, and an exact field
    HiddenLayersEdit   rows of hidden-layer widths with add / remove, up to MAX_LAYERS
    BatchSizeSpin      a batch size from MIN_BATCH to MAX_BATCH; the arrows double and halve it

Their ranges are the limits in ``visualizer.core.config``, the same the command line has.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSlider, QSpinBox,
                               QToolButton, QVBoxLayout, QWidget)

from visualizer.core.config import MAX_BATCH, MAX_LAYERS, MAX_LR, MAX_WIDTH, MIN_BATCH

from .i18n import tr

LR_MIN_EXP, LR_MAX_EXP = -5, 0
LR_MANTISSAS = (1, 2, 3, 5)
# the slider's notches: 1e-05, 2e-05, 3e-05, 5e-05, 0.0001, ... 0.5, 1 (written in decimal, so exact)
LR_STEPS = tuple(float(f"{m}e{k}") for k in range(LR_MIN_EXP, LR_MAX_EXP) for m in LR_MANTISSAS) \
    + (float(f"1e{LR_MAX_EXP}"),)


def tip(widget: QWidget, text: str) -> QWidget:
    """Give ``widget`` a tooltip (wrapped) and a What's-this text of one explaining sentence."""
    widget.setToolTip(f"<p style='white-space:normal'>{text}</p>")
    widget.setWhatsThis(text)
    return widget


def label(text: str, tooltip: str) -> QLabel:
    """A form label carrying its field's explanation (hovering either shows it)."""
    lab = QLabel(text)
    tip(lab, tooltip)
    return lab


def nearest_lr_step(value: float) -> int:
    """The index in ``LR_STEPS`` nearest to ``value`` on a log scale (clamped to the ends)."""
    logs = [math.log10(v) for v in LR_STEPS]
    target = math.log10(max(value, 1e-12))
    return min(range(len(LR_STEPS)), key=lambda i: abs(logs[i] - target))


class LearningRateEdit(QWidget):
    """A slider over ``LR_STEPS`` (one notch per round value, a page per decade) and a field,
    ``edit``, that takes any rate up to ``MAX_LR``; emits ``value_changed(float)``.

    The widget itself holds the slider; the panel places ``edit`` in the labelled row above
    it, so the slider gets the panel's whole width and a drag of a few pixels moves a notch
    or two, not a decade. Enabling or disabling the widget does the same to ``edit``.
    """

    value_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 1e-3
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("lrSlider")
        self.slider.setRange(0, len(LR_STEPS) - 1)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(len(LR_MANTISSAS))
        self.slider.setTickPosition(QSlider.TicksBelow)
        self.slider.setTickInterval(len(LR_MANTISSAS))       # a tick at every power of ten
        lay.addWidget(self.slider)
        self.edit = QLineEdit()
        self.edit.setObjectName("lrEdit")
        self.edit.setAlignment(Qt.AlignRight)
        validator = QDoubleValidator(1e-7, MAX_LR, 8, self.edit)
        validator.setNotation(QDoubleValidator.ScientificNotation)
        self.edit.setValidator(validator)
        self.slider.valueChanged.connect(self._from_slider)
        self.edit.editingFinished.connect(self._from_edit)
        self.set_value(self._value)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.EnabledChange:
            self.edit.setEnabled(self.isEnabled())

    def set_tooltip(self, text: str) -> None:
        for w in (self, self.slider, self.edit):
            tip(w, text)

    def value(self) -> float:
        return self._value

    def set_value(self, value: float, emit: bool = False) -> None:
        """Show ``value`` exactly in the field; the slider goes to the nearest notch."""
        self._value = float(value)
        self.slider.blockSignals(True)
        self.slider.setValue(nearest_lr_step(self._value))
        self.slider.blockSignals(False)
        self.edit.setText(f"{self._value:.3g}")
        if emit:
            self.value_changed.emit(self._value)

    def _from_slider(self, pos: int) -> None:
        value = LR_STEPS[pos]
        self._value = value
        self.edit.setText(f"{value:g}")
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


class BatchSizeSpin(QSpinBox):
    """Batch size from ``MIN_BATCH`` to ``MAX_BATCH``: type any, or step through powers of two."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(MIN_BATCH, MAX_BATCH)
        self.setKeyboardTracking(False)
        self.setValue(64)

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt API
        v = self.value()
        for _ in range(abs(steps)):
            if steps > 0:                       # up: the next power of two
                v = 1 << v.bit_length()
            else:                               # down: the previous power of two
                v = max(MIN_BATCH, 1 << ((v - 1).bit_length() - 1)) if v > 1 else MIN_BATCH
        self.setValue(v)


class HiddenLayersEdit(QWidget):
    """Rows of hidden-layer widths with add/remove; emits ``changed(tuple[int, ...])``."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QWidget, QSpinBox, QToolButton]] = []
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(3)
        self.add_button = QPushButton(tr("+ Add layer"))
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
        spin = QSpinBox()
        spin.setRange(1, MAX_WIDTH)
        spin.setValue(width)
        spin.setKeyboardTracking(False)
        spin.setSuffix(tr(" units"))
        spin.setMinimumWidth(60)                 # may shrink below the width "8192 units" needs
        spin.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        tip(spin, tr("How many units (neurons) this hidden layer has. More units can learn more patterns "
                     "but take longer and may memorise the training set."))
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setFixedWidth(22)                 # narrow, so the width field keeps "128 Neuronen" whole
        tip(remove, tr("Remove this hidden layer."))
        lay.addWidget(QLabel())
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
            row.layout().itemAt(0).widget().setText(tr("Layer {n}").format(n=i + 1))
            remove.setEnabled(self.isEnabled() and len(self._rows) > 0)
        full = len(self._rows) >= MAX_LAYERS
        self.add_button.setEnabled(not full)
        tip(self.add_button, tr("At most {n} hidden layers, in the app as on the command line; "
                                "remove one to add another.").format(n=MAX_LAYERS) if full else
            tr("Add another hidden layer. Deeper networks can learn more abstract features "
               "but train more slowly (up to {n}).").format(n=MAX_LAYERS))
