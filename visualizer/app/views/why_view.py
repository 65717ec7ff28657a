"""The "Why" view: why the network answered what it did about the probe, and whether to trust it.

Renders ``app.why_model.WhyShown`` for the inspector's probe (the drawing as
you draw, or a validation image): the 28x28 input tinted red where its ink
pushed the chosen class up and blue where it pushed it down, buttons to
choose the class explained (the guess by default), the calibrated answer or
"This doesn't look like a digit to me", and the five training images nearest
to the input in the last hidden layer, with their labels.

The trust (temperature, OOD threshold, neighbour index) is fitted off the GUI
thread (``app.tasks.TaskGroup``) for each new set of weights, at most every
``REFIT_S`` seconds while training runs, and at once when a run finishes, a
model is opened or the data change; while hidden, the view does nothing and
catches up when shown. Per stroke it only runs ``why_of`` (a few ms); snapshots
redraw it at most at the display rate (``pacing.Throttle``: a burst of them redraws
it at most twice), and the fits made while a run trains run at low priority
(``pacing.lower_thread_priority``), so that they take no core from the training process.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QToolButton, QVBoxLayout,
                               QWidget)

from ..i18n import tr
from ..tasks import TaskGroup
from ..why_model import fit_for, why_of
from .colormap import DIVERGING, tint_gray
from .exposure import LazyRefresh, set_text
from .pacing import Throttle, lower_thread_priority
from .qtimage import gray_image, rgba_image

REFIT_S = 3.0            # while weights stream in, the trust is refitted at most this often
PICTURE = 168            # the attribution picture's side, pixels (6 per input pixel)
THUMB = 48               # a neighbour's side, pixels
GUESS = 100              # the class button id meaning "whatever the network guesses"


def _invite() -> str:
    return tr("Draw a digit (or choose an image in the activations view) to see why")


def _pixmap(img, side: int) -> QPixmap:
    return QPixmap.fromImage(img).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.FastTransformation)


def _fit_in_background(snapshot, data, low_priority: bool):
    """``fit_for`` on a task's thread; at low priority beside a training run (it keeps its core)."""
    if low_priority:
        lower_thread_priority()
    return fit_for(snapshot, data)


class WhyView(QWidget):
    """The explanation of the probe (see the module docstring).

    Signals:
        explained(object)   WhyShown: after each repaint of an explanation (tests, benchmarks)
        fitted(object)      TrustFit: a new fit is in use
    """

    explained = Signal(object)
    fitted = Signal(object)

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.fit = None                      # TrustFit in use
        self.shown = None                    # WhyShown on screen
        self._shown_key = None               # (fit, input, target) it was computed from
        self.target: int | None = None       # the class explained; None: the guess
        self._tasks = TaskGroup()
        self._fitting = False
        self._stale = False                  # weights changed since the fit in use (or running)
        self._fit_at = -1e9
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.timeout.connect(self._refit)
        self._build()
        self._lazy = LazyRefresh(self, self._catch_up)
        self._throttle = Throttle(self, self._lazy.request)
        state.probe_changed.connect(self._on_probe)
        state.snapshot_changed.connect(self._on_snapshot)
        state.weights_changed.connect(self._mark_stale)                      # snapshot_changed follows
        state.data_changed.connect(self._on_weights)

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.headline = QLabel(_invite())
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setBold(True)
        self.headline.setFont(font)
        self.picture = QLabel()
        self.picture.setFixedSize(PICTURE, PICTURE)
        self.picture.setToolTip(tr("Red: this ink pushed the class up. Blue: it pushed it down "
                                   "(gradient x input of the class's log-probability)."))
        self.caption = QLabel("")
        self.caption.setWordWrap(True)
        self.buttons = QButtonGroup(self)
        row = QGridLayout()
        for i, (bid, text) in enumerate([(GUESS, tr("guess"))] + [(c, str(c)) for c in range(10)]):
            b = QToolButton()
            b.setText(text)
            b.setCheckable(True)
            b.setToolTip(tr("Explain the network's answer") if bid == GUESS
                         else tr("Explain class {name}").format(name=text))
            self.buttons.addButton(b, bid)
            row.addWidget(b, i // 6, i % 6)
        self.buttons.button(GUESS).setChecked(True)
        self.buttons.idClicked.connect(self.set_target)
        self.near_title = QLabel(tr("It looks like these training images to me:"))
        self.near_title.setWordWrap(True)
        self.thumbs = [QLabel() for _ in range(5)]
        self.thumb_labels = [QLabel() for _ in range(5)]
        near = QGridLayout()
        for i, (t, lab) in enumerate(zip(self.thumbs, self.thumb_labels)):
            t.setFixedSize(THUMB, THUMB)
            lab.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            near.addWidget(t, 0, i)
            near.addWidget(lab, 1, i)
        near.setColumnStretch(5, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        middle = QVBoxLayout()              # wide and short: the picture | the answer, classes, neighbours
        for part in (self.headline, self.caption, row, self.near_title, near, self.status):
            (middle.addWidget if isinstance(part, QWidget) else middle.addLayout)(part)
        middle.addStretch(1)
        lay = QHBoxLayout(self)
        lay.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(middle, 1)

    # ---------------------------------------------------------------- inputs
    def set_target(self, target: int) -> None:
        """Explain class ``target`` (GUESS or None: the network's guess)."""
        self.target = None if target is None or target == GUESS else int(target)
        self.buttons.button(GUESS if self.target is None else self.target).setChecked(True)
        self._throttle.now()

    def exposed(self, visible: bool = True) -> None:
        """The dock became visible (connected to ``QDockWidget.visibilityChanged``)."""
        self._lazy.exposed(visible)

    def _on_probe(self, _kind: str) -> None:
        self._throttle.now()          # a stroke, another image: at once

    def _on_snapshot(self, _snapshot) -> None:
        self._throttle.request()      # new weights: at most at the display rate

    def _mark_stale(self, _snapshot=None) -> None:
        self._stale = True            # refitted when due, on the redraw of the snapshot that follows

    def _on_weights(self, _payload=None) -> None:
        self._stale = True
        self._throttle.request()

    def refit_now(self, _payload=None) -> None:
        """Refit at once (a run finished, a model was opened), if shown; else when shown."""
        self._fit_at = -1e9
        self._on_weights()

    # ---------------------------------------------------------------- work
    def _catch_up(self) -> None:
        if self._stale and not self._fitting:
            wait = REFIT_S - (time.perf_counter() - self._fit_at)
            if self.fit is None or wait <= 0:
                self._refit()
            elif not self._refit_timer.isActive():
                self._refit_timer.start(int(wait * 1000) + 1)
        self._render()

    def _refit(self) -> None:
        snap, data = self.state.snapshot, self.state.data
        if self._fitting or snap is None or data is None:
            return
        self._fitting, self._stale, self._fit_at = True, False, time.perf_counter()
        training = bool(getattr(self.state.session, "is_active", False))
        self._tasks.start(lambda progress, cancelled: _fit_in_background(snap, data, training),
                          self._on_fitted, self._on_failed)

    def _on_fitted(self, fit) -> None:
        """TrustFit: in use from now on."""
        self._fitting = False
        self.fit = fit
        self.fitted.emit(fit)
        self._lazy.request()

    def _on_failed(self, exc) -> None:
        self._fitting = False
        set_text(self.status, tr("Could not judge this network: {error}").format(error=exc))

    def shutdown(self, timeout_s: float = 1.0) -> bool:
        """Stop fitting (the window is closing); True when nothing runs any more."""
        self._refit_timer.stop()
        self._tasks.cancel_all()
        return self._tasks.wait_all(time.monotonic() + timeout_s)

    # ---------------------------------------------------------------- render
    def _render(self) -> None:
        x, fit = self.state.probe_input, self.fit
        if x is None or fit is None or fit.model.sizes[0] != x.size:
            self.shown = None
            self.picture.clear()
            for t, lab in zip(self.thumbs, self.thumb_labels):
                t.clear()
                lab.clear()
            set_text(self.headline, tr("Judging the network...") if x is not None and self._fitting
                     else _invite())
            return
        key, last = (fit, x, self.target), self._shown_key
        if self.shown is not None and last is not None and last[0] is fit and last[1] is x \
                and last[2] == self.target:
            return          # nothing it shows changed: a new snapshot matters once its fit is in use
        self._shown_key = key
        shown = why_of(fit, x, self.target)
        side = shown.attribution.shape[0]
        tinted = tint_gray(np.asarray(x).reshape(side, side), shown.attribution, 1.0, DIVERGING)
        self.picture.setPixmap(_pixmap(rgba_image(tinted), PICTURE))
        name = fit.class_names[shown.target]
        set_text(self.headline, shown.headline)
        set_text(self.caption, tr("Why {name}: red ink pushed {name} up, blue ink pushed it down.").format(name=name))
        for i, (t, lab) in enumerate(zip(self.thumbs, self.thumb_labels)):
            if i < len(shown.neighbours):
                t.setPixmap(_pixmap(gray_image(shown.neighbours[i]), THUMB))
                set_text(lab, shown.neighbour_labels[i])
            else:
                t.clear()
                lab.clear()
        score = "" if np.isnan(shown.score) else \
            tr("Unlike the training digits by {score:.2f} (unsure above {threshold:.2f}). ").format(
                score=shown.score, threshold=shown.threshold)
        set_text(self.status, score + tr("Judged by the network at step {step}.").format(step=fit.step))
        self.shown = shown
        self.explained.emit(shown)
