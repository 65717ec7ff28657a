"""What the window remembers between starts: settings, theme, language, dataset and layout (QSettings).

``WindowSettings(persist=True)`` reads the store of organisation and application
"visualizer" (on Linux ``$XDG_CONFIG_HOME/visualizer/visualizer.conf``).

- Every value is checked on the way in: one that cannot be read (a learning
  rate of 1e400, a JSON value nested too deep, a word where a number belongs,
  a file left by another version) falls back to its default, with a note in
  the log; the other settings are kept.
- ``persist=False`` (a ``--screenshot`` run, a window that did not restore)
  never writes: values set during the run are kept in memory only.
- A settings file that is not a regular file (a symlink to ``/dev/zero``, a
  device, a FIFO) is neither read nor replaced: the window uses the defaults,
  keeps going and says so in the log once. Every other QSettings of the process
  (the views' remembered options) is pointed at a scratch folder too.
"""

from __future__ import annotations

import atexit
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from visualizer.core.config import NetworkConfig, TrainConfig

from .theme import THEMES

log = logging.getLogger(__name__)

ORG = APP = "visualizer"
STATE_VERSION = 1


def settings() -> QSettings:
    """The app's settings store (tests point XDG_CONFIG_HOME elsewhere)."""
    return QSettings(ORG, APP)


def settings_path() -> Path | None:
    """The file QSettings(ORG, APP) uses on Linux/BSD (None where it is no plain file)."""
    if sys.platform in ("win32", "darwin"):
        return None
    folder = QStandardPaths.writableLocation(QStandardPaths.GenericConfigLocation)
    return Path(folder) / ORG / f"{APP}.conf"


def redirect_settings(folder: str) -> None:
    """Every QSettings created from now on in this process reads and writes under ``folder``."""
    for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(fmt, QSettings.UserScope, folder)


def _scratch_folder() -> str:
    folder = tempfile.mkdtemp(prefix="visualizer-settings-")
    atexit.register(shutil.rmtree, folder, True)
    return folder


def unsafe_reason(path: Path | None) -> str:
    """Why ``path`` must not be read or replaced ("" when it is a regular file or absent)."""
    if path is None:
        return ""
    try:
        if path.is_symlink() and not path.exists():
            return "is a symlink to nothing"
        if path.exists() and not path.is_file():
            return "is not a regular file" + (" (a symlink to one that is not)" if path.is_symlink() else "")
    except OSError as exc:
        return f"cannot be checked ({exc.strerror or exc})"
    return ""


def parse_config(cls, raw: Any, key: str):
    """``cls`` (NetworkConfig or TrainConfig) from remembered JSON, each unreadable field at its default."""
    default = cls()
    if raw is None or raw == "":
        return default
    try:
        doc = json.loads(str(raw))
    except (ValueError, RecursionError) as exc:
        log.warning("ignoring the remembered %s settings (not readable JSON: %.80s)", key, exc)
        return default
    if not isinstance(doc, dict):
        log.warning("ignoring the remembered %s settings (expected a JSON object)", key)
        return default
    try:
        return cls.from_dict(doc)
    except Exception:  # noqa: BLE001 - any defect: fall back field by field below
        pass
    config = default
    for name, value in doc.items():
        try:
            config = cls.from_dict({**config.to_dict(), name: value})
        except Exception as exc:  # noqa: BLE001 - e.g. ConfigError, TypeError, OverflowError, RecursionError
            log.warning("ignoring the remembered setting %s.%s (%.80s); using its default", key, name, exc)
    return config


class WindowSettings:
    """See the module docstring."""

    def __init__(self, persist: bool = True) -> None:
        self.persist = persist
        self._memory: dict[str, Any] = {}
        self._path = settings_path()
        reason = unsafe_reason(self._path)
        self._store: QSettings | None = None if reason else settings()
        if reason:
            log.warning("the settings file %s %s: using the defaults and not saving settings", self._path, reason)
            self.persist = False
            redirect_settings(_scratch_folder())     # the views' own QSettings must not touch it either

    def value(self, key: str, default: Any = None) -> Any:
        if key in self._memory:
            return self._memory[key]
        if self._store is None:
            return default
        try:
            return self._store.value(key, default)
        except Exception as exc:  # noqa: BLE001 - a value Qt cannot convert
            log.warning("ignoring the remembered setting %s (%s)", key, exc)
            return default

    def set(self, key: str, value: Any) -> None:
        """Remember ``value``: written to the store only when persisting and the file is safe."""
        self._memory[key] = value
        if self.persist and self._store is not None and self._writable():
            self._store.setValue(key, value)

    def sync(self) -> None:
        if self.persist and self._store is not None and self._writable():
            self._store.sync()

    def _writable(self) -> bool:
        reason = unsafe_reason(self._path)
        if reason:
            log.warning("not saving settings: %s %s", self._path, reason)
            self.persist = False
        return not reason

    # ------------------------------------------------------------------ typed values
    def configs(self) -> tuple[NetworkConfig, TrainConfig]:
        return (parse_config(NetworkConfig, self.value("network"), "network"),
                parse_config(TrainConfig, self.value("train"), "train"))

    def save_configs(self, network: NetworkConfig, train: TrainConfig) -> None:
        self.set("network", json.dumps(network.to_dict()))
        self.set("train", json.dumps(train.to_dict()))

    def theme(self) -> str:
        value = self.value("theme", "system")
        return value if isinstance(value, str) and value in THEMES else "system"

    def language(self) -> str:
        """"system" (the default), or a language code of ``i18n.LANGUAGES``."""
        from .i18n import LANGUAGES, SYSTEM

        value = self.value("language", SYSTEM)
        return value if isinstance(value, str) and value in LANGUAGES else SYSTEM

    def dataset(self) -> str:
        value = self.value("dataset", "sample")
        return value if isinstance(value, str) and value else "sample"

    def speed(self) -> float | None:
        """The remembered training speed in batches per second (None: full speed);
        ``core.pace.DEFAULT_SPEED`` when none is remembered or it cannot be read."""
        from visualizer.core.pace import DEFAULT_SPEED, check_speed

        value = self.value("speed", "")
        if value in ("full", "Full"):
            return None
        try:
            return check_speed(float(value)) if value not in ("", None) else DEFAULT_SPEED
        except (TypeError, ValueError):
            log.warning("ignoring the remembered speed %.40r; using the default", value)
            return DEFAULT_SPEED

    def save_speed(self, bps: float | None) -> None:
        self.set("speed", "full" if bps is None else repr(float(bps)))

    def restore_layout(self, window) -> None:
        geo, state = self.value("window/geometry"), self.value("window/state")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            window.restoreGeometry(geo)
        if isinstance(state, QByteArray) and not state.isEmpty():
            window.restoreState(state, STATE_VERSION)

    def save_window(self, window, network: NetworkConfig, train: TrainConfig, theme: str) -> None:
        """Everything at close: layout, settings and theme, then written to disk."""
        self.set("window/geometry", window.saveGeometry())
        self.set("window/state", window.saveState(STATE_VERSION))
        self.save_configs(network, train)
        self.set("theme", theme)
        self.sync()
