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


def width_in_columns(legend, columns: int) -> float:
    """The width ``legend`` would need with its entries in ``columns`` columns, reckoned from the
    entries' own sizes without laying them out again (pyqtgraph fills the rows left to right; each
    entry is a sample and a label, two cells of the grid)."""
    cells = [0.0] * (2 * columns)
    for i, (sample, label) in enumerate(legend.items):
        col = 2 * (i % columns)
        cells[col] = max(cells[col], sample.effectiveSizeHint(Qt.SizeHint.MinimumSize).width())
        cells[col + 1] = max(cells[col + 1], label.effectiveSizeHint(Qt.SizeHint.MinimumSize).width())
    used = [w for w in cells if w > 0]
    left, _top, right, _bottom = legend.layout.getContentsMargins()
    return sum(used) + legend.layout.horizontalSpacing() * max(0, len(used) - 1) + left + right


def _rows(entries: int, columns: int) -> int:
    return -(-entries // columns)


def columns_that_fit(legend, room: float) -> int:
    """The most columns (up to ``MAX_COLUMNS``) whose rows fit ``room`` px, or fewer when that needs
    no more rows (fuller rows: 2 + 2, not 3 + 1)."""
    columns = MAX_COLUMNS
    while columns > 1 and width_in_columns(legend, columns) > room:
        columns -= 1
    entries = len(legend.items)
    while columns > 1 and _rows(entries, columns - 1) == _rows(entries, columns):
        columns -= 1
    return columns


def fit_legend(curves) -> int:
    """Give ``curves.legend`` the columns that fit the plot widget's width (``columns_that_fit``);
    the legend is laid out again only when that number changes. Returns it."""
    view, legend = curves.graphics, curves.legend
    columns = columns_that_fit(legend, view.width() - ROOM)
    if columns != legend.columnCount:
        legend.setColumnCount(columns)
        view.centralWidget.setGeometry(view.range)    # the plots were held at the old row's width
    return columns
