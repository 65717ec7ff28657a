"""Open folder on a folder of class folders of images: the window trains on its classes."""

from __future__ import annotations

import numpy as np

from imagefolders import write_image_folder


def _loaded(window, folder) -> bool:
    s = window.session
    return not s.loading and s.data is not None and s.data.name == str(folder)


def test_open_folder_of_images_names_its_classes_in_the_views(qtbot, window, tmp_path, monkeypatch):
    folder = tmp_path / "my-shapes"
    write_image_folder(folder, {"zero": 0, "one": 1, "seven": 7}, per_class=21)
    (folder / "one" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    from visualizer.app import dialogs

    monkeypatch.setattr(dialogs, "get_directory", lambda *a, **k: str(folder))
    window.data_actions.open_folder()
    qtbot.waitUntil(lambda: _loaded(window, folder), timeout=30_000)
    s = window.session
    assert s.data.class_names == ("one", "seven", "zero")
    assert s.network_config.n_classes == 3                    # a fresh network: one output per class
    assert s.latest_snapshot is None or s.latest_snapshot.sizes[-1] == 3
    qtbot.waitUntil(lambda: "broken.png" in window.banner.text(), timeout=5_000)   # told, not blocking
    assert window.banner.kind == "info"

    s.start()                                                 # train on it: the evaluation names its classes
    qtbot.waitUntil(lambda: not s.is_active, timeout=60_000)
    evaluation = window.views.evaluation
    qtbot.waitUntil(lambda: evaluation.result is not None, timeout=15_000)
    r = evaluation.result
    assert r.class_names == ("one", "seven", "zero")
    assert r.confusion().shape == (3, 3) and int(r.confusion().sum()) == len(s.data.y_val)
    assert set(np.unique(r.predictions)) <= {0, 1, 2}

    from visualizer.app.views.demo import draw_demo_digit

    pad = window.views.pad                                    # the pad guesses among the folder's classes
    window.show_view("draw")
    draw_demo_digit(pad, 7)
    qtbot.waitUntil(lambda: pad.bars.probs is not None and len(pad.bars.probs) == 3, timeout=10_000)
    painted = pad.bars.paint_count
    pad.bars.repaint()                                        # one bar per class (painting 10 failed)
    assert pad.bars.paint_count == painted + 1
    assert pad.bars.names == ["one", "seven", "zero"]
    assert pad.guess.text() in ("one", "seven", "zero")


def test_a_folder_with_one_class_says_so_and_keeps_the_dataset(qtbot, window, tmp_path):
    folder = tmp_path / "lonely"
    write_image_folder(folder, {"a": 3}, per_class=3)
    before = window.session.data.name
    window.load_dataset(str(folder))
    qtbot.waitUntil(lambda: "at least 2 class folders" in window.banner.text(), timeout=15_000)
    qtbot.waitUntil(lambda: not window.session.loading, timeout=15_000)
    assert window.session.data.name == before
    assert window.session.network_config.n_classes == 10
