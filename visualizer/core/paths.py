"""Where the project finds its shipped resources and keeps downloaded data.

    resources_dir()  the repository's top-level ``resources/`` folder (the
                     embedded sample lives there); ``VISUALIZER_RESOURCES``
                     overrides it.
    cache_dir()      the per-user cache folder for downloaded datasets:
                     ``VISUALIZER_DATA_DIR`` if set, otherwise
                       Linux/BSD  ``$XDG_CACHE_HOME/visualizer/datasets``
                                  (``~/.cache/visualizer/datasets``)
                       macOS      ``~/Library/Caches/visualizer/datasets``
                       Windows    ``%LOCALAPPDATA%\\visualizer\\Cache\\datasets``
                     Nothing is created here; ``ensure_dir`` creates on demand.
    dataset_dir(name)  ``cache_dir() / name`` (``mnist``, ``fashion``).
    user_data_root()   the per-user data folder (the app keeps its recovery file there).
    user_path(text, what, error)  a path a person typed: ``~`` and ``~user``
                     expanded; an empty name or an unknown user raises
                     ``error`` (a VisualizerError class) naming ``what``.

Pure standard library: safe to import from anywhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import DataError, VisualizerError

APP_NAME = "visualizer"
ENV_RESOURCES = "VISUALIZER_RESOURCES"
ENV_DATA_DIR = "VISUALIZER_DATA_DIR"


def user_path(text: str | os.PathLike, what: str = "path",
              error: type[VisualizerError] = DataError) -> Path:
    """``text`` as a Path with ``~`` / ``~user`` expanded; ``error`` for "" or an unknown user.

    A name that starts with ``~`` but names no user is kept as it is when a
    file or folder of that literal name exists, else refused (rather than
    silently read or written as a relative path named "~nosuchuser/...").
    """
    raw = os.fspath(text)
    if isinstance(raw, bytes):
        raw = os.fsdecode(raw)
    if not raw.strip():
        raise error(f"{what}: no file name given (the name is empty)")
    if not raw.startswith("~"):
        return Path(raw)
    try:
        expanded = os.path.expanduser(raw)
    except (KeyError, RuntimeError, OSError):      # no HOME, no passwd entry
        expanded = raw
    if expanded.startswith("~") and not os.path.lexists(raw):
        user = raw[1:].split(os.sep, 1)[0].split("/", 1)[0]
        who = f"there is no user named {user!r}" if user else "the home folder is unknown (HOME is not set)"
        raise error(f"{what}: {raw}: {who}")
    return Path(expanded)


def resources_dir() -> Path:
    """The folder holding ``mnist_sample.npz`` (env ``VISUALIZER_RESOURCES`` wins)."""
    override = os.environ.get(ENV_RESOURCES)
    if override:
        return user_path(override, ENV_RESOURCES)
    # visualizer/core/paths.py -> repository root / resources (editable install or source tree)
    here = Path(__file__).resolve()
    candidates = [here.parents[2] / "resources", here.parents[1] / "resources"]
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def _xdg_base(var: str, *default: str) -> Path:
    """``$var`` when it is an absolute path (the XDG spec ignores relative values), else ~/default."""
    base = os.environ.get(var)
    return Path(base) if base and os.path.isabs(base) else Path.home().joinpath(*default)


def _local_app_data() -> Path:
    """Windows' per-user local application data folder."""
    return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")


def user_cache_root() -> Path:
    """The platform's per-user cache folder for this application (not created)."""
    if sys.platform == "win32":
        return _local_app_data() / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_NAME
    return _xdg_base("XDG_CACHE_HOME", ".cache") / APP_NAME


def user_data_root() -> Path:
    """The platform's per-user data folder for this application (not created):
    Linux/BSD ``$XDG_DATA_HOME/visualizer`` (``~/.local/share/visualizer``), macOS
    ``~/Library/Application Support/visualizer``, Windows ``%LOCALAPPDATA%\\visualizer``."""
    if sys.platform == "win32":
        return _local_app_data() / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    return _xdg_base("XDG_DATA_HOME", ".local", "share") / APP_NAME


def cache_dir() -> Path:
    """Where downloaded datasets live: ``VISUALIZER_DATA_DIR`` or the user cache (not created)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return user_path(override, ENV_DATA_DIR)
    return user_cache_root() / "datasets"


def dataset_dir(name: str) -> Path:
    """The cache folder of one downloadable dataset (``mnist`` or ``fashion``)."""
    return cache_dir() / name


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and parents); DataError naming it when that is impossible."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"cannot create the data folder {path}: {exc.strerror or exc}") from exc
    if not os.access(path, os.W_OK):
        raise DataError(f"the data folder {path} is not writable")
    return path
