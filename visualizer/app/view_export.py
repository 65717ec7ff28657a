"""Any view as an image for a slide: a title line above the view, at least 1920 px wide.

File > Export view… exports the view in use (``current_view``: the one holding
the keyboard focus, else the frontmost visible dock, else the curves). The
curves use their own export (``CurvesWidget.export_png``); every other view is
its dock widget painted offscreen at twice the pixel density, laid out at
least ``MIN_WIDTH / 2`` pixels wide for the picture (so the image is at least
``MIN_WIDTH`` wide, sharp, with on-screen proportions), under the same title line as the curves' export
(``CurvesModel.title``: the network, the dataset and the step), prefixed by the
view's name. The curves, drawn with lines and text, can also be saved as SVG.
Written atomically.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QDockWidget

from visualizer.core.atomic import atomic_path, atomic_write_bytes

from .curves_export import TITLE_HEIGHT, draw_title
from .curves_model import curves_title
from .data_actions import dataset_name
from .i18n import tr
from .theme import plot_colors

MIN_WIDTH = 1920         # device pixels
SCALE = 2.0              # device pixels per widget pixel, at least
ASPECT = 9 / 16          # a narrow view is drawn at least this high for its width
SKIP = ("controls", "lessons")     # panels, not views
VECTOR = ("curves",)               # views drawn with lines and text: SVG offered too
SVG_TITLE_POINTS = 10              # the SVG title's size (the PNG's 17 px title, as it looks on screen)


def current_view(window) -> str:
    """The key of the view in use: the focused dock's, else the frontmost visible view, else "curves"."""
    w = QApplication.focusWidget()
    while w is not None:
        if w is window.centralWidget():
            return "curves"
        if isinstance(w, QDockWidget):
            for key, dock in window.docks.by_key.items():
                if dock is w and key not in SKIP:
                    return key
            break
        w = w.parentWidget()
    for key, dock in window.docks.by_key.items():
        if key not in SKIP and dock.isVisible() and not dock.visibleRegion().isEmpty():
            return key
    return "curves"


def title(window, key: str) -> str:
    """"<view> · Network 784-128-64-10 · MNIST sample · step 1,234 (2 epochs)"."""
    s = window.session
    data = s.data
    sizes, name = s.network_config.sizes, dataset_name(data.name) if data is not None else None
    model = window.curves.model
    # the curves' rule; before any batch was drawn, the session's step (0 for fresh weights)
    line = model.title(sizes, name) if model.last_step() is not None else curves_title(sizes, name, s.live_step)
    if key == "curves":
        return line
    return tr("{view} · {line}").format(view=window.dock(key).windowTitle(), line=line)


def scale(width: int) -> float:
    """Device pixels per widget pixel for a widget ``width`` pixels wide."""
    return max(SCALE, MIN_WIDTH / max(1, width))


def render_widget(widget, heading: str, colors: dict) -> QImage:
    """``widget`` painted under ``heading`` (see the module docstring).

    A narrow view is laid out again at ``MIN_WIDTH / SCALE`` pixels (and at least 9/16 of that
    high) for the picture, so it is drawn at ``SCALE`` with the proportions of a wide window; its
    size is restored afterwards.
    """
    old = widget.size()
    w = max(old.width(), round(MIN_WIDTH / SCALE))
    h = max(old.height(), round(w * ASPECT))
    try:
        if (w, h) != (old.width(), old.height()):
            widget.resize(w, h)                   # resize events and layouts: synchronous
        return _paint(widget, heading, colors)
    finally:
        if widget.size() != old:
            widget.resize(old)


def _paint(widget, heading: str, colors: dict) -> QImage:
    w, h = max(1, widget.width()), max(1, widget.height())
    k = scale(w)
    image = QImage(math.ceil(w * k), math.ceil((h + TITLE_HEIGHT) * k), QImage.Format_ARGB32)
    image.setDevicePixelRatio(k)
    image.fill(QColor(colors["background"]))
    painter = QPainter(image)
    try:
        draw_title(painter, w, heading, colors)
        widget.render(painter, QPoint(0, TITLE_HEIGHT))
    finally:
        painter.end()
    return image


def save_view(window, key: str, path) -> None:
    """The view ``key`` written to ``path`` as a PNG (raised first, so it has its on-screen size)."""
    s = window.session
    if key == "curves":
        data = s.data
        window.curves.export_png(path, network=s.network_config.sizes,
                                 dataset=dataset_name(data.name) if data is not None else None)
        return
    dock = window.dock(key)
    if not dock.isVisible() or dock.visibleRegion().isEmpty():
        window.show_view(key)
        QApplication.processEvents()
    image = render_widget(dock.widget(), title(window, key), plot_colors(window.theme))
    with atomic_path(path, suffix=".png") as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"could not write the image {path}")


def save_svg(widget, path, heading: str, colors: dict) -> None:
    """``widget`` as an SVG drawing under ``heading`` (vector where the widget paints vectors), atomically."""
    from PySide6.QtCore import QByteArray, QBuffer, QIODevice, QRect, QSize
    from PySide6.QtSvg import QSvgGenerator
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

    w, h = max(1, widget.width()), max(1, widget.height())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(QSize(w, h + TITLE_HEIGHT))
    gen.setViewBox(QRect(0, 0, w, h + TITLE_HEIGHT))
    gen.setTitle(heading)
    gen.setResolution(widget.logicalDpiX())      # text measured on screen keeps its size
    # items cached as pixmaps would land in the drawing as pictures: drawn afresh instead
    cached = [item for view in [widget, *widget.findChildren(QGraphicsView)] if isinstance(view, QGraphicsView)
              and view.scene() is not None for item in view.scene().items()
              if item.cacheMode() != QGraphicsItem.NoCache]
    modes = [item.cacheMode() for item in cached]
    painter = QPainter(gen)
    try:
        for item in cached:
            item.setCacheMode(QGraphicsItem.NoCache)
        painter.fillRect(QRectF(0, 0, w, h + TITLE_HEIGHT), QColor(colors["background"]))
        draw_title(painter, w, heading, colors, points=SVG_TITLE_POINTS)
        widget.render(painter, QPoint(0, TITLE_HEIGHT))
    finally:
        painter.end()
        for item, mode in zip(cached, modes):
            item.setCacheMode(mode)
    buffer.close()
    atomic_write_bytes(path, bytes(data))


def export_view(window, key: str | None = None) -> bool:
    """File > Export view…: ask where, then write the view in use (or ``key``): PNG, or SVG for a
    vector view (the curves)."""
    key = key or current_view(window)
    name = tr("curves") if key == "curves" else window.dock(key).windowTitle()
    formats = tr("PNG images (*.png)") + (";;" + tr("SVG drawings (*.svg)") if key in VECTOR else "")

    def write(path) -> None:
        if str(path).lower().endswith(".svg") and key in VECTOR:
            save_svg(window.curves, path, title(window, key), plot_colors(window.theme))
        else:
            save_view(window, key, path)

    return window.files.export(tr("Export {view}").format(view=name), f"{key}.png", formats, write)
