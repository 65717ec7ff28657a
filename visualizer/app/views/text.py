"""Small helpers for the words the views show.

``plural`` speaks English only: a text the window shows counts with
``i18n.tr("%n image(s)", None, n)`` instead, which the German catalogue translates.
"""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 unit"``, ``"2 units"``, ``"1,024 images"``: the count and its noun, in the right number."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
