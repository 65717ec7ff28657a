"""The repository's promises about itself: CI runs the README's test line; the bad PySide6 is excluded."""

from __future__ import annotations

import re
import tomllib

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _fenced_lines(text: str) -> list[str]:
    return [line.strip() for block in re.findall(r"```bash\n(.*?)```", text, re.S) for line in block.splitlines()]


def test_ci_runs_the_readme_test_command_verbatim():
    readme = _fenced_lines((REPO / "README.md").read_text())
    test_lines = [line for line in readme if "pytest" in line]
    assert len(test_lines) == 1, test_lines
    ci = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.lstrip().startswith("#")]
    assert test_lines[0] in ci


def test_readme_launch_line_sets_up_and_starts_the_app():
    readme = _fenced_lines((REPO / "README.md").read_text())
    launch = [line for line in readme if line.endswith("visualizer") and "venv" in line]
    assert len(launch) == 1, readme


def test_pyproject_excludes_the_pyside6_release_that_aborts_python_311():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pyside = [d for d in project["dependencies"] if d.lower().startswith("pyside6")]
    assert pyside and "!=6.12.0" in pyside[0].replace(" ", "")
    assert project["scripts"]["visualizer"] == "visualizer.__main__:main"


def test_installed_pyside6_is_not_the_broken_release():
    from importlib.metadata import version

    assert version("PySide6-Essentials") != "6.12.0"


def _setuptools_config() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_a_regular_install_ships_every_package():
    """The README's quick start is ``pip install .``: its explicit package list must name every folder of code."""
    listed = set(_setuptools_config()["packages"])
    folders = {p.parent.relative_to(REPO).as_posix().replace("/", ".")
               for p in (REPO / "visualizer").rglob("*.py")}
    assert folders <= listed, sorted(folders - listed)


def test_a_regular_install_ships_every_resource_the_app_reads():
    """Every file in resources/ but the sources that build them (the sample's maker, the translation source)
    matches a package-data pattern, so ``pip install .`` has the embedded digits, lessons and translations."""
    patterns = _setuptools_config()["package-data"]["visualizer.resources"]
    root = REPO / "resources"
    sources = {"make_sample.py"}
    shipped = [p for p in root.rglob("*") if p.is_file() and p.name not in sources and p.suffix != ".ts"
               and "__pycache__" not in p.parts]
    missing = [p.relative_to(root).as_posix() for p in shipped
               if not any(p.relative_to(root).match(pattern) for pattern in patterns)]
    assert shipped and not missing, missing
