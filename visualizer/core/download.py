"""Download MNIST and Fashion-MNIST: mirrors in order, SHA-256 verified, atomic, cancellable.

    fetch_dataset(name, folder, progress=None, cancel=None) -> folder
        Make sure the four files of ``name`` ("mnist" or "fashion") are in
        ``folder`` under their canonical names (``train-images-idx3-ubyte.gz``
        ...), downloading the missing ones. A file already present is kept when
        its SHA-256 matches, downloaded again otherwise.
    download_file(urls, target, sha256, *, size=None, progress=None, cancel=None,
                  timeout=DEFAULT_TIMEOUT) -> target
        One file: each URL is tried in order; a dead mirror, an HTTP error, a
        transfer cut short or a checksum mismatch moves on to the next URL.
        When every URL fails: ``DownloadError`` naming the file and each
        mirror's reason.
    mirrors(name) -> list of base URLs (ending in "/") for a dataset.

Progress: ``progress(done_bytes: int, total_bytes: int | None)`` is called
after every chunk (64 KiB) and once at the start; in ``fetch_dataset`` the
figures cover all files of the dataset together (total from the published
sizes). Cancel: ``cancel() -> bool`` is polled between chunks; when it returns
True the transfer stops, the partial file is deleted and ``DownloadCancelled``
is raised. Files are written through ``atomic.atomic_path``: a temp file beside
the target, verified, then renamed, so a partial or unverified download is
never found under the real name.

Size: a file is never accepted beyond its published size, so a wrong or
endless mirror cannot fill the disk. Interrupts: the connection is opened in a
helper thread (name resolution cannot be interrupted), so Ctrl-C, SIGTERM and
``cancel`` act within a fraction of a second; the temp file is removed on the
way out, and temp files older than a day (from a killed run) are removed by the
next ``fetch_dataset``.

Mirrors: the defaults below (``MIRRORS``) may be replaced by the environment
variable ``VISUALIZER_MIRRORS``: base URLs separated by spaces or commas, each
may contain ``{name}`` (replaced by "mnist" or "fashion"), e.g.
``VISUALIZER_MIRRORS="http://127.0.0.1:8000/{name}/"``. Standard library
(urllib) only; every request has a timeout.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from .atomic import atomic_path
from .errors import DownloadCancelled, DownloadError

ProgressFn = Callable[[int, "int | None"], None]
CancelFn = Callable[[], bool]

ENV_MIRRORS = "VISUALIZER_MIRRORS"
DEFAULT_TIMEOUT = 30.0          # seconds per connect / read
CHUNK = 1 << 16
STALE_SECONDS = 24 * 3600       # temp files older than this in a download folder are leftovers
USER_AGENT = "visualizer/0.1 (+https://pypi.org/project/visualizer)"


@dataclass(frozen=True)
class RemoteFile:
    filename: str               # canonical name, also the name in the cache folder
    sha256: str                 # published SHA-256 of the gzip file
    size: int                   # bytes of the gzip file


# SHA-256 and sizes of the canonical distribution files. The MNIST t10k values
# were computed from the official test files (whose MD5s match LeCun's
# distribution); the others are the values published by TensorFlow Datasets /
# torchvision / Keras, which match the MD5s published by their authors.
FILES: dict[str, tuple[RemoteFile, ...]] = {
    "mnist": (
        RemoteFile("train-images-idx3-ubyte.gz",
                   "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9_912_422),
        RemoteFile("train-labels-idx1-ubyte.gz",
                   "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28_881),
        RemoteFile("t10k-images-idx3-ubyte.gz",
                   "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1_648_877),
        RemoteFile("t10k-labels-idx1-ubyte.gz",
                   "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4_542),
    ),
    "fashion": (
        RemoteFile("train-images-idx3-ubyte.gz",
                   "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", 26_421_880),
        RemoteFile("train-labels-idx1-ubyte.gz",
                   "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", 29_515),
        RemoteFile("t10k-images-idx3-ubyte.gz",
                   "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", 4_422_400),
        RemoteFile("t10k-labels-idx1-ubyte.gz",
                   "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", 5_148),
    ),
}

MIRRORS: dict[str, tuple[str, ...]] = {
    "mnist": (
        "https://ossci-datasets.s3.amazonaws.com/mnist/",           # torchvision's mirror
        "https://storage.googleapis.com/cvdf-datasets/mnist/",      # TensorFlow's mirror
        "http://yann.lecun.com/exdb/mnist/",                        # the original site
    ),
    "fashion": (
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",                    # Zalando's own
        "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",                   # Keras
    ),
}


def mirrors(name: str) -> list[str]:
    """Base URLs for dataset ``name``, in the order they are tried (env override first)."""
    env = os.environ.get(ENV_MIRRORS, "").replace(",", " ").split()
    bases = [b.replace("{name}", name) for b in env] if env else list(MIRRORS.get(name, ()))
    return [b if b.endswith("/") else b + "/" for b in bases]


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class _Aggregate:
    """Adds the bytes of files already done to a per-file progress callback."""

    def __init__(self, progress: ProgressFn | None, total: int | None):
        self.progress, self.total, self.base = progress, total, 0

    def __call__(self, done: int, _total: int | None) -> None:
        if self.progress is not None:
            self.progress(self.base + done, self.total)


def _open(url: str, timeout: float, cancel: CancelFn | None) -> Any:
    """``urlopen(url)`` run in a helper thread while this one waits in short steps.

    Name resolution (``getaddrinfo``) cannot be interrupted: a signal waits until
    it gives up, which can take half a minute with an unreachable DNS server. Here
    the waiting thread stays responsive: Ctrl-C or SIGTERM raise at once, and
    ``cancel()`` is polled, while the helper finishes (or fails) on its own.
    """
    import urllib.request       # here, not at import: with http.client and ssl ~70 ms of the app's start

    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    box: dict[str, Any] = {}
    done = threading.Event()

    def opener() -> None:
        try:
            box["response"] = urllib.request.urlopen(req, timeout=timeout)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            box["error"] = exc
        done.set()
        if box.pop("abandoned", False) and "response" in box:
            box["response"].close()

    threading.Thread(target=opener, name="visualizer-download-open", daemon=True).start()
    try:
        while not done.wait(0.1):
            if cancel is not None and cancel():
                raise DownloadCancelled("the download was cancelled")
    except BaseException:
        box["abandoned"] = True
        if done.is_set() and "response" in box:
            box["response"].close()
        raise
    if "error" in box:
        raise box["error"]
    return box["response"]


def _fetch_one(resp: Any, tmp: Path, expected_size: int | None, progress: ProgressFn | None,
               cancel: CancelFn | None) -> str:
    """Stream the open response ``resp`` into ``tmp``; return the SHA-256; raise OSError-ish on failure.

    Never more than ``expected_size`` bytes are accepted (a mirror that sends
    more, or without end, is wrong, and would otherwise fill the disk).
    """
    import http.client

    h = hashlib.sha256()
    with open(tmp, "wb") as out:
        length = resp.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else expected_size
        if expected_size is not None and total is not None and total > expected_size:
            raise ConnectionError(f"the server announces {total:,} bytes, more than the "
                                  f"{expected_size:,} of this file")
        done = 0
        if progress is not None:
            progress(0, total)
        while True:
            if cancel is not None and cancel():
                raise DownloadCancelled("the download was cancelled")
            try:
                chunk = resp.read(CHUNK)
            except http.client.IncompleteRead as exc:
                raise ConnectionError(f"the transfer was cut short after {done + len(exc.partial)} "
                                      f"of {total} bytes") from None
            if not chunk:
                break
            done += len(chunk)
            if expected_size is not None and done > expected_size:
                raise ConnectionError(f"the server sent more than the {expected_size:,} bytes "
                                      "of this file")
            out.write(chunk)
            h.update(chunk)
            if progress is not None:
                progress(done, total)
        if length and length.isdigit() and done != int(length):
            raise ConnectionError(f"the transfer was cut short after {done} of {length} bytes")
    return h.hexdigest()


def download_file(urls: Sequence[str], target: str | os.PathLike, sha256: str, *, size: int | None = None,
                  progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                  timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Download one file from the first URL that delivers it intact (see module doc)."""
    import http.client
    import urllib.error

    target = Path(target)
    if not urls:
        raise DownloadError(f"{target.name}: no download mirror is configured (check {ENV_MIRRORS})")
    failures: list[str] = []
    for url in urls:
        try:
            with _open(url, timeout, cancel) as resp, atomic_path(target) as tmp:
                digest = _fetch_one(resp, tmp, size, progress, cancel)
                if digest != sha256.lower():
                    raise _ChecksumMismatch(f"checksum mismatch (got SHA-256 {digest[:12]}..., "
                                            f"expected {sha256[:12]}...)")
            return target
        except DownloadCancelled:
            raise DownloadCancelled(f"the download of {target.name} was cancelled; nothing was kept") from None
        except _ChecksumMismatch as exc:
            failures.append(f"{url}: {exc}")
        except urllib.error.HTTPError as exc:
            failures.append(f"{url}: HTTP {exc.code} {exc.reason}")
        except urllib.error.URLError as exc:
            failures.append(f"{url}: {_reason(exc.reason)}")
        except (OSError, http.client.HTTPException, ValueError) as exc:
            failures.append(f"{url}: {_reason(exc)}")
    detail = "; ".join(failures)
    if any("checksum mismatch" in f for f in failures):
        raise DownloadError(f"{target.name} could not be downloaded intact from any mirror: {detail}")
    raise DownloadError(f"{target.name} could not be downloaded from any mirror: {detail}")


class _ChecksumMismatch(Exception):
    pass


def _reason(exc: object) -> str:
    if isinstance(exc, socket.timeout) or isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc)
    return text or type(exc).__name__


def remove_stale_temps(folder: Path, names: Sequence[str], max_age: float = STALE_SECONDS) -> list[Path]:
    """Delete the temp files of ``names`` (``.NAME.*``, see atomic.py) older than ``max_age``
    seconds: what a run killed mid-download (SIGKILL, a power cut) left behind. Younger
    ones may belong to a download running right now and are kept. Returns those removed."""
    removed = []
    now = time.time()
    for name in names:
        for tmp in folder.glob(f".{name[:40]}.*"):
            try:
                if tmp.is_file() and now - tmp.stat().st_mtime > max_age:
                    tmp.unlink()
                    removed.append(tmp)
            except OSError:
                pass
    return removed


def fetch_dataset(name: str, folder: str | os.PathLike, progress: ProgressFn | None = None,
                  cancel: CancelFn | None = None, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Ensure the four verified files of ``name`` are in ``folder`` (see module doc)."""
    if name not in FILES:
        raise DownloadError(f"there is no download for dataset {name!r}; choose one of {', '.join(FILES)}")
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create the download folder {folder}: {exc.strerror or exc}") from exc
    files = FILES[name]
    remove_stale_temps(folder, [rf.filename for rf in files])
    todo = []
    for rf in files:
        path = folder / rf.filename
        if path.is_file() and sha256_of(path) == rf.sha256:
            continue
        todo.append(rf)
    total = sum(rf.size for rf in todo)
    agg = _Aggregate(progress, total)
    if progress is not None:
        progress(0, total)
    bases = mirrors(name)
    for rf in todo:
        download_file([b + rf.filename for b in bases], folder / rf.filename, rf.sha256, size=rf.size,
                      progress=agg, cancel=cancel, timeout=timeout)
        agg.base += rf.size
    if progress is not None:
        progress(total, total)
    return folder
