"""The control panel: the learning-rate slider, labels, locking and the shared limits."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

from visualizer.core.config import (MAX_BATCH, MAX_EPOCHS, MAX_LAYERS, MAX_WIDTH, MIN_BATCH, NetworkConfig,
                                    TrainConfig)
from visualizer.core.errors import ConfigError


@pytest.fixture
def panel(qtbot):
    from visualizer.app.controls import ControlPanel

    p = ControlPanel()
    qtbot.addWidget(p)
    p.resize(300, 760)                      # the settings dock's width at 1366x768
    p.show()
    qtbot.waitExposed(p)
    return p


def is_round(v: float) -> bool:
    """1, 2, 3 or 5 x 10^k, exactly as written in decimal."""
    k = math.floor(math.log10(v) + 1e-9)
    return any(v == float(f"{m}e{k}") for m in (1, 2, 3, 5))


def test_every_slider_notch_is_a_round_learning_rate(panel):
    s = panel.lr.slider
    values = []
    for pos in range(s.minimum(), s.maximum() + 1):
        s.setValue(pos)
        values.append(panel.lr.value())
        assert is_round(values[-1]) and panel.lr.edit.text() == f"{values[-1]:g}"
    assert values[0] == 1e-5 and values[-1] == 1.0 and 1e-3 in values and 3e-4 in values
    assert all(1.4 < b / a <= 2.0 for a, b in zip(values, values[1:]))   # neighbours: at most x2
    s.setValue(s.value() - s.pageStep())
    assert panel.lr.value() == 0.1                                     # a page is a decade


def test_a_typed_rate_is_kept_exactly_and_the_slider_goes_near_it(panel):
    panel.lr.edit.setText("0.0007")
    panel.lr.edit.editingFinished.emit()
    assert panel.lr.value() == 0.0007 and panel.lr.slider.value() == 7   # at 5e-4, the nearest notch


def _drag(slider, dx: int) -> None:
    opt = QStyleOptionSlider()
    slider.initStyleOption(opt)
    handle = slider.style().subControlRect(QStyle.CC_Slider, opt, QStyle.SC_SliderHandle, slider)
    start = QPointF(handle.center())
    for kind, pos, buttons in ((QMouseEvent.MouseButtonPress, start, Qt.LeftButton),
                               (QMouseEvent.MouseMove, start + QPointF(dx / 2, 0), Qt.LeftButton),
                               (QMouseEvent.MouseMove, start + QPointF(dx, 0), Qt.LeftButton),
                               (QMouseEvent.MouseButtonRelease, start + QPointF(dx, 0), Qt.NoButton)):
        ev = QMouseEvent(kind, pos, slider.mapToGlobal(pos), Qt.LeftButton, buttons, Qt.NoModifier)
        QApplication.sendEvent(slider, ev)


def test_a_short_drag_moves_the_rate_a_little_and_lands_on_a_round_value(panel):
    panel.lr.set_value(1e-3)
    before = panel.lr.slider.value()
    _drag(panel.lr.slider, -37)
    assert panel.lr.slider.value() < before                            # it did move
    assert 1e-3 / panel.lr.value() < 10 and is_round(panel.lr.value())  # by less than a decade


def test_the_step_decay_row_has_a_label_and_hides_with_it(panel):
    form = panel._schedule_form
    lab = form.labelForField(panel.step_row)
    assert lab is not None and lab.text() == "Decay" and "multiplied" in lab.toolTip()
    panel._set_combo(panel.schedule, "step")
    assert lab.isVisible() and panel.step_row.isVisible()
    panel._set_combo(panel.schedule, "constant")
    assert not lab.isVisible() and not panel.step_row.isVisible()


def test_locked_settings_say_why_while_a_run_is_under_way(panel):
    lab = panel._fields["batch_size"][1]
    plain = panel.batch_size.toolTip()
    panel.set_training(True)                 # running or paused alike
    assert not panel.batch_size.isEnabled()
    for w in (panel.batch_size, lab):
        assert "Stop the run" in w.toolTip()
    assert "Stop the run" in panel.seed.toolTip() and "Stop the run" in panel.layers.toolTip()
    assert panel.lr.isEnabled() and panel.lr.edit.isEnabled() and "Stop" not in panel.lr.toolTip()
    assert panel.dropout.isEnabled() and "Stop" not in panel.dropout.toolTip()
    # Epochs is live: the run re-plans its horizon (and says so in the tooltip)
    assert panel.epochs.isEnabled() and "Stop" not in panel.epochs.toolTip()
    assert "Can change while training" in panel.epochs.toolTip()
    panel.set_training(False)
    assert panel.batch_size.isEnabled() and panel.batch_size.toolTip() == plain


def test_the_app_has_the_limits_the_command_line_has(panel, qtbot):
    assert MAX_LAYERS >= 8 and MIN_BATCH == 1
    NetworkConfig(hidden=(30,) * MAX_LAYERS).validate()                # 9 linear layers of 30 units
    with pytest.raises(ConfigError, match=f"at most {MAX_LAYERS}"):
        NetworkConfig(hidden=(30,) * (MAX_LAYERS + 1)).validate()
    edits = []
    panel.network_edited.connect(edits.append)
    while panel.layers.add_button.isEnabled():
        panel.layers.add_button.click()
    assert len(panel.layers.widths()) == MAX_LAYERS and edits[-1].hidden == panel.layers.widths()
    assert f"At most {MAX_LAYERS}" in panel.layers.add_button.toolTip()
    spin = panel.layers._rows[0][1]
    assert (spin.minimum(), spin.maximum()) == (1, MAX_WIDTH)
    assert (panel.batch_size.minimum(), panel.batch_size.maximum()) == (MIN_BATCH, MAX_BATCH)
    assert panel.epochs.maximum() == MAX_EPOCHS
    trains = []
    panel.train_edited.connect(trains.append)
    panel.batch_size.setValue(1)                                       # plain SGD
    assert trains[-1].batch_size == 1 and trains[-1].validate()


@pytest.mark.parametrize("start, steps, expected", [(64, 1, 128), (64, -1, 32), (1, 1, 2), (1, -1, 1),
                                                     (3, 1, 4), (3, -1, 2), (100, -2, 32)])
def test_batch_size_arrows_double_and_halve(qtbot, start, steps, expected):
    from visualizer.app.control_widgets import BatchSizeSpin

    spin = BatchSizeSpin()
    qtbot.addWidget(spin)
    spin.setValue(start)
    spin.stepBy(steps)
    assert spin.value() == expected


def test_configs_round_trip_through_the_panel(panel):
    net = NetworkConfig(hidden=(30,) * 8, activation="tanh")
    train = TrainConfig(optimizer="sgd", lr=0.0007, batch_size=1, epochs=250, schedule="step", dropout=0.2)
    panel.set_configs(net, train)
    assert panel.network_config() == net and panel.train_config() == train


def test_the_deepest_network_fits_the_panel_without_clipping(panel, qtbot):
    panel.set_configs(NetworkConfig(hidden=(1024,) * MAX_LAYERS), TrainConfig(schedule="step"))
    qtbot.wait(10)
    assert panel.widget().minimumSizeHint().width() <= panel.viewport().width()
    assert panel.widget().width() <= panel.viewport().width()


def test_a_seed_beyond_the_field_survives_an_edit_of_another_setting(panel):
    trains = []
    panel.train_edited.connect(trains.append)
    panel.set_configs(NetworkConfig(), TrainConfig(seed=2**40))
    assert panel.train_config().seed == 2**40
    panel.dropout.setValue(0.25)
    assert trains[-1].seed == 2**40 and trains[-1].dropout == 0.25
    panel.seed.setValue(7)
    assert trains[-1].seed == 7
