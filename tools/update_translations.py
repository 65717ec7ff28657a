"""Refresh the window's translation catalogues and compile them.

    python tools/update_translations.py             # lupdate, then lrelease
    python tools/update_translations.py --check     # also list what is untranslated; exit 1 if any

1. ``pyside6-lupdate`` collects every ``tr("...")`` of ``visualizer/app`` into
   ``resources/i18n/visualizer_<lang>.ts`` (keeping the translations already
   written; texts no longer in the code are dropped).
2. The ``.ts`` files are edited by hand or in Qt Linguist (``pyside6-linguist``):
   a translation is finished when its ``type="unfinished"`` attribute is gone.
3. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app loads
   (``visualizer.app.i18n.install``); the ``.qm`` is committed, so an install
   from the repository has it without Qt's tools.

``tools/untranslated.py`` lists the texts the window shows that are not yet
inside ``tr()`` (lupdate cannot see those).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "visualizer" / "app"
CATALOGUES = ROOT / "resources" / "i18n"
LANGUAGES = ("de",)


def tool(name: str) -> str:
    """The PySide6 tool ``name`` next to this Python, else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def unfinished(ts: Path) -> list[str]:
    """The source texts of ``ts`` whose translation is missing or marked unfinished."""
    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "unfinished"
        if kind in ("obsolete", "vanished"):
            continue
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        if kind == "unfinished" or not all(f.strip() for f in forms):
            out.append(message.findtext("source", ""))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list untranslated texts; exit 1 if any")
    args = parser.parse_args(argv)
    CATALOGUES.mkdir(parents=True, exist_ok=True)
    missing = 0
    for lang in LANGUAGES:
        ts = CATALOGUES / f"visualizer_{lang}.ts"
        sources = [str(p.relative_to(ROOT)) for p in sorted(SOURCES.rglob("*.py"))]
        subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "relative",
                        "-source-language", "en", "-target-language", lang, "-ts", str(ts.relative_to(ROOT))],
                       cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        todo = unfinished(ts)
        missing += len(todo)
        print(f"{ts.relative_to(ROOT)}: {len(todo)} text(s) untranslated")
        if args.check:
            for text in todo:
                print(f"  {text!r}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
