"""In the app tests no modal dialog can open unexpectedly: it would stall the headless run."""

from __future__ import annotations

import ast
import inspect

import pytest

from visualizer.app import dialogs


def modal_functions() -> list[str]:
    """The public functions of ``dialogs`` that take a parent window, read from its source: every
    one opens a dialog (``model_filter()`` and the like only build text)."""
    tree = ast.parse(inspect.getsource(dialogs))
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
            and node.args.args and node.args.args[0].arg == "parent"]


@pytest.mark.parametrize("name", modal_functions())
def test_every_modal_dialog_fails_the_test_instead_of_waiting_for_a_click(name):
    with pytest.raises(AssertionError, match=f"unexpected modal dialog dialogs.{name}"):
        getattr(dialogs, name)(None, "title", "text", ("A", "B"))


def test_the_fixtures_record_what_a_test_expects(asked, messages):
    asked.answer = "B"
    assert dialogs.ask_choice(None, "Question", "Which?", ("A", "B")) == "B"
    dialogs.show_message(None, "error", "Title", "Text")
    assert asked == [("Question", "Which?", ("A", "B"))] and messages == [("error", "Title", "Text")]
