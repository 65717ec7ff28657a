"""Where resources and downloads live, per platform, with the environment overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from visualizer.core import paths
from visualizer.core.errors import DataError


def test_resources_dir_is_the_repository_folder(monkeypatch):
    monkeypatch.delenv("VISUALIZER_RESOURCES", raising=False)
    d = paths.resources_dir()
    assert (d / "mnist_sample.npz").is_file() and (d / "mnist_sample.LICENSE").is_file()
    assert d == Path(paths.__file__).resolve().parents[2] / "resources"
    monkeypatch.setenv("VISUALIZER_RESOURCES", "/somewhere/else")
    assert paths.resources_dir() == Path("/somewhere/else")


def test_cache_dir_override_and_platforms(monkeypatch, tmp_path):
    monkeypatch.setenv("VISUALIZER_DATA_DIR", str(tmp_path / "d"))
    assert paths.cache_dir() == tmp_path / "d"
    assert paths.dataset_dir("mnist") == tmp_path / "d" / "mnist"
    monkeypatch.delenv("VISUALIZER_DATA_DIR")
    monkeypatch.setattr(paths.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert paths.cache_dir() == tmp_path / "xdg" / "visualizer" / "datasets"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert paths.cache_dir() == Path.home() / ".cache" / "visualizer" / "datasets"
    monkeypatch.setattr(paths.sys, "platform", "darwin")
    assert paths.cache_dir() == Path.home() / "Library" / "Caches" / "visualizer" / "datasets"
    monkeypatch.setattr(paths.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert paths.cache_dir() == tmp_path / "local" / "visualizer" / "Cache" / "datasets"


def test_ensure_dir(tmp_path):
    target = paths.ensure_dir(tmp_path / "a" / "b")
    assert target.is_dir()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataError, match="cannot create the data folder"):
        paths.ensure_dir(blocker / "sub")
