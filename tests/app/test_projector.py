"""Projector mode on a 1280x720 projector and a 1366x768 laptop, light and dark: the curves' axis
titles stay clear of the tick labels and of each other, and the activations' column titles are
drawn in the font they were measured in (whole, or shortened with the whole title as a tooltip)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication

from visualizer.app import theme
from visualizer.core.events import BatchEvent

SIZES = [(1280, 720), (1366, 768)]


@pytest.fixture
def projecting(qtbot, window):
    """The window in projector mode (switched back afterwards)."""
    window.act_presentation.trigger()
    try:
        yield window
    finally:
        window.act_presentation.trigger()
    assert not theme.presentation()


def _settle(qtbot, window, size, theme_name) -> None:
    window.set_theme(theme_name)
    window.resize(*size)
    qtbot.wait(50)
    QApplication.processEvents()


def _tick_rects(axis) -> list[QRectF]:
    """Where ``axis`` draws its tick labels, in scene coordinates."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    p = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(p)
    finally:
        p.end()
    return [axis.mapRectToScene(rect) for rect, _flags, text in texts if text]


def _title_rect(axis) -> QRectF:
    """Where ``axis``'s title text is, in scene coordinates (the text item without its margins)."""
    label = axis.label
    m = label.document().documentMargin()
    return label.mapRectToScene(label.boundingRect().adjusted(m, m, -m, -m))


@pytest.mark.parametrize("size,theme_name,lr", [((1280, 720), "light", 1e-3), ((1280, 720), "dark", 1e-4),
                                                ((1366, 768), "dark", 1e-3), ((1366, 768), "light", 1e-4)])
def test_the_curves_titles_keep_clear_of_the_tick_labels_and_each_other(qtbot, projecting, size, theme_name, lr):
    window = projecting
    curves = window.curves
    curves.ensure_built()
    curves.add_batches(tuple(BatchEvent(s, 0, s, 100, s / 100, 2.3 / (1 + 0.05 * s), 0.5, lr, 32)
                             for s in range(1, 80)))       # lr 1e-4: the widest tick, "0.0001"
    _settle(qtbot, window, size, theme_name)
    curves.redraw()
    qtbot.wait(20)
    plots = (curves.loss_plot, curves.acc_plot, curves.lr_plot)
    axes = [p.getAxis("left") for p in plots]
    per_axis = [_tick_rects(axis) for axis in axes]
    assert all(per_axis), "every plot labels its ticks"
    ticks = [r for rects in per_axis for r in rects]
    titles = []
    for plot, axis in zip(plots, axes):
        assert axis.label.isVisible() and axis.label.toPlainText().strip(), "every plot has a title"
        rect = _title_rect(axis)
        box = axis.mapRectToScene(axis.rect())
        assert box.top() - 0.5 <= rect.top() and rect.bottom() <= box.bottom() + 0.5, \
            f"{axis.label.toPlainText()!r} runs past its plot"
        for tick in ticks:
            assert not rect.intersects(tick), f"{axis.label.toPlainText()!r} meets a tick label"
        titles.append(rect)
    for i, a in enumerate(titles):
        for b in titles[i + 1:]:
            assert not a.intersects(b)


def test_the_curves_titles_are_whole_where_there_is_room(qtbot, window):
    window.curves.ensure_built()
    _settle(qtbot, window, (1366, 768), "light")
    names = [p.getAxis("left").label.toPlainText().strip()
             for p in (window.curves.loss_plot, window.curves.acc_plot, window.curves.lr_plot)]
    assert names == ["Loss", "Accuracy %", "LR"]


def _bold(widget) -> QFont:
    font = QFont(widget.font())
    font.setBold(True)
    return font


@pytest.mark.parametrize("theme_name", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_the_activations_titles_fit_in_the_font_they_are_drawn_in(qtbot, projecting, size, theme_name):
    window = projecting
    _settle(qtbot, window, size, theme_name)
    window.show_view("activations")
    views = window.views
    diagram = views.activations.diagram
    qtbot.waitUntil(lambda: views.state.trace is not None and diagram.isVisible() and diagram.width() > 0,
                    timeout=5000)
    assert diagram.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF())
    assert diagram.ensure_layout()
    sizes = views.state.snapshot.sizes
    drawn = QFontMetrics(_bold(diagram))                 # the font the painter draws the titles in
    titles = diagram.title_items(sizes)
    for slot, (rect, text) in zip(diagram.text_slots(), titles):
        assert text
        assert drawn.horizontalAdvance(text) <= rect.width() + 0.5, text
        assert drawn.height() <= rect.height()
        assert slot.left() - 0.5 <= rect.left() and rect.right() <= slot.right() + 0.5, text
    diagram.repaint()


def test_a_shortened_activations_title_shows_the_whole_title_as_a_tooltip(qtbot, tiny_bundle):
    import numpy as np

    from visualizer.app.views.activations_view import ActivationsView
    from visualizer.app.views.state import InspectorState
    from visualizer.core.config import NetworkConfig
    from visualizer.core.network import MLP
    from visualizer.core.snapshot import take_snapshot

    state = InspectorState()
    view = ActivationsView(state)
    qtbot.addWidget(view)
    view.diagram.resize(360, 170)
    state.set_data(tiny_bundle)
    snap = take_snapshot(MLP(NetworkConfig(hidden=(30,) * 4), rng=np.random.default_rng(0)))
    state.set_snapshot(snap)
    diagram = view.diagram
    assert diagram.ensure_layout()
    titles = diagram.title_items(snap.sizes)
    whole = ["Input"] + [f"Hidden {i} · 30" for i in range(1, 5)] + ["Output"]
    shortened = [(rect, text, full) for (rect, text), full in zip(titles, whole) if text != full]
    assert len(shortened) >= 4, [t for _, t in titles]
    for rect, _text, full in shortened:
        assert diagram.title_tip(rect.center()) == full
    kept = [rect for (rect, text), full in zip(titles, whole) if text == full]
    assert all(diagram.title_tip(rect.center()) == "" for rect in kept)      # nothing hidden: no tip
    assert diagram.title_tip(diagram.cell_rect(1, 0).center()) == ""


def _sum_shown(qtbot, window):
    window.show_view("activations")
    views = window.views
    qtbot.waitUntil(lambda: views.state.trace is not None and views.activations.sum_label.text() != "",
                    timeout=5000)
    return views.activations


def test_projector_mode_fits_1280x720_with_the_sum_spelled_out_and_its_strongest_terms_in_a_tooltip(
        qtbot, window):
    window.resize(1280, 720)
    view = _sum_shown(qtbot, window)
    window.act_presentation.trigger()
    try:
        qtbot.wait(50)
        QApplication.processEvents()
        hint = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert hint.height() <= 720 and hint.width() <= 1280, hint
        label = view.sum_label
        assert "z = bias" in label.text()
        assert label.height() <= 2 * label.fontMetrics().lineSpacing() + 4
        if "strongest" not in label.text():
            assert "strongest" in label.toolTip() and label.toolTip().startswith(label.text())
    finally:
        window.act_presentation.trigger()


def test_the_sum_keeps_its_strongest_terms_where_they_fit(qtbot, window):
    window.resize(1366, 768)
    view = _sum_shown(qtbot, window)
    qtbot.wait(50)
    assert "strongest" in view.sum_label.text() and view.sum_label.toolTip() == ""


@pytest.mark.parametrize("size", SIZES)
def test_no_two_tick_labels_of_a_left_axis_overlap(qtbot, projecting, size):
    window = projecting
    curves = window.curves
    curves.ensure_built()
    _settle(qtbot, window, size, "light")
    for plot in curves.plots():
        rects = sorted(_tick_rects(plot.getAxis("left")), key=lambda r: r.top())
        overlaps = [(a, b) for a, b in zip(rects, rects[1:]) if a.intersects(b)]
        assert overlaps == [], (plot.getAxis("left").labelText, overlaps)


def test_the_accuracy_ticks_spread_out_only_where_their_labels_need_it():
    from visualizer.app.curves_axes import accuracy_step

    assert accuracy_step(120, 13) == 20           # a laptop's plot: 20, 40, 60, 80
    assert accuracy_step(50, 17) == 50            # a projector's short plot: 50 alone
    assert accuracy_step(50, 13) == 25 and accuracy_step(10, 17) == 50
