"""Which moment of the timeline the views show: the live network or a kept moment (no Qt).

``ScrubModel`` is what the time slider under the curves stands for: the kept
moments (``core.timeline.Moment``, oldest first), the chosen one (None: live,
the views follow training) and the texts beside the slider. When the moments
change (a run keeps adding and thinning them), a chosen moment stays chosen
when it is still kept, else the kept moment nearest to it is chosen.
"""

from __future__ import annotations

from visualizer.core.timeline import Moment

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
        m = self.chosen
        return "live" if m is None else f"step {m.step:,} \u00b7 epoch {m.epochs:.1f}"

    def detail(self) -> str:
        """Which moment is shown, e.g. "Moment 5 of 37 (step 120)" or "Live: the network now"."""
        m = self.chosen
        if m is None:
            return "Live: the network as it is now"
        return f"Moment {self.index + 1} of {len(self.moments)} (step {m.step:,})"

    def budget_text(self, nbytes: int, budget: int) -> str:
        """What the timeline holds, short, e.g. "37 kept · 3.2/64 MB"."""
        return f"{len(self.moments)} kept \u00b7 {nbytes / MB:.1f}/{budget / MB:.0f} MB"

    def budget_detail(self, nbytes: int, budget: int) -> str:
        """The same in words, e.g. "37 moments kept: 3.2 MB of a 64 MB budget"."""
        n = len(self.moments)
        what = "1 moment" if n == 1 else f"{n} moments"
        return f"{what} kept: {nbytes / MB:.1f} MB of a {budget / MB:.0f} MB budget"
