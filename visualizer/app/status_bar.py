"""The window's status bar: renders a ``StatusView`` (``status.py``), the state and short messages.

    bar = StatusBar(window.statusBar())
    bar.render(view)                  # StatusView: progress, speed, time left, accuracy
    bar.set_state(label, text, theme) # the coloured state pill ("Training", "Paused"...)
    bar.flash("Saved model.npz", 6000)

It computes nothing: what it shows comes from ``StatusModel``.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from .progress import ProgressMeter
from .status import StatusView
from .i18n import tr
from .theme import plot_colors

BAR_WIDTH = 130


class StatusBar:
    """The widgets in ``bar``; see the module docstring."""

    def __init__(self, bar: QStatusBar) -> None:
        self.state_label = _label(tr("Ready"), tr("What the training is doing now"))
        self.state_label.setObjectName("stateLabel")
        self.epoch_bar = _meter(tr("Epochs of the network: the bar fills as this run trains its epochs "
                                   "(an epoch is one pass over the training set)"))
        self.batch_bar = _meter(tr("Batches done in the current epoch"))
        self.rate_label = _label("", tr("Training speed: images per second"))
        self.eta_label = _label("", tr("Estimated time until this run finishes"))
        self.metric_label = _label("", tr("The latest validation accuracy (on images the network does not "
                                          "train on)"))
        self.message_label = QLabel("")
        self.message_label.setObjectName("messageLabel")
        self._message_timer = QTimer(bar)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(lambda: self.message_label.setText(""))
        bar.addWidget(self.state_label)
        bar.addWidget(self.metric_label)
        bar.addWidget(self.message_label, 1)
        for w in (self.rate_label, self.eta_label, self.epoch_bar, self.batch_bar):
            bar.addPermanentWidget(w)
        self.render(StatusView())

    def render(self, view: StatusView) -> None:
        for meter, low, high, value, fmt in (
                (self.epoch_bar, view.epoch_low, view.epoch_high, view.epoch_value, view.epoch_format),
                (self.batch_bar, 0, view.batch_high, view.batch_value, view.batch_format)):
            meter.setRange(low, high)
            meter.setValue(value)
            meter.setFormat(fmt)
        for label, text in ((self.rate_label, view.rate_text), (self.eta_label, view.eta_text),
                            (self.metric_label, view.metric_text)):
            if label.text() != text:
                label.setText(text)

    def set_state(self, text: str, label: str, theme: str) -> None:
        """The state pill: ``text`` coloured by ``label`` ("running", "paused", "diverged"...)."""
        c = plot_colors(theme)
        colour = {"running": c["good"], "paused": c["warn"], "diverged": c["bad"], "failed": c["bad"],
                  "finished": c["accent"], "loading": c["muted"]}.get(label, c["muted"])
        self.state_label.setText(text)
        self.state_label.setStyleSheet(f"QLabel#stateLabel {{ color: {c['background']}; background: {colour}; }}")

    def set_theme(self, theme: str) -> None:
        chunk = "#34527f" if theme == "dark" else "#bcd4fb"
        self.epoch_bar.set_chunk_color(chunk)
        self.batch_bar.set_chunk_color(chunk)

    def flash(self, text: str, ms: int = 5000) -> None:
        """A message for ``ms`` milliseconds (the state stays visible)."""
        self.message_label.setText(text)
        self._message_timer.start(ms)


def _label(text: str, tip: str) -> QLabel:
    label = QLabel(text)
    label.setToolTip(tip)
    return label


def _meter(tip: str) -> ProgressMeter:
    meter = ProgressMeter()
    meter.setFixedWidth(BAR_WIDTH)
    meter.setToolTip(tip)
    return meter
