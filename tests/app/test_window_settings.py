"""What the window remembers: unreadable values fall back one by one, odd settings files are left alone."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from visualizer.app.window_settings import parse_config, settings, unsafe_reason
from visualizer.core.config import NetworkConfig, TrainConfig

DEEP = "[" * 100_000 + "]" * 100_000          # deeper than any JSON parser recurses


@pytest.fixture
def settings_file():
    """The settings file of this test process, restored afterwards."""
    path = Path(settings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = path.read_bytes() if path.exists() else None
    yield path
    if saved is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(saved)


def _ini(**values: str) -> bytes:
    lines = ["[General]"] + [f'{k}="{v}"'.replace('"{', '"{') for k, v in values.items()]
    return ("\n".join(lines) + "\n").encode()


def _quoted(doc: str) -> str:
    return doc.replace("\\", "\\\\").replace('"', '\\"')


@pytest.mark.parametrize("train, network, expected", [
    # infinity in one field; nesting beyond any recursion limit in a whole value
    ('{"lr": 1e400, "epochs": 3}', DEEP, (TrainConfig(epochs=3), NetworkConfig())),
    ('{"lr": 1e400, "epochs": 3, "dropout": ' + DEEP + '}', '{"hidden": [32], "activation": [[[[1]]]]}',
     (TrainConfig(), NetworkConfig(hidden=(32,)))),
    ('{"lr": "fast", "epochs": 3, "batch_size": 10' + "0" * 400 + '}', '{"hidden": [32], "n_classes": "x"}',
     (TrainConfig(epochs=3), NetworkConfig(hidden=(32,)))),
])
def test_each_unreadable_setting_falls_back_to_its_default_and_the_window_opens(qtbot, settings_file, caplog,
                                                                              train, network, expected):
    from visualizer.app.main_window import MainWindow

    settings_file.write_bytes(_ini(train=_quoted(train), network=_quoted(network), theme="dark"))
    with caplog.at_level(logging.WARNING):
        win = MainWindow(load_data=False, restore=True, persist=False)
    qtbot.addWidget(win)
    assert (win.session.train_config, win.session.network_config) == expected
    assert win.theme_choice == "dark"                            # the other settings are kept
    assert any("remembered" in r.getMessage() for r in caplog.records)
    win.set_theme("light")
    win.close()


def test_parse_config_keeps_good_fields_and_reports_bad_ones(caplog):
    with caplog.at_level(logging.WARNING):
        cfg = parse_config(TrainConfig, json.dumps({"lr": 0.01, "epochs": -3, "optimizer": "sgd"}), "train")
    assert cfg == TrainConfig(lr=0.01, optimizer="sgd")
    assert "train.epochs" in caplog.text
    assert parse_config(TrainConfig, "[1, 2]", "train") == TrainConfig()
    assert parse_config(NetworkConfig, None, "network") == NetworkConfig()


def test_a_window_that_does_not_persist_writes_nothing(qtbot, settings_file, tiny_bundle):
    from visualizer.app.main_window import MainWindow

    settings_file.write_bytes(b"[General]\ntheme=dark\n")
    win = MainWindow(load_data=False, restore=True, persist=False)
    qtbot.addWidget(win)
    win.session.set_data(tiny_bundle)
    win.set_theme("light")
    win.close()
    assert settings_file.read_bytes() == b"[General]\ntheme=dark\n"


def test_unsafe_reason_for_files_that_are_not_regular(tmp_path):
    regular = tmp_path / "a.conf"
    regular.write_text("x")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.conf"
    link.symlink_to(fifo)
    dangling = tmp_path / "dangling.conf"
    dangling.symlink_to(tmp_path / "nothing")
    good_link = tmp_path / "good-link.conf"
    good_link.symlink_to(regular)
    assert unsafe_reason(regular) == "" and unsafe_reason(tmp_path / "absent") == ""
    assert unsafe_reason(good_link) == ""                       # a dotfile symlink to a file is fine
    assert "not a regular file" in unsafe_reason(fifo) and "symlink" in unsafe_reason(link)
    assert "symlink" in unsafe_reason(dangling)


def test_a_settings_file_that_links_to_a_device_is_neither_read_nor_replaced(tmp_path):
    """A symlink to something that is not a file (here a FIFO, like /dev/zero a non-regular node)."""
    folder = tmp_path / "cfg" / "visualizer"
    folder.mkdir(parents=True)
    fifo = tmp_path / "device"
    os.mkfifo(fifo)
    (folder / "visualizer.conf").symlink_to(fifo)
    code = r"""
from visualizer.app.main import create_app
from visualizer.app.main_window import MainWindow
app = create_app()
w = MainWindow(load_data=False, restore=True)
w.set_theme("dark")
w.close()
app.processEvents()
print("closed")
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0 and "closed" in proc.stdout, proc.stderr
    assert (folder / "visualizer.conf").is_symlink() and stat.S_ISFIFO(fifo.stat().st_mode)
    assert "not a regular file" in proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["visualizer.conf"]
