"""The curves keep to their widget's width (the legend row wraps) and offer their own right-click menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from visualizer.core.events import BatchEvent


def _batches(first_step, count, bpe=100):
    return tuple(BatchEvent(s, 0, s, bpe, s / bpe, 2.3 / (1 + 0.05 * s), 0.5, 1e-3, 32)
                 for s in range(first_step, first_step + count))


@pytest.fixture
def curves(qtbot):
    from visualizer.app.curves import CurvesWidget

    w = CurvesWidget()
    qtbot.addWidget(w)
    w.resize(700, 360)
    w.show()
    qtbot.waitExposed(w)
    w.ensure_built()
    return w


def _plots_fit(curves) -> bool:
    """The plots' layout is no wider than the view showing it (nothing cut off at the right)."""
    g = curves.graphics
    return g.ci.geometry().width() <= g.width() + 0.5


@pytest.mark.parametrize("width", [700, 505, 330])
def test_the_legend_wraps_so_the_plots_end_at_the_widgets_right_edge(curves, qtbot, width):
    from visualizer.app.curves_legend import MAX_COLUMNS, ROOM, legend_width

    curves.resize(width, 360)
    qtbot.waitUntil(lambda: curves.graphics.width() == width)
    room = width - ROOM
    columns = curves.legend.columnCount
    assert legend_width(curves.legend) <= room or columns == 1
    assert _plots_fit(curves)
    right = curves.loss_plot.vb.mapRectToScene(curves.loss_plot.vb.boundingRect()).right()
    assert right <= curves.graphics.width()                # the latest epochs are on screen
    curves.legend.setColumnCount(MAX_COLUMNS)
    one_row = legend_width(curves.legend)
    curves.fit_legend()
    assert (columns == MAX_COLUMNS) == (one_row <= room)    # wrapped only when one row does not fit


def test_the_legend_wraps_in_german_at_the_default_window_size(german_window, qtbot):
    qtbot.waitUntil(lambda: german_window.curves.built, timeout=10_000)
    qtbot.wait(50)
    assert _plots_fit(german_window.curves)


def test_pyqtgraphs_menus_are_replaced_by_ours(curves):
    for plot in curves.plots():
        assert not plot.menuEnabled()                        # no "Plot Options > Power Spectrum (FFT)"
    assert curves.graphics.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    curves.graphics.customContextMenuRequested.emit(QPoint(100, 100))
    texts = [a.text() for a in curves.last_menu.actions() if not a.isSeparator()]
    assert texts == ["Follow the run", "Grid"]
    curves.last_menu.close()


def test_the_window_adds_its_export_actions_to_the_curves_menu(window):
    window.curves.ensure_built()
    window.curves.graphics.customContextMenuRequested.emit(QPoint(50, 50))
    actions = window.curves.last_menu.actions()
    assert window.act_export_png in actions and window.act_export_csv in actions
    window.curves.last_menu.close()


def test_follow_the_run_undoes_a_zoom_and_the_axes_follow_again(curves, qtbot):
    curves.add_batches(_batches(1, 50))
    curves.redraw()
    curves.loss_plot.vb.scaleBy((0.5, 0.5))               # as the mouse wheel does
    curves.loss_plot.vb.sigRangeChangedManually.emit([True, True])
    assert curves.zoomed
    curves.graphics.customContextMenuRequested.emit(QPoint(100, 100))
    follow = curves.last_menu.actions()[0]
    assert follow.isEnabled()
    curves.last_menu.close()
    zoomed_x = curves.loss_plot.vb.viewRange()[0][1]
    curves.add_batches(_batches(51, 150))                   # the run goes on to 2 epochs: still zoomed
    curves.redraw()
    assert curves.loss_plot.vb.viewRange()[0][1] == pytest.approx(zoomed_x)
    follow.trigger()
    assert not curves.zoomed
    assert curves.loss_plot.vb.viewRange()[0][1] >= 2.0     # the whole run again
    assert curves.acc_plot.vb.viewRange()[1] == pytest.approx([-2, 102])


def test_the_grid_can_be_turned_off_and_on(curves):
    curves.graphics.customContextMenuRequested.emit(QPoint(100, 100))
    grid = curves.last_menu.actions()[2]
    assert grid.text() == "Grid" and grid.isChecked()
    grid.trigger()
    assert not curves.grid_shown
    assert all(p.getAxis("left").grid is False for p in curves.plots())
    curves.last_menu.close()


def test_a_banner_and_a_twins_legend_squeeze_the_plots_without_cutting_them_off(window, qtbot):
    from visualizer.app.curves_model import CurvesModel

    window.resize(1366, 768)
    curves = window.curves
    qtbot.waitUntil(lambda: curves.built, timeout=10_000)
    window.banner.show_message("info", "The twin (ReLU \u2192 sigmoid) finished: validation accuracy 86.7% "
                               "(main: 90.9%). Keep it as the network, or discard it?",
                               (("Keep the twin", lambda: None), ("Discard the twin", lambda: None)))
    curves.set_twin(CurvesModel(), "twin: ReLU \u2192 sigmoid")
    qtbot.wait(50)
    g = curves.graphics
    assert g.height() <= curves.height()                  # the plot view fits its widget ...
    assert g.ci.geometry().height() <= g.height() + 0.5   # ... and the plots fit the view: the x-axis shows
    assert _plots_fit(curves)
