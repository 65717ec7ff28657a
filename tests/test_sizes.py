"""Small modules, one concept each: no module of visualizer/ over 450 lines, no function over 60.

These are the developers' guide's hard limits (it aims lower: ~400 lines, ~50 per
function). A module or function that grows past them is split by concept, not cut at a
line: a helper class, a family of readers, a group of functions one concept owns.
"""

from __future__ import annotations

import ast
from pathlib import Path

import visualizer

PACKAGE = Path(visualizer.__file__).resolve().parent
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60
# Modules over the limit, each with the reason and a ceiling of its own (none today).
KNOWN_LONG_MODULES: dict[str, int] = {}


def module_lines(text: str) -> int:
    return len(text.splitlines())


def long_functions(text: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """(name, lines) of every function or method of ``text`` (nested ones too) longer than ``limit``."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = node.end_lineno - node.lineno + 1
            if n > limit:
                found.append((node.name, n))
    return found


def _modules() -> list[tuple[str, str]]:
    return [(p.relative_to(PACKAGE).as_posix(), p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py"))]


def test_the_measures_find_a_long_function_and_a_long_module():
    body = "".join(f"    x{i} = {i}\n" for i in range(60))
    text = f"class A:\n    def short(self):\n        return 1\n\n    def long(self):\n{body.replace('    ', '        ')}\n" \
           f"def outer():\n    def inner():\n{body.replace('    ', '        ')}    return inner\n"
    assert sorted(long_functions(text)) == [("inner", 61), ("long", 61), ("outer", 63)]
    assert long_functions("def f():\n    pass\n") == []
    assert module_lines("a\n" * 451) == 451


def test_no_module_is_over_the_limit():
    modules = _modules()
    assert len(modules) > 100 and "core/training.py" in dict(modules)
    over = [f"{name}: {module_lines(text)} lines" for name, text in modules
            if module_lines(text) > KNOWN_LONG_MODULES.get(name, MAX_MODULE_LINES)]
    assert over == [], f"split these by concept (limit {MAX_MODULE_LINES} lines):\n" + "\n".join(over)


def test_no_function_is_over_the_limit():
    over = [f"{name}: {fn}() {n} lines" for name, text in _modules() for fn, n in long_functions(text)]
    assert over == [], f"split these into named parts (limit {MAX_FUNCTION_LINES} lines):\n" + "\n".join(over)
