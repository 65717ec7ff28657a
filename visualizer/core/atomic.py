"""Atomic file writes: a temp file in the target's folder, fsync, then rename.

Every file the project writes (models, downloads, exports, settings) goes
through here, so a crash or a kill mid-write leaves the old file intact and
never a half-written one under the real name.

    with atomic_path("model.npz") as tmp:   # tmp: a Path beside the target
        np.savez(tmp, ...)                   # write to tmp however you like
    # on success tmp is renamed over model.npz; on any exception it is removed

    atomic_write_bytes("curves.csv", data)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator


def _read_umask() -> int:
    """The process umask (read once at import; os.umask can only read by setting)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    ``suffix`` defaults to the target's own suffix, so writers that insist on an
    extension (``np.savez`` adds ``.npz`` when it is missing) write exactly the
    temp path.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix if suffix is None else suffix,
                                dir=folder)
    os.close(fd)
    tmp = Path(name)
    # mkstemp makes the file private (0600); give it the mode an ordinary
    # open() would: the old file's, or 0666 less the umask.
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
        with contextlib.suppress(OSError):  # make the rename itself durable
            dfd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(target: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(target: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``target`` atomically."""
    atomic_write_bytes(target, text.encode(encoding))
