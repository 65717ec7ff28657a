"""Views that look inside the network: weights, activations, drawing pad, evaluation.

Contract with the main window: ``MainWindow.__init__`` calls ``install(window)``
once, after its session, controls and curves exist. ``install`` creates the
views, adds them as docks with ``window.add_dock(key, title, widget, area)``
and connects them to ``window.session``'s signals.

Modules:
    state            InspectorState: latest snapshot, the probe (its one owner) and its trace,
                     selection, dead units
    exposure         is_exposed / LazyRefresh: hidden views skip snapshots and catch up when shown
    plot_slot        PlotSlot: where a view's pyqtgraph plots go, built when first on screen (the
                     Map, Gradients and Histograms plots: pyqtgraph is not imported at start-up)
    weights_view     first-layer weights panel (WeightsView); tiles: composing the tile image;
                     tile_grid: the tile image widget and its colour bar
    activations_view the probe chooser and the selected unit's sum (ActivationsView);
                     network_diagram: every layer's activations painted; diagram_layout: where
    drawing_pad      draw a digit, see what the network receives and what it answers
                     (DrawingPadView); ink: strokes; ink_canvas: the canvas; pad_widgets: the
                     28x28 preview and the probability bars
    landscape_view   the loss over a 2-D slice of weight space, the run's path, 1-D profiles
                     (LandscapeView); landscape_plots, landscape_worker: its plots, its thread
    why_view         why the network answered what it did, and whether to trust it (WhyView;
                     app.why_model computes what it shows)
    evaluation_view  confusion matrix and gallery of images behind each cell (EvaluationView);
                     eval_result, confusion_matrix, gallery: its parts
    demo             a handwritten-looking digit as pen strokes (screenshots, demos)
    colormap, qtimage, cellgrid, livelabel, text  colour tables, NumPy <-> QImage, cell images,
                     labels that change often, plurals
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import Qt

from .closing import stop_on_close

KEYS = ("draw", "activations", "weights", "evaluation", "why")
DEMO_ENV = "VISUALIZER_DEMO_DIGIT"      # a digit 0-9: the pad starts with it drawn (screenshots)


@dataclass
class Views:
    """The installed views (kept on the window as ``window.views``)."""

    state: object
    weights: object
    activations: object
    pad: object
    evaluation: object
    landscape: object = None
    why: object = None



def install(window) -> Views:
    """Create the inspection views, add their docks and wire them to ``window.session``."""
    from .activations_view import ActivationsView
    from .backprop_view import install_dock as install_backprop
    from .drawing_pad import DrawingPadView
    from .edits_panel import install_dock as install_edits
    from .evaluation_view import EvaluationView
    from .state import InspectorState
    from .weights_view import WeightsView
    from .why_view import WhyView

    state = InspectorState(window.session, parent=window)
    views = Views(state, WeightsView(state), ActivationsView(state), DrawingPadView(state), EvaluationView(state))
    views.why = WhyView(state)
    window.views = views

    def look_inside(set_name: str, index: int) -> None:
        views.activations.show_image(set_name, index)
        window.show_view("activations")

    # views <-> views (the pad hands its drawing to the state, which owns the probe)
    views.evaluation.probe_requested.connect(look_inside)
    _connect_session(views, window.session)
    views.landscape = _landscape(window)
    _add_docks(window, views)
    install_backprop(window, state)
    from .map_view import install_dock as install_map
    install_map(window, state)
    from .my_digits_view import install_dock as install_my_digits
    install_my_digits(window, state)
    install_edits(window, state)
    from . import batch_view, gradients_view
    gradients_view.install_dock(window), batch_view.install_dock(window)
    from ..timeline_bar import install as install_timeline_bar
    install_timeline_bar(window, state)
    from ..trust_keeper import install as install_trust
    install_trust(window, views)
    from ..compare import install as install_compare
    install_compare(window, views.pad)          # ghost runs and the twin run
    stop_on_close(window, lambda: views.evaluation.shutdown(1.0))
    stop_on_close(window, lambda: views.why.shutdown(1.0))

    digit = os.environ.get(DEMO_ENV, "").strip()
    if digit:
        from .demo import draw_demo_digit
        draw_demo_digit(views.pad, digit)
    return views


def _landscape(window):
    """The Landscape view, following the window's session and theme (its worker stops when the
    application quits)."""
    from PySide6.QtCore import QCoreApplication

    from .landscape_view import LandscapeView

    view = LandscapeView()
    view.connect_session(window.session)
    if hasattr(window, "theme_changed"):
        window.theme_changed.connect(view.set_theme)
        view.set_theme(getattr(window, "theme", "light"))
    QCoreApplication.instance().aboutToQuit.connect(lambda: view.shutdown(1.0))
    return view


def _connect_session(views: Views, session) -> None:
    """Session -> views: data, snapshots, epochs, state, new models."""
    state, evaluation = views.state, views.evaluation
    session.data_changed.connect(state.set_data)
    session.snapshot.connect(state.set_snapshot)
    session.epoch_ended.connect(evaluation.on_epoch)
    session.finished.connect(evaluation.flush_epoch)    # the run's last epoch at once, not 0.5 s later
    if hasattr(session, "evaluated"):
        session.evaluated.connect(evaluation.on_evaluated)
    session.state_changed.connect(views.pad.set_session_state)
    if hasattr(session, "model_changed"):              # reset or loaded: a new starting point
        session.model_changed.connect(views.weights.reset_origin)
        session.model_changed.connect(evaluation.clear)
        session.model_changed.connect(views.why.refit_now)
    session.finished.connect(views.why.refit_now)
    if session.data is not None:
        state.set_data(session.data)
    if session.latest_snapshot is not None:
        state.set_snapshot(session.latest_snapshot)


def _add_docks(window, views: Views) -> None:
    """Pad, weights, evaluation and why tabbed on the right, activations under the curves.

    A view that is not on screen (dock closed, tab behind another, window minimized) skips
    snapshots and catches up when its dock becomes visible again.
    """
    from ..i18n import tr

    right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    for key, title, view, area in (("draw", tr("Draw"), views.pad, right),
                                   ("weights", tr("Weights"), views.weights, right),
                                   ("evaluation", tr("Evaluation"), views.evaluation, right),
                                   ("landscape", tr("Landscape"), views.landscape, right),
                                   ("why", tr("Why"), views.why, right),
                                   ("activations", tr("Activations"), views.activations, bottom)):
        dock = window.add_dock(key, title, view, area)
        if hasattr(view, "exposed"):
            dock.visibilityChanged.connect(view.exposed)
    from ..lessons_panel import install as install_lessons
    install_lessons(window)            # the Lessons panel (Help > Lessons), hidden at first
    window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.dock("draw").raise_()
