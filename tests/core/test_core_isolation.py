"""visualizer.core is pure NumPy: importing all of it pulls in neither Qt nor pyqtgraph."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import visualizer.core


def test_core_imports_neither_pyside6_nor_pyqtgraph():
    names = sorted(m.name for m in pkgutil.iter_modules(visualizer.core.__path__))
    assert {"network", "training", "persistence", "snapshot", "optimizers"} <= set(names)
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module('visualizer.core.' + name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'))\n"
        "print(json.dumps(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
