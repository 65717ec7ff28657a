"""The vertical markers of a ``CurvesWidget``: where a setting changed live, where a run diverged.

A change (e.g. of the learning rate) is a dashed line across the three plots,
labelled on the loss plot ("lr 0.01"); a divergence is a red one whose label
(the step that diverged and the step restored) sits on top of the curves, left
of its line in the right half of the plot. The lines are kept in the widget's
``_markers`` as (plot, InfiniteLine) and drawn again from its model when the
theme changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from .curves_texts import divergence_label
from .theme import plot_colors


def add_marker(self, x: float, text: str, key: str = "marker") -> None:
    """A dashed line at ``x`` epochs across the three plots, labelled ``text`` on the loss plot;
    ``key`` "bad" draws a divergence (red, its label on top)."""
    if self.graphics is None:
        return                        # drawn from the model when the plots are built
    import pyqtgraph as pg

    c = plot_colors(self._theme)
    pen = pg.mkPen(c[key], width=1, style=Qt.DashLine)
    for plot in (self.loss_plot, self.acc_plot, self.lr_plot):
        if plot is self.loss_plot:
            # a divergence's long label goes left of its line, unless that is the left half
            left = key != "marker" and x > 0.5 * (self._x_top or self.model.x_top(False, self._planned))
            side = (1.05, 0.5) if left else (-0.05, 0.5)
            fill = pg.mkColor(c["background"])
            fill.setAlpha(210)                 # readable over the curves it crosses
            line = pg.InfiniteLine(pos=x, angle=90, pen=pen, movable=False, label=text,
                                   labelOpts=dict(position=0.9 if key == "marker" else 0.6, color=c[key],
                                                  anchors=[side, side], fill=fill))
        else:
            line = pg.InfiniteLine(pos=x, angle=90, pen=pen, movable=False)
        line.setZValue(-5 if key == "marker" else 10)   # a divergence's label stays readable on top
        plot.addItem(line, ignoreBounds=True)
        self._markers.append((plot, line))


def remove_markers(self) -> None:
    """Take every marker off the plots."""
    for plot, item in self._markers:
        plot.removeItem(item)
    self._markers.clear()


def redo_markers(self) -> None:
    """Draw every marker of the model again (new colours, or the plots just built)."""
    remove_markers(self)
    for x, text in self.model.changes:
        add_marker(self, x, text)
    for d in self.model.divergences:
        add_marker(self, d.x, divergence_label(d), key="bad")
