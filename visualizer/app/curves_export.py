"""The curves as an image for a slide: a title line above the three plots, 16:9, >= 1920 px.

The plots are laid out again at half the image's width and drawn at twice the
pixel density, so text, lines and markers keep the proportions they have on
screen (a plain upscale of the on-screen widget would be blurred, and a scene
drawn at the full width would have tiny labels). The widget's own layout is
restored afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from visualizer.core.atomic import atomic_path

SCALE = 2.0              # device pixels per layout pixel
TITLE_HEIGHT = 34        # layout pixels


def draw_title(painter: QPainter, width: float, title: str, colors: dict, points: float | None = None) -> None:
    """The title line of an exported figure, across the top ``TITLE_HEIGHT`` pixels of ``width``
    (antialiased; a title too long for the line ends in "…"). ``points`` sets the font's size in
    points instead of 17 pixels: an SVG generator writes sizes in points, and a pixel size comes
    out larger in the drawing than on screen."""
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    font = QFont()
    if points is None:
        font.setPixelSize(17)
    else:
        font.setPointSizeF(points)
    font.setWeight(QFont.DemiBold)
    painter.setFont(font)
    painter.setPen(QColor(colors["text"]))
    # (an SVG's text is measured at the generator's resolution: the painter's metrics)
    metrics = QFontMetrics(font) if points is None else painter.fontMetrics()
    text = metrics.elidedText(title, Qt.ElideRight, int(width - 28))
    painter.drawText(QRectF(14, 0, width - 28, TITLE_HEIGHT), Qt.AlignLeft | Qt.AlignVCenter, text)


ASPECT = 9 / 16


def render_image(curves, title: str, width: int, colors: dict) -> QImage:
    """``curves`` (a built ``CurvesWidget``) drawn into a new ``width`` x 9/16 ``width`` image."""
    w = width / SCALE
    h = round(width * ASPECT) / SCALE
    image = QImage(int(width), int(round(h * SCALE)), QImage.Format_ARGB32)
    image.setDevicePixelRatio(SCALE)
    image.fill(QColor(colors["background"]))
    painter = QPainter(image)
    draw_title(painter, w, title, colors)
    layout = curves.graphics.ci
    old = layout.geometry()
    cached = [item for item in curves.graphics.scene().items()
              if item.cacheMode() != QGraphicsItem.NoCache]
    modes = [item.cacheMode() for item in cached]
    try:
        for item in cached:                   # caches hold the on-screen pixels: draw afresh
            item.setCacheMode(QGraphicsItem.NoCache)
        plots = QRectF(0, 0, w, h - TITLE_HEIGHT)
        layout.setGeometry(plots)
        curves.redraw()                       # batch curves downsampled to the new width
        curves.graphics.scene().render(painter, QRectF(0, TITLE_HEIGHT, w, h - TITLE_HEIGHT), plots)
    finally:
        painter.end()
        layout.setGeometry(old)
        for item, mode in zip(cached, modes):
            item.setCacheMode(mode)
        curves.redraw()
    return image


def save_png(curves, path, title: str, width: int, colors: dict) -> None:
    """``render_image`` written to ``path`` as a PNG, atomically."""
    image = render_image(curves, title, width, colors)
    with atomic_path(path, suffix=".png") as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"could not write the image {path}")
