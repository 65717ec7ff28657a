"""The curves' left axes: one width for the three plots and titles that fit beside the tick labels.

The titles ("Loss", "Accuracy %", "LR") are drawn rotated at the left edge of
each plot's left axis, the tick labels right-aligned against the plot. So that
neither runs into the other, the shared axis width is measured from the tick font
(the widest tick text, "0.0001") plus the title's line height. So that a title
never runs past its plot into the next one's, a title longer than its plot is
tall is drawn smaller (down to ``MIN_TITLE_PT``, or to ``MIN_TITLE_SCALE`` of
the tick labels' size when that is larger), then shortened ("Accuracy %"
to "%"), and hidden only when nothing fits (its axis keeps the tooltip).
Projector mode at 1280x720 is where this matters: tick labels half as large
again, plots only about 70 pixels tall.

    fit_axes(curves)     after a theme or font change: width and titles
    fit_titles(curves)   after a plot's height changed: titles and the accuracy ticks
"""

from __future__ import annotations

import math

from PySide6.QtGui import QFont, QFontMetricsF

from .i18n import tr
from .theme import font_scale

TICK_PT = 8.5             # the tick labels' font size, times theme.font_scale()
MIN_TITLE_PT = 7.0        # the smallest a title is ever drawn before it is shortened
MIN_TITLE_SCALE = 0.7     # ... and never below this share of the tick labels' size (a projector's room)
MIN_AXIS_WIDTH = 56       # the axes' width in ordinary mode (px)
TICK_SAMPLES = ("0.0001", "1e-05", "100", "2.5")     # the widest tick texts the three plots show
TICK_GAP = 5              # pyqtgraph's space between a tick label and the plot (tickTextOffset)
TITLE_GAP = 4             # between a title and the tick labels
ACCURACY_STEPS = (20, 25, 50)   # the accuracy axis's tick spacings (%), finest first
LABEL_ROOM = 1.15         # a tick label's height, times this: the room one needs


def tick_font() -> QFont:
    """The font of the tick labels now (larger in projector mode)."""
    font = QFont()
    font.setPointSizeF(TICK_PT * font_scale())
    return font


def axis_width(tick: QFont, title: QFont) -> int:
    """The left axes' width: the widest tick text, the gaps and one title line (rotated)."""
    ticks = QFontMetricsF(tick)
    widest = max(ticks.horizontalAdvance(t) for t in TICK_SAMPLES)
    return max(MIN_AXIS_WIDTH, math.ceil(widest + TICK_GAP + TITLE_GAP + QFontMetricsF(title).height()))


def titles(curves) -> list[tuple[object, list[str]]]:
    """(left axis, title candidates from whole to shortest) of each plot, top to bottom."""
    return [(curves.loss_plot.getAxis("left"), [tr("Loss")]),
            (curves.acc_plot.getAxis("left"), [tr("Accuracy %"), "%"]),
            (curves.lr_plot.getAxis("left"), [tr("LR")])]


def fit_axes(curves) -> None:
    """The shared width of the three left axes for the tick font now, then their titles."""
    width = axis_width(tick_font(), tick_font())        # a title is at most as large as the ticks
    for axis, _names in titles(curves):
        axis.setWidth(width)
    fit_titles(curves)


def fit_titles(curves) -> None:
    """Each title at the largest size and longest text that fit its plot's height; the accuracy
    ticks as far apart as its height needs."""
    for axis, names in titles(curves):
        _fit_title(axis, names, axis.size().height())
    fit_accuracy_ticks(curves.acc_plot.getAxis("left"), curves.acc_plot.getAxis("left").size().height())


def accuracy_step(length: float, line: float) -> int:
    """The finest of ``ACCURACY_STEPS`` (%) whose labels inside 0..100 fit ``length`` px at
    ``line`` px per label (pyqtgraph spaces ticks by length alone, and a projector's larger labels
    on a short plot ran into each other: "80 60 40 20" in 50 px)."""
    for step in ACCURACY_STEPS:
        if (100 // step - 1) * line * LABEL_ROOM <= length:
            return step
    return ACCURACY_STEPS[-1]


def fit_accuracy_ticks(axis, length: float) -> None:
    step = accuracy_step(length, QFontMetricsF(tick_font()).height())
    if getattr(axis, "_fitted_step", None) == step:
        return
    axis._fitted_step = step
    if step == ACCURACY_STEPS[0]:
        axis.setTickSpacing()                           # pyqtgraph's own choice where it fits
    else:
        axis.setTickSpacing(major=step, minor=step / 2)


def _fit_title(axis, names: list[str], length: float) -> None:
    """Draw ``axis``'s title in the first of ``names`` that fits ``length`` px at a size from the
    tick labels' down to the smallest allowed; none: no title."""
    font = tick_font()
    smallest = max(MIN_TITLE_PT, MIN_TITLE_SCALE * font.pointSizeF())
    chosen = None
    for name in names:
        size = font.pointSizeF()
        while chosen is None and size >= smallest - 1e-9:
            font.setPointSizeF(size)
            if QFontMetricsF(font).horizontalAdvance(name) + 4 <= length:
                chosen = (name, size)
            size -= 0.5
        if chosen is not None:
            break
    key = chosen or ("", 0.0)
    if getattr(axis, "_fitted_title", None) == key:
        return
    axis._fitted_title = key
    if chosen is None:
        axis.showLabel(False)
        return
    font.setPointSizeF(chosen[1])
    axis.label.setFont(font)
    axis.setLabel(chosen[0])             # shows the label again; keeps its colour
    axis.resizeEvent()                   # centred on the plot again, for its new length
