"""The plots and items of a ``CurvesWidget``, created once pyqtgraph is loaded (``ensure_built``).

Each function builds one part of the widget (its first argument) and sets it as
the widget's attributes, the way curves_style.py styles them:

    build_plots    the legend row and the loss, accuracy and learning-rate plots
                   sharing one x-axis in epochs (``loss_plot``, ``acc_plot``, ``lr_plot``)
    build_items    the data items (fast batch lines, epoch points, the divergence) and
                   the data-less PlotDataItems that stand for them in the legend
    build_legend   the legend's entries
"""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsItem

from .curves_axes import fit_titles
from .curves_texts import batch_note
from .i18n import tr

GRID_ALPHA = 0.35         # the grid lines' opacity


def build_plots(self, pg, items) -> None:
    """The legend row and the three plots sharing one x-axis."""
    g = self.graphics
    # one legend row above the plots (never over the data): colours mean the same in all three
    self.legend = pg.LegendItem(colCount=4, labelTextSize="8pt", horSpacing=14, verSpacing=-6)
    g.addItem(self.legend, row=0, col=0)
    self.legend.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
    self.loss_plot = g.addPlot(row=1, col=0)
    self.acc_plot = g.addPlot(row=2, col=0)
    self.lr_plot = g.addPlot(row=3, col=0, axisItems={"left": items.LogAxis("left")})
    lay = g.ci.layout
    for row, stretch in enumerate((0, 5, 4, 2)):
        lay.setRowStretchFactor(row, stretch)
    lay.setSpacing(2)
    lay.setContentsMargins(2, 2, 8, 2)
    for p in (self.loss_plot, self.acc_plot, self.lr_plot):
        p.setDownsampling(auto=True, mode="peak")
        p.setClipToView(True)
        p.showGrid(x=self.grid_shown, y=self.grid_shown, alpha=GRID_ALPHA)
        for name in ("left", "bottom"):       # axes change rarely: repaint them from a pixmap
            p.getAxis(name).setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        for name in ("left", "bottom"):       # "0.5 epochs", never "500 (x0.001)"
            p.getAxis(name).enableAutoSIPrefix(False)
        p.enableAutoRange(x=False, y=False)      # ranges are set in steps (see _fit_*)
        p.vb.sigRangeChangedManually.connect(self._on_range_changed_manually)
    self.acc_plot.setXLink(self.loss_plot)
    self.lr_plot.setXLink(self.loss_plot)
    self.lr_plot.setLogMode(y=True)
    self.lr_plot.setYRange(-4, -2, padding=0)
    self.acc_plot.setYRange(0, 100, padding=0.02)
    self.loss_plot.setLabel("left", tr("Loss"))
    self.acc_plot.setLabel("left", tr("Accuracy %"))
    self.acc_plot.getAxis("left").setToolTip(tr("Share of images classified right.") + " " + batch_note())
    self.lr_plot.setLabel("left", tr("LR"))
    self.lr_plot.getAxis("left").setToolTip(tr("Learning rate (log scale)"))
    self.lr_plot.setLabel("bottom", tr("Epochs"))
    for p in (self.loss_plot, self.acc_plot, self.lr_plot):     # titles fit the plots' heights
        p.getAxis("left").geometryChanged.connect(lambda: fit_titles(self))
    for p in (self.loss_plot, self.acc_plot):
        p.getAxis("bottom").setStyle(showValues=False)
        p.getAxis("bottom").setHeight(6)


def build_items(self, pg, items) -> None:
    """The data items, and PlotDataItems without data that stand for them in the legend."""
    self.c_old_loss = self.loss_plot.plot()
    self.c_diverged = self.loss_plot.plot()           # what a divergence rolled back, in red
    self.c_diverged.setZValue(5)
    self.s_diverged = pg.ScatterPlotItem(symbol="t1", size=11)   # the loss that went off the chart
    self.s_diverged.setZValue(6)
    self.loss_plot.addItem(self.s_diverged)
    self.fast_loss = items.FastLines(2)           # batch loss: raw, smoothed
    self.fast_acc = items.FastLines(1)                 # running batch accuracy
    self.loss_plot.addItem(self.fast_loss)
    self.acc_plot.addItem(self.fast_acc)
    self.c_loss_raw = self.loss_plot.plot()       # legend entries for the fast lines (no data)
    self.c_loss_smooth = self.loss_plot.plot()
    self.epoch_loss = items.EpochPoints(("o", "s"))   # train, validation
    self.epoch_acc = items.EpochPoints(("o", "s"))
    self.loss_plot.addItem(self.epoch_loss)
    self.acc_plot.addItem(self.epoch_acc)
    self.c_train_loss = self.loss_plot.plot(symbol="o", symbolSize=6)   # legend entries only
    self.c_val_loss = self.loss_plot.plot(symbol="s", symbolSize=6)
    self.c_acc_run = self.acc_plot.plot()
    self.c_train_acc = self.acc_plot.plot(symbol="o", symbolSize=6)
    self.c_val_acc = self.acc_plot.plot(symbol="s", symbolSize=6)
    self.c_lr = self.lr_plot.plot()
    self.c_epoch_lr = self.lr_plot.plot(symbol="o", symbolSize=4, pen=None)
    for c in (self.c_old_loss, self.c_diverged, self.c_loss_raw, self.c_loss_smooth, self.c_train_loss,
              self.c_val_loss, self.c_acc_run, self.c_train_acc, self.c_val_acc, self.c_epoch_lr):
        c.setSkipFiniteCheck(False)
        c.opts["autoDownsampleFactor"] = 1.0    # ~1 sample per pixel (peak mode keeps the extremes)
    self.c_lr.setSkipFiniteCheck(True)
    self.c_lr.opts["autoDownsampleFactor"] = 1.0
    self.hint = pg.TextItem(tr("Press Start (F5) to watch the network learn"), anchor=(0.5, 0.5))
    self.hint.setParentItem(self.loss_plot.vb)
    self.loss_plot.vb.sigResized.connect(self._place_hint)


def build_legend(self) -> None:
    """The legend row's entries: the batch curves (starred: measured while training) and the epochs."""
    self.legend.addItem(self.c_loss_raw, tr("batch*"))
    self.legend.addItem(self.c_loss_smooth, tr("batch, smoothed*"))
    self.legend.addItem(self.c_train_loss, tr("train (epoch)"))
    self.legend.addItem(self.c_val_loss, tr("validation (epoch)"))
    self.legend.setToolTip("* " + batch_note())
