"""Guided experiments ("lessons") read from small TOML files; no widgets.

A lesson is one ``.toml`` file (the shipped ones are in ``resources/lessons/``,
read in file-name order; a teacher opens their own with File > Open lesson…).
A translation of a shipped lesson lives in ``resources/lessons/<language>/``
under the same file name (``resources/lessons/de/01-one-neuron.toml``):
``shipped("de")`` takes it where there is one and the English file otherwise::

    title = "A learning rate too high"            # required
    goal = "See what a far too large step does."  # required
    view = "curves"            # the view to watch: curves, weights, activations, draw, evaluation, ...
    watch = "The loss curve in the first epoch."  # what to look at there (optional)
    question = "Why does the loss jump up?"       # required
    explanation = "Each step overshoots ..."      # required: revealed on request

    [network]                  # optional: NetworkConfig fields (hidden = [32, 16], activation = "sigmoid")
    [train]                    # optional: TrainConfig fields (optimizer, lr, epochs, batch_size, dropout,
                               #   augment, seed, ...)
    [dataset]                  # optional
    name = "sample"            # "sample", "mnist", "fashion" or a folder
    train_images = 500         # optional: train on only this many images (a stratified subset)

Settings a lesson does not name keep the defaults of ``NetworkConfig`` and
``TrainConfig`` (so a lesson always starts from the same place). ``parse`` and
``load`` raise ``LessonError`` naming the file and, where there is one, the
line: a TOML syntax error, an unknown key, a missing field, a wrong type or an
invalid setting (``ConfigError``'s sentence). ``subset`` picks a lesson's
training images; ``shipped()`` loads every shipped lesson.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import Dataset
from visualizer.core.errors import VisualizerError
from visualizer.core.paths import resources_dir

from .i18n import tr

TEXT_FIELDS = ("title", "goal", "view", "watch", "question", "explanation")
REQUIRED = ("title", "goal", "question", "explanation")
TABLES = ("network", "train", "dataset")
DATASET_KEYS = ("name", "train_images")
MIN_IMAGES = 20
SUBSET_MARK = "(lesson subset):"
# how ConfigError names a setting, where that differs from its key
ALIASES = {"lr": "learning rate", "weight_decay": "weight decay", "val_fraction": "validation fraction"}


class LessonError(VisualizerError):
    """A lesson file that cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class Lesson:
    """One guided experiment (see the module docstring for the file format)."""

    title: str
    goal: str
    question: str
    explanation: str
    network: NetworkConfig
    train: TrainConfig
    view: str = "curves"
    watch: str = ""
    dataset: str = "sample"
    train_images: int | None = None      # None: the whole training set
    source: str = ""                     # the file it was read from

    def settings_text(self) -> str:
        """The settings in one line, e.g. "784-32-10 relu · sgd lr 0.1 · 3 epochs · sample, 500 images"."""
        n, t = self.network, self.train
        parts = ["-".join(map(str, n.sizes)) + f" {n.activation}",
                 tr("{optimizer} lr {lr}").format(optimizer=t.optimizer, lr=f"{t.lr:g}"),
                 tr("batch {n}").format(n=t.batch_size), tr("%n epoch(s)", None, t.epochs)]
        if t.dropout:
            parts.append(tr("dropout {p}").format(p=f"{t.dropout:g}"))
        if t.augment:
            parts.append(tr("augmentation"))
        data = self.dataset + (", " + tr("%n image(s)", None, self.train_images) if self.train_images else "")
        return " · ".join(parts + [data])


def lessons_dir() -> Path:
    """The folder of the shipped lessons."""
    return resources_dir() / "lessons"


def shipped(language: str = "en") -> list[Lesson]:
    """Every shipped lesson, in file-name order, in ``language`` where it is translated
    (LessonError for a malformed one)."""
    folder = lessons_dir()
    return [load(_translated(p, folder / language)) for p in sorted(folder.glob("*.toml"))]


def _translated(path: Path, folder: Path) -> Path:
    """The translation of the lesson file ``path`` in ``folder``, or ``path`` itself when there is none."""
    candidate = folder / path.name
    return candidate if candidate.is_file() else path


def load(path) -> Lesson:
    """The lesson in the file ``path``; LessonError naming the file (and line) when it is not one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LessonError(tr("{path}: cannot read the lesson: {error}").format(path=path, error=exc)) from exc
    return parse(text, str(path))


def _line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The 1-based line where ``key`` is set (inside ``[table]`` when given), or None."""
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([A-Za-z0-9_-]+)\s*\]", stripped)
        if header:
            current = header.group(1)
            if table is not None and key == "" and current == table:
                return number
            continue
        if current == table and re.match(rf"^{re.escape(key)}\s*=", stripped):
            return number
    return None


def _where(source: str, line: int | None) -> str:
    return tr("{source}, line {line}").format(source=source, line=line) if line else source


def parse(text: str, source: str = "<lesson>") -> Lesson:
    """The lesson written in ``text`` (``source`` names it in messages)."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise LessonError(tr("{where}: not valid TOML: {reason}").format(where=_where(source, line),
                                                                        reason=reason)) from None

    def fail(message: str, key: str, table: str | None = None):
        raise LessonError(f"{_where(source, _line_of(text, key, table))}: {message}")

    for key, value in doc.items():
        if key in TABLES:
            if not isinstance(value, dict):
                fail(tr("{key} must be a table ([{key}])").format(key=key), key)
        elif key not in TEXT_FIELDS:
            fail(tr("unknown key {key} (known: {known})").format(key=repr(key),
                                                                 known=", ".join(TEXT_FIELDS + TABLES)), key)
        elif not isinstance(value, str) or not value.strip():
            fail(tr("{key} must be a non-empty text in quotes").format(key=key), key)
    missing = [k for k in REQUIRED if k not in doc]
    if missing:
        raise LessonError(tr("{source}: missing {missing} (every lesson needs {required})").format(
            source=source, missing=", ".join(missing), required=", ".join(REQUIRED)))
    network = _config(NetworkConfig, doc.get("network", {}), "network", fail)
    train = _config(TrainConfig, doc.get("train", {}), "train", fail)
    data = doc.get("dataset", {})
    for key in data:
        if key not in DATASET_KEYS:
            fail(tr("unknown key {key} in [dataset] (known: {known})").format(key=repr(key),
                                                                              known=", ".join(DATASET_KEYS)),
                 key, "dataset")
    name = data.get("name", "sample")
    if not isinstance(name, str) or not name.strip():
        fail(tr("the dataset name must be a non-empty text in quotes"), "name", "dataset")
    images = data.get("train_images")
    if images is not None and (isinstance(images, bool) or not isinstance(images, int) or images < MIN_IMAGES):
        fail(tr("train_images must be a whole number of at least {n}, got {value}").format(n=MIN_IMAGES,
                                                                                           value=repr(images)),
             "train_images", "dataset")
    return Lesson(title=doc["title"].strip(), goal=doc["goal"].strip(), question=doc["question"].strip(),
                  explanation=doc["explanation"].strip(), network=network, train=train,
                  view=doc.get("view", "curves").strip(), watch=doc.get("watch", "").strip(),
                  dataset=name.strip(), train_images=images, source=source)


def _config(cls, values: dict, table: str, fail):
    """``cls`` (NetworkConfig / TrainConfig) from a lesson's table; ``fail`` for a bad key or value."""
    known = {f.name for f in dataclasses.fields(cls)}
    for key in values:
        if key not in known:
            fail(tr("unknown setting {key} in [{table}] (known: {known})").format(
                key=repr(key), table=table, known=", ".join(sorted(known))), key, table)
    kwargs = dict(values)
    if "hidden" in kwargs:
        hidden = kwargs["hidden"]
        if not isinstance(hidden, list):
            fail(tr("hidden must be a list of layer widths, e.g. hidden = [64, 32]"), "hidden", table)
        kwargs["hidden"] = tuple(hidden)
    try:
        return cls(**kwargs).validate()
    except (VisualizerError, TypeError) as exc:
        said = str(exc)
        key = next((k for k in values if ALIASES.get(k, k.replace("_", " ")) in said or k in said), "")
        fail(f"[{table}] {said}", key, table)


def subset(dataset: Dataset, n: int, seed: int = 0) -> Dataset:
    """``dataset`` with only ``n`` of its training images, the same share of each class (test set kept)."""
    y = dataset.y_train
    if n >= len(y):
        return dataset
    rng = np.random.default_rng(seed)
    picked = []
    classes = np.unique(y)
    for c in classes:
        idx = np.flatnonzero(y == c)
        k = max(1, round(n * len(idx) / len(y)))
        picked.append(rng.choice(idx, size=min(k, len(idx)), replace=False))
    idx = np.sort(np.concatenate(picked))
    return Dataset(dataset.name, dataset.x_train[idx].copy(), y[idx].copy(), dataset.x_test, dataset.y_test,
                   dataset.class_names, f"{dataset.source} {SUBSET_MARK} {len(idx)} training images".strip())


def is_subset(dataset: Dataset) -> bool:
    """True for a dataset ``subset`` made (its source says so)."""
    return SUBSET_MARK in dataset.source
