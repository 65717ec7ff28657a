"""Taking a network apart: switch hidden units off, or scale them, without touching the original.

A ``UnitEdits`` is a frozen set of edits ``(layer, unit) -> scale``: ``layer``
counts the hidden layers from 1 (1 is the first hidden layer, as everywhere in
the app: an index into ``sizes``), ``unit`` is the unit's index in that layer,
and ``scale`` multiplies what the unit passes on (0 switches it off, 0.5 halves
it, 1 changes nothing and is dropped). Only hidden units can be edited.

``apply(network, edits)`` returns a NEW network and never mutates the one given:

* what is edited is the unit's **outgoing** weights, row ``unit`` of
  ``W[layer]`` (n_in, n_out): every unit of the next layer receives
  ``a_unit * W[layer][unit, k]``, so scaling that row by ``s`` is exactly the
  same as scaling the unit's activation ``a_unit`` by ``s``, for every
  activation function. Scaling the incoming weights and bias instead would only
  match for ReLU (``relu(s z) = s relu(z)`` for ``s >= 0``): a sigmoid unit
  with zeroed inputs still outputs 0.5 and keeps talking to the next layer.
* the unit itself still computes its value (its own activation is unchanged);
  the next layer simply no longer hears it, or hears it scaled.

``network`` may be a ``NetworkSnapshot`` (a new snapshot without probe trace,
which belongs to the unedited weights), an ``MLP`` (an edited copy), a
``Checkpoint`` (a copy with edited ``params``; counters, history and optimizer
state kept), or a ``(weights, biases)`` pair of sequences (new tuples; only the
edited matrices are copied, the others are shared, as the arrays are read-only).

``parse("1:17,2:5=0.5")`` reads the command line's ``--ablate`` text;
``edits.spec()`` writes it back. ``edits.check(sizes)`` raises ``ConfigError``
naming the edit for a layer or unit the network does not have.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from .errors import ConfigError

OFF = 0.0


@dataclass(frozen=True)
class UnitEdits:
    """Scales of edited hidden units, sorted by (layer, unit); see the module docstring.

    items   tuple of ``(layer, unit, scale)``: layer >= 1, unit >= 0, scale finite and != 1
    """

    items: tuple[tuple[int, int, float], ...] = ()

    def __post_init__(self) -> None:
        merged: dict[tuple[int, int], float] = {}
        for layer, unit, scale in self.items:
            layer, unit, scale = int(layer), int(unit), float(scale)
            if layer < 1 or unit < 0:
                raise ConfigError(f"no hidden unit {layer}:{unit}: layers count from 1, units from 0")
            if not math.isfinite(scale):
                raise ConfigError(f"the scale of unit {layer}:{unit} must be a finite number, not {scale}")
            merged[(layer, unit)] = scale
        items = tuple((lu[0], lu[1], s) for lu, s in sorted(merged.items()) if s != 1.0)
        object.__setattr__(self, "items", items)

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Iterator[tuple[int, int, float]]:
        return iter(self.items)

    def scale_of(self, layer: int, unit: int) -> float:
        """The unit's scale (1.0 when it is not edited)."""
        for l_, u, s in self.items:
            if (l_, u) == (layer, unit):
                return s
        return 1.0

    def in_layer(self, layer: int) -> dict[int, float]:
        """``{unit: scale}`` of the edited units of one hidden layer."""
        return {u: s for l_, u, s in self.items if l_ == layer}

    def spec(self) -> str:
        """The ``--ablate`` text: ``"1:17,2:5=0.5"`` (a unit switched off has no ``=``)."""
        return ",".join(f"{l_}:{u}" if s == OFF else f"{l_}:{u}={s:g}" for l_, u, s in self.items)

    # ------------------------------------------------------------------ changing
    def with_scale(self, layer: int, unit: int, scale: float) -> "UnitEdits":
        """A copy where the unit has ``scale`` (1.0 removes its edit)."""
        return UnitEdits(self.items + ((layer, unit, scale),))

    def without(self, layer: int, unit: int) -> "UnitEdits":
        """A copy without the unit's edit."""
        return UnitEdits(tuple(e for e in self.items if (e[0], e[1]) != (layer, unit)))

    def check(self, sizes) -> "UnitEdits":
        """Raise ConfigError (naming the edit) unless every edited unit is a hidden unit of ``sizes``
        (n_inputs, *hidden, n_classes); returns self."""
        sizes = tuple(int(s) for s in sizes)
        hidden = len(sizes) - 2
        for layer, unit, _ in self.items:
            if layer > hidden:
                have = (f"it has {hidden} hidden layer{'s' if hidden != 1 else ''} (1-{hidden})"
                        if hidden else "it has no hidden layer")
                raise ConfigError(f"no hidden layer {layer} for edit {layer}:{unit}: {have}")
            if unit >= sizes[layer]:
                raise ConfigError(f"no unit {unit} in hidden layer {layer} for edit {layer}:{unit}: "
                                  f"it has {sizes[layer]} units (0-{sizes[layer] - 1})")
        return self


NO_EDITS = UnitEdits()


def parse(text: str) -> UnitEdits:
    """``"1:17,2:5=0.5"`` -> UnitEdits: unit 17 of hidden layer 1 off, unit 5 of layer 2 halved.

    Raises ConfigError naming the part that cannot be read.
    """
    items = []
    for part in (p.strip() for p in str(text).split(",")):
        if not part:
            continue
        where, _, scale_text = part.partition("=")
        layer_text, colon, unit_text = where.partition(":")
        try:
            if not colon:
                raise ValueError
            layer, unit = int(layer_text), int(unit_text)
            scale = float(scale_text) if scale_text.strip() else OFF
        except ValueError:
            raise ConfigError(f"cannot read edit {part!r}: write LAYER:UNIT to switch a unit off or "
                              f"LAYER:UNIT=SCALE to scale it, e.g. 1:17,2:5=0.5") from None
        items.append((layer, unit, scale))
    if not items:
        raise ConfigError("no edit given: write LAYER:UNIT[=SCALE], e.g. 1:17,2:5=0.5")
    return UnitEdits(tuple(items))


def apply_weights(weights, biases, edits: UnitEdits) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """New ``(weights, biases)`` tuples with every edited unit's outgoing row scaled.

    ``weights[i]`` (n_in, n_out): the edit of hidden unit ``(layer, unit)`` scales row
    ``unit`` of ``weights[layer]`` (what it passes to the next layer). Edited matrices are
    read-only copies of the dtype given; the others and the biases are the same objects.
    """
    weights = list(weights)
    edits.check([weights[0].shape[0]] + [w.shape[1] for w in weights])
    for layer in sorted({l_ for l_, _, _ in edits}):
        w = np.array(weights[layer], copy=True)                   # (n_in, n_out), n_in = sizes[layer]
        for unit, scale in edits.in_layer(layer).items():
            w[unit, :] *= w.dtype.type(scale)
        w.flags.writeable = False
        weights[layer] = w
    return tuple(weights), tuple(biases)


def apply(network, edits: UnitEdits):
    """``network`` with ``edits`` applied (a new object of the same kind; see the module docstring)."""
    from .checkpoint import Checkpoint
    from .network import MLP
    from .snapshot import NetworkSnapshot

    if isinstance(network, NetworkSnapshot):
        weights, biases = apply_weights(network.weights, network.biases, edits)
        return NetworkSnapshot(network.step, network.progress, network.epochs_done, network.sizes,
                               network.activation, weights, network.biases, None)
    if isinstance(network, MLP):
        model = network.copy()
        weights, _ = apply_weights(network.weights, network.biases, edits)
        model.set_parameters(weights, network.biases)
        return model
    if isinstance(network, Checkpoint):
        return network.replace(params=apply(network.model(), edits).params)
    weights, biases = network
    return apply_weights(weights, biases, edits)
