"""The words of the weights view: its layer selector, a unit's summary, one weight's tooltip, the hint.

Pure functions of what is shown (a ``NetworkSnapshot``, the probe's trace, the
dead units, the edits), so they are tested without a widget. A *layer* ``k``
here is the weight matrix ``W[k]`` (``snapshot.weights[k - 1]``, (n_in, n_out)),
whose units are layer ``k`` of ``snapshot.sizes``.
"""

from __future__ import annotations

import numpy as np

from ..i18n import tr

MINUS = "\u2212"


def layer_names(sizes) -> list[str]:
    """The selector's entries: one per weight matrix W[1] .. W[H+1] of a network of ``sizes``."""
    sizes = [int(s) for s in sizes]
    names = []
    for k in range(1, len(sizes)):
        if k == 1 and sizes[0] == 28 * 28:
            names.append(tr("Layer 1 ({n_in}\u2192{n_out}) as 28\u00d728 tiles").format(
                n_in=sizes[0], n_out=sizes[1]))
        else:
            names.append(tr("Layer {k} ({n_in}\u2192{n_out}) matrix").format(
                k=k, n_in=sizes[k - 1], n_out=sizes[k]))
    return names


def unit_summary(snap, trace, dead, edits, layer: int, unit: int) -> str:
    """One line (rich text) about unit ``unit`` of W[layer]: weight range, norm, bias, the probe's
    activation, dead, edited."""
    w = snap.weights[layer - 1][:, unit]                               # (n_in,) its incoming weights
    b = float(snap.biases[layer - 1][unit])
    parts = [tr("<b>Unit {unit}</b>").format(unit=unit) if layer == 1 else
             tr("<b>Layer {layer} unit {unit}</b>").format(layer=layer, unit=unit),
             tr("weights {lo} \u2026 {hi}").format(lo=f"{w.min():+.3f}", hi=f"{w.max():+.3f}"),
             f"\u2016w\u2016 = {float(np.linalg.norm(w)):.3f}",
             tr("bias {b}").format(b=f"{b:+.3f}")]
    if trace is not None and unit < len(trace.pre_activations[layer - 1]):
        z = float(trace.pre_activations[layer - 1][unit])
        if layer <= len(trace.activations):
            a = float(trace.activations[layer - 1][unit])
            parts.append(tr("activation for the probe {a} (z = {z})").format(a=f"{a:.3f}", z=f"{z:+.3f}"))
        else:
            parts.append(tr("logit for the probe {z}").format(z=f"{z:+.3f}"))
    if dead is not None and len(dead) >= layer and unit < len(dead[layer - 1]) and bool(dead[layer - 1][unit]):
        parts.append("<span style='color:#d35400'>" + tr("dead: never active on held-out images") + "</span>")
    scale = edits.scale_of(layer, unit) if edits else 1.0
    if scale != 1.0:
        parts.append("<span style='color:#d35400'>" + (
            tr("switched off (display only)") if scale == 0 else
            tr("scaled \u00d7{s} (display only)").format(s=f"{scale:g}")) + "</span>")
    return " \u00b7 ".join(parts).replace("-", MINUS)


def cell_summary(snap, layer: int, unit: int, inp: int, w0=None) -> str:
    """One weight of W[layer]: "Layer 2: unit 4 ← input 6 (unit 6 of hidden layer 1) · w = +0.1234";
    with ``w0`` (the matrix at the start), its change too."""
    value = float(snap.weights[layer - 1][inp, unit])
    text = tr("Layer {k}: unit {unit} \u2190 input {inp} (unit {inp} of hidden layer {prev})").format(
        k=layer, unit=unit, inp=inp, prev=layer - 1)
    text += " \u00b7 w = " + f"{value:+.4f}".replace("-", MINUS)
    if w0 is not None:
        change = value - float(w0[inp, unit])
        text += " \u00b7 " + tr("change {d}").format(d=f"{change:+.4f}".replace("-", MINUS))
    return text


def default_info(layer: int, delta: bool) -> str:
    """The grey hint under the weights when no unit is hovered or selected."""
    if layer == 1:
        hint = "" if delta else tr(" Early on the random initial weights hide what is learned: "
                                   "tick \u0394 since start.")
        text = tr("Blue: negative weight (ink there lowers the unit), red: positive (ink there "
                  "raises it). Hover a tile for details; click it to follow the unit in the "
                  "activations view; right-click to switch it off.") + hint
    else:
        text = tr("Row j: what unit j of layer {k} listens to; column i: what input i tells every "
                  "unit. Blue lowers, red raises. Hover for the value; click a row to follow the "
                  "unit; right-click to switch it off.").format(k=layer)
    return f"<span style='color:gray'>{text}</span>"
