"""Start to first window shown, in fresh processes, and whether pyqtgraph was loaded by then.

    .venv/bin/python benchmarks/startup_time.py [--runs 5]
    (also the last line of benchmarks/app_throughput.py, or its --startup-only)

Each run launches a fresh Python process (offscreen, no remembered settings) that
creates the app and the main window as the app starts and shows it; the figure is
the time from the launch in this process to the first paint of the main window in
the child. Printed: the median and every run, the CPU time of each start (launch
to exit, which follows the first paint), in how many runs pyqtgraph (about 0.4 s
to import) was already loaded at that first paint (target 0: the views that use it
build their plots when first on screen, the curves right after the window's first
paint), and the machine's load average (other work on it skews every figure).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

_STARTUP_CHILD = r"""
import sys, time
t_start = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject
from visualizer.app.main import create_app, create_window

class FirstPaint(QObject):
    when = None
    pyqtgraph = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and FirstPaint.when is None:
            FirstPaint.when = time.time()
            FirstPaint.pyqtgraph = "pyqtgraph" in sys.modules
        return False

app = create_app()
w = create_window()
probe = FirstPaint()
w.installEventFilter(probe)
w.show()
deadline = time.time() + 30
while FirstPaint.when is None and time.time() < deadline:
    app.processEvents()
if FirstPaint.when is None:
    sys.exit("the window was not painted within 30 s")
print(FirstPaint.when - t_start, int(FirstPaint.pyqtgraph))
w.autosave_on_close = False     # nothing trained: nothing to keep, nothing written
w.close()
"""


def startup_seconds(runs: int = 5) -> list[float]:
    """Process launch (in the parent) -> first paint of the main window (in the child); the CPU
    time each child used (launch to exit, which follows the first paint) in ``startup_seconds.cpu``,
    and whether pyqtgraph was loaded at that first paint in ``startup_seconds.pyqtgraph``."""
    import resource

    out = []
    startup_seconds.cpu, startup_seconds.pyqtgraph = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        env = dict(os.environ, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="vz-bench-start-"),
                   XDG_DATA_HOME=tempfile.mkdtemp(prefix="vz-bench-data-"))     # the user's files untouched
        env.pop("VISUALIZER_DEMO_DIGIT", None)
        t = time.time()
        proc = subprocess.run([sys.executable, "-c", _STARTUP_CHILD, repr(t)], capture_output=True, text=True,
                              env=env, timeout=60)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr)
        seconds, pyqtgraph = proc.stdout.strip().splitlines()[-1].split()
        out.append(float(seconds))
        startup_seconds.pyqtgraph.append(pyqtgraph == "1")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        startup_seconds.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return out


def print_startup(runs: int) -> None:
    """The start-up figure: median and every run, CPU time, pyqtgraph at the first paint, load."""
    starts = startup_seconds(runs)
    print(f"start to first window shown (fresh process, {len(starts)} runs): median {statistics.median(starts):.2f} s, "
          f"runs {', '.join(f'{s:.2f}' for s in starts)} (target < 1.5 s); CPU time of each start "
          f"(to the window's close) {statistics.median(startup_seconds.cpu):.2f} s; pyqtgraph loaded at the "
          f"first paint in {sum(startup_seconds.pyqtgraph)} of {len(starts)} (target 0); "
          f"load average {os.getloadavg()[0]:.1f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="fresh processes to start (default 5)")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print_startup(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
