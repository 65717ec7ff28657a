"""Ink as vector strokes: the stroke types and how they are painted.

Strokes are stored as points in a ``CANVAS`` x ``CANVAS`` coordinate space with
pen pressure; they are painted antialiased with round caps into whatever
QPainter is given (the ink buffer at ``INK_RES`` or the widget on screen).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

CANVAS = 280                 # side of the canvas coordinate space strokes are stored in
INK_RES = 140                # side of the ink buffer handed to canvas_to_input (5x MNIST's 28:
                             # ample for the 20-pixel box, and 4x fewer pixels to preprocess)
DEFAULT_BRUSH = 20.0         # brush diameter in canvas pixels (about MNIST's stroke after scaling)


@dataclass(frozen=True)
class Stroke:
    """One pen-down to pen-up gesture: points (N, 3) float32 of x, y (canvas px) and pressure 0..1."""

    points: np.ndarray
    width: float             # brush diameter at pressure 1, canvas px


@dataclass(frozen=True)
class DroppedImage:
    """An image file or image data dropped onto the pad."""

    name: str
    display: QImage          # the picture as dropped, for display
    input: np.ndarray | None  # (28, 28) float32 network input, None when blank


def stroke_path(pts: np.ndarray) -> QPainterPath:
    """A smooth path through the points: quadratic curves between midpoints."""
    path = QPainterPath(QPointF(float(pts[0, 0]), float(pts[0, 1])))
    n = len(pts)
    if n == 1:
        path.lineTo(float(pts[0, 0]) + 0.01, float(pts[0, 1]))
        return path
    for i in range(1, n - 1):
        mx, my = (pts[i, 0] + pts[i + 1, 0]) / 2, (pts[i, 1] + pts[i + 1, 1]) / 2
        path.quadTo(float(pts[i, 0]), float(pts[i, 1]), float(mx), float(my))
    path.lineTo(float(pts[-1, 0]), float(pts[-1, 1]))
    return path


def paint_stroke(p: QPainter, stroke: Stroke, color: QColor) -> None:
    """Paint one stroke (canvas coordinates) with round caps and joins."""
    pts = stroke.points
    pressure = pts[:, 2]
    pen = QPen(color, stroke.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    if len(pts) < 3 or float(pressure.max() - pressure.min()) < 0.05:
        pen.setWidthF(max(1.0, stroke.width * float(pressure.mean())))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(stroke_path(pts))
        return
    for i in range(1, len(pts)):                  # pressure varies: one segment per width
        pen.setWidthF(max(1.0, stroke.width * float(pressure[i - 1] + pressure[i]) / 2))
        p.setPen(pen)
        p.drawLine(QPointF(float(pts[i - 1, 0]), float(pts[i - 1, 1])),
                   QPointF(float(pts[i, 0]), float(pts[i, 1])))


def paint_segments(p: QPainter, pts: np.ndarray, width: float, first: int, color: QColor) -> None:
    """Paint the stroke in progress from point ``first`` on as round-capped segments.

    Segment i joins pts[i-1] and pts[i]; ``first == 0`` also paints the dot at pts[0].
    Painting only the new segments keeps the cost per mouse event constant; the finished
    stroke is painted again smoothly (``paint_stroke``) when the pen lifts.
    """
    pen = QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    start = max(1, first)
    if first == 0:
        pen.setWidthF(max(1.0, width * float(pts[0, 2])))
        p.setPen(pen)
        p.drawPoint(QPointF(float(pts[0, 0]), float(pts[0, 1])))
    for i in range(start, len(pts)):
        pen.setWidthF(max(1.0, width * float(pts[i - 1, 2] + pts[i, 2]) / 2))
        p.setPen(pen)
        p.drawLine(QPointF(float(pts[i - 1, 0]), float(pts[i - 1, 1])),
                   QPointF(float(pts[i, 0]), float(pts[i, 1])))


def qimage_to_pixels(img: QImage) -> np.ndarray:
    """Any QImage -> (H, W, 4) uint8 RGBA copy (for image data dropped without a file)."""
    img = img.convertToFormat(QImage.Format.Format_RGBA8888)
    h, w, stride = img.height(), img.width(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * stride)
    return buf.reshape(h, stride)[:, : w * 4].reshape(h, w, 4).copy()

