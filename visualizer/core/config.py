"""Architecture and training configuration: frozen, validated, JSON-friendly.

``NetworkConfig`` says what the network is; ``TrainConfig`` says how it is
trained. Both are frozen dataclasses: to change a value, use
``dataclasses.replace``. ``validate()`` raises ``ConfigError`` naming the
option and the defect (NaN, infinite, negative, zero, absurdly large...).
``to_dict()``/``from_dict()`` round-trip through JSON (the model file stores
them); ``from_dict`` ignores unknown keys and validates.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError

ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh")
INITS = ("auto", "he", "xavier")
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam", "adamw")
SCHEDULES = ("constant", "step", "cosine")

# The limits of every setting, one set for the command line (through validate()) and the
# app's controls (their ranges), so both accept exactly the same networks and runs.
MAX_WIDTH = 8192          # widest hidden layer accepted
MAX_LAYERS = 8            # deepest stack of hidden layers: 9 linear layers, the classic deep example
MIN_BATCH = 1             # one image per step: plain stochastic gradient descent
MAX_BATCH = 65536
MAX_EPOCHS = 100_000
# Largest learning rate accepted. Far above any rate that trains (SGD ~0.01-1,
# Adam ~1e-4-1e-2) on purpose: a learner may try 1e3 to watch what a far too
# large rate does, and the trainer stops such a run cleanly (DivergedEvent,
# weights rolled back). Only absurd values (NaN, inf, <= 0, > 1e4) are refused.
MAX_LR = 1e4


def _number(name: str, value: Any, *, low: float | None = None, high: float | None = None,
            low_open: bool = False, high_open: bool = False) -> None:
    """Raise ConfigError unless ``value`` is a finite real within the bounds."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{name} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ConfigError(f"{name} must be a finite number, got {value!r}")
    if low is not None and (value <= low if low_open else value < low):
        raise ConfigError(f"{name} must be {'>' if low_open else '>='} {low:g}, got {value!r}")
    if high is not None and (value >= high if high_open else value > high):
        raise ConfigError(f"{name} must be {'<' if high_open else '<='} {high:g}, got {value!r}")


def _integer(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{name} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {value}")


def _choice(name: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


@dataclass(frozen=True)
class NetworkConfig:
    """The architecture: 784 -> hidden... -> 10, one activation for all hidden layers."""

    hidden: tuple[int, ...] = (128, 64)
    activation: str = "relu"          # one of ACTIVATIONS
    init: str = "auto"                # auto: He for (leaky) ReLU, Xavier/Glorot for sigmoid/tanh
    n_inputs: int = 784
    n_classes: int = 10

    @property
    def sizes(self) -> tuple[int, ...]:
        """Layer sizes including input and output, e.g. (784, 128, 64, 10)."""
        return (self.n_inputs, *self.hidden, self.n_classes)

    def validate(self) -> "NetworkConfig":
        if not isinstance(self.hidden, tuple):
            raise ConfigError(f"hidden must be a tuple of layer widths, got {self.hidden!r}")
        if len(self.hidden) > MAX_LAYERS:
            raise ConfigError(f"at most {MAX_LAYERS} hidden layers are supported, got {len(self.hidden)}")
        for i, width in enumerate(self.hidden):
            _integer(f"hidden layer {i + 1} width", width, 1, MAX_WIDTH)
        _choice("activation", self.activation, ACTIVATIONS)
        _choice("init", self.init, INITS)
        _integer("n_inputs", self.n_inputs, 1, 1 << 20)
        _integer("n_classes", self.n_classes, 2, 1000)
        return self

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["hidden"] = list(self.hidden)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "NetworkConfig":
        known = {f.name for f in dataclasses.fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        if "hidden" in kw:
            if not isinstance(kw["hidden"], (list, tuple)):
                raise ConfigError(f"hidden must be a list of layer widths, got {kw['hidden']!r}")
            kw["hidden"] = tuple(kw["hidden"])
        return cls(**kw).validate()


@dataclass(frozen=True)
class TrainConfig:
    """How the network is trained. Defaults: Adam, lr 1e-3, batch 64, 5 epochs."""

    optimizer: str = "adam"           # one of OPTIMIZERS
    lr: float = 1e-3                  # base learning rate (the schedule scales it)
    momentum: float = 0.9             # momentum / nesterov
    beta1: float = 0.9                # adam / adamw
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0         # L2 strength: added to the loss (sgd, momentum, nesterov, adam); decoupled for adamw
    schedule: str = "constant"        # one of SCHEDULES
    step_epochs: int = 2              # step schedule: multiply lr by step_gamma every step_epochs epochs
    step_gamma: float = 0.5
    batch_size: int = 64
    epochs: int = 5
    dropout: float = 0.0              # probability of dropping a hidden unit (inverted dropout, training only)
    augment: bool = False             # random rotation / shift / scale / elastic noise per batch
    val_fraction: float = 0.1         # stratified share of the training set held out for validation
    seed: int = 0

    def validate(self) -> "TrainConfig":
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _number("learning rate", self.lr, low=0.0, high=MAX_LR, low_open=True)
        _number("momentum", self.momentum, low=0.0, high=1.0, high_open=True)
        _number("beta1", self.beta1, low=0.0, high=1.0, high_open=True)
        _number("beta2", self.beta2, low=0.0, high=1.0, high_open=True)
        _number("eps", self.eps, low=0.0, high=1.0, low_open=True)
        _number("weight decay (L2)", self.weight_decay, low=0.0, high=1.0)
        _choice("schedule", self.schedule, SCHEDULES)
        _integer("step_epochs", self.step_epochs, 1, MAX_EPOCHS)
        _number("step_gamma", self.step_gamma, low=0.0, high=1.0, low_open=True)
        _integer("batch size", self.batch_size, MIN_BATCH, MAX_BATCH)
        _integer("epochs", self.epochs, 1, MAX_EPOCHS)
        _number("dropout", self.dropout, low=0.0, high=1.0, high_open=True)
        if not isinstance(self.augment, bool):
            raise ConfigError(f"augment must be true or false, got {self.augment!r}")
        _number("validation fraction", self.val_fraction, low=0.0, high=0.5)
        _integer("seed", self.seed, 0, 2**63 - 1)
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TrainConfig":
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known}).validate()
