"""The classroom's menu entries: lessons, projector mode and figures for slides.

``build(window)`` (called by ``window_actions.build`` once the menus exist)
adds File > Open lesson… and File > Export view…, View > Presentation
(Ctrl+Shift+P, checkable: the same key switches back) and Help > Lessons, as
``window.act_open_lesson``, ``act_export_view``, ``act_presentation`` and
``act_lessons``. The lessons panel itself is ``lessons_panel`` (installed with
the views), the export ``view_export``, the projector mode's fonts, pens and
colours ``theme``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from . import theme
from .i18n import tr

PRESENTATION_KEY = "Ctrl+Shift+P"


def _menu(window, title: str):
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text() == title:
            return action.menu()
    raise KeyError(title)


def _after(menu, anchor: QAction, action: QAction) -> None:
    """Insert ``action`` right after ``anchor`` in ``menu``."""
    actions = menu.actions()
    i = actions.index(anchor)
    if i + 1 < len(actions):
        menu.insertAction(actions[i + 1], action)
    else:
        menu.addAction(action)


def _action(window, text: str, slot, tip: str, shortcut: str | None = None) -> QAction:
    a = QAction(text, window)
    if shortcut:
        a.setShortcut(QKeySequence(shortcut))
    a.setStatusTip(tip)
    a.setToolTip(tip)
    a.triggered.connect(slot)
    window.addAction(a)
    return a


def build(window) -> None:
    """Add the classroom's actions to the window's File, View and Help menus."""
    from . import lessons_panel, view_export

    window.act_open_lesson = _action(window, tr("Open &lesson…"), lambda: lessons_panel.open_lesson_dialog(window),
                                     tr("Open a lesson file (.toml) written by a teacher"))
    window.act_export_view = _action(window, tr("Export &view…"), lambda: view_export.export_view(window),
                                     tr("Save the view in use as an image for a slide (at least 1920 px wide)"))
    window.act_presentation = _action(window, tr("&Presentation"), lambda on: set_presentation(window, on),
                                      tr("Projector mode: larger text, thicker lines, stronger colours; the side panels make way"),
                                      PRESENTATION_KEY)
    window.act_presentation.setCheckable(True)
    window.act_lessons = _action(window, tr("&Lessons"), lambda: window.show_view("lessons"),
                                 tr("Guided experiments: settings in one click, what to watch, a question"))
    file_menu = _menu(window, tr("&File"))
    _after(file_menu, window.act_save, window.act_open_lesson)
    file_menu.insertAction(window.act_export_png, window.act_export_view)
    view_menu = _menu(window, tr("&View"))
    view_menu.insertAction(view_menu.actions()[0], window.act_presentation)
    help_menu = _menu(window, tr("&Help"))
    help_menu.insertAction(help_menu.actions()[0], window.act_lessons)


def set_presentation(window, on: bool) -> None:
    """Projector mode on or off: fonts, pens and colours of the window and every view.

    The panels of the left side (settings, lessons, edits, my digits) make way while
    projecting, so the enlarged views fit a 1280x720 projector; the toolbar stays, and
    leaving projector mode brings back exactly the panels that were open, the same tab
    in front. View > Panels shows one in between.
    """
    app = QApplication.instance()
    was = theme.presentation()
    if on and not was:
        _hide_side_panels(window)            # first, so larger fonts never widen the window
    theme.set_presentation(app, on)
    window.act_presentation.setChecked(bool(on))
    window.set_theme(window.theme_choice)        # the palette, the curves and the views again
    if was and not on:                       # last, once every view has its old fonts back
        QTimer.singleShot(0, lambda: _restore_side_panels(window))


def _side_panels(window) -> list:
    area = Qt.DockWidgetArea.LeftDockWidgetArea
    return [d for d in window.docks.by_key.values()
            if window.dockWidgetArea(d) == area and not d.isFloating() and not d.isHidden()]


def _hide_side_panels(window) -> None:
    panels = _side_panels(window)
    front = [d for d in panels if d.isVisible() and not d.visibleRegion().isEmpty()]
    window._presentation_panels = (panels, front, window.size())
    for dock in panels:
        dock.hide()


def _restore_side_panels(window) -> None:
    panels, front, size = getattr(window, "_presentation_panels", ([], [], None))
    window._presentation_panels = ([], [], None)
    for dock in panels:
        dock.show()
    for dock in front:
        dock.raise_()
    if size is not None and not (window.isMaximized() or window.isFullScreen()):
        QTimer.singleShot(200, window, lambda: window.resize(size))   # its size before, once laid out again
        # (the window as context: a window closed meanwhile cancels the timer)
