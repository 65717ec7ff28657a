"""Switching a hidden unit off or scaling it: the actions every view offers on a unit.

The activations view's diagram and the weights view (a tile of the first
layer, a row of a deeper layer's matrix) open ``unit_menu`` on a right click;
the Edits panel offers the same actions for the selected unit. Each action only
changes ``InspectorState.edits`` (what is shown), never the session's model:
``core.ablation`` computes the edited network. Only hidden units can be edited.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from visualizer.core.ablation import NO_EDITS

from ..i18n import tr

SCALE_RANGE = (-10.0, 10.0)    # what "Scale…" accepts: 0 is off, 1 unchanged, negative flips the sign


def is_hidden(state, layer: int, unit: int) -> bool:
    """True when ``(layer, unit)`` is a hidden unit of the network shown."""
    snap = state.raw_snapshot
    return snap is not None and 1 <= layer <= len(snap.sizes) - 2 and 0 <= unit < int(snap.sizes[layer])


def unit_name(layer: int, unit: int) -> str:
    return tr("unit {unit} of hidden layer {layer}").format(unit=unit, layer=layer)


def set_scale(state, layer: int, unit: int, scale: float) -> None:
    """The unit passes its activation on multiplied by ``scale`` (0: off; 1: as trained)."""
    state.set_edits(state.edits.with_scale(layer, unit, scale))


def ask_scale(parent: QWidget, state, layer: int, unit: int) -> bool:
    """Ask for the unit's scale in a small dialog and apply it; False when cancelled."""
    current = state.edits.scale_of(layer, unit)
    value, ok = QInputDialog.getDouble(
        parent, tr("Scale a unit"),
        tr("Multiply what {name} passes on by (0 switches it off, 1 leaves it as trained):").format(
            name=unit_name(layer, unit)),
        current, SCALE_RANGE[0], SCALE_RANGE[1], 2)
    if ok:
        set_scale(state, layer, unit, value)
    return bool(ok)


def unit_menu(parent: QWidget, state, layer: int, unit: int) -> QMenu | None:
    """A menu with "Switch off", "Scale…" and "Restore" for a hidden unit (None for any other)."""
    if not is_hidden(state, layer, unit):
        return None
    menu = QMenu(parent)
    title = menu.addAction(tr("Unit {unit} of hidden layer {layer}").format(unit=unit, layer=layer))
    title.setEnabled(False)
    scale = state.edits.scale_of(layer, unit)
    off = menu.addAction(tr("Switch off"))
    off.setToolTip(tr("The unit's activation no longer reaches the next layer (display only)"))
    off.setEnabled(scale != 0.0)
    off.triggered.connect(lambda: set_scale(state, layer, unit, 0.0))
    menu.addAction(tr("Scale\u2026")).triggered.connect(lambda: ask_scale(parent, state, layer, unit))
    restore = menu.addAction(tr("Restore this unit"))
    restore.setEnabled(scale != 1.0)
    restore.triggered.connect(lambda: state.set_edits(state.edits.without(layer, unit)))
    if state.edits:
        menu.addSeparator()
        menu.addAction(tr("Restore all")).triggered.connect(lambda: state.set_edits(NO_EDITS))
    return menu


def show_unit_menu(parent: QWidget, state, layer: int, unit: int, global_pos) -> None:
    """Open ``unit_menu`` at ``global_pos`` (nothing for a unit that is not hidden)."""
    menu = unit_menu(parent, state, layer, unit)
    if menu is not None:
        menu.popup(global_pos)
