"""View > Language: the window's language, remembered, applied when the app starts again.

``build(window, menu)`` adds the "Language" submenu to ``menu``: "Follow the
system" (the default) and one radio choice per language of ``i18n.LANGUAGES``,
as ``window.language_actions`` (choice -> QAction). Choosing one remembers it
(``WindowSettings`` key "language"); when that changes the language in use, a
question says that the language changes when the app is restarted and offers to
restart now. Restarting closes the window the usual way (a trained model that
is in no file is kept and offered at the next start) and starts
``python -m visualizer`` again.

Texts already on screen are not retranslated in place: the views build their
texts once, so a restart is the one switch that changes every one of them.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QProcess, QTimer
from PySide6.QtGui import QAction, QActionGroup

from . import dialogs, i18n
from .i18n import tr

log = logging.getLogger(__name__)


def build(window, menu) -> None:
    """The Language submenu of ``menu`` (see the module docstring)."""
    sub = menu.addMenu(tr("&Language"))
    window.language_menu = sub
    window.language_group = QActionGroup(window)
    window.language_actions = {}
    system = i18n.LANGUAGES[i18n.system_language()]
    choices = [(i18n.SYSTEM, tr("Follow the &system ({language})").format(language=system))]
    choices += list(i18n.LANGUAGES.items())
    for choice, label in choices:
        a = QAction(label, window, checkable=True)
        a.setStatusTip(tr("The language of the window (changes when the app is restarted)"))
        a.triggered.connect(lambda _c=False, c=choice: choose(window, c))
        window.language_group.addAction(a)
        window.language_actions[choice] = a
        sub.addAction(a)
    window.language_actions[window.settings.language()].setChecked(True)


def choose(window, choice: str) -> None:
    """Remember ``choice``; offer to restart when the language in use differs from it."""
    window.settings.set("language", choice)
    window.settings.sync()
    window.language_actions[choice].setChecked(True)
    if i18n.resolve(choice) == i18n.current():
        return
    if dialogs.ask_yes_no(window, tr("Language"),
                          tr("The language changes when the app is restarted.\n\nRestart now? "
                             "A trained model you have not saved is kept and offered at the next start.")):
        QTimer.singleShot(0, lambda: restart(window))


def restart(window) -> bool:
    """Close ``window`` (keeping unsaved training) and start the app again; False when it stayed open."""
    if not window.close():
        return False
    return launch()


def launch() -> bool:
    """Start ``python -m visualizer`` as a new process (the window opens with the language chosen)."""
    ok = QProcess.startDetached(sys.executable, ["-m", "visualizer"])
    ok = ok[0] if isinstance(ok, tuple) else ok
    if not ok:
        log.warning("could not start %s -m visualizer again", sys.executable)
    return bool(ok)
