"""--help on every command (with examples), --version, and no Qt for headless commands."""

from __future__ import annotations

import subprocess
import sys

import pytest

import visualizer

from cli_helpers import cli_env, run_cli

COMMANDS = [[], ["train"], ["evaluate"], ["predict"], ["data"], ["data", "list"],
            ["data", "download"], ["data", "info"], ["gui"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "visualizer")
def test_help_has_usage_and_examples(command):
    proc = run_cli(*command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: visualizer")
    assert "examples:" in proc.stdout
    # every example line shown is an invocation of this very command
    examples = proc.stdout.split("examples:")[1].strip().splitlines()
    assert examples and all(e.strip().startswith(" ".join(["visualizer", *command[:1]])) for e in examples)
    assert proc.stderr == ""


def test_train_help_lists_every_option():
    out = run_cli("train", "--help").stdout
    for flag in ("--hidden", "--activation", "--optimizer", "--lr", "--schedule", "--batch-size",
                 "--epochs", "--l2", "--dropout", "--augment", "--val-fraction", "--seed",
                 "--out", "--resume", "--json"):
        assert flag in out, flag


def test_version():
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"visualizer {visualizer.__version__}"


def test_unknown_command_is_one_line_exit_2():
    proc = run_cli("frobnicate")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "frobnicate" in proc.stderr


_PROBE = """
import sys, contextlib, io
from visualizer.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    codes = [main(["train", "--help"]), main(["evaluate", "--help"]), main(["data", "list"]),
             main(["train", "--hidden", "8", "--epochs", "1", "--val-fraction", "0"])]
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6"))
print(codes, qt)
"""


def test_headless_commands_never_import_qt():
    proc = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                          timeout=120, env=cli_env())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[0, 0, 0, 0] []"
