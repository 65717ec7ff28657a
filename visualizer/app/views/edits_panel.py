"""The Edits panel: take the network apart, unit by unit, and see what each unit was worth.

Hidden units are switched off or scaled from the activations view's diagram or
the weights view (right click), or here for the selected unit. The panel lists
the edits made (each removable), "Restore all", the validation accuracy with
and without the edits, and "Apply to the network…".

Edits change only what is shown (``InspectorState.edits``; ``core.ablation``
computes the edited network): the pad's answer, the probabilities, the
activations, the weights, for the live network, a scrubbed moment or an opened
model alike. Training, saving and "Take one step" use the network as trained.
When a run starts, or another network or model comes, the edits are cleared
(the panel says so). "Apply to the network…" writes them into the model's
weights, after asking, and is refused while a run is in progress.

The validation accuracy is computed off the GUI thread (``app.tasks``) with
``core.evaluation``, one computation at a time, only while the panel is on
screen, and at most every ``ACCURACY_INTERVAL_MS`` while snapshots stream in.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
                               QToolButton, QVBoxLayout, QWidget)

from visualizer.core.ablation import NO_EDITS, apply as apply_edits

from .. import dialogs
from ..i18n import tr
from ..tasks import TaskGroup
from .closing import stop_on_close
from .exposure import LazyRefresh, set_text
from .unit_menu import ask_scale, is_hidden, set_scale, unit_name

log = logging.getLogger(__name__)

ACCURACY_INTERVAL_MS = 1000     # while snapshots stream in, the accuracy follows at most this often


def edit_text(layer: int, unit: int, scale: float) -> str:
    """One line of the list: "Layer 1 unit 17: off" or "...: ×0.5"."""
    what = tr("off") if scale == 0 else "\u00d7" + f"{scale:g}".replace("-", "\u2212")
    return tr("Layer {layer} unit {unit}: {what}").format(unit=unit, layer=layer, what=what)


def validation_accuracy(snapshot, edited, data) -> tuple[float, float]:
    """(accuracy without, with the edits) on ``data``'s validation images (``core.evaluation``)."""
    from visualizer.core.evaluation import evaluate

    from .state import model_from_snapshot

    without = evaluate(model_from_snapshot(snapshot), data.inputs_val, data.y_val).accuracy
    with_edits = evaluate(model_from_snapshot(edited), data.inputs_val, data.y_val).accuracy
    return without, with_edits


class EditsPanel(QWidget):
    """The selected unit's actions, the list of edits, the accuracy with them, Restore all, Apply."""

    def __init__(self, state, session=None, parent=None):
        super().__init__(parent)
        self.state = state
        self.session = session if session is not None else state.session
        self.accuracy: tuple[float, float] | None = None    # (without, with) for the edits shown
        self._tasks = TaskGroup()
        self._busy = False
        self._wanted = False             # the accuracy is out of date
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_accuracy)
        self._was_active = bool(getattr(self.session, "is_active", False))
        self._build()
        self._lazy = LazyRefresh(self, self._request_accuracy)
        state.edits_changed.connect(self._on_edits)
        state.selection_changed.connect(self._on_selection)
        state.weights_changed.connect(self._on_weights)
        state.data_changed.connect(self._on_weights)
        if self.session is not None:
            self.session.state_changed.connect(self._on_session_state)
            if hasattr(self.session, "model_changed"):
                self.session.model_changed.connect(self.clear)
        self._on_edits(state.edits)
        self._on_selection(state.selection)

    def _build(self) -> None:
        intro = QLabel(tr("Switch hidden units off, or scale them, and watch the answer change: "
                          "right-click a unit in the activations or the weights view, or select one "
                          "and use the buttons below.\n\nOnly what is shown changes: training and "
                          "saved models keep the network as trained. The edits are cleared when a "
                          "run starts or another network comes."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: gray")
        self.selected = QLabel()
        self.selected.setWordWrap(True)
        self.off_button = QPushButton(tr("Switch off"))
        self.off_button.setToolTip(tr("The selected unit's activation no longer reaches the next layer"))
        self.off_button.clicked.connect(lambda: self._on_selected_action(0.0))
        self.scale_button = QPushButton(tr("Scale\u2026"))
        self.scale_button.setToolTip(tr("Multiply what the selected unit passes on by a factor"))
        self.scale_button.clicked.connect(lambda: self._on_selected_action(None))
        row = QHBoxLayout()                      # (narrow: the panel sits beside the activations view)
        row.addWidget(self.off_button)
        row.addWidget(self.scale_button)
        row.addStretch(1)
        self.list = QListWidget()
        self.list.setToolTip(tr("The edits made; \u2715 removes one"))
        self.list.setMinimumWidth(120)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.accuracy_label = QLabel()
        self.accuracy_label.setWordWrap(True)
        for label in (intro, self.selected, self.accuracy_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.restore_button = QPushButton(tr("Restore all"))
        self.restore_button.setToolTip(tr("Remove every edit: the network as trained"))
        self.restore_button.clicked.connect(self.clear)
        self.apply_button = QPushButton(tr("Apply to the network\u2026"))
        self.apply_button.clicked.connect(self.apply_to_network)
        buttons = QVBoxLayout()
        buttons.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(intro)
        layout.addWidget(self.selected)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.accuracy_label)
        layout.addLayout(buttons)

    # ---------------------------------------------------------------- edits
    def clear(self, *_args) -> None:
        """Restore all: the network as trained."""
        self.state.set_edits(NO_EDITS)

    def remove(self, layer: int, unit: int) -> None:
        self.state.set_edits(self.state.edits.without(layer, unit))

    def _on_selected_action(self, scale: float | None) -> None:
        sel = self.state.selection
        if sel is None or not is_hidden(self.state, *sel):
            return
        if scale is None:
            ask_scale(self, self.state, *sel)
        else:
            set_scale(self.state, *sel, scale)

    def _on_selection(self, sel) -> None:
        hidden = sel is not None and is_hidden(self.state, *sel)
        self.off_button.setEnabled(hidden and self.state.edits.scale_of(*sel) != 0.0)
        self.scale_button.setEnabled(hidden)
        set_text(self.selected, tr("Selected: {name}").format(name=unit_name(*sel)) if hidden else
                 tr("Select a hidden unit (click it in the activations or the weights view)."))

    def _on_edits(self, edits) -> None:
        self.list.clear()
        for layer, unit, scale in edits:
            item = QListWidgetItem(self.list)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(4, 0, 4, 0)
            remove = QToolButton(text="\u2715")
            remove.setAutoRaise(True)
            remove.setToolTip(tr("Remove this edit"))
            remove.clicked.connect(lambda _=False, lu=(layer, unit): self.remove(*lu))
            line.addWidget(remove)
            text = QLabel(edit_text(layer, unit, scale))
            text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            line.addWidget(text, 1)
            item.setSizeHint(row.sizeHint())
            self.list.setItemWidget(item, row)
        if not edits:
            QListWidgetItem(tr("No edits: the network as trained."), self.list).setFlags(Qt.ItemFlag.NoItemFlags)
        self.restore_button.setEnabled(bool(edits))
        self._update_apply()
        self._on_selection(self.state.selection)
        self.accuracy = None
        self._show_accuracy()
        self._lazy.request()

    def _update_apply(self) -> None:
        busy = bool(getattr(self.session, "is_active", False))
        self.apply_button.setEnabled(bool(self.state.edits) and not busy and self.session is not None)
        self.apply_button.setToolTip(
            tr("Refused while a run is in progress: stop it first") if busy else
            tr("Write the edits into the model's weights (asks first); "
               "training then continues from the edited network"))

    def _on_session_state(self, _state: str) -> None:
        active = bool(self.session.is_active)
        if active and not self._was_active and self.state.edits:
            self.clear()                  # a run starts: it trains the network as it is, unedited
        self._was_active = active
        self._update_apply()

    def apply_to_network(self) -> bool:
        """Write the edits into the session's model after asking; False when refused or cancelled."""
        edits, session = self.state.edits, self.session
        if not edits or session is None:
            return False
        if session.is_active:
            dialogs.show_message(self, "warning", tr("Apply the edits"),
                                 tr("The edits cannot be applied while a run is in progress: stop it first."))
            return False
        lines = "\n".join(edit_text(*e) for e in edits)
        answer = dialogs.ask_choice(
            self, tr("Apply the edits"),
            tr("Write these edits into the model's weights (the model as it is now, not a moment "
               "of its timeline)? The outgoing weights of the edited units are scaled for good; "
               "training continues from there.\n\n{lines}").format(lines=lines),
            (tr("Apply"),))
        if answer is None:
            return False
        session.apply_checkpoint(apply_edits(session.checkpoint, edits), tr("apply the edits"))
        self.clear()
        return True

    # ---------------------------------------------------------------- accuracy
    def _on_weights(self, *_args) -> None:
        if self.state.edits:
            self._lazy.request()

    def exposed(self, visible: bool = True) -> None:
        """The panel's dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def _request_accuracy(self) -> None:
        self._wanted = bool(self.state.edits)
        if self._wanted and not self._busy and not self._timer.isActive():
            self._timer.start(0 if self.accuracy is None else ACCURACY_INTERVAL_MS)

    def _start_accuracy(self) -> None:
        raw, shown, data = self.state.raw_snapshot, self.state.snapshot, self.state.data
        if not self._wanted or raw is None or data is None or len(data.y_val) == 0:
            return
        self._wanted, self._busy = False, True
        edits = self.state.edits

        def done(result) -> None:
            self._busy = False
            if edits == self.state.edits:
                self.accuracy = result
                self._show_accuracy()
            if self._wanted:
                self._request_accuracy()

        def failed(exc) -> None:
            self._busy = False
            log.warning("accuracy with edits failed: %s", exc)

        self._tasks.start(lambda progress, cancelled: validation_accuracy(raw, shown, data), done, failed)

    def _show_accuracy(self) -> None:
        if not self.state.edits:
            text = ""
        elif self.accuracy is None:
            text = tr("Validation accuracy with the edits: computing\u2026")
        else:
            without, with_edits = self.accuracy
            text = tr("Validation accuracy: <b>{w}</b> with the edits ({wo} without)").format(
                w=f"{with_edits:.1%}", wo=f"{without:.1%}")
        set_text(self.accuracy_label, text)

    def shutdown(self, timeout_s: float = 1.0) -> None:
        """Wait for the accuracy computation (the window is closing)."""
        import time
        self._tasks.cancel_all()
        self._tasks.wait_all(time.monotonic() + timeout_s)


def install_dock(window, state) -> EditsPanel:
    """Create the panel on ``state`` and its hidden "edits" dock, a tab beside the settings (the
    full height of the window, and the pad and the activations stay in sight); the first edit
    shows it."""
    panel = EditsPanel(state, window.session)
    dock = window.add_dock("edits", tr("Edits"), panel, Qt.DockWidgetArea.LeftDockWidgetArea)
    dock.visibilityChanged.connect(panel.exposed)
    dock.hide()

    def show_on_first_edit(edits) -> None:
        if edits and dock.isHidden():
            dock.show()
            dock.raise_()

    state.edits_changed.connect(show_on_first_edit)
    stop_on_close(window, lambda: panel.shutdown(1.0))     # waits for the accuracy task
    window.edits_panel = panel
    return panel
