"""Fixtures for the app tests: a tiny real dataset and a window that trains it.

The tiny bundle is a stratified subset of the embedded MNIST sample (real
digits), small enough that an epoch takes a few milliseconds.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core.config import NetworkConfig, TrainConfig


def make_tiny_bundle(n_train: int = 400, val_fraction: float = 0.1, seed: int = 0, name: str = "sample"):
    from visualizer.app.session import build_bundle
    from visualizer.core.dataset import Dataset, load_dataset

    full = load_dataset("sample")
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(len(full.y_train), size=n_train, replace=False))
    tidx = np.sort(rng.choice(len(full.y_test), size=min(100, len(full.y_test)), replace=False))
    ds = Dataset(name, full.x_train[idx].copy(), full.y_train[idx].copy(),
                 full.x_test[tidx].copy(), full.y_test[tidx].copy(), full.class_names, "embedded (subset)")
    return build_bundle(ds, val_fraction)


@pytest.fixture(scope="session")
def tiny_bundle():
    return make_tiny_bundle()


@pytest.fixture(scope="session")
def make_bundle():
    """``make_tiny_bundle`` itself (test folders share the module name ``conftest``: never import it)."""
    return make_tiny_bundle


@pytest.fixture(scope="session")
def sample_run():
    """The embedded 5,000 digits prepared as a run sees them (``RunData``, 10% validation)."""
    from visualizer.core.checkpoint import Split
    from visualizer.core.dataset import load_dataset
    from visualizer.core.runsetup import prepare

    return prepare(load_dataset("sample"), Split("sample", 0.1))


@pytest.fixture(scope="session")
def digit_model(sample_run):
    """784-128-64-10 after 15 epochs with augmentation on the embedded sample (a few seconds).

    The trust tests (OOD, calibration) are meant for a network that has learnt what makes a stroke
    a digit: after 8 epochs (seed 0) the pad's single dot still scores 1.5 against a threshold of
    2.0; after 15 it scores 2.3 (seed 0) and 2.9 (seed 1).
    """
    from visualizer.core.network import MLP
    from visualizer.core.training import Trainer

    model = MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(0))
    cfg = TrainConfig(epochs=15, lr=2e-3, schedule="cosine", augment=True, val_fraction=0.1)
    for _ in Trainer(model, cfg, sample_run.inputs_train, sample_run.y_train, rng=np.random.default_rng(0)).run():
        pass
    return model


@pytest.fixture
def draw():
    """``draw(qtbot, pad, points)``: one pen stroke on a ``DrawingPadView`` through ``points``
    (canvas pixels, 0..CANVAS), then the pad answers at once (``flush``)."""
    from PySide6.QtCore import QPointF, Qt

    from visualizer.app.views.drawing_pad import CANVAS

    def stroke(qtbot, pad, points) -> None:
        r = pad.canvas.canvas_rect()
        pos = [QPointF(r.left() + x * r.width() / CANVAS, r.top() + y * r.height() / CANVAS).toPoint()
               for x, y in points]
        qtbot.mousePress(pad.canvas, Qt.MouseButton.LeftButton, pos=pos[0])
        for p in pos[1:]:
            qtbot.mouseMove(pad.canvas, p)
        qtbot.mouseRelease(pad.canvas, Qt.MouseButton.LeftButton, pos=pos[-1])
        pad.flush()

    return stroke


TINY_NET = NetworkConfig(hidden=(16,))
TINY_TRAIN = TrainConfig(batch_size=32, epochs=2)


@pytest.fixture
def window(qtbot, tiny_bundle):
    """A real MainWindow (no remembered settings) on the tiny dataset with a 784-16-10 network."""
    from visualizer.app.main_window import MainWindow

    win = MainWindow(load_data=False, restore=False)
    qtbot.addWidget(win, before_close_func=_discard_twin)
    win.session.set_train_config(TINY_TRAIN)
    win.session.set_network_config(TINY_NET)
    win.controls.set_configs(TINY_NET, TINY_TRAIN)
    win.session.set_data(tiny_bundle)
    win.show()
    yield win
    _discard_twin(win)
    win.session.shutdown(2.0)
    win.close()


def _discard_twin(win) -> None:
    """A twin a test left behind is nobody's work: the window closes at teardown without asking
    about it (pytest-qt closes the window before this fixture's own teardown runs)."""
    if win.session.twin.exists:
        win.session.twin.discard()


@pytest.fixture
def german_window(qapp, qtbot):
    """A real MainWindow (no data, no remembered settings) in German at 1366x768, shown; English afterwards."""
    from visualizer.app import i18n
    from visualizer.app.main_window import MainWindow

    assert i18n.install(qapp, "de")
    try:
        win = MainWindow(restore=False, load_data=False, persist=False)
        qtbot.addWidget(win)
        win.autosave_on_close = False
        win.resize(1366, 768)
        win.show()
        qtbot.waitExposed(win)
        yield win
        win.close()
    finally:
        i18n.install(qapp, "en")


MODAL = ("ask_choice", "ask_yes_no", "show_message", "show_details", "get_open_path", "get_save_path",
         "get_directory")
"""Every function of ``visualizer.app.dialogs`` that opens a modal dialog."""


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch):
    """A modal dialog would wait forever for a click in a headless run, and the whole test run
    would stall there, with no word of which test or which dialog. So every modal function of
    ``dialogs`` fails the test at once, naming the dialog; a test that expects one replaces it
    (``asked``, ``messages``, or its own ``monkeypatch.setattr(dialogs, ...)``)."""
    from visualizer.app import dialogs

    def refuse(name):
        def unexpected(parent, *args, **kwargs):
            raise AssertionError(f"unexpected modal dialog dialogs.{name}{args!r}")
        return unexpected

    for name in MODAL:
        monkeypatch.setattr(dialogs, name, refuse(name))


@pytest.fixture
def asked(monkeypatch):
    """Questions, answered with ``asked.answer`` (a choice label, or None for Cancel) and recorded."""

    from visualizer.app import dialogs

    class Asked(list):
        answer: str | None = None

    seen = Asked()

    def ask(parent, title, text, choices, details=""):
        seen.append((title, text, choices))
        return seen.answer

    monkeypatch.setattr(dialogs, "ask_choice", ask)
    return seen


@pytest.fixture
def messages(monkeypatch):
    """Message boxes shown, recorded as (kind, title, text) instead of shown."""
    from visualizer.app import dialogs

    seen: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dialogs, "show_message", lambda parent, kind, title, text: seen.append((kind, title, text)))
    return seen
