"""Start the desktop app: ``run_gui`` (what ``visualizer`` and ``visualizer gui`` call).

    run_gui()                                   the interactive app (remembered settings); offers
                                                the trained model the last window closed without
                                                saving (``recovery.py``)
    run_gui(dataset="fashion", epochs=10)       preset the dataset and the epochs to train
    run_gui(model="digits.npz", view="weights")  open a model, bring a view to the front
    run_gui(speed=1.0)                          train one batch a second (None: full speed; by
                                                default the remembered speed)
    run_gui(screenshot="window.png", epochs=3)  render the real window (the offscreen platform
                                                works), train 3 epochs live (or open --model),
                                                save a grab of the window to PNG and exit 0;
                                                the remembered settings are read but never
                                                written (a throwaway copy takes the writes)
    run_gui(language="de")                      the window in German for this run (by default
                                                the language chosen in View > Language, else the
                                                system's; a screenshot is in English unless asked)

Returns the exit code: 0, or 2 after printing one line on stderr for an input
error (bad model file, unknown view, unreadable dataset in screenshot mode).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

SCREENSHOT_SIZE = (1366, 768)


def _error(message: str) -> int:
    print(f"visualizer: error: {message}", file=sys.stderr)
    return 2


def create_app():
    """The QApplication (created once), named "visualizer" for QSettings.

    Also sets this process's OpenBLAS to one thread: the app process computes only
    small products (a drawing's trace, snapshots' colours) while training runs in its
    own process, and a second BLAS thread spinning on the core that training needs
    stalled the event loop for up to 95 ms (1 ms timer, 54,000-image epochs).
    """
    from PySide6.QtWidgets import QApplication

    from visualizer.core.blas import set_blas_threads

    set_blas_threads(1)

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("visualizer")
    app.setApplicationName("visualizer")
    app.setApplicationDisplayName("visualizer")
    app.setDesktopFileName("visualizer")
    return app


def create_window(*, restore: bool = True, load_data: bool = True):
    from .main_window import MainWindow

    return MainWindow(restore=restore, load_data=load_data)


def _wait(app, predicate, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.005)
    return True


def _pump(app, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)


def run_gui(screenshot=None, dataset=None, epochs=None, model=None, view=None, *, theme=None,
            speed="remembered", language=None) -> int:
    """Run the window; see the module docstring. ``theme``: "light" | "dark" | "system";
    ``speed``: batches per second, None for full speed (a screenshot's default);
    ``language``: a code of ``i18n.LANGUAGES`` or "system" (None: the remembered choice)."""
    app = create_app()
    if screenshot is not None:
        return _screenshot(app, os.fspath(screenshot), dataset, epochs, model, view, theme,
                           None if speed == "remembered" else speed, language)

    use_language(app, language)
    window = create_window(restore=True, load_data=dataset is None)
    if theme is not None:
        window.set_theme(theme)
    if speed != "remembered":
        window.speed_control.set_speed(speed)
        window.session.set_speed(speed)
    if epochs is not None:
        window.session.set_train_config(window.session.train_config.__class__(
            **{**window.session.train_config.to_dict(), "epochs": int(epochs)}))
        window.controls.set_configs(window.session.network_config, window.session.train_config)
    window.show()
    if dataset is not None:
        window.load_dataset(str(dataset))
    if model is not None:
        window.open_model_path(os.fspath(model))     # a bad file: a message, the app stays open
    if view is not None:
        try:
            window.show_view(view)
        except KeyError as exc:
            window.banner.show_message("warning", str(exc.args[0]))
    window.offer_recovery()        # a trained model the last session closed without saving
    return int(app.exec())


@contextlib.contextmanager
def scratch_settings():
    """Point every QSettings of this process at a throwaway copy of the user's settings.

    A screenshot run reads what the person chose (the views' remembered options
    included) and may change it while it renders, but never writes their file.
    """
    from PySide6.QtCore import QSettings

    from .window_settings import APP, ORG, settings_path, unsafe_reason

    source = settings_path()
    with tempfile.TemporaryDirectory(prefix="visualizer-screenshot-") as scratch:
        if source is not None and source.is_file() and not unsafe_reason(source):
            target = Path(scratch) / ORG / f"{APP}.conf"
            target.parent.mkdir(parents=True)
            with contextlib.suppress(OSError):
                shutil.copyfile(source, target)
        for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
            QSettings.setPath(fmt, QSettings.UserScope, scratch)
        yield


def use_language(app, language: str | None = None) -> str:
    """Install the translation of ``language`` (None: the one remembered, "system" by default)
    before any window exists; the language code in use."""
    from . import i18n
    from .window_settings import WindowSettings

    choice = language if language is not None else WindowSettings(persist=False).language()
    code = i18n.resolve(choice)
    i18n.install(app, code)
    return i18n.current()


def _screenshot(app, path: str, dataset, epochs, model, view, theme, speed=None, language=None) -> int:
    from PySide6.QtWidgets import QApplication

    from .window_settings import WindowSettings

    with scratch_settings():
        use_language(app, language or "en")       # the docs' screenshots are in English unless asked
        remembered = WindowSettings(persist=False).theme()    # the person's theme, unless one is given
        window = create_window(restore=False, load_data=False)
        window.autosave_on_close = False      # a screenshot run is nobody's unsaved work
        window.set_theme(theme or remembered)
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        window.speed_control.set_speed(speed)
        window.session.set_speed(speed)
        try:
            error = _prepare(app, window, dataset, epochs, model, view)
            return _error(error) if error else _grab(app, window, path)
        finally:
            window.close()
            QApplication.processEvents()
            use_language(app, "en")               # callers in the same process get English back


def _prepare(app, window, dataset, epochs, model, view) -> str:
    """Load the data, open or train the model, raise the view: "" or what went wrong."""
    from visualizer.core.errors import VisualizerError

    session = window.session
    errors: list[str] = []
    session.data_failed.connect(errors.append)
    spec = str(dataset) if dataset is not None else "sample"
    window.load_dataset(spec)
    if not _wait(app, lambda: session.data is not None and not session.loading, 120):
        return f"dataset {spec} did not load within 120 s"
    if dataset is not None and errors and session.data.name != spec:
        return errors[0]
    if model is not None:
        try:
            session.load_model(model)
        except (VisualizerError, OSError) as exc:
            return str(exc)
    if epochs is not None:
        cfg = session.train_config
        session.set_train_config(cfg.__class__(**{**cfg.to_dict(), "epochs": int(epochs)}))
        window.controls.set_configs(session.network_config, session.train_config)
        if not session.start():
            return "training could not start"
        if not _wait(app, lambda: not session.is_active, 3600):
            return "training did not finish"
    if view is not None:
        try:
            window.show_view(view)
        except KeyError as exc:
            return str(exc.args[0])
    return ""


def _grab(app, window, path: str) -> int:
    """Save a grab of ``window`` to ``path`` (PNG, atomic); the exit code."""
    from visualizer.core.atomic import atomic_path

    _pump(app, 0.6)                       # let coalesced redraws and views catch up
    window.curves.redraw()
    _pump(app, 0.1)
    pixmap = window.grab()
    try:
        with atomic_path(path, suffix=".png") as tmp:
            if not pixmap.save(str(tmp), "PNG"):
                raise OSError("the image could not be encoded")
    except OSError as exc:
        return _error(f"{path}: cannot write the screenshot ({exc.strerror or exc})")
    print(f"saved {path} ({pixmap.width()}x{pixmap.height()})")
    return 0


if __name__ == "__main__":
    sys.exit(run_gui())
