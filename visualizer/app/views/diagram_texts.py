"""The words of the activations diagram: its column titles and the tooltip of a unit.

``column_titles(sizes)`` gives each column's title from whole to shortest: the
diagram shows the first that fits its column, and the whole title as the tooltip
of a shortened one. ``describe_unit`` is the tooltip of a hidden unit or an
output class: its sum, its activation or probability, and whether it is dead,
switched off or scaled.
"""

from __future__ import annotations

from ..i18n import tr


def column_titles(sizes) -> list[list[str]]:
    """Per column (input, each hidden layer, output) of a network of layer ``sizes``, its title
    candidates from whole to shortest: "Hidden 2 · 64", "Hidden 2", "H2 · 64", "H2", "2"."""
    hidden = [[tr("Hidden {i} \u00b7 {n}").format(i=i, n=n), tr("Hidden {i}").format(i=i),
               tr("H{i} \u00b7 {n}").format(i=i, n=n), tr("H{i}").format(i=i), f"{i}"]
              for i, n in enumerate(sizes[1:-1], start=1)]
    return [[tr("Input"), tr("In")]] + hidden + [[tr("Output"), tr("Out")]]


def describe_unit(state, class_names, layer: int, unit: int) -> str:
    """Tooltip text for ``unit`` of ``layer`` (1..H+1) of the ``InspectorState``'s snapshot and trace:
    pre-activation, activation (or logit and probability), dead status, edits.
    ``class_names(n)`` names the n output classes."""
    snap, trace = state.snapshot, state.trace
    if snap is None or trace is None:
        return ""
    z = float(trace.pre_activations[layer - 1][unit])
    if layer == len(snap.sizes) - 1:
        pr = float(trace.probabilities[unit])
        return tr("Class {name}: logit {z}, probability {p}").format(
            name=class_names(snap.sizes[-1])[unit], z=f"{z:+.3f}", p=f"{pr:.1%}")
    a = float(trace.activations[layer - 1][unit])
    text = tr("Hidden layer {layer}, unit {unit}: z = {z}, activation {a}").format(
        layer=layer, unit=unit, z=f"{z:+.3f}", a=f"{a:.3f}")
    dead = state.dead
    if dead is not None and len(dead) >= layer and bool(dead[layer - 1][unit]):
        text += "\n" + tr("Dead: never active on the held-out reference images (no gradient reaches it)")
    scale = state.edits.scale_of(layer, unit) if getattr(state, "edits", None) else 1.0
    if scale != 1.0:
        text += "\n" + (tr("Switched off: the next layer no longer hears it (display only)") if scale == 0
                        else tr("Scaled: the next layer hears it \u00d7{s} (display only)").format(s=f"{scale:g}"))
    return text
