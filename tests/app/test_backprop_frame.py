"""backprop_frame (no Qt): the backward pass and step the Backprop view shows come from the core."""

from __future__ import annotations

import numpy as np

from visualizer.app.views.backprop_frame import (backward, off_text, probe_label, update_lines, update_of)
from visualizer.core.backprop import backprop, layer_views, model_of
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.network import MLP
from visualizer.core.snapshot import take_snapshot
from visualizer.core.update import take_step


def _snapshot(seed=0, hidden=(12, 8)):
    return take_snapshot(MLP(NetworkConfig(hidden=hidden), rng=np.random.default_rng(seed)), step=7)


def test_backward_is_core_backprop_with_trainings_l2_term():
    snap = _snapshot()
    x = np.random.default_rng(1).random(784).astype(np.float32)
    for train, decay in ((TrainConfig(weight_decay=0.01), 0.01), (TrainConfig(optimizer="adamw",
                                                                                 weight_decay=0.01), 0.0)):
        frame, model = backward(snap, x, 4, train)
        want = backprop(model_of(snap), x, 4, weight_decay=decay)
        assert frame.step == 7 and frame.result.weight_decay == decay
        np.testing.assert_array_equal(frame.result.grad, want.grad)
        again, model2 = backward(snap, x, 4, train, into=model)
        assert model2 is model                    # buffers reused
        np.testing.assert_array_equal(again.result.grad, want.grad)


def test_probe_label_reads_the_chosen_images_label(tiny_bundle):
    y_val, y_test = tiny_bundle.y_val, tiny_bundle.dataset.y_test
    assert probe_label("validation", "validation #3 \u00b7 true 1", tiny_bundle) == int(y_val[3])
    assert probe_label("test", "test #5 \u00b7 true 0", tiny_bundle) == int(y_test[5])
    assert probe_label("pad", "your drawing", tiny_bundle) is None
    assert probe_label("validation", f"validation #{len(y_val)}", tiny_bundle) is None
    assert probe_label("validation", "validation #0", None) is None


def test_off_units_are_counted_and_named():
    snap = _snapshot()
    model = model_of(snap)
    model.biases[0][:5] = -1e3                  # five units of layer 1 are off for any input
    r = backprop(model, np.zeros(784, np.float32), 2)
    assert int(np.count_nonzero(r.off[0])) >= 5
    assert off_text(r, 0).startswith(f"off: zero gradient \u2014 {int(np.count_nonzero(r.off[0]))} of 12")


def test_the_update_is_adams_real_step_with_its_effective_step_sizes(tiny_bundle):
    train = TrainConfig(optimizer="adam", lr=0.01)
    ckpt = Checkpoint.fresh(NetworkConfig(hidden=(12,)), train, Split("", 0.1))
    for i in range(3):                          # a real optimizer state: t = 3
        ckpt = take_step(ckpt, tiny_bundle.inputs_val[i], int(tiny_bundle.y_val[i])).after
    snap = take_snapshot(ckpt.model(), step=ckpt.step)
    frame, model = backward(snap, tiny_bundle.inputs_val[9], int(tiny_bundle.y_val[9]), train)
    preview, lines = update_of(snap, frame.result.grad, ckpt, train)
    stepped = take_step(ckpt, tiny_bundle.inputs_val[9], int(tiny_bundle.y_val[9]))
    assert preview.t == 4 and not preview.fresh_state
    np.testing.assert_array_equal(preview.params_after, stepped.after.params)
    sizes = layer_views(model, preview.step_size)[0]
    assert f"median {float(np.median(sizes[0])):.3g}" in lines[1]
    assert lines == update_lines(preview, snap.weights, model)
    assert "step t = 4" in lines[0]
