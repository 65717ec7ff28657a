"""A place in a layout for pyqtgraph plots that are built only when they first come on screen.

Importing pyqtgraph takes about 0.4 s and each plot widget tens of milliseconds;
a view in a tab behind another must not make the window wait for them at start.
``PlotSlot(build)`` is an empty widget until its first paint; right after it (the
next turn of the event loop, so the window is on screen first) it calls
``build()``, which imports pyqtgraph and returns the widget to show, puts that
widget in its place (shown and laid out at once) and emits ``built``. ``ensure()``
builds at once: for an owner that knows it is on screen, or has a result to draw
before the slot was painted.

The owner keeps what is set before then (a theme, a layer's axis labels, the
points) and applies it when ``built`` arrives. Until then the slot asks the
layout for the room a pyqtgraph plot asks for (``hint``, ``minimum``), so the
window is laid out as it will be once the plot is there.

    slot = PlotSlot(make_plot)           # make_plot() -> QWidget
    slot.built.connect(apply_state)      # the QWidget made, once
    slot.widget                          # None until built
    slot.ensure() -> QWidget             # build now if not yet
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

PLOT_HINT = QSize(600, 480)       # pyqtgraph's PlotWidget / GraphicsLayoutWidget size hint
PLOT_MINIMUM = QSize(68, 68)      # and their minimum size hint


class PlotSlot(QWidget):
    """See the module docstring.

    Signals:
        built(object)   QWidget: the widget ``build()`` returned, now in the slot
    """

    built = Signal(object)

    def __init__(self, build: Callable[[], QWidget], parent=None, *, hint: QSize = PLOT_HINT,
                 minimum: QSize = PLOT_MINIMUM):
        super().__init__(parent)
        self._build = build
        self._hint, self._minimum = QSize(hint), QSize(minimum)
        self.widget: QWidget | None = None
        self._pending = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        """The built widget, building it now if it is not yet."""
        if self.widget is None:
            widget = self._build()
            self.widget = widget
            self.layout().addWidget(widget)
            widget.show()                 # now, not on the next turn of the event loop, and
            self.layout().activate()      # at its size in the slot before anything is drawn in it
            self.updateGeometry()
            self.built.emit(widget)
        return self.widget

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return super().sizeHint() if self.widget is not None else QSize(self._hint)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return super().minimumSizeHint() if self.widget is not None else QSize(self._minimum)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        """The first paint means the slot is on screen: build right after this paint."""
        super().paintEvent(event)
        if self.widget is None and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.ensure)     # not at all if the slot is gone by then
