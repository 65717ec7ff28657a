"""The Gradients view (per-layer curves of the recorded norms, the verdict in words, histograms)
and the Batch view (the batch a single step trained on), through the real session."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.app.gradients_model import GradientsModel, times
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.events import BatchEvent
from visualizer.core.losses import log_softmax
from visualizer.core.steprecord import record_every
from visualizer.core.training import Trainer


def _run_norms(activation: str) -> list[BatchEvent]:
    from visualizer.core.dataset import load_dataset
    from visualizer.core.network import MLP
    data = load_dataset("sample")
    x = data.x_train[:2048].reshape(2048, -1).astype(np.float32) / 255
    y = data.y_train[:2048].astype(np.int64)
    model = MLP(NetworkConfig(hidden=(32,) * 6, activation=activation), np.random.default_rng(0))
    trainer = Trainer(model, TrainConfig(optimizer="sgd", lr=0.1, batch_size=64, epochs=4), x, y)
    return [ev for ev in trainer.run() if isinstance(ev, BatchEvent)]


def test_the_model_names_vanishing_gradients_with_six_sigmoid_layers_and_not_with_relu():
    messages = {}
    for activation in ("sigmoid", "relu"):
        model = GradientsModel()
        assert model.verdict() is None and "Train to see" in model.message()
        batches = _run_norms(activation)
        assert model.add_batches(batches)
        steps, grad_w, ratio = model.series()
        recorded = [ev for ev in batches if ev.norms is not None]
        np.testing.assert_array_equal(steps, [ev.step for ev in recorded])
        np.testing.assert_array_equal(grad_w, [ev.norms.grad_w for ev in recorded])
        assert grad_w.shape == ratio.shape == (len(recorded), 7)
        messages[activation] = model.message()
    assert messages["sigmoid"].startswith("Vanishing gradients: layer 1's gradient is ")
    assert "x smaller than layer 7's; the early layers barely learn." in messages["sigmoid"]
    assert messages["relu"].startswith("Healthy gradients")


def test_the_model_forgets_records_after_a_rollback_and_for_another_architecture():
    model = GradientsModel()
    batches = _run_norms("relu")
    model.add_batches(batches)
    steps = model.series()[0]
    model.truncate(int(steps[1]))
    assert list(model.series()[0]) == list(steps[:2])
    model.add_batches(batches[:int(steps[0])])      # a new run from step 1: the old records go
    assert list(model.series()[0]) == [steps[0]]


def test_times_writes_two_significant_figures():
    assert [times(f) for f in (1.04, 12.3, 1234.0, 98765.0)] == ["1.0", "12", "1,200", "99,000"]


def _train(window, qtbot, network: NetworkConfig, train: TrainConfig) -> None:
    window.session.set_train_config(train)
    window.session.set_network_config(network)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.session.start()


def test_the_view_draws_one_curve_per_layer_from_the_recorded_norms(qtbot, window):
    window.show_view("gradients")
    view = window.gradients_view
    batches = []
    window.session.batches.connect(batches.extend)
    train = TrainConfig(batch_size=128, epochs=40)      # 120 steps: a record every 16
    _train(window, qtbot, NetworkConfig(hidden=(16, 16, 16)), train)
    with qtbot.waitSignal(view.redrawn, timeout=5000):
        view.refresh()
    recorded = [ev for ev in batches if ev.norms is not None]
    assert len(recorded) == sum(1 for ev in batches if ev.step % record_every(128) == 0) >= 3
    assert len(view.curves) == 4
    for i, (g_item, r_item) in enumerate(view.curves):
        x, y = g_item.xData, g_item.yData           # the data given (getData: log10 of it)
        np.testing.assert_array_equal(x, [ev.step for ev in recorded])
        np.testing.assert_allclose(y, [ev.norms.grad_w[i] for ev in recorded])
        np.testing.assert_allclose(r_item.yData, [ev.norms.ratio[i] for ev in recorded])
    assert view.message.text() == view.model.message() != ""


def test_a_hidden_gradients_view_keeps_the_records_but_draws_nothing(qtbot, window):
    window.show_view("draw")                        # the Gradients tab is behind it
    view = window.gradients_view
    calls = []
    view.redrawn.connect(calls.append)
    _train(window, qtbot, NetworkConfig(hidden=(16,)), TrainConfig(batch_size=128, epochs=30))
    qtbot.wait(400)
    assert len(view.model) >= 2 and calls == []
    window.show_view("gradients")
    qtbot.waitUntil(lambda: len(calls) > 0, timeout=5000)   # catches up when shown


def test_the_histograms_compare_every_layer_with_the_start(qtbot, window, tiny_bundle):
    initial = window.session.checkpoint.model()
    window.show_view("gradients")
    view = window.gradients_view
    _train(window, qtbot, NetworkConfig(hidden=(16,)), TrainConfig(batch_size=32, epochs=2))
    initial = window.session.timeline.moments()[0]
    with qtbot.waitSignal(view.histograms.computed, timeout=20000) as got:
        view.tabs.setCurrentIndex(1)
    hists = got.args[0]
    assert len(hists) == 2
    start = window.session.checkpoint.model()
    start.params[:] = initial.params
    w0 = hists[0].weights
    bins = (len(w0.edges) - 1, (w0.edges[0], w0.edges[-1]))
    np.testing.assert_array_equal(w0.initial, np.histogram(start.weights[0], *bins)[0])
    now = window.session.latest_snapshot.weights[0]
    np.testing.assert_array_equal(w0.now, np.histogram(now, *bins)[0])
    assert "(coloured)" in view.histograms.note.text()


def test_the_batch_view_shows_a_stepped_batch_worst_first(qtbot, window, tiny_bundle):
    window.show_view("batch")
    view = window.batch_view
    assert "Pause, then Step (F10)" in view.header.text() and view.batch is None
    before = window.session.checkpoint.model()
    with qtbot.waitSignal(view.shown, timeout=20000):
        window.session.step()                       # a run starts paused and takes one step
    b = view.batch
    assert b.step == 1 and len(b) == 32 and len(set(b.indices.tolist())) == 32
    assert np.all(np.diff(b.losses) <= 0)           # worst first
    np.testing.assert_array_equal(b.images, tiny_bundle.x_train[b.indices])
    np.testing.assert_array_equal(b.labels, tiny_bundle.y_train[b.indices])
    logits = before.logits(tiny_bundle.inputs_train[b.indices])     # the weights the step started from
    want = -log_softmax(logits.astype(np.float64))[np.arange(32), b.labels]
    np.testing.assert_allclose(b.losses, want, rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(b.predictions, logits.argmax(axis=1))
    assert b.loss == pytest.approx(float(want.mean()), rel=1e-4)
    assert f"Step 1: 32 images, batch loss {b.loss:.4g}" in view.header.text()
    assert view.norms.rowCount() == 2 and view.norms.item(0, 1).text() == f"{b.norms.grad_w[0]:.3g}"
    assert view.grid.heightForWidth(view.grid.width()) > 0
    cell = view.grid.cell(0)
    assert cell.x() == 0 and cell.y() == 0          # the worst image comes first, top left
    window.session.stop()
    qtbot.waitUntil(lambda: not window.session.is_active, timeout=10000)


def test_an_empty_model_has_empty_series():
    steps, grad_w, ratio = GradientsModel().series()
    assert steps.shape == (0,) and grad_w.shape == ratio.shape == (0, 0)


def test_the_curves_wait_while_the_histograms_tab_is_in_front(qtbot, window):
    window.show_view("gradients")
    view = window.gradients_view
    view.tabs.setCurrentIndex(1)
    calls = []
    view.redrawn.connect(calls.append)
    _train(window, qtbot, NetworkConfig(hidden=(16,)), TrainConfig(batch_size=128, epochs=30))
    qtbot.wait(400)
    assert len(view.model) >= 2 and calls == []
    view.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(calls) > 0, timeout=5000)
    assert view.curves[0][0].xData.size == len(view.model)
