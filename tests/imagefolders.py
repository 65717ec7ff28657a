"""Test helper: folders of class folders of images, written from real MNIST digits.

``write_image_folder(root, classes, per_class)`` writes ``root/<name>/<i>.png`` for each
class name, using embedded-sample digits of class ``digit`` (one digit per class name),
drawn dark on light and enlarged to 56x56 the way a scanned or photographed digit would
be, so preparing them exercises ink detection, inversion and centring.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from visualizer.core.png import write_png


def digit_images(digit: int, n: int) -> list[np.ndarray]:
    """``n`` embedded-sample digits of class ``digit`` as (56, 56) uint8, dark ink on white."""
    from visualizer.core.dataset import load_dataset

    sample = load_dataset("sample")
    picks = np.flatnonzero(sample.y_train == digit)[:n]
    return [255 - np.kron(sample.x_train[i], np.ones((2, 2), np.uint8)) for i in picks]   # (28, 28) -> (56, 56)


def write_image_folder(root: Path, classes: dict[str, int], per_class: int) -> dict[str, list[Path]]:
    """{class name: [written files]}: ``per_class`` PNGs per class folder, digits of ``classes[name]``."""
    written: dict[str, list[Path]] = {}
    for name, digit in classes.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        written[name] = []
        for i, pixels in enumerate(digit_images(digit, per_class)):
            path = folder / f"img{i}.png"
            write_png(path, pixels)
            written[name].append(path)
    return written
