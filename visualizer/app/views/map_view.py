"""The Map view: what the network has learned, as the validation images' places in a hidden layer.

Each validation image (a fixed subsample of at most ``MAX_SHOWN``, stated
under the map) is a point where its activations in the chosen hidden layer
land after a 2-D PCA (``app.map_model``, ``core.hidden_map``), coloured by its
true class; while training, the ten clusters pull apart. Hovering a point shows
its image, its label and the network's answer; the probe (your drawing as you
draw, or the image chosen in the activations view) is the large star, projected
with the same weights and basis.

The map is refitted off the GUI thread (``app.tasks.TaskGroup``) for each new
set of weights, at most every ``REFIT_S`` seconds, the newest snapshot winning;
each new axis is turned to agree with the previous one, so the picture does
not flip. While hidden, the view does nothing and catches up when shown. The plot
itself (pyqtgraph) is built when the view is first on screen (``plot_slot``).
"""

from __future__ import annotations

import html
import time

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from visualizer.core.map_image import class_colour

from ..i18n import tr
from ..map_model import map_for, marker_of, nearest_point
from ..tasks import TaskGroup
from ..theme import plot_colors
from .closing import stop_on_close
from .exposure import LazyRefresh, set_text
from .plot_slot import PlotSlot
from .qtimage import gray_image

REFIT_S = 0.5            # while weights stream in, the map is refitted at most this often
HOVER_PX = 8             # a point within this many pixels of the mouse is shown
INSET = 84               # the hovered image's side, pixels


def legend_html(names: tuple[str, ...]) -> str:
    """One coloured dot and name per class, as rich text (the map's legend)."""
    k = len(names)
    return "&nbsp;&nbsp; ".join(f'<span style="color:{class_colour(c, k)}">&#9679;</span>&nbsp;{html.escape(n)}'
                                for c, n in enumerate(names))


class MapView(QWidget):
    """The map of a hidden layer (see the module docstring).

    Signals:
        mapped(object)         MapShown: new points are on screen
        marker_moved(object)   np.ndarray (2,) float32 | None: where the probe's star is now
    """

    mapped = Signal(object)
    marker_moved = Signal(object)

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.shown = None                    # MapShown on screen
        self.marker = None                   # (2,) of the probe's star, or None
        self.hovered: int | None = None      # index into shown.points under the mouse
        self._theme = "light"
        self._tasks = TaskGroup()
        self._fitting = False
        self._stale = False
        self._fit_at = -1e9
        self._sizes: tuple[int, ...] = ()
        self._colours = 0                    # the number of classes the scatter items are coloured for
        self._axis_labels: tuple[str, str] = ("", "")
        self.plot = None                     # pyqtgraph's PlotWidget, built when first on screen
        self.star = None                     # its ScatterPlotItem of the probe's star
        self.scatters: list = []             # its ScatterPlotItem per class
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.timeout.connect(lambda: self._lazy.request())
        self._build()
        self._lazy = LazyRefresh(self, self._catch_up)
        state.trace_changed.connect(lambda _t: self._lazy.request())
        state.weights_changed.connect(self._on_weights)
        state.data_changed.connect(self._on_data)

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.layer_box = QComboBox()
        self.layer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)   # items come later
        self.layer_box.setToolTip(tr("The hidden layer whose activations are mapped"))
        self.layer_box.currentIndexChanged.connect(self._on_layer)
        self.caption = QLabel("")
        self.caption.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Layer:")))
        top.addWidget(self.layer_box)
        top.addWidget(self.caption, 1)
        self.plot_slot = PlotSlot(self._make_plot)
        self.plot_slot.built.connect(self._on_plot_built)
        self.legend = QLabel("")              # one coloured dot and name per class, under the map
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self._build_inset()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.plot_slot, 1)
        lay.addWidget(self.legend)
        lay.addWidget(self.status)

    def _make_plot(self):
        """The plot and its star (imports pyqtgraph): called by the slot when first on screen."""
        import pyqtgraph as pg

        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setToolTip(tr("Each point is a validation image, placed by its activations in the chosen "
                                "layer (the two principal directions). Hover a point to see the image."))
        self.star = pg.ScatterPlotItem(size=22, symbol="star", pen=pg.mkPen("#000000", width=2),
                                       brush=pg.mkBrush("#ffd400"))
        self.star.setZValue(10)
        self.plot.addItem(self.star)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse)
        return self.plot

    def _on_plot_built(self, _plot) -> None:
        """Apply what was set before the plot existed: the theme, the points, their axes, the star."""
        self.set_theme(self._theme)
        if self.shown is not None:
            self._plot_points(self.shown)
        self._plot_axis_labels()
        self._plot_marker()

    def _build_inset(self) -> None:
        self.inset = QFrame(self.plot_slot)     # over the plot's top left corner (the slot holds it)
        self.inset.setFrameShape(QFrame.Shape.StyledPanel)
        self.inset.setAutoFillBackground(True)
        self.inset_image = QLabel()
        self.inset_image.setFixedSize(INSET, INSET)
        self.inset_text = QLabel("")
        box = QVBoxLayout(self.inset)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.inset_image)
        box.addWidget(self.inset_text)
        self.inset.hide()

    def set_theme(self, theme: str) -> None:
        """str: "light" or "dark" (the window's ``theme_changed``)."""
        self._theme = theme
        if self.plot is None:
            return                           # applied when the plot is built
        import pyqtgraph as pg

        c = plot_colors(theme)
        self.plot.setBackground(c["background"])
        for name in ("bottom", "left"):
            axis = self.plot.getAxis(name)
            axis.setPen(c["foreground"])
            axis.setTextPen(c["text"])
        self.star.setPen(pg.mkPen(c["text"], width=2))

    # ---------------------------------------------------------------- inputs
    def exposed(self, visible: bool = True) -> None:
        """The dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def _on_weights(self, snap=None) -> None:
        sizes = tuple(int(s) for s in snap.sizes) if snap is not None else ()
        if sizes != self._sizes:
            self._set_layers(sizes)
        self._stale = True
        self._lazy.request()

    def _on_data(self, _bundle=None) -> None:
        self.shown = None                    # its points are other images
        self._fit_at = -1e9
        self._on_weights(self.state.snapshot)

    def _set_layers(self, sizes: tuple[int, ...]) -> None:
        self._sizes = sizes
        keep = self.layer_box.currentIndex()
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for i, width in enumerate(sizes[1:-1]):
            self.layer_box.addItem(tr("hidden {i} ({n} units)").format(i=i + 1, n=width), i)
        n = self.layer_box.count()
        self.layer_box.setCurrentIndex(keep if 0 <= keep < n else n - 1)
        self.layer_box.blockSignals(False)
        self.shown = None

    def _on_layer(self, _index: int) -> None:
        self.shown = None                    # another layer: no previous axes to keep
        self._fit_at = -1e9
        self._stale = True
        self._lazy.request()

    @property
    def layer(self) -> int:
        """The hidden layer chosen (0 = the first; -1 before a network is known)."""
        data = self.layer_box.currentData()
        return -1 if data is None else int(data)

    def set_layer(self, layer: int) -> None:
        """Map hidden layer ``layer`` (0 = the first)."""
        self.layer_box.setCurrentIndex(int(layer))

    # ---------------------------------------------------------------- work
    def _catch_up(self) -> None:
        if self._stale and not self._fitting:
            wait = REFIT_S - (time.perf_counter() - self._fit_at)
            if self.shown is None or wait <= 0:
                self._refit()
            elif not self._refit_timer.isActive():
                self._refit_timer.start(int(wait * 1000) + 1)
        self._render_marker()

    def _refit(self) -> None:
        snap, data, layer, previous = self.state.snapshot, self.state.data, self.layer, self.shown
        if self._fitting or snap is None or data is None or layer < 0:
            return
        if len(data.y_val) == 0:
            self._stale = False
            set_text(self.caption, tr("No validation images to map: hold some out in the settings."))
            return
        self._fitting, self._stale, self._fit_at = True, False, time.perf_counter()
        self.plot_slot.ensure()              # on screen: the (empty) plot shows while the map is fitted
        self._tasks.start(lambda progress, cancelled: map_for(snap, data, layer, previous),
                          self._on_fitted, self._on_failed)

    def _on_fitted(self, shown) -> None:
        self._fitting = False
        if shown.layer == self.layer and shown.n_total == len(getattr(self.state.data, "y_val", ())):
            self.shown = shown
            self._draw_points()
        if self._stale:
            self._lazy.request()             # newer weights came meanwhile: the newest wins

    def _on_failed(self, exc) -> None:
        self._fitting = False
        set_text(self.status, tr("Could not map this layer: {error}").format(error=exc))

    def shutdown(self, timeout_s: float = 1.0) -> bool:
        """Stop mapping (the window is closing); True when nothing runs any more."""
        self._refit_timer.stop()
        self._tasks.cancel_all()
        return self._tasks.wait_all(time.monotonic() + timeout_s)

    # ---------------------------------------------------------------- render
    def _draw_points(self) -> None:
        shown = self.shown
        set_text(self.legend, legend_html(shown.class_names))
        ex = shown.hidden_map.explained
        labels = (tr("direction 1 ({p:.0f}% of the variance)").format(p=100 * ex[0]),
                  tr("direction 2 ({p:.0f}% of the variance)").format(p=100 * ex[1]))
        if self.plot is None:
            self._axis_labels = labels
            self.plot_slot.ensure()          # points come before the first paint: build now (draws them)
        else:
            self._plot_points(shown)
            if labels != self._axis_labels:  # each new label lays the plot out again
                self._axis_labels = labels
                self._plot_axis_labels()
        set_text(self.caption, tr("{n:,} of the {total:,} validation images (a fixed sample), "
                                  "coloured by their true class").format(n=len(shown.points), total=shown.n_total)
                 if len(shown.points) < shown.n_total else
                 tr("All {total:,} validation images, coloured by their true class").format(total=shown.n_total))
        self._render_marker()
        self.mapped.emit(shown)

    def _plot_points(self, shown) -> None:
        """The points of ``shown`` into the plot (built), one scatter item per class."""
        import pyqtgraph as pg

        k = len(shown.class_names)
        while len(self.scatters) < k:
            item = pg.ScatterPlotItem(size=5, pen=None)
            self.plot.addItem(item)
            self.scatters.append(item)
        if self._colours != k:               # brushes once per number of classes (setBrush is costly)
            self._colours = k
            for c, item in enumerate(self.scatters):
                item.opts["brush"] = pg.mkBrush(class_colour(c, k) if c < k else "#000000")
        for c, item in enumerate(self.scatters):
            pts = shown.points[shown.labels == c] if c < k else np.zeros((0, 2), np.float32)
            item.setData(pts[:, 0], pts[:, 1])                 # (n_c,), (n_c,)

    def _plot_axis_labels(self) -> None:
        if self._axis_labels != ("", ""):
            self.plot.setLabel("bottom", self._axis_labels[0])
            self.plot.setLabel("left", self._axis_labels[1])

    def _render_marker(self) -> None:
        x, shown = self.state.probe_input, self.shown
        if x is None or shown is None or shown.model.sizes[0] != x.size:
            xy = None
        else:
            xy = marker_of(shown, x)
        self._say_status(xy is not None)
        moved = (xy is None) != (self.marker is None) or (xy is not None and not np.array_equal(xy, self.marker))
        self.marker = xy
        self._plot_marker()
        if moved:
            self.marker_moved.emit(xy)

    def _plot_marker(self) -> None:
        """The star where ``marker`` is (none: no star), once the plot is built."""
        if self.star is None:
            return
        xy = self.marker
        if xy is None:
            self.star.setData([], [])
        else:
            self.star.setData([float(xy[0])], [float(xy[1])])

    def _say_status(self, starred: bool) -> None:
        shown, state = self.shown, self.state
        if shown is None:
            return
        what = (tr("your drawing") if state.probe_kind == "pad" else state.probe_source) if starred else ""
        star = tr(" The star is {what}.").format(what=what) if what else ""
        set_text(self.status, tr("Mapped with the network at step {step}. Hover a point to see its image."
                                 ).format(step=shown.step) + star)

    def _on_mouse(self, pos) -> None:
        shown = self.shown
        if shown is None or self.plot is None or not self.plot.sceneBoundingRect().contains(pos):
            self.show_hover(None)
            return
        vb = self.plot.getPlotItem().getViewBox()
        p = vb.mapSceneToView(pos)
        px = vb.viewPixelSize()
        self.show_hover(nearest_point(shown.points, (p.x(), p.y()), (px[0] or 1.0, px[1] or 1.0), HOVER_PX))

    def show_hover(self, i: int | None) -> None:
        """Show point ``i`` of the map in the inset (its image, label and the answer); None hides it."""
        self.hovered = i
        shown = self.shown
        if i is None or shown is None:
            self.inset.hide()
            return
        image = shown.x_val[int(shown.indices[i])]
        pix = QPixmap.fromImage(gray_image(image)).scaled(INSET, INSET, Qt.AspectRatioMode.KeepAspectRatio,
                                                          Qt.TransformationMode.FastTransformation)
        self.inset_image.setPixmap(pix)
        names = shown.class_names
        true, guess = names[int(shown.labels[i])], names[int(shown.predictions[i])]
        set_text(self.inset_text, tr("true {true}\nread as {guess}").format(true=true, guess=guess))
        self.inset.adjustSize()
        self.inset.move(8, 8)
        self.inset.show()
        self.inset.raise_()



def install_dock(window, state) -> MapView:
    """Create the view on ``state``, add it as the "map" dock (tabbed on the right), follow the theme."""
    view = MapView(state)
    dock = window.add_dock("map", tr("Map"), view, Qt.DockWidgetArea.RightDockWidgetArea)
    dock.visibilityChanged.connect(view.exposed)
    if hasattr(window, "theme_changed"):
        window.theme_changed.connect(view.set_theme)
    view.set_theme(getattr(window, "theme", "light"))
    stop_on_close(window, lambda: view.shutdown(1.0))
    window.map_view = view
    return view
