"""Texts the window shows that do not go through ``tr()``: an AST walk over ``visualizer/app``.

    python tools/untranslated.py            # every file: path:line: the text
    python tools/untranslated.py FILE...    # only these files

A text is a string literal (or an f-string's literal parts) with words in it,
passed where Qt shows it: a widget's constructor (QLabel("..."), QAction(...),
...), a setter (setText, setToolTip, setWindowTitle, ...), a menu or a dock
title, a banner, a status-bar message or a dialog. Literals inside ``tr(...)``
are fine; so are log messages, key sequences ("Ctrl+R"), the message kinds ("info",
"warning", "error") and the names in ``ALLOWED_WORDS`` (MNIST, ReLU, ...),
which read the same in every language. Exit status 1 when any is found.
The test suite runs the same check (tests/app/test_i18n.py).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "visualizer" / "app"

WIDGETS = {"QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QAction", "QToolButton", "QRadioButton",
           "QMenu", "QToolBar", "QDockWidget", "QProgressDialog", "QMessageBox"}
FIRST_ARG = {"setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setTitle",
             "setPlaceholderText", "setPrefix", "setSuffix", "setSpecialValueText", "setLabelText",
             "setAccessibleName", "setAccessibleDescription", "flash", "addMenu", "addItem", "setFormat",
             "setWindowIconText", "showMessage", "setHtml", "setPlainText", "setCancelButtonText"}
SECOND_ARG = {"setTabText", "setItemText", "setTabToolTip", "add_dock", "addTab", "tip"}
EVERY_ARG = {"show_message", "ask_choice", "ask_yes_no", "show_details", "get_open_path", "get_save_path",
             "get_directory", "_action", "label", "addAction", "confirm_discard", "_error", "_open_failed",
             "information", "warning", "critical", "question"}
KINDS = {"info", "warning", "error"}
LOGGERS = {"log", "logger", "logging"}
KEYS = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)*(F\d{1,2}|[A-Z0-9]|Delete|Esc|Space|Return|Tab)$")
ALLOWED_WORDS = {"MNIST", "Fashion-MNIST", "ReLU", "SGD", "Adam", "AdamW", "tanh", "visualizer", "Xavier",
                 "Glorot", "Leaky", "PNG", "SVG", "CSV", "npz", "toml", "px", "lr", "ms", "ETA", "Δ", "nbsp",
                 "br", "b", "i", "p", "h3", "tr", "td", "table", "style", "padding", "right", "cellspacing",
                 "white", "space", "normal"}
_TAGS = re.compile(r"<[^>]*>|&\w+;|\{[^}]*\}|%\w")
_WORDS = re.compile(r"[^\W\d_][\w-]*")


def shows_words(text: str) -> bool:
    """True when ``text`` holds a word a reader would want in their language."""
    if not text.strip() or KEYS.match(text.strip()) or text in KINDS:
        return False
    words = _WORDS.findall(_TAGS.sub(" ", text))
    return any(w not in ALLOWED_WORDS and len(w) > 1 for w in words)


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_tr(node: ast.expr) -> bool:
    """``tr(...)`` or ``tr(...).format(...)`` (or a method called on a translated text)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return isinstance(node, ast.Call) and _name(node.func) in ("tr", "translate")


def _literals(node: ast.expr):
    """The bare string literals in ``node`` (not inside tr()), with their line numbers."""
    if node is None or _is_tr(node):
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.lineno, node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        yield node.lineno, text
    elif isinstance(node, (ast.Tuple, ast.List)):
        for elt in node.elts:
            yield from _literals(elt)
    elif isinstance(node, ast.BinOp):
        yield from _literals(node.left)
        yield from _literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.Call) and _name(node.func) in ("escape", "join", "format"):
        for arg in node.args:
            yield from _literals(arg)
        if isinstance(node.func, ast.Attribute):
            yield from _literals(node.func.value)


def _shown_args(call: ast.Call):
    name = _name(call.func)
    owner = call.func.value if isinstance(call.func, ast.Attribute) else None
    if isinstance(owner, ast.Name) and owner.id in LOGGERS:
        return []                                   # the log is for developers, in English
    if name == "_error" and owner is None:
        return []                                   # main._error: the command line's stderr line
    args = list(call.args)
    if name in WIDGETS or name in FIRST_ARG:
        return args[:1]
    if name in SECOND_ARG:
        return args[1:2]
    if name in EVERY_ARG:
        return args + [k.value for k in call.keywords if k.arg not in ("shortcut", "icon")]
    return []


def untranslated(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every text in the file ``path`` shown without ``tr()``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for arg in _shown_args(node):
                found.extend((line, text) for line, text in _literals(arg) if shows_words(text))
    return sorted(set(found))


def app_files() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if p.name != "i18n.py")


def main(argv: list[str]) -> int:
    files = [Path(a).resolve() for a in argv] or app_files()
    bad = 0
    for path in files:
        for line, text in untranslated(path):
            print(f"{path.relative_to(ROOT)}:{line}: {text!r}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
