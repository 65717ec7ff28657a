"""Views that look inside the network (issue #6): weights, activations, drawing pad, evaluation.

Contract with the main window: ``MainWindow.__init__`` calls ``install(window)``
once, after its session, controls and curves exist. ``install`` creates the
views, adds them as docks with ``window.add_dock(key, title, widget, area)``
and connects them to ``window.session``'s signals.
"""

from __future__ import annotations


def install(window) -> None:
    """Create the inspection views and wire them to ``window`` (placeholder until #6 lands)."""
    return None
