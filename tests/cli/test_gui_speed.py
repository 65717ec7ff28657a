"""``visualizer gui --speed``: full speed or a number of batches per second, checked before the window opens."""

from __future__ import annotations

import pytest

from visualizer.cli import gui
from visualizer.cli.main import main


@pytest.fixture
def recorder(monkeypatch):
    calls = []
    monkeypatch.setattr(gui, "open_app", lambda **options: calls.append(options) or 0)
    return calls


@pytest.mark.parametrize("text, bps", [("full", None), ("FULL", None), ("1", 1.0), ("0.5", 0.5)])
def test_gui_speed_is_handed_to_the_app(recorder, text, bps):
    assert main(["gui", "--speed", text]) == 0
    assert recorder[0]["speed"] == bps


def test_without_speed_the_app_chooses(recorder):
    main(["gui"])
    assert "speed" not in recorder[0]            # remembered; full speed for a screenshot


@pytest.mark.parametrize("bad", ["0", "-3", "nan", "fast"])
def test_gui_refuses_a_bad_speed_in_one_line(recorder, capsys, bad):
    assert main(["gui", "--speed", bad]) == 2
    assert recorder == []
    err = capsys.readouterr().err.strip()
    assert err.startswith("visualizer gui: error: --speed:") and "\n" not in err
