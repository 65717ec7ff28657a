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

Pure standard library: safe to import from anywhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import DataError

APP_NAME = "visualizer"
ENV_RESOURCES = "VISUALIZER_RESOURCES"
ENV_DATA_DIR = "VISUALIZER_DATA_DIR"


def resources_dir() -> Path:
    """The folder holding ``mnist_sample.npz`` (env ``VISUALIZER_RESOURCES`` wins)."""
    override = os.environ.get(ENV_RESOURCES)
    if override:
        return Path(override).expanduser()
    # visualizer/core/paths.py -> repository root / resources (editable install or source tree)
    here = Path(__file__).resolve()
    candidates = [here.parents[2] / "resources", here.parents[1] / "resources"]
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def user_cache_root() -> Path:
    """The platform's per-user cache folder for this application (not created)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_NAME
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):  # the XDG spec says relative values are ignored
        base = str(Path.home() / ".cache")
    return Path(base) / APP_NAME


def cache_dir() -> Path:
    """Where downloaded datasets live: ``VISUALIZER_DATA_DIR`` or the user cache (not created)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
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
