"""The time slider under the curves: move every view to a kept moment of the run, or back to live.

``TimelineBar`` renders a ``ScrubModel`` of ``session.timeline`` (a
``SessionTimeline``): a slider over the kept moments, where the chosen one
is, a "Live" button and what the timeline holds of its memory budget. Choosing
a moment hands its ``NetworkSnapshot`` (``session_timeline.snapshot_at``, the
core's ``take_snapshot``) to the views' ``InspectorState``: weights,
activations and the pad's answer then show that moment; while a moment is
chosen the session's live snapshots do not reach the views (``Live`` connects
them again and shows the latest one). A new model (reset or opened) returns to
live. The evaluation view follows too (``moment_shown``): it evaluates the
chosen moment's network; the pad's comparison strip can compare with it.

Signals:
    moment_shown(object)   NetworkSnapshot of the moment the views now show, or None: live again
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from .elided_label import ElidedLabel
from .i18n import tr
from .scrub_model import ScrubModel
from .session_timeline import snapshot_at

SLIDER_MIN_WIDTH = 72
"""Pixels the slider keeps however narrow the central column gets (the labels beside it are wider in German)."""


class TimelineBar(QWidget):
    """See the module doc. ``session`` a ``TrainingSession``, ``state`` the views' ``InspectorState``."""

    moment_shown = Signal(object)

    def __init__(self, session, state, parent=None) -> None:
        super().__init__(parent)
        self.session, self.state = session, state
        self.model = ScrubModel()
        self._detached = False                   # live snapshots kept from the views
        self.shown = None                        # NetworkSnapshot of the chosen moment (None: live)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("Timeline"))
        title.setToolTip(tr("Move every view back to a kept moment of the run; Live follows training again."))
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("timelineSlider")
        self.slider.setPageStep(1)
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)     # never squeezed away by longer (translated) labels
        self.slider.setAccessibleName(tr("Timeline: the moment of the run the views show"))
        self.slider.valueChanged.connect(self._on_slider)
        self.caption = QLabel(tr("Live"))
        self.live_button = QPushButton(tr("Live"))
        self.live_button.setToolTip(tr("Show the network as it is now, and follow training"))
        self.live_button.clicked.connect(self.go_live)
        self.budget = ElidedLabel()                # gives way first when the column is narrow
        for w, stretch in ((title, 0), (self.slider, 1), (self.caption, 0), (self.live_button, 0),
                           (self.budget, 0)):
            lay.addWidget(w, stretch)
        session.timeline.changed.connect(self._on_moments)
        session.model_changed.connect(lambda *_: self.go_live())
        self._on_moments(session.timeline.moments())

    # ------------------------------------------------------------------ model -> widgets
    def _on_moments(self, moments) -> None:
        if self.model.set_moments(moments):
            self._show_chosen()
        self._render()

    def _render(self) -> None:
        m = self.model
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(m.moments) - 1))
        self.slider.setValue(m.index)
        self.slider.blockSignals(False)
        self.slider.setEnabled(len(m.moments) > 1)
        self.caption.setText(m.caption())        # as wide as the latest moment's: the slider does not jump
        self.caption.setMinimumWidth(self.caption.fontMetrics().horizontalAdvance(m.widest_caption()))
        self.caption.setToolTip(m.detail())
        self.live_button.setEnabled(not m.live)
        tl = self.session.timeline
        self.budget.setText(m.budget_text(tl.nbytes, tl.budget))
        self.budget.setToolTip(m.detail() + "\n" + m.budget_detail(tl.nbytes, tl.budget) + "\n\n"
                               + tr("The run keeps copies of the weights, dense at the start and evenly "
                                    "spread later, within this memory budget; the first and the latest "
                                    "are always kept."))

    # ------------------------------------------------------------------ choosing
    def choose(self, index: int) -> None:
        """Show the kept moment at ``index`` in every view (as the slider does)."""
        if self.model.choose(index) is None:
            return
        self._detach()
        self._show_chosen()
        self._render()

    def go_live(self) -> None:
        """Follow the live network again (the latest snapshot at once)."""
        self.model.go_live()
        if self._detached:
            self._detached = False
            self.session.snapshot.connect(self.state.set_snapshot)
            self.state.set_snapshot(self.session.latest_snapshot)
        self._render()
        if self.shown is not None:
            self.shown = None
            self.moment_shown.emit(None)

    def _on_slider(self, value: int) -> None:
        self.choose(value)

    def _detach(self) -> None:
        if not self._detached:
            self._detached = True
            self.session.snapshot.disconnect(self.state.set_snapshot)

    def _show_chosen(self) -> None:
        moment = self.model.chosen
        if moment is not None and moment.params.size == self.session.checkpoint.n_params:
            self.shown = snapshot_at(moment, self.session.network_config)
            self.state.set_snapshot(self.shown)
            self.moment_shown.emit(self.shown)


def install(window, state) -> TimelineBar:
    """Put a ``TimelineBar`` for ``window.session`` under the window's curves."""
    from .curves_cursor import MomentCursor

    bar = TimelineBar(window.session, state)
    window.centralWidget().layout().addWidget(bar)
    window.timeline_bar = bar
    cursor = bar.cursor = MomentCursor(window.curves)

    def follow(snapshot) -> None:
        m = bar.model.chosen if snapshot is not None else None
        cursor.show_at(None if m is None else m.epochs, bar.model.caption())

    bar.moment_shown.connect(follow)
    window.theme_changed.connect(lambda _theme: cursor.redraw())     # the line in the new colours
    views = getattr(window, "views", None)
    if views is not None:
        bar.moment_shown.connect(views.evaluation.show_moment)
        views.pad.compare.attach(window.session, bar.model)
    return bar
