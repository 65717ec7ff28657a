"""Atomic file writes: a temp file in the target's folder, fsync, then rename.

Every file the project writes (models, downloads, exports, settings) goes
through here, so a crash or a kill mid-write leaves the old file intact and
never a half-written one under the real name.

    with atomic_path("model.npz") as tmp:   # tmp: a Path beside the target
        np.savez(tmp, ...)                   # write to tmp however you like
    # on success tmp is renamed over model.npz; on any exception it is removed

    atomic_write_bytes("curves.csv", data)

Failures are ``OSError`` whose ``filename`` is the target the caller named
(never the hidden temp file) and whose ``strerror`` says why, e.g. "No space
left on device": ``f"{exc.filename}: {exc.strerror}"`` is a complete message.
The temp file is removed whatever happened, and the old file is untouched.

Targets that are not regular files are refused before anything is written
(``check_target``): a device (``/dev/null``), a FIFO, a socket or a folder is
never replaced by a regular file. A symlink is followed: the file it points
at is replaced (the link stays a link), and a link to something that is not a
regular file is refused like that thing itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterator

# The temp file's name keeps at most this much of the target's name, so a
# target whose name is near the file system's 255-byte limit still gets a temp.
_PREFIX_CHARS = 40
# Errors a writer may raise without naming the file (``f.write`` on a full disk).
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO}


def _read_umask() -> int:
    """The process umask (read once at import; os.umask can only read by setting)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_target(target: str | os.PathLike) -> Path:
    """The real file ``target`` names (symlinks followed); OSError if it cannot be one.

    Refused, with ``filename`` = ``target``: something that exists and is not
    a regular file (a folder, a device, a FIFO, a socket), a symlink to one, and
    a dangling symlink. A missing file in an existing folder is fine.
    """
    target = Path(target)
    try:
        info = os.stat(target)                       # follows symlinks
    except FileNotFoundError:
        if os.path.islink(target):
            raise OSError(errno.ENOENT, "is a symbolic link to a missing file; "
                          "refusing to write through it", str(target)) from None
        return target
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    if not stat.S_ISREG(info.st_mode):
        code = errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL
        what = (f"is a symbolic link to {os.path.realpath(target)}, {_kind(info.st_mode)}"
                if os.path.islink(target) else f"exists and is {_kind(info.st_mode)}")
        raise OSError(code, f"{what}, not a regular file; refusing to replace it", str(target))
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def _blame(exc: OSError, target: Path) -> OSError:
    """``exc`` re-aimed at the file the caller named (the temp file is an implementation detail)."""
    if exc.errno is None:
        return OSError(errno.EIO, str(exc) or type(exc).__name__, str(target))
    return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(target))


def _give_mode(tmp: Path, real: Path) -> None:
    """mkstemp makes the temp private (0600); once written, give it the mode an ordinary
    open() would: the old file's, or 0666 less the umask. (Not before writing: a
    read-only old file would make the temp unwritable.)"""
    try:
        mode = real.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    ``suffix`` defaults to the target's own suffix, so writers that insist on an
    extension (``np.savez`` adds ``.npz`` when it is missing) write exactly the
    temp path. Errors: see the module doc.
    """
    named = Path(target)
    real = check_target(named)
    folder = real.parent if str(real.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{real.name[:_PREFIX_CHARS]}.",
                                    suffix=real.suffix if suffix is None else suffix, dir=folder)
    except OSError as exc:
        raise _blame(exc, named) from None
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            yield tmp
        except OSError as exc:
            if exc.filename in (name, str(tmp)) or (exc.filename is None and exc.errno in _DISK_ERRORS):
                raise _blame(exc, named) from None
            raise                            # not about the file (e.g. a network error while downloading)
        try:
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            _give_mode(tmp, real)
            os.replace(tmp, real)
        except OSError as exc:
            raise _blame(exc, named) from None
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
