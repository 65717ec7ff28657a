"""Where the time slider is, on the curves: one solid line at the chosen moment.

When the learner picks a kept moment with the time slider, every view shows the
network as it was then; this line says where "then" sits on the loss, accuracy
and learning-rate curves (x: epochs, the curves' own axis), labelled with the
moment ("step 120 · epoch 2.1"). ``Live`` removes it.

    cursor = MomentCursor(curves)
    cursor.show_at(2.1, "step 120 · epoch 2.1")    # or cursor.show_at(None, "") to remove
"""

from __future__ import annotations

from .theme import plot_colors


class MomentCursor:
    """See the module doc. ``curves`` a ``CurvesWidget``; draws only once its plots exist."""

    def __init__(self, curves) -> None:
        self.curves = curves
        self.x: float | None = None          # epochs of the chosen moment, None while live
        self.text = ""
        self._lines: list = []                # (plot, InfiniteLine)

    def show_at(self, x: float | None, text: str) -> None:
        """Put the line at ``x`` epochs with ``text`` on the loss plot (None: remove it)."""
        self.x, self.text = (None, "") if x is None else (float(x), text)
        self.redraw()

    def redraw(self) -> None:
        """Draw the line again (after a theme change, or once the plots are built)."""
        for plot, line in self._lines:
            plot.removeItem(line)
        self._lines.clear()
        c = self.curves
        if self.x is None or c.graphics is None:
            return
        import pyqtgraph as pg

        colours = plot_colors(c._theme)
        pen = pg.mkPen(colours["text"], width=2)
        for plot in (c.loss_plot, c.acc_plot, c.lr_plot):
            label = self.text if plot is c.loss_plot else None
            line = pg.InfiniteLine(pos=self.x, angle=90, pen=pen, movable=False, label=label,
                                   labelOpts=dict(position=0.95, color=colours["text"],
                                                  fill=pg.mkColor(colours["background"])))
            line.setZValue(20)
            plot.addItem(line, ignoreBounds=True)
            self._lines.append((plot, line))

    @property
    def drawn(self) -> int:
        """How many plots carry the line now (3 while a moment is chosen and the plots exist)."""
        return len(self._lines)
