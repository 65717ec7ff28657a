"""The window appears without waiting for pyqtgraph: views in hidden tabs build their plots when shown.

Importing pyqtgraph costs about 0.4 s and each plot widget tens of milliseconds;
in the default layout only the curves (in the middle) need it at start, and they
build their plots right after the window's first paint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtGui import QColor

from visualizer.app.theme import plot_colors

_START = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject
from visualizer.app.main import create_app, create_window

app = create_app()
window = create_window()                 # as the app starts: remembered layout (none: the default), data
facts = {"after_window": "pyqtgraph" in sys.modules}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "at_first_paint" not in facts:
            facts["at_first_paint"] = "pyqtgraph" in sys.modules
        return False

probe = FirstPaint()
window.installEventFilter(probe)
window.show()
deadline = time.monotonic() + 60
while not window.curves.built and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
for _ in range(20):
    app.processEvents()
facts["curves_built"] = window.curves.built
facts["hidden_plots"] = {
    "map": window.map_view.plot is not None,
    "gradients": window.gradients_view.grad_plot is not None,
    "histograms": window.gradients_view.histograms.plots is not None,
    "landscape": window.views.landscape.slice_plot is not None,
}
window.autosave_on_close = False
window.close()
print(json.dumps(facts))
"""


def test_creating_the_window_imports_no_pyqtgraph_and_hidden_views_build_no_plots(tmp_path):
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "share"))
    env.pop("VISUALIZER_DEMO_DIGIT", None)
    proc = subprocess.run([sys.executable, "-c", _START], capture_output=True, text=True, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout.strip().splitlines()[-1])
    assert facts["after_window"] is False            # nothing the window builds imports pyqtgraph
    assert facts["at_first_paint"] is False          # nor anything before it is first painted
    assert facts["curves_built"] is True             # the curves, on screen, build theirs after it
    assert facts["hidden_plots"] == {"map": False, "gradients": False, "histograms": False, "landscape": False}


def _background(plot_widget) -> str:
    return plot_widget.backgroundBrush().color().name()


def test_the_map_builds_its_plot_when_shown_in_the_theme_chosen_before(qtbot, window):
    view = window.map_view
    window.set_theme("dark")
    qtbot.wait(50)
    assert view.plot is None                         # its tab is behind the drawing pad's
    window.show_view("map")
    qtbot.waitUntil(lambda: view.plot is not None, timeout=10_000)
    assert _background(view.plot) == QColor(plot_colors("dark")["background"]).name()
    assert view.plot.parent() is view.plot_slot
    qtbot.waitUntil(lambda: view.plot.isVisible() and view.plot.geometry() == view.plot_slot.rect(),
                    timeout=5_000)                                # it fills the place kept for it


def test_the_gradients_plots_are_built_when_shown_and_draw_what_was_recorded(qtbot, window):
    from visualizer.core.config import NetworkConfig, TrainConfig

    view = window.gradients_view
    window.set_theme("dark")
    window.session.set_train_config(TrainConfig(batch_size=128, epochs=20))
    window.session.set_network_config(NetworkConfig(hidden=(16, 16)))
    with qtbot.waitSignal(window.session.finished, timeout=60_000):
        window.session.start()
    assert view.grad_plot is None and len(view.model) >= 2        # recorded, nothing built
    window.show_view("gradients")
    qtbot.waitUntil(lambda: view.grad_plot is not None and len(view.curves) == 3, timeout=10_000)
    assert view.curves[0][0].xData.size == len(view.model)
    assert _background(view.grad_plot) == _background(view.ratio_plot) == \
        QColor(plot_colors("dark")["background"]).name()
    assert view.histograms.plots is None                          # its tab is still behind Curves
