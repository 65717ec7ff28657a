"""The Lessons panel: a guided experiment's goal, its settings in one click, what to watch, a question.

``install(window)`` adds the panel as the hidden dock "lessons" (Help > Lessons
shows it; ``window.lessons`` is the ``LessonsPanel``). The lessons come from
``app.lessons`` (the shipped files; ``open_file`` adds a teacher's own, File >
Open lesson…). "Apply settings" hands the lesson to ``apply_lesson``: it asks
before unsaved training is discarded, then sets the architecture, the training
settings and the dataset through the session and raises the view to watch. A
lesson whose view is not in this version says so instead of pretending.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from visualizer.core.errors import VisualizerError

from . import dialogs, i18n, lessons
from .i18n import tr
from .lessons import Lesson, LessonError


def lesson_filter() -> str:
    """The file dialog's filter for lesson files."""
    return tr("Lessons (*.toml);;All files (*)")


def view_title(window, key: str) -> str:
    """The view's dock title ("Weights"), "Curves" for the curves, else ``key`` itself."""
    if key == "curves":
        return tr("Curves")
    dock = window.docks.by_key.get(key)
    return dock.windowTitle() if dock is not None else key


class LessonsPanel(QWidget):
    """See the module docstring.

    Signal: ``applied(Lesson)`` -- after a lesson's settings reached the session.
    """

    applied = Signal(object)

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.lessons: list[Lesson] = []
        self.chooser = QComboBox()
        self.chooser.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(12)
        self.chooser.currentIndexChanged.connect(self._show)
        self.body = QLabel(wordWrap=True, textFormat=Qt.RichText)
        self.body.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.apply_button = QPushButton(tr("Apply settings"))
        self.apply_button.setToolTip(tr("Set the lesson's network, training settings and dataset "
                                        "(asks before unsaved training is discarded)"))
        self.apply_button.clicked.connect(self.apply_current)
        self.watch_button = QPushButton(tr("Show the view"))
        self.watch_button.setToolTip(tr("Bring the view this lesson watches to the front"))
        self.watch_button.clicked.connect(self.show_lesson_view)
        self.reveal_button = QPushButton(tr("Reveal the explanation"))
        self.reveal_button.setToolTip(tr("Answer the question first, then read the explanation"))
        self.reveal_button.clicked.connect(self.reveal)
        self.explanation = QLabel(wordWrap=True, textFormat=Qt.RichText)
        self.explanation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.explanation.hide()
        self._build()
        try:
            self.set_lessons(lessons.shipped(i18n.current()))
        except LessonError as exc:               # a broken installation: say so in the panel
            self.body.setText(html.escape(str(exc)))

    def _build(self) -> None:
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.chooser)
        lay.addWidget(self.body)
        for button in (self.apply_button, self.watch_button, self.reveal_button):
            lay.addWidget(button, 0, Qt.AlignLeft)   # one per row: a narrow panel in any language
        lay.addWidget(self.explanation)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)    # the text wraps instead
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # ------------------------------------------------------------------ lessons
    def set_lessons(self, items: list[Lesson]) -> None:
        self.lessons = list(items)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for i, lesson in enumerate(self.lessons, 1):
            self.chooser.addItem(f"{i}. {lesson.title}")
        self.chooser.blockSignals(False)
        self._show(self.chooser.currentIndex())

    def add_lesson(self, lesson: Lesson) -> None:
        """Add (or replace, for the same file) ``lesson`` and show it."""
        keep = [x for x in self.lessons if not (lesson.source and x.source == lesson.source)]
        self.set_lessons(keep + [lesson])
        self.chooser.setCurrentIndex(len(self.lessons) - 1)

    def open_file(self, path: str) -> bool:
        """Read the lesson file ``path`` and show it; a malformed one gets a message naming file and line."""
        try:
            lesson = lessons.load(path)
        except LessonError as exc:
            dialogs.show_message(self.window, "error", tr("Lesson"), str(exc))
            return False
        self.add_lesson(lesson)
        self.window.show_view("lessons")
        return True

    @property
    def current(self) -> Lesson | None:
        i = self.chooser.currentIndex()
        return self.lessons[i] if 0 <= i < len(self.lessons) else None

    def view_available(self, lesson: Lesson) -> bool:
        return lesson.view in self.window.view_keys()

    def _show(self, _index: int = 0) -> None:
        lesson = self.current
        self.explanation.hide()
        self.reveal_button.setEnabled(lesson is not None)
        self.apply_button.setEnabled(lesson is not None)
        if lesson is None:
            self.body.setText(tr("No lessons."))
            self.watch_button.setEnabled(False)
            return
        self.body.setText(lesson_html(lesson, view_title(self.window, lesson.view),
                                      self.view_available(lesson)))
        self.watch_button.setEnabled(self.view_available(lesson))
        self.watch_button.setText(tr("Show {view}").format(view=view_title(self.window, lesson.view)))
        self.explanation.setText(tr("<b>Explanation.</b> {text}").format(text=html.escape(lesson.explanation)))

    def reveal(self) -> None:
        self.explanation.show()

    def show_lesson_view(self) -> None:
        lesson = self.current
        if lesson is not None and self.view_available(lesson):
            self.window.show_view(lesson.view)

    def apply_current(self) -> bool:
        lesson = self.current
        if lesson is None or not apply_lesson(self.window, lesson):
            return False
        self.applied.emit(lesson)
        return True


def lesson_html(lesson: Lesson, view: str, available: bool) -> str:
    """The lesson's goal, settings, what to watch and its question (rich text)."""
    e = html.escape
    if available:
        watch = tr("<b>Watch:</b> the <b>{view}</b> view.").format(view=e(view))
    else:
        watch = tr("<b>Watch:</b> this lesson needs the <b>{view}</b> view, which this version of "
                   "visualizer does not have yet.").format(view=e(view))
    if lesson.watch:
        watch += " " + e(lesson.watch)
    return (f"<h3>{e(lesson.title)}</h3><p>" + tr("<b>Goal:</b> {text}").format(text=e(lesson.goal)) + "</p><p>"
            + tr("<b>Settings:</b> {text}").format(text=e(lesson.settings_text())) + "<br>"
            + tr("Apply them, then press Start (F5).") + f"</p><p>{watch}</p><p>"
            + tr("<b>Question:</b> {text}").format(text=e(lesson.question)) + "</p>")


def apply_lesson(window, lesson: Lesson) -> bool:
    """Give the session ``lesson``'s settings and dataset (fresh weights); False when refused or cancelled."""
    s = window.session
    if s.is_active:
        window.banner.show_message("warning", tr("Stop training before applying a lesson's settings."))
        return False
    if not window.files.confirm_discard(tr("Applying the lesson “{title}”").format(title=lesson.title)):
        return False
    try:
        s.set_train_config(lesson.train)
        changed = lesson.network != s.network_config
        s.set_network_config(lesson.network)          # a new architecture starts fresh
        if not changed:
            s.reset()
        window.controls.set_configs(s.network_config, s.train_config)
        _apply_dataset(window, lesson)
    except VisualizerError as exc:
        dialogs.show_message(window, "error", tr("Lesson"), f"{lesson.source or lesson.title}: {exc}")
        return False
    window.settings.save_configs(s.network_config, s.train_config)
    if lesson.view in window.view_keys():
        window.show_view(lesson.view)
    window.flash(tr("Lesson “{title}”: settings applied. Press Start (F5).").format(title=lesson.title),
                 5000)
    return True


def _apply_dataset(window, lesson: Lesson) -> None:
    """The lesson's dataset: loaded when another one (or a subset) is in use; a subset when it asks."""
    s = window.session
    data = s.data
    same = data is not None and data.name == lesson.dataset
    if not lesson.train_images:
        if not same or lessons.is_subset(data.dataset):
            window.data_actions.load_dataset(lesson.dataset, ask=False)
        return
    if same:
        # the whole set: the one in use, or (after an earlier subset) the loader's in-memory copy
        full = data.dataset if not lessons.is_subset(data.dataset) else _load_whole(lesson.dataset)
        _install_subset(window, full, lesson)
        return

    def done() -> None:
        s.data_changed.disconnect(loaded)
        s.data_failed.disconnect(failed)

    def loaded(bundle) -> None:
        done()
        if bundle.name == lesson.dataset:
            _install_subset(window, bundle.dataset, lesson)

    def failed(_message: str) -> None:        # the loader says so; no subset waits for a later load
        done()

    s.data_changed.connect(loaded)
    s.data_failed.connect(failed)
    window.data_actions.load_dataset(lesson.dataset, ask=False)


def _load_whole(spec: str):
    from visualizer.core.dataset import load_dataset

    return load_dataset(spec)


def _install_subset(window, dataset, lesson: Lesson) -> None:
    from .session import build_bundle

    s = window.session
    part = lessons.subset(dataset, lesson.train_images, lesson.train.seed)
    s.set_data(build_bundle(part, s.train_config.val_fraction))


def install(window) -> LessonsPanel:
    """Create the panel and its hidden dock "lessons", a tab beside the settings."""
    panel = LessonsPanel(window)
    window.lessons = panel
    dock = window.add_dock("lessons", tr("Lessons"), panel, Qt.DockWidgetArea.LeftDockWidgetArea)
    dock.hide()
    return panel


def open_lesson_dialog(window) -> bool:
    """File > Open lesson…: choose a .toml lesson file and show it."""
    start = str(Path.home())
    path = dialogs.get_open_path(window, tr("Open lesson"), start, lesson_filter())
    return bool(path) and window.lessons.open_file(path)
