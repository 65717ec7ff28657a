"""``python -m visualizer`` and the ``visualizer`` console script.

With no arguments it opens the app; subcommands (``train``, ``evaluate``,
``predict``, ``data``, ``gui``) are described by ``visualizer --help``.
"""

from __future__ import annotations

import sys

from visualizer.cli.main import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
