"""The standard streams of a command-line run: what happens when they cannot be written.

    with guarded_streams():     # around one command
        ...                     # print() / sys.stdout.write() / note() as usual

Inside, ``sys.stdout`` is a stand-in that turns a failed write or flush into
``OutputError`` (a VisualizerError: one line on stderr, exit code 2): stdout
closed (``>&-``), on a full disk (``> /dev/full``) or otherwise unwritable. A
reader that went away (``| head -1``) still raises ``BrokenPipeError``, which
the caller ends quietly. ``sys.stderr`` becomes a stand-in that drops what
cannot be written: progress and remarks never stop the work (a model being
saved with ``--out`` is saved even with stderr closed or full).

File descriptors 0, 1 and 2 that are closed when the run starts are opened on
``/dev/null`` first (1 read-only, so writing to it still fails), so no file the
run opens can land on them and receive stray output.

``silence_stdout()`` points fd 1 at ``/dev/null`` after a failure, so the
interpreter's own final flush of what is still buffered neither fails nor
complains.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, Iterator

from visualizer.core.errors import VisualizerError


class OutputError(VisualizerError):
    """Standard output cannot be written (closed, full disk, I/O error)."""


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


class _Stdout:
    """Delegates to the real stdout; write errors other than a broken pipe -> OutputError."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _call(self, name: str, *args: Any) -> Any:
        if self._stream is None:
            raise OutputError("cannot write the results: standard output is closed")
        try:
            return getattr(self._stream, name)(*args)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise OutputError(f"cannot write the results to standard output ({_why(exc)})") from None

    def write(self, text: str) -> int:
        return self._call("write", text)

    def flush(self) -> None:
        self._call("flush")

    def isatty(self) -> bool:
        try:
            return bool(self._stream is not None and self._stream.isatty())
        except (OSError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Stderr:
    """Delegates to the real stderr; anything that cannot be written is dropped."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text) if self._stream is not None else len(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self._stream.flush()

    def isatty(self) -> bool:
        try:
            return bool(self._stream is not None and self._stream.isatty())
        except (OSError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _occupy_closed_fds() -> None:
    for fd, flags in ((0, os.O_RDONLY), (1, os.O_RDONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        with contextlib.suppress(OSError):
            got = os.open(os.devnull, flags)
            if got != fd:                 # a lower fd was free too: it is taken in its own turn
                os.dup2(got, fd)
                os.close(got)


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """Install the stand-ins for the duration of one command (see module doc)."""
    _occupy_closed_fds()
    saved = sys.stdout, sys.stderr
    sys.stdout = _Stdout(saved[0])       # type: ignore[assignment]
    sys.stderr = _Stderr(saved[1])       # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def silence_stdout() -> None:
    """Point fd 1 at /dev/null: what is still buffered goes nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
