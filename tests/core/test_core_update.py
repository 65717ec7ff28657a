"""The update preview and the one step (core.update), and per-layer norms (core.gradhealth).

The preview must be the training loop's real step: for every optimizer, from a
state left by real training, it is compared bit for bit with the ``Trainer``
taking that step on that one example; and with the update rules written out.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from visualizer.core.backprop import backprop, in_dtype
from visualizer.core.checkpoint import Checkpoint, Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import DataError
from visualizer.core.gradhealth import layer_norms
from visualizer.core.network import MLP
from visualizer.core.training import Trainer
from visualizer.core.update import gradient_weight_decay, preview_update, take_step

OPTIMIZERS = ["sgd", "momentum", "nesterov", "adam", "adamw"]
NET = NetworkConfig(hidden=(16, 8))


def _data(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n)


def _train(ckpt: Checkpoint, x, y, train: TrainConfig) -> Checkpoint:
    """What the training loop makes of ``ckpt`` on (x, y) with ``train``."""
    trainer = Trainer(ckpt.model(), train, x, y, optimizer_state=ckpt.optimizer_state,
                      epochs_done=ckpt.epochs_done, step=ckpt.step, split=ckpt.split)
    events = list(trainer.run())
    assert events[-1].reason == "completed"
    return trainer.checkpoint()


def _trained(optimizer: str, weight_decay: float = 0.01) -> Checkpoint:
    """A checkpoint after a few real steps: a non-zero optimizer state."""
    lr = 0.05 if optimizer in ("sgd", "momentum", "nesterov") else 3e-3
    train = TrainConfig(optimizer=optimizer, lr=lr, weight_decay=weight_decay, batch_size=8, epochs=1,
                        val_fraction=0.0)
    fresh = Checkpoint.fresh(NET, train, Split("", 0.0))
    return _train(fresh, *_data(40), train)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_preview_is_the_training_loops_own_step(optimizer):
    ckpt = _trained(optimizer)
    assert optimizer == "sgd" or ckpt.optimizer_state
    x, y = _data(1, seed=5)
    model = ckpt.model()
    r = backprop(model, x[0], int(y[0]), weight_decay=gradient_weight_decay(ckpt.train))
    preview = preview_update(model, r.grad, ckpt.train, ckpt.optimizer_state)
    assert not preview.fresh_state or optimizer == "sgd"
    stepped = _train(ckpt, x, y, dataclasses.replace(ckpt.train, batch_size=1))
    np.testing.assert_array_equal(preview.params_after, stepped.params)
    np.testing.assert_array_equal(preview.delta, stepped.params - ckpt.params)
    assert preview.state_after.keys() == (stepped.optimizer_state or {}).keys()
    for key, value in preview.state_after.items():
        np.testing.assert_array_equal(value, stepped.optimizer_state[key])
    # ... and one step taken on the example is that same step
    result = take_step(ckpt, x[0], int(y[0]))
    np.testing.assert_array_equal(result.after.params, stepped.params)
    assert result.after.step == stepped.step == ckpt.step + 1
    np.testing.assert_array_equal(model.params, ckpt.params)          # the preview changed nothing


def _state(optimizer: str, n: int, rng) -> dict:
    if optimizer in ("momentum", "nesterov"):
        return {"velocity": rng.normal(0, 0.1, n)}
    if optimizer in ("adam", "adamw"):
        return {"adam_m_scaled": rng.normal(0, 0.1, n), "adam_v_scaled": rng.random(n) * 0.01,
                "adam_t": np.array(5, np.int64)}
    return {}


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_preview_follows_the_update_rules(optimizer):
    """In float64, against the rules as a learner reads them (optimizers module doc)."""
    rng = np.random.default_rng(2)
    model = in_dtype(MLP(NET, rng), np.float64)
    g = rng.normal(0, 0.1, model.n_params)
    lr, mu, wd, b1, b2, eps = 0.01, 0.9, 0.02, 0.9, 0.999, 1e-8
    train = TrainConfig(optimizer=optimizer, lr=lr, momentum=mu, weight_decay=wd)
    state = _state(optimizer, model.n_params, rng)
    p = preview_update(model, g, train, state)
    assert p.fresh_state == (not state) and p.optimizer == optimizer and p.lr == lr
    if optimizer == "sgd":
        expected = -lr * g
    elif optimizer in ("momentum", "nesterov"):
        v = mu * state["velocity"] + g
        np.testing.assert_allclose(p.velocity, v, rtol=1e-12)
        expected = -lr * v if optimizer == "momentum" else -lr * (g + mu * v)
    else:
        t = 6
        m = b1 * state["adam_m_scaled"] * (1 - b1) + (1 - b1) * g
        v = b2 * state["adam_v_scaled"] * (1 - b2) + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
        assert p.t == t
        np.testing.assert_allclose(p.m, m, rtol=1e-10)
        np.testing.assert_allclose(p.v, v, rtol=1e-10)
        np.testing.assert_allclose(p.m_hat, m_hat, rtol=1e-10)
        np.testing.assert_allclose(p.step_size, lr / (np.sqrt(v_hat) + eps), rtol=1e-10)
        expected = -p.step_size * p.m_hat
        if optimizer == "adamw":                     # decoupled decay of the weights, not the biases
            for s in model.weight_slices():
                expected[s] -= lr * wd * model.params[s]
    np.testing.assert_allclose(p.delta, expected, rtol=1e-9, atol=1e-15)
    for i, (w, b) in enumerate(zip(p.delta_W, p.delta_b)):
        assert w.shape == model.weights[i].shape and b.shape == model.biases[i].shape
        assert np.shares_memory(w, p.delta) and np.shares_memory(b, p.delta)


def test_the_preview_changes_neither_the_model_nor_the_state_and_is_read_only():
    rng = np.random.default_rng(3)
    model = MLP(NET, rng)
    state = {k: v.astype(np.float32) for k, v in _state("adam", model.n_params, rng).items()}
    kept = {k: v.copy() for k, v in state.items()}
    params, g = model.params.copy(), rng.normal(0, 0.1, model.n_params).astype(np.float32)
    p = preview_update(model, g, TrainConfig(optimizer="adam"), state)
    np.testing.assert_array_equal(model.params, params)
    for k in state:
        np.testing.assert_array_equal(state[k], kept[k])
    assert not any(a.flags.writeable for a in (p.delta, p.params_after, p.m, p.v, p.step_size,
                                                *p.state_after.values()))
    # a state that does not fit this network starts the optimizer afresh, and says so
    wrong = {k: v[:10] if v.ndim else v for k, v in state.items()}
    assert preview_update(model, g, TrainConfig(optimizer="adam"), wrong).fresh_state
    with pytest.raises(ValueError, match="gradient"):
        preview_update(model, g[:-1], TrainConfig())


def test_one_step_then_undo_restores_everything_bit_for_bit():
    ckpt = _trained("adam")
    params = ckpt.params.tobytes()
    state = {k: v.tobytes() for k, v in ckpt.optimizer_state.items()}
    x, y = _data(1, seed=9)
    result = take_step(ckpt, x[0], int(y[0]))
    assert result.after.params.tobytes() != params
    assert int(result.after.optimizer_state["adam_t"]) == int(ckpt.optimizer_state["adam_t"]) + 1
    undone = result.before                                   # "Undo step" restores this value
    assert undone is ckpt
    assert undone.params.tobytes() == params
    assert {k: v.tobytes() for k, v in undone.optimizer_state.items()} == state
    assert undone.model().params.tobytes() == params
    # stepping again from the restored checkpoint is the same step again
    again = take_step(undone, x[0], int(y[0]))
    assert again.after.params.tobytes() == result.after.params.tobytes()


def test_one_step_on_an_example_lowers_its_loss():
    ckpt = Checkpoint.fresh(NetworkConfig(), TrainConfig(optimizer="sgd", lr=0.05), Split("", 0.0))
    x, _ = _data(1, seed=1)
    result = take_step(ckpt, x[0], 7)
    assert result.loss_after < result.loss_before
    assert result.probabilities_after[0, 7] > result.probabilities_before[0, 7]
    np.testing.assert_allclose(result.losses_before, -np.log(result.probabilities_before[0, 7]), rtol=1e-5)
    np.testing.assert_allclose(result.probabilities_before, ckpt.model().forward(x), rtol=1e-6)
    np.testing.assert_allclose(result.probabilities_after, result.after.model().forward(x), rtol=1e-6)
    assert result.after.epochs_done == ckpt.epochs_done and result.after.history == ckpt.history


def test_one_step_on_a_few_labelled_drawings_is_one_batch_of_training():
    ckpt = _trained("momentum")
    x, y = _data(3, seed=4)
    result = take_step(ckpt, x, y)
    assert result.probabilities_before.shape == (3, 10) and result.losses_after.shape == (3,)
    assert result.loss_after < result.loss_before
    stepped = _train(ckpt, x, y, dataclasses.replace(ckpt.train, batch_size=3))   # shuffled: same mean
    np.testing.assert_allclose(result.after.params, stepped.params, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(result.after.optimizer_state["velocity"], stepped.optimizer_state["velocity"],
                               rtol=1e-4, atol=1e-7)


def test_one_step_with_other_settings_uses_them_and_keeps_the_state_only_for_the_same_optimizer():
    ckpt = _trained("momentum")
    x, y = _data(1, seed=2)
    with_sgd = take_step(ckpt, x[0], int(y[0]), train=dataclasses.replace(ckpt.train, optimizer="sgd"))
    assert with_sgd.update.optimizer == "sgd" and with_sgd.after.train.optimizer == "sgd"
    same = take_step(ckpt, x[0], int(y[0]), lr=1e-4)
    assert same.update.lr == 1e-4 and not same.update.fresh_state
    adam = take_step(ckpt, x[0], int(y[0]), train=dataclasses.replace(ckpt.train, optimizer="adam"))
    assert adam.update.fresh_state and adam.update.t == 1


@pytest.mark.parametrize("inputs, targets, message", [
    (np.zeros(783), 1, "784 values"),
    (np.zeros((2, 784)), [1], "2 examples but 1 target"),
    (np.zeros(784), 10, "from 0 to 9"),
    (np.full(784, np.nan), 1, "NaN"),
])
def test_one_step_refuses_bad_examples_with_a_message(inputs, targets, message):
    ckpt = Checkpoint.fresh(NET, TrainConfig(), Split("", 0.0))
    with pytest.raises(DataError, match=message):
        take_step(ckpt, inputs, targets)


def test_layer_norms_are_the_norms_of_each_layer():
    rng = np.random.default_rng(0)
    model = MLP(NetworkConfig(hidden=(32, 16)), rng)
    grad = rng.normal(0, 1, model.n_params).astype(np.float32)
    update = rng.normal(0, 1e-3, model.n_params).astype(np.float32)
    ln = layer_norms(model, grad, update)
    views = lambda flat: [(flat[s].reshape(w.shape), flat[s.stop:s.stop + b.size])   # noqa: E731
                          for s, w, b in zip(model.weight_slices(), model.weights, model.biases)]
    for i, ((gw, gb), (uw, _)) in enumerate(zip(views(grad), views(update))):
        w = model.weights[i].astype(np.float64)
        assert ln.grad_w[i] == pytest.approx(np.linalg.norm(gw.astype(np.float64)), rel=1e-5)
        assert ln.grad_b[i] == pytest.approx(np.linalg.norm(gb.astype(np.float64)), rel=1e-5)
        assert ln.weight[i] == pytest.approx(np.linalg.norm(w), rel=1e-5)
        assert ln.update[i] == pytest.approx(np.linalg.norm(uw.astype(np.float64)), rel=1e-5)
        assert ln.ratio[i] == pytest.approx(ln.update[i] / ln.weight[i], rel=1e-12)
    unknown = layer_norms(model, grad)
    assert np.all(np.isnan(unknown.update)) and np.all(np.isnan(unknown.ratio))
    np.testing.assert_array_equal(unknown.grad_w, ln.grad_w)
    assert not ln.ratio.flags.writeable


def test_layer_norms_show_vanishing_gradients_with_sigmoid_and_six_hidden_layers():
    from visualizer.core.dataset import load_dataset
    data = load_dataset("sample")
    x = data.x_train[:64].reshape(64, -1).astype(np.float32) / 255
    y = data.y_train[:64]
    first_over_last = {}
    for activation in ("sigmoid", "relu"):
        model = MLP(NetworkConfig(hidden=(32,) * 6, activation=activation), np.random.default_rng(0))
        _, _, ws = model.loss_and_gradient(x, y)
        ln = layer_norms(model, ws.grad)
        first_over_last[activation] = ln.grad_w[0] / ln.grad_w[-1]
    assert first_over_last["sigmoid"] < 1e-2          # orders of magnitude below the last layer
    assert first_over_last["relu"] > 1e-1
