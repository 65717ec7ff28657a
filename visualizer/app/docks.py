"""The window's docks: one per view, tabbed per area, sized on first start, reset on request.

``Docks(window)`` keeps the docks by key (``MainWindow.add_dock``, ``dock``,
``view_keys`` and ``reset_layout`` hand over to it). Each dock's object name is
``dock_<key>``, so the remembered layout (``QMainWindow.saveState``) finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QTabBar, QWidget

CONTROLS_WIDTH = 320      # the settings dock on first start (px)


def tabs_width(titles: list[str]) -> int:
    """The width a tab bar of the style in use needs to show ``titles`` without eliding them."""
    bar = QTabBar()
    for title in titles:
        bar.addTab(title)
    return sum(bar.tabSizeHint(i).width() for i in range(bar.count())) + 24    # the dock's frame


class Docks:
    """See the module docstring."""

    def __init__(self, window) -> None:
        self.window = window
        self.by_key: dict[str, QDockWidget] = {}
        self._first_in_area: dict[Qt.DockWidgetArea, QDockWidget] = {}
        self._sweeper = _StaleTabBars(window, self.by_key)
        self.tab_room = _TabRoom(window, self.by_key)

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
        dock.visibilityChanged.connect(self._sweeper.soon)
        return dock

    def apply_default_sizes(self) -> None:
        """The first-start proportions: settings 320 px, right docks a third (at least their tabs' width),
        bottom docks 42%."""
        w = self.window
        width, height = w.width(), w.height()
        area = {k: w.dockWidgetArea(d) for k, d in self.by_key.items()}
        right = [d for k, d in self.by_key.items() if area[k] == Qt.RightDockWidgetArea]
        bottom = [d for k, d in self.by_key.items() if area[k] == Qt.BottomDockWidgetArea]
        docks, sizes = [self.by_key["controls"]], [CONTROLS_WIDTH]
        if right:            # wide enough for the tab titles (longer in German) when the window allows
            docks.append(right[0])
            sizes.append(max(360, int(width * 0.33), tabs_width([d.windowTitle() for d in right])))
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


class _StaleTabBars(QObject):
    """Hides the dock tab bars Qt leaves behind.

    When docks of one area are tabified and some are hidden later (the lessons and edits
    panels start hidden), Qt's main-window layout can keep an earlier tab bar of that
    area alive and visible, drawn over the panels (seen with Qt 6.8-6.10: "Activ…"
    peeking out under the settings). A bar is stale when one of its tabs names a hidden
    dock, or when another visible bar holds all its tabs and more; such bars are hidden
    once the window is shown and after every change of a dock's visibility.
    """

    def __init__(self, window, by_key: dict) -> None:
        super().__init__(window)
        self.window, self.by_key = window, by_key
        self._pending = False
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.window and event.type() == QEvent.Type.Show:
            self.soon()
        return False

    def soon(self, *_args) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.sweep)

    def sweep(self) -> int:
        """Hide the stale bars now; how many were hidden."""
        self._pending = False
        hidden = {d.windowTitle() for d in self.by_key.values() if d.isHidden()}
        bars = [b for b in self.window.findChildren(QTabBar) if b.parent() is self.window and b.isVisible()]
        tabs = {b: {b.tabText(i) for i in range(b.count())} for b in bars}
        stale = [b for b in bars if tabs[b] & hidden or any(tabs[b] < tabs[o] for o in bars if o is not b)]
        for b in stale:
            b.hide()
        return len(stale)


class _TabRoom(QObject):
    """Gives a side dock area back the width its tab titles need after a style or font change.

    A new theme (the application's style sheet) or projector mode (the application's
    font) makes Qt lay the dock areas out again, and a side area can come out narrower
    than its tabs, which then elide ("Gewi…" for "Gewichte" in German) although the
    first start made the area wide enough for them (``Docks.apply_default_sizes``).
    The same happens to a remembered layout restored at start. After such a change,
    and when the window is first shown, each left or right area whose tab bar elides
    is widened by what its tabs lack, as far as the window allows; areas whose titles
    are whole are left as they are.
    """

    CHANGES = (QEvent.Type.StyleChange, QEvent.Type.FontChange)

    def __init__(self, window, by_key: dict) -> None:
        super().__init__(window)
        self.window, self.by_key = window, by_key
        self._pending = True                # the first show too: a restored layout can come out narrower
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.window:
            if event.type() in self.CHANGES:
                self._pending = True
                QTimer.singleShot(0, self, self.fit)
            elif event.type() == QEvent.Type.Show and self._pending:
                QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> int:
        """Widen the side areas whose tab titles elide; how many were widened (0 while hidden)."""
        if not self.window.isVisible():
            return 0                        # when it is shown (the Show event calls again)
        self._pending = False
        sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        widened = 0
        for bar in self.window.findChildren(QTabBar):
            if bar.parent() is not self.window or not bar.isVisible():
                continue
            lack = sum(max(0, bar.tabSizeHint(i).width() - bar.tabRect(i).width()) for i in range(bar.count()))
            titles = {bar.tabText(i) for i in range(bar.count())}
            docks = [d for d in self.by_key.values() if d.windowTitle() in titles and not d.isHidden()
                     and not d.isFloating() and self.window.dockWidgetArea(d) in sides]
            if lack > 0 and docks:
                self.window.resizeDocks([docks[0]], [docks[0].width() + lack + 1], Qt.Orientation.Horizontal)
                widened += 1
        return widened
