"""The titles of the activations diagram's columns, longest first: the diagram shows the first
that fits its column and the whole title as the tooltip of a shortened one."""

from __future__ import annotations

from ..i18n import tr


def column_titles(sizes) -> list[list[str]]:
    """Per column (input, each hidden layer, output) of a network of layer ``sizes``, its title
    candidates from whole to shortest: "Hidden 2 · 64", "Hidden 2", "H2 · 64", "H2", "2"."""
    hidden = [[tr("Hidden {i} \u00b7 {n}").format(i=i, n=n), tr("Hidden {i}").format(i=i),
               tr("H{i} \u00b7 {n}").format(i=i, n=n), tr("H{i}").format(i=i), f"{i}"]
              for i, n in enumerate(sizes[1:-1], start=1)]
    return [[tr("Input"), tr("In")]] + hidden + [[tr("Output"), tr("Out")]]
