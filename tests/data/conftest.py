"""Fixtures for the data-layer tests (helpers live in datahelpers.py)."""

from __future__ import annotations

import socket

import pytest

from datahelpers import Server
from visualizer.core import dataset as dataset_mod


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own download cache and no remembered datasets."""
    monkeypatch.setenv("VISUALIZER_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VISUALIZER_MIRRORS", raising=False)
    dataset_mod.clear_memory_cache()
    yield
    dataset_mod.clear_memory_cache()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture
def dead_url() -> str:
    """A loopback URL on which nothing listens (connection refused)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"


