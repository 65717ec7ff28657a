"""Ghost runs without Qt: the settings diff that labels them, and the capped, pinnable set."""

from __future__ import annotations

import math

import numpy as np

from visualizer.app.config_diff import RunSettings, config_diff, diff_label
from visualizer.app.curves_model import CurvesModel
from visualizer.app.ghosts import MAX_GHOSTS, MAX_POINTS, GhostSet, ghost_of
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.events import BatchEvent, DivergedEvent

BASE = RunSettings(NetworkConfig(), TrainConfig(), "sample")


def settings(network=None, dataset="sample", **train) -> RunSettings:
    return RunSettings(network or NetworkConfig(), TrainConfig(**train), dataset)


def test_config_diff_names_each_changed_setting_old_to_new():
    assert config_diff(settings(lr=0.01), settings(lr=0.1)) == ["lr 0.01 → 0.1"]
    assert config_diff(BASE, settings(NetworkConfig(activation="sigmoid"))) == ["ReLU → sigmoid"]
    assert config_diff(BASE, settings(batch_size=8)) == ["batch 64 → 8"]
    assert config_diff(BASE, settings(NetworkConfig(hidden=(256,)))) == ["hidden 128-64 → 256"]
    assert config_diff(BASE, settings(augment=True)) == ["augment off → on"]
    assert config_diff(BASE, settings(dataset="fashion")) == ["data sample → fashion"]
    assert config_diff(BASE, settings(optimizer="sgd", dropout=0.2, seed=3)) == [
        "Adam → SGD", "dropout 0 → 0.2", "seed 0 → 3"]


def test_config_diff_leaves_out_what_does_not_change_learning():
    assert config_diff(BASE, settings(epochs=40)) == []          # only how long it runs
    assert config_diff(BASE, settings(momentum=0.5)) == []       # Adam does not use momentum
    assert config_diff(settings(optimizer="momentum"), settings(optimizer="momentum", momentum=0.5)) == [
        "momentum 0.9 → 0.5"]
    assert config_diff(settings(dataset=""), settings(dataset="mnist")) == []   # unknown: no claim
    assert diff_label(BASE, BASE) == "same settings"
    many = settings(lr=0.1, batch_size=8, dropout=0.5, seed=1, augment=True)
    assert diff_label(BASE, many) == "lr 0.001 → 0.1, batch 64 → 8, dropout 0 → 0.5, +2 more"


def model_with_batches(n: int, loss: float = 1.0, step0: int = 1) -> CurvesModel:
    m = CurvesModel()
    m.add_batches(tuple(BatchEvent(step0 + i, i // 10, i % 10, 10, (i + 1) / 10, loss, 0.5, 1e-3, 32)
                        for i in range(n)))
    return m


def test_a_ghost_keeps_the_run_thinned_and_read_only():
    m = model_with_batches(MAX_POINTS * 3)
    g = ghost_of(m, BASE, "run 1")
    assert len(g.x) <= MAX_POINTS and g.x[-1] == m.x_batch.last()     # thinned, the newest point kept
    assert not g.x.flags.writeable and not g.loss.flags.writeable
    assert ghost_of(CurvesModel(), BASE) is None                      # nothing shown: no ghost


def test_a_diverged_run_keeps_its_exploding_part_on_the_ghost():
    m = model_with_batches(30)
    m.add_divergence(DivergedEvent(step=30, epoch=2, loss=math.inf, message="diverged", restored_step=20))
    g = ghost_of(m, BASE)
    assert g.diverged
    assert np.array_equal(g.div_x, m.div_x.view(), equal_nan=True)
    assert math.isinf(g.div_loss[-1])                                  # the loss that exploded
    assert len(g.div_x) == 11                                          # steps 20..29 and the bad one


def test_ghosts_are_capped_and_the_oldest_unpinned_drops_out():
    ghosts = GhostSet()
    made = [ghost_of(model_with_batches(5), settings(seed=i), f"run {i}") for i in range(MAX_GHOSTS)]
    for g in made:
        assert ghosts.add(g)
    ghosts.set_pinned(made[0].ident, True)
    ghosts.set_pinned(made[2].ident, True)
    newer = ghost_of(model_with_batches(5), BASE, "run 9")
    assert ghosts.add(newer)
    kept = [g.ident for g in ghosts.ghosts]
    assert len(kept) == MAX_GHOSTS
    assert made[0].ident in kept and made[2].ident in kept               # pinned: kept
    assert made[1].ident not in kept and made[3].ident in kept           # the oldest unpinned went
    ghosts.set_hidden(made[3].ident, True)
    assert made[3] not in ghosts.visible() and len(ghosts.visible()) == MAX_GHOSTS - 1
    ghosts.clear()
    assert [g.ident for g in ghosts.ghosts] == [made[0].ident, made[2].ident]   # pinned survive Clear


def test_when_every_ghost_is_pinned_a_new_one_is_not_kept():
    ghosts = GhostSet(limit=2)
    a, b = (ghost_of(model_with_batches(3), BASE) for _ in range(2))
    for g in (a, b):
        ghosts.add(g)
        ghosts.set_pinned(g.ident, True)
    assert not ghosts.add(ghost_of(model_with_batches(3), BASE))
    assert ghosts.ghosts == [a, b]


def test_ghost_labels_say_what_differs_from_the_current_run():
    ghosts = GhostSet()
    g = ghost_of(model_with_batches(3), settings(lr=0.01), "run 1")
    ghosts.add(g)
    ghosts.set_current(settings(lr=0.1))
    assert ghosts.label(g) == "run 1: lr 0.01 → 0.1"
    version = ghosts.version
    ghosts.set_current(settings(lr=0.01))
    assert ghosts.label(g) == "run 1: same settings" and ghosts.version > version
