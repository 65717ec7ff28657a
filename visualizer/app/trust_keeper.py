"""One trust fit (calibration, OOD threshold, neighbour index) of the network that stopped changing.

``TrustKeeper`` (a QObject without widgets) holds the latest
``why_model.TrustFit`` and fits a new one, off the GUI thread, whenever a
network is final: a run ended, a model was opened, a step was applied while
idle (any snapshot of a trained network that arrives while no run is active).
The drawing pad uses the fit for the network it shows (``for_snapshot``);
during training no fit matches the streaming weights and the pad shows the
raw softmax.

The Why view fits its own (``WhyView.fitted``); ``offer`` adopts such a fit,
and while the Why view is on screen the keeper leaves the fitting of a final
network to it (it refits at the end of a run and when a model is opened), so
the same weights are not fitted twice. The newest request wins: a request
during a fit is started when that fit ends, and a fit of weights that are no
longer wanted is not kept.

Signals:
    fitted(object)   TrustFit: a new fit is in use (None: forgotten, the data or model changed)
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from .pad_answer import fit_matches
from .tasks import TaskGroup


class TrustKeeper(QObject):
    """See the module doc. ``state`` the views' ``InspectorState`` (its ``data``: the RunData)."""

    #: TrustFit | None: the fit in use changed
    fitted = Signal(object)

    def __init__(self, state, others_fit=lambda: False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.fit = None                       # TrustFit in use
        self.fits = 0                         # fits this keeper ran (tests, benchmarks)
        self._others_fit = others_fit         # () -> True while someone else (the Why view) fits
        self._tasks = TaskGroup()
        self._running = None                  # the snapshot being fitted
        self._wanted = None                   # the snapshot to fit next
        self._generation = 0
        state.data_changed.connect(self.forget)

    def for_snapshot(self, snapshot):
        """The fit in use when it is of ``snapshot``'s weights, else None."""
        return self.fit if fit_matches(self.fit, snapshot) else None

    def request(self, snapshot) -> None:
        """Fit ``snapshot`` (a NetworkSnapshot of a trained network that stopped changing)."""
        if snapshot is None or snapshot.step <= 0 or self.state.data is None:
            return
        if fit_matches(self.fit, snapshot) or self._others_fit():
            return
        self._wanted = snapshot
        if self._running is None:
            self._start()

    def offer(self, fit) -> None:
        """Adopt a fit made elsewhere (the Why view's), unless it is older than the one in use."""
        if fit is None or (self.fit is not None and fit.step < self.fit.step):
            return
        if fit_matches(fit, self._wanted):
            self._wanted = None
        self._use(fit)

    def forget(self, *_args) -> None:
        """The fit no longer applies (other data, another model): drop it and what is pending."""
        self._generation += 1
        self._wanted = None
        self._use(None)

    def shutdown(self, timeout_s: float = 1.0) -> bool:
        """Stop fitting (the window is closing); True when nothing runs any more."""
        self._wanted = None
        self._tasks.cancel_all()
        return self._tasks.wait_all(time.monotonic() + timeout_s)

    # ------------------------------------------------------------------ work
    def _start(self) -> None:
        from .why_model import fit_for

        snap, data, generation = self._wanted, self.state.data, self._generation
        self._wanted, self._running = None, snap
        self.fits += 1
        self._tasks.start(lambda progress, cancelled: (generation, fit_for(snap, data)),
                          self._on_fitted, self._on_failed)

    def _on_fitted(self, outcome) -> None:
        generation, fit = outcome
        self._running = None
        if generation == self._generation and (self._wanted is None or fit_matches(fit, self._wanted)):
            self._wanted = None
            self._use(fit)
        self._next()

    def _on_failed(self, _exc) -> None:
        self._running = None                  # the pad keeps the raw figures, marked as such
        self._next()

    def _next(self) -> None:
        if self._wanted is not None and not fit_matches(self.fit, self._wanted):
            self._start()
        else:
            self._wanted = None

    def _use(self, fit) -> None:
        if fit is not self.fit:
            self.fit = fit
            self.fitted.emit(fit)


def install(window, views) -> TrustKeeper:
    """A keeper for ``window``'s views: fits each final network of ``window.session``, adopts the
    Why view's fits, and gives them to the drawing pad."""
    from .views.exposure import is_exposed

    session, state = window.session, views.state
    why = views.why
    keeper = TrustKeeper(state, others_fit=lambda: why is not None and is_exposed(why), parent=window)

    def final_snapshot(*_args) -> None:
        if not session.is_active:
            keeper.request(session.latest_snapshot)

    session.snapshot.connect(lambda _snap: final_snapshot())
    session.finished.connect(lambda _ev: QTimer.singleShot(0, final_snapshot))
    session.model_changed.connect(keeper.forget)
    if why is not None:
        why.fitted.connect(keeper.offer)
    views.pad.set_trust(keeper)
    window.trust_keeper = keeper
    window.installEventFilter(_StopOnClose(keeper, window))
    final_snapshot()
    return keeper


class _StopOnClose(QObject):
    """Stops the keeper's fitting when the window closes."""

    def __init__(self, keeper: TrustKeeper, parent: QObject) -> None:
        super().__init__(parent)
        self._keeper = keeper

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Close:
            self._keeper.shutdown(1.0)
        return False
