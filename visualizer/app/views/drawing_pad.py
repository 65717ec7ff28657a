"""The drawing pad: draw a digit (mouse or pen) and watch the network classify it as you draw.

``DrawingPadView`` puts the canvas (``ink_canvas.InkCanvas``) beside what the
network receives, ten probability bars and the top guess
(``pad_widgets``). It turns each change into a prediction at most every
``MIN_INTERVAL_MS`` (coalescing with a QTimer: the first change after a quiet
spell is predicted at once, later ones wait for the interval): the 28x28 input
is handed to the inspector state, which makes it the probe and traces it with
the latest snapshot's weights, i.e. the live network during training or the
loaded model. An image file dropped onto the pad is classified the same way
(``imagefile.read_image`` + ``preprocess.image_to_input``).

What the answer says comes from ``app.pad_answer``: with a trust fit of the
network shown (``set_trust``: a ``TrustKeeper``, which fits each network that
stopped changing), the calibrated probabilities, and "This doesn't look like a
digit to me" when the out-of-distribution test flags the drawing; before such
a fit exists (during training), the raw softmax, marked as such. Under the
bars, a ``pad_compare.CompareStrip`` can show what an earlier moment of the
run answers to the same drawing.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (QBoxLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider,
                               QVBoxLayout, QWidget)

from ..i18n import tr
from ..pad_answer import PadAnswer, answer_of
from .exposure import LazyRefresh, set_text as _set_text
from .ink import CANVAS, DEFAULT_BRUSH, INK_RES, DroppedImage, paint_segments, qimage_to_pixels
from .ink_canvas import InkCanvas
from .livelabel import LiveLabel
from .pad_compare import CompareStrip
from .pad_widgets import InputPreview, ProbabilityBars
from .qtimage import gray_image, rgba_image

MIN_INTERVAL_MS = 30         # predictions at most this often while drawing

__all__ = ["CANVAS", "INK_RES", "MIN_INTERVAL_MS", "DrawingPadView", "InkCanvas", "paint_segments"]


class DrawingPadView(QWidget):
    """Canvas + what the network sees + ten probability bars + the top guess, live."""

    prediction_updated = Signal(object)   # ProbeTrace or None, after the bars were updated

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.x28: np.ndarray | None = None          # (28, 28) float32 current network input
        self.trace = None
        self.answer: PadAnswer | None = None         # what the guess and the bars show
        self.trust = None                            # TrustKeeper, or None: raw figures only
        self._fit_of = (None, None)                  # (snapshot, its TrustFit or None)
        self.predictions = 0
        self._error = ""
        self._last_update = -1.0
        self._session_state = "idle"
        self._guess_size = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._update_prediction)

        self.canvas = InkCanvas(self)
        self.canvas.changed.connect(self.request_update)
        self.canvas.image_dropped.connect(self.load_image)
        left = self._build_tools()
        right = self._build_results()
        self._main = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._main.setContentsMargins(6, 6, 6, 6)
        self._main.addLayout(left, 3)
        self._main.addLayout(right, 2)

        self._lazy = LazyRefresh(self, self._predict)
        state.snapshot_changed.connect(self._on_snapshot)
        state.data_changed.connect(self._on_data)
        self._on_data(state.data)
        self._predict()

    def _build_tools(self) -> QVBoxLayout:
        """The canvas above its brush slider, Undo and Clear (with their shortcuts)."""
        self.brush = QSlider(Qt.Orientation.Horizontal)
        self.brush.setRange(6, 40)
        self.brush.setValue(int(DEFAULT_BRUSH))
        self.brush.setToolTip(tr("Brush size. MNIST digits have strokes about a tenth of the digit's height."))
        self.brush.valueChanged.connect(lambda v: setattr(self.canvas, "brush", float(v)))
        self.undo_button = QPushButton(tr("Undo"))
        self.undo_button.setToolTip(tr("Undo the last stroke (Ctrl+Z)"))
        self.clear_button = QPushButton(tr("Clear"))
        self.clear_button.setToolTip(tr("Clear the pad (Delete or Esc)"))
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
        tools.addWidget(QLabel(tr("Brush")))
        tools.addWidget(self.brush, 1)
        tools.addWidget(self.undo_button)
        tools.addWidget(self.clear_button)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)
        return left

    def _build_head(self) -> QHBoxLayout:
        """The top guess, large, with its detail line, beside the 28x28 network input."""
        self.guess = QLabel("\u2013")
        self.guess.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guess.setMinimumWidth(60)
        self.guess.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)   # sized by the layout
        self._set_guess("\u2013")
        # texts that change with every snapshot: LiveLabels repaint without re-laying out the window
        self.guess_detail = LiveLabel(lines=2, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.preview = InputPreview(self)
        caption = QLabel(tr("network input\n28\u00d728"))
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setStyleSheet("color: gray;")
        caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        guess_box = QVBoxLayout()
        guess_box.addWidget(self.guess)
        guess_box.addWidget(self.guess_detail)
        guess_box.addStretch(1)
        preview_box = QVBoxLayout()
        preview_box.addWidget(self.preview, 1)
        preview_box.addWidget(caption)
        head = QHBoxLayout()
        head.addLayout(guess_box, 1)
        head.addLayout(preview_box, 1)
        return head

    def _build_results(self) -> QVBoxLayout:
        """Guess and input above (wide) or beside (tall) the probability bars, then the status."""
        self.bars = ProbabilityBars(self)
        self.compare = CompareStrip(self)
        self.compare.wanted.connect(lambda: self._lazy.request())
        self.status = LiveLabel(lines=1, faint=True)
        # wide: canvas | (guess, preview / bars); tall: canvas / (guess, preview | bars)
        self._results = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._results.addLayout(self._build_head())
        self._results.addWidget(self.bars, 1)
        right = QVBoxLayout()
        right.addLayout(self._results, 1)
        right.addWidget(self.compare)
        right.addWidget(self.status)
        self.note = LiveLabel(lines=1)       # another network's answer (set_note), hidden when ""
        self.note.hide()
        right.addWidget(self.note)
        return right

    def set_note(self, text: str) -> None:
        """One more line under the answer, e.g. a twin network's answer to the same drawing
        ("twin: 7 (88%)"); "" hides it."""
        self.note.setVisible(bool(text))
        _set_text(self.note, text)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._set_guess(self.guess.text())       # a long class name is sized to the new width
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
        self._lazy.request()                   # new weights: classify the same input again
                                               # (when shown: hidden, once it is shown again)

    def exposed(self, visible: bool = True) -> None:
        """The view's dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def set_trust(self, keeper) -> None:
        """Judge the answers with ``keeper``'s fits (a ``TrustKeeper``) when they are of the network shown."""
        self.trust = keeper
        self._fit_of = (None, None)
        keeper.fitted.connect(self._on_fitted)
        self._lazy.request()

    def _on_fitted(self, _fit) -> None:
        self._fit_of = (None, None)
        self._lazy.request()

    def _fit_for(self, snap):
        """The trust fit of ``snap``'s weights, or None (looked up once per snapshot)."""
        if self.trust is None or snap is None:
            return None
        if self._fit_of[0] is not snap:
            self._fit_of = (snap, self.trust.for_snapshot(snap))
        return self._fit_of[1]

    def _update_prediction(self) -> None:
        """Preprocess the canvas, hand the input to the state, paint the bars now, make it the probe."""
        self._last_update = time.perf_counter()
        self.x28 = self._current_input()
        self.preview.set_input(self.x28)
        self.state.set_pad_input(None if self.x28 is None else self.x28.reshape(-1))
        self._predict(immediate=True)          # the bars first: the state traces the drawing once
        self.state.adopt_pad()                 # then the other views follow it (no second trace)

    def _current_input(self) -> np.ndarray | None:
        if self.canvas.image is not None:
            return self.canvas.image.input
        if self.canvas.is_empty():
            return None
        from visualizer.core.preprocess import canvas_to_input
        return canvas_to_input(self.canvas.ink_array())

    def _predict(self, immediate: bool = False) -> None:
        """Show the state's trace of the pad's input with the latest snapshot's weights.

        ``immediate``: paint the bars and the guess now (while drawing) instead of at the
        next paint pass, so the answer appears before the slower views repaint.
        """
        self._lazy.dirty = False
        snap = self.state.snapshot
        self.trace = self.state.pad_trace() if self.x28 is not None else None
        probs = None if self.trace is None else np.asarray(self.trace.probabilities, dtype=np.float64)
        self.answer = None
        if probs is None:
            self._show_no_answer(snap)
        elif not np.all(np.isfinite(probs)):
            self.trace = None
            self.bars.set_probabilities(None)
            self._set_guess("?")
            _set_text(self.guess_detail, tr("the network's outputs are not numbers (it diverged)"))
        else:
            self._show_answer(answer_of(self.trace, self._fit_for(snap), self.x28))
        self.compare.update_for(None if self.trace is None else self.x28, self.trace, self.bars.shown_names())
        self._finish_predict(snap, immediate)

    def _show_no_answer(self, snap) -> None:
        self.bars.set_probabilities(None)
        self._set_guess("?" if self.x28 is not None else "\u2013")
        self.guess_detail.setToolTip("")
        if snap is None:
            _set_text(self.guess_detail, tr("no network yet"))
        elif self.canvas.image is not None:
            _set_text(self.guess_detail, tr("this image is blank"))
        else:
            _set_text(self.guess_detail, tr("draw a digit"))

    def _show_answer(self, answer: PadAnswer) -> None:
        """The guess (or "?" when the drawing does not look like a digit), its detail and the bars."""
        self.answer = answer
        self.bars.set_probabilities(answer.probabilities, muted=answer.unsure)
        names = self.bars.shown_names()
        self._set_guess("?" if answer.unsure else names[answer.guess])
        _set_text(self.guess_detail, answer.detail(names))
        tip = answer.tooltip()
        if self.guess_detail.toolTip() != tip:
            self.guess_detail.setToolTip(tip)
            self.guess.setToolTip(tip)

    def _set_guess(self, name: str) -> None:
        """The top guess, large; long class names (Fashion-MNIST) smaller, to fit the label's width."""
        base = self.font().pointSizeF()
        size = base * 4.2
        if len(name) > 3:
            f = QFont(self.font())
            f.setBold(True)
            width = QFontMetrics(f).horizontalAdvance(name)
            size = max(base, min(base * 1.8, base * (self.guess.width() - 6) / max(1, width)))
        if abs(size - self._guess_size) > 0.05:  # a new font asks for a new layout: only on change
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
            self.status.setText(tr("Press Start to train a network, or open a model (Ctrl+O)."))
        elif self.canvas.image is not None:
            self.status.setText(tr("Dropped image: {name}").format(name=self.canvas.image.name))
        else:
            live = {"running": tr("training live"), "paused": tr("paused")}.get(self._session_state, "")
            text = tr("Network at step {step:,} ({epochs:.2f} epochs)").format(step=snap.step, epochs=snap.progress)
            _set_text(self.status, text + (", " + live if live else ""))

    def _on_data(self, bundle) -> None:
        names = list(getattr(getattr(bundle, "dataset", None), "class_names", ()) or ())
        self.bars.set_names(names or [str(k) for k in range(10)])

    # ---------------------------------------------------------------- drops
    def load_image(self, source) -> bool:
        """Classify a dropped image: a file path (str/Path) or a QImage. Returns False on a bad file."""
        from visualizer.core.errors import ImageError, VisualizerError
        from visualizer.core.preprocess import image_to_input
        self._error = ""
        try:
            if isinstance(source, QImage):
                if source.isNull():
                    raise ImageError(tr("the dropped image data could not be decoded"))
                pixels, name, display = qimage_to_pixels(source), tr("dropped picture"), source.copy()
            else:
                from visualizer.imagefile import read_image
                pixels = read_image(source)
                name = Path(source).name
                display = self._display_image(pixels)
            x28 = image_to_input(pixels)
        except (VisualizerError, OSError, ValueError) as exc:
            self._error = str(exc)
            self.status.setText("<span style='color:#c0392b'>" + tr("Could not use that image: {error}").format(error=exc)
                                + "</span>")
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
