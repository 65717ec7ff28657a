"""What the inspection views share: the latest snapshot, the probe input and its trace, the selected unit.

``InspectorState`` is a QObject without widgets and the one owner of the probe
(the input every view traces through the network). ``install`` feeds it the
session's snapshots and data; the drawing pad hands it the drawing
(``set_pad_input``), the activations view a validation or test image
(``set_probe``); every view renders from it. Traces are computed here, once per
change, with the snapshot's own weights (``NetworkSnapshot.trace``), so what
the views show is always the live network, never a stale copy. The session is
only told the probe, so that the snapshots of a training run carry its trace,
computed in the training process; that trace is used when it is of the current
probe.

Indices: a *layer* is an index into ``snapshot.sizes``: 0 is the input,
1..H the hidden layers, H+1 the output. A selection is ``(layer, unit)``.

Edits (hidden units switched off or scaled, ``core.ablation.UnitEdits``) change
what is shown, never the session's model: ``raw_snapshot`` is the snapshot
given, ``snapshot`` the one every view renders, that snapshot with
``edits`` applied (the same object when there are none). ``set_edits``
re-derives it from ``raw_snapshot``, and every later snapshot (live, scrubbed
or opened) gets the same edits, until they are changed or no longer fit the
network.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from visualizer.core.ablation import NO_EDITS, apply_weights

from ..i18n import tr

REFERENCE_IMAGES = 256        # held-out images used to find units that are never active
DEAD_INTERVAL_S = 2.0         # during training, dead units are recomputed at most this often
DEAD_CHUNK = 128              # reference images per matrix product when looking for dead units
DYING = ("relu",)             # activations whose units can die (output and gradient exactly 0);
                              # leaky ReLU keeps a small slope, sigmoid/tanh never reach 0


def model_from_snapshot(snapshot):
    """An engine ``MLP`` carrying the snapshot's weights (for batch forward passes)."""
    from visualizer.core.config import NetworkConfig
    from visualizer.core.network import MLP

    sizes = tuple(int(s) for s in snapshot.sizes)
    config = NetworkConfig(hidden=sizes[1:-1], activation=snapshot.activation,
                           n_inputs=sizes[0], n_classes=sizes[-1])
    model = MLP(config, rng=np.random.default_rng(0))
    model.set_parameters(list(snapshot.weights), list(snapshot.biases))
    return model


def dead_units(snapshot, x_ref: np.ndarray, chunk: int = DEAD_CHUNK) -> tuple[np.ndarray, ...] | None:
    """Per hidden layer, a (n_units,) bool mask of units never active on ``x_ref``.

    ``x_ref`` (N, 784) float32. Only meaningful for ReLU (a unit whose
    pre-activation is <= 0 for every image passes no signal and gets no
    gradient); None for other activations or an empty reference set.
    Computed straight from the snapshot's weights, ``chunk`` images at a time
    (no model is built). Raises ValueError when the widths do not match.
    """
    if snapshot is None or snapshot.activation not in DYING or x_ref is None or len(x_ref) == 0:
        return None
    weights, biases = snapshot.weights, snapshot.biases
    masks = [np.ones(int(n), dtype=bool) for n in snapshot.sizes[1:-1]]
    for start in range(0, len(x_ref), chunk):
        a = np.asarray(x_ref[start:start + chunk], dtype=np.float32)       # (B, 784)
        for i, mask in enumerate(masks):
            z = a @ weights[i]                     # (B, n_in) @ (n_in, n_out) -> (B, n_out)
            z += biases[i]
            mask &= np.all(z <= 0.0, axis=0)       # NaN counts as alive, as "<= 0" is False
            if i + 1 < len(masks):
                a = np.maximum(z, 0.0, out=z)      # ReLU
    return tuple(masks)


def _readonly_input(x) -> np.ndarray | None:
    """(784,) float32 read-only copy; the same array when it already is one (set_probe of the pad's input)."""
    if x is None:
        return None
    if (isinstance(x, np.ndarray) and x.dtype == np.float32 and x.ndim == 1 and x.base is None
            and not x.flags.writeable):
        return x
    x = np.array(np.asarray(x, dtype=np.float32).reshape(-1))         # a copy that owns its memory
    x.flags.writeable = False
    return x


class InspectorState(QObject):
    """Shared state of the inspection views (see the module docstring)."""

    snapshot_changed = Signal(object)     # NetworkSnapshot | None (every snapshot)
    weights_changed = Signal(object)      # NetworkSnapshot | None, only when its weights differ
    trace_changed = Signal(object)        # ProbeTrace | None, for the current probe and snapshot
    probe_changed = Signal(str)           # the probe's kind: "pad" | "validation" | "test" | ""
    selection_changed = Signal(object)    # (layer, unit) | None
    data_changed = Signal(object)         # DataBundle | None
    dead_changed = Signal(object)         # tuple of bool masks per hidden layer | None
    edits_changed = Signal(object)        # UnitEdits: the hidden units switched off or scaled

    def __init__(self, session=None, parent=None):
        super().__init__(parent)
        self.session = session
        self.snapshot = None                  # what the views show: raw_snapshot with edits applied
        self.raw_snapshot = None              # the snapshot given (the session's, or a scrubbed moment)
        self.edits = NO_EDITS
        self._edited_weights = None           # (raw weights, edits, edited weights): one copy per change
        self.data = None
        self.probe_input: np.ndarray | None = None     # (784,) float32, read-only
        self.probe_source = ""                          # "your drawing" | "validation #12 · true 3" ... (translated)
        self.probe_kind = ""                            # "pad" | "validation" | "test" | ""
        self.pad_input: np.ndarray | None = None       # (784,) float32, read-only: the pad's drawing
        self.trace = None
        self.selection: tuple[int, int] | None = None
        self.dead: tuple[np.ndarray, ...] | None = None
        self._x_ref: np.ndarray | None = None
        self._pad_trace = None                  # (snapshot, trace) of the pad's input before it is the probe
        self._dead_at = -1e9                    # perf_counter of the last dead-unit computation
        self._dead_timer = QTimer(self)
        self._dead_timer.setSingleShot(True)
        self._dead_timer.timeout.connect(self._update_dead)

    # ---------------------------------------------------------------- inputs
    def set_snapshot(self, snapshot) -> None:
        """A new network state: recompute the probe's trace and the dead units."""
        self.raw_snapshot = snapshot
        edits = self.edits
        snapshot = self._edited(snapshot)
        if snapshot is not None and self.snapshot is not None and snapshot.sizes != self.snapshot.sizes:
            self.selection = None
            self.selection_changed.emit(None)
        old = self.snapshot
        self.snapshot = snapshot
        same_weights = (old is not None and snapshot is not None and old.weights is snapshot.weights
                        and old.biases is snapshot.biases)
        if not same_weights:
            self._schedule_dead(old)
            self.weights_changed.emit(snapshot)
        self._update_trace()
        self.snapshot_changed.emit(snapshot)
        if self.edits != edits:               # dropped: they do not fit this network
            self.edits_changed.emit(self.edits)

    def set_data(self, bundle) -> None:
        """A (re)loaded dataset: keep a reference batch of held-out images."""
        from visualizer.core.dataset import as_inputs

        self.data = bundle
        self._x_ref = None
        if bundle is not None and len(bundle.x_val):
            inputs = getattr(bundle, "inputs_val", None)
            self._x_ref = (np.asarray(inputs[:REFERENCE_IMAGES]) if inputs is not None
                           else as_inputs(bundle.x_val[:REFERENCE_IMAGES]))
        self.data_changed.emit(bundle)
        self._update_dead()

    def set_probe(self, x: np.ndarray | None, source: str = "", kind: str = "") -> None:
        """Make ``x`` (784,) float32 in [0, 1] the probe every view shows (None: no probe).

        The trace is computed here, once; the session is only told the input, so that the
        snapshots a training run sends carry its trace.
        """
        x = _readonly_input(x)
        self.probe_input = x
        self.probe_source = source if x is not None else ""
        self.probe_kind = kind
        if self.session is not None:
            self.session.set_probe(x)
        self._update_trace()                    # (dead units do not depend on the probe)
        self.probe_changed.emit(kind)

    def set_pad_input(self, x: np.ndarray | None) -> None:
        """The drawing pad's input (784,) or None, kept (``pad_trace`` traces it); ``adopt_pad``
        then makes it the probe. Two steps, so that the pad can show its answer first."""
        self.pad_input = _readonly_input(x)
        self._pad_trace = None

    def adopt_pad(self) -> None:
        """Something drawn becomes the probe; a cleared pad clears the probe only when the pad
        was the probe (a validation image chosen meanwhile stays)."""
        if self.pad_input is not None or self.probe_kind == "pad":
            self.use_pad()

    def use_pad(self) -> None:
        """Make the pad's drawing the probe (or no probe when nothing is drawn)."""
        self.set_probe(self.pad_input, tr("your drawing"), "pad")

    def select(self, layer: int | None, unit: int | None = None) -> None:
        """Select a unit (layer index into ``snapshot.sizes``, unit index), or clear with None."""
        sel = None if layer is None or unit is None else (int(layer), int(unit))
        if sel != self.selection:
            self.selection = sel
            self.selection_changed.emit(sel)

    def set_edits(self, edits) -> None:
        """Show the network with ``edits`` (``UnitEdits``; empty: as it is); the model is not touched.
        Raises ConfigError for a unit the current network does not have."""
        if edits == self.edits:
            return
        if self.raw_snapshot is not None:
            edits.check(self.raw_snapshot.sizes)
        self.edits = edits
        if self.raw_snapshot is not None:
            self.set_snapshot(self.raw_snapshot)      # (the views follow; then the edits are announced)
        self.edits_changed.emit(edits)

    def _edited(self, raw):
        """``raw`` with the edits applied; edited weights are reused while ``raw``'s are the same."""
        from visualizer.core.snapshot import NetworkSnapshot

        if raw is None or not self.edits:
            return raw
        try:
            self.edits.check(raw.sizes)
        except ValueError:                    # another network: its units are not the ones edited
            self.edits = NO_EDITS             # (set_snapshot announces it)
            return raw
        cached = self._edited_weights
        if cached is None or cached[0] is not raw.weights or cached[1] != self.edits:
            weights, _ = apply_weights(raw.weights, raw.biases, self.edits)
            cached = self._edited_weights = (raw.weights, self.edits, weights)
        return NetworkSnapshot(raw.step, raw.progress, raw.epochs_done, raw.sizes, raw.activation,
                               cached[2], raw.biases, None)

    # ---------------------------------------------------------------- derived
    def effective_input(self) -> np.ndarray | None:
        """The probe shown (784,), or None."""
        return self.probe_input

    def pad_trace(self):
        """The ``ProbeTrace`` of the pad's input with the current snapshot (None: nothing drawn
        or no network): the probe's own trace when the pad is the probe, else traced once per
        snapshot (and reused when the pad becomes the probe)."""
        snap, x = self.snapshot, self.pad_input
        if snap is None or x is None:
            return None
        if self.probe_input is x and self.trace is not None:
            return self.trace
        cached = self._pad_trace
        if cached is None or cached[0] is not snap:
            cached = self._pad_trace = (snap, snap.trace(x))
        return cached[1]

    def _update_trace(self) -> None:
        snap, x = self.snapshot, self.probe_input
        trace = None
        if snap is not None and x is not None:
            carried = snap.probe             # traced by the training run with these very weights
            pad = self._pad_trace            # traced for the pad with these weights
            if carried is not None and (carried.input is x or np.array_equal(carried.input, x)):
                trace = carried
            elif pad is not None and pad[0] is snap and x is self.pad_input:
                trace = pad[1]
            else:
                trace = snap.trace(x)
        self.trace = trace
        self.trace_changed.emit(trace)

    def _schedule_dead(self, old) -> None:
        """Recompute dead units now, or (while snapshots stream in) at most every DEAD_INTERVAL_S."""
        snap = self.snapshot
        if snap is None or old is None or tuple(old.sizes) != tuple(snap.sizes) or self.dead is None:
            self._update_dead()
            return
        wait = DEAD_INTERVAL_S - (time.perf_counter() - self._dead_at)
        if wait <= 0:
            self._update_dead()
        elif not self._dead_timer.isActive():
            self._dead_timer.start(int(wait * 1000) + 1)     # the latest snapshot then

    def _update_dead(self) -> None:
        self._dead_timer.stop()
        self._dead_at = time.perf_counter()
        try:
            self.dead = dead_units(self.snapshot, self._x_ref)
        except ValueError:      # weights and reference of different widths (mid-reload)
            self.dead = None
        self.dead_changed.emit(self.dead)
