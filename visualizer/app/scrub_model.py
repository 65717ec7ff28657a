"""Which moment of the timeline the views show: the live network or a kept moment (no Qt).

``ScrubModel`` is what the time slider under the curves stands for: the kept
moments (``core.timeline.Moment``, oldest first), the chosen one (None: live,
the views follow training) and the texts beside the slider. When the moments
change (a run keeps adding and thinning them), a chosen moment stays chosen
when it is still kept, else the kept moment nearest to it is chosen.
"""

from __future__ import annotations

from visualizer.core.timeline import Moment

from .i18n import tr

MB = 2**20


class ScrubModel:
    """See the module doc."""

    def __init__(self) -> None:
        self.moments: tuple[Moment, ...] = ()
        self._chosen: int | None = None          # the chosen moment's step; None: live

    @property
    def live(self) -> bool:
        return self._chosen is None

    @property
    def index(self) -> int:
        """The slider position: the chosen moment's index, the last one when live (0 when empty)."""
        if not self.moments:
            return 0
        if self._chosen is None:
            return len(self.moments) - 1
        steps = [m.step for m in self.moments]
        return min(range(len(steps)), key=lambda i: (abs(steps[i] - self._chosen), steps[i]))

    @property
    def chosen(self) -> Moment | None:
        """The moment the views show, or None when they follow the live network."""
        return None if self._chosen is None or not self.moments else self.moments[self.index]

    def set_moments(self, moments: tuple[Moment, ...]) -> bool:
        """New kept moments; True when the chosen moment changed (it was thinned away)."""
        before = self.chosen
        self.moments = tuple(moments)
        if not self.moments:
            self._chosen = None
            return before is not None
        now = self.chosen
        if now is not None:
            self._chosen = now.step
        return before is not None and (now is None or now.step != before.step)

    def choose(self, index: int) -> Moment | None:
        """Show the moment at ``index`` (clamped); returns it (None when nothing is kept)."""
        if not self.moments:
            return None
        index = max(0, min(int(index), len(self.moments) - 1))
        self._chosen = self.moments[index].step
        return self.moments[index]

    def go_live(self) -> None:
        self._chosen = None

    def caption(self) -> str:
        """"live" or when the chosen moment is, e.g. "step 120 · epoch 2.1"."""
        return self.caption_of(self.chosen)

    @staticmethod
    def caption_of(m) -> str:
        """The caption of moment ``m`` (a ``Moment``; None: "live")."""
        return tr("live") if m is None else tr("step {step:,} \u00b7 epoch {epochs:.1f}").format(step=m.step,
                                                                                         epochs=m.epochs)

    def widest_caption(self) -> str:
        """The caption of the latest kept moment (the largest numbers): the caption's width while scrubbing."""
        return self.caption_of(self.moments[-1] if self.moments else None)

    def detail(self) -> str:
        """Which moment is shown, e.g. "Moment 5 of 37 (step 120)" or "Live: the network now"."""
        m = self.chosen
        if m is None:
            return tr("Live: the network as it is now")
        return tr("Moment {i} of {n} (step {step:,})").format(i=self.index + 1, n=len(self.moments), step=m.step)

    def budget_text(self, nbytes: int, budget: int) -> str:
        """What the timeline holds, short, e.g. "37 kept · 3.2/64 MB"."""
        return tr("{n} kept \u00b7 {used:.1f}/{budget:.0f} MB").format(n=len(self.moments), used=nbytes / MB,
                                                                     budget=budget / MB)

    def budget_detail(self, nbytes: int, budget: int) -> str:
        """The same in words, e.g. "37 moments kept: 3.2 MB of a 64 MB budget"."""
        n = len(self.moments)
        what = tr("1 moment") if n == 1 else tr("{n} moments").format(n=n)
        return tr("{what} kept: {used:.1f} MB of a {budget:.0f} MB budget").format(what=what, used=nbytes / MB,
                                                                               budget=budget / MB)
