"""The Batch view: the batch the last single step (Step, F10, while paused) trained on.

For the session's ``step_detail`` (a ``StepDetailEvent``, put beside the training
images by ``app.batch_model.SteppedBatch``) it shows

    the step, the batch loss and how many images it held;
    every image of the batch as a thumbnail, worst (highest loss) first, with its label,
    the network's answer (red when wrong) and its loss under it;
    the step's per-layer ||dW||, ||db|| and update-to-weight ratio ||delta W|| / ||W||.

Until a step is taken it explains how to get one. Nothing is computed here: the
losses and norms come from the step's own forward and backward pass.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QScrollArea, QSizePolicy,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..batch_model import SteppedBatch
from ..i18n import tr
from .exposure import LazyRefresh, set_text
from .qtimage import gray_image

THUMB = 56            # pixels per thumbnail side (28x28 images at 2x)
CELL_W, CELL_H = 72, THUMB + 34
WRONG = QColor("#d93025")


class BatchGrid(QWidget):
    """The batch's thumbnails in rows, each with label -> answer and loss beneath (``set_batch``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.batch: SteppedBatch | None = None
        self._images: list = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_batch(self, batch: SteppedBatch | None) -> None:
        self.batch = batch
        self._images = [] if batch is None else [gray_image(img) for img in batch.images]
        self.updateGeometry()
        self.setMinimumHeight(self.heightForWidth(max(self.width(), CELL_W)))
        self.update()

    def columns(self, width: int | None = None) -> int:
        return max(1, (self.width() if width is None else width) // CELL_W)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        n = len(self._images)
        return -(-n // self.columns(width)) * CELL_H if n else 0

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(8 * CELL_W, self.heightForWidth(8 * CELL_W))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(event.size().width()))

    def cell(self, k: int) -> QRect:
        """Where thumbnail ``k`` (worst first) is drawn, its text included."""
        cols = self.columns()
        return QRect((k % cols) * CELL_W, (k // cols) * CELL_H, CELL_W, CELL_H)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        batch = self.batch
        if batch is None:
            return
        p = QPainter(self)
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.85))
        p.setFont(font)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for k, img in enumerate(self._images):
            r = self.cell(k)
            box = QRect(r.x() + (CELL_W - THUMB) // 2, r.y() + 2, THUMB, THUMB)
            p.drawImage(box, img)
            wrong = batch.labels[k] != batch.predictions[k]
            if wrong:
                p.setPen(WRONG)
                p.drawRect(box.adjusted(-1, -1, 0, 0))
            p.setPen(WRONG if wrong else text)
            line = f"{batch.name(int(batch.labels[k]))} → {batch.name(int(batch.predictions[k]))}"
            p.drawText(QRect(r.x(), box.bottom() + 2, CELL_W, 15), Qt.AlignmentFlag.AlignHCenter, line)
            p.setPen(text)
            p.drawText(QRect(r.x(), box.bottom() + 16, CELL_W, 15), Qt.AlignmentFlag.AlignHCenter,
                       f"{float(batch.losses[k]):.3g}")
        p.end()


class BatchView(QWidget):
    """See the module docstring. ``batch`` is the ``SteppedBatch`` shown (None: no step yet)."""

    #: SteppedBatch: a stepped batch was shown
    shown = Signal(object)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.batch: SteppedBatch | None = None
        self._detail = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grid = BatchGrid()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.norms = QTableWidget(0, 4)
        self.norms.setHorizontalHeaderLabels([tr("layer"), tr("‖dW‖"), tr("‖db‖"), tr("‖ΔW‖ / ‖W‖")])
        self.norms.verticalHeader().setVisible(False)
        self.norms.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.norms.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.norms.setMaximumHeight(150)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.header)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.norms)
        self._lazy = LazyRefresh(self, self.refresh)
        session.step_detail.connect(self.on_detail)
        session.model_changed.connect(lambda *_: self.on_detail(None))
        session.data_changed.connect(lambda *_: self.on_detail(None))   # other images, other rows
        self.refresh()

    def on_detail(self, detail) -> None:
        """StepDetailEvent | None from the session: show its batch (when on screen, else when shown)."""
        self._detail = detail
        self._lazy.request()

    def exposed(self, visible: bool = True) -> None:
        self._lazy.exposed(visible)

    def refresh(self) -> None:
        detail = self._detail
        self.batch = None if detail is None else SteppedBatch.of(detail, self.session.data)
        self.grid.set_batch(self.batch)
        self._fill_norms()
        b = self.batch
        if b is None:
            set_text(self.header, tr("Pause, then Step (F10) to see the batch it trains on: every "
                                     "image with its label, the network's answer and its loss, worst "
                                     "first, and how large each layer's gradient was."))
            return
        text = tr("Step {step}: {n} images, batch loss {loss:.4g}. Worst first: true label → the "
                  "network's answer (red when wrong), and the loss of each image.").format(
                      step=b.step, n=len(b), loss=b.loss)
        if b.augmented:
            text += " " + tr("The losses are those of the augmented images the network saw.")
        set_text(self.header, text)
        self.shown.emit(b)

    def _fill_norms(self) -> None:
        rows = [] if self.batch is None else self.batch.norm_rows()
        self.norms.setRowCount(len(rows))
        for r, (layer, gw, gb, ratio) in enumerate(rows):
            for c, text in enumerate((str(layer), f"{gw:.3g}", f"{gb:.3g}", f"{ratio:.3g}")):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.norms.setItem(r, c, item)
        self.norms.setVisible(bool(rows))


def install_dock(window) -> BatchView:
    """Create the view on ``window.session`` and add it as the "batch" dock (tabbed under the curves, beside the activations)."""
    view = BatchView(window.session)
    dock = window.add_dock("batch", tr("Batch"), view, Qt.DockWidgetArea.BottomDockWidgetArea)
    dock.visibilityChanged.connect(view.exposed)
    window.batch_view = view
    return view
