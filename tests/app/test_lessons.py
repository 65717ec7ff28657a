"""Lesson files: every shipped lesson parses; a malformed one is named by file and line."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.app import lessons
from visualizer.app.lessons import LessonError
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import load_dataset

GOOD = """title = "T"
goal = "G"
view = "weights"
question = "Q?"
explanation = "E."

[network]
hidden = [32, 16]
activation = "sigmoid"

[train]
optimizer = "sgd"
lr = 0.5
epochs = 3

[dataset]
name = "sample"
train_images = 500
"""


def test_every_shipped_lesson_parses_and_there_are_at_least_ten():
    found = lessons.shipped()
    assert len(found) >= 10
    for lesson in found:
        assert lesson.title and lesson.goal and lesson.question and lesson.explanation
        assert lesson.network == lesson.network.validate() and lesson.train == lesson.train.validate()
    assert len({lesson.title for lesson in found}) == len(found)


def test_the_shipped_lessons_cover_the_required_experiments():
    found = lessons.shipped()
    activations = {lesson.network.activation for lesson in found if len(lesson.network.hidden) == 6}
    assert activations == {"sigmoid", "relu"}                # vanishing gradients: sigmoid against ReLU
    small = [lesson for lesson in found if lesson.train_images == 500]
    assert any(not x.train.dropout and not x.train.augment for x in small)      # overfitting
    assert any(x.train.dropout or x.train.augment for x in small)               # and its fix
    lrs = [lesson.train.lr for lesson in found if lesson.train.optimizer == "sgd"]
    assert max(lrs) >= 1 and min(lrs) <= 1e-3                # too high and too low
    assert {"backprop", "landscape", "weights", "activations"} <= {lesson.view for lesson in found}


def test_a_lesson_file_gives_its_settings_and_keeps_defaults_for_the_rest(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    lesson = lessons.load(path)
    assert lesson.network == NetworkConfig(hidden=(32, 16), activation="sigmoid")
    assert lesson.train == TrainConfig(optimizer="sgd", lr=0.5, epochs=3)
    assert (lesson.view, lesson.dataset, lesson.train_images, lesson.source) == ("weights", "sample", 500, str(path))


@pytest.mark.parametrize("old, new, line, words", [
    ('lr = 0.5', 'lr = 0.5.', 13, "not valid TOML"),                   # a syntax error
    ('lr = 0.5', 'lr = -1.0', 13, "learning rate"),                    # an invalid setting
    ('epochs = 3', 'epochz = 3', 14, "unknown setting 'epochz'"),
    ('view = "weights"', 'veiw = "weights"', 3, "unknown key 'veiw'"),
    ('hidden = [32, 16]', 'hidden = 32', 8, "list of layer widths"),
    ('activation = "sigmoid"', 'activation = "softplus"', 9, "activation"),
    ('train_images = 500', 'train_images = 5', 18, "train_images"),
    ('goal = "G"', 'goal = 3', 2, "goal must be a non-empty text"),
])
def test_a_malformed_lesson_names_the_file_and_the_line(tmp_path, old, new, line, words):
    path = tmp_path / "broken.toml"
    assert old in GOOD
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(LessonError) as info:
        lessons.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}, line {line}: "), message
    assert words in message


def test_a_missing_field_and_an_unreadable_file_are_named(tmp_path):
    path = tmp_path / "short.toml"
    path.write_text('title = "T"\ngoal = "G"\n', encoding="utf-8")
    with pytest.raises(LessonError, match=r"short\.toml: missing question, explanation"):
        lessons.load(path)
    with pytest.raises(LessonError, match=r"nothere\.toml: cannot read"):
        lessons.load(tmp_path / "nothere.toml")


def test_a_subset_keeps_each_class_share_and_the_test_set():
    full = load_dataset("sample")
    part = lessons.subset(full, 500, seed=0)
    assert abs(len(part.y_train) - 500) <= 10
    share = np.bincount(part.y_train, minlength=10) / len(part.y_train)
    full_share = np.bincount(full.y_train, minlength=10) / len(full.y_train)
    assert np.abs(share - full_share).max() < 0.01
    assert part.x_test is full.x_test and part.name == full.name
    assert lessons.is_subset(part) and not lessons.is_subset(full)
    assert lessons.subset(full, 10**6) is full
