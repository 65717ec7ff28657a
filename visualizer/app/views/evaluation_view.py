"""Evaluation: confusion matrix on held-out images and a gallery of the images behind each cell.

Rows are the true class, columns the predicted class; each cell shows its
count and is coloured by the share of its row (blue on the diagonal: right,
red off it: confused). Clicking a cell fills the gallery with its images
(most confident first); by default the gallery shows every misclassified
image, most confident mistakes first, with true label, prediction and
confidence. Clicking a gallery image makes it the probe of the activations
view, to look inside the network at its mistake.

Results come from ``EpochEvent`` (validation predictions after each epoch),
from the session's ``evaluated`` signal (a loaded or reset model), or on
demand (the Evaluate button, off the GUI thread) on the validation or the
test set with the latest snapshot's weights.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QSplitter, QVBoxLayout, QWidget)

from .cellgrid import CellGrid
from .colormap import BLUES, REDS, argb_lut, lut_indices
from .qtimage import argb_image, gray_image

BLUES_ARGB = argb_lut(BLUES)
REDS_ARGB = argb_lut(REDS)

HIGHLIGHT = QColor(255, 170, 0)


EPOCH_REFRESH_S = 0.5     # the matrix and gallery follow epochs at most twice a second


@dataclass(frozen=True)
class EvalResult:
    """Predictions on a labelled image set (read-only arrays).

    images       (N, 28, 28) uint8
    labels       (N,) int true classes
    predictions  (N,) int64
    confidence   (N,) float32 probability of the predicted class
    """

    images: np.ndarray
    labels: np.ndarray
    predictions: np.ndarray
    confidence: np.ndarray
    class_names: tuple[str, ...]
    set_name: str            # "validation" | "test"
    title: str               # where it came from, e.g. "after epoch 3"

    @property
    def accuracy(self) -> float:
        n = len(self.labels)
        return float(np.mean(self.labels.astype(np.int64) == self.predictions)) if n else float("nan")

    def confusion(self) -> np.ndarray:
        """(K, K) int64 counts, rows true class, columns predicted class."""
        k = len(self.class_names)
        idx = self.labels.astype(np.int64) * k + self.predictions.astype(np.int64)
        return np.bincount(idx, minlength=k * k).reshape(k, k)

    def cell(self, true: int, pred: int) -> np.ndarray:
        """Indices of the images of one cell, most confident first."""
        idx = np.flatnonzero((self.labels == true) & (self.predictions == pred))
        return idx[np.argsort(-self.confidence[idx], kind="stable")]

    def mistakes(self) -> np.ndarray:
        """Indices of misclassified images, most confident mistakes first."""
        idx = np.flatnonzero(self.labels.astype(np.int64) != self.predictions)
        return idx[np.argsort(-self.confidence[idx], kind="stable")]


def evaluate_snapshot(snapshot, images: np.ndarray, labels: np.ndarray, chunk: int = 2048,
                      cancelled=lambda: False):
    """(predictions (N,) int64, confidence (N,) float32) of the snapshot's weights on uint8 images.

    ``cancelled()`` is polled between chunks; when it turns True, ``RuntimeError("cancelled")``
    ends the work early.
    """
    from visualizer.core.dataset import as_inputs

    from .state import model_from_snapshot
    model = model_from_snapshot(snapshot)
    n = len(images)
    preds = np.empty(n, dtype=np.int64)
    conf = np.empty(n, dtype=np.float32)
    for i in range(0, n, chunk):
        if cancelled():
            raise RuntimeError("cancelled")
        p = model.forward(as_inputs(images[i:i + chunk]))            # (B, 10)
        preds[i:i + chunk] = np.argmax(p, axis=1)
        conf[i:i + chunk] = np.max(p, axis=1)
    preds.flags.writeable = False
    conf.flags.writeable = False
    return preds, conf


class ConfusionMatrix(QWidget):
    """The clickable K x K matrix."""

    cell_clicked = Signal(int, int)       # true, predicted

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: EvalResult | None = None
        self.counts: np.ndarray | None = None
        self.selected: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None
        self._grid: CellGrid | None = None       # pixel map of the cells at the current size
        self.setMouseTracking(True)
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(380, 380)

    def set_result(self, result: EvalResult | None) -> None:
        self.result = result
        self.counts = None if result is None else result.confusion()
        self.update()

    def _geometry(self) -> tuple[float, float, float, int]:
        """(left, top, cell side in whole pixels, K)."""
        fm = self.fontMetrics()
        k = 10 if self.result is None else len(self.result.class_names)
        left = fm.height() * 2 + 8
        top = fm.height() * 2 + 6
        right_margin = fm.horizontalAdvance("100%") + 10
        side = max(8.0, min((self.width() - left - right_margin) / k, (self.height() - top - 4) / k))
        return left, top, float(math.floor(side)), k

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        if self.counts is None:
            return None
        left, top, side, k = self._geometry()
        c = math.floor((pos.x() - left) / side)
        r = math.floor((pos.y() - top) / side)
        return (r, c) if 0 <= r < k and 0 <= c < k else None

    def cell_colors(self) -> tuple[np.ndarray, np.ndarray]:
        """((K, K) uint32 ARGB fill, (K, K) bool "dark fill": white text) of the current counts.

        Diagonal: blue by the share of the row classified right; off the diagonal: red by
        the share taken for that class (x4, so small confusions show); empty cells: the base colour.
        """
        counts = self.counts
        share = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
        blue = BLUES_ARGB[lut_indices(0.08 + 0.92 * share, 0.0, 1.0)]
        red = REDS_ARGB[lut_indices(0.12 + 0.88 * np.minimum(1.0, share * 4), 0.0, 1.0)]
        base = self.palette().base().color()
        base_argb = (0xFF << 24) | (base.red() << 16) | (base.green() << 8) | base.blue()
        diag = np.eye(len(counts), dtype=bool)
        argb = np.where(diag, blue, np.where(counts > 0, red, np.uint32(base_argb))).astype(np.uint32)
        r, g, b = (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF
        lightness = (np.maximum(np.maximum(r, g), b) + np.minimum(np.minimum(r, g), b)) / 510.0
        return argb, lightness < 0.55

    def paintEvent(self, event):
        p = QPainter(self)
        pal = self.palette()
        if self.counts is None:
            p.setPen(pal.placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       "The confusion matrix appears after the first epoch,\nor press Evaluate now.")
            p.end()
            return
        left, top, side, k = self._geometry()
        fm = p.fontMetrics()
        counts = self.counts
        rows = counts.sum(axis=1, keepdims=True)
        names = [n if len(n) <= 3 else str(i) for i, n in enumerate(self.result.class_names)]
        # the cells: one image (one gather through a cached pixel map), one drawImage
        argb, dark = self.cell_colors()
        if self._grid is None or self._grid.key != (k * k, k, k, int(side)):
            self._grid = CellGrid(k * k, k, k, int(side))
        p.drawImage(QPointF(left, top), argb_image(self._grid.render(argb.reshape(-1), None, 0, 0, 0)))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, min(small.pointSizeF(), side * 0.32)))
        p.setFont(small)
        white, black = QColor(255, 255, 255), QColor(30, 30, 30)
        for r, c in zip(*np.nonzero(counts)):
            p.setPen(white if dark[r, c] else black)
            p.drawText(QRectF(left + c * side, top + r * side, side - 1, side - 1), Qt.AlignmentFlag.AlignCenter,
                       str(int(counts[r, c])))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self.font())
        p.setPen(pal.text().color())
        for i in range(k):
            p.drawText(QRectF(left + i * side, top - fm.height() - 2, side, fm.height()),
                       Qt.AlignmentFlag.AlignCenter, names[i])
            p.drawText(QRectF(left - fm.height() - 4, top + i * side, fm.height() + 2, side),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, names[i])
            recall = counts[i, i] / rows[i, 0] if rows[i, 0] else float("nan")
            p.setPen(pal.placeholderText().color())
            p.drawText(QRectF(left + k * side + 4, top + i * side, 60, side), Qt.AlignmentFlag.AlignVCenter,
                       "" if math.isnan(recall) else f"{recall:.0%}")
            p.setPen(pal.text().color())
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(left, 0, k * side, fm.height()), Qt.AlignmentFlag.AlignCenter, "predicted \u2192")
        p.save()
        p.translate(fm.height() - 2, top + k * side / 2)
        p.rotate(-90)
        p.drawText(QRectF(-k * side / 2, -fm.height(), k * side, fm.height() + 2),
                   Qt.AlignmentFlag.AlignCenter, "true \u2192")
        p.restore()
        p.setFont(self.font())
        p.setBrush(Qt.BrushStyle.NoBrush)
        for cell, pen in ((self._hover, QPen(pal.text().color(), 1)), (self.selected, QPen(HIGHLIGHT, 2.5))):
            if cell is not None:
                r, c = cell
                p.setPen(pen)
                p.drawRect(QRectF(left + c * side, top + r * side, side, side).adjusted(1, 1, -1, -1))
        p.end()

    def mouseMoveEvent(self, event):
        cell = self.cell_at(event.position())
        if cell != self._hover:
            self._hover = cell
            if cell is not None and self.counts is not None:
                r, c = cell
                names = self.result.class_names
                n = int(self.counts[r, c])
                what = "classified right" if r == c else f"taken for {names[c]}"
                self.setToolTip(f"{n} image{'s' if n != 1 else ''} of {names[r]} {what}")
            else:
                self.setToolTip("")
            self.update()

    def leaveEvent(self, event):
        self._hover = None
        self.update()

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            cell = self.cell_at(event.position())
            if cell is not None:
                self.cell_clicked.emit(*cell)


class Gallery(QWidget):
    """A grid of thumbnails with captions; paints only what is visible (inside a QScrollArea)."""

    image_clicked = Signal(int)           # index into the result's images

    THUMB = 56

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: EvalResult | None = None
        self.indices = np.zeros(0, dtype=np.int64)
        self._cache: dict[int, QImage] = {}
        self.setMouseTracking(True)
        self.empty_text = ""

    def set_items(self, result: EvalResult | None, indices: np.ndarray, empty_text: str = "") -> None:
        self.result = result
        self.indices = np.asarray(indices, dtype=np.int64)
        self._cache = {}
        self.empty_text = empty_text
        self._relayout()
        self.update()

    def _cell(self) -> tuple[int, int]:
        fm = self.fontMetrics()
        return self.THUMB + 12, self.THUMB + fm.height() * 2 + 10

    def _cols(self) -> int:
        w, _ = self._cell()
        return max(1, (self.width() - 4) // w)

    def _relayout(self) -> None:
        _, h = self._cell()
        rows = math.ceil(len(self.indices) / self._cols()) if len(self.indices) else 1
        self.setMinimumHeight(rows * h + 8)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._relayout()

    def item_at(self, pos: QPointF) -> int:
        cw, ch = self._cell()
        c, r = int(pos.x() - 4) // cw, int(pos.y() - 4) // ch
        if c >= self._cols() or c < 0 or r < 0:
            return -1
        i = r * self._cols() + c
        return i if i < len(self.indices) else -1

    def paintEvent(self, event):
        p = QPainter(self)
        pal = self.palette()
        if self.result is None or len(self.indices) == 0:
            p.setPen(pal.placeholderText().color())
            p.drawText(self.rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignHCenter |
                       Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, self.empty_text)
            p.end()
            return
        cw, ch = self._cell()
        cols = self._cols()
        fm = p.fontMetrics()
        exposed = event.rect()
        first = max(0, (exposed.top() - 4) // ch * cols)
        last = min(len(self.indices), ((exposed.bottom() - 4) // ch + 1) * cols)
        names = self.result.class_names
        for i in range(first, last):
            j = int(self.indices[i])
            r, c = divmod(i, cols)
            x, y = 4 + c * cw, 4 + r * ch
            img = self._cache.get(j)
            if img is None:
                img = gray_image(np.asarray(self.result.images[j]))
                self._cache[j] = img
            target = QRectF(x + 6, y, self.THUMB, self.THUMB)
            p.drawImage(target, img)
            true, pred = int(self.result.labels[j]), int(self.result.predictions[j])
            wrong = true != pred
            p.setPen(QPen(QColor(217, 48, 37) if wrong else QColor(24, 128, 56), 2))
            p.drawRect(target.adjusted(-1, -1, 1, 1))
            p.setPen(pal.text().color())
            cap = f"{names[true]} \u2192 {names[pred]}" if wrong else names[true]
            p.drawText(QRectF(x, y + self.THUMB + 2, cw, fm.height()), Qt.AlignmentFlag.AlignHCenter,
                       fm.elidedText(cap, Qt.TextElideMode.ElideRight, cw))
            p.setPen(pal.placeholderText().color())
            p.drawText(QRectF(x, y + self.THUMB + 2 + fm.height(), cw, fm.height()),
                       Qt.AlignmentFlag.AlignHCenter, f"{float(self.result.confidence[j]):.0%} sure")
        p.end()

    def mouseMoveEvent(self, event):
        i = self.item_at(event.position())
        if i >= 0 and self.result is not None:
            j = int(self.indices[i])
            names = self.result.class_names
            self.setToolTip(f"{self.result.set_name} image #{j}: true {names[int(self.result.labels[j])]}, "
                            f"predicted {names[int(self.result.predictions[j])]} "
                            f"({float(self.result.confidence[j]):.1%}). Click to look inside.")
        else:
            self.setToolTip("")

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            i = self.item_at(event.position())
            if i >= 0:
                self.image_clicked.emit(int(self.indices[i]))


class EvaluationView(QWidget):
    """Set chooser, Evaluate button, confusion matrix and gallery."""

    result_changed = Signal(object)        # EvalResult
    probe_requested = Signal(str, int)     # set name ("validation"/"test"), image index

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.result: EvalResult | None = None
        self._task = None
        self._pending = False
        self._generation = 0

        self.set_box = QComboBox()
        self.set_box.addItem("Validation set", "validation")
        self.set_box.addItem("Test set", "test")
        self.set_box.setToolTip("Validation: the images held out from training, scored after every "
                                "epoch. Test: the dataset's separate test images, scored on demand.")
        self.set_box.currentIndexChanged.connect(self._on_set_changed)
        self.evaluate_button = QPushButton("Evaluate now")
        self.evaluate_button.setToolTip("Score the current network on the chosen set")
        self.evaluate_button.clicked.connect(self.evaluate_now)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        top = QHBoxLayout()
        top.addWidget(self.set_box)
        top.addWidget(self.evaluate_button)
        top.addWidget(self.summary, 1)

        self.matrix = ConfusionMatrix(self)
        self.matrix.cell_clicked.connect(self.show_cell)
        self.gallery = Gallery()
        self.gallery.image_clicked.connect(self._on_image_clicked)
        self.gallery_title = QLabel()
        self.gallery_title.setTextFormat(Qt.TextFormat.RichText)
        self.gallery_title.setWordWrap(True)
        self.gallery_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.show_all_button = QPushButton("All mistakes")
        self.show_all_button.setToolTip("Show every misclassified image, most confident first")
        self.show_all_button.clicked.connect(self.show_mistakes)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.gallery)
        self.scroll.setMinimumWidth(90)

        gallery_head = QHBoxLayout()
        gallery_head.addWidget(self.gallery_title, 1)
        gallery_head.addWidget(self.show_all_button)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(gallery_head)
        rl.addWidget(self.scroll, 1)

        split = self.split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.matrix)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self._cell: tuple[int, int] | None = None
        # epochs of a small dataset end many times a second: show at most one per EPOCH_REFRESH_S
        self._epoch_pending = None
        self._epoch_shown_at = -math.inf
        self._epoch_timer = QTimer(self)
        self._epoch_timer.setSingleShot(True)
        self._epoch_timer.timeout.connect(self._show_pending_epoch)
        self.state.data_changed.connect(self._on_data)
        self._refresh()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        tall = self.height() > self.width() * 1.1
        want = Qt.Orientation.Vertical if tall else Qt.Orientation.Horizontal
        if self.split.orientation() != want:
            self.split.setOrientation(want)
            total = self.split.height() if tall else self.split.width()
            self.split.setSizes([int(total * 0.55), int(total * 0.45)])

    # --------------------------------------------------------------- inputs
    def set_name(self) -> str:
        return self.set_box.currentData()

    def on_epoch(self, event) -> None:
        """An ``EpochEvent``: validation predictions after each epoch (others: re-evaluate the test set).

        Shown at once, unless the last one was shown less than EPOCH_REFRESH_S ago: then the
        latest of those that arrive meanwhile is shown when that time is up.
        """
        self._epoch_pending = event
        wait = EPOCH_REFRESH_S - (time.perf_counter() - self._epoch_shown_at)
        if wait <= 0:
            self._show_pending_epoch()
        elif not self._epoch_timer.isActive():
            self._epoch_timer.start(int(wait * 1000) + 1)

    def flush_epoch(self, *_args) -> None:
        """Show a held-back epoch now (training ended: nothing newer is coming)."""
        self._show_pending_epoch()

    def _show_pending_epoch(self) -> None:
        event, self._epoch_pending = self._epoch_pending, None
        if event is None:
            return
        self._epoch_timer.stop()
        self._epoch_shown_at = time.perf_counter()
        title = f"after epoch {event.epochs_done}"
        if self.set_name() == "validation":
            self._from_predictions(event.val_predictions, event.val_confidence, title)
        else:
            self.evaluate_now()

    def on_evaluated(self, evaluation) -> None:
        """The session's ``Evaluation`` of a loaded or reset model (validation set)."""
        if self.set_name() == "validation":
            title = (f"after {evaluation.epochs_done} epoch{'s' if evaluation.epochs_done != 1 else ''}"
                     if evaluation.epochs_done else "untrained network")
            self._from_predictions(evaluation.val_predictions, evaluation.val_confidence, title)

    def _from_predictions(self, preds, conf, title: str) -> None:
        bundle = self.state.data
        if bundle is None or preds is None or len(preds) != len(bundle.y_val) or len(preds) == 0:
            return
        self.set_result(EvalResult(bundle.x_val, np.asarray(bundle.y_val), np.asarray(preds),
                                   np.asarray(conf), tuple(bundle.class_names), "validation", title))

    def _images(self, name: str):
        bundle = self.state.data
        if bundle is None:
            return None, None
        if name == "test":
            return bundle.dataset.x_test, bundle.dataset.y_test
        return bundle.x_val, bundle.y_val

    def evaluate_now(self) -> None:
        """Score the latest snapshot on the chosen set, off the GUI thread."""
        snap = self.state.snapshot
        images, labels = self._images(self.set_name())
        if snap is None or images is None or len(images) == 0:
            self.summary.setText("<span style='color:gray'>Nothing to evaluate yet.</span>")
            return
        if self._task is not None:
            self._pending = True
            return
        from visualizer.app.tasks import BackgroundTask
        set_name = self.set_name()
        names = tuple(self.state.data.class_names)
        title = f"at step {snap.step:,} ({snap.progress:.2f} epochs)"

        generation = self._generation

        def work(progress, cancelled):
            preds, conf = evaluate_snapshot(snap, images, labels, cancelled=cancelled)
            return generation, EvalResult(images, np.asarray(labels), preds, conf, names, set_name, title)

        task = BackgroundTask(work, self)
        task.succeeded.connect(self._on_task_result)
        task.errored.connect(self._on_task_error)
        task.done.connect(self._on_task_done)
        self._task = task
        self.evaluate_button.setEnabled(False)
        self.summary.setText("<span style='color:gray'>Evaluating\u2026</span>")
        task.start()

    def shutdown(self, timeout_s: float = 1.0) -> bool:
        """Cancel an evaluation in progress and wait for its thread (the window is closing)."""
        self._pending = False
        task = self._task
        if task is None:
            return True
        task.cancel()
        return task.wait(timeout_s)

    def clear(self, *_args) -> None:
        """Forget the results (a new or loaded model: they described another network)."""
        self._pending = False
        self._epoch_pending = None
        self._epoch_timer.stop()
        self._generation += 1                  # a run in progress no longer counts
        if self._task is not None:
            self._task.cancel()
        self.result = None
        self._cell = None
        self._refresh()

    def _on_task_result(self, outcome) -> None:
        generation, result = outcome
        if generation == self._generation and result.set_name == self.set_name():
            self.set_result(result)

    def _on_task_error(self, exc) -> None:
        if str(exc) != "cancelled":
            self.summary.setText(f"<span style='color:#c0392b'>Evaluation failed: {exc}</span>")

    def _on_task_done(self) -> None:
        self._task = None
        self.evaluate_button.setEnabled(True)
        if self._pending:
            self._pending = False
            self.evaluate_now()

    def _on_set_changed(self) -> None:
        self.result = None
        self._cell = None
        self._refresh()
        self.evaluate_now()

    def _on_data(self, bundle) -> None:
        self.result = None
        self._cell = None
        has_test = bundle is not None and len(getattr(bundle.dataset, "x_test", ())) > 0
        self.set_box.model().item(1).setEnabled(has_test)
        self._refresh()

    # --------------------------------------------------------------- render
    def set_result(self, result: EvalResult) -> None:
        self.result = result
        self._refresh()
        self.result_changed.emit(result)

    def _refresh(self) -> None:
        r = self.result
        self.matrix.set_result(r)
        if r is None:
            self.summary.setText("<span style='color:gray'>No evaluation yet.</span>")
            self.gallery.set_items(None, np.zeros(0), "Misclassified images appear here.")
            self.gallery_title.setText("")
            return
        n = len(r.labels)
        wrong = int(np.sum(r.labels.astype(np.int64) != r.predictions))
        self.summary.setText(f"<b>{r.accuracy:.1%}</b> right on {n:,} {r.set_name} images "
                             f"({wrong:,} wrong) \u00b7 {r.title}")
        if self._cell is not None:
            self.show_cell(*self._cell)
        else:
            self.show_mistakes()

    def show_mistakes(self) -> None:
        self._cell = None
        self.matrix.selected = None
        self.matrix.update()
        r = self.result
        if r is None:
            return
        idx = r.mistakes()
        self.gallery_title.setText(f"<b>{len(idx):,} mistakes</b>, most confident first")
        self.gallery.set_items(r, idx, "No mistakes: every image is classified right.")
        self.show_all_button.setEnabled(False)

    def show_cell(self, true: int, pred: int) -> None:
        """Fill the gallery with the images of one confusion-matrix cell."""
        r = self.result
        if r is None:
            return
        self._cell = (true, pred)
        self.matrix.selected = (true, pred)
        self.matrix.update()
        idx = r.cell(true, pred)
        names = r.class_names
        what = f"{names[true]} classified right" if true == pred else f"true {names[true]}, predicted {names[pred]}"
        self.gallery_title.setText(f"<b>{what}</b>: {len(idx):,} image{'s' if len(idx) != 1 else ''}")
        self.gallery.set_items(r, idx, "No image in this cell.")
        self.show_all_button.setEnabled(True)

    def _on_image_clicked(self, index: int) -> None:
        if self.result is not None:
            self.probe_requested.emit(self.result.set_name, int(index))
