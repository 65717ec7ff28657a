"""The sentences the curves show, in the window's language (``curves_model`` computes the
numbers without Qt; these wrap them in ``tr`` so the German window reads them in German).

    batch_note()          why the per-batch figures sit below the per-epoch points
    divergence_label(d)   the marker of a ``curves_model.Divergence``: "diverged: loss inf at step
                          812, back to step 800"
"""

from __future__ import annotations

import math

from .i18n import tr


def batch_note() -> str:
    """Why the batch figures differ from the epoch points (a tooltip of the legend and the axis)."""
    return tr("Per-batch figures are measured while the network trains: on augmented images and with "
              "dropout switching units off, when those are on. The per-epoch points are measured on the "
              "clean images with every unit on, so with augmentation or dropout the batch accuracy sits "
              "below the epoch accuracy.")


def divergence_label(d) -> str:
    """The marker text of the ``Divergence`` ``d``: the loss that went bad and where training went back to."""
    loss = f"{d.loss:.2g}" if math.isfinite(d.loss) else ("NaN" if math.isnan(d.loss) else "∞")
    return tr("diverged: loss {loss} at step {step}, back to step {restored}").format(
        loss=loss, step=d.step, restored=d.restored_step)
