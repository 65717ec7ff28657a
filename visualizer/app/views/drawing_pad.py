"""The drawing pad: draw a digit (mouse or pen) and watch the network classify it as you draw.

``InkCanvas`` keeps the drawing as vector strokes (points in a 280x280 canvas
space, with pen pressure) and renders them, antialiased with round caps, into
a Grayscale8 QImage: ink 255 on background 0, the MNIST convention that
``preprocess.canvas_to_input`` expects. The NumPy view of that buffer is
taken without copying pixel by pixel (``qtimage.gray_array``).

``DrawingPadView`` turns each change into a prediction at most every
``MIN_INTERVAL_MS`` (coalescing with a QTimer: the first change after a quiet
spell is predicted at once, later ones wait for the interval), using the
weights of the latest snapshot, i.e. the live network during training or the
loaded model. An image file dropped onto the pad is classified the same way
(``imagefile.read_image`` + ``preprocess.image_to_input``).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QFont, QImage, QKeySequence, QPainter, QPainterPath, QPen,
                           QShortcut)
from PySide6.QtWidgets import (QBoxLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider, QVBoxLayout,
                               QWidget)

from .exposure import LazyRefresh, set_text as _set_text
from .livelabel import LiveLabel
from .qtimage import gray_array, gray_image, rgba_image, unit_float_to_gray

CANVAS = 280                 # side of the canvas coordinate space strokes are stored in
INK_RES = 140                # side of the ink buffer handed to canvas_to_input (5x MNIST's 28:
                             # ample for the 20-pixel box, and 4x fewer pixels to preprocess)
DEFAULT_BRUSH = 20.0         # brush diameter in canvas pixels (about MNIST's stroke after scaling)
MIN_INTERVAL_MS = 30         # predictions at most this often while drawing


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


class InkCanvas(QWidget):
    """The surface a person draws on; emits ``changed`` after every modification."""

    changed = Signal()
    image_dropped = Signal(object)        # a path (str) or QImage dropped onto the canvas

    BACKGROUND = QColor(18, 20, 24)
    INK = QColor(250, 250, 250)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAcceptDrops(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip("Draw a digit with the mouse or a pen. Delete or Esc clears, Ctrl+Z undoes. "
                        "You can also drop an image file here.")
        self.brush = DEFAULT_BRUSH
        self.strokes: list[Stroke] = []
        self.image: DroppedImage | None = None
        self._current: list[tuple[float, float, float]] | None = None
        self._undo: list[tuple[tuple[Stroke, ...], DroppedImage | None]] = []
        self._buffer = QImage(INK_RES, INK_RES, QImage.Format.Format_Grayscale8)
        self._buffer.fill(0)
        self._dirty = False
        # finished strokes are rendered once into caches; only the stroke in progress is redrawn
        self._version = 0                       # bumped whenever finished strokes or the image change
        self._ink_base = QImage(INK_RES, INK_RES, QImage.Format.Format_Grayscale8)
        self._ink_base.fill(0)
        self._ink_base_version = 0
        self._buf_version = -1                  # the base the ink buffer was copied from
        self._buf_n = 0                         # points of the stroke in progress painted into it
        self._display_base: QImage | None = None
        self._display_key = None
        self._display_cur: QImage | None = None # display base + the stroke in progress so far
        self._display_n = 0

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    # ------------------------------------------------------------- document
    def is_empty(self) -> bool:
        return not self.strokes and self._current is None and self.image is None

    def can_undo(self) -> bool:
        return bool(self._undo)

    def _push_undo(self) -> None:
        self._undo.append((tuple(self.strokes), self.image))
        del self._undo[:-100]

    def clear(self) -> None:
        """Remove all ink and any dropped image (undoable)."""
        if self.is_empty():
            return
        self._push_undo()
        self.strokes, self.image, self._current = [], None, None
        self._touch()

    def undo(self) -> None:
        """Undo the last stroke, clear or drop."""
        if self._current is not None:
            self._current = None
            self._touch()
            return
        if not self._undo:
            return
        strokes, self.image = self._undo.pop()
        self.strokes = list(strokes)
        self._touch()

    def set_image(self, image: DroppedImage) -> None:
        """Show a dropped image instead of ink (undoable)."""
        self._push_undo()
        self.strokes, self.image, self._current = [], image, None
        self._touch()

    def add_stroke(self, points, width: float | None = None) -> None:
        """Add a finished stroke from (x, y[, pressure]) canvas-pixel points (programmatic drawing)."""
        pts = np.asarray(points, dtype=np.float32)
        if pts.ndim != 2 or len(pts) == 0:
            return
        if pts.shape[1] == 2:
            pts = np.hstack([pts, np.ones((len(pts), 1), np.float32)])
        self._push_undo()
        if self.image is not None:
            self.image = None
        pts.flags.writeable = False
        self.strokes.append(Stroke(pts, float(width or self.brush)))
        self._touch()

    def _touch(self, finished: bool = True) -> None:
        """Something changed; ``finished=False``: only the stroke in progress."""
        if finished:
            self._version += 1
        self._dirty = True
        self.update()
        self.changed.emit()

    # --------------------------------------------------------------- buffer
    def ink_array(self) -> np.ndarray:
        """(INK_RES, INK_RES) uint8 ink intensity (ink 255 on 0), including the stroke in progress.

        A view of the render buffer: valid until the next change; copy it to keep it.
        """
        if self._dirty:
            if self._ink_base_version != self._version:          # finished strokes changed
                self._ink_base.fill(0)
                p = QPainter(self._ink_base)
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                p.scale(INK_RES / CANVAS, INK_RES / CANVAS)
                for s in self.strokes:
                    paint_stroke(p, s, QColor(255, 255, 255))
                p.end()
                self._ink_base_version = self._version
            cur = self._current
            if self._buf_version != self._version or not cur or self._buf_n > len(cur):
                p = QPainter(self._buffer)                       # the same buffer: views stay valid
                p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
                p.drawImage(0, 0, self._ink_base)
                p.end()
                self._buf_version, self._buf_n = self._version, 0
            if cur and self._buf_n < len(cur):                   # only the new segments
                p = QPainter(self._buffer)
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                p.scale(INK_RES / CANVAS, INK_RES / CANVAS)
                paint_segments(p, np.asarray(cur, np.float32), self.brush, self._buf_n,
                               QColor(255, 255, 255))
                p.end()
                self._buf_n = len(cur)
            self._dirty = False
        return gray_array(self._buffer)

    def _current_stroke(self) -> Stroke:
        return Stroke(np.asarray(self._current, np.float32), self.brush)

    def _all_strokes(self) -> list[Stroke]:
        strokes = list(self.strokes)
        if self._current:
            strokes.append(self._current_stroke())
        return strokes

    # -------------------------------------------------------------- geometry
    def canvas_rect(self) -> QRectF:
        """The square area of the widget that shows the canvas."""
        side = min(self.width(), self.height()) - 2
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def to_canvas(self, pos: QPointF) -> tuple[float, float]:
        r = self.canvas_rect()
        s = CANVAS / max(r.width(), 1.0)
        return (float(np.clip((pos.x() - r.left()) * s, 0, CANVAS)),
                float(np.clip((pos.y() - r.top()) * s, 0, CANVAS)))

    # ---------------------------------------------------------------- paint
    def _frame(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.canvas_rect(), 10, 10)
        return path

    def _render_display_base(self) -> QImage:
        """Background, finished strokes (or the dropped image), hint and frame at widget size."""
        dpr = self.devicePixelRatioF()
        img = QImage(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)),
                     QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        img.fill(0)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.canvas_rect()
        path = self._frame()
        p.fillPath(path, self.BACKGROUND)
        p.setClipPath(path)
        if self.image is not None:
            pic = self.image.display
            s = min(r.width() / pic.width(), r.height() / pic.height())
            w, h = pic.width() * s, pic.height() * s
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(QRectF(r.center().x() - w / 2, r.center().y() - h / 2, w, h), pic)
        else:
            p.save()
            p.translate(r.topLeft())
            p.scale(r.width() / CANVAS, r.height() / CANVAS)
            for s in self.strokes:
                paint_stroke(p, s, self.INK)
            p.restore()
        if self.is_empty():                            # (the base is redrawn when a stroke begins)
            p.setPen(QColor(150, 155, 165))
            f = QFont(self.font())
            f.setPointSizeF(f.pointSizeF() * 1.3)
            p.setFont(f)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, "Draw a digit here\n(or drop an image file)")
        p.setClipping(False)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.end()
        return img

    def paintEvent(self, event):
        key = (self._version, self.width(), self.height(), self.devicePixelRatioF(),
               self.palette().mid().color().rgba())
        if key != self._display_key or self._display_base is None:
            self._display_base = self._render_display_base()
            self._display_key = key
            self._display_cur, self._display_n = None, 0
        cur = self._current
        image = self._display_base
        if cur:                                             # the stroke in progress, incrementally
            if self._display_cur is None or self._display_n > len(cur):
                self._display_cur = self._display_base.copy()
                self._display_n = 0
            if self._display_n < len(cur):
                r = self.canvas_rect()
                q = QPainter(self._display_cur)
                q.setRenderHint(QPainter.RenderHint.Antialiasing)
                q.setClipPath(self._frame())
                q.translate(r.topLeft())
                q.scale(r.width() / CANVAS, r.height() / CANVAS)
                paint_segments(q, np.asarray(cur, np.float32), self.brush, self._display_n, self.INK)
                q.end()
                self._display_n = len(cur)
            image = self._display_cur
        p = QPainter(self)
        p.drawImage(0, 0, image)
        p.end()

    # ---------------------------------------------------------------- input
    def _begin(self, pos: QPointF, pressure: float) -> None:
        self._current = [(*self.to_canvas(pos), pressure)]
        if self.image is not None:           # drawing replaces a dropped image (undo brings it back)
            self._push_undo()
            self.image = None
            self._began_after_image = True
        else:
            self._began_after_image = False
        self._touch()

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        x, y = self.to_canvas(pos)
        lx, ly, _ = self._current[-1]
        if (x - lx) ** 2 + (y - ly) ** 2 < 0.25:       # ignore sub-pixel jitter
            return
        self._current.append((x, y, pressure))
        self._touch(finished=False)

    def _end(self) -> None:
        if self._current is None:
            return
        pts = np.asarray(self._current, dtype=np.float32)
        pts.flags.writeable = False
        self._current = None
        if not self._began_after_image:
            self._push_undo()
        self.strokes.append(Stroke(pts, self.brush))
        self._touch()

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position(), 1.0)

    def mouseMoveEvent(self, event):
        self._extend(event.position(), 1.0)

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), 1.0)
            self._end()

    def tabletEvent(self, event):
        pressure = float(np.clip(event.pressure(), 0.05, 1.0))
        t = event.type()
        if t == event.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif t == event.Type.TabletMove:
            self._extend(event.position(), pressure)
        elif t == event.Type.TabletRelease:
            self._extend(event.position(), pressure)
            self._end()
        event.accept()

    def keyPressEvent(self, event):
        """Ctrl+Z undoes, Delete/Backspace/Esc clear (also when the window's shortcuts do not apply)."""
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Escape):
            self.clear()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # ----------------------------------------------------------------- drop
    def dragEnterEvent(self, event):
        md = event.mimeData()
        if (md.hasUrls() and any(u.isLocalFile() for u in md.urls())) or md.hasImage():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):
        self.dragEnterEvent(event)

    def dropEvent(self, event):
        md = event.mimeData()
        files = [u.toLocalFile() for u in md.urls() if u.isLocalFile()] if md.hasUrls() else []
        if files:
            event.acceptProposedAction()
            self.image_dropped.emit(files[0])
        elif md.hasImage():
            event.acceptProposedAction()
            self.image_dropped.emit(QImage(md.imageData()))
        else:
            event.ignore()


class InputPreview(QWidget):
    """The 28x28 image the network actually receives, drawn pixel-exact."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._image: QImage | None = None
        self.setMinimumSize(84, 84)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setToolTip("What the network receives: your drawing cropped, scaled into a 20-pixel box "
                        "and centred by its centre of mass on 28\u00d728 pixels, like MNIST.")

    def sizeHint(self) -> QSize:
        return QSize(112, 112)

    def heightForWidth(self, w: int) -> int:
        return w

    def set_input(self, x28: np.ndarray | None) -> None:
        self._image = None if x28 is None else gray_image(unit_float_to_gray(np.asarray(x28).reshape(28, 28)))
        self.update()

    def paintEvent(self, event):
        p = QPainter(self)
        side = min(self.width(), self.height())
        side -= side % 28 if side >= 56 else 0
        r = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        p.fillRect(r, QColor(0, 0, 0))
        if self._image is not None:
            p.drawImage(r, self._image)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(r)
        p.end()


class ProbabilityBars(QWidget):
    """One vertical bar per class (as many as the probabilities), the top guess highlighted."""

    painted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.probs: np.ndarray | None = None
        self.names = [str(k) for k in range(10)]
        self.setMinimumSize(150, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.paint_count = 0

    def sizeHint(self) -> QSize:
        return QSize(240, 130)

    def set_probabilities(self, probs: np.ndarray | None) -> None:
        probs = None if probs is None else np.asarray(probs, dtype=np.float64)
        same = (probs is None and self.probs is None) or (
            probs is not None and self.probs is not None and np.array_equal(probs, self.probs))
        self.probs = probs
        if not same:                                   # unchanged bars: no repaint
            self.update()

    def paintEvent(self, event):
        p = QPainter(self)
        pal = self.palette()
        fm = p.fontMetrics()
        n = len(self.probs) if self.probs is not None else len(self.names)
        names = self.names if len(self.names) == n else [str(k) for k in range(n)]
        top = fm.height() + 2
        bottom = self.height() - fm.height() - 4
        h = max(10, bottom - top)
        slot = self.width() / n
        best = int(np.argmax(self.probs)) if self.probs is not None else -1
        short = all(len(name) <= 3 for name in names)
        labels = names if short else [str(k) for k in range(n)]      # long names: see tooltip
        x = [k * slot + slot * 0.18 for k in range(n)]
        w = slot * 0.64
        # the bars: one batched call per colour (no antialiasing needed for axis-aligned rects)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.alternateBase().color())
        p.drawRects([QRectF(x[k], top, w, h) for k in range(n)])
        centre_bottom = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
        if self.probs is not None:
            v = [float(self.probs[k]) for k in range(n)]
            bars = [QRectF(x[k], top + h - h * v[k], w, h * v[k]) for k in range(n)]
            p.setBrush(QColor(140, 150, 165))
            p.drawRects(bars[:best] + bars[best + 1:])
            p.fillRect(bars[best], QColor(46, 134, 222))
            p.setPen(pal.placeholderText().color())
            for k in range(n):
                if v[k] >= 0.005 and k != best:
                    p.drawText(QRectF(k * slot, top + h - h * v[k] - fm.height() - 1, slot, fm.height()),
                               centre_bottom, f"{v[k] * 100:.0f}")
            p.setPen(pal.text().color())
            p.drawText(QRectF(best * slot, top + h - h * v[best] - fm.height() - 1, slot, fm.height()),
                       centre_bottom, f"{v[best] * 100:.0f}")
        p.setPen(pal.text().color())
        centre = Qt.AlignmentFlag.AlignHCenter
        for k in range(n):
            if k == best:
                bold = QFont(self.font())
                bold.setBold(True)
                p.setFont(bold)
            p.drawText(QRectF(k * slot, bottom + 2, slot, fm.height() + 2), centre, labels[k])
            if k == best:
                p.setFont(self.font())
        p.end()
        self.paint_count += 1
        self.painted.emit()


class DrawingPadView(QWidget):
    """Canvas + what the network sees + ten probability bars + the top guess, live."""

    input_changed = Signal(object)        # (784,) float32 or None: the pad's current network input
    prediction_updated = Signal(object)   # ProbeTrace or None, after the bars were updated

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.x28: np.ndarray | None = None          # (28, 28) float32 current network input
        self.trace = None
        self.predictions = 0
        self._error = ""
        self._last_update = -1.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._update_prediction)

        self.canvas = InkCanvas(self)
        self.canvas.changed.connect(self.request_update)
        self.canvas.image_dropped.connect(self.load_image)

        self.brush = QSlider(Qt.Orientation.Horizontal)
        self.brush.setRange(6, 40)
        self.brush.setValue(int(DEFAULT_BRUSH))
        self.brush.setToolTip("Brush size. MNIST digits have strokes about a tenth of the digit's height.")
        self.brush.valueChanged.connect(lambda v: setattr(self.canvas, "brush", float(v)))
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Undo the last stroke (Ctrl+Z)")
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Clear the pad (Delete or Esc)")
        self.undo_button.clicked.connect(self.canvas.undo)
        self.clear_button.clicked.connect(self.canvas.clear)
        for seq, slot in ((QKeySequence.StandardKey.Undo, self.canvas.undo),
                          (QKeySequence(Qt.Key.Key_Delete), self.canvas.clear),
                          (QKeySequence(Qt.Key.Key_Escape), self.canvas.clear),
                          (QKeySequence(Qt.Key.Key_Backspace), self.canvas.clear)):
            sc = QShortcut(seq, self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

        tools = QHBoxLayout()
        tools.addWidget(QLabel("Brush"))
        tools.addWidget(self.brush, 1)
        tools.addWidget(self.undo_button)
        tools.addWidget(self.clear_button)

        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)

        self.guess = QLabel("\u2013")
        gf = QFont(self.font())
        gf.setPointSizeF(gf.pointSizeF() * 4.2)
        gf.setBold(True)
        self.guess.setFont(gf)
        self.guess.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guess.setMinimumWidth(60)
        # texts that change with every snapshot: LiveLabels repaint without re-laying out the window
        self.guess_detail = LiveLabel(lines=2, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.preview = InputPreview(self)
        preview_caption = QLabel("network input\n28\u00d728")
        preview_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        preview_caption.setStyleSheet("color: gray;")

        guess_box = QVBoxLayout()
        guess_box.addWidget(self.guess)
        guess_box.addWidget(self.guess_detail)
        guess_box.addStretch(1)
        preview_box = QVBoxLayout()
        preview_box.addWidget(self.preview, 1)
        preview_box.addWidget(preview_caption)
        head = QHBoxLayout()
        head.addLayout(guess_box, 1)
        head.addLayout(preview_box, 1)

        self.bars = ProbabilityBars(self)
        self.status = LiveLabel(lines=1, faint=True)
        preview_caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        # wide: canvas | (guess, preview / bars); tall: canvas / (guess, preview | bars)
        self._results = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._results.addLayout(head)
        self._results.addWidget(self.bars, 1)
        right = QVBoxLayout()
        right.addLayout(self._results, 1)
        right.addWidget(self.status)

        self._main = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._main.setContentsMargins(6, 6, 6, 6)
        self._main.addLayout(left, 3)
        self._main.addLayout(right, 2)

        self._session_state = "idle"
        self._updating = False
        self._guess_size = 0.0
        self._lazy = LazyRefresh(self, self._predict)
        state.snapshot_changed.connect(self._on_snapshot)
        state.data_changed.connect(self._on_data)
        self._on_data(state.data)
        self._predict()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        tall = self.height() > self.width() * 1.15
        want = QBoxLayout.Direction.TopToBottom if tall else QBoxLayout.Direction.LeftToRight
        if self._main.direction() != want:
            self._main.setDirection(want)
            self._results.setDirection(QBoxLayout.Direction.LeftToRight if tall
                                       else QBoxLayout.Direction.TopToBottom)
            self._main.setStretch(0, 3 if not tall else 5)
            self._main.setStretch(1, 2)

    # -------------------------------------------------------------- updates
    def request_update(self) -> None:
        """Coalesce changes: predict now if the last prediction is older than the interval, else soon."""
        self._error = ""
        if self._timer.isActive():
            return
        wait_ms = MIN_INTERVAL_MS - (time.perf_counter() - self._last_update) * 1000.0
        if wait_ms <= 0:
            self._update_prediction()
        else:
            self._timer.start(max(1, math.ceil(wait_ms)))

    def flush(self) -> None:
        """Predict now if an update is pending (tests, screenshots)."""
        if self._timer.isActive():
            self._timer.stop()
            self._update_prediction()

    def set_session_state(self, state: str) -> None:
        """The session's state ("idle", "running", ...), shown in the status line."""
        self._session_state = state
        self._update_status(self.state.snapshot)

    def _on_snapshot(self, _snap) -> None:
        if not self._updating:                 # new weights: classify the same input again
            self._lazy.request()               # (when shown: hidden, once it is shown again)

    def exposed(self, visible: bool = True) -> None:
        """The view's dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def _update_prediction(self) -> None:
        """Preprocess the canvas, classify, paint the bars at once, then let the other views follow."""
        self._last_update = time.perf_counter()
        self.x28 = self._current_input()
        self.preview.set_input(self.x28)
        self._predict(immediate=True)
        x = None if self.x28 is None else self.x28.reshape(-1)
        self._updating = True
        try:
            self.input_changed.emit(x)         # the activations view / session follow the pad
        finally:
            self._updating = False

    def _current_input(self) -> np.ndarray | None:
        if self.canvas.image is not None:
            return self.canvas.image.input
        if self.canvas.is_empty():
            return None
        from visualizer.core.preprocess import canvas_to_input
        return canvas_to_input(self.canvas.ink_array())

    def _predict(self, immediate: bool = False) -> None:
        """Classify the current input with the latest snapshot's weights and show it.

        ``immediate``: paint the bars and the guess now (while drawing) instead of at the
        next paint pass, so the answer appears before the slower views repaint.
        """
        self._lazy.dirty = False
        snap = self.state.snapshot
        if self.x28 is None or snap is None:
            self.trace = None
            self.bars.set_probabilities(None)
            self._set_guess("?" if self.x28 is not None else "\u2013")
            if snap is None:
                _set_text(self.guess_detail, "no network yet")
            elif self.canvas.image is not None:
                _set_text(self.guess_detail, "this image is blank")
            else:
                _set_text(self.guess_detail, "draw a digit")
        else:
            x = self.x28.reshape(-1)
            st = self.state
            if st.trace is not None and st.snapshot is snap and st.probe_input is not None \
                    and np.array_equal(st.probe_input, x):
                self.trace = st.trace
            else:
                self.trace = snap.trace(x)
            probs = np.asarray(self.trace.probabilities, dtype=np.float64)
            if not np.all(np.isfinite(probs)):
                self.trace = None
                self.bars.set_probabilities(None)
                self._set_guess("?")
                _set_text(self.guess_detail, "the network's outputs are not numbers (it diverged)")
                self._finish_predict(snap, immediate)
                return
            order = np.argsort(-probs)
            k, k2 = int(order[0]), int(order[1])
            names = self.bars.names if len(self.bars.names) == len(probs) else [str(i) for i in range(len(probs))]
            self._set_guess(names[k])
            _set_text(self.guess_detail,
                f"{names[k]} \u00b7 {probs[k]:.0%} sure" + (f"\nnext: {names[k2]} ({probs[k2]:.0%})"
                                                             if probs[k2] >= 0.01 else ""))
            self.bars.set_probabilities(probs)
        self._finish_predict(snap, immediate)

    def _set_guess(self, name: str) -> None:
        """The top guess, large; long class names (Fashion-MNIST) get a smaller size to fit."""
        size = self.font().pointSizeF() * (4.2 if len(name) <= 3 else 1.8)
        if size != self._guess_size:           # a new font asks for a new layout: only on change
            f = QFont(self.font())
            f.setBold(True)
            f.setPointSizeF(size)
            self.guess.setFont(f)
            self._guess_size = size
        _set_text(self.guess, name)

    def _finish_predict(self, snap, immediate: bool) -> None:
        self._update_status(snap)
        self.undo_button.setEnabled(self.canvas.can_undo() or self.canvas._current is not None)
        self.clear_button.setEnabled(not self.canvas.is_empty())
        self.predictions += 1
        if immediate and self.isVisible():
            self.bars.repaint()
            self.guess.repaint()
        self.prediction_updated.emit(self.trace)

    def _update_status(self, snap) -> None:
        if self._error:
            return
        if snap is None:
            self.status.setText("Press Start to train a network, or open a model (Ctrl+O).")
        elif self.canvas.image is not None:
            self.status.setText(f"Dropped image: {self.canvas.image.name}")
        else:
            live = {"running": "training live", "paused": "paused"}.get(self._session_state, "")
            _set_text(self.status, f"Network at step {snap.step:,} ({snap.progress:.2f} epochs)"
                                + (f", {live}" if live else ""))

    def _on_data(self, bundle) -> None:
        names = list(getattr(getattr(bundle, "dataset", None), "class_names", ()) or ())
        self.bars.names = names or [str(k) for k in range(10)]
        long_names = any(len(n) > 3 for n in self.bars.names)
        self.bars.setToolTip("Classes: " + ", ".join(f"{k} = {n}" for k, n in enumerate(self.bars.names))
                             if long_names else "The network's probability for each class")
        self.bars.update()

    # ---------------------------------------------------------------- drops
    def load_image(self, source) -> bool:
        """Classify a dropped image: a file path (str/Path) or a QImage. Returns False on a bad file."""
        from visualizer.core.errors import ImageError, VisualizerError
        from visualizer.core.preprocess import image_to_input
        self._error = ""
        try:
            if isinstance(source, QImage):
                if source.isNull():
                    raise ImageError("the dropped image data could not be decoded")
                pixels, name, display = qimage_to_pixels(source), "dropped picture", source.copy()
            else:
                from visualizer.imagefile import read_image
                pixels = read_image(source)
                name = Path(source).name
                display = self._display_image(pixels)
            x28 = image_to_input(pixels)
        except (VisualizerError, OSError, ValueError) as exc:
            self._error = str(exc)
            self.status.setText(f"<span style='color:#c0392b'>Could not use that image: {exc}</span>")
            return False
        self.canvas.set_image(DroppedImage(name, display, None if x28 is None else
                                           np.asarray(x28, dtype=np.float32)))
        self.flush()
        return True

    @staticmethod
    def _display_image(pixels: np.ndarray) -> QImage:
        pixels = np.asarray(pixels, dtype=np.uint8)
        if pixels.ndim == 2:
            return gray_image(pixels)
        if pixels.shape[2] == 3:
            pixels = np.concatenate([pixels, np.full(pixels.shape[:2] + (1,), 255, np.uint8)], axis=2)
        return rgba_image(pixels)

