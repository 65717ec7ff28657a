"""The Landscape view: its centre is the network's loss, it follows the weights, hidden it does nothing."""

from __future__ import annotations

import dataclasses
import threading

import numpy as np
import pytest

from visualizer.app import landscape_model as lm
from visualizer.app.views import landscape_worker
from visualizer.app.views.landscape_view import LandscapeView, status_text
from visualizer.core.config import NetworkConfig
from visualizer.core.evaluation import evaluate
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot


def _snapshot(seed=0, step=0, epochs_done=0, hidden=(16,)):
    model = MLP(NetworkConfig(hidden=hidden), rng=np.random.default_rng(seed))
    return model, take_snapshot(model, step=step, epochs_done=epochs_done)


def _shown_view(qtbot, data, snapshot):
    view = LandscapeView()
    qtbot.addWidget(view)
    view.resize(600, 700)
    view.set_data(data)
    view.set_snapshot(snapshot)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_centre_of_the_view_is_evaluate_on_the_stated_subsample(qtbot, make_bundle):
    data = make_bundle(n_train=1500)
    model, snap = _snapshot(seed=3)
    view = _shown_view(qtbot, data, snap)
    view.exposed(True)
    qtbot.waitUntil(lambda: view.result is not None and view.result.grid.complete or bool(view._error),
                    timeout=60000)
    assert not view._error
    g = view.result.grid
    centre = (len(g.alphas) // 2, len(g.betas) // 2)
    assert g.alphas[centre[0]] == 0 and g.betas[centre[1]] == 0
    idx = lm.subsample(len(data.y_train))
    assert len(idx) == lm.SAMPLES < len(data.y_train)
    expected = evaluate(model, data.inputs_train[idx], data.y_train[idx])
    assert g.loss[centre] == pytest.approx(expected.loss, rel=1e-5)
    assert g.accuracy[centre] == pytest.approx(expected.accuracy)
    # what it is computed on is said on screen
    assert f"{lm.SAMPLES:,} of the {len(data.y_train):,} training images" in view.status.text()


def _blocking_compute(started: list, released: threading.Event):
    """Stands in for ``compute``: holds the job until it is cancelled (or released)."""
    def compute(job, cancelled):
        started.append(job)
        while not cancelled() and not released.is_set():
            released.wait(0.01)
        if cancelled():
            raise RuntimeError("cancelled")
        yield from lm.compute(job, cancelled)
    return compute


def test_a_recompute_is_cancelled_when_the_weights_change(qtbot, monkeypatch, tiny_bundle):
    started, released = [], threading.Event()
    monkeypatch.setattr(landscape_worker, "compute", _blocking_compute(started, released))
    _, first = _snapshot(seed=0, step=0)
    view = _shown_view(qtbot, tiny_bundle, first)
    qtbot.waitUntil(lambda: len(started) == 1)      # shown: it starts by itself
    old = view.worker.job
    assert old.step == 0 and view.worker.running and view.worker.cancelled == 0

    _, moved = _snapshot(seed=1, step=5)            # a single step outside a run: new weights
    view.set_snapshot(moved)
    assert view.worker.cancelled == 1
    qtbot.waitUntil(lambda: len(started) == 2)      # then around the new weights
    assert started[1].step == 5 and view.worker.job is started[1]
    released.set()
    qtbot.waitUntil(lambda: view.result is not None and view.result.grid.complete, timeout=60000)
    assert view.result.job is started[1]            # nothing of the cancelled job was drawn

    view.worker.start(dataclasses.replace(view.result.job))
    view.new_model()                                # a new model: cancelled, picture cleared
    assert view.result is None
    view.shutdown(5.0)


def test_while_training_it_recomputes_by_itself_only_when_due():
    assert not lm.LandscapeModel.due(0.0, 0.0, 0)                         # a run's start: never
    assert not lm.LandscapeModel.due(60.0, 1.0, lm.EVERY_EPOCHS - 1)      # too few epochs
    assert not lm.LandscapeModel.due(lm.MIN_SECONDS - 1, 0.01, 10)        # too soon
    assert not lm.LandscapeModel.due(15.0, 1.0, 10)                       # 1 s of work waits 20 s
    assert lm.LandscapeModel.due(21.0, 1.0, lm.EVERY_EPOCHS)


def test_a_run_starting_cancels_the_job_and_the_view_follows_only_every_few_epochs(
        qtbot, monkeypatch, tiny_bundle):
    started, released = [], threading.Event()
    monkeypatch.setattr(landscape_worker, "compute", _blocking_compute(started, released))
    monkeypatch.setattr(lm, "MIN_SECONDS", 0.0)      # the epochs decide, not the clock
    _, first = _snapshot(seed=0, step=0)
    view = _shown_view(qtbot, tiny_bundle, first)
    qtbot.waitUntil(lambda: len(started) == 1)       # idle and shown: around the weights at once
    view.set_state("running")                        # a run starts: those weights are about to move
    assert view.worker.cancelled == 1
    qtbot.waitUntil(lambda: not view.worker.running)
    for step in range(1, 4):                          # snapshots and the first epoch: nothing starts
        view.set_snapshot(_snapshot(seed=step, step=step * 10, epochs_done=step // 2)[1])
    view.on_epoch(None)
    assert len(started) == 1 and view.worker.started == 1
    view.on_epoch(None)                               # EVERY_EPOCHS epochs into the run: it follows
    assert lm.EVERY_EPOCHS == 2 and view.worker.started == 2
    qtbot.waitUntil(lambda: len(started) == 2)        # (on the worker's thread)
    assert started[1].step == 30
    assert view.worker.low_priority                   # beside training: it yields the CPU
    released.set()
    view.shutdown(5.0)


def test_only_a_job_beside_training_runs_at_low_priority(qtbot, monkeypatch, tiny_bundle):
    calls = []
    monkeypatch.setattr(landscape_worker, "lower_thread_priority", lambda: calls.append(threading.get_ident()))
    monkeypatch.setattr(lm, "MIN_SECONDS", 0.0)      # the epochs decide, not the clock
    monkeypatch.setattr(lm, "DUTY", 1e9)
    _, snap = _snapshot()
    view = _shown_view(qtbot, tiny_bundle, snap)        # idle: at full priority
    qtbot.waitUntil(lambda: view.result is not None and view.result.grid.complete, timeout=60000)
    assert view.worker.started == 1 and not view.worker.low_priority and calls == []
    view.set_state("running")
    view.set_snapshot(_snapshot(seed=1, step=9, epochs_done=2)[1])
    for _ in range(lm.EVERY_EPOCHS):
        view.on_epoch(None)
    assert view.worker.started == 2 and view.worker.low_priority
    qtbot.waitUntil(lambda: not view.worker.running, timeout=60000)
    assert len(calls) == 1 and calls[0] != threading.get_ident()   # on the worker's thread
    view.shutdown(5.0)


def test_a_hidden_landscape_dock_computes_nothing_until_shown(qtbot, window):
    view = window.views.landscape
    session = window.session
    # the landscape tab is behind the drawing pad's
    assert view.visibleRegion().isEmpty()
    with qtbot.waitSignal(session.finished, timeout=30000):
        assert session.start()
    qtbot.wait(100)
    assert view.worker.started == 0 and view.result is None
    assert view.slice_plot is None                  # not even its plots (pyqtgraph) were built
    window.show_view("landscape")
    qtbot.waitUntil(lambda: view.worker.started == 1, timeout=5000)
    qtbot.waitUntil(lambda: view.slice_plot is not None, timeout=5000)
    qtbot.waitUntil(lambda: view.result is not None and view.result.grid.complete, timeout=60000)
    assert view.result.job.step == session.latest_snapshot.step
    assert "training images" in status_text(view)


def test_the_model_keeps_one_weight_vector_per_epoch_and_the_path_ends_at_the_centre(tiny_bundle):
    model = lm.LandscapeModel()
    rng = np.random.default_rng(0)
    net = MLP(NetworkConfig(hidden=(8,)), rng=rng)
    for step in range(0, 40, 4):                     # snapshots 4 steps apart, an epoch every 10 steps
        for w in net.weights:
            w += rng.normal(0, 0.01, w.shape).astype(np.float32)
        model.add_snapshot(take_snapshot(net, step=step, epochs_done=step // 10))
    assert [s for s, _ in model.kept] == [0, 12, 20, 32]
    snap = take_snapshot(net, step=36, epochs_done=3)
    job = model.job(snap, tiny_bundle, "pca")
    assert job.steps_between == 4 and job.trajectory.shape[0] == 5
    results = list(lm.compute(dataclasses.replace(job, grid=9)))
    last = results[-1]
    assert last.grid.complete and {p.kind for p in last.profiles} == {"interpolation", "update"}
    np.testing.assert_allclose(last.path[-1], (0.0, 0.0), atol=1e-6)
    # the first result is the coarse grid, the later ones refine it
    assert results[0].grid.stride > 1 and not results[0].grid.complete
    model.add_snapshot(take_snapshot(net, step=0))   # back to step 0: another run
    assert [s for s, _ in model.kept] == [0] and not model.can_pca()


def test_pca_without_kept_epochs_says_so(qtbot, tiny_bundle):
    _, snap = _snapshot()
    view = _shown_view(qtbot, tiny_bundle, snap)
    view.directions.setCurrentIndex(view.directions.findData("pca"))
    qtbot.waitUntil(lambda: bool(view._error), timeout=10000)
    assert "random directions" in view.status.text()


def test_the_screenshot_of_the_landscape_view_renders(tmp_path):
    import os
    import subprocess
    import sys

    from PySide6.QtGui import QImage

    from visualizer.core.landscape_image import colours

    out = tmp_path / "landscape.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    code = ("import sys; from visualizer.app.main import run_gui; "
            f"sys.exit(run_gui(screenshot={str(out)!r}, epochs=1, view='landscape', theme='dark'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr
    img = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB888)
    assert (img.width(), img.height()) == (1366, 768)
    pixels = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(768, img.bytesPerLine())
    pixels = pixels[:, :1366 * 3].reshape(768, 1366, 3).astype(int)
    # the heatmap is there: many pixels in the landscape's own colours (viridis-like ramp)
    ramp = colours(np.linspace(0, 1, 64)).astype(int)                      # (64, 3)
    sample = pixels[::4, ::4].reshape(-1, 3)
    near = (np.abs(sample[:, None, :] - ramp[None, :, :]).max(axis=2) <= 3).any(axis=1)
    assert near.sum() > 2000
