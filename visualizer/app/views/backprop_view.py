"""The Backprop view: the probe's forward pass, backward pass and the optimizer's update, live.

For the inspector's probe (the drawing, a validation or test image) and a target
class (the image's true label; for a drawing, the digit the learner says it is:
the 0-9 buttons or the digit keys, and until then the network's guess, marked as
guessed), the view prints, layer by layer in the
notation of ``backprop_frame``, what ``core.backprop`` computed with the latest
snapshot's weights:

    forward    Z[l], A[l] per layer, the probabilities and the loss −log p(target)
    backward   dZ at the output as ten signed bars (p − y); dA and dZ of each hidden
               layer as cell grids (units whose g′(Z) = 0 hatched: no gradient passes);
               dW[1] as one 28x28 tile per unit, deeper dW as matrices (units x inputs)
    update     the optimizer's real step from the session checkpoint's optimizer state
               (``core.update.preview_update``, run off the GUI thread): ΔW[1] beside W[1]
    one step   ``backprop_step.StepPanel``: take the step on the model, undo it

It recomputes on a probe or target change at once, on the snapshots of a run at
most at the display rate (``pacing.Throttle``: a burst of snapshots recomputes it at
most twice, with the newest), and only while on screen (``exposure.LazyRefresh``);
the backward pass of one input costs well under a millisecond, the update preview
(Adam: a few ms) runs in a ``BackgroundTask`` (one at a time, the newest request next).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from .backprop_frame import (ACTIVATION_NAMES, BackwardFrame, backward, forward_lines, gradient_lines,
                             hidden_lines, loss_text, off_text, probe_label)
from .backprop_step import StepPanel
from .backprop_worker import UpdateWorker
from .backprop_widgets import MatrixImage, SignedBars, TilePanel, VectorGrid, side_by_side
from ..i18n import tr
from .closing import stop_on_close
from .exposure import LazyRefresh, set_text
from .pacing import Throttle
from .pad_widgets import ProbabilityBars


def _label(text: str = "") -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


class BackpropView(QWidget):
    """See the module docstring. ``frame`` is the ``BackwardFrame`` shown (None: nothing to show)."""

    #: BackwardFrame: the backward pass was recomputed and shown
    computed = Signal(object)
    #: UpdatePreview: the optimizer's step for the frame shown arrived and is shown
    update_shown = Signal(object)

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.session = state.session
        self.frame: BackwardFrame | None = None
        self.update_preview = None
        self.chosen_target: int | None = None      # the learner's class for a drawing (or an override)
        self._model = None                          # reused MLP buffers (backprop_frame.backward)
        self._probe_kind = state.probe_kind
        self._shown_weights = None                  # the W[1] drawn (redrawn when the weights change)
        self._worker = UpdateWorker(self._on_update)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self._lazy = LazyRefresh(self, self.refresh)
        self._throttle = Throttle(self, self._lazy.request)
        state.snapshot_changed.connect(self._on_snapshot)
        state.probe_changed.connect(self._on_probe)
        state.data_changed.connect(self._on_change)
        self.steps.stepped.connect(self._on_change)

    # --------------------------------------------------------------- layout
    def _build(self) -> None:
        self.source = _label(tr("No probe yet."))
        self.targets = QButtonGroup(self)
        self.targets.setExclusive(True)
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(QLabel(tr("Target:")))
        for k in range(10):
            b = QPushButton(str(k))
            b.setCheckable(True)
            b.setFixedWidth(b.fontMetrics().horizontalAdvance("0") + 14)
            b.setToolTip(tr("Differentiate the loss of class {k} (or press {k})").format(k=k))
            self.targets.addButton(b, k)
            row.addWidget(b)
        row.addStretch(1)
        self.targets.idClicked.connect(self.set_target)
        body = QWidget()
        self._lay = QVBoxLayout(body)
        self._lay.addWidget(self.source)
        self._lay.addLayout(row)
        self._lay.addWidget(self._forward_box())
        self._lay.addWidget(self._backward_box())
        self._lay.addWidget(self._update_box())
        box = QGroupBox(tr("One step on this example"))
        self.steps = StepPanel(self.session, self.example, box)
        QVBoxLayout(box).addWidget(self.steps)
        self._lay.addWidget(box)
        self._lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _forward_box(self) -> QGroupBox:
        box = QGroupBox(tr("Forward: Z = W A + b,  A = g(Z)"))
        lay = QVBoxLayout(box)
        self.forward_text = _label()
        self.probs = ProbabilityBars()
        self.probs.setMinimumHeight(90)
        self.loss = _label()
        font = self.loss.font()
        font.setBold(True)
        self.loss.setFont(font)
        lay.addWidget(self.forward_text)
        lay.addWidget(self.probs)
        lay.addWidget(self.loss)
        return box

    def _backward_box(self) -> QGroupBox:
        box = QGroupBox(tr("Backward: dZ[L] = A[L] \u2212 Y,  dZ = W\u1d40 dZ \u2299 g\u2032(Z)"))
        self._back = QVBoxLayout(box)
        self.output_title = _label()
        self.output_bars = SignedBars()
        self._back.addWidget(self.output_title)
        self._back.addWidget(self.output_bars)
        self.hidden: list[tuple[VectorGrid, VectorGrid, QLabel]] = []
        self.dw_first = TilePanel(tr("dW[1]: what one step on this image would change"))
        self.dw_first.setMinimumHeight(220)
        self.dw_first.setMaximumHeight(420)
        self.dw_deeper: list[MatrixImage] = []
        self.gradient_text = _label()
        self._back_tail = QVBoxLayout()
        self._back.addLayout(self._back_tail)
        return box

    def _update_box(self) -> QGroupBox:
        box = QGroupBox(tr("Update: what the optimizer would change"))
        lay = QVBoxLayout(box)
        self.update_text = _label("\u2026")
        self.w_first = TilePanel(tr("W[1] now"))
        self.dw_update = TilePanel(tr("\u0394W[1]: the optimizer's step"))
        row = side_by_side(self.w_first, self.dw_update)
        row.setFixedHeight(240)
        lay.addWidget(self.update_text)
        lay.addWidget(row)
        return box

    def _ensure_layers(self, n_hidden: int) -> None:
        """One dA/dZ pair per hidden layer, one dW matrix per deeper layer (rebuilt on a new shape)."""
        if len(self.hidden) == n_hidden:
            return
        while self._back_tail.count():
            item = self._back_tail.takeAt(0)
            if item.widget() is not None and item.widget() not in (self.dw_first, self.gradient_text):
                item.widget().deleteLater()
        self.hidden, self.dw_deeper = [], []
        for _ in range(n_hidden):
            da, dz, off = VectorGrid(), VectorGrid(), _label()
            self.hidden.append((da, dz, off))
            self._back_tail.addWidget(side_by_side(da, dz))
            self._back_tail.addWidget(off)
        self._back_tail.addWidget(self.gradient_text)
        self._back_tail.addWidget(self.dw_first)
        for _ in range(n_hidden):
            m = MatrixImage()
            self.dw_deeper.append(m)
            self._back_tail.addWidget(m)

    # --------------------------------------------------------------- inputs
    def target(self) -> int | None:
        """The class whose loss is differentiated: the learner's choice, else the probe's true label,
        else (a drawing) the network's guess."""
        if self.chosen_target is not None:
            return self.chosen_target
        s = self.state
        label = probe_label(s.probe_kind, s.probe_source, s.data)
        return label if label is not None else self.guessed_target()

    def guessed_target(self) -> int | None:
        """The network's guess for the probe, when no class was chosen and it has no label (else None)."""
        s = self.state
        if self.chosen_target is not None or probe_label(s.probe_kind, s.probe_source, s.data) is not None:
            return None
        trace = s.trace
        if trace is None or s.probe_input is None or trace.input.shape != s.probe_input.shape:
            return None
        return trace.prediction

    def set_target(self, k: int) -> None:
        """Differentiate the loss of class ``k`` (a button or a digit key)."""
        self.chosen_target = int(k)
        self._on_change()

    def example(self):
        """(x (784,), target, what it is) for a step, or None."""
        x, k = self.state.probe_input, self.target()
        if x is None or k is None:
            return None
        return x, k, self.state.probe_source or tr("the probe")

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        text = event.text()
        if len(text) == 1 and text.isdigit():
            self.set_target(int(text))
            return
        super().keyPressEvent(event)

    def exposed(self, visible: bool = True) -> None:
        """The dock became visible (``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def _on_probe(self, kind: str) -> None:
        # another image: its own label; the drawing growing stroke by stroke keeps the class chosen
        if kind != "pad" or self._probe_kind != "pad":
            self.chosen_target = None
        self._probe_kind = kind
        self._on_change()

    def _on_snapshot(self, _snapshot) -> None:
        """New weights (a run streams them): recompute at most at the display rate."""
        self._throttle.request()

    def _on_change(self, *_args) -> None:
        """Something a person did (a probe, a target, a step): recompute at once."""
        self._throttle.now()

    # --------------------------------------------------------------- render
    def refresh(self) -> None:
        """Recompute the backward pass for the probe and target, show it, ask for the update."""
        snap, x, k = self.state.snapshot, self.state.probe_input, self.target()
        for b in self.targets.buttons():
            b.setChecked(self.targets.id(b) == k)
        if snap is None or x is None:
            self.frame = None
            set_text(self.source, tr("No probe yet: draw a digit or choose an image (Activations view)."))
            return
        if k is None:
            set_text(self.source, tr("Probe: {source}. Which digit is it? Press a button below or a digit "
                                     "key to see its gradient.").format(source=self.state.probe_source))
            self.frame = None
            return
        try:
            self.frame, self._model = backward(snap, x, k, self.session.train_config, self._model)
        except (ValueError, ArithmeticError) as exc:
            set_text(self.source, tr("The backward pass could not be computed: {error}").format(error=exc))
            return
        target = (tr("{k} (guessed; press a digit key to choose)").format(k=k)
                  if self.guessed_target() is not None else str(k))
        set_text(self.source, tr("Probe: {source} \u00b7 target {target} \u00b7 weights of step {step}").format(
            source=self.state.probe_source, target=target, step=self.frame.step))
        self._render(self.frame)
        self._worker.request(snap, self.frame, self.session.checkpoint, self.session.train_config)
        self.computed.emit(self.frame)

    def _render(self, f: BackwardFrame) -> None:
        r = f.result
        names = list(self.state.data.class_names) if self.state.data is not None else [str(i) for i in range(10)]
        set_text(self.forward_text, "\n".join(forward_lines(f)))
        self.probs.set_probabilities(r.probabilities)
        set_text(self.loss, loss_text(r, names))
        L = r.n_layers
        set_text(self.output_title, tr("dZ[{L}] = A[{L}] \u2212 Y = p \u2212 one_hot({target}): the output's "
                                       "error, per class").format(L=L, target=r.target))
        self.output_bars.set_values(r.dz[-1], r.target)
        self._ensure_layers(L - 1)
        g = ACTIVATION_NAMES.get(f.activation, f.activation)
        for i, (da, dz, off) in enumerate(self.hidden):
            da_line, dz_line = hidden_lines(r, i, g)
            da.set_values(r.da[i], None, da_line)
            dz.set_values(r.dz[i], r.off[i], dz_line)
            set_text(off, off_text(r, i))
        set_text(self.gradient_text, "\n".join(gradient_lines(r)))
        self.dw_first.set_columns(r.dW[0])
        for i, m in enumerate(self.dw_deeper):
            m.set_matrix(r.dW[i + 1], tr("dW[{l}] = dZ[{l}] A[{k}]\u1d40 ({units} units \u00d7 {inputs} inputs)")
                         .format(l=i + 2, k=i + 1, units=r.dW[i + 1].shape[1], inputs=r.dW[i + 1].shape[0]))
        if self._shown_weights is not f.weights[0]:          # the same snapshot: drawn already
            self._shown_weights = f.weights[0]
            self.w_first.set_columns(f.weights[0])

    def _on_update(self, payload) -> None:
        frame, preview, lines = payload
        if frame is not self.frame:             # an older frame's step: the next one is coming
            return
        self.update_preview = preview
        if self.session.is_active:
            lines = [*lines, tr("(from the optimizer state the run started with: the live one stays "
                                "with the trainer until the run ends)")]
        set_text(self.update_text, "\n".join(lines))
        self.dw_update.set_columns(preview.delta_W[0])
        self.update_shown.emit(preview)

    def shutdown(self, timeout_s: float = 1.0) -> None:
        self._worker.shutdown(timeout_s)



def install_dock(window, state) -> BackpropView:
    """Create the view on ``state``, add it as the "backprop" dock (tabbed on the right)."""
    view = BackpropView(state)
    dock = window.add_dock("backprop", tr("Backprop"), view, Qt.DockWidgetArea.RightDockWidgetArea)
    dock.visibilityChanged.connect(view.exposed)
    stop_on_close(window, lambda: view.shutdown(1.0))
    window.backprop_view = view
    return view
