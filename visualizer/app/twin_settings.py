"""The one setting a twin run changes: which settings may, their choices, and the changed configs.

A twin trains beside the current network with exactly one setting changed.
``TWIN_SETTINGS`` lists them in the order the "Run a twin" dialog offers them,
each with the values a learner usually compares; ``suggest(key, network,
train)`` proposes a value that differs from the current one, and
``with_setting(network, train, key, value)`` returns the pair of configs the twin
trains with (validated: a bad value raises ``ConfigError`` naming it). No Qt.
"""

from __future__ import annotations

import dataclasses

__all__ = ["TWIN_SETTINGS", "parse_value", "suggest", "with_setting"]

# key -> (owner, field, offered values)
TWIN_SETTINGS = {
    "activation": ("network", "activation", ("relu", "leaky_relu", "sigmoid", "tanh")),
    "optimizer": ("train", "optimizer", ("sgd", "momentum", "nesterov", "adam", "adamw")),
    "lr": ("train", "lr", (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)),
    "dropout": ("train", "dropout", (0.0, 0.1, 0.2, 0.3, 0.5)),
    "augment": ("train", "augment", (False, True)),
    "batch_size": ("train", "batch_size", (1, 8, 16, 32, 64, 128, 256, 512)),
    "hidden": ("network", "hidden", ((32,), (128,), (128, 64), (256, 128), (512, 256, 128), (64, 64, 64, 64))),
}


def current_value(key: str, network, train):
    owner, field, _ = TWIN_SETTINGS[key]
    return getattr(network if owner == "network" else train, field)


def suggest(key: str, network, train):
    """A value of ``key`` for the twin that differs from the current one: the next offered
    value (for the learning rate, ten times the current one when that is allowed)."""
    now = current_value(key, network, train)
    if key == "lr" and now * 10 <= 1.0:
        return float(f"{now * 10:.3g}")
    values = TWIN_SETTINGS[key][2]
    if now in values:
        return values[(values.index(now) + 1) % len(values)]
    return next(v for v in values if v != now)


def parse_value(key: str, text: str):
    """A typed value for ``key``: "0.1" for lr or dropout, "64" for a batch, "256, 128" for layers."""
    from visualizer.core.errors import ConfigError

    kind = type(TWIN_SETTINGS[key][2][0])
    try:
        if key == "hidden":
            return tuple(int(w) for w in text.replace("-", ",").split(",") if w.strip())
        if kind is bool:
            return text.strip().lower() in ("1", "true", "on", "yes")
        return kind(text.strip())
    except ValueError:
        raise ConfigError(f"{key}: {text!r} is not a valid value") from None


def with_setting(network, train, key: str, value):
    """(network, train) with ``key`` set to ``value``, validated (raises ConfigError)."""
    owner, field, _ = TWIN_SETTINGS[key]
    if owner == "network":
        network = dataclasses.replace(network, **{field: tuple(value) if field == "hidden" else value})
    else:
        train = dataclasses.replace(train, **{field: value})
    return network.validate(), train.validate()
