"""Views do no work for snapshots while nobody can see them, and changing texts re-lay out nothing."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from visualizer.app.views.exposure import is_exposed
from visualizer.app.views.livelabel import LiveLabel
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


class LayoutRequests(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_live_label_repaints_itself_without_a_layout_request(qtbot):
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    label = LiveLabel("step 1", lines=1)
    layout.addWidget(label)
    layout.addWidget(QWidget(), 1)
    top.resize(400, 120)
    top.show()
    qtbot.waitExposed(top)
    qtbot.wait(20)                                   # the first layout is done
    watcher = LayoutRequests()
    top.installEventFilter(watcher)
    for step in range(2, 30):
        label.setText(f"Network at step {step:,} ({step / 10:.2f} epochs)")
        qtbot.wait(1)
    assert watcher.count == 0
    assert label.text().startswith("Network at step 29")
    # a text that needs more lines than reserved makes the label grow once (no clipping)
    height = label.height()
    label.setText("<b>a long text</b> " + "that wraps onto more lines " * 12)
    label.repaint()
    qtbot.waitUntil(lambda: label.height() > height, timeout=2000)


def test_tabbed_views_skip_snapshots_and_catch_up_when_shown(qtbot, window):
    views = window.views
    state = views.state
    # default layout: the pad's tab is in front, weights and evaluation behind it
    assert window.dock("weights").isVisible()                  # Qt keeps hidden tabs "visible"...
    assert not is_exposed(views.weights)                       # ...off-screen
    assert is_exposed(views.pad) and is_exposed(views.activations)
    model = MLP(window.session.network_config, rng=np.random.default_rng(1))
    renders, predictions = views.weights.renders, views.pad.predictions
    state.set_snapshot(take_snapshot(model, step=11))
    assert views.weights.renders == renders                    # hidden: no work
    assert views.pad.predictions == predictions + 1            # on screen: follows the network
    window.show_view("weights")                                # now the pad is the hidden tab
    qtbot.waitUntil(lambda: views.weights.renders == renders + 1, timeout=2000)
    assert "step 11" in views.weights.title.text()
    state.set_snapshot(take_snapshot(model, step=12))
    assert views.pad.predictions == predictions + 1
    assert views.weights.renders == renders + 2
    window.dock("activations").close()                         # a closed dock: no work either
    sums = views.activations.sum_label.text()
    model.weights[-1][:] *= -1.0
    state.set_snapshot(take_snapshot(model, step=13))
    assert views.activations.sum_label.text() == sums
    window.show_view("activations")
    qtbot.waitUntil(lambda: views.activations.sum_label.text() != sums, timeout=2000)
    window.show_view("draw")
    qtbot.waitUntil(lambda: views.pad.predictions > predictions + 1, timeout=2000)
    assert "step 13" in views.pad.status.text()
