"""Ctrl-C or SIGTERM in the first moments of a command: how often does a traceback get out?

    .venv/bin/python benchmarks/startup_signals.py [--signal INT|TERM] [--repeats 5]
                                                  [--until-ms 200] [--step-ms 10] [-- COMMAND ARGS]

Starts the ``visualizer`` console script (default: ``visualizer data list``) again and
again and sends the signal 0, 10, 20 ... ms after spawning it. For each delay it
prints how the runs ended: exit 130 / 143 (the command's own handling), killed by the
signal before Python set up its handlers (the shell reports 130 / 143 too, no
traceback), exit 0 (the command had finished), and tracebacks. A traceback can only
come from the window before the package's first line (``visualizer/__init__.py``)
runs: CPython's initialisation, ``site`` and the console script's ``import re``.
Timings depend on the machine and its load; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def script() -> str:
    here = Path(sys.executable).parent / "visualizer"
    return str(here) if here.exists() else "visualizer"


def one(cmd: list[str], signum: int, delay_s: float) -> str:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(delay_s)
    try:
        proc.send_signal(signum)
    except ProcessLookupError:
        pass
    _, err = proc.communicate(timeout=60)
    if "Traceback" in err:
        return "traceback"
    code = proc.returncode
    if code == -signum:
        return "killed"
    if code == 128 + signum:
        return f"exit {code}"
    return f"exit {code}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--signal", choices=("INT", "TERM"), default="INT")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--until-ms", type=int, default=200)
    ap.add_argument("--step-ms", type=int, default=10)
    ap.add_argument("command", nargs="*", default=["data", "list"])
    args = ap.parse_args()
    signum = int(getattr(signal, "SIG" + args.signal))
    cmd = [script(), *args.command]
    print(f"SIG{args.signal} sent N ms after spawning {' '.join(cmd)}; {args.repeats} runs per delay; "
          f"load average {os.getloadavg()[0]:.2f}")
    total: collections.Counter = collections.Counter()
    for ms in range(0, args.until_ms + 1, args.step_ms):
        seen = collections.Counter(one(cmd, signum, ms / 1000) for _ in range(args.repeats))
        total.update(seen)
        print(f"{ms:5d} ms  " + ", ".join(f"{k}: {v}" for k, v in sorted(seen.items())))
    print("all     " + ", ".join(f"{k}: {v}" for k, v in sorted(total.items())))


if __name__ == "__main__":
    main()
