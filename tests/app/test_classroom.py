"""The classroom in the window: lessons applied through the session, projector mode, Export view."""

from __future__ import annotations

import html

import pytest
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication

from visualizer.app import dialogs, lessons, lessons_panel, theme, view_export
from visualizer.app.lessons import Lesson
from visualizer.core.config import NetworkConfig, TrainConfig


def _lesson(**kw) -> Lesson:
    base = dict(title="Mine", goal="G", question="Q?", explanation="E.", network=NetworkConfig(hidden=(8,)),
                train=TrainConfig(optimizer="sgd", lr=0.05, epochs=1))
    return Lesson(**{**base, **kw})


def test_the_menus_hold_the_classroom_actions(window):
    texts = {a.text() for a in window.findChildren(type(window.act_open)) if a.text()}
    assert {"Open &lesson…", "Export &view…", "&Presentation", "&Lessons"} <= texts
    assert window.act_presentation.shortcut() == QKeySequence("Ctrl+Shift+P")
    assert not window.dock("lessons").isVisible()
    window.act_lessons.trigger()
    assert window.dock("lessons").isVisible()


def test_every_shipped_lesson_applies_its_settings_and_raises_its_view(qtbot, window):
    panel = window.lessons
    assert len(panel.lessons) >= 10
    for i, lesson in enumerate(panel.lessons):
        panel.chooser.setCurrentIndex(i)
        assert panel.apply_current(), lesson.title
        s = window.session
        assert (s.network_config, s.train_config) == (lesson.network, lesson.train)
        assert window.controls.network_config() == lesson.network
        assert s.step_count == 0 and not s.dirty                  # fresh weights
        assert panel.view_available(lesson) == (lesson.view in window.view_keys())
        if lesson.view != "curves" and panel.view_available(lesson):
            assert window.dock(lesson.view).isVisible()
        text = panel.body.text()
        if not panel.view_available(lesson):                     # says so rather than pretend
            assert "does not have yet" in text and not panel.watch_button.isEnabled()
        assert not panel.explanation.isVisibleTo(panel)
        panel.reveal_button.click()
        assert panel.explanation.isVisibleTo(panel) and html.escape(lesson.explanation[:20]) in panel.explanation.text()


def test_a_lesson_on_fewer_images_trains_on_a_subset_and_the_next_one_on_all_again(qtbot, window):
    from visualizer.app.session import build_bundle
    from visualizer.core.dataset import load_dataset

    s = window.session
    s.set_data(build_bundle(load_dataset("sample"), 0.1))
    whole = len(s.data.y_train) + len(s.data.y_val)
    assert lessons_panel.apply_lesson(window, _lesson(train_images=500))
    assert abs(len(s.data.y_train) + len(s.data.y_val) - 500) <= 10
    with qtbot.waitSignal(s.data_changed, timeout=20_000):
        assert lessons_panel.apply_lesson(window, _lesson())
    assert len(s.data.y_train) + len(s.data.y_val) == whole


def test_applying_a_lesson_asks_before_unsaved_training_is_discarded(qtbot, window, asked):
    s = window.session
    s.mark_dirty()
    before = (s.network_config, s.train_config)
    asked.answer = None                                          # Cancel
    assert not lessons_panel.apply_lesson(window, _lesson())
    assert (s.network_config, s.train_config) == before and s.dirty
    assert asked and "Mine" in asked[0][1]
    asked.answer = "Discard"
    assert lessons_panel.apply_lesson(window, _lesson())
    assert s.network_config == NetworkConfig(hidden=(8,)) and not s.dirty


def test_a_lesson_whose_view_is_missing_says_so(window):
    window.lessons.add_lesson(_lesson(view="nosuchview"))
    assert "does not have yet" in window.lessons.body.text()
    assert not window.lessons.watch_button.isEnabled()


def test_open_lesson_shows_a_teachers_file_and_names_file_and_line_of_a_broken_one(window, tmp_path, monkeypatch,
                                                                                  messages):
    good = tmp_path / "mine.toml"
    good.write_text('title = "My lesson"\ngoal = "G"\nquestion = "Q?"\nexplanation = "E."\n', encoding="utf-8")
    monkeypatch.setattr(dialogs, "get_open_path", lambda *a: str(good))
    window.act_open_lesson.trigger()
    assert window.lessons.current.title == "My lesson" and window.dock("lessons").isVisible()
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "B"\ngoal = "G"\nquestion = "Q?"\nexplanation = "E."\n[train]\nlr = "fast"\n',
                   encoding="utf-8")
    monkeypatch.setattr(dialogs, "get_open_path", lambda *a: str(bad))
    window.act_open_lesson.trigger()
    assert messages and messages[-1][0] == "error" and f"{bad}, line 6:" in messages[-1][2]
    assert window.lessons.current.title == "My lesson"


def test_presentation_enlarges_fonts_and_pens_and_the_same_key_switches_back(qtbot, window):
    app = QApplication.instance()
    window.curves.ensure_built()
    pen = window.curves.c_val_loss.opts["pen"].widthF()
    size = app.font().pointSizeF()
    colours = theme.plot_colors(window.theme)
    window.act_presentation.trigger()
    try:
        assert theme.presentation() and window.act_presentation.isChecked()
        assert app.font().pointSizeF() == pytest.approx(size * theme.PRESENTATION_FONT)
        assert window.curves.c_val_loss.opts["pen"].widthF() == pytest.approx(pen * theme.PRESENTATION_PEN)
        strong = theme.plot_colors(window.theme)
        assert strong["text"] in ("#000000", "#ffffff") and strong != colours
    finally:
        window.act_presentation.trigger()
    assert not theme.presentation() and not window.act_presentation.isChecked()
    assert app.font().pointSizeF() == pytest.approx(size)
    assert window.curves.c_val_loss.opts["pen"].widthF() == pytest.approx(pen)
    assert theme.plot_colors(window.theme) == colours


@pytest.mark.parametrize("key", ["weights", "curves"])
def test_export_view_writes_a_wide_png_under_a_title_line(qtbot, window, tmp_path, monkeypatch, key):
    assert "step 0" in view_export.title(window, "weights")          # fresh weights: step 0
    window.act_start.trigger()
    qtbot.waitUntil(lambda: not window.session.is_active, timeout=20_000)
    target = tmp_path / f"{key}.png"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(target))
    window.show_view(key)
    qtbot.wait(50)
    assert view_export.export_view(window, key)
    image = QImage(str(target))
    assert image.width() >= 1920
    line = view_export.title(window, key)
    assert "Network 784-16-10" in line and "MNIST sample" in line and f"step {window.session.step_count:,}" in line
    if key != "curves":
        assert line.startswith("Weights · ")
        widget = window.dock(key).widget()
        colours = theme.plot_colors(window.theme)
        titled = view_export.render_widget(widget, line, colours)
        blank = view_export.render_widget(widget, "", colours)
        strip = int(view_export.TITLE_HEIGHT * titled.devicePixelRatio())
        assert titled.copy(0, 0, titled.width(), strip) != blank.copy(0, 0, blank.width(), strip)
        assert image.height() == titled.height()


def test_export_view_takes_the_focused_view(qtbot, window):
    window.show_view("evaluation")
    qtbot.wait(50)
    if QApplication.focusWidget() is None:
        pytest.skip("no focus in this headless platform")
    assert view_export.current_view(window) == "evaluation"
    window.curves.setFocus()
    qtbot.wait(20)
    assert view_export.current_view(window) == "curves"


def test_a_subset_lesson_on_another_dataset_loads_it_first(qtbot, window, make_bundle):
    s = window.session
    s.set_data(make_bundle(name="other"))
    with qtbot.waitSignal(s.data_changed, timeout=20_000):
        assert lessons_panel.apply_lesson(window, _lesson(train_images=500))
    qtbot.waitUntil(lambda: s.data.name == "sample" and lessons.is_subset(s.data.dataset), timeout=20_000)
    assert abs(len(s.data.y_train) + len(s.data.y_val) - 500) <= 10
    with qtbot.waitSignal(s.data_changed, timeout=20_000):
        s.load_data("sample")
    assert not lessons.is_subset(s.data.dataset)


def test_the_curves_export_as_an_svg_drawing_with_the_title(qtbot, window, tmp_path, monkeypatch):
    window.act_start.trigger()
    qtbot.waitUntil(lambda: not window.session.is_active, timeout=20_000)
    target = tmp_path / "curves.svg"
    seen = []
    monkeypatch.setattr(dialogs, "get_save_path", lambda parent, caption, name, filter: seen.append(filter)
                        or str(target))
    assert view_export.export_view(window, "curves")
    text = target.read_text(encoding="utf-8")
    assert "SVG" in seen[0] and text.lstrip().startswith("<?xml") and "<svg" in text
    assert "<path" in text or "<polyline" in text
    assert html.escape(view_export.title(window, "curves")) in text
    monkeypatch.setattr(dialogs, "get_save_path", lambda parent, caption, name, filter: seen.append(filter) or "")
    window.show_view("weights")
    assert not view_export.export_view(window, "weights") and "SVG" not in seen[-1]


def test_presentation_fits_a_1280x720_projector_and_gives_the_side_panels_back(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.show_view("lessons")
    QApplication.processEvents()
    open_before = {k for k, d in window.docks.by_key.items() if not d.isHidden()}
    window.act_presentation.trigger()
    try:
        QApplication.processEvents()
        assert window.docks.by_key["controls"].isHidden() and window.docks.by_key["lessons"].isHidden()
        hint = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert hint.width() <= 1280 and hint.height() <= 720, hint
    finally:
        window.act_presentation.trigger()
    QApplication.processEvents()
    assert {k for k, d in window.docks.by_key.items() if not d.isHidden()} == open_before
    assert window.docks.by_key["lessons"].visibleRegion().isEmpty() is False
