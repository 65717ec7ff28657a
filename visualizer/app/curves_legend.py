"""The legend row above the curves keeps to the widget's width.

The legend's entries ("batch*", "batch, smoothed*", "train (epoch)",
"validation (epoch)", and "main" / "twin: …" beside a twin) sit in one row of up
to four columns. A pyqtgraph layout is never narrower than its widest row, so a
row wider than the widget (a narrow central column at 1366x768, German labels,
projector mode's larger text) held the plots wider than the widget and cut off
their right side: the latest epochs. ``fit_legend`` lays the entries out in as
many columns as fit (four, three, two, one), so the plots always end at the
widget's right edge.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

MAX_COLUMNS = 4
ROOM = 12                 # the layout's margins and the plots' right margin (px)


def legend_width(legend) -> float:
    """The width the legend needs, laid out as it is now."""
    legend.layout.invalidate()
    return legend.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()


def _rows(entries: int, columns: int) -> int:
    return -(-entries // columns)


def fit_legend(curves) -> int:
    """Give ``curves.legend`` the most columns (up to ``MAX_COLUMNS``) whose row fits the plot
    widget's width, or fewer when that needs no more rows; return the number of columns."""
    view = curves.graphics
    legend, room, before = curves.legend, view.width() - ROOM, curves.legend.columnCount
    columns = MAX_COLUMNS
    legend.setColumnCount(columns)
    while columns > 1 and legend_width(legend) > room:
        columns -= 1
        legend.setColumnCount(columns)
    entries = len(legend.items)
    while columns > 1 and _rows(entries, columns - 1) == _rows(entries, columns):
        columns -= 1                  # as many rows with fewer columns: fuller rows (2 + 2, not 3 + 1)
    legend.setColumnCount(columns)
    if columns != before:         # the plots were held at the old row's width: give them the view's
        view.centralWidget.setGeometry(view.range)
    return columns
