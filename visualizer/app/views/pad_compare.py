"""Then and now on the pad: the answer of an earlier kept moment beside the live network's.

``CompareStrip`` sits under the pad's probability bars: a check box "Compare
with" (remembered, off until the learner turns it on: the pad's first job is
the network's answer now) and which earlier network: the start of the run, the
end of its first epoch, or the moment chosen on the time slider. Below, two
mini rows of ten bars, e.g. "epoch 1: 3 (41%)" over "now: 8 (97%)", updated
as the learner draws. Both rows are the networks' own softmax
(``NetworkSnapshot.trace``, the pad's code for the live network), so the two
moments are compared alike; the earlier network is the kept moment's weights
(``session_timeline.snapshot_at``), made once per moment.

Signals:
    wanted()          (no payload) the choice changed or the live network moved: predict again
    compared(object)  tuple[CompareRow, CompareRow] | None, after each update (tests)
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ..i18n import tr
from ..pad_answer import WHICH, compare_row, moment_label, pick_moment
from .pad_widgets import ProbabilityBars

SETTING_ON = "views/pad_compare"              # remembered (QSettings): the strip is shown
SETTING_WHICH = "views/pad_compare_with"      # remembered: "first" | "epoch1" | "scrubbed"


def _settings():
    from PySide6.QtCore import QSettings
    return QSettings("visualizer", "visualizer")


class MiniRows(QWidget):
    """Two rows of ten small bars, each headed by its text (the top guess highlighted)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = ()                          # tuple[(text, probabilities (K,)), ...]
        self.placeholder = ""                   # said instead when there are no rows
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, 2 * (self.fontMetrics().height() + 8))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def set_rows(self, rows, placeholder: str = "") -> None:
        self.rows, self.placeholder = tuple(rows), placeholder
        self.update()

    def paintEvent(self, event):
        p = QPainter(self)
        pal = self.palette()
        fm = p.fontMetrics()
        row_h = fm.height() + 8
        text_w = max(60, int(self.width() * 0.5))
        if not self.rows and self.placeholder:
            p.setPen(pal.placeholderText().color())
            p.drawText(QRectF(0, 0, self.width(), self.height()), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        for r, (text, probs) in enumerate(self.rows):
            top = r * row_h
            p.setPen(pal.text().color())
            p.drawText(QRectF(0, top, text_w - 4, row_h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       fm.elidedText(text, Qt.TextElideMode.ElideRight, text_w - 4))
            n = len(probs)
            slot = (self.width() - text_w) / max(1, n)
            best = int(probs.argmax()) if n else -1
            p.setPen(Qt.PenStyle.NoPen)
            for k in range(n):
                x, h = text_w + k * slot + slot * 0.15, (row_h - 4) * float(probs[k])
                p.fillRect(QRectF(x, top + 2, slot * 0.7, row_h - 4), pal.alternateBase().color())
                p.fillRect(QRectF(x, top + row_h - 2 - h, slot * 0.7, h),
                           ProbabilityBars.BEST if k == best else ProbabilityBars.OTHER)
        p.end()


class CompareStrip(QWidget):
    """See the module doc. Hidden until ``attach`` gives it a session and the time slider's model."""

    wanted = Signal()
    compared = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.scrub = None                       # ScrubModel: the time slider's chosen moment
        self.result = None                      # (then, now) CompareRows on screen, or None
        self._made: dict[int, tuple] = {}       # moment step -> (params, NetworkSnapshot)
        self.toggle = QCheckBox(tr("Compare with"))
        self.toggle.setToolTip(tr("Show beside the answer what an earlier network of this run answers "
                                  "to the same drawing"))
        self.which = QComboBox()
        for key, text in zip(WHICH, (tr("the start"), tr("the end of epoch 1"), tr("the timeline's moment"))):
            self.which.addItem(text, key)
        self.which.setToolTip(tr("Which earlier network: before training, after its first epoch, or the "
                                 "moment chosen on the timeline under the curves"))
        self.rows = MiniRows(self)
        self.rows.setToolTip(tr("Each network's own softmax probabilities (not calibrated), so the two "
                                "moments are compared alike"))
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.toggle)
        head.addWidget(self.which, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.rows)
        self._restore()
        self.toggle.toggled.connect(self._on_choice)
        self.which.currentIndexChanged.connect(self._on_choice)
        self.setVisible(False)

    def _restore(self) -> None:
        s = _settings()
        on = s.value(SETTING_ON, False)
        self.toggle.setChecked(on is True or str(on).lower() in ("true", "1"))
        which = str(s.value(SETTING_WHICH, "epoch1"))
        self.which.setCurrentIndex(WHICH.index(which) if which in WHICH else 1)
        self._show_parts()

    def _on_choice(self, *_args) -> None:
        s = _settings()
        s.setValue(SETTING_ON, self.toggle.isChecked())
        s.setValue(SETTING_WHICH, self.which.currentData())
        self._show_parts()
        self.wanted.emit()

    def _show_parts(self) -> None:
        self.which.setEnabled(self.toggle.isChecked())
        self.rows.setVisible(self.toggle.isChecked())

    @property
    def on(self) -> bool:
        return self.session is not None and self.toggle.isChecked()

    def attach(self, session, scrub) -> None:
        """Compare with ``session``'s kept moments (``session.timeline``) and the time slider's
        chosen one (``scrub``, a ``ScrubModel``); the live network is ``session.latest_snapshot``."""
        self.session, self.scrub = session, scrub
        session.model_changed.connect(lambda *_: self._made.clear())
        session.snapshot.connect(self._on_live)
        self.setVisible(True)

    def _on_live(self, _snap) -> None:
        if self.on and self.scrub is not None and not self.scrub.live:
            self.wanted.emit()             # the pad shows a kept moment: "now" moved all the same

    # ------------------------------------------------------------------ compare
    def update_for(self, x, shown_trace, names) -> None:
        """Compare for the pad's input ``x`` (n_in,) or None; ``shown_trace`` the pad's own trace
        (the live network's when the slider is live); ``names`` one per class."""
        rows = self._compare(x, shown_trace) if self.on else None
        self.result = rows
        if rows is None:
            self.rows.set_rows((), self._why_empty(x) if self.on else "")
        else:
            self.rows.set_rows([(r.text(names), r.probabilities) for r in rows])
        self.compared.emit(rows)

    def _compare(self, x, shown_trace):
        live = self.session.latest_snapshot
        which = self.which.currentData()
        moment = pick_moment(self.session.timeline.moments(), which, self.scrub.chosen)
        if x is None or live is None or moment is None or moment.params.size != self.session.checkpoint.n_params:
            return None
        then = self._snapshot(moment)
        now = shown_trace if (self.scrub.live and shown_trace is not None) else live.trace(x)
        return compare_row(moment_label(moment, which), then.trace(x)), compare_row(tr("now"), now)

    def _snapshot(self, moment):
        from ..session_timeline import snapshot_at

        made = self._made.get(moment.step)
        if made is None or made[0] is not moment.params:
            made = self._made[moment.step] = (moment.params, snapshot_at(moment, self.session.network_config))
            if len(self._made) > 8:
                self._made.pop(next(iter(self._made)))
        return made[1]

    def _why_empty(self, x) -> str:
        if x is None:
            return tr("Draw a digit to compare")
        if self.which.currentData() == "scrubbed" and self.scrub is not None and self.scrub.live:
            return tr("Choose a moment on the timeline under the curves")
        return tr("No earlier moment is kept yet")
