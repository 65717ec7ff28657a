"""Activations of every layer for one probe input, and where a unit's input comes from.

``ActivationsView``: the probe chooser (the drawing pad, a validation or a test
image), the ``network_diagram.NetworkDiagram`` of every layer's values for it,
and the selected unit's sum ``z_j = b_j + sum_i a_i W[i, j]`` spelled out
below (in three lines at most, two in projector mode: where the sum with its
strongest terms needs more, they are left to its tooltip). Click a cell or an output row to select
it (the predicted class by default).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpinBox,
                               QVBoxLayout, QWidget)

from ..i18n import tr
from ..theme import presentation
from .exposure import LazyRefresh
from .livelabel import LiveLabel
from .network_diagram import NetworkDiagram, contributions
from .unit_menu import show_unit_menu

MINUS = "\u2212"
SUM_LINES = 3          # the sum spelled out takes at most this many lines: its strongest terms make way first
SUM_LINES_PROJECTING = 2   # ... in projector mode (lines half as tall again, on a 1280x720 projector)

__all__ = ["ActivationsView", "NetworkDiagram", "contributions"]


class ActivationsView(QWidget):
    """Probe chooser, the network diagram, and the selected unit's sum spelled out."""

    SOURCES = (("Drawing pad", "pad"), ("Validation image", "validation"), ("Test image", "test"))

    def __init__(self, state, parent=None, rng: np.random.Generator | None = None):
        super().__init__(parent)
        self.state = state
        self.rng = rng                      # created on first use (numpy.random is slow to import)

        self.diagram = NetworkDiagram(state, self)
        self.diagram.unit_clicked.connect(self._on_unit_clicked)
        self.diagram.unit_context.connect(lambda layer, unit, pos: show_unit_menu(self, state, layer, unit, pos))
        self.sum_label = LiveLabel(lines=2)      # changes with every snapshot: no window re-layout
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(self._build_probe_row())
        layout.addWidget(self.diagram, 1)
        layout.addWidget(self.sum_label)

        self._lazy = LazyRefresh(self, self._refresh)     # hidden: catch up when shown again
        state.trace_changed.connect(self._on_trace)
        # bound methods, not lambdas: Qt drops these connections when the view is deleted
        state.selection_changed.connect(self._on_trace)
        state.edits_changed.connect(self._on_trace)
        state.dead_changed.connect(self._on_dead)
        state.data_changed.connect(self._on_data)
        state.probe_changed.connect(self._on_probe_changed)
        self._on_data(state.data)
        self._on_trace(state.trace)

    def _build_probe_row(self) -> QHBoxLayout:
        """Probe: [source] [#index] [Random] and a hint."""
        self.source = QComboBox()
        labels = {"pad": tr("Drawing pad"), "validation": tr("Validation image"), "test": tr("Test image")}
        for _text, key in self.SOURCES:
            self.source.addItem(labels[key], key)
        self.source.setToolTip(tr("Which input the network is shown: your drawing on the pad, or an "
                                  "image held out from training (validation) or from the test set."))
        self.index = QSpinBox()
        self.index.setPrefix("#")
        self.index.setRange(0, 0)
        self.index.setToolTip(tr("Index of the image in the chosen set"))
        self.random_button = QPushButton(tr("Random"))
        self.random_button.setToolTip(tr("Pick another image of the chosen set at random"))
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.index.valueChanged.connect(lambda _v: self._apply_source())
        self.random_button.clicked.connect(self.next_random)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Probe:")))
        top.addWidget(self.source)
        top.addWidget(self.index)
        top.addWidget(self.random_button)
        self.legend = QLabel("<span style='color:gray'>" + tr("click a unit to trace its inputs; "
                                                               "right-click a hidden unit to switch it off")
                             + "</span>")
        self.legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.legend, 1)
        return top

    # ---------------------------------------------------------------- probe
    def source_key(self) -> str:
        return self.source.currentData()

    def _set_images(self, key: str):
        """(images (N,28,28) uint8, labels (N,)) of "validation"/"test", or (None, None)."""
        bundle = self.state.data
        if bundle is None:
            return None, None
        if key == "test":
            ds = bundle.dataset
            return getattr(ds, "x_test", None), getattr(ds, "y_test", None)
        if key == "validation":
            return bundle.x_val, bundle.y_val
        return None, None

    def _on_data(self, bundle) -> None:
        for row, (_, key) in enumerate(self.SOURCES):
            if key != "pad":
                images, _ = self._set_images(key)
                self.source.model().item(row).setEnabled(images is not None and len(images) > 0)
        if bundle is not None and self.source_key() == "pad" and self.state.pad_input is None:
            self.source.setCurrentIndex(1)           # something to look at before anything is drawn
        else:
            self._on_source_changed()

    def _on_probe_changed(self, kind: str) -> None:
        """Someone else chose the probe (drawing on the pad makes it the probe): show whose it is."""
        keys = [k for _, k in self.SOURCES]
        if kind in keys and kind != self.source_key():
            self.source.blockSignals(True)
            self.source.setCurrentIndex(keys.index(kind))
            self.source.blockSignals(False)
            self._update_index_range()

    def show_image(self, key: str, i: int) -> None:
        """Make image ``i`` of the "validation" or "test" set the probe."""
        row = [k for _, k in self.SOURCES].index(key)
        self.source.blockSignals(True)
        self.source.setCurrentIndex(row)
        self.source.blockSignals(False)
        self._on_source_changed(index=int(i))

    def next_random(self) -> None:
        images, _ = self._set_images(self.source_key())
        if images is None or len(images) == 0:
            return
        if self.rng is None:
            self.rng = np.random.default_rng()
        self.index.setValue(int(self.rng.integers(len(images))))

    def _on_source_changed(self, *_args, index: int | None = None) -> None:
        self._update_index_range(index)
        self._apply_source()

    def _update_index_range(self, index: int | None = None) -> None:
        """The index box and Random button follow the chosen set (disabled for the pad)."""
        key = self.source_key()
        images, _ = self._set_images(key)
        on_set = key != "pad" and images is not None and len(images) > 0
        self.index.setEnabled(on_set)
        self.random_button.setEnabled(on_set)
        self.index.blockSignals(True)
        if on_set:                          # (the pad keeps the index for when the set is chosen again)
            self.index.setRange(0, len(images) - 1)
        if index is not None:
            self.index.setValue(index)
        self.index.blockSignals(False)

    def _apply_source(self) -> None:
        from visualizer.core.dataset import as_inputs

        key = self.source_key()
        if key == "pad":
            self.state.use_pad()
            return
        images, labels = self._set_images(key)
        if images is None or len(images) == 0:
            return
        i = min(self.index.value(), len(images) - 1)
        names = list(self.state.data.class_names)
        source = (tr("validation #{i} \u00b7 true {name}") if key == "validation" else
                  tr("test #{i} \u00b7 true {name}")).format(i=i, name=names[int(labels[i])])
        self.state.set_probe(as_inputs(images[i]), source, key)

    # --------------------------------------------------------------- render
    def _on_unit_clicked(self, layer: int, unit: int) -> None:
        if self.state.selection == (layer, unit):
            self.state.select(None)
        else:
            self.state.select(layer, unit)

    def _on_trace(self, _trace) -> None:
        self._lazy.request()

    def _on_dead(self, _masks) -> None:
        self.diagram.update()                   # painted only when shown

    def exposed(self, visible: bool = True) -> None:
        """The view's dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def _refresh(self) -> None:
        """Repaint the diagram and spell out the selected unit's sum (only while shown)."""
        self._lazy.dirty = False
        self.diagram.update()
        full = self.sum_text()
        text = full if self._fits(full) else self.sum_text(strongest=False)
        self.sum_label.setText(text)
        self.sum_label.setToolTip(full if text != full else "")

    def _fits(self, text: str) -> bool:
        """Whether ``text`` takes at most ``SUM_LINES`` lines at the sum's width (``SUM_LINES_PROJECTING``
        in projector mode)."""
        width = self.sum_label.width()
        if width <= 0 or not text:
            return True
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.sum_label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setHtml(text)
        doc.setTextWidth(width)
        lines = SUM_LINES_PROJECTING if presentation() else SUM_LINES
        return doc.size().height() <= lines * self.sum_label.fontMetrics().lineSpacing() + 1

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._lazy.request()            # the sum may fit whole again, or no longer

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._lazy.request()            # projector mode: larger lines, and fewer of them

    def sum_text(self, strongest: bool = True) -> str:
        """The selected unit's pre-activation as bias + strongest contributions (rich text); without
        the strongest ones with ``strongest=False`` (the sum is kept to a few lines: a projector's
        large font, a narrow dock)."""
        snap, trace = self.state.snapshot, self.state.trace
        if snap is None or trace is None:
            return ""
        out_layer = len(snap.sizes) - 1
        sel = self.state.selection
        if sel is None or not 1 <= sel[0] <= out_layer or sel[1] >= snap.sizes[sel[0]]:
            sel = (out_layer, int(np.argmax(trace.probabilities)))
        layer, unit = sel
        c = contributions(trace, snap, layer, unit)
        b = float(snap.biases[layer - 1][unit])
        z = float(trace.pre_activations[layer - 1][unit])
        pos, neg = float(c[c > 0].sum()), float(c[c < 0].sum())
        if layer == out_layer:
            who = tr("class {name} (logit)").format(name=self.diagram._class_names(snap.sizes[-1])[unit])
            src = tr("hidden unit") if out_layer > 1 else tr("pixel")
        else:
            who = tr("hidden {layer} unit {unit}").format(layer=layer, unit=unit)
            src = tr("pixel") if layer == 1 else tr("unit")
        order = np.argsort(-np.abs(c))[:3]
        terms = " ".join(
            f"<span style='color:{'#d63c32' if c[i] > 0 else '#286ec8'}'>{'+' if c[i] > 0 else MINUS}"
            f"{abs(float(c[i])):.2f}</span><span style='color:gray'>({src} {int(i)})</span>"
            for i in order if c[i] != 0)
        text = tr("<b>{who}</b>: z = bias {b} + <span style='color:#d63c32'>{pos}</span> from raising inputs "
                  "<span style='color:#286ec8'>{neg}</span> from lowering ones = <b>{z}</b> &nbsp;\u00b7&nbsp; "
                  "strongest: {terms}")
        if not strongest:
            text = text.rsplit("&nbsp;\u00b7&nbsp;", 1)[0].rstrip()
        return text.format(who=who, b=f"{b:+.2f}", pos=f"{pos:+.2f}", neg=f"{neg:+.2f}", z=f"{z:+.2f}",
                           terms=terms).replace("+-", "\u2212").replace("-", "\u2212")
