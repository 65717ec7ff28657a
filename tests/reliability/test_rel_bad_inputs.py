"""Issue #7, part 1: every bad input meets one clear message naming the culprit.

Table-driven, in three layers:

* the library: each bad dataset, model file, image and hyperparameter raises a
  ``VisualizerError`` subclass (never a bare ValueError/KeyError...) whose
  message names the culprit (file name or option) and the defect;
* the command line: a representative subset runs ``python -m visualizer`` and
  must exit 2 with exactly one line on stderr and no traceback (run in
  parallel, once per module, to keep the suite fast);
* the app: the real ``MainWindow`` opens every bad model file (a dialog, and
  nothing about the session changes) and bad dataset folders (a banner, the
  loaded data stays).

``BAD_INPUT_COUNTS`` records how many bad inputs each table tried; the
module's last test prints the totals.
"""

from __future__ import annotations

import gzip
import json
import math
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from rel_helpers import (IDX_NAMES, assert_one_line_error, digit_png, idx_header, png_bytes, rewrite_model,
                      run_cli, small_model, write_idx_folder)
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.errors import (ConfigError, DataError, ImageError, ModelFileError,
                                    VisualizerError)

BAD_INPUT_COUNTS: dict[str, int] = {}


def _count(table: str) -> None:
    BAD_INPUT_COUNTS[table] = BAD_INPUT_COUNTS.get(table, 0) + 1


def expect_error(fn, exc_type, *needles: str) -> str:
    """``fn()`` raises ``exc_type`` (a VisualizerError subclass) whose one-line message holds every needle."""
    with pytest.raises(VisualizerError) as info:
        fn()
    exc = info.value
    assert isinstance(exc, exc_type), (type(exc), exc)
    msg = str(exc)
    assert "\n" not in msg.strip(), msg
    assert "unsafely" not in msg and "Traceback" not in msg, msg       # never NumPy's "load it unsafely" advice
    for n in needles:
        assert n.lower() in msg.lower(), (n, msg)
    return msg


# =============================================================================== IDX datasets

def _enc(a) -> bytes:
    from visualizer.core.idx import encode_idx
    return encode_idx(np.asarray(a))


def _gz(b: bytes) -> bytes:
    return gzip.compress(b, 1)


def _bad_crc(b: bytes) -> bytes:
    g = bytearray(_gz(b))
    g[-8] ^= 0xFF                                         # CRC32 of the gzip trailer
    return bytes(g)


def _labels_with(y, value):
    y = y.copy()
    y[7] = value
    return y


# id -> (file key, bytes builder(digits), phrase of the defect)
IDX_CASES = {
    "wrong-magic": ("train_images", lambda d: _gz(b"\x01\x02" + _enc(d[0])[2:]), "bad magic"),
    "unknown-element-type": ("train_images", lambda d: _gz(_enc(d[0])[:2] + b"\x0a" + _enc(d[0])[3:]),
                             "element type 0x0a"),
    "float-images": ("train_images", lambda d: _gz(_enc(d[0].astype(np.float32))), "unsigned bytes"),
    "int32-labels": ("train_labels", lambda d: _gz(_enc(d[1].astype(np.int32))), "unsigned bytes"),
    "header-longer-than-data": ("train_images", lambda d: _gz(_enc(d[0])[:-100]), "shorter than the header"),
    "data-longer-than-header": ("test_images", lambda d: _gz(_enc(d[2]) + bytes(784)), "extra bytes"),
    "header-cut-short": ("train_images", lambda d: _gz(idx_header(8, (300, 28, 28))[:9]), "cut short"),
    "zero-dimensions": ("train_labels", lambda d: _gz(b"\x00\x00\x08\x00"), "zero dimensions"),
    "255-dimensions": ("train_images", lambda d: _gz(b"\x00\x00\x08\xff" + b"\x00\x00\x00\x01" * 255 + b"\x07"),
                       "dimensions"),
    "absurd-size": ("train_images", lambda d: _gz(idx_header(8, (1 << 20, 1 << 20, 28))), "absurd size"),
    "truncated-gzip": ("train_images", lambda d: _gz(_enc(d[0]))[:400], "truncated"),
    "gzip-cut-in-trailer": ("test_labels", lambda d: _gz(_enc(d[3]))[:-3], "truncated"),
    "corrupt-gzip-crc": ("train_images", lambda d: _bad_crc(_enc(d[0])), "corrupt"),
    "empty-file": ("test_images", lambda d: b"", "not an IDX file"),
    "zero-images": ("train_images", lambda d: _gz(_enc(np.zeros((0, 28, 28), np.uint8))), "zero images"),
    "zero-labels": ("test_labels", lambda d: _gz(_enc(np.zeros(0, np.uint8))), "zero labels"),
    "32x32-images": ("train_images", lambda d: _gz(_enc(np.zeros((300, 32, 32), np.uint8))), "32x32"),
    "28x27-images": ("test_images", lambda d: _gz(_enc(np.zeros((60, 28, 27), np.uint8))), "28x27"),
    "label-10": ("train_labels", lambda d: _gz(_enc(_labels_with(d[1], 10))), "outside 0-9"),
    "label-255": ("test_labels", lambda d: _gz(_enc(_labels_with(d[3], 255))), "outside 0-9"),
    "count-mismatch": ("train_labels", lambda d: _gz(_enc(d[1][:-1])), "counts must match"),
    "labels-file-as-images": ("train_images", lambda d: _gz(_enc(d[1])), "3 dimensions"),
    "images-file-as-labels": ("test_labels", lambda d: _gz(_enc(d[2])), "1 dimension"),
    "text-file": ("train_labels", lambda d: b"this is not a dataset\n", "not an IDX file"),
}


@pytest.mark.parametrize("case", sorted(IDX_CASES))
def test_bad_idx_file_in_a_dataset_folder(case, digits, tmp_path):
    from visualizer.core.dataset import describe, load_dataset

    key, build, phrase = IDX_CASES[case]
    folder = write_idx_folder(tmp_path / case, digits, **{key: build(digits)})
    _count("idx")
    msg = expect_error(lambda: load_dataset(str(folder)), DataError, IDX_NAMES[key], phrase)
    assert str(folder) in msg                                   # the full path, not just the name
    expect_error(lambda: describe(str(folder)), DataError, IDX_NAMES[key], phrase)   # `data info`


def test_a_good_idx_folder_loads(digits, tmp_path):
    """The builder above makes valid folders: only the override breaks them."""
    from visualizer.core.dataset import load_dataset

    ds = load_dataset(str(write_idx_folder(tmp_path / "good", digits)))
    assert ds.n_train == 300 and ds.n_test == 60
    np.testing.assert_array_equal(ds.x_train, digits[0])


def _keras(path: Path, **arrays) -> Path:
    np.savez(path, **arrays)
    return path


def _keras_ok(d, **change):
    base = dict(x_train=d[0], y_train=d[1], x_test=d[2], y_test=d[3])
    base.update(change)
    return {k: v for k, v in base.items() if v is not None}


OTHER_DATA_CASES = {
    "keras-missing-arrays": (lambda d, p: _keras(p / "a.npz", x_train=d[0]), "a.npz", "missing array"),
    "keras-label-out-of-range": (lambda d, p: _keras(p / "b.npz", **_keras_ok(d, y_test=_labels_with(d[3], 12))),
                                 "b.npz", "outside 0-9"),
    "keras-float-pixels": (lambda d, p: _keras(p / "c.npz", **_keras_ok(d, x_train=d[0] / 255.0)),
                           "c.npz", "integer pixels"),
    "keras-wrong-shape": (lambda d, p: _keras(p / "e.npz", **_keras_ok(d, x_test=np.zeros((5, 30, 30), np.uint8))),
                          "e.npz", "28, 28"),
    "keras-zero-images": (lambda d, p: _keras(p / "f.npz", **_keras_ok(d, x_train=np.zeros((0, 28, 28), np.uint8),
                                                                        y_train=np.zeros(0, np.uint8))),
                          "f.npz", "zero images"),
    "keras-truncated": (lambda d, p: _trunc(_keras(p / "g.npz", **_keras_ok(d))), "g.npz", "not a readable"),
    "keras-text-file": (lambda d, p: _write(p / "h.npz", b"x_train = [1, 2, 3]\n"), "h.npz", "not a zip"),
    "keras-empty-file": (lambda d, p: _write(p / "i.npz", b""), "i.npz", "empty"),
    "not-a-dataset-file": (lambda d, p: _write(p / "notes.txt", b"hello"), "notes.txt", "not a dataset"),
    "no-such-path": (lambda d, p: p / "nowhere" / "mnist", "nowhere", "no such"),
    "folder-missing-files": (lambda d, p: _missing_one(d, p), "only3", "missing t10k-labels"),
    "empty-spec": (lambda d, p: "   ", None, "no dataset given"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _trunc(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _missing_one(d, p: Path) -> Path:
    folder = write_idx_folder(p / "only3", d)
    (folder / IDX_NAMES["test_labels"]).unlink()
    return folder


@pytest.mark.parametrize("case", sorted(OTHER_DATA_CASES))
def test_bad_dataset_spec(case, digits, tmp_path):
    from visualizer.core.dataset import load_dataset

    build, culprit, phrase = OTHER_DATA_CASES[case]
    spec = build(digits, tmp_path)
    _count("dataset")
    expect_error(lambda: load_dataset(str(spec)), DataError, *(c for c in (culprit, phrase) if c))


# =============================================================================== model files

@pytest.fixture(scope="module")
def good_model(tmp_path_factory) -> Path:
    from modelfiles import save_model

    path = tmp_path_factory.mktemp("models") / "good.npz"
    save_model(path, small_model(), train_config=TrainConfig(epochs=1), dataset="sample", epochs_done=1,
               step=10, history=[{"epoch": 1, "train_loss": 0.5, "val_loss": float("nan")}])
    return path


def _cut(n):
    def build(good: Path, dst: Path) -> Path:
        data = good.read_bytes()
        dst.write_bytes(data[:n if n >= 0 else len(data) + n])
        return dst
    return build


def _foreign(good, dst):
    np.savez(dst, weights=np.zeros((3, 3)), labels=np.arange(3))
    return dst


def _single_array(good, dst):
    with open(dst, "wb") as f:
        np.save(f, np.zeros((784, 10), np.float32))
    return dst


def _zip_with_raw_member(good, dst):
    with zipfile.ZipFile(dst, "w") as z:
        z.writestr("config.npy", b"not an npy payload")
        z.writestr("W0.npy", b"\x93NUMPY")
    return dst


def _rw(**kw):
    return lambda good, dst: rewrite_model(good, dst, **kw)


W = np.float32
MODEL_CASES = {
    "empty-file": (_cut(0), "not a model file"),
    "truncated-1-byte": (_cut(1), "not a model file"),
    "truncated-half": (_cut(-2000), "truncated"),
    "truncated-last-byte": (_cut(-1), "truncated"),
    "text-file": (lambda g, d: _write(d, b"hello, I am not a model\n" * 10), "not a model file"),
    "foreign-npz": (_foreign, "not a visualizer model"),
    "single-npy-array": (_single_array, "single NumPy array"),
    "zip-with-raw-members": (_zip_with_raw_member, "corrupt"),
    "pickled-config": (_rw(raw_config=np.array([{"format": "visualizer-mlp"}], dtype=object)), "pickled"),
    "config-not-json": (_rw(raw_config=np.array("{not json")), "invalid JSON"),
    "config-deeply-nested-json": (_rw(raw_config=np.array("[" * 100_000 + "]" * 100_000)), "config"),
    "config-is-a-list": (_rw(raw_config=np.array("[1, 2]")), "not a visualizer model"),
    "missing-W1": (_rw(drop=("W1",)), "W1 is missing"),
    "missing-b0": (_rw(drop=("b0",)), "b0 is missing"),
    "shape-mismatch-between-layers": (_rw(arrays={"W1": np.zeros((9, 10), W)}), "W1 has shape"),
    "first-layer-wider": (_rw(arrays={"W0": np.zeros((784, 9), W), "b0": np.zeros(9, W)}), "shape"),
    "sizes-disagree-with-config": (_rw(doc={"sizes": [784, 16, 10]}), "disagree"),
    "extra-layer": (_rw(arrays={"W2": np.zeros((10, 10), W), "b2": np.zeros(10, W)}), "more weight arrays"),
    "future-format-version": (_rw(doc={"format_version": 2}), "newer"),
    "format-version-text": (_rw(doc={"format_version": "1"}), "format_version"),
    "nan-weights": (_rw(arrays={"W0": np.full((784, 8), np.nan, W)}), "non-finite"),
    "inf-bias": (_rw(arrays={"b1": np.array([np.inf] * 10, W)}), "non-finite"),
    "integer-weights": (_rw(arrays={"W1": np.zeros((8, 10), np.int32)}), "dtype"),
    "complex-weights": (_rw(arrays={"W1": np.zeros((8, 10), np.complex64)}), "dtype"),
    "nan-optimizer-state": (_rw(arrays={"opt_velocity": np.full(10, np.nan, W)}), "optimizer state"),
    "network-hidden-negative": (_rw(doc={"network": {"hidden": [-1]}, "sizes": ...}), "network configuration"),
    "network-is-a-list": (_rw(doc={"network": [8], "sizes": ...}), "network configuration"),
    "network-hidden-text": (_rw(doc={"network": {"hidden": "eight"}, "sizes": ...}), "network configuration"),
    "train-is-text": (_rw(doc={"train": "adam"}), "training configuration"),
    "train-lr-nan": (_rw(doc={"train": {"lr": float("nan")}}), "training configuration"),
    "sizes-is-a-number": (_rw(doc={"sizes": 5}), "sizes"),
    "history-is-a-dict": (_rw(doc={"history": {"epoch": 1}}), "history"),
    "history-with-text-values": (_rw(doc={"history": [{"epoch": 1, "train_loss": "low"}]}), "history"),
    "negative-step": (_rw(doc={"step": -3}), "step"),
}


@pytest.mark.parametrize("case", sorted(MODEL_CASES))
def test_bad_model_file(case, good_model, tmp_path):
    from visualizer.core.persistence import load_checkpoint

    build, phrase = MODEL_CASES[case]
    path = build(good_model, tmp_path / f"{case}.npz")
    _count("model")
    expect_error(lambda: load_checkpoint(path), ModelFileError, f"{case}.npz", phrase)


def test_missing_and_folder_model_paths(tmp_path, good_model):
    from visualizer.core.persistence import load_checkpoint

    _count("model")
    expect_error(lambda: load_checkpoint(tmp_path / "nope.npz"), ModelFileError, "nope.npz", "no such file")
    _count("model")
    expect_error(lambda: load_checkpoint(tmp_path), ModelFileError, str(tmp_path), "folder")
    saved = load_checkpoint(good_model)                               # the intact original still loads
    assert saved.model().sizes == (784, 8, 10) and saved.epochs_done == 1
    assert math.isnan(saved.history[0]["val_loss"])


# =============================================================================== images



def _image_modules():
    pre = pytest.importorskip("visualizer.core.preprocess")
    imf = pytest.importorskip("visualizer.imagefile")
    return imf, pre


def _huge_png(side: int = 10_000) -> bytes:
    """A real side x side grey PNG (a 10000x10000 white page with a dark square), ~100 kB compressed."""
    import struct
    import zlib

    row_blank = b"\x00" + b"\xff" * side
    row_ink = b"\x00" + b"\xff" * (side // 2 - 500) + b"\x00" * 1000 + b"\xff" * (side - side // 2 - 500)
    comp = zlib.compressobj(1)
    parts = []
    for r in range(side):
        parts.append(comp.compress(row_ink if side // 2 - 500 <= r < side // 2 + 500 else row_blank))
    parts.append(comp.flush())

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))


IMAGE_FILE_CASES = {
    "empty-file": (lambda d: b"", "empty"),
    "text-file": (lambda d: b"hello, this is not a picture\n" * 20, "not"),
    "truncated-png": (lambda d: digit_png(d)[:60], ""),
    "png-header-only": (lambda d: b"\x89PNG\r\n\x1a\n", ""),
    "random-bytes": (lambda d: np.random.default_rng(1).integers(0, 256, 5000, dtype=np.uint8).tobytes(), ""),
    "npz-renamed-png": (lambda d: b"PK\x03\x04" + bytes(200), ""),
}


@pytest.mark.parametrize("case", sorted(IMAGE_FILE_CASES))
def test_bad_image_file(case, digits, tmp_path):
    imf, _ = _image_modules()
    build, phrase = IMAGE_FILE_CASES[case]
    path = _write(tmp_path / f"{case}.png", build(digits))
    _count("image")
    expect_error(lambda: imf.read_image(path), ImageError, f"{case}.png", phrase)


def test_missing_image_and_folder(tmp_path):
    imf, _ = _image_modules()
    _count("image")
    expect_error(lambda: imf.read_image(tmp_path / "ghost.png"), ImageError, "ghost.png")
    _count("image")
    expect_error(lambda: imf.read_image(tmp_path), ImageError, str(tmp_path))


@pytest.mark.parametrize("colour", [0, 255, 128])
def test_image_of_one_colour_is_blank_not_an_error(colour, tmp_path):
    """A uniform picture shows no digit: ``image_to_input`` says None (the CLI/app say 'blank')."""
    imf, pre = _image_modules()
    path = _write(tmp_path / f"flat{colour}.png", png_bytes(np.full((64, 48), colour, np.uint8)))
    _count("image")
    assert pre.image_to_input(imf.read_image(path)) is None


def test_a_real_digit_image_still_reads(digits, tmp_path):
    imf, pre = _image_modules()
    x = pre.image_to_input(imf.read_image(_write(tmp_path / "seven.png", digit_png(digits, 0))))
    assert x.shape == (28, 28) and x.dtype == np.float32 and 0.0 <= x.min() and x.max() <= 1.0


@pytest.mark.parametrize("side", [10_000, 6_000])
def test_huge_image_is_refused_or_read_without_blowing_up(side, tmp_path):
    """A 10000x10000 page (100 Mpx) is refused with a clear ImageError (over the 50 Mpx limit);
    a 6000x6000 one (36 Mpx, accepted) is classified without a blow-up.

    Measured in a fresh subprocess: the peak resident memory of decoding and preprocessing
    must stay below 400 MB (a full RGBA copy of 100 Mpx alone is 400 MB; before imagefile
    scaled large images down, a 49 Mpx page measured about 0.9 GB in the float conversions).
    """
    _image_modules()
    import subprocess
    import sys
    import textwrap

    path = _write(tmp_path / "huge.png", _huge_png(side))
    _count("image")
    code = textwrap.dedent(f"""
        import json, resource, sys
        from visualizer.core.errors import ImageError
        from visualizer.imagefile import read_image
        from visualizer.core.preprocess import image_to_input
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            x = image_to_input(read_image({str(path)!r}))
            out = {{"result": None if x is None else list(x.shape)}}
        except ImageError as exc:
            out = {{"error": str(exc)}}
        out["peak_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
        print(json.dumps(out))
    """)
    from rel_helpers import cli_env

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=cli_env())
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"huge image {side}x{side}: {out}")
    if side * side > 50_000_000:
        assert "huge.png" in out["error"] and "too large" in out["error"] and str(side) in out["error"]
    else:
        assert out["result"] == [28, 28]
    assert out["peak_mb"] < 400, out


ARRAY_CASES = {
    "empty-0x0": np.zeros((0, 0), np.uint8),
    "one-pixel": np.full((1, 1), 255, np.uint8),
    "all-nan": np.full((30, 30), np.nan, np.float32),
    "all-inf": np.full((30, 30), np.inf, np.float32),
    "1-d": np.zeros(784, np.uint8),
    "4-d": np.zeros((2, 28, 28, 3), np.uint8),
    "5-channels": np.zeros((28, 28, 5), np.uint8),
    "object-dtype": np.array([[object()]], dtype=object),
    "complex": np.ones((10, 10), np.complex64),
}


@pytest.mark.parametrize("case", sorted(ARRAY_CASES))
def test_bad_arrays_into_the_preprocessor(case):
    """Arrays no image file would give: None (nothing to classify) or an ImageError, nothing else."""
    pre = pytest.importorskip("visualizer.core.preprocess")
    a = ARRAY_CASES[case]
    for fn in (pre.image_to_input, pre.canvas_to_input):
        _count("image")
        try:
            out = fn(a)
        except ImageError as exc:
            assert str(exc)
        else:
            assert out is None or (out.shape == (28, 28) and np.all(np.isfinite(out))), (case, fn)


# =============================================================================== hyperparameters

NAN, INF = float("nan"), float("inf")
# (config class, field, value, phrase that names the option)
HYPER_CASES = [
    ("train", "lr", NAN, "learning rate"), ("train", "lr", INF, "learning rate"),
    ("train", "lr", -INF, "learning rate"), ("train", "lr", -0.01, "learning rate"),
    ("train", "lr", 0.0, "learning rate"), ("train", "lr", 1e5, "learning rate"),
    ("train", "lr", "0.1", "learning rate"),
    ("train", "momentum", NAN, "momentum"), ("train", "momentum", 1.0, "momentum"),
    ("train", "momentum", -0.5, "momentum"),
    ("train", "beta1", 1.0, "beta1"), ("train", "beta2", NAN, "beta2"), ("train", "eps", 0.0, "eps"),
    ("train", "weight_decay", -1e-4, "weight decay"), ("train", "weight_decay", INF, "weight decay"),
    ("train", "weight_decay", 1e6, "weight decay"),
    ("train", "batch_size", 0, "batch size"), ("train", "batch_size", -32, "batch size"),
    ("train", "batch_size", 10 ** 9, "batch size"), ("train", "batch_size", 32.5, "batch size"),
    ("train", "epochs", 0, "epochs"), ("train", "epochs", -1, "epochs"), ("train", "epochs", 10 ** 9, "epochs"),
    ("train", "dropout", 1.0, "dropout"), ("train", "dropout", NAN, "dropout"), ("train", "dropout", -0.1, "dropout"),
    ("train", "val_fraction", 0.9, "validation fraction"), ("train", "val_fraction", NAN, "validation fraction"),
    ("train", "step_gamma", 0.0, "step_gamma"), ("train", "step_epochs", 0, "step_epochs"),
    ("train", "seed", -1, "seed"), ("train", "optimizer", "rmsprop", "optimizer"),
    ("train", "schedule", "warmup", "schedule"), ("train", "augment", "yes", "augment"),
    ("network", "hidden", (100_000,), "width"), ("network", "hidden", (0,), "width"),
    ("network", "hidden", (-5,), "width"), ("network", "hidden", (64, 0), "layer 2"),
    ("network", "hidden", (8,) * 17, "hidden layers"), ("network", "hidden", (8.5,), "width"),
    ("network", "activation", "softmax", "activation"), ("network", "init", "zeros", "init"),
]


@pytest.mark.parametrize("kind,field,value,phrase", HYPER_CASES,
                         ids=[f"{k}-{f}-{v!r}"[:40] for k, f, v, _ in HYPER_CASES])
def test_bad_hyperparameter_is_refused_by_name(kind, field, value, phrase):
    cls = TrainConfig if kind == "train" else NetworkConfig
    _count("hyperparameter")
    msg = expect_error(lambda: cls(**{field: value}).validate(), ConfigError, phrase)
    shown = "nan" if isinstance(value, float) and math.isnan(value) else None
    if shown:
        assert "nan" in msg.lower()


@pytest.mark.parametrize("field,value", [("lr", NAN), ("lr", -1.0), ("lr", INF), ("momentum", 2.0),
                                         ("dropout", 1.0), ("weight_decay", NAN), ("batch_size", 8)])
def test_bad_live_change_is_refused_and_changes_nothing(field, value, tiny_inputs):
    """A live change mid-run (the app's lr slider path) with a bad value: ConfigError, training continues."""
    from visualizer.core.events import BatchEvent, FinishedEvent, SettingsChangedEvent
    from visualizer.core.training import Trainer

    x, y, _, _ = tiny_inputs
    trainer = Trainer(small_model(), TrainConfig(batch_size=50, epochs=1), x, y)
    events = []
    for ev in trainer.run():
        events.append(ev)
        if isinstance(ev, BatchEvent) and ev.step == 2:
            _count("hyperparameter")
            expect_error(lambda: trainer.control.change(**{field: value}), ConfigError,
                         {"lr": "learning rate", "weight_decay": "weight decay"}.get(field, field))
    assert not any(isinstance(e, SettingsChangedEvent) for e in events)
    assert isinstance(events[-1], FinishedEvent) and events[-1].reason == "completed"
    assert trainer.config.lr == TrainConfig().lr and all(e.lr == TrainConfig().lr for e in events
                                                         if isinstance(e, BatchEvent))


def test_batch_larger_than_the_dataset_is_clamped(tiny_inputs):
    """Decision: a batch size above the number of images is allowed and means 'the whole set'."""
    from visualizer.core.events import BatchEvent, FinishedEvent
    from visualizer.core.training import Trainer

    x, y, _, _ = tiny_inputs
    _count("hyperparameter")
    events = list(Trainer(small_model(), TrainConfig(batch_size=5000, epochs=2), x, y).run())
    batches = [e for e in events if isinstance(e, BatchEvent)]
    assert len(batches) == 2 and all(b.batch_size == len(x) and b.batches_per_epoch == 1 for b in batches)
    assert isinstance(events[-1], FinishedEvent) and events[-1].reason == "completed"


def test_hidden_width_at_the_limit_is_built(tiny_inputs):
    """The widest accepted layer really trains (no hidden memory blow-up at the documented maximum)."""
    from visualizer.core.config import MAX_WIDTH
    from visualizer.core.network import MLP
    from visualizer.core.training import Trainer

    x, y, _, _ = tiny_inputs
    model = MLP(NetworkConfig(hidden=(MAX_WIDTH,)), rng=np.random.default_rng(0))
    events = list(Trainer(model, TrainConfig(batch_size=100, epochs=1), x[:100], y[:100]).run())
    assert events[-1].reason == "completed" and np.all(np.isfinite(model.params))


def test_bad_training_arrays_are_refused(tiny_inputs):
    from visualizer.core.training import Trainer

    x, y, _, _ = tiny_inputs
    for bad_x, bad_y, phrase in ((x[:0], y[:0], "empty"), (x[:, :100], y, "shape"),
                                 (x, y + 10, "class indices"), (x, y.astype(np.float32), "integers"),
                                 (x, y[:-1], "labels")):
        _count("training-arrays")
        expect_error(lambda: Trainer(small_model(), TrainConfig(), bad_x, bad_y), DataError, phrase)


# =============================================================================== command line

def _cli_cases(tmp: Path, digits, good_model: Path) -> dict[str, tuple[list, tuple[str, ...]]]:
    bad_magic = write_idx_folder(tmp / "magic", digits, train_images=_gz(b"\x01\x02" + _enc(digits[0])[2:]))
    trunc = write_idx_folder(tmp / "trunc", digits, test_images=_gz(_enc(digits[2]))[:300])
    labels = write_idx_folder(tmp / "labels", digits, train_labels=_gz(_enc(_labels_with(digits[1], 10))))
    small = write_idx_folder(tmp / "small", digits, train_images=_gz(_enc(np.zeros((300, 16, 16), np.uint8))))
    m_trunc = _cut(-2000)(good_model, tmp / "cut.npz")
    m_foreign = _foreign(good_model, tmp / "foreign.npz")
    m_future = rewrite_model(good_model, tmp / "future.npz", doc={"format_version": 99})
    m_nan = rewrite_model(good_model, tmp / "nan.npz", arrays={"W1": np.full((8, 10), np.nan, np.float32)})
    m_shape = rewrite_model(good_model, tmp / "shape.npz", arrays={"W1": np.zeros((9, 10), np.float32)})
    not_image = _write(tmp / "letter.png", b"Dear reader, this is text.\n")
    seven = _write(tmp / "seven.png", digit_png(digits, 0))
    from visualizer.core.network import MLP
    from modelfiles import save_model

    m20 = tmp / "inputs20.npz"
    save_model(m20, MLP(NetworkConfig(n_inputs=20, hidden=(8,), n_classes=4)))
    out = tmp / "out.npz"
    return {
        "data-info-bad-magic": (["data", "info", bad_magic], ("train-images-idx3-ubyte.gz", "bad magic")),
        "data-info-truncated-gzip": (["data", "info", trunc], ("t10k-images-idx3-ubyte.gz", "truncated")),
        "train-labels-out-of-range": (["train", labels, "--hidden", "8", "--epochs", "1"],
                                      ("train-labels-idx1-ubyte.gz", "outside 0-9")),
        "data-info-16x16": (["data", "info", small], ("train-images-idx3-ubyte.gz", "16x16")),
        "evaluate-truncated-model": (["evaluate", "--model", m_trunc], ("cut.npz", "truncated")),
        "evaluate-foreign-npz": (["evaluate", "--model", m_foreign], ("foreign.npz", "not a visualizer model")),
        "evaluate-future-version": (["evaluate", "--model", m_future], ("future.npz", "newer")),
        "resume-nan-weights": (["train", "--resume", m_nan, "--epochs", "1"], ("nan.npz", "non-finite")),
        "predict-shape-mismatch": (["predict", "--model", m_shape, not_image], ("shape.npz", "W1")),
        "predict-not-an-image": (["predict", "--model", good_model, not_image], ("letter.png",)),
        "predict-model-for-20-inputs": (["predict", "--model", m20, seven], ("inputs20.npz", "784")),
        "resume-model-for-20-inputs": (["train", "--resume", m20, "--epochs", "1"], ("inputs20.npz", "784")),
        "train-lr-nan": (["train", "--lr", "nan", "--out", out], ("--lr", "nan")),
        "train-lr-negative": (["train", "--lr", "-0.1"], ("--lr", "learning rate")),
        "train-lr-1e5": (["train", "--lr", "1e5"], ("--lr", "learning rate", "10000")),
        "train-epochs-0": (["train", "--epochs", "0"], ("--epochs", "0")),
        "train-hidden-100000": (["train", "--hidden", "100000"], ("--hidden", "100000")),
        "train-batch-0": (["train", "--batch-size", "0"], ("--batch-size",)),
        "train-dropout-inf": (["train", "--dropout", "inf"], ("--dropout",)),
        "train-hidden-text": (["train", "--hidden", "big"], ("--hidden",)),
    }


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory, digits, good_model):
    """Every CLI case run once, three subprocesses at a time."""
    tmp = tmp_path_factory.mktemp("cli")
    cases = _cli_cases(tmp, digits, good_model)
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {k: pool.submit(run_cli, *args) for k, (args, _) in cases.items()}
        results = {k: f.result() for k, f in futures.items()}
    return {k: (results[k], cases[k][1]) for k in cases}, tmp


CLI_CASE_IDS = ["data-info-bad-magic", "data-info-truncated-gzip", "train-labels-out-of-range", "data-info-16x16",
                "evaluate-truncated-model", "evaluate-foreign-npz", "evaluate-future-version",
                "resume-nan-weights", "predict-shape-mismatch", "predict-not-an-image",
                "predict-model-for-20-inputs", "resume-model-for-20-inputs", "train-lr-nan",
                "train-lr-negative", "train-lr-1e5", "train-epochs-0", "train-hidden-100000", "train-batch-0",
                "train-dropout-inf", "train-hidden-text"]


@pytest.mark.parametrize("case", CLI_CASE_IDS)
def test_cli_bad_input_is_one_line_exit_2(case, cli_results):
    if case.startswith("predict"):
        pytest.importorskip("visualizer.imagefile")
    results, tmp = cli_results
    proc, needles = results[case]
    _count("cli")
    assert_one_line_error(proc, *needles)
    assert not (tmp / "out.npz").exists()          # refused before anything was written


def test_cli_network_too_big_for_memory_is_bad_input_not_a_bug():
    """Accepted widths, absurd total (4 x 8192 hidden: 208 M weights, ~2.5 GB with Adam) under a 3 GB
    address-space limit: one line saying what to shrink, exit 2, no traceback."""
    import resource
    import subprocess
    import sys

    from rel_helpers import cli_env

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    proc = subprocess.run([sys.executable, "-m", "visualizer", "train", "--hidden", "8192,8192,8192,8192",
                           "--epochs", "1"], capture_output=True, text=True, timeout=120, env=cli_env(),
                          preexec_fn=limit)
    _count("cli")
    lines = proc.stderr.strip().splitlines()
    proc = type(proc)(proc.args, proc.returncode, proc.stdout, lines[-1] if lines else "")
    assert_one_line_error(proc, "not enough memory", "--hidden")
    assert len(lines) <= 2 and "Traceback" not in "\n".join(lines)      # the header line, then the error


# =============================================================================== the app

@pytest.fixture
def window(qtbot, digits):
    from visualizer.app.main_window import MainWindow
    from visualizer.app.session import build_bundle
    from visualizer.core.dataset import Dataset

    win = MainWindow(load_data=False, restore=False)
    qtbot.addWidget(win)
    win.session.set_train_config(TrainConfig(batch_size=32, epochs=1))
    win.session.set_network_config(NetworkConfig(hidden=(8,)))
    win.controls.set_configs(win.session.network_config, win.session.train_config)
    ds = Dataset("mnist", digits[0], digits[1], digits[2], digits[3], tuple("0123456789"), "test digits")
    win.session.set_data(build_bundle(ds, 0.1))
    win.show()
    yield win
    win.session.shutdown(2.0)
    win.close()


def _session_state(win):
    s = win.session
    snap = s.latest_snapshot
    return (s.network_config, s.train_config, s.epochs_done, s.step_count, s.history, s.state,
            tuple(w.tobytes() for w in snap.weights), s.data, win.windowTitle())


def test_app_opening_every_bad_model_file_shows_a_dialog_and_changes_nothing(qtbot, window, good_model,
                                                                            tmp_path, monkeypatch):
    from visualizer.app import dialogs

    messages = []
    monkeypatch.setattr(dialogs, "show_message", lambda parent, kind, title, text: messages.append((kind, text)))
    before = _session_state(window)
    from visualizer.core.network import MLP
    from modelfiles import save_model

    paths = [MODEL_CASES[c][0](good_model, tmp_path / f"{c}.npz") for c in sorted(MODEL_CASES)]
    paths += [tmp_path / "missing.npz", tmp_path]
    # valid model files, but for other data: 20 inputs / 5 classes
    for name, net in (("inputs20.npz", NetworkConfig(n_inputs=20, hidden=(8,), n_classes=4)),
                      ("classes5.npz", NetworkConfig(hidden=(8,), n_classes=5))):
        save_model(tmp_path / name, MLP(net))
        paths.append(tmp_path / name)
    for path in paths:
        _count("app")
        monkeypatch.setattr(dialogs, "get_open_path", lambda *a, p=path: str(p))
        assert window.open_model() is False
        kind, text = messages[-1]
        assert kind == "error" and Path(path).name in text, (path, text)
        assert "Traceback" not in text and "\n" not in text.strip()
        assert _session_state(window) == before, path
    assert len(messages) == len(paths)
    # the curves were not touched either, and training still works afterwards
    assert window.curves.point_counts()["epoch"] == 0
    with qtbot.waitSignal(window.session.finished, timeout=20_000):
        window.start()
    assert window.session.state == "finished" and window.session.epochs_done == 1


@pytest.mark.parametrize("case", ["wrong-magic", "truncated-gzip", "label-10", "32x32-images", "zero-images"])
def test_app_bad_dataset_folder_shows_a_banner_and_keeps_the_data(case, qtbot, window, digits, tmp_path):
    key, build, phrase = IDX_CASES[case]
    folder = write_idx_folder(tmp_path / case, digits, **{key: build(digits)})
    before = _session_state(window)
    failed = []
    window.session.data_failed.connect(failed.append)
    _count("app")
    window.load_dataset(str(folder))
    qtbot.waitUntil(lambda: bool(failed), timeout=10_000)
    qtbot.wait(300)                                    # let any fallback loading finish
    qtbot.waitUntil(lambda: not window.session.loading, timeout=10_000)
    text = window.banner.text()
    assert IDX_NAMES[key] in text and phrase.lower() in text.lower(), text
    assert window.banner.kind in ("warning", "error")
    assert _session_state(window) == before            # same data ("mnist"), same model, same title


@pytest.mark.parametrize("typed", ["nan", "inf", "-1", "0", "1e5", "abc", ""])
def test_app_lr_field_refuses_bad_text(typed, qtbot, window):
    before = _session_state(window)
    edit = window.controls.lr.edit
    _count("app")
    edit.setText(typed)
    edit.editingFinished.emit()
    qtbot.wait(10)
    assert _session_state(window) == before
    assert float(edit.text()) == window.session.train_config.lr


def test_app_bad_live_learning_rate_gets_a_dialog(qtbot, window, monkeypatch):
    from visualizer.app import dialogs

    messages = []
    monkeypatch.setattr(dialogs, "show_message", lambda parent, kind, title, text: messages.append((kind, text)))
    before = _session_state(window)
    for lr in (NAN, -1.0, 1e5):
        _count("app")
        window._set_lr(lr)
        assert messages[-1][0] == "error" and "learning rate" in messages[-1][1]
    assert _session_state(window) == before


SETTINGS_CASES = {
    "garbage-bytes": b"\x00\xff\xfe garbage [[[ \n=== \x89PNG\r\n",
    "bad-values": (b'[General]\ntheme=purple\nnetwork="{\\"hidden\\": \\"abc\\"}"\n'
                   b'train="{\\"lr\\": NaN, \\"epochs\\": -3}"\n\n[window]\ngeometry=@ByteArray(garbage)\n'
                   b'state=@ByteArray(\\x1\\x2\\x3)\n'),
    "json-not-objects": b'[General]\nnetwork=5\ntrain="[1, 2]"\ntheme=@Invalid()\n',
    "unknown-variant": b'[General]\ntrain=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18)\nnetwork=@Variant(garbage)\n',
}


@pytest.mark.parametrize("case", sorted(SETTINGS_CASES) + ["control-valid"])
def test_app_starts_with_defaults_from_a_corrupt_settings_file(case, qtbot):
    """The remembered settings (QSettings' own file) hand-edited or damaged: the app still opens."""
    from visualizer.app.main_window import MainWindow, settings

    path = Path(settings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = path.read_bytes() if path.exists() else None
    path.write_bytes(SETTINGS_CASES[case] if case != "control-valid" else
                     b'[General]\nnetwork="{\\"hidden\\": [32]}"\n')
    if case != "control-valid":
        _count("app")
    try:
        win = MainWindow(load_data=False, restore=True)
        qtbot.addWidget(win)
        if case == "control-valid":                     # proves the file written here is the one read
            assert win.session.network_config.hidden == (32,)
            return
        assert win.session.network_config == NetworkConfig() and win.session.train_config == TrainConfig()
        assert win.theme_choice in ("system", "light", "dark")
        win.close()
    finally:
        if saved is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(saved)


# =============================================================================== totals

def test_zz_report_bad_input_counts():
    total = sum(BAD_INPUT_COUNTS.values())
    print(f"\nbad inputs tried: {total} {dict(sorted(BAD_INPUT_COUNTS.items()))}")
    assert total > 0
