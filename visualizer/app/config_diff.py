"""What differs between two runs' settings, as short labels: "lr 0.01 → 0.1", "ReLU → sigmoid".

``config_diff(old, new)`` compares two ``RunSettings`` (a network config, a
training config and the dataset's name) field by field and returns one label
per setting that differs, in the order a person reads the settings panel:
data, architecture, optimisation, regularisation, seed. The number of epochs
is left out: it says how long a run is, not how it learns. No widgets and no
core import: the configs are read through their attribute names, so the labels
of the ghost curves and of a twin run are computed (and tested) here alone; their
words go through ``i18n.tr`` (English as written until a language is installed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .i18n import tr

__all__ = ["RunSettings", "config_diff", "diff_label", "format_value"]

NAMES = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "sigmoid": "sigmoid", "tanh": "tanh",
         "sgd": "SGD", "momentum": "momentum SGD", "nesterov": "Nesterov", "adam": "Adam", "adamw": "AdamW",
         "constant": "constant lr", "step": "step lr", "cosine": "cosine lr",
         "auto": "auto init", "he": "He init", "xavier": "Xavier init"}

# (owner, field, label prefix or "" for a named value such as "ReLU"), in reading order
FIELDS = (("", "dataset", "data"),
          ("network", "hidden", "hidden"), ("network", "activation", ""), ("network", "init", ""),
          ("train", "optimizer", ""), ("train", "lr", "lr"), ("train", "schedule", ""),
          ("train", "momentum", "momentum"), ("train", "batch_size", "batch"),
          ("train", "weight_decay", "L2"), ("train", "dropout", "dropout"), ("train", "augment", "augment"),
          ("train", "val_fraction", "validation"), ("train", "seed", "seed"))


def _words() -> dict[str, str]:
    """The English words of the labels -> the same in the window's language (names stay)."""
    return {"leaky ReLU": tr("leaky ReLU"), "sigmoid": tr("sigmoid"), "momentum SGD": tr("momentum SGD"),
            "constant lr": tr("constant lr"), "step lr": tr("step lr"), "cosine lr": tr("cosine lr"),
            "auto init": tr("auto init"), "He init": tr("He init"), "Xavier init": tr("Xavier init"),
            "data": tr("data"), "hidden": tr("hidden"), "lr": tr("lr"), "momentum": tr("momentum"),
            "batch": tr("batch"), "dropout": tr("dropout"), "augment": tr("augment"),
            "validation": tr("validation"), "seed": tr("seed"), "none": tr("none"), "on": tr("on"),
            "off": tr("off")}


def _word(text: str) -> str:
    return _words().get(text, text)


@dataclass(frozen=True)
class RunSettings:
    """What a run was trained with: ``network`` (NetworkConfig), ``train`` (TrainConfig) and the
    dataset's name ("" when unknown)."""

    network: Any
    train: Any
    dataset: str = ""


def format_value(field: str, value) -> str:
    """One setting's value as the labels write it: "128-64", "on", "0.001", "ReLU"."""
    if field == "hidden":
        return "-".join(str(int(w)) for w in value) if len(value) else _word("none")
    if isinstance(value, bool):
        return _word("on" if value else "off")
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, str):
        return _word(NAMES.get(value, value)) or "?"
    return str(value)


def _get(settings: RunSettings, owner: str, field: str):
    source = getattr(settings, owner) if owner else settings
    return getattr(source, field, None)


def config_diff(old: RunSettings, new: RunSettings) -> list[str]:
    """One label per setting that differs from ``old`` to ``new``: "lr 0.01 → 0.1", "ReLU → sigmoid",
    "batch 64 → 8", "augment off → on". Momentum is compared only where the optimizer uses it."""
    labels = []
    for owner, field, prefix in FIELDS:
        a, b = _get(old, owner, field), _get(new, owner, field)
        if a == b or a is None or b is None:
            continue
        if field == "momentum" and _get(new, "train", "optimizer") not in ("momentum", "nesterov"):
            continue
        if field == "dataset" and not (a and b):
            continue
        text = f"{format_value(field, a)} → {format_value(field, b)}"
        labels.append(f"{_word(prefix)} {text}" if prefix else text)
    return labels


def diff_label(old: RunSettings, new: RunSettings, same: str = "same settings", limit: int = 3) -> str:
    """``config_diff`` as one line: up to ``limit`` labels joined by ", " (then "+N more"),
    or ``same`` when nothing differs."""
    labels = config_diff(old, new)
    if not labels:
        return same
    more = len(labels) - limit
    return ", ".join(labels[:limit]) + (", " + tr("+{n} more").format(n=more) if more > 0 else "")
