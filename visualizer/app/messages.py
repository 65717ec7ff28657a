"""Sentences for what went wrong, in words a learner understands (no widgets; the sentences
go through ``i18n.tr``, which returns them as written when no translation is installed).

    write_error(path, exc)     "Could not write /home/ann/m.npz: no space left on device."
    data_error(message)        -> DataError(headline, details): a failed download or load
                               said plainly ("No internet connection: could not reach any
                               of the 3 download mirrors."), the original text as details
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass

from .i18n import tr

_NO_NETWORK = ("name resolution", "name or service not known", "nodename nor servname", "getaddrinfo",
               "network is unreachable", "no route to host", "connection refused", "timed out",
               "temporary failure", "connection reset", "no address associated")
_MIRRORS = re.compile(r"could not be downloaded( intact)? from any mirror: (.*)$", re.S)
_URL = re.compile(r"(?:^|; )(?:https?|ftp|file)://")


def os_reason(exc: BaseException) -> str:
    """"no space left on device", "permission denied"... (lower case, no trailing full stop)."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "no space left on device"
        if exc.strerror:
            return exc.strerror[:1].lower() + exc.strerror[1:]
    text = str(exc).strip().rstrip(".")
    return text or type(exc).__name__


def write_error(path, exc: BaseException) -> str:
    """One sentence: which file could not be written and why."""
    return tr("Could not write {path}: {reason}.").format(path=path, reason=os_reason(exc))


@dataclass(frozen=True)
class DataError:
    """A failed dataset load said plainly (``headline``) and as the program saw it (``details``)."""

    headline: str
    details: str


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def data_error(message: str) -> DataError:
    """``message`` (the session's ``data_failed`` text) as a headline and details.

    Download failures over every mirror become one plain sentence; anything else
    is kept as it is, as a full sentence.
    """
    found = _MIRRORS.search(message)
    if found is None:
        return DataError(_sentence(message), "")
    intact, detail = found.group(1), found.group(2)
    tail = ""
    for ending in (" Still using", " Using the embedded"):       # what the session added
        if ending in detail:
            detail, tail = detail.split(ending, 1)[0], ending.strip() + detail.split(ending, 1)[1]
    mirrors = max(1, len(_URL.findall(detail)))
    where = (tr("the download mirror") if mirrors == 1 else
             tr("any of the {n} download mirrors").format(n=mirrors))
    low = detail.lower()
    if intact:
        head = tr("The download was damaged: no mirror delivered an intact copy ({n} tried).").format(n=mirrors)
    elif any(word in low for word in _NO_NETWORK):
        head = tr("No internet connection: could not reach {where}.").format(where=where)
    elif "http " in low:
        head = tr("The dataset could not be downloaded: the file was not found on {where}.").format(where=where)
    else:
        head = tr("The dataset could not be downloaded from {where}.").format(where=where)
    full = f"{head} {_sentence(tail)}".strip() if tail else head
    return DataError(full, _sentence(message.split(" Still using")[0].split(" Using the embedded")[0]))
