"""The window's second language: every visible text translatable, the German catalogue complete and
compiled, View > Language remembered, German lessons with the English lessons' settings."""

from __future__ import annotations

import ast
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDockWidget, QGroupBox, QLabel,
                               QLineEdit, QMenu, QSpinBox, QTabBar, QToolBar, QWidget)

from visualizer.app import dialogs, i18n, lessons, window_language
from visualizer.app.i18n import tr
from visualizer.app.window_settings import WindowSettings

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "visualizer" / "app"
CATALOGUE = REPO / "resources" / "i18n" / "visualizer_de.ts"

_spec = importlib.util.spec_from_file_location("untranslated", REPO / "tools" / "untranslated.py")
untranslated = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(untranslated)


# ---------------------------------------------------------------------- static: tr() around every text
def _relative(path: Path) -> str:
    return path.relative_to(APP).as_posix()


def test_the_checker_finds_a_bare_text_and_accepts_a_translated_one(tmp_path):
    source = tmp_path / "x.py"
    source.write_text("from PySide6.QtWidgets import QLabel\n"
                      "a = QLabel('Hello there')\n"
                      "b = QLabel(tr('Hello there'))\n"
                      "a.setToolTip(f'{n} images left')\n"
                      "a.setToolTip(tr('{n} images left').format(n=3))\n"
                      "log.warning('for developers %s', 1)\n"
                      "window.flash('Saved ' + path)\n"
                      "dialogs.show_message(w, 'error', tr('Title'), str(exc))\n"
                      "a.setText('×')\n")
    assert untranslated.untranslated(source) == [(2, "Hello there"), (4, "{} images left"), (7, "Saved ")]


@pytest.mark.parametrize("path", untranslated.app_files(),
                         ids=_relative)
def test_every_text_the_window_shows_goes_through_tr(path):
    assert untranslated.untranslated(path) == []


# ---------------------------------------------------------------------- the catalogue
def _catalogue() -> dict[tuple[str, str], list[str] | None]:
    """(source, comment) -> the finished translation's forms (None while unfinished)."""
    out = {}
    for m in ET.parse(CATALOGUE).getroot().iter("message"):
        t = m.find("translation")
        forms = [f.text or "" for f in t.findall("numerusform")] or [t.text or ""]
        done = t.get("type") is None and all(f.strip() for f in forms)
        out[(m.findtext("source"), m.findtext("comment") or "")] = forms if done else None
    return out


def _tr_literals(path: Path) -> set[tuple[str, str]]:
    """(text, disambiguation) of every tr("...") in ``path``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                second = node.args[1] if len(node.args) > 1 else None
                comment = second.value if isinstance(second, ast.Constant) and isinstance(second.value, str) else ""
                found.add((first.value, comment))
    return found


def test_every_translatable_text_has_a_finished_german_translation():
    catalogue = _catalogue()
    missing = []
    for path in untranslated.app_files():
        for key in _tr_literals(path):
            if catalogue.get(key) is None:
                missing.append(f"{_relative(path)}: {key[0]!r}")
    assert missing == [], "run tools/update_translations.py and translate:\n" + "\n".join(missing)


PLACEHOLDER = re.compile(r"\{(\w*)(?::[^{}]*)?\}|%n|%v|%m")   # "{step:,}" and "{step}" name the same value


def test_the_german_translations_keep_every_placeholder():
    for (source, _), forms in _catalogue().items():
        for form in forms or ():
            assert sorted(m.group(1) or m.group(0) for m in PLACEHOLDER.finditer(form)) == \
                sorted(m.group(1) or m.group(0) for m in PLACEHOLDER.finditer(source)), (source, form)
            assert form.count("&") == source.count("&"), (source, form)


def test_the_compiled_catalogue_matches_the_source(qapp):
    translator = QTranslator()
    assert translator.load("visualizer_de", str(i18n.translations_dir()))
    for (source, comment), forms in _catalogue().items():
        if forms is None:
            continue
        if len(forms) == 1:
            assert translator.translate("", source, comment or None) == forms[0], source
        else:
            assert translator.translate("", source, comment or None, 1) == forms[0], source
            assert translator.translate("", source, comment or None, 5) == forms[1], source


def test_the_compiled_catalogue_is_package_data():
    text = (REPO / "pyproject.toml").read_text()
    assert '"i18n/*.qm"' in text and '"lessons/*/*.toml"' in text


# ---------------------------------------------------------------------- tr() itself
def test_tr_without_a_translation_writes_english_plurals(qapp):
    assert tr("%n epoch(s)", None, 1) == "1 epoch"
    assert tr("%n epoch(s)", None, 3) == "3 epochs"
    assert tr("%n batch(es)", None, 2) == "2 batches"
    assert tr("Start") == "Start"


@pytest.fixture
def german(qapp):
    assert i18n.install(qapp, "de")
    yield
    i18n.install(qapp, "en")


def test_installing_german_translates_and_english_takes_it_back(qapp, german):
    assert i18n.current() == "de"
    assert tr("Learning rate") == "Lernrate"
    assert tr("%n epoch(s)", None, 1) == "1 Epoche" and tr("%n epoch(s)", None, 4) == "4 Epochen"
    i18n.install(qapp, "en")
    assert i18n.current() == "en" and tr("Learning rate") == "Learning rate"


def test_a_count_in_a_plural_is_grouped_the_way_the_language_writes_it(qapp, german):
    assert tr("%n image(s)", None, 12345) == "12.345 Bilder" and tr("%n image(s)", None, 1) == "1 Bild"
    i18n.install(qapp, "en")
    assert tr("%n image(s)", None, 12345) == "12,345 images" and tr("%n image(s)", None, 999) == "999 images"


def test_the_plural_texts_of_the_views_have_german_plural_forms(qapp, german):
    assert tr("%n digit(s) kept", None, 1) == "1 Ziffer behalten"
    assert tr("Exported %n digit(s) to {folder}.", None, 3).format(folder="x") == "3 Ziffern nach x exportiert."
    assert tr("%n unit(s)", None, 1) == "1 Neuron" and tr("%n unit(s)", None, 64) == "64 Neuronen"


def test_texts_computed_without_widgets_speak_german(qapp, german):
    from types import SimpleNamespace

    from visualizer.app.config_diff import RunSettings, diff_label
    from visualizer.app.curves_model import curves_title
    from visualizer.app.curves_texts import batch_note, divergence_label

    net, train = SimpleNamespace(hidden=(128,)), SimpleNamespace(batch_size=64, augment=False, lr=0.01)
    other = SimpleNamespace(batch_size=8, augment=True, lr=0.01)
    assert diff_label(RunSettings(net, train), RunSettings(net, other)) == "Stapel 64 → 8, Augmentierung aus → an"
    assert batch_note().startswith("Die Werte je Stapel")
    d = SimpleNamespace(loss=float("inf"), step=812, restored_step=800)
    assert divergence_label(d) == "divergiert: Verlust ∞ bei Schritt 812, zurück zu Schritt 800"
    assert curves_title((784, 10), "MNIST", 1234, 2.5) == "Netz 784-10 · MNIST · Schritt 1234 (2.5 Epochen)"


def test_the_landscape_paragraph_is_the_core_one_in_english_and_german_in_german(qapp, german):
    from visualizer.app.views.landscape_view import about
    from visualizer.core import landscape
    from visualizer.core.config import NetworkConfig

    assert about().startswith("Eine Verlustlandschaft") and "109.386" in about()
    i18n.install(qapp, "en")
    small = NetworkConfig(hidden=(32,))
    assert about() == landscape.about() and about(small) == landscape.about(small)


def test_a_language_without_a_catalogue_leaves_english(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    assert not i18n.install(qapp, "de")
    assert i18n.current() == "en" and tr("Learning rate") == "Learning rate"


def test_the_system_language_is_the_default(monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "de")
    assert i18n.resolve("system") == "de" and i18n.resolve(None) == "de" and i18n.resolve("xx") == "de"
    assert i18n.resolve("en") == "en"


# ---------------------------------------------------------------------- the window in German
def _texts(widget_root) -> set[str]:
    """Every text the window shows or can show: titles, labels, buttons, menus, tooltips, items."""
    texts = {widget_root.windowTitle()}
    for w in widget_root.findChildren(QWidget):
        texts.update((w.toolTip(), w.whatsThis(), w.accessibleName()))
        if isinstance(w, (QLabel, QAbstractButton, QLineEdit)):
            texts.add(w.text())
            if isinstance(w, QLineEdit):
                texts.add(w.placeholderText())
        if isinstance(w, (QDockWidget, QToolBar)):
            texts.add(w.windowTitle())
        if isinstance(w, QGroupBox):
            texts.add(w.title())
        if isinstance(w, QMenu):
            texts.add(w.title())
        if isinstance(w, QComboBox):
            texts.update(w.itemText(i) for i in range(w.count()))
        if isinstance(w, QAbstractSpinBox):
            texts.add(w.specialValueText())
            if isinstance(w, QSpinBox):
                texts.update((w.prefix(), w.suffix()))
        if isinstance(w, QTabBar):
            texts.update(w.tabText(i) for i in range(w.count()))
        if hasattr(w, "text") and w.__class__.__name__ == "ProgressMeter":
            texts.add(w.text())
    for a in widget_root.findChildren(type(widget_root.act_start)):
        texts.update((a.text(), a.toolTip(), a.statusTip()))
    return {t for t in texts if t}


def _window_texts(qtbot):
    from visualizer.app.main_window import MainWindow

    window = MainWindow(restore=False, load_data=False, persist=False)
    qtbot.addWidget(window)
    window.autosave_on_close = False
    texts = _texts(window)
    window.close()
    return texts


ALLOWED = re.compile(r"^[\W\d_]*$")          # numbers, symbols and arrows read the same everywhere
NAMES = {"MNIST", "ReLU", "Leaky ReLU", "SGD", "Adam", "tanh", "Xavier/Glorot", "English", "Deutsch"}
PYQTGRAPH = {"Export...", "Export"}          # the plots' own menu entry: pyqtgraph has no German catalogue


def test_every_text_of_the_window_is_german_in_german(qapp, qtbot, german):
    german_texts = _window_texts(qtbot)
    i18n.install(qapp, "en")
    english_texts = _window_texts(qtbot)
    i18n.install(qapp, "de")
    same_in_german = {forms[0] for (source, _), forms in _catalogue().items() if forms and forms[0] == source}
    left = sorted(t for t in german_texts & english_texts
                  if not ALLOWED.match(t) and t not in same_in_german and t not in NAMES | PYQTGRAPH
                  and not re.fullmatch(r"[\d-]+ — visualizer", t) and not Path(t).is_absolute())   # a folder
    assert left == [], "shown in English in the German window:\n" + "\n".join(left)
    assert len(german_texts) > 150


# ---------------------------------------------------------------------- View > Language
def test_the_language_is_remembered_and_read_back_safely():
    s = WindowSettings(persist=False)
    assert s.language() == "system"
    s.set("language", "de")
    assert s.language() == "de"
    s.set("language", "klingon")
    assert s.language() == "system"


def test_choosing_a_language_remembers_it_and_offers_a_restart(qtbot, monkeypatch):
    from visualizer.app.main_window import MainWindow

    window = MainWindow(restore=False, load_data=False, persist=False)
    qtbot.addWidget(window)
    window.autosave_on_close = False
    asked, restarted = [], []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: asked.append(a[2]) or False)
    monkeypatch.setattr(window_language, "restart", lambda w: restarted.append(w))
    assert window.language_actions[window.settings.language()].isChecked()
    window.language_actions["de"].trigger()
    assert window.settings.language() == "de" and window.language_actions["de"].isChecked()
    assert len(asked) == 1 and "restarted" in asked[0]
    window.language_actions["en"].trigger()          # English is in use: nothing to restart for
    assert window.settings.language() == "en" and len(asked) == 1
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    window.language_actions["de"].trigger()
    qtbot.waitUntil(lambda: restarted == [window])
    window.close()


def test_restarting_closes_the_window_and_starts_the_app_again(qtbot, monkeypatch):
    from visualizer.app.main_window import MainWindow

    window = MainWindow(restore=False, load_data=False, persist=False)
    qtbot.addWidget(window)
    window.autosave_on_close = False
    window.show()
    started = []
    monkeypatch.setattr(window_language, "launch", lambda: started.append(True) or True)
    assert window_language.restart(window)
    assert not window.isVisible() and started == [True]


def test_the_app_starts_in_the_remembered_language(qapp):
    from visualizer.app.main import use_language

    store = WindowSettings(persist=True)
    store.set("language", "de")
    store.sync()
    try:
        assert use_language(qapp) == "de" and tr("Learning rate") == "Lernrate"
        assert use_language(qapp, "en") == "en" and tr("Learning rate") == "Learning rate"
    finally:
        store.set("language", "system")
        store.sync()
        i18n.install(qapp, "en")


# ---------------------------------------------------------------------- lessons
def test_every_shipped_lesson_has_a_german_version_with_the_same_settings():
    english, german = lessons.shipped("en"), lessons.shipped("de")
    assert len(german) == len(english) >= 10
    for en, de in zip(english, german):
        assert Path(de.source).parent.name == "de", en.source
        assert (de.network, de.train, de.dataset, de.train_images, de.view) == \
            (en.network, en.train, en.dataset, en.train_images, en.view), en.source
        assert de.title != en.title and de.explanation != en.explanation


def test_a_lesson_without_a_translation_is_shown_in_english(tmp_path, monkeypatch):
    (tmp_path / "de").mkdir()
    (tmp_path / "01-a.toml").write_text('title = "A"\ngoal = "g"\nquestion = "q"\nexplanation = "e"\n')
    (tmp_path / "02-b.toml").write_text('title = "B"\ngoal = "g"\nquestion = "q"\nexplanation = "e"\n')
    (tmp_path / "de" / "02-b.toml").write_text('title = "Be"\ngoal = "g"\nquestion = "q"\nexplanation = "e"\n')
    monkeypatch.setattr(lessons, "lessons_dir", lambda: tmp_path)
    assert [x.title for x in lessons.shipped("de")] == ["A", "Be"]
    assert [x.title for x in lessons.shipped("en")] == ["A", "B"]


def test_the_lessons_panel_speaks_german(qtbot, german):
    from visualizer.app.main_window import MainWindow

    window = MainWindow(restore=False, load_data=False, persist=False)
    qtbot.addWidget(window)
    window.autosave_on_close = False
    panel = window.lessons
    assert panel.apply_button.text() == "Einstellungen übernehmen"
    assert "<b>Ziel:</b>" in panel.body.text() and "<b>Frage:</b>" in panel.body.text()
    assert Path(panel.current.source).parent.name == "de"
    window.close()


# ---------------------------------------------------------------------- the command line
def test_gui_language_is_handed_to_the_app_and_a_bad_one_refused(monkeypatch, capsys):
    from visualizer.cli import gui
    from visualizer.cli.main import main

    calls = []
    monkeypatch.setattr(gui, "open_app", lambda **options: calls.append(options) or 0)
    assert main(["gui", "--language", "de"]) == 0 and calls[-1]["language"] == "de"
    assert main(["gui"]) == 0 and "language" not in calls[-1]        # the remembered one
    assert main(["gui", "--language", "fr"]) == 2
    assert "--language" in capsys.readouterr().err and len(calls) == 2


def test_a_screenshot_is_in_english_unless_asked_and_leaves_english_behind(qapp, monkeypatch):
    from visualizer.app import main as app_main

    spoken = []
    monkeypatch.setattr(app_main, "_prepare", lambda *a: spoken.append(i18n.current()) or "stop here")
    assert app_main.run_gui(screenshot="/nonexistent/x.png", language="de") == 2
    assert app_main.run_gui(screenshot="/nonexistent/x.png") == 2
    assert spoken == ["de", "en"] and i18n.current() == "en"
