"""Live training curves (pyqtgraph): loss, accuracy and learning rate against epochs.

Three stacked plots share one x-axis in (fractional) epochs:

    Loss          per batch: raw (faint) and smoothed (EMA); per epoch: train and validation
    Accuracy (%)  per epoch: train and validation; running (EMA) batch accuracy
    Learning rate per batch, log scale

Vertical markers show where a setting (e.g. the learning rate) was changed live.
Data lives in preallocated ``GrowingArray`` buffers (amortised O(1) appends,
no Python lists); redraws are coalesced to <= ~25/s and pyqtgraph downsamples
(peak mode) and clips to the view, so the curves stay fast over long runs.
"""

from __future__ import annotations

import csv
import io
import math

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

from visualizer.core.atomic import atomic_path, atomic_write_text

from .theme import plot_colors

REDRAW_MS = 90          # coalesced redraws: ~11 per second while batches arrive (>= 10 required)
SMOOTHING = 0.9          # EMA factor of the smoothed loss and the running batch accuracy


class GrowingArray:
    """A float64 column that grows by doubling; ``view()`` is the filled part (no copy)."""

    def __init__(self, capacity: int = 1024) -> None:
        self._buf = np.empty(max(16, capacity), dtype=np.float64)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        need = self._n + len(values)
        if need > len(self._buf):
            cap = len(self._buf)
            while cap < need:
                cap *= 2
            buf = np.empty(cap, dtype=np.float64)
            buf[:self._n] = self._buf[:self._n]
            self._buf = buf
        self._buf[self._n:need] = values
        self._n = need

    def append(self, value: float) -> None:
        self.extend((value,))

    def view(self) -> np.ndarray:
        return self._buf[:self._n]

    def last(self, default: float = math.nan) -> float:
        return float(self._buf[self._n - 1]) if self._n else default

    def clear(self) -> None:
        self._n = 0

    def truncate(self, n: int) -> None:
        self._n = max(0, min(self._n, int(n)))


def nice_step(v: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k that is >= v (v > 0)."""
    k = math.floor(math.log10(v))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * 10 ** k >= v * (1 - 1e-9):
            return m * 10 ** k
    return 10.0 ** (k + 1)


def nice_ceil(v: float, parts: int = 6) -> float:
    """``v`` rounded up to a multiple of a nice step about v/parts (axis limits that rarely change)."""
    if not (v > 0 and math.isfinite(v)):
        return 1.0
    step = nice_step(v / parts)
    return math.ceil(v / step - 1e-9) * step


def _ema(values: np.ndarray, beta: float, state: list[float]) -> np.ndarray:
    """Debiased exponential moving average continuing from ``state`` = [biased, count]."""
    out = np.empty_like(values)
    biased, count = state
    for i, v in enumerate(values):
        if not math.isfinite(v):
            out[i] = math.nan
            continue
        biased = beta * biased + (1.0 - beta) * v
        count += 1
        out[i] = biased / (1.0 - beta ** count)
    state[0], state[1] = biased, count
    return out


def _log_axis_class():
    """A pyqtgraph AxisItem subclass (pyqtgraph is imported lazily, see ``CurvesWidget``)."""
    import pyqtgraph as pg

    class LogAxis(pg.AxisItem):
        """A log-scale axis labelled only at powers of ten (1e-4, 0.001, 0.01...)."""

        def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 - pyqtgraph API
            if not self.logMode:
                return super().tickValues(minVal, maxVal, size)
            lo, hi = math.floor(minVal), math.ceil(maxVal)
            inside = [float(v) for v in range(math.ceil(minVal - 1e-9), math.floor(maxVal + 1e-9) + 1)]
            every = max(1, math.ceil(len(inside) / max(1.0, size / 24.0)))   # >= 24 px per label
            major = [v for v in inside if int(v) % every == 0] or inside[:1]
            minor = [math.log10(k) + v for v in range(lo - 1, hi + 1) for k in (2, 5)
                     if minVal <= math.log10(k) + v <= maxVal]
            return [(1.0, major), (0.5, minor)]

        def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
            if not self.logMode:
                return super().tickStrings(values, scale, spacing)
            if spacing < 1.0:
                return ["" for _ in values]
            return [f"{10 ** v:g}" for v in values]

    return LogAxis


def peak_downsample(x: np.ndarray, y: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ~2 points per pixel column: each bin's min and max, in the order they occurred.

    x (N,) increasing, y (N,) finite; returns (x_d, y_d) with every extreme of y kept.
    """
    n = len(x)
    if columns <= 0 or n <= 2 * columns:
        return x, y
    k = n // columns                                  # points per bin
    nb = n // k
    yb = y[:nb * k].reshape(nb, k)
    xb = x[:nb * k].reshape(nb, k)
    lo_i, hi_i = yb.argmin(axis=1), yb.argmax(axis=1)
    first = np.minimum(lo_i, hi_i)
    second = np.maximum(lo_i, hi_i)
    rows = np.arange(nb)
    xd = np.column_stack((xb[rows, first], xb[rows, second])).ravel()
    yd = np.column_stack((yb[rows, first], yb[rows, second])).ravel()
    if nb * k < n:                                    # the newest points, as they are
        xd = np.concatenate((xd, x[nb * k:]))
        yd = np.concatenate((yd, y[nb * k:]))
    return xd, yd


def _fast_lines_class():
    """``FastLines``: several polylines in one pyqtgraph item (pyqtgraph imported lazily)."""
    import pyqtgraph as pg
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainterPath

    class FastLines(pg.GraphicsObject):
        """Growing batch series drawn as plain paths: clipped to the visible x-range and
        peak-downsampled to the pixel columns on each update, without the per-item
        bookkeeping of PlotDataItem (the GUI thread's time is the training thread's time:
        both need the GIL)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self._pens = [pg.mkPen(None)] * count
            self._paths = [QPainterPath() for _ in range(count)]
            self._rect = QRectF()
            self.points_drawn = 0

        def set_pen(self, i: int, pen) -> None:
            self._pens[i] = pen
            self.update()

        def set_data(self, x: np.ndarray, ys, x_range: tuple[float, float], columns: int) -> None:
            n = len(x)
            self.prepareGeometryChange()
            if n < 2:
                self._paths = [QPainterPath() for _ in ys]
                self._rect = QRectF()
                self.points_drawn = 0
                self.update()
                return
            i0 = max(0, int(np.searchsorted(x, x_range[0])) - 1)
            i1 = min(n, int(np.searchsorted(x, x_range[1])) + 1)
            xs = x[i0:i1]
            paths, lo, hi, drawn = [], math.inf, -math.inf, 0
            for y in ys:
                xd, yd = peak_downsample(xs, y[i0:i1], columns)
                paths.append(pg.arrayToQPath(xd, yd, connect="all") if len(xd) > 1 else QPainterPath())
                drawn += len(xd)
                if len(yd):
                    lo, hi = min(lo, float(yd.min())), max(hi, float(yd.max()))
            self._paths = paths
            self.points_drawn = drawn
            if math.isfinite(lo):
                self._rect = QRectF(float(x[0]), lo, max(float(x[-1] - x[0]), 1e-9), max(hi - lo, 1e-9))
            self.update()

        def boundingRect(self):  # noqa: N802 - Qt API
            return self._rect

        def paint(self, painter, *args) -> None:
            for pen, path in zip(self._pens, self._paths):
                if not path.isEmpty():
                    painter.setPen(pen)
                    painter.drawPath(path)

    return FastLines


def _epoch_points_class():
    """``EpochPoints``: per-epoch series (line + one marker per epoch) in one light item."""
    import pyqtgraph as pg
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QPainter, QPainterPath

    class EpochPoints(pg.GraphicsObject):
        """A few short series (one point per epoch) drawn as a line plus a marker ("o" or "s")
        of a fixed pixel size at every point. Replaces symbol PlotDataItems, whose setData and
        scatter bookkeeping cost ~0.3 ms each per epoch on the GUI thread (= the training
        thread's time, through the GIL) and whose bounding rects are recomputed at every paint."""

        def __init__(self, symbols: tuple[str, ...], size: float = 6.0) -> None:
            super().__init__()
            n = len(symbols)
            self._symbols = tuple(symbols)
            self._size = float(size)
            self._pens = [pg.mkPen(None)] * n
            self._brushes = [pg.mkBrush(None)] * n
            self._symbol_pens = [pg.mkPen(None)] * n
            self._x = np.empty(0)
            self._ys = [np.empty(0)] * n
            self._paths = [QPainterPath() for _ in range(n)]
            self._rect = QRectF()
            self._bounds: QRectF | None = None

        def set_style(self, i: int, pen, brush, symbol_pen) -> None:
            self._pens[i], self._brushes[i], self._symbol_pens[i] = pen, brush, symbol_pen
            self.update()

        def set_data(self, x: np.ndarray, ys) -> None:
            """x (N,) epochs; ys: one (N,) array per series (NaN = no point, the line breaks there)."""
            self.prepareGeometryChange()
            self._x = np.array(x, dtype=np.float64)
            self._ys = [np.array(y, dtype=np.float64) for y in ys]
            paths, lo, hi = [], math.inf, -math.inf
            for y in self._ys:
                ok = np.isfinite(y)
                paths.append(pg.arrayToQPath(self._x, y, connect="finite") if ok.sum() > 1 else QPainterPath())
                if ok.any():
                    lo, hi = min(lo, float(y[ok].min())), max(hi, float(y[ok].max()))
            self._paths = paths
            if math.isfinite(lo) and len(self._x):
                x0, x1 = float(self._x.min()), float(self._x.max())
                self._rect = QRectF(x0, lo, max(x1 - x0, 1e-9), max(hi - lo, 1e-9))
            else:
                self._rect = QRectF()
            self._bounds = None
            self.update()

        def get_data(self, i: int) -> tuple[np.ndarray, np.ndarray]:
            """Series ``i`` as drawn: (x, y) of its finite points."""
            y = self._ys[i] if i < len(self._ys) else np.empty(0)
            ok = np.isfinite(y)
            return self._x[ok] if len(y) else np.empty(0), y[ok]

        def viewTransformChanged(self) -> None:  # noqa: N802 - pyqtgraph API
            self.prepareGeometryChange()          # the markers' padding is in pixels
            self._bounds = None

        def boundingRect(self):  # noqa: N802 - Qt API
            """The points' rect padded by half a marker (in pixels); cached, as Qt asks often."""
            if self._bounds is None:
                if self._rect.isNull():
                    self._bounds = QRectF()
                else:
                    pad = self._size / 2 + 2
                    pw, ph = self.pixelWidth() or 0.0, self.pixelHeight() or 0.0
                    self._bounds = self._rect.adjusted(-pad * pw, -pad * ph, pad * pw, pad * ph)
            return self._bounds

        def paint(self, painter, *args) -> None:
            for pen, path in zip(self._pens, self._paths):
                if not path.isEmpty():
                    painter.setPen(pen)
                    painter.drawPath(path)
            if not len(self._x):
                return
            tr = painter.transform()
            painter.save()
            painter.resetTransform()
            painter.setRenderHint(QPainter.Antialiasing, True)
            r = self._size / 2
            for symbol, brush, spen, y in zip(self._symbols, self._brushes, self._symbol_pens, self._ys):
                painter.setBrush(brush)
                painter.setPen(spen)
                for xi, yi in zip(self._x, y):
                    if not math.isfinite(yi):
                        continue
                    p = tr.map(QPointF(float(xi), float(yi)))
                    if symbol == "s":
                        painter.drawRect(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r))
                    else:
                        painter.drawEllipse(p, r, r)
            painter.restore()

    return EpochPoints


class CurvesWidget(QWidget):
    """See the module docstring. Feed it with ``add_batches``, ``add_epoch``, ``mark_change``."""

    def __init__(self, parent: QWidget | None = None, theme: str = "light") -> None:
        super().__init__(parent)
        self.setObjectName("curves")
        self._theme = theme
        # per batch
        self.x_batch = GrowingArray()
        self.loss = GrowingArray()
        self.loss_smooth = GrowingArray()
        self.acc = GrowingArray()
        self.acc_smooth = GrowingArray()
        self.lr = GrowingArray()
        self.lr_x, self.lr_y = GrowingArray(64), GrowingArray(64)   # the lr as drawn (see _extend_lr_steps)
        self.step = GrowingArray()
        # per epoch
        self.x_epoch = GrowingArray(64)
        self.train_loss = GrowingArray(64)
        self.val_loss = GrowingArray(64)
        self.train_acc = GrowingArray(64)
        self.val_acc = GrowingArray(64)
        self.epoch_lr = GrowingArray(64)
        # batches of stopped runs whose unfinished epoch a later run redid (see _retire_unfinished)
        self.old_x, self.old_loss, self.old_acc = GrowingArray(64), GrowingArray(64), GrowingArray(64)
        self.old_lr, self.old_step = GrowingArray(64), GrowingArray(64)
        self._changes: list[tuple[float, str]] = []
        self._markers: list = []
        self._dirty = False
        self.redraws = 0
        self.graphics = None
        self._build_pending = False
        self._epoch_lr_drawn = True               # unknown: clear it at the first redraw
        self._reset_fit()
        self._timer = QTimer(self)           # a steady 10 Hz while data flows, idle otherwise
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._tick)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel("")
        self._placeholder.setMinimumSize(320, 300)
        self._layout.addWidget(self._placeholder)
        self.set_theme(theme)

    @property
    def built(self) -> bool:
        return self.graphics is not None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.graphics is None and not self._build_pending:
            self._build_pending = True
            QTimer.singleShot(0, self.ensure_built)    # right after the window's first paint

    def ensure_built(self) -> None:
        """Create the plots (imports pyqtgraph, ~0.5 s): lazily, so the window shows at once."""
        if self.graphics is not None:
            return
        import pyqtgraph as pg

        layout = self._layout
        self._placeholder.hide()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumSize(320, 300)
        layout.addWidget(self.graphics)
        g = self.graphics
        # one legend row above the plots (never over the data): colours mean the same in all three
        self.legend = pg.LegendItem(colCount=4, labelTextSize="8pt", horSpacing=14, verSpacing=-6)
        g.addItem(self.legend, row=0, col=0)
        self.legend.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.loss_plot = g.addPlot(row=1, col=0)
        self.acc_plot = g.addPlot(row=2, col=0)
        self.lr_plot = g.addPlot(row=3, col=0, axisItems={"left": _log_axis_class()("left")})
        lay = g.ci.layout
        lay.setRowStretchFactor(0, 0)
        lay.setRowStretchFactor(1, 5)
        lay.setRowStretchFactor(2, 4)
        lay.setRowStretchFactor(3, 2)
        lay.setSpacing(2)
        lay.setContentsMargins(2, 2, 8, 2)
        for p in (self.loss_plot, self.acc_plot, self.lr_plot):
            p.setDownsampling(auto=True, mode="peak")
            p.setClipToView(True)
            p.showGrid(x=True, y=True, alpha=0.35)
            p.setMenuEnabled(True)
            p.getAxis("left").setWidth(56)
            for name in ("left", "bottom"):       # axes change rarely: repaint them from a pixmap
                p.getAxis(name).setCacheMode(QGraphicsItem.DeviceCoordinateCache)
            p.getAxis("left").enableAutoSIPrefix(False)
        for p in (self.loss_plot, self.acc_plot, self.lr_plot):
            p.enableAutoRange(x=False, y=False)      # ranges are set in steps (see _fit_*)
            p.vb.sigRangeChangedManually.connect(self._on_loss_range_changed_manually)
        self.acc_plot.setXLink(self.loss_plot)
        self.lr_plot.setXLink(self.loss_plot)
        self.lr_plot.setLogMode(y=True)
        self.lr_plot.enableAutoRange(axis="y", enable=False)
        self.lr_plot.setYRange(-4, -2, padding=0)
        self.acc_plot.setYRange(0, 100, padding=0.02)
        self.acc_plot.enableAutoRange(axis="y", enable=False)
        self.loss_plot.setLabel("left", "Loss")
        self.acc_plot.setLabel("left", "Accuracy %")
        self.acc_plot.getAxis("left").setToolTip("Share of images classified right")
        self.lr_plot.setLabel("left", "LR")
        self.lr_plot.getAxis("left").setToolTip("Learning rate (log scale)")
        self.lr_plot.setLabel("bottom", "Epochs")
        for p in (self.loss_plot, self.acc_plot):
            p.getAxis("bottom").setStyle(showValues=False)
            p.getAxis("bottom").setHeight(6)

        self.c_old_loss = self.loss_plot.plot()
        FastLines = _fast_lines_class()
        self.fast_loss = FastLines(2)                 # batch loss: raw, smoothed
        self.fast_acc = FastLines(1)                  # running batch accuracy
        self.loss_plot.addItem(self.fast_loss)
        self.acc_plot.addItem(self.fast_acc)
        self.c_loss_raw = self.loss_plot.plot()       # legend entries for the fast lines (no data)
        self.c_loss_smooth = self.loss_plot.plot()
        # per-epoch train and validation points: one light item per plot (the PlotDataItems
        # below are legend entries only, with no data)
        EpochPoints = _epoch_points_class()
        self.epoch_loss = EpochPoints(("o", "s"))     # train, validation
        self.epoch_acc = EpochPoints(("o", "s"))
        self.loss_plot.addItem(self.epoch_loss)
        self.acc_plot.addItem(self.epoch_acc)
        self.c_train_loss = self.loss_plot.plot(symbol="o", symbolSize=6)
        self.c_val_loss = self.loss_plot.plot(symbol="s", symbolSize=6)
        self.c_acc_run = self.acc_plot.plot()         # (legend proxy, no data)
        self.c_train_acc = self.acc_plot.plot(symbol="o", symbolSize=6)
        self.c_val_acc = self.acc_plot.plot(symbol="s", symbolSize=6)
        self.c_lr = self.lr_plot.plot()
        self.c_epoch_lr = self.lr_plot.plot(symbol="o", symbolSize=4, pen=None)
        self.hint = pg.TextItem("Press Start (F5) to watch the network learn", anchor=(0.5, 0.5))
        self.hint.setParentItem(self.loss_plot.vb)
        self.loss_plot.vb.sigResized.connect(self._place_hint)
        self.legend.addItem(self.c_loss_raw, "batch")
        self.legend.addItem(self.c_loss_smooth, "batch, smoothed")
        self.legend.addItem(self.c_train_loss, "train (epoch)")
        self.legend.addItem(self.c_val_loss, "validation (epoch)")
        for c in (self.c_old_loss, self.c_loss_raw, self.c_loss_smooth, self.c_train_loss, self.c_val_loss,
                  self.c_acc_run, self.c_train_acc, self.c_val_acc, self.c_lr, self.c_epoch_lr):
            c.setSkipFiniteCheck(False)
            c.opts["autoDownsampleFactor"] = 1.0    # ~1 sample per pixel (peak mode keeps the extremes)
        self.c_lr.setSkipFiniteCheck(True)
        self.loss_plot.vb.sigXRangeChanged.connect(lambda *_: self._schedule())
        self.loss_plot.vb.sigResized.connect(lambda *_: self._schedule())
        self.set_theme(self._theme)
        for x, text in self._changes:
            self._add_marker(x, text)

    # ------------------------------------------------------------------ feeding
    def _reset_fit(self) -> None:
        """Forget the smoothing state and what was drawn and fitted (a new start, or a cleared plot)."""
        self._loss_ema = [0.0, 0]
        self._acc_ema = [0.0, 0]
        self._loss_manual = False
        self._loss_top = None
        self._x_top = None
        self._epoch_drawn = None
        self._old_drawn = None
        self._lr_range = None
        self._snug = True
        self._planned = None

    def clear(self) -> None:
        for a in (self.x_batch, self.loss, self.loss_smooth, self.acc, self.acc_smooth, self.lr,
                  self.step, self.x_epoch, self.train_loss, self.val_loss, self.train_acc,
                  self.val_acc, self.epoch_lr, self.lr_x, self.lr_y, self.old_x, self.old_loss, self.old_acc, self.old_lr,
                  self.old_step):
            a.clear()
        self._changes.clear()
        self._reset_fit()
        for plot, item in self._markers:
            plot.removeItem(item)
        self._markers.clear()
        self._schedule()

    def set_history(self, history) -> None:
        """Restart from per-epoch history rows (``EpochEvent.history_row()`` dicts)."""
        self.clear()
        for row in history:
            self._add_epoch_values(float(row.get("epoch", len(self.x_epoch) + 1)),
                                   row.get("train_loss"), row.get("val_loss"),
                                   row.get("train_accuracy"), row.get("val_accuracy"), row.get("lr"))
        self.fit_view()

    def add_batches(self, events) -> None:
        """Append a tuple of ``BatchEvent``s."""
        self.ensure_built()
        self._snug = False
        n = len(events)
        if not n:
            return
        x = np.fromiter((e.progress for e in events), np.float64, n)
        if len(self.x_batch) and x[0] < self.x_batch.last():
            self._retire_unfinished(events[0].epoch)
        loss = np.fromiter((e.loss for e in events), np.float64, n)
        acc = np.fromiter((e.accuracy for e in events), np.float64, n) * 100.0
        self.x_batch.extend(x)
        self.loss.extend(loss)
        self.loss_smooth.extend(_ema(loss, SMOOTHING, self._loss_ema))
        self.acc.extend(acc)
        self.acc_smooth.extend(_ema(acc, SMOOTHING, self._acc_ema))
        lrs = np.fromiter((e.lr for e in events), np.float64, n)
        self.lr.extend(lrs)
        self._extend_lr_steps(x, lrs)
        self.step.extend(np.fromiter((e.step for e in events), np.float64, n))
        self._schedule()

    def _extend_lr_steps(self, x: np.ndarray, lrs: np.ndarray) -> None:
        """The plotted lr: one point where a flat stretch starts and one at its newest end,
        so a constant rate costs two points however long the run (a schedule keeps them all)."""
        n = len(self.lr_x)
        if len(x) and n >= 2 and self.lr_y.view()[n - 2] == self.lr_y.last() and np.all(lrs == self.lr_y.last()):
            self.lr_x.view()[n - 1] = x[-1]           # the usual case: the flat stretch goes on
            return
        for xi, li in zip(x, lrs):
            n = len(self.lr_x)
            if n >= 2 and li == self.lr_y.last() and self.lr_y.view()[n - 2] == li:
                self.lr_x.view()[n - 1] = xi          # extend the flat stretch
            else:
                self.lr_x.append(xi)
                self.lr_y.append(li)

    def _rebuild_lr_steps(self) -> None:
        self.lr_x.clear()
        self.lr_y.clear()
        self._extend_lr_steps(self.x_batch.view(), self.lr.view())

    def _retire_unfinished(self, epoch: int) -> None:
        """A new run redoes epoch ``epoch``, which a stopped run left unfinished.

        The stopped run's batches past ``epoch`` move to a faint static "earlier run"
        curve (and stay in the CSV), so the live arrays keep increasing x (what
        clip-to-view needs) and the two runs are not joined by a line.
        """
        xb = self.x_batch.view()
        cut = int(np.searchsorted(xb, float(epoch) + 1e-9, side="left"))
        if cut >= len(xb):
            return
        for src, dst in ((self.x_batch, self.old_x), (self.loss, self.old_loss), (self.acc, self.old_acc),
                         (self.lr, self.old_lr), (self.step, self.old_step)):
            dst.extend(src.view()[cut:])
            dst.append(math.nan)          # a gap between retired pieces
            src.truncate(cut)
        for a in (self.loss_smooth, self.acc_smooth):
            a.truncate(cut)
        self._rebuild_lr_steps()
        beta = SMOOTHING
        for smooth, state in ((self.loss_smooth, self._loss_ema), (self.acc_smooth, self._acc_ema)):
            last = smooth.last()
            count = int(np.isfinite(smooth.view()).sum())
            state[:] = [last * (1 - beta ** count), count] if count and math.isfinite(last) else [0.0, 0]

    def add_epoch(self, ev) -> None:
        """Append an ``EpochEvent``."""
        self._add_epoch_values(float(ev.epochs_done), ev.train_loss, ev.val_loss,
                               ev.train_accuracy, ev.val_accuracy, ev.lr)
        self._schedule()

    def _add_epoch_values(self, x, train_loss, val_loss, train_acc, val_acc, lr) -> None:
        def num(v, scale=1.0):
            try:
                v = float(v)
            except (TypeError, ValueError):
                return math.nan
            return v * scale if math.isfinite(v) else math.nan

        self.x_epoch.append(x)
        self.train_loss.append(num(train_loss))
        self.val_loss.append(num(val_loss))
        self.train_acc.append(num(train_acc, 100.0))
        self.val_acc.append(num(val_acc, 100.0))
        self.epoch_lr.append(num(lr))

    def mark_change(self, progress: float, text: str) -> None:
        """A vertical marker at ``progress`` epochs labelled ``text`` (e.g. "lr 0.01")."""
        self._changes.append((float(progress), text))
        self._add_marker(float(progress), text)

    def mark_settings(self, ev) -> None:
        """Mark a ``SettingsChangedEvent``."""
        parts = []
        for key, value in ev.changes:
            name = {"lr": "lr", "weight_decay": "L2", "dropout": "dropout", "momentum": "momentum"}.get(key, key)
            parts.append(f"{name} {value:.3g}")
        self.mark_change(ev.progress, ", ".join(parts))

    def _add_marker(self, x: float, text: str) -> None:
        if self.graphics is None:
            return                        # drawn from self._changes when the plots are built
        import pyqtgraph as pg

        c = plot_colors(self._theme)
        pen = pg.mkPen(c["marker"], width=1, style=Qt.DashLine)
        for plot in (self.loss_plot, self.acc_plot, self.lr_plot):
            if plot is self.loss_plot:
                line = pg.InfiniteLine(pos=x, angle=90, pen=pen, movable=False, label=text,
                                       labelOpts=dict(position=0.9, color=c["marker"], anchors=[(-0.05, 0.5), (-0.05, 0.5)]))
            else:
                line = pg.InfiniteLine(pos=x, angle=90, pen=pen, movable=False)
            line.setZValue(-5)
            plot.addItem(line, ignoreBounds=True)
            self._markers.append((plot, line))

    @property
    def marker_count(self) -> int:
        return len(self._changes)

    # ------------------------------------------------------------------ drawing
    def _tick(self) -> None:
        if self._dirty and self.isVisible():
            self.redraw()
        else:
            self._timer.stop()            # hidden: redrawn when shown again (showEvent)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self._schedule()

    def _schedule(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def redraw(self) -> None:
        """Push the arrays to the plot items (batch curves always, epoch curves when they changed)."""
        if self.graphics is None:
            return
        self._dirty = False
        self.redraws += 1
        xb = self.x_batch.view()
        # batch values are always finite (a diverging batch is never reported)
        x_range = tuple(self.loss_plot.vb.viewRange()[0])
        columns = max(1, int(self.loss_plot.vb.width()))
        self.fast_loss.set_data(xb, (self.loss.view(), self.loss_smooth.view()), x_range, columns)
        self.fast_acc.set_data(xb, (self.acc_smooth.view(),), x_range, columns)
        lr = self.lr.view()
        lr_ok = lr[np.isfinite(lr)]
        if len(lr_ok) and np.all(lr_ok > 0):
            self.c_lr.setData(self.lr_x.view(), self.lr_y.view())
        else:
            self.c_lr.setData([], [])
        xe = self.x_epoch.view()
        elr = self.epoch_lr.view()
        if len(lr_ok):
            lo, hi = float(lr_ok.min()), float(lr_ok.max())
        else:
            ok = elr[np.isfinite(elr) & (elr > 0)]
            lo, hi = (float(ok.min()), float(ok.max())) if len(ok) else (0.0, 0.0)
        if lo > 0:
            lo, hi = math.log10(lo), math.log10(hi)
            if (lo, hi) != self._lr_range:
                self._lr_range = (lo, hi)
                self.lr_plot.setYRange(lo - 0.6, hi + 0.6, padding=0)
        epoch_key = (len(xe), len(self.old_x), len(lr) == 0)
        if epoch_key != self._epoch_drawn:
            self._epoch_drawn = epoch_key
            self.epoch_loss.set_data(xe, (self.train_loss.view(), self.val_loss.view()))
            self.epoch_acc.set_data(xe, (self.train_acc.view(), self.val_acc.view()))
            old_key = len(self.old_x)
            if old_key != self._old_drawn:           # changes only when a run redid an epoch
                self._old_drawn = old_key
                self.c_old_loss.setData(self.old_x.view(), self.old_loss.view(), connect="finite")
            lr_key = (len(xe), len(lr) == 0)
            if not len(lr) and len(elr) and np.all(np.nan_to_num(elr, nan=1.0) > 0):
                self.c_epoch_lr.setData(xe, elr)   # a loaded model: lr per epoch from its history
                self._epoch_lr_drawn = lr_key
            elif self._epoch_lr_drawn is not None:
                self.c_epoch_lr.setData([], [])
                self._epoch_lr_drawn = None
        self.c_old_loss.setVisible(len(self.old_x) > 0)
        self.c_epoch_lr.setVisible(not len(lr) and len(elr) > 0)
        self._fit_loss_range()
        self._fit_x_range()
        self.hint.setVisible(not len(xb) and not len(xe))

    def _fit_loss_range(self) -> None:
        """Keep the loss readable: outliers (a diverging run's last batches) do not squash it.

        The top is the larger of the first batches' loss and 5x the median loss, capped
        at the real maximum; once the person zooms or pans, their view is left alone.
        """
        if self._loss_manual:
            return
        raw = self.loss.view()
        sample = raw[::max(1, len(raw) // 2000)]          # the median of ~2000 is plenty
        vals = np.concatenate([sample[np.isfinite(sample)], self.train_loss.view(), self.val_loss.view()])
        vals = vals[np.isfinite(vals)]
        if not len(vals):
            if self._loss_top != 2.5:
                self._loss_top = 2.5
                self.loss_plot.setYRange(0.0, 2.5, padding=0)   # cross-entropy of 10 classes starts near 2.3
            return
        head = raw[:20][np.isfinite(raw[:20])]
        top = max(float(head.max()) if len(head) else 0.0, 5.0 * float(np.median(vals)))
        finite = raw[np.isfinite(raw)]
        top = min(top, max(float(vals.max()), float(finite.max()) if len(finite) else 0.0)) * 1.08
        top = nice_ceil(top)
        if top > 0 and top != self._loss_top:
            self._loss_top = top
            self.loss_plot.setYRange(0.0, top, padding=0)

    def _place_hint(self, *args) -> None:
        r = self.loss_plot.vb.boundingRect()
        self.hint.setPos(r.center())

    def fit_view(self) -> None:
        """Fit the x-axis snugly to the data (when a run ended or a history was loaded)."""
        self._snug = True
        self._planned = None
        self.redraw()

    def plan(self, x_end: float) -> None:
        """A run will train up to ``x_end`` epochs: show 0..x_end from the start, so the axes
        do not re-layout while it runs (and the person sees how far it will go)."""
        self._planned = float(x_end)
        self._snug = False
        self._schedule()

    def _fit_x_range(self) -> None:
        """0 .. a nice limit just past the newest point: the axes re-layout only now and then
        while training; snug to the data once the run is over (``fit_view``)."""
        if self._loss_manual:
            return
        xs = [x for x in (self.x_batch.last(), self.x_epoch.last()) if math.isfinite(x)]
        hi = max(xs) if xs else 1.0
        if self._snug:
            top = max(hi, 0.05) * 1.02
        elif self._planned is not None and hi <= self._planned:
            top = self._planned * 1.02
        else:
            top = nice_ceil(max(hi, 0.05) * 1.02, parts=5)
        if top != self._x_top:
            self._x_top = top
            self.loss_plot.setXRange(-0.015 * top, top, padding=0)

    def _on_loss_range_changed_manually(self, *args) -> None:
        self._loss_manual = True

    def point_counts(self) -> dict[str, int]:
        """How many points each curve holds (tests and diagnostics)."""
        return {"batch": int(np.isfinite(self.step.view()).sum()), "epoch": len(self.x_epoch)}

    # ------------------------------------------------------------------ theme
    def set_theme(self, theme: str) -> None:
        self._theme = theme
        c = plot_colors(theme)
        self._placeholder.setStyleSheet(f"background: {c['background']};")
        if self.graphics is None:
            return
        import pyqtgraph as pg

        self.graphics.setBackground(c["background"])
        font = QFont()
        font.setPointSizeF(8.5)
        for plot in (self.loss_plot, self.acc_plot, self.lr_plot):
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                ax.setPen(pg.mkPen(c["grid"]))
                ax.setTextPen(pg.mkPen(c["foreground"]))
                ax.setTickFont(font)
                ax.label.setDefaultTextColor(pg.mkColor(c["foreground"]))
        self.legend.setLabelTextColor(c["muted"])
        self.hint.setColor(c["muted"])
        self._place_hint()
        raw = pg.mkColor(c["raw"])
        raw.setAlpha(110)
        self.c_loss_raw.setPen(pg.mkPen(raw, width=1))
        self.fast_loss.set_pen(0, pg.mkPen(raw, width=1))
        old = pg.mkColor(c["raw"])
        old.setAlpha(70)
        self.c_old_loss.setPen(pg.mkPen(old, width=1, style=Qt.DotLine))
        # the long batch curves use 1 px pens: half the paint time of wider ones
        self.c_loss_smooth.setPen(pg.mkPen(c["train"], width=1))
        self.fast_loss.set_pen(1, pg.mkPen(c["train"], width=1))
        acc_run = pg.mkColor(c["train"])
        acc_run.setAlpha(120)
        self.c_acc_run.setPen(pg.mkPen(acc_run, width=1))
        self.fast_acc.set_pen(0, pg.mkPen(acc_run, width=1))
        for curve, key in ((self.c_train_loss, "accent"), (self.c_train_acc, "accent")):
            curve.setPen(pg.mkPen(c[key], width=2, style=Qt.DashLine))
            curve.setSymbolBrush(pg.mkBrush(c[key]))
            curve.setSymbolPen(pg.mkPen(c["background"]))
        for curve in (self.c_val_loss, self.c_val_acc):
            curve.setPen(pg.mkPen(c["val"], width=2.5))
            curve.setSymbolBrush(pg.mkBrush(c["val"]))
            curve.setSymbolPen(pg.mkPen(c["background"]))
        for item in (self.epoch_loss, self.epoch_acc):    # the same styles as the legend entries
            for i, curve in enumerate((self.c_train_loss if item is self.epoch_loss else self.c_train_acc,
                                       self.c_val_loss if item is self.epoch_loss else self.c_val_acc)):
                item.set_style(i, curve.opts["pen"], curve.opts["symbolBrush"], curve.opts["symbolPen"])
        self.c_lr.setPen(pg.mkPen(c["lr"], width=1))
        self.c_epoch_lr.setSymbolBrush(pg.mkBrush(c["lr"]))
        # markers take the new colour
        changes = list(self._changes)
        for plot, item in self._markers:
            plot.removeItem(item)
        self._markers.clear()
        for x, text in changes:
            self._add_marker(x, text)
        self.redraw()

    # ------------------------------------------------------------------ export
    def export_png(self, path) -> None:
        """Save the three plots as they look now to ``path`` (PNG, atomic)."""
        self.ensure_built()
        self.redraw()
        pixmap = self.graphics.grab()
        with atomic_path(path, suffix=".png") as tmp:
            if not pixmap.save(str(tmp), "PNG"):
                raise OSError(f"could not write the image {path}")

    def metrics_csv(self) -> str:
        """Batch and epoch metrics as CSV text, one row per batch or epoch, in epoch order."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["kind", "epochs", "step", "loss", "accuracy", "lr",
                    "train_loss", "train_accuracy", "val_loss", "val_accuracy"])

        def fmt(v: float) -> str:
            return "" if not math.isfinite(v) else f"{v:.6g}"

        rows = []
        xb, loss, acc, lr, step = (a.view() for a in (self.x_batch, self.loss, self.acc, self.lr, self.step))
        for i in range(len(xb)):
            if not math.isfinite(step[i]):
                continue                  # the gap between two runs
            rows.append((xb[i], 0, ["batch", f"{xb[i]:.6g}", str(int(step[i])), fmt(loss[i]),
                                    fmt(acc[i] / 100.0), fmt(lr[i]), "", "", "", ""]))
        ox, ol, oa, olr, ost = (a.view() for a in (self.old_x, self.old_loss, self.old_acc, self.old_lr,
                                                   self.old_step))
        for i in range(len(ox)):
            if math.isfinite(ost[i]):
                rows.append((ox[i], 0, ["batch", f"{ox[i]:.6g}", str(int(ost[i])), fmt(ol[i]),
                                        fmt(oa[i] / 100.0), fmt(olr[i]), "", "", "", ""]))
        xe = self.x_epoch.view()
        for i in range(len(xe)):
            rows.append((xe[i], 1, ["epoch", f"{xe[i]:.6g}", "", "", "", fmt(self.epoch_lr.view()[i]),
                                    fmt(self.train_loss.view()[i]), fmt(self.train_acc.view()[i] / 100.0),
                                    fmt(self.val_loss.view()[i]), fmt(self.val_acc.view()[i] / 100.0)]))
        rows.sort(key=lambda r: (r[0], r[1], int(r[2][2] or -1)))
        for _, _, row in rows:
            w.writerow(row)
        return out.getvalue()

    def export_csv(self, path) -> None:
        atomic_write_text(path, self.metrics_csv())
