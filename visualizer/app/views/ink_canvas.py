"""The surface a person draws on (mouse or pen), kept as vector strokes.

``InkCanvas`` keeps the drawing as vector strokes (points in a 280x280 canvas
space, with pen pressure) and renders them, antialiased with round caps, into
a Grayscale8 QImage: ink 255 on background 0, the MNIST convention that
``preprocess.canvas_to_input`` expects. The NumPy view of that buffer is
taken without copying pixel by pixel (``qtimage.gray_array``). Finished
strokes are rendered once into caches; only the stroke in progress is painted
again, one new segment at a time.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeySequence, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import tr
from .ink import CANVAS, DEFAULT_BRUSH, INK_RES, DroppedImage, Stroke, paint_segments, paint_stroke
from .qtimage import gray_array


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
        self.setToolTip(tr("Draw a digit with the mouse or a pen. Delete or Esc clears, Ctrl+Z undoes. "
                           "You can also drop an image file here."))
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
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, tr("Draw a digit here\n(or drop an image file)"))
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
