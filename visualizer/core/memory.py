"""How much memory this machine can still give, and refusing data that cannot fit.

    available_bytes() -> int | None
        MemAvailable from /proc/meminfo, lowered to what a cgroup (container)
        limit still allows; else the free physical pages (os.sysconf); None
        where neither is known (then nothing is refused).
    check_fits(nbytes, what, error=DataError)
        Raise ``error`` when ``nbytes`` is more than ``HEADROOM`` of what is
        available: one sentence naming ``what`` (a file, a dataset), both sizes,
        and that the data is the culprit, not the network.

Readers call ``check_fits`` with the size a header declares BEFORE they
allocate, so a small file claiming billions of values is refused at once
instead of exhausting the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError, VisualizerError

HEADROOM = 0.8          # never plan to take more than this share of what is available


def _meminfo_available() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def _cgroup_room() -> int | None:
    """What a cgroup v2 memory limit still allows (None: no limit or not Linux)."""
    base = Path("/sys/fs/cgroup")
    try:
        limit = (base / "memory.max").read_text().strip()
        if limit == "max":
            return None
        return max(0, int(limit) - int((base / "memory.current").read_text().strip()))
    except (OSError, ValueError):
        return None


def available_bytes() -> int | None:
    """Bytes this process can still allocate without swapping, or None when unknown."""
    known = [v for v in (_meminfo_available(), _cgroup_room()) if v is not None]
    return min(known) if known else None


def fmt_size(nbytes: float) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if nbytes >= size:
            return f"{nbytes / size:,.1f} {unit}"
    return f"{int(nbytes)} bytes"


def check_fits(nbytes: int, what: str, error: type[VisualizerError] = DataError) -> None:
    """``error`` unless ``nbytes`` fits comfortably in the memory available now (see module doc)."""
    room = available_bytes()
    if room is None or nbytes <= HEADROOM * room:
        return
    raise error(f"{what} needs {fmt_size(nbytes)} of memory, more than this machine has available "
                f"({fmt_size(room)}); the data is too big for this machine (not the network): "
                f"use a smaller dataset or a machine with more memory")
