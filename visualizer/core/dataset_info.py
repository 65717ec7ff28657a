"""What ``visualizer data info`` says about a dataset: counts, shapes, class balance, format, files.

``describe(spec, decode=None)`` loads the dataset (``dataset.load_dataset``;
named datasets only when available offline: this never downloads) and sums it
up in a dict; the keys are in ``dataset``'s module doc. A folder or file that is
not a valid dataset raises ``DataError`` naming the defect.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import named_folders, paths
from .errors import DataError
from .idx_folder import EXPECTED, find_idx_files


def describe(spec: str, decode=None) -> dict:
    """Summary of a dataset without training (keys in the module doc); DataError when invalid.

    Named datasets must be available offline (``is_cached``); this never downloads.
    """
    from .dataset import NAMED, SAMPLE_FILE, is_cached, is_image_dataset, load_dataset   # imports this module
    text = str(spec).strip()
    key = text.lower()
    if key in ("mnist", "fashion") and not is_cached(key):
        raise DataError(f"{key} is not downloaded yet; run `visualizer data download {key}`")
    if key in NAMED:
        ds = load_dataset(key)
        fmt = "embedded npz" if key == "sample" else "idx"
        src = Path(ds.source) if key != "sample" else paths.resources_dir() / SAMPLE_FILE
        files = [str(src)] if key == "sample" else [str(p) for p in sorted(find_idx_files(src).values())]
    else:
        path = named_folders.folder_of(text, paths.user_path(text, "dataset"))
        ds = load_dataset(text, decode=decode)
        if path.is_dir():
            found = find_idx_files(path)
            if is_image_dataset(path):
                fmt, files = "image folder", [str(path / n) for n in ds.class_names]
            elif len(found) == 4:
                fmt, files = "idx", [str(found[k]) for k in EXPECTED]
            else:
                fmt, files = "keras npz", [str(path / "mnist.npz")]
        else:
            fmt, files = "keras npz", [str(path)]
    return {
        "name": ds.name,
        "source": ds.source,
        "format": fmt,
        "files": files,
        "n_train": ds.n_train,
        "n_test": ds.n_test,
        "image_shape": tuple(ds.x_train.shape[1:]),
        "class_names": ds.class_names,
        "train_counts": np.bincount(ds.y_train, minlength=len(ds.class_names)).tolist(),
        "test_counts": np.bincount(ds.y_test, minlength=len(ds.class_names)).tolist(),
        "pixel_mean": float(ds.x_train.mean()),
        "notes": list(ds.notes),
    }
