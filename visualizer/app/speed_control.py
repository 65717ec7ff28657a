"""The toolbar's speed control: from as fast as it goes down to one batch every few seconds.

``SpeedControl`` offers the speeds of ``core.pace.SPEEDS`` in a list and a
button beside it: "Full speed" (one click to full speed) which then reads
"Slow down" (back to the slower speed chosen before). The choice goes to the session
(``TrainingSession.set_speed``: a run in progress changes pace from its next
batch on) and is remembered (``WindowSettings.speed``). At 10 batches per
second or slower every view updates at every batch.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from visualizer.core.pace import DEFAULT_SPEED, SPEEDS

from .i18n import tr


def speed_label(bps: float | None) -> str:
    """``core.pace.speed_label`` in the window's language: "Full speed", "15 batches/s", "1 batch/s"."""
    if bps is None:
        return tr("Full speed")
    text = f"{bps:g}"
    return tr("{n} batch/s").format(n=text) if bps == 1 else tr("{n} batches/s").format(n=text)


class SpeedControl(QWidget):
    """See the module doc. ``on_change(bps)`` is called with every choice (None: full speed)."""

    #: float | None: the chosen speed in batches per second (None: full speed)
    speed_chosen = Signal(object)

    def __init__(self, speed: float | None = DEFAULT_SPEED, parent=None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        label = QLabel(tr("Speed"))
        self.combo = QComboBox()
        self.combo.setObjectName("speedCombo")
        self.combo.setAccessibleName(tr("Training speed"))
        self.combo.setToolTip(tr("How fast training runs: slow enough to watch every batch, or as fast as it "
                                 "goes. At 10 batches/s or slower every view shows every batch."))
        for bps in SPEEDS:
            self.combo.addItem(speed_label(bps), bps)
        label.setBuddy(self.combo)
        self.full = QPushButton()
        self.full.setObjectName("fullSpeedButton")
        lay.addWidget(label)
        lay.addWidget(self.combo)
        lay.addWidget(self.full)
        self._slow = DEFAULT_SPEED                  # the speed the Full speed button returns to
        self.set_speed(speed)
        self.combo.currentIndexChanged.connect(self._on_index)
        self.full.clicked.connect(self._on_full)

    @property
    def speed(self) -> float | None:
        return self.combo.currentData()

    def set_speed(self, bps: float | None) -> None:
        """Show ``bps`` (the nearest offered speed) without announcing it."""
        index = _nearest(bps)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        if SPEEDS[index] is not None:
            self._slow = SPEEDS[index]
            self.full.setText(tr("Full speed"))
            self.full.setToolTip(tr("Train as fast as it goes"))
        else:
            self.full.setText(tr("Slow down"))
            self.full.setToolTip(tr("Back to {speed}, slow enough to watch").format(speed=speed_label(self._slow)))

    def _on_index(self, index: int) -> None:
        self.set_speed(SPEEDS[index])
        self.speed_chosen.emit(SPEEDS[index])

    def _on_full(self) -> None:
        """Full speed, or back to the slower speed chosen before when at full speed."""
        self.combo.setCurrentIndex(_nearest(self._slow if self.speed is None else None))


def _nearest(bps: float | None) -> int:
    """The index in ``SPEEDS`` of ``bps``, or of the offered speed nearest to it (by ratio)."""
    if bps is None:
        return SPEEDS.index(None)
    import math

    return min((i for i, s in enumerate(SPEEDS) if s is not None), key=lambda i: abs(math.log(SPEEDS[i] / bps)))


def install(window, speed: float | None) -> SpeedControl:
    """A ``SpeedControl`` at ``speed`` on ``window.toolbar``, driving ``window.session`` and
    remembered in ``window.settings``."""
    control = SpeedControl(speed)
    window.session.set_speed(control.speed)
    window.toolbar.addSeparator()
    window.toolbar.addWidget(control)

    def chosen(bps) -> None:
        window.session.set_speed(bps)
        window.settings.save_speed(bps)

    control.speed_chosen.connect(chosen)
    window.speed_control = control
    return control
