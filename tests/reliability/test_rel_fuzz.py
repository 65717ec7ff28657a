"""Issue #7, part 2: property-based fuzzing of every reader of outside data.

Arbitrary bytes and arrays go into the IDX reader, the model loader, the image
file reader and the image preprocessor. The property: the call either
succeeds with a well-formed result or raises one of the project's own errors
(a ``VisualizerError`` subclass with a one-line message naming the file);
never an uncaught ValueError, KeyError, struct.error, RecursionError, ...

Inputs are not only random noise (which every reader rejects at the first
byte): they are also valid files mutated (bytes flipped, cut, spliced) and
structurally valid containers holding arbitrary contents (an IDX header with
arbitrary type/dimensions, a model .npz with arbitrary arrays and JSON), so the
deeper checks are reached. ``FUZZ_COUNTS`` records the examples run; the last
test prints them.
"""

from __future__ import annotations

import gzip
import json
import struct
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from rel_helpers import digit_png, png_bytes, small_model, tiny_digits
from visualizer.core.errors import VisualizerError

FUZZ_COUNTS: dict[str, int] = {}
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                derandomize=False, database=None)
WORK = Path(tempfile.mkdtemp(prefix="visualizer-fuzz-"))


@pytest.fixture(scope="module", autouse=True)
def _remove_work_folder():
    yield
    import shutil

    shutil.rmtree(WORK, ignore_errors=True)


def _count(name: str) -> None:
    FUZZ_COUNTS[name] = FUZZ_COUNTS.get(name, 0) + 1


def _write(name: str, data: bytes) -> Path:
    path = WORK / name
    path.write_bytes(data)
    return path


def only_our_errors(fn, path: Path | None = None):
    """Call ``fn``; a VisualizerError must be one line naming ``path``; anything else fails the test."""
    try:
        return fn()
    except VisualizerError as exc:
        msg = str(exc)
        assert msg and "\n" not in msg.strip(), msg
        if path is not None:
            assert path.name in msg, msg
        return None


def _mutate(data: bytes, draw) -> bytes:
    """Flip, overwrite, cut or splice a few places of ``data``."""
    b = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "set", "cut", "insert", "delete"]))
        if not b:
            break
        i = draw(st.integers(0, len(b) - 1))
        if kind == "flip":
            b[i] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set":
            b[i] = draw(st.integers(0, 255))
        elif kind == "cut":
            del b[i:]
        elif kind == "insert":
            b[i:i] = draw(st.binary(min_size=1, max_size=16))
        else:
            del b[i:i + draw(st.integers(1, 64))]
    return bytes(b)


# =============================================================================== IDX

@pytest.fixture(scope="module")
def idx_seed_files():
    from visualizer.core.idx import encode_idx

    x_tr, y_tr, _, _ = tiny_digits(n_train=20, n_test=10)
    raw_img, raw_lab = encode_idx(x_tr), encode_idx(y_tr)
    return [raw_img, raw_lab, gzip.compress(raw_img, 1), gzip.compress(raw_lab, 1)]


def _check_idx(path: Path) -> None:
    from visualizer.core import idx

    arr = only_our_errors(lambda: idx.read_idx(path), path)
    if arr is not None:
        assert isinstance(arr, np.ndarray) and arr.dtype.isnative
    imgs = only_our_errors(lambda: idx.read_images(path), path)
    if imgs is not None:
        assert imgs.dtype == np.uint8 and imgs.ndim == 3 and imgs.shape[1:] == (28, 28) and len(imgs) > 0
    labels = only_our_errors(lambda: idx.read_labels(path), path)
    if labels is not None:
        assert labels.dtype == np.uint8 and labels.ndim == 1 and len(labels) and labels.max() <= 9


@settings(FUZZ, max_examples=300)
@given(data=st.binary(max_size=600), gz=st.booleans())
def test_fuzz_idx_arbitrary_bytes(data, gz):
    _count("idx: arbitrary bytes")
    _check_idx(_write("any.idx", gzip.compress(data, 1) if gz else data))


@settings(FUZZ, max_examples=300)
@given(code=st.sampled_from([0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0x0A, 0xFF]),
       dims=st.lists(st.integers(0, 40), min_size=0, max_size=5) | st.lists(st.integers(0, 2**32 - 1), max_size=3),
       payload=st.binary(max_size=4000), gz=st.booleans(), trailer=st.binary(max_size=8))
def test_fuzz_idx_header_with_arbitrary_contents(code, dims, payload, gz, trailer):
    """A syntactically plausible IDX header (any type, any dimensions) over arbitrary data."""
    _count("idx: structured")
    data = struct.pack(">HBB", 0, code, len(dims)) + struct.pack(f">{len(dims)}I", *dims) + payload + trailer
    _check_idx(_write("structured.idx", gzip.compress(data, 1) if gz else data))


@settings(FUZZ, max_examples=300)
@given(which=st.integers(0, 3), data=st.data())
def test_fuzz_idx_mutated_real_files(idx_seed_files, which, data):
    _count("idx: mutated")
    _check_idx(_write("mutated.idx", _mutate(idx_seed_files[which], data.draw)))


# =============================================================================== model files

@pytest.fixture(scope="module")
def model_seed(tmp_path_factory):
    from visualizer.core.config import TrainConfig
    from modelfiles import save_model

    path = tmp_path_factory.mktemp("fuzzmodel") / "seed.npz"
    save_model(path, small_model(hidden=(4,)), train_config=TrainConfig(optimizer="momentum"), dataset="sample",
               epochs_done=2, step=30, history=[{"epoch": 1, "train_loss": 1.0}, {"epoch": 2, "train_loss": 0.5}],
               optimizer_state={"velocity": np.zeros(784 * 4 + 4 + 4 * 10 + 10, np.float32)})
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    return path.read_bytes(), arrays


def _check_model(path: Path) -> None:
    from visualizer.core.persistence import load_checkpoint

    saved = only_our_errors(lambda: load_checkpoint(path), path)
    if saved is not None:                                    # accepted: it must be a working model
        m = saved.model()
        for (w, b), (n_in, n_out) in zip(zip(m.weights, m.biases), zip(m.sizes[:-1], m.sizes[1:])):
            assert w.shape == (n_in, n_out) and b.shape == (n_out,)
            assert np.all(np.isfinite(w)) and np.all(np.isfinite(b))
        p = m.predict_proba(np.zeros((2, m.sizes[0]), np.float32))
        assert p.shape == (2, m.sizes[-1]) and np.all(np.isfinite(p))
        assert all(isinstance(h, dict) for h in saved.history)


@settings(FUZZ, max_examples=200)
@given(data=st.binary(max_size=2000))
def test_fuzz_model_arbitrary_bytes(data):
    _count("model: arbitrary bytes")
    _check_model(_write("any.npz", data))


@settings(FUZZ, max_examples=300)
@given(data=st.data())
def test_fuzz_model_mutated_real_file(model_seed, data):
    _count("model: mutated")
    _check_model(_write("mutated.npz", _mutate(model_seed[0], data.draw)))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)
DOC_KEYS = ["format", "format_version", "sizes", "activations", "network", "train", "dataset", "epochs_done",
            "step", "history", "optimizer"]
NET_KEYS = ["hidden", "activation", "init", "n_inputs", "n_classes"]
ARRAY_KEYS = ["W0", "b0", "W1", "b1", "W2", "opt_velocity", "opt_adam_t", "config"]
any_arrays = hnp.arrays(
    dtype=st.sampled_from([np.float32, np.float64, np.float16, np.int32, np.uint8, np.bool_, np.complex64,
                           np.dtype("U3")]),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=12))


@settings(FUZZ, max_examples=250)
@given(doc_changes=st.dictionaries(st.sampled_from(DOC_KEYS), json_values, max_size=3),
       net_changes=st.dictionaries(st.sampled_from(NET_KEYS), json_values, max_size=2),
       array_changes=st.dictionaries(st.sampled_from(ARRAY_KEYS), any_arrays, max_size=2),
       drop=st.lists(st.sampled_from(ARRAY_KEYS), max_size=2))
def test_fuzz_model_structured(model_seed, doc_changes, net_changes, array_changes, drop):
    """A real .npz container whose JSON fields and arrays are replaced by arbitrary values."""
    _count("model: structured")
    arrays = dict(model_seed[1])
    doc = json.loads(str(arrays["config"]))
    doc.update(doc_changes)
    if net_changes and isinstance(doc.get("network"), dict):
        doc["network"] = {**doc["network"], **net_changes}
    arrays["config"] = np.array(json.dumps(doc))
    arrays.update(array_changes)
    for k in drop:
        arrays.pop(k, None)
    path = WORK / "structured.npz"
    with open(path, "wb") as f:
        np.savez(f, **arrays)
    _check_model(path)


@pytest.fixture(scope="module")
def keras_seed(tmp_path_factory):
    x_tr, y_tr, x_te, y_te = tiny_digits(n_train=20, n_test=10)
    path = tmp_path_factory.mktemp("fuzzkeras") / "mnist.npz"
    np.savez(path, x_train=x_tr, y_train=y_tr, x_test=x_te, y_test=y_te)
    return path.read_bytes(), dict(x_train=x_tr, y_train=y_tr, x_test=x_te, y_test=y_te)


def _check_keras(path: Path) -> None:
    from visualizer.core.dataset import load_dataset

    ds = only_our_errors(lambda: load_dataset(str(path)), path)
    if ds is not None:
        assert ds.x_train.dtype == np.uint8 and ds.x_train.shape[1:] == (28, 28) and ds.n_train > 0
        assert ds.y_train.shape == (ds.n_train,) and ds.y_train.max() <= 9


@settings(FUZZ, max_examples=200)
@given(data=st.data())
def test_fuzz_keras_npz_mutated(keras_seed, data):
    """The Keras-layout dataset file (``visualizer train some/mnist.npz``), damaged."""
    _count("keras npz: mutated")
    _check_keras(_write("mnist.npz", _mutate(keras_seed[0], data.draw)))


@settings(FUZZ, max_examples=150)
@given(changes=st.dictionaries(st.sampled_from(["x_train", "y_train", "x_test", "y_test", "extra"]),
                               any_arrays, max_size=2),
       drop=st.lists(st.sampled_from(["x_train", "y_train", "x_test", "y_test"]), max_size=1))
def test_fuzz_keras_npz_structured(keras_seed, changes, drop):
    _count("keras npz: structured")
    arrays = {**keras_seed[1], **changes}
    for k in drop:
        arrays.pop(k, None)
    path = WORK / "structured_mnist.npz"
    with open(path, "wb") as f:
        np.savez(f, **arrays)
    _check_keras(path)


# =============================================================================== images

@pytest.fixture(scope="module")
def png_seeds():
    digits = tiny_digits(n_train=20, n_test=10)
    rgb = np.stack([digits[0][3]] * 3, axis=-1)
    return [digit_png(digits, 0, scale=1), digit_png(digits, 1, scale=2), png_bytes(rgb)]


def _check_image_file(path: Path) -> None:
    from visualizer.core.preprocess import image_to_input
    from visualizer.imagefile import read_image

    pixels = only_our_errors(lambda: read_image(path), path)
    if pixels is not None:
        assert pixels.dtype == np.uint8 and (pixels.ndim == 2 or (pixels.ndim == 3 and pixels.shape[2] == 4))
        x = only_our_errors(lambda: image_to_input(pixels))
        assert x is None or (x.shape == (28, 28) and np.all(np.isfinite(x)))


@settings(FUZZ, max_examples=200)
@given(data=st.binary(max_size=1500), suffix=st.sampled_from([".png", ".jpg", ".bmp", ".gif", ".txt", ""]))
def test_fuzz_image_file_arbitrary_bytes(data, suffix):
    pytest.importorskip("visualizer.imagefile")
    _count("image file: arbitrary bytes")
    _check_image_file(_write("any" + suffix, data))


@settings(FUZZ, max_examples=200)
@given(which=st.integers(0, 2), data=st.data())
def test_fuzz_image_file_mutated_png(png_seeds, which, data):
    pytest.importorskip("visualizer.imagefile")
    _count("image file: mutated PNG")
    _check_image_file(_write("mutated.png", _mutate(png_seeds[which], data.draw)))


image_arrays = hnp.arrays(
    dtype=st.sampled_from([np.uint8, np.uint16, np.int16, np.int64, np.float32, np.float64, np.bool_]),
    shape=st.one_of(hnp.array_shapes(min_dims=2, max_dims=2, min_side=0, max_side=70),
                    st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from([1, 2, 3, 4])),
                    hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=6)),
    elements=None)


@settings(FUZZ, max_examples=300)
@given(pixels=image_arrays)
def test_fuzz_preprocessor_arbitrary_arrays(pixels):
    from visualizer.core.preprocess import canvas_to_input, image_to_input

    _count("preprocessor: arbitrary arrays")
    with np.errstate(all="ignore"):
        for fn in (image_to_input, canvas_to_input):
            x = only_our_errors(lambda: fn(pixels))
            if x is not None:
                assert x.shape == (28, 28) and x.dtype == np.float32
                assert np.all(np.isfinite(x)) and x.min() >= 0.0 and x.max() <= 1.0


_GRID = np.mgrid[:280, :280]


@settings(FUZZ, max_examples=120)
@given(strokes=st.lists(st.tuples(st.integers(0, 279), st.integers(0, 279), st.integers(1, 30)), max_size=12),
       specks=st.lists(st.tuples(st.integers(0, 279), st.integers(0, 279)), max_size=20))
def test_fuzz_preprocessor_drawn_canvases(strokes, specks):
    """Canvases like the pad's (280x280, ink high): blobs and specks anywhere, any thickness."""
    from visualizer.core.preprocess import canvas_to_input

    _count("preprocessor: drawn canvases")
    canvas = np.zeros((280, 280), np.float32)
    yy, xx = _GRID
    for y, x, r in strokes:
        canvas[(yy - y) ** 2 + (xx - x) ** 2 <= r * r] = 1.0
    for y, x in specks:
        canvas[y, x] = 1.0
    out = canvas_to_input(canvas)
    if not strokes and not specks:
        assert out is None
    if out is not None:
        assert out.shape == (28, 28) and np.all(np.isfinite(out)) and out.max() == pytest.approx(1.0)


# =============================================================================== command-line values

TRAIN_FLAGS = ["--lr", "--momentum", "--batch-size", "--epochs", "--hidden", "--dropout", "--l2", "--val-fraction",
               "--seed", "--step-gamma", "--step-epochs", "--optimizer", "--activation", "--schedule", "--init"]
flag_values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["nan", "-nan", "inf", "-inf", "1e309", "-0", "0", "0.0", "1e-400", "10", "10.0001", "1e3",
                     "1e4", "10000.001", "1e5", "65537", "8193", "9" * 30, "0x10", "1_000", " 5", "5 ", "8,", ",8", "8,,8", "none", "-1",
                     "٣", "１２", "1e2", "3.0", "True"]),
    st.integers(-10**20, 10**20).map(str), st.floats(allow_nan=True).map(repr))


@settings(FUZZ, max_examples=400)
@given(options=st.lists(st.tuples(st.sampled_from(TRAIN_FLAGS), flag_values), min_size=1, max_size=3))
def test_fuzz_train_option_values(options):
    """Arbitrary values for ``visualizer train`` options, parsed and validated exactly as the command
    does before it loads any data: only a one-line usage error or a ConfigError naming the flag."""
    from visualizer.cli.common import UsageError
    from visualizer.cli.main import build_parser
    from visualizer.cli.train import build_configs

    _count("cli: train option values")
    argv = ["train"]
    for flag, value in options:
        argv += [flag, value]
    try:
        args, extra = build_parser().parse_known_args(argv)
    except UsageError as exc:
        assert str(exc) and "\n" not in str(exc).strip()
        return
    net, cfg = only_our_errors(lambda: build_configs(args)) or (None, None)
    if cfg is not None:                                  # accepted: then it is a valid configuration
        assert cfg.validate() is cfg and net.validate() is net


# =============================================================================== totals

def test_zz_report_fuzz_counts():
    total = sum(FUZZ_COUNTS.values())
    print(f"\nfuzz examples run: {total} {dict(sorted(FUZZ_COUNTS.items()))}")
    assert total > 0
