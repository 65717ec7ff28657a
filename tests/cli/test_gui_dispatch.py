"""``visualizer`` / ``visualizer gui`` hand their options to visualizer.app.main.run_gui.

The app itself is the app's tests' business; here a recording stand-in replaces
the module in-process, to check what the command line passes and returns.
"""

from __future__ import annotations

import sys
import types

import pytest

from visualizer.cli.main import main


@pytest.fixture
def recorder(monkeypatch):
    calls = []

    def run_gui(**kwargs):
        calls.append(kwargs)
        return 7

    fake = types.ModuleType("visualizer.app.main")
    fake.run_gui = run_gui
    monkeypatch.setitem(sys.modules, "visualizer.app.main", fake)
    return calls


def test_no_arguments_opens_the_app(recorder):
    assert main([]) == 7
    assert recorder == [{}]


def test_gui_passes_every_option(recorder):
    code = main(["gui", "--screenshot", "shot.png", "--dataset", "fashion", "--epochs", "3",
                 "--model", "m.npz", "--view", "weights"])
    assert code == 7
    assert recorder == [dict(screenshot="shot.png", dataset="fashion", epochs=3, model="m.npz",
                             view="weights")]


def test_gui_defaults_are_none(recorder):
    main(["gui"])
    assert recorder == [dict(screenshot=None, dataset=None, epochs=None, model=None, view=None)]


def test_gui_refuses_bad_epochs_before_opening(recorder, capsys):
    assert main(["gui", "--epochs", "-2"]) == 2
    assert recorder == []
    assert capsys.readouterr().err.strip() == (
        "visualizer gui: error: --epochs: epochs must be at least 1, got -2")


def test_no_display_is_one_line_not_a_qt_abort(monkeypatch, recorder, capsys):
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([]) == 2
    assert recorder == []
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no display" in err[0] and "visualizer --help" in err[0]


def test_screenshot_without_display_renders_offscreen(monkeypatch, recorder):
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["gui", "--screenshot", "s.png"]) == 7
    assert recorder[0]["screenshot"] == "s.png"
    import os
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_gui_screenshot_end_to_end(tmp_path):
    """The real app, in a subprocess with no display at all: renders offscreen, saves, exits 0."""
    import struct

    from cli_helpers import cli_env, run_cli

    env = cli_env()
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(var, None)
    shot = tmp_path / "window.png"
    proc = run_cli("gui", "--screenshot", shot, "--view", "weights", env=env)
    assert proc.returncode == 0, proc.stderr
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 640 and height >= 400


@pytest.fixture
def x11_session(monkeypatch):
    """An X11 desktop session as Qt would see it (no Wayland, no platform chosen by hand)."""
    for var in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")


def _plugin_fails_on(monkeypatch, soname):
    import ctypes

    def cdll(path, *a, **k):
        assert path.endswith("libqxcb.so")
        if soname:
            raise OSError(f"{soname}: cannot open shared object file: No such file or directory")
        return object()

    monkeypatch.setattr(ctypes, "CDLL", cdll)


def test_a_missing_x11_library_is_named_instead_of_a_qt_abort(monkeypatch, recorder, capsys, x11_session):
    _plugin_fails_on(monkeypatch, "libxcb-icccm.so.4")
    assert main([]) == 2
    assert recorder == []
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "libxcb-icccm.so.4" in err[0] and "sudo apt install libxcb-icccm4" in err[0]


def test_screenshot_without_the_x11_libraries_renders_offscreen(monkeypatch, recorder, x11_session):
    import os

    _plugin_fails_on(monkeypatch, "libxcb-cursor.so.0")
    assert main(["gui", "--screenshot", "s.png"]) == 7
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_x11_with_its_libraries_opens_the_window(monkeypatch, recorder, x11_session):
    _plugin_fails_on(monkeypatch, None)
    assert main([]) == 7 and recorder == [{}]


@pytest.mark.parametrize("soname, package", [("libxcb-icccm.so.4", "libxcb-icccm4"),
                                             ("libxcb-cursor.so.0", "libxcb-cursor0"),
                                             ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0")])
def test_debian_package_names(soname, package):
    from visualizer.cli.gui import _debian_package

    assert _debian_package(soname) == package
