"""The "My digits" panel: labelled drawings kept across restarts, export/import, fine-tuning."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from visualizer.app import dialogs
from visualizer.app.views.my_digits_view import MyDigitsView
from visualizer.app.views.state import InspectorState
from visualizer.core.dataset import load_dataset
from visualizer.core.userdigits import DigitStore


@pytest.fixture
def data_home(monkeypatch, tmp_path):
    """A user data folder of this test's own (never the real one)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    return tmp_path / "share" / "visualizer" / "my-digits"


def _panel(qtbot, state) -> MyDigitsView:
    view = MyDigitsView(state)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _upside_down(n: int):
    """Real digits written upside down: a handwriting the network never saw."""
    full = load_dataset("sample")
    return np.ascontiguousarray(full.x_test[:n, ::-1, ::-1]), full.y_test[:n]


def test_labelled_drawings_survive_a_restart(qtbot, data_home):
    state = InspectorState()
    view = _panel(qtbot, state)
    x, y = _upside_down(3)
    for img, lab in zip(x, y):
        state.set_pad_input(img.reshape(-1) / 255.0)
        view.setFocus()
        qtbot.keyClick(view, getattr(Qt.Key, f"Key_{int(lab)}"))
    view.label_buttons[int(y[0])].click()                    # a button does the same
    assert (data_home / "train-labels-idx1-ubyte").is_file()
    assert view.count_labels[int(y[0])].text() == str(int(np.sum(y == y[0])) + 1)
    view.close()

    again = _panel(qtbot, InspectorState())                  # the app started again
    assert len(again.digits) == 4 and again.thumbs.count() == 4
    assert sorted(again.digits.labels.tolist()) == sorted([*y.tolist(), int(y[0])])
    stored = {lab: img for img, lab in zip(again.digits.images, again.digits.labels)}
    assert np.array_equal(stored[int(y[2])], x[2])
    again.thumbs.item(0).setSelected(True)
    qtbot.keyClick(again.thumbs, Qt.Key.Key_Delete)
    assert len(DigitStore(data_home).digits()) == 3


def test_nothing_drawn_is_said_and_nothing_is_kept(qtbot, data_home):
    view = _panel(qtbot, InspectorState())
    assert not view.label_drawing(3)
    assert "Draw a digit" in view.status.text()
    assert not data_home.exists()


def test_export_and_import_through_the_panel(qtbot, data_home, tmp_path, monkeypatch):
    state = InspectorState()
    view = _panel(qtbot, state)
    x, y = _upside_down(12)
    for img, lab in zip(x, y):
        state.set_pad_input(img.reshape(-1) / 255.0)
        view.label_drawing(int(lab))
    out = tmp_path / "export"
    monkeypatch.setattr(dialogs, "get_directory", lambda *a: str(out))
    view.export_folder()
    assert "Exported 12" in view.status.text()
    assert sum(1 for _ in out.rglob("*.png")) == 12
    view.export_folder()                                     # not over the top of an export
    assert "already holds" in view.status.text() and sum(1 for _ in out.rglob("*.png")) == 12
    other = MyDigitsView(InspectorState(), store=DigitStore(tmp_path / "other"))
    qtbot.addWidget(other)
    assert other.import_from(str(out))
    assert len(other.digits) == 12 and "Imported 12" in other.status.text()


@pytest.fixture
def with_digits(data_home):
    x, y = _upside_down(40)
    store = DigitStore(data_home)
    for img, lab in zip(x, y):
        store.add(img, int(lab))
    return store


def test_fine_tuning_runs_as_a_run_and_reports_before_and_after(qtbot, with_digits, window):
    session, view = window.session, window.my_digits_view
    view.reload()
    with qtbot.waitSignal(session.finished, timeout=60_000):
        session.start()                                      # a network that can read digits first
    data, train = session.data, session.train_config
    view.epochs.setValue(4)
    with qtbot.waitSignal(view.runner.reported, timeout=60_000) as got:
        assert view.fine_tune()
        assert session.is_active and len(session.data.y_train) > len(data.y_train)
        assert session.train_config.epochs == 4
    report = got.args[0]
    assert session.data is data and session.train_config == train           # given back
    assert report.reason == "completed" and report.repeats > 1
    assert report.after.mine > report.before.mine                            # it learnt them
    assert report.before.counts == (40, int(with_digits.digits().held_out.sum()), len(data.y_val))
    assert session.dirty                                                      # unsaved training, protected
    assert "validation digits" in view.result.text()


def test_fine_tuning_is_refused_with_a_reason(qtbot, with_digits, window):
    session, view = window.session, window.my_digits_view
    view.reload()
    session.set_speed(2.0)
    session.start()
    assert not view.fine_tune()
    assert "run is in progress" in view.status.text()
    with qtbot.waitSignal(session.finished, timeout=30_000):
        session.stop()
    view.store = DigitStore(with_digits.folder.parent / "empty")
    view.reload()
    assert not view.fine_tune()
    assert "No digits of yours" in view.status.text()


def test_the_learners_digits_are_a_dataset_choice_in_the_app(qtbot, with_digits, window):
    from visualizer.app.control_texts import datasets

    assert "my-digits" in [key for key, *_ in datasets()]
    with qtbot.waitSignal(window.session.data_changed, timeout=30_000):
        window.load_dataset("my-digits")
    data = window.session.data
    assert data.name == "my-digits"
    assert len(data.y_train) + len(data.y_val) + len(data.dataset.y_test) == 40
