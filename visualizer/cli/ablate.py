"""The ``--ablate`` option of ``predict`` and ``evaluate``: answer with hidden units switched off or scaled.

``--ablate 1:17,2:5=0.5`` switches unit 17 of the first hidden layer off and
halves unit 5 of the second (``core.ablation``: the unit's outgoing weights are
scaled, which is the same as scaling its activation). The model file is never
changed. A unit the model does not have is bad input: one line, exit 2.
"""

from __future__ import annotations

import argparse

from visualizer.core.errors import ConfigError

HELP = ("switch hidden units off or scale them before answering: LAYER:UNIT (off) or "
        "LAYER:UNIT=SCALE, comma-separated; layers count from 1, units from 0 "
        "(e.g. 1:17,2:5=0.5). The model file is not changed")


def add_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ablate", metavar="EDITS", help=HELP)


def edited(args: argparse.Namespace, model):
    """(``model`` with ``args.ablate`` applied, the ``UnitEdits``); the model itself when none is given.

    Raises ConfigError, prefixed with the option, for text it cannot read or a unit the model lacks.
    """
    from visualizer.core import ablation

    if args.ablate is None:
        return model, ablation.NO_EDITS
    try:
        edits = ablation.parse(args.ablate).check(model.sizes)
    except ConfigError as exc:
        raise ConfigError(f"--ablate: {exc}") from None
    return ablation.apply(model, edits), edits
