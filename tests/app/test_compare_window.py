"""Runs compared in the window: ghosts left by a new network, a twin overlaid, kept or discarded."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from visualizer.app import dialogs


def train_once(qtbot, window, timeout=30_000):
    done = []
    window.session.finished.connect(done.append)
    window.session.start()
    qtbot.waitUntil(lambda: bool(done) and not window.session.is_active, timeout=timeout)


def test_a_reset_leaves_the_run_as_a_labelled_ghost(qtbot, window):
    s, curves = window.session, window.curves
    curves.ensure_built()
    train_once(qtbot, window)
    assert len(curves.ghosts) == 0
    s.set_train_config(dataclasses.replace(s.train_config, lr=0.01))
    s.reset()                                       # a new network: the run becomes a ghost
    assert len(curves.ghosts) == 1
    ghost = curves.ghosts.ghosts[0]
    assert len(ghost.x) > 0 and ghost.settings.train.lr == 1e-3
    assert curves.ghosts.label(ghost) == "run 1: lr 0.001 → 0.01"
    assert curves.runs_button.isVisibleTo(curves)
    curves.redraw()
    layer = curves._others[0]
    assert len(layer._items) >= 3                   # loss, accuracy and the label are drawn
    curves.ghosts.set_hidden(ghost.ident, True)
    curves.redraw()
    assert layer._items == []


def test_the_runs_menu_pins_hides_and_clears(qtbot, window):
    s, curves = window.session, window.curves
    curves.ensure_built()
    for seed in (1, 2):
        train_once(qtbot, window)
        s.set_train_config(dataclasses.replace(s.train_config, seed=seed))
        s.reset()
    assert [curves.ghosts.label(g) for g in curves.ghosts.ghosts] == ["run 1: seed 0 → 2", "run 2: seed 1 → 2"]
    menu = curves.runs_button.menu_
    curves.runs_button.rebuild()
    first = menu.actions()[0].menu()
    shown, pinned = first.actions()[:2]
    pinned.setChecked(True)                         # pin run 1
    shown.setChecked(False)                         # and hide it
    clear = [a for a in menu.actions() if a.text().startswith("Clear")][0]
    clear.trigger()
    assert [g.name for g in curves.ghosts.ghosts] == ["run 1"]      # the pinned one survived Clear
    assert curves.ghosts.visible() == []


def test_a_twin_is_overlaid_and_answers_on_the_pad(qtbot, window):
    s, curves, compare = window.session, window.curves, window.compare
    curves.ensure_built()
    assert compare.start_twin("lr", 0.01)
    assert s.is_active and s.twin.is_active
    qtbot.waitUntil(lambda: s.twin.state == "finished" and not s.is_active, timeout=30_000)
    model = compare.twin_model
    assert len(model.x_batch) == s.twin.checkpoint.step and len(model.x_epoch) == 2
    assert curves._twin == (model, "twin: lr 0.001 → 0.01")
    legend = [label.text for _, label in curves.legend.items]
    assert "main" in legend and "twin: lr 0.001 → 0.01" in legend
    assert window.banner.kind == "info" and "twin" in window.banner.text().lower()
    pad = compare.pad
    x = np.array(s.data.inputs_val[0], dtype=np.float32)
    pad.x28 = x.reshape(28, 28)
    compare.update_pad()
    probs = s.twin.latest.trace(x).probabilities
    expected = f"twin: {pad.bars.shown_names()[int(np.argmax(probs))]} ({float(np.max(probs)):.0%})"
    assert pad.note.text() == expected
    compare.discard_twin()
    assert curves._twin[0] is None and pad.note.text() == "" and not s.twin.exists


def test_keeping_the_twin_asks_when_the_network_has_unsaved_training(qtbot, window, monkeypatch):
    s, compare = window.session, window.compare
    compare.start_twin("hidden", (24,))
    qtbot.waitUntil(lambda: s.twin.state == "finished" and not s.is_active, timeout=30_000)
    assert s.dirty
    asked = []

    def ask(parent, title, text, choices, details=""):
        asked.append(title)
        return None                                  # cancel: nothing changes
    monkeypatch.setattr(dialogs, "ask_choice", ask)
    assert not compare.keep_twin()
    assert asked == ["Unsaved training"] and s.network_config.hidden == (16,) and s.twin.exists

    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: asked.append("again") or "Discard")
    twin_ckpt = s.twin.checkpoint
    assert compare.keep_twin()
    assert s.network_config.hidden == (24,) and s.checkpoint is twin_ckpt and s.dirty
    assert not s.twin.exists
    assert len(window.curves.ghosts) == 1            # the main network's curves stay as a ghost


def test_save_twin_writes_a_model_that_opens(qtbot, window, monkeypatch, tmp_path):
    s, compare = window.session, window.compare
    compare.start_twin("activation", "tanh")
    qtbot.waitUntil(lambda: s.twin.state == "finished" and not s.is_active, timeout=30_000)
    path = tmp_path / "twin.npz"
    monkeypatch.setattr(dialogs, "get_save_path", lambda *a, **k: str(path))
    assert compare.save_twin()
    from visualizer.core.persistence import load_checkpoint
    loaded = load_checkpoint(path)
    assert loaded.network.activation == "tanh" and loaded.step == s.twin.checkpoint.step


def test_the_twin_dialog_refuses_an_invalid_or_unchanged_value(qtbot, window):
    from visualizer.app.twin_dialog import TwinDialog
    from visualizer.core.errors import ConfigError

    s = window.session
    d = TwinDialog(s.network_config, s.train_config)
    qtbot.addWidget(d)
    d.select("lr", "0.05")
    assert d.chosen() == ("lr", 0.05)
    d.select("dropout", "2")
    with pytest.raises(ConfigError):
        d.chosen()
    d.select("batch_size", str(s.train_config.batch_size))
    with pytest.raises(ConfigError):
        d.chosen()
    d.select("hidden", "64, 32")
    key, value = d.chosen()
    assert key == "hidden" and tuple(value) == (64, 32)


def test_a_new_twin_asks_before_it_replaces_a_finished_one(qtbot, window, monkeypatch):
    from visualizer.app import twin_dialog

    s, compare = window.session, window.compare
    compare.start_twin("dropout", 0.2)
    qtbot.waitUntil(lambda: s.twin.state == "finished" and not s.is_active, timeout=30_000)
    first = s.twin.checkpoint
    monkeypatch.setattr(twin_dialog, "ask_twin", lambda *a: ("lr", 0.01))
    asked = []
    monkeypatch.setattr(dialogs, "ask_choice", lambda parent, title, *a, **k: asked.append(title))
    assert not compare.run_twin()                       # cancelled: the finished twin stays
    assert asked == ["Unsaved twin"] and s.twin.checkpoint is first
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: "Discard twin")
    assert compare.run_twin()
    assert s.twin.setting == ("lr", 0.01) and s.twin.checkpoint is not first
    s.stop()
    qtbot.waitUntil(lambda: not s.is_active and not s.twin.is_active, timeout=30_000)


def test_a_diverged_run_keeps_its_exploding_part_in_red_on_its_ghost(qtbot):
    import math

    import pyqtgraph as pg

    from visualizer.app.curves import EMPTY_LOSS_TOP, CurvesWidget
    from visualizer.app.theme import plot_colors
    from visualizer.core.events import BatchEvent, DivergedEvent

    curves = CurvesWidget()
    qtbot.addWidget(curves)
    curves.ensure_built()
    curves.add_batches(tuple(BatchEvent(i + 1, 0, i, 40, (i + 1) / 40, 2.0 - i / 40, 0.5, 3.0, 32)
                             for i in range(30)))
    curves.mark_diverged(DivergedEvent(step=30, epoch=0, loss=math.inf, message="diverged", restored_step=20))
    curves.set_history(())                          # a new network: the diverged run becomes a ghost
    curves.redraw()
    bad = pg.mkColor(plot_colors("light")["bad"])
    red = [item for _, item in curves._others[0]._items if isinstance(item, pg.PlotDataItem)
           and item.opts["pen"].color().rgb() == bad.rgb()]
    assert len(red) == 1
    x, y = red[0].getData()
    assert len(x) == 11 and np.isfinite(y).all()    # steps 20..29 and the exploded loss, at the top
    assert y[-1] == pytest.approx(EMPTY_LOSS_TOP * 0.985)     # the new run is empty: the default top
