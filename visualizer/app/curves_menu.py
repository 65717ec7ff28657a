"""The curves' right-click menu: what a learner needs from it, in their language.

pyqtgraph's own menu (View All, axis options, mouse mode, and "Plot Options"
with FFT, dy/dx, log-x, averaging and downsampling) is written for data
analysts, is in English only, and some of it fails on these curves (the power
spectrum raises on the divergence markers) or does nothing to them (the batch
curves are drawn by items of their own). Its "View All" also leaves the curves
where they were: once a person zooms or pans, the curves stop following the run
until the next one starts. This menu offers instead:

    Follow the run            undo zoom and pan: the axes follow training again
    Grid                      the grid lines on or off (checked: on)
    <the window's actions>    ``CurvesWidget.context_actions``, e.g. export as PNG / CSV

``attach(curves)`` is called once the plots exist (they are built on first
paint); it turns pyqtgraph's menus and its "A" auto-range button off and opens
this menu on a right click anywhere over the plots. Zooming with the wheel and
panning by dragging stay as they are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from .i18n import tr


def build_menu(curves) -> QMenu:
    """The menu for ``curves`` (a built ``CurvesWidget``), parented to its plot widget."""
    menu = QMenu(curves.graphics)
    follow = menu.addAction(tr("Follow the run"))
    follow.setToolTip(tr("Undo zooming and panning: the curves follow training again"))
    follow.setEnabled(curves.zoomed)
    follow.triggered.connect(curves.follow_run)
    menu.addSeparator()
    grid = QAction(tr("Grid"), menu)
    grid.setCheckable(True)
    grid.setChecked(curves.grid_shown)
    grid.toggled.connect(lambda on: show_grid(curves, on))
    menu.addAction(grid)
    extra = [a for a in getattr(curves, "context_actions", ()) if a is not None]
    if extra:
        menu.addSeparator()
        for action in extra:
            menu.addAction(action)
    menu.setToolTipsVisible(True)
    return menu


def show_grid(curves, on: bool) -> None:
    """The grid lines of ``curves``' three plots on or off (remembered in ``curves.grid_shown``)."""
    from .curves_build import GRID_ALPHA

    curves.grid_shown = bool(on)
    for plot in curves.plots():
        plot.showGrid(x=on, y=on, alpha=GRID_ALPHA)


def attach(curves) -> None:
    """Replace pyqtgraph's menus on ``curves``' three plots with ``build_menu``'s."""
    for plot in curves.plots():
        plot.setMenuEnabled(False)
        plot.hideButtons()
    curves.last_menu = None
    view = curves.graphics
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos: _popup(curves, view.mapToGlobal(pos)))


def _popup(curves, global_pos) -> None:
    if curves.last_menu is not None:
        curves.last_menu.deleteLater()               # one menu at a time stays alive
    menu = build_menu(curves)
    curves.last_menu = menu                  # what was offered (tests read it; the menu closes itself)
    menu.popup(global_pos)
