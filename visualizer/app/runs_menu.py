"""The "Runs" button over the curves: pin, hide, remove and clear the ghosts of earlier runs.

``RunsButton`` sits in the top right corner of a ``CurvesWidget``'s loss plot
(where falling loss curves leave room) and shows only while there are ghosts. Its
menu lists every ghost by its label ("run 2: lr 0.01 → 0.1"), each with Shown and
Pinned (a pinned ghost is never pushed out by newer ones and survives Clear) and
Remove; then Show all and Clear. It changes the widget's ``GhostSet`` (ghosts.py)
and asks the widget to redraw: no numbers live here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QToolButton

from .i18n import tr


class RunsButton(QToolButton):
    """See the module docstring. ``curves`` is the CurvesWidget it belongs to (its parent)."""

    def __init__(self, curves) -> None:
        super().__init__(curves)
        self.curves = curves
        self.setObjectName("runsButton")
        self.setPopupMode(QToolButton.InstantPopup)
        self.setAutoRaise(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.setFont(font)
        self.setToolTip(tr("The curves of earlier runs of this session, kept faint: show, hide, pin or "
                           "clear them. Each is labelled with what differed from the current run."))
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self.rebuild)
        self.setMenu(self.menu_)
        self._shown_version = None
        self.sync()

    def place(self, *_args) -> None:
        """Into the loss plot's top right corner (the widget's, before the plots are built)."""
        w = self.curves
        self.adjustSize()
        x, y = w.width() - self.width() - 6, 2
        if w.graphics is not None:
            corner = w.graphics.mapFromScene(w.loss_plot.vb.sceneBoundingRect().topRight())
            corner = w.graphics.mapTo(w, corner)
            right = min(corner.x(), w.graphics.x() + w.graphics.width() - 8)   # a wide layout: clipped
            x, y = right - self.width() - 4, corner.y() + 3
        self.move(max(0, x), max(0, y))
        self.raise_()

    def sync(self) -> None:
        """Show the button (with the number of ghosts) when there are ghosts, else hide it."""
        ghosts = self.curves.ghosts
        if ghosts.version == self._shown_version:
            return
        self._shown_version = ghosts.version
        n = len(ghosts)
        self.setText(tr("Runs ({n})").format(n=n))
        self.setVisible(n > 0)
        self.place()

    def rebuild(self) -> None:
        """The menu, from the ghosts as they are now."""
        m, ghosts = self.menu_, self.curves.ghosts
        m.clear()
        for g in list(ghosts.ghosts):
            sub = m.addMenu(ghosts.label(g))
            shown = sub.addAction(tr("Shown"))
            shown.setCheckable(True)
            shown.setChecked(g.ident not in ghosts.hidden)
            shown.toggled.connect(lambda on, i=g.ident: self._do(ghosts.set_hidden, i, not on))
            pinned = sub.addAction(tr("Pinned (kept by Clear)"))
            pinned.setCheckable(True)
            pinned.setChecked(g.ident in ghosts.pinned)
            pinned.toggled.connect(lambda on, i=g.ident: self._do(ghosts.set_pinned, i, on))
            sub.addAction(tr("Remove")).triggered.connect(lambda _=False, i=g.ident: self._do(ghosts.remove, i))
        m.addSeparator()
        m.addAction(tr("Show all")).triggered.connect(
            lambda: [self._do(ghosts.set_hidden, g.ident, False) for g in list(ghosts.ghosts)])
        m.addAction(tr("Clear (pinned runs stay)")).triggered.connect(lambda: self._do(ghosts.clear))

    def _do(self, change, *args) -> None:
        change(*args)
        self.curves.refresh_ghosts()
        self.sync()
