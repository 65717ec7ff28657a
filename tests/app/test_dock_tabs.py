"""The dock tab titles stay whole in German (the longer titles) through a change of theme or of
projector mode, where the window has room for them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar

from visualizer.app import i18n


@pytest.fixture
def german(qapp):
    assert i18n.install(qapp, "de")
    yield
    i18n.install(qapp, "en")


def _german_window(qtbot, theme_name: str | None = None, size=(1366, 768)):
    from visualizer.app.main_window import MainWindow

    window = MainWindow(restore=False, load_data=False, persist=False)
    qtbot.addWidget(window)
    window.autosave_on_close = False
    if theme_name is not None:
        window.set_theme(theme_name)          # as `visualizer gui --theme dark` does, before showing it
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    return window


def _side_bars(window) -> list[QTabBar]:
    """The visible tab bars of the docks on the left and right."""
    sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
    side_titles = {d.windowTitle() for d in window.docks.by_key.values()
                   if not d.isHidden() and window.dockWidgetArea(d) in sides}
    return [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()
            and {b.tabText(i) for i in range(b.count())} <= side_titles]


def _elided(window) -> list[str]:
    """The side tabs drawn narrower than their whole title needs."""
    return [f"{b.tabText(i)}: {b.tabRect(i).width()} < {b.tabSizeHint(i).width()}"
            for b in _side_bars(window) for i in range(b.count()) if b.tabRect(i).width() < b.tabSizeHint(i).width()]


def test_the_german_tab_titles_are_whole_in_a_theme_chosen_before_the_window_shows(qtbot, german):
    window = _german_window(qtbot, "dark")
    qtbot.waitUntil(lambda: not _elided(window), timeout=2000)
    assert any("Gewichte" in (b.tabText(i) for i in range(b.count())) for b in _side_bars(window))


def test_the_german_tab_titles_stay_whole_when_the_theme_changes(qtbot, german):
    window = _german_window(qtbot)
    assert _elided(window) == []
    for name in ("dark", "light", "dark"):
        window.theme_actions[name].trigger()
        qtbot.wait(30)
        QApplication.processEvents()
        assert _elided(window) == [], name


def test_the_german_tab_titles_stay_whole_in_projector_mode(qtbot, german):
    window = _german_window(qtbot)
    window.act_presentation.trigger()
    try:
        qtbot.waitUntil(lambda: not _elided(window), timeout=2000)
        window.theme_actions["dark"].trigger()
        qtbot.wait(30)
        QApplication.processEvents()
        assert _elided(window) == []
    finally:
        window.act_presentation.trigger()


def test_the_german_tab_titles_are_whole_in_projector_mode_on_a_1280x720_projector(qtbot, german):
    from visualizer.app.theme import PRESENTATION_FONT, PRESENTATION_TAB_FONT

    window = _german_window(qtbot, size=(1280, 720))
    normal = _side_bars(window)[0].font().pointSizeF()
    window.act_presentation.trigger()
    try:
        qtbot.waitUntil(lambda: not _elided(window), timeout=2000)
        assert window.width() <= 1280
        sizes = {round(b.font().pointSizeF(), 1) for b in _side_bars(window)}
        assert sizes == {round(normal * PRESENTATION_TAB_FONT, 1)}           # larger, less than the text's
        assert PRESENTATION_TAB_FONT < PRESENTATION_FONT
    finally:
        window.act_presentation.trigger()
    assert {b.font().pointSizeF() for b in _side_bars(window)} == {normal}    # back to normal
