"""The main window's actions, menus and toolbar, and the keyboard-shortcuts table.

``build(window)`` creates ``window.act_start``, ``act_pause``, ``act_step``,
``act_stop``, ``act_reset``, ``act_open``, ``act_save``, ``act_export_png``,
``act_export_csv``, ``act_quit``, ``act_reset_layout``, ``theme_actions`` and
the menus and toolbar that hold them. The slots are the window's own methods.
``refresh_icons(window)`` fetches the icons again after a theme change (the
style draws them for the palette in use).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QStyle, QToolBar

from .i18n import tr


def pad_shortcuts() -> tuple[tuple[str, str], ...]:
    """The drawing pad's own keys (it handles them itself, so they are no window actions)."""
    return (("Ctrl+Z", tr("Drawing pad: undo the last stroke")),
            ("Delete", tr("Drawing pad: clear it")),
            ("Esc", tr("Drawing pad: clear it")))


def _action(window, text: str, slot, shortcut=None, tip: str = "", icon=None) -> QAction:
    a = QAction(text, window)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        a.setProperty("standardIcon", int(icon.value) if hasattr(icon, "value") else int(icon))
        a.setIcon(window.style().standardIcon(icon))
    if tip:
        keys = a.shortcut().toString(QKeySequence.NativeText)
        a.setToolTip(f"{tip} ({keys})" if keys else tip)
        a.setStatusTip(tip)
    a.triggered.connect(slot)
    window.addAction(a)
    return a


def build(window) -> None:
    """Actions, menus and toolbar of ``window`` (see the module docstring)."""
    _build_run_actions(window)
    _build_file_actions(window)
    _build_menus(window)
    _build_toolbar(window)
    from . import classroom
    classroom.build(window)          # Open lesson, Export view, Presentation, Lessons


def _build_run_actions(window) -> None:
    S, s = QStyle, window.session
    window.act_start = _action(window, tr("Start"), window.start, "F5",
                               tr("Train for the chosen number of epochs (continues from the current weights)"),
                               S.SP_MediaPlay)
    window.act_pause = _action(window, tr("Pause"), s.toggle_pause, Qt.Key_Space,
                               tr("Pause or resume training between two batches"), S.SP_MediaPause)
    window.act_step = _action(window, tr("Step"), s.step, "F10", tr("Train exactly one batch, then pause"),
                              S.SP_MediaSeekForward)
    window.act_stop = _action(window, tr("Stop"), s.stop, "Shift+F5",
                              tr("Stop training after the current batch (the weights are kept)"), S.SP_MediaStop)
    window.act_reset = _action(window, tr("Reset"), window.reset, "Ctrl+R", tr("Start over with new random weights"),
                               S.SP_BrowserReload)
    # Space also starts when nothing runs (the Pause action is disabled then)
    window._space = QShortcut(QKeySequence(Qt.Key_Space), window)
    window._space.activated.connect(s.toggle_pause)


def _build_file_actions(window) -> None:
    S = QStyle
    window.act_open = _action(window, tr("&Open model…"), window.open_model, QKeySequence.Open,
                              tr("Open a saved model: architecture, weights and history"), S.SP_DialogOpenButton)
    window.act_save = _action(window, tr("&Save model…"), window.save_model, QKeySequence.Save,
                              tr("Save the model (weights, settings and history) to a .npz file"),
                              S.SP_DialogSaveButton)
    window.act_export_png = _action(window, tr("Export curves as &PNG…"), window.export_png, None,
                                    tr("Save the curves as an image"))
    window.act_export_csv = _action(window, tr("Export metrics as &CSV…"), window.export_csv, None,
                                    tr("Save the loss, accuracy and learning rate of every batch and epoch"))
    window.curves.context_actions = [window.act_export_png, window.act_export_csv]   # the curves' right-click
    window.act_quit = _action(window, tr("&Quit"), window.close, QKeySequence.Quit,
                              tr("Quit visualizer (a trained model you did not save is kept and "
                                 "offered at the next start)"))
    window.act_reset_layout = _action(window, tr("Reset &layout"), window.reset_layout, None,
                                      tr("Put every panel back where it started"))
    window.theme_group = QActionGroup(window)
    window.theme_actions = {}
    for key, label in (("system", tr("Follow the &system")), ("light", tr("&Light")), ("dark", tr("&Dark"))):
        a = QAction(label, window, checkable=True)
        a.triggered.connect(lambda _c=False, k=key: window.set_theme(k))
        window.theme_group.addAction(a)
        window.theme_actions[key] = a


def _build_menus(window) -> None:
    mb = window.menuBar()
    m = mb.addMenu(tr("&File"))
    m.addActions([window.act_open, window.act_save])
    m.addSeparator()
    m.addActions([window.act_export_png, window.act_export_csv])
    m.addSeparator()
    m.addAction(window.act_quit)
    m = mb.addMenu(tr("&Training"))
    m.addActions([window.act_start, window.act_pause, window.act_step, window.act_stop])
    m.addSeparator()
    m.addAction(window.act_reset)
    m = mb.addMenu(tr("&View"))
    m.addMenu(tr("&Theme")).addActions(list(window.theme_actions.values()))
    from . import window_language
    window_language.build(window, m)
    window._panels_menu = m.addMenu(tr("&Panels"))
    for key in window.view_keys()[1:]:
        window._panels_menu.addAction(window.dock(key).toggleViewAction())
    m.addSeparator()
    m.addAction(window.act_reset_layout)
    m = mb.addMenu(tr("&Help"))
    for text, slot in ((tr("&Keyboard shortcuts"), window.show_shortcuts),
                       (tr("&About visualizer"), window.show_about)):
        a = QAction(text, window)
        a.triggered.connect(slot)
        m.addAction(a)


def _build_toolbar(window) -> None:
    tb = QToolBar(tr("Training"))
    tb.setObjectName("toolbar_training")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    tb.addActions([window.act_start, window.act_pause, window.act_step, window.act_stop])
    tb.addSeparator()
    tb.addAction(window.act_reset)
    tb.addSeparator()
    tb.addActions([window.act_open, window.act_save])
    window.addToolBar(Qt.TopToolBarArea, tb)
    window.toolbar = tb
    from .speed_control import install as install_speed
    install_speed(window, window.settings.speed() if window.settings.persist else None)


def refresh_icons(window) -> None:
    """Fetch every action's standard icon again (after the palette changed)."""
    for a in window.actions():
        sp = a.property("standardIcon")
        if sp is not None:
            a.setIcon(window.style().standardIcon(QStyle.StandardPixmap(sp)))


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(keys, what they do) for every keyboard shortcut of the window and its views."""
    rows = []
    for a in (window.act_start, window.act_pause, window.act_step, window.act_stop, window.act_reset,
              window.act_open, window.act_save, window.act_quit):
        what = a.text().replace("&", "").rstrip("…")
        if a is window.act_pause:
            what = tr("Pause / resume (starts when idle)")
        rows.append((a.shortcut().toString(QKeySequence.NativeText), what))
    return rows + list(pad_shortcuts())


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    """The rows as a two-column table (columns stay aligned in any font)."""
    body = "".join(f"<tr><td style='padding-right:18px'><b>{html.escape(k)}</b></td><td>{html.escape(w)}</td></tr>"
                   for k, w in rows)
    return f"<table cellspacing='2'>{body}</table>"
