"""Evaluation: confusion matrix on held-out images and a gallery of the images behind each cell.

Rows are the true class, columns the predicted class; each cell shows its
count and is coloured by the share of its row (blue on the diagonal: right,
red off it: confused). Clicking a cell fills the gallery with its images
(most confident first); by default the gallery shows every misclassified
image, most confident mistakes first, with true label, prediction and
confidence (``gallery_panel``). Clicking a gallery image makes it the probe of
the activations view, to look inside the network at its mistake.

Results come from ``EpochEvent`` (validation predictions after each epoch),
from the session's ``evaluated`` signal (a loaded or reset model), or on
demand (the Evaluate button, off the GUI thread) on the validation or the
test set with the latest snapshot's weights.

When the time slider chooses a kept moment (``show_moment``), the view shows
that moment's network instead, named ("at step 1,240 · epoch 2.3"), evaluated
off the GUI thread by ``eval_moments.MomentEvaluator`` (cached per moment,
newest request first); the live results keep arriving meanwhile and are shown
again when the slider returns to Live (``show_moment(None)``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from ..i18n import tr
from .confusion_matrix import ConfusionMatrix
from .eval_moments import MomentEvaluator
from .eval_result import EvalResult
from .gallery import Gallery
from .gallery_panel import GalleryPanel, rich_label
from .pacing import Throttle

__all__ = ["ConfusionMatrix", "EvalResult", "EvaluationView", "Gallery", "evaluate_snapshot"]

EPOCH_REFRESH_S = 0.5     # the matrix and gallery follow epochs at most twice a second


def evaluate_snapshot(snapshot, images: np.ndarray, labels: np.ndarray, cancelled=lambda: False):
    """(predictions (N,) int64, confidence (N,) float32) of the snapshot's weights on uint8 images:
    ``core.evaluation.evaluate``, the evaluation the command line and the training loop use.

    ``cancelled()`` is polled between chunks; when it turns True, ``RuntimeError("cancelled")``
    ends the work early.
    """
    from visualizer.core.dataset import as_inputs
    from visualizer.core.evaluation import evaluate

    from .state import model_from_snapshot
    ev = evaluate(model_from_snapshot(snapshot), as_inputs(images), labels, cancelled=cancelled)
    return ev.predictions, ev.confidence


class EvaluationView(QWidget):
    """Set chooser, Evaluate button, confusion matrix and gallery."""

    result_changed = Signal(object)        # EvalResult
    probe_requested = Signal(str, int)     # set name ("validation"/"test"), image index

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.result: EvalResult | None = None
        self.live_result: EvalResult | None = None    # the latest result of the live network
        self.moment = None                            # NetworkSnapshot of the moment shown; None: live
        self.moments = MomentEvaluator(self)
        self.moments.evaluated.connect(self._on_moment_result)
        self.moments.failed.connect(self._on_task_error)
        self._task = None
        self._pending = False
        self._generation = 0

        self._split_shared = False             # the splitter's first sizes are set on the first resize
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._build_top())
        layout.addWidget(self._build_split(), 1)

        self._cell: tuple[int, int] | None = None
        # epochs of a small dataset end many times a second: show at most one per EPOCH_REFRESH_S
        self._epoch_pending = None
        self._epoch_throttle = Throttle(self, self._show_pending_epoch, EPOCH_REFRESH_S)
        self.state.data_changed.connect(self._on_data)
        self._refresh()

    def _build_top(self) -> QHBoxLayout:
        """[Validation / Test set] [Evaluate now] and the accuracy summary."""
        self.set_box = QComboBox()
        self.set_box.addItem(tr("Validation set"), "validation")
        self.set_box.addItem(tr("Test set"), "test")
        self.set_box.setToolTip(tr("Validation: the images held out from training, scored after every "
                                   "epoch. Test: the dataset's separate test images, scored on demand."))
        self.set_box.currentIndexChanged.connect(self._on_set_changed)
        self.evaluate_button = QPushButton(tr("Evaluate now"))
        self.evaluate_button.setToolTip(tr("Score the current network on the chosen set"))
        self.evaluate_button.clicked.connect(self.evaluate_now)
        self.summary = rich_label()
        top = QHBoxLayout()
        top.addWidget(self.set_box)
        top.addWidget(self.evaluate_button)
        top.addWidget(self.summary, 1)
        return top

    def _build_gallery(self) -> QWidget:
        """The gallery's title and "All mistakes" button above the scrolling thumbnails."""
        panel = self.gallery_panel = GalleryPanel()
        self.gallery, self.gallery_title = panel.gallery, panel.title
        self.show_all_button, self.scroll = panel.show_all_button, panel.scroll
        self.gallery.image_clicked.connect(self._on_image_clicked)
        self.show_all_button.clicked.connect(self.show_mistakes)
        return panel

    def _build_split(self) -> QSplitter:
        """The matrix beside (wide) or above (tall) the gallery."""
        self.matrix = ConfusionMatrix(self)
        self.matrix.cell_clicked.connect(self.show_cell)
        split = self.split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.matrix)
        split.addWidget(self._build_gallery())
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        return split

    def resizeEvent(self, event):
        super().resizeEvent(event)
        tall = self.height() > self.width() * 1.1
        want = Qt.Orientation.Vertical if tall else Qt.Orientation.Horizontal
        if self.split.orientation() != want or not self._split_shared:
            self.split.setOrientation(want)            # the matrix beside or above the gallery,
            total = self.split.height() if tall else self.split.width()     # about half each
            self.split.setSizes([int(total * 0.55), int(total * 0.45)])
            self._split_shared = total > 0

    # --------------------------------------------------------------- inputs
    def set_name(self) -> str:
        return self.set_box.currentData()

    def on_epoch(self, event) -> None:
        """An ``EpochEvent``: validation predictions after each epoch (others: re-evaluate the test set).

        Shown at once, unless the last one was shown less than EPOCH_REFRESH_S ago: then the
        latest of those that arrive meanwhile is shown when that time is up (``pacing.Throttle``).
        """
        self._epoch_pending = event
        self._epoch_throttle.request()

    def flush_epoch(self, *_args) -> None:
        """Show a held-back epoch now (training ended: nothing newer is coming)."""
        if self._epoch_pending is not None:
            self._epoch_throttle.now()

    def _show_pending_epoch(self) -> None:
        event, self._epoch_pending = self._epoch_pending, None
        if event is None:
            return
        title = tr("after epoch {n}").format(n=event.epochs_done)
        if self.set_name() == "validation":
            self._from_predictions(event.val_predictions, event.val_confidence, title)
        else:
            self.evaluate_now()

    def on_evaluated(self, evaluation) -> None:
        """The session's ``Evaluation`` of a loaded or reset model (validation set)."""
        if self.set_name() == "validation":
            title = (tr("after {epochs}").format(epochs=tr("%n epoch(s)", None, evaluation.epochs_done))
                     if evaluation.epochs_done else tr("untrained network"))
            self._from_predictions(evaluation.val_predictions, evaluation.val_confidence, title)

    def _from_predictions(self, preds, conf, title: str) -> None:
        bundle = self.state.data
        if bundle is None or preds is None or len(preds) != len(bundle.y_val) or len(preds) == 0:
            return
        self._set_live(EvalResult(bundle.x_val, np.asarray(bundle.y_val), np.asarray(preds),
                                  np.asarray(conf), tuple(bundle.class_names), "validation", title))

    def _set_live(self, result: EvalResult) -> None:
        """A result of the live network: shown unless a moment of the timeline is."""
        self.live_result = result
        if self.moment is None:
            self.set_result(result)

    def show_moment(self, snapshot) -> None:
        """Show the network of a kept moment (its ``NetworkSnapshot``), or with None the live
        network's latest results again."""
        self.moment = snapshot
        self._cell = None
        if snapshot is None:
            self.result = None
            if self.live_result is not None and self.live_result.set_name == self.set_name():
                self.set_result(self.live_result)
            else:
                self._refresh()
                self.evaluate_now()
            return
        self._evaluate_moment()

    def _evaluate_moment(self) -> None:
        snap, name = self.moment, self.set_name()
        images, labels = self._images(name)
        if images is None or len(images) == 0:
            self._gray(tr("Nothing to evaluate yet."))
            return
        if self.moments.cached(snap.step, name) is None:
            self._gray(tr("Evaluating the network at step {step:,}\u2026").format(step=snap.step))
        self.moments.request(snap, images, labels, tuple(self.state.data.class_names), name)

    def _on_moment_result(self, result: EvalResult) -> None:
        if self.moment is not None and result.set_name == self.set_name():
            self.set_result(result)

    def _gray(self, text: str) -> None:
        self.summary.setText("<span style='color:gray'>" + text + "</span>")

    def _images(self, name: str):
        bundle = self.state.data
        if bundle is None:
            return None, None
        if name == "test":
            return bundle.dataset.x_test, bundle.dataset.y_test
        return bundle.x_val, bundle.y_val

    def evaluate_now(self) -> None:
        """Score the latest snapshot (or the timeline's moment shown) on the chosen set, off the GUI thread."""
        if self.moment is not None:
            self._evaluate_moment()
            return
        snap = self.state.snapshot
        images, labels = self._images(self.set_name())
        if snap is None or images is None or len(images) == 0:
            self._gray(tr("Nothing to evaluate yet."))
            return
        if self._task is not None:
            self._pending = True
            return
        from visualizer.app.tasks import BackgroundTask
        set_name = self.set_name()
        names = tuple(self.state.data.class_names)
        title = tr("at step {step:,} ({epochs:.2f} epochs)").format(step=snap.step, epochs=snap.progress)

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
        self._gray(tr("Evaluating\u2026"))
        task.start()

    def shutdown(self, timeout_s: float = 1.0) -> bool:
        """Cancel an evaluation in progress and wait for its thread (the window is closing)."""
        self._pending = False
        stopped = self.moments.shutdown(timeout_s)
        task = self._task
        if task is None:
            return stopped
        task.cancel()
        return task.wait(timeout_s) and stopped

    def clear(self, *_args) -> None:
        """Forget the results (a new or loaded model: they described another network)."""
        self._pending = False
        self._epoch_pending = None
        self._epoch_throttle.cancel()            # the new network's first epoch shows at once
        self._generation += 1                  # a run in progress no longer counts
        if self._task is not None:
            self._task.cancel()
        self.moments.clear()
        self.result = self.live_result = None
        self._cell = None
        self._refresh()

    def _on_task_result(self, outcome) -> None:
        generation, result = outcome
        if generation == self._generation and result.set_name == self.set_name():
            self._set_live(result)

    def _on_task_error(self, exc) -> None:
        if str(exc) != "cancelled":
            self.summary.setText("<span style='color:#c0392b'>" + tr("Evaluation failed: {error}").format(error=exc)
                                 + "</span>")

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
        self.moments.clear()
        self.result = self.live_result = None
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
            self._gray(tr("No evaluation yet."))
            self.gallery_panel.clear()
            return
        n = len(r.labels)
        wrong = int(np.sum(r.labels.astype(np.int64) != r.predictions))
        what = (tr("%n validation image(s)", None, n) if r.set_name == "validation" else
                tr("%n test image(s)", None, n))
        text = tr("<b>{acc:.1%}</b> right on {what} ({wrong:,} wrong) \u00b7 {title}").format(
            acc=r.accuracy, what=what, wrong=wrong, title=r.title)
        if self.moment is not None:
            text += " " + tr("<i>(a moment of the timeline; Live returns to now)</i>")
        self.summary.setText(text)
        if self._cell is not None:
            self.show_cell(*self._cell)
        else:
            self.show_mistakes()

    def show_mistakes(self) -> None:
        self._cell = None
        self.matrix.selected = None
        self.matrix.update()
        if self.result is not None:
            self.gallery_panel.show_mistakes(self.result)

    def show_cell(self, true: int, pred: int) -> None:
        """Fill the gallery with the images of one confusion-matrix cell."""
        r = self.result
        if r is None:
            return
        self._cell = (true, pred)
        self.matrix.selected = (true, pred)
        self.matrix.update()
        self.gallery_panel.show_cell(r, true, pred)

    def _on_image_clicked(self, index: int) -> None:
        if self.result is not None:
            self.probe_requested.emit(self.result.set_name, int(index))
