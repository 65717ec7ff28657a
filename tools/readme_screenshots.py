"""Take the README's screenshots from the real window (offscreen), one PNG per scene.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/readme_screenshots.py [--out docs/screenshots]
                                                                          [--only lesson,presentation]
                                                                          [--theme light|dark]
                                                                          [--language en|de]

Each scene builds a fresh main window at 1366x768 (the projector scene at
1280x720) with throwaway settings (the user's own are never read or written),
loads the embedded digits, trains through the app's own session (the training
child, full speed), sets the scene up the way a person would (draws a 3 on the
pad, opens a lesson, drags the time slider, ...) and saves a grab of the window.
The single-view pictures can also be made with ``visualizer gui --screenshot``;
this script covers the scenes that need a few steps first.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VISUALIZER_DEMO_DIGIT", "3")

from visualizer.app.main import _pump, _wait, create_app, create_window, scratch_settings  # noqa: E402


def _train(app, window, epochs: int) -> None:
    session = window.session
    cfg = session.train_config
    session.set_train_config(cfg.__class__(**{**cfg.to_dict(), "epochs": epochs}))
    window.controls.set_configs(session.network_config, session.train_config)
    if not session.start():
        raise SystemExit("training could not start")
    if not _wait(app, lambda: not session.is_active, 600):
        raise SystemExit("training did not finish within 600 s")


def _lesson(app, window) -> None:
    panel = window.lessons
    names = [lesson.title for lesson in panel.lessons]
    panel.chooser.setCurrentIndex(next((i for i, n in enumerate(names) if "first layer" in n.lower()), 0))
    window.show_view("lessons")
    panel.apply_current()
    _wait(app, lambda: window.session.data is not None and not window.session.loading, 120)
    _train(app, window, 3)
    panel.show_lesson_view()
    panel.reveal()


def _presentation(app, window) -> None:
    from visualizer.app import classroom

    window.resize(1280, 720)
    classroom.set_presentation(window, True)
    _train(app, window, 3)
    window.show_view("draw")


def _timeline(app, window) -> None:
    _train(app, window, 5)
    bar = window.timeline_bar
    n = bar.slider.maximum() + 1
    bar.choose(max(0, n // 3))
    window.show_view("weights")


def _backprop(app, window) -> None:
    _train(app, window, 3)
    window.show_view("backprop")


def _view_after(view: str, epochs: int = 3):
    def scene(app, window) -> None:
        _train(app, window, epochs)
        window.show_view(view)
        _pump(app, 1.5)                     # background work (fits, projections) lands
    return scene


def _gradients(app, window) -> None:
    """The vanishing-gradients lesson (six sigmoid layers), trained, with the Gradients view."""
    panel = window.lessons
    panel.chooser.setCurrentIndex(next(i for i, lesson in enumerate(panel.lessons)
                                       if "sigmoid" in lesson.title.lower()))
    panel.apply_current()
    _wait(app, lambda: window.session.data is not None and not window.session.loading, 120)
    _train(app, window, 3)
    window.show_view("controls")
    window.show_view("gradients")


def _batch(app, window) -> None:
    """A run paused early, then one Step (F10): the batch it trained on."""
    session = window.session
    _train(app, window, 1)
    cfg = session.train_config
    session.set_train_config(cfg.__class__(**{**cfg.to_dict(), "epochs": 3}))
    details = []
    session.step_detail.connect(details.append)
    session.start()
    _pump(app, 0.3)
    session.pause()
    _wait(app, lambda: session.state == "paused", 30)
    session.step()
    _wait(app, lambda: bool(details), 30)
    window.show_view("batch")


SCENES = {
    "lesson": _lesson,
    "presentation": _presentation,
    "timeline": _timeline,
    "backprop": _backprop,
    "why": _view_after("why"),
    "map": _view_after("map"),
    "gradients": _gradients,
    "batch": _batch,
}


def shoot(app, name: str, out: Path, theme: str, language: str = "en") -> None:
    with scratch_settings():
        window = create_window(restore=False, load_data=False)
        window.autosave_on_close = False
        window.set_theme(theme)
        window.resize(1366, 768)
        window.show()
        window.speed_control.set_speed(None)
        window.session.set_speed(None)
        try:
            window.load_dataset("sample")
            if not _wait(app, lambda: window.session.data is not None and not window.session.loading, 120):
                raise SystemExit("the embedded digits did not load")
            SCENES[name](app, window)
            _pump(app, 1.0)
            window.curves.redraw()
            _pump(app, 0.2)
            suffix = "".join(f"-{part}" for part in (theme, language) if part not in ("light", "en"))
            path = out / f"{name}{suffix}.png"
            window.grab().save(str(path), "PNG")
            print(f"saved {path}")
        finally:
            from visualizer.app import theme

            theme.set_presentation(app, False)     # app-wide: never carry it into the next scene
            window.close()
            app.processEvents()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    ap.add_argument("--only", default=",".join(SCENES), help="comma-separated scene names")
    ap.add_argument("--theme", default="light", choices=("light", "dark"))
    ap.add_argument("--language", default="en", choices=("en", "de"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    from visualizer.app import i18n

    i18n.install(app, args.language)
    for name in args.only.split(","):
        if name not in SCENES:
            print(f"unknown scene {name!r}; known: {', '.join(SCENES)}", file=sys.stderr)
            return 2
        shoot(app, name, args.out, args.theme, args.language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
