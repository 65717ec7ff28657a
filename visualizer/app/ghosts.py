"""Ghost runs: the curves of earlier runs of the session, kept faint beside the current one.

When a new network starts (Reset, another architecture, seed or dataset, an
opened model), the curves start again; what the previous run drew becomes a
``Ghost``: its smoothed batch loss and accuracy, its validation points per
epoch and, when it diverged, the loss that exploded up to the rollback (drawn
red on the ghost too). ``GhostSet`` keeps at most ``MAX_GHOSTS`` of them: a
new one pushes out the oldest that is not pinned; ``clear`` keeps the pinned
ones; each can be hidden. Every ghost is labelled with what differs between
its settings and the current run's (``config_diff``). No Qt: the curves widget
draws from here, the tests drive it directly.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .config_diff import RunSettings, diff_label

__all__ = ["MAX_GHOSTS", "MAX_POINTS", "Ghost", "GhostSet", "ghost_of"]

MAX_GHOSTS = 8          # ghosts kept at once; the oldest unpinned one drops out
MAX_POINTS = 3000       # batch points kept per ghost curve (thinned evenly beyond)

_IDS = itertools.count(1)


def _frozen(a) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    a.flags.writeable = False
    return a


def _thin(n: int) -> np.ndarray:
    """Indices of at most MAX_POINTS of ``n`` points, evenly spread, the last one kept."""
    if n <= MAX_POINTS:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, MAX_POINTS).round().astype(np.int64))


@dataclass(frozen=True)
class Ghost:
    """One earlier run's curves (read-only arrays, x in epochs) and the settings it trained with.

    x (N,), loss (N,) smoothed batch loss, acc (N,) smoothed batch accuracy in %;
    epoch_x (E,), val_loss (E,), val_acc (E,) in % (NaN where not measured);
    div_x (D,), div_loss (D,): what divergences rolled back (NaN between two)."""

    ident: int
    name: str                  # "run 3"
    settings: RunSettings | None
    x: np.ndarray
    loss: np.ndarray
    acc: np.ndarray
    epoch_x: np.ndarray
    val_loss: np.ndarray
    val_acc: np.ndarray
    div_x: np.ndarray
    div_loss: np.ndarray

    @property
    def diverged(self) -> bool:
        return len(self.div_x) > 0

    def final_val_acc(self) -> float | None:
        """The last measured validation accuracy in % (None when none was)."""
        ok = self.val_acc[np.isfinite(self.val_acc)]
        return float(ok[-1]) if len(ok) else None


def ghost_of(model, settings: RunSettings | None, name: str = "") -> Ghost | None:
    """A ``Ghost`` of what the ``CurvesModel`` ``model`` shows now (None when it shows nothing)."""
    if model.empty and not len(model.div_x):
        return None
    keep = _thin(len(model.x_batch))                      # (N,) indices of the kept batch points
    ident = next(_IDS)
    return Ghost(ident, name or f"run {ident}", settings,
                 _frozen(model.x_batch.view()[keep]), _frozen(model.loss_smooth.view()[keep]),
                 _frozen(model.acc_smooth.view()[keep]), _frozen(model.x_epoch.view()),
                 _frozen(model.val_loss.view()), _frozen(model.val_acc.view()),
                 _frozen(model.div_x.view()), _frozen(model.div_loss.view()))


class GhostSet:
    """The ghosts shown, oldest first, with their pinned and hidden flags (see the module doc).
    ``version`` counts every change, so a view redraws only when something moved."""

    def __init__(self, limit: int = MAX_GHOSTS) -> None:
        self.limit = int(limit)
        self.ghosts: list[Ghost] = []
        self.pinned: set[int] = set()
        self.hidden: set[int] = set()
        self.current: RunSettings | None = None     # the settings the labels compare with
        self.same_text = "same settings"            # the label when nothing differs (translated by the view)
        self.version = 0

    def __len__(self) -> int:
        return len(self.ghosts)

    def add(self, ghost: Ghost | None) -> bool:
        """Keep ``ghost``; when that makes more than ``limit``, the oldest unpinned ghost goes
        (or, when every kept ghost is pinned, the new one is not kept: False)."""
        if ghost is None:
            return False
        if len(self.ghosts) >= self.limit:
            unpinned = [g for g in self.ghosts if g.ident not in self.pinned]
            if not unpinned:
                return False
            self._drop(unpinned[0].ident)
        self.ghosts.append(ghost)
        self.version += 1
        return True

    def _drop(self, ident: int) -> None:
        self.ghosts = [g for g in self.ghosts if g.ident != ident]
        self.pinned.discard(ident)
        self.hidden.discard(ident)

    def remove(self, ident: int) -> None:
        self._drop(ident)
        self.version += 1

    def set_pinned(self, ident: int, pinned: bool) -> None:
        (self.pinned.add if pinned else self.pinned.discard)(ident)
        self.version += 1

    def set_hidden(self, ident: int, hidden: bool) -> None:
        (self.hidden.add if hidden else self.hidden.discard)(ident)
        self.version += 1

    def clear(self) -> None:
        """Forget every ghost that is not pinned."""
        for g in [g for g in self.ghosts if g.ident not in self.pinned]:
            self._drop(g.ident)
        self.version += 1

    def visible(self) -> list[Ghost]:
        return [g for g in self.ghosts if g.ident not in self.hidden]

    def set_current(self, settings: RunSettings | None) -> None:
        """The current run's settings: the labels say what differs from them."""
        if settings != self.current:
            self.current = settings
            self.version += 1

    def label(self, ghost: Ghost) -> str:
        """"run 3: lr 0.01 → 0.1" (the ghost's settings → the current run's)."""
        if ghost.settings is None or self.current is None:
            return ghost.name
        return f"{ghost.name}: {diff_label(ghost.settings, self.current, self.same_text)}"
