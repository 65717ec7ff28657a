"""The one function every string the window shows goes through.

``tr("Start")`` returns the text in the language the user chose (View >
Language), through Qt's own translation mechanism
(``QCoreApplication.translate`` and the ``QTranslator`` the app installs).
``pyside6-lupdate`` finds every ``tr("...")`` call in the sources, so the
literal must be written inside the call:

    tr("Epoch {done} of {total}").format(done=3, total=5)   # right
    tr(f"Epoch {done} of {total}")                           # wrong: not found

Plurals pass ``n`` and write ``%n`` in the text: ``tr("%n unit(s)", n=3)``.
``disambiguation`` tells apart two identical English texts that translate
differently ("Open" a file vs "Open" a folder).

The command line never calls this: it stays in English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = ""
"""All of the app's strings share one context, the one lupdate gives a bare ``tr()``."""


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` translated into the current language (unchanged when none is installed)."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)
