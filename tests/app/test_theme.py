"""The dark theme leaves nothing invisible: check boxes, radio buttons and the style's glyph icons."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QStyle

from visualizer.app.theme import apply_theme


@pytest.fixture
def themed(qapp):
    def apply(theme: str):
        apply_theme(qapp, theme)
        return qapp

    yield apply
    apply_theme(qapp, "light")


def _lightness(image, xs, ys) -> list[int]:
    return [QColor(image.pixel(x, y)).lightness() for x in xs for y in ys]


def _icon_lightness(icon) -> float:
    image = icon.pixmap(16, 16).toImage()
    values = [c.lightness() for c in (QColor.fromRgba(image.pixel(x, y)) for x in range(16) for y in range(16))
              if c.alpha() > 128]
    return sum(values) / len(values)


@pytest.mark.parametrize("cls", [QCheckBox, QRadioButton])
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_unchecked_indicators_stand_out_from_the_background(qtbot, themed, cls, theme):
    themed(theme)
    box = cls("Augment images")
    qtbot.addWidget(box)
    box.show()
    QApplication.processEvents()
    image = box.grab().toImage()
    inside = _lightness(image, range(0, 18), range(image.height()))      # the indicator, left of the text
    background = QColor(image.pixel(image.width() - 1, 0)).lightness()
    assert max(abs(v - background) for v in inside) > 45          # its outline shows (it was 13 on dark)


GLYPHS = ("SP_MediaPlay", "SP_MediaPause", "SP_MediaStop", "SP_MediaSeekForward", "SP_FileDialogBack",
          "SP_FileDialogToParent", "SP_ArrowBack", "SP_ArrowForward")


def test_glyph_icons_are_light_on_dark_and_dark_on_light(themed):
    # one theme change each (a change re-polishes every widget of the test run: seconds)
    dark = {name: _icon_lightness(themed("dark").style().standardIcon(getattr(QStyle, name))) for name in GLYPHS}
    light = {name: _icon_lightness(themed("light").style().standardIcon(getattr(QStyle, name))) for name in GLYPHS}
    assert {name: v for name, v in dark.items() if v <= 150} == {}
    assert {name: v for name, v in light.items() if v >= 100} == {}


def test_coloured_icons_keep_their_colours(themed):
    sp = QStyle.SP_DialogOpenButton
    light = themed("light").style().standardIcon(sp).pixmap(16, 16).toImage()
    dark = themed("dark").style().standardIcon(sp).pixmap(16, 16).toImage()
    assert light == dark


def test_the_toolbar_icons_follow_the_theme(window):
    window.set_theme("dark")
    assert _icon_lightness(window.act_start.icon()) > 150 and _icon_lightness(window.act_stop.icon()) > 150
    window.set_theme("light")
    assert _icon_lightness(window.act_start.icon()) < 100
