"""Each optimizer's update against steps computed by hand on tiny arrays; schedules."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizer.core import optimizers
from visualizer.core.config import TrainConfig
from visualizer.core.schedules import learning_rate

P0 = [1.0, -2.0]
G1 = [0.5, 0.1]
G2 = [-0.2, 0.4]


def _run(cls, lr, grads, **kw):
    opt = cls(2, np.float64, **kw)
    p = np.array(P0)
    history = []
    for g in grads:
        opt.step(p, np.array(g), lr)
        history.append(p.copy())
    return opt, history


def test_sgd():
    _, (p1, p2) = _run(optimizers.SGD, 0.1, [G1, G2])
    np.testing.assert_allclose(p1, [1.0 - 0.05, -2.0 - 0.01])
    np.testing.assert_allclose(p2, [0.95 + 0.02, -2.01 - 0.04])


def test_momentum():
    opt, (p1, p2) = _run(optimizers.Momentum, 0.1, [G1, G2], momentum=0.9)
    # v1 = g1 = (0.5, 0.1); v2 = 0.9 v1 + g2 = (0.25, 0.49)
    np.testing.assert_allclose(p1, [0.95, -2.01])
    np.testing.assert_allclose(p2, [0.95 - 0.025, -2.01 - 0.049])
    np.testing.assert_allclose(opt.state()["velocity"], [0.25, 0.49])


def test_nesterov():
    _, (p1, p2) = _run(optimizers.Nesterov, 0.1, [G1, G2], momentum=0.9)
    # step 1: v = (0.5, 0.1); p -= 0.1 (g + 0.9 v) = 0.1 * (0.95, 0.19)
    np.testing.assert_allclose(p1, [1.0 - 0.095, -2.0 - 0.019])
    # step 2: v = (0.25, 0.49); g + 0.9 v = (0.025, 0.841)
    np.testing.assert_allclose(p2, [0.905 - 0.0025, -2.019 - 0.0841])


def test_adam_first_steps():
    opt, (p1, p2) = _run(optimizers.Adam, 0.1, [G1, G2], beta1=0.9, beta2=0.999, eps=1e-8)
    # step 1: m_hat = g, v_hat = g^2, so the step is lr * sign(g) (up to eps)
    np.testing.assert_allclose(p1, [0.9, -2.1], rtol=1e-7)
    # step 2, by hand
    m = [0.9 * 0.1 * g1 + 0.1 * g2 for g1, g2 in zip(G1, G2)]
    v = [0.999 * 0.001 * g1 ** 2 + 0.001 * g2 ** 2 for g1, g2 in zip(G1, G2)]
    m_hat = [mi / (1 - 0.9 ** 2) for mi in m]
    v_hat = [vi / (1 - 0.999 ** 2) for vi in v]
    expected = [p - 0.1 * mh / (math.sqrt(vh) + 1e-8) for p, mh, vh in zip(p1, m_hat, v_hat)]
    np.testing.assert_allclose(p2, expected, rtol=1e-10)
    state = opt.state()
    np.testing.assert_allclose(opt.m, m)
    np.testing.assert_allclose(opt.v, v)
    np.testing.assert_allclose(state["adam_m_scaled"], np.array(m) / 0.1)
    np.testing.assert_allclose(state["adam_v_scaled"], np.array(v) / 0.001)
    assert int(state["adam_t"]) == 2


def test_adam_l2_is_in_the_gradient_but_adamw_decays_weights_only():
    assert optimizers.Adam(2).l2_in_gradient and optimizers.SGD(2).l2_in_gradient
    assert not optimizers.AdamW(2).l2_in_gradient
    # AdamW: parameter 0 is a weight (decayed), parameter 1 a bias (not decayed)
    _, (p1,) = _run(optimizers.AdamW, 0.1, [G1], weight_decay=0.5, decay_slices=[slice(0, 1)])
    np.testing.assert_allclose(p1, [1.0 * (1 - 0.1 * 0.5) - 0.1, -2.0 - 0.1], rtol=1e-7)
    _, (q1,) = _run(optimizers.Adam, 0.1, [G1], weight_decay=0.5, decay_slices=[slice(0, 1)])
    np.testing.assert_allclose(q1, [0.9, -2.1], rtol=1e-7)   # Adam leaves decay to the gradient


def test_momentum_can_change_between_steps():
    opt = optimizers.Momentum(2, np.float64, momentum=0.9)
    p = np.array(P0)
    opt.step(p, np.array(G1), 0.1)
    opt.momentum = 0.0                      # now plain SGD
    before = p.copy()
    opt.step(p, np.array(G2), 0.1)
    np.testing.assert_allclose(p, before - 0.1 * np.array(G2))


def test_state_round_trip_and_rejection():
    a, _ = _run(optimizers.Adam, 0.1, [G1, G2])
    b = optimizers.Adam(2, np.float64)
    assert b.load_state(a.state())
    pa, pb = np.array(P0), np.array(P0)
    a.step(pa, np.array(G1), 0.01)
    b.step(pb, np.array(G1), 0.01)
    np.testing.assert_array_equal(pa, pb)
    assert not optimizers.Adam(3).load_state(a.state())            # wrong size
    assert not optimizers.Momentum(2).load_state(a.state())        # other optimizer's state
    assert not optimizers.Adam(2).load_state({"adam_m_scaled": np.zeros(2), "adam_v_scaled": np.full(2, np.nan),
                                              "adam_t": np.array(1)})


def test_make_optimizer_follows_the_config():
    for name, cls in optimizers.OPTIMIZERS.items():
        opt = optimizers.make_optimizer(TrainConfig(optimizer=name, momentum=0.5, weight_decay=0.1), 4)
        assert type(opt) is cls and opt.momentum == 0.5 and opt.weight_decay == 0.1


def test_schedules():
    const = TrainConfig(schedule="constant")
    step = TrainConfig(schedule="step", step_epochs=2, step_gamma=0.5)
    cos = TrainConfig(schedule="cosine")
    assert learning_rate(const, 0.1, 3.7, 5) == 0.1
    assert [learning_rate(step, 0.1, e, 10) for e in (0, 1.99, 2, 3.5, 4, 6.1)] == pytest.approx(
        [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125])
    assert learning_rate(cos, 0.1, 0, 4) == pytest.approx(0.1)
    assert learning_rate(cos, 0.1, 2, 4) == pytest.approx(0.05)
    assert learning_rate(cos, 0.1, 1, 4) == pytest.approx(0.05 * (1 + math.cos(math.pi / 4)))
    assert learning_rate(cos, 0.1, 4, 4) == pytest.approx(0.0, abs=1e-15)
    lrs = [learning_rate(cos, 0.1, t / 10, 4) for t in range(41)]
    assert all(a >= b for a, b in zip(lrs, lrs[1:]))


@pytest.mark.parametrize("cls", [optimizers.Adam, optimizers.AdamW])
def test_adam_matches_the_textbook_form_over_many_steps(cls):
    rng = np.random.default_rng(0)
    n, lr, b1, b2, eps, wd = 6, 0.01, 0.8, 0.99, 1e-6, 0.1
    opt = cls(n, np.float64, beta1=b1, beta2=b2, eps=eps, weight_decay=wd, decay_slices=[slice(0, 4)])
    p = rng.normal(size=n)
    ref, m, v = p.copy(), np.zeros(n), np.zeros(n)
    for t in range(1, 31):
        g = rng.normal(size=n)
        opt.step(p, g, lr)
        if cls is optimizers.AdamW:
            ref[:4] -= lr * wd * ref[:4]
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        ref -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
    np.testing.assert_allclose(p, ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(opt.m, m, rtol=1e-12)
    np.testing.assert_allclose(opt.v, v, rtol=1e-12)
