"""The window's docks: one per view, tabbed per area, sized on first start, reset on request.

``Docks(window)`` keeps the docks by key (``MainWindow.add_dock``, ``dock``,
``view_keys`` and ``reset_layout`` hand over to it). Each dock's object name is
``dock_<key>``, so the remembered layout (``QMainWindow.saveState``) finds it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

CONTROLS_WIDTH = 320      # the settings dock on first start (px)


class Docks:
    """See the module docstring."""

    def __init__(self, window) -> None:
        self.window = window
        self.by_key: dict[str, QDockWidget] = {}
        self._first_in_area: dict[Qt.DockWidgetArea, QDockWidget] = {}

    def add(self, key: str, title: str, widget: QWidget, area, tabify: bool) -> QDockWidget:
        if key in self.by_key:
            raise ValueError(f"a dock named {key!r} exists already")
        w = self.window
        dock = QDockWidget(title, w)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                         | QDockWidget.DockWidgetClosable)
        first = self._first_in_area.get(area)
        w.addDockWidget(area, dock)
        if first is not None and tabify:
            w.tabifyDockWidget(first, dock)
            first.raise_()
        elif first is None:
            self._first_in_area[area] = dock
        self.by_key[key] = dock
        return dock

    def apply_default_sizes(self) -> None:
        """The first-start proportions: settings 320 px, right docks a third, bottom docks 42%."""
        w = self.window
        width, height = w.width(), w.height()
        area = {k: w.dockWidgetArea(d) for k, d in self.by_key.items()}
        right = [d for k, d in self.by_key.items() if area[k] == Qt.RightDockWidgetArea]
        bottom = [d for k, d in self.by_key.items() if area[k] == Qt.BottomDockWidgetArea]
        docks, sizes = [self.by_key["controls"]], [CONTROLS_WIDTH]
        if right:
            docks.append(right[0])
            sizes.append(max(360, int(width * 0.33)))
        w.resizeDocks(docks, sizes, Qt.Horizontal)
        if bottom:
            w.resizeDocks([bottom[0]], [max(220, int(height * 0.42))], Qt.Vertical)

    def reset(self, default_state, version: int) -> None:
        """Every dock back where it started, shown."""
        for dock in self.by_key.values():
            dock.setFloating(False)
        self.window.restoreState(default_state, version)
        for dock in self.by_key.values():
            dock.show()
        self.apply_default_sizes()
