"""The one function every string the window shows goes through, and the language it speaks.

``tr("Start")`` returns the text in the language the user chose (View >
Language), through Qt's own translation mechanism
(``QCoreApplication.translate`` and the ``QTranslator`` the app installs).
``pyside6-lupdate`` finds every ``tr("...")`` call in the sources, so the
literal must be written inside the call:

    tr("Epoch {done} of {total}").format(done=3, total=5)   # right
    tr(f"Epoch {done} of {total}")                           # wrong: not found

Plurals pass the count as the third argument, positionally (lupdate marks a
message as having plural forms only then; ``n=3`` is not seen), and write
``%n`` for the count and ``(s)`` or ``(es)`` where English adds a plural ending:
``tr("%n unit(s)", None, 3)`` is "3 units" in English (``tr`` itself drops or
keeps the ending) and "3 Einheiten" from the German catalogue's plural forms.
``disambiguation`` tells apart two identical English texts that translate
differently ("Open" a file vs "Open" a folder).

The languages (``LANGUAGES``: English, the texts as written, and Deutsch) and
choosing one:

    count(4050)               "4,050" in English, "4.050" in German (whole numbers)
    install(app, "de")        load resources/i18n/visualizer_de.qm (and Qt's own
                              texts, e.g. the buttons of message boxes); "en"
                              removes the translation again
    current()                 the language installed ("en" until one is)
    resolve("system")         "de" on a German system, else "en"; a language
                              code is returned as it is when known

The catalogue is ``resources/i18n/visualizer_de.ts`` (``tools/update_translations.py``
refreshes it and compiles the ``.qm``). The command line never calls this: it
stays in English.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CONTEXT = ""
"""All of the app's strings share one context, the one lupdate gives a bare ``tr()``."""

LANGUAGES = {"en": "English", "de": "Deutsch"}
"""The languages the window speaks, each named in itself (code -> name)."""
SYSTEM = "system"
"""The choice that follows the system's language (the default)."""
CATALOGUE = "visualizer"
"""The catalogue files are ``<CATALOGUE>_<code>.ts`` / ``.qm``."""

_installed: list[QTranslator] = []
_current = "en"


_ENGLISH_PLURAL = re.compile(r"\((e?s)\)")


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` translated into the current language (as written when none is installed);
    with a count ``n``, ``%n`` becomes the count, grouped as ``count`` writes it (and, in
    English, "(s)" the plural ending)."""
    out = QCoreApplication.translate(CONTEXT, text, disambiguation, n)
    if n >= 0 and out == text.replace("%n", str(n)):          # not translated: English plural endings
        out = _ENGLISH_PLURAL.sub("" if n == 1 else r"\1", out)
    if n >= 1000:                                             # "1,024 images", "1.024 Bilder"
        out = out.replace(str(n), count(n))
    return out


def count(n: int | float) -> str:
    """The whole number ``n`` with thousands grouped the way the current language writes them."""
    text = f"{round(n):,}"
    return text.replace(",", ".") if _current == "de" else text


def translations_dir() -> Path:
    """The folder of the compiled catalogues (``resources/i18n``)."""
    from visualizer.core.paths import resources_dir

    return resources_dir() / "i18n"


def system_language() -> str:
    """The system's language when the window speaks it, else "en"."""
    code = QLocale.system().name().split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def resolve(choice: str | None) -> str:
    """The language code for a remembered ``choice`` ("system", "en", "de"; anything else: the system's)."""
    return choice if choice in LANGUAGES else system_language()


def current() -> str:
    """The language installed now ("en" when none is)."""
    return _current


def install(app: QCoreApplication, code: str) -> bool:
    """Speak ``code`` from now on (texts created later are translated); False when its catalogue
    is missing or unreadable (the window then stays in English, with a note in the log)."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = "en"
    if code not in LANGUAGES or code == "en":
        return code == "en"
    ours = QTranslator(app)
    if not ours.load(f"{CATALOGUE}_{code}", str(translations_dir())):
        log.warning("no translation for %s in %s: the window stays in English", code, translations_dir())
        return False
    qt = QTranslator(app)          # Qt's own texts: message box buttons, file dialogs
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    _current = code
    return True
