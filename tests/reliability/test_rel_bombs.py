"""Files that declare far more than they hold, or more than the machine has, and numbers out of range.

Built for real: .npz archives whose members' .npy headers declare gigabytes
(with a few bytes of data, so the test itself stays small), gzipped IDX files
whose header declares millions of images, float64 weights of 1e300. The
memory available is pinned (``memory.available_bytes``) so the refusals do
not depend on the machine running the tests.
"""

from __future__ import annotations

import gzip
import struct
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from rel_helpers import (assert_one_line_error, cli_env, idx_header, model_arrays, rewrite_model,
                         run_cli, small_model, tiny_digits, write_idx_folder)
from visualizer.core import memory
from visualizer.core.dataset import as_inputs, load_dataset
from visualizer.core.errors import DataError, ModelFileError
from visualizer.core.idx import read_idx
from visualizer.core.persistence import load_checkpoint
from modelfiles import save_model


def npy_declaring(shape: tuple[int, ...], dtype: str = "<f8", data: bytes = b"") -> bytes:
    """A .npy member whose header declares ``shape`` but that holds only ``data``."""
    header = repr({"descr": dtype, "fortran_order": False, "shape": tuple(shape)}).encode("latin1")
    pad = 64 - (10 + len(header) + 1) % 64
    header += b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + data


def add_member(path, name: str, payload: bytes) -> None:
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, payload)


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "m.npz"
    save_model(path, small_model((8,)), dataset="sample")
    return path


@pytest.fixture
def little_memory(monkeypatch):
    """This machine, as far as the readers know, has 64 MB available."""
    monkeypatch.setattr(memory, "available_bytes", lambda: 64 << 20)


# --- model files ------------------------------------------------------------------------------------

def test_a_huge_member_nobody_uses_is_never_read(model_file):
    add_member(model_file, "junk.npy", npy_declaring((375_000_000,)))      # declares 3 GB
    saved = load_checkpoint(model_file)
    assert saved.model().sizes == (784, 8, 10)


def test_a_weight_array_declaring_more_than_its_network_is_refused_before_reading(tmp_path, model_file):
    arrays = model_arrays(model_file)
    arrays.pop("W0")
    bomb = tmp_path / "bomb.npz"
    with open(bomb, "wb") as f:
        np.savez(f, **arrays)
    add_member(bomb, "W0.npy", npy_declaring((784, 1_000_000), "<f4"))     # 3 GB declared
    with pytest.raises(ModelFileError, match=r"W0 declares shape \(784, 1000000\)"):
        load_checkpoint(bomb)


def test_a_model_whose_arrays_cannot_fit_in_memory_says_so(model_file, monkeypatch):
    monkeypatch.setattr(memory, "available_bytes", lambda: 1000)
    with pytest.raises(ModelFileError, match="memory"):
        load_checkpoint(model_file)


def test_float64_weights_beyond_float32_are_a_defect_of_the_file(tmp_path, model_file):
    w = model_arrays(model_file)["W1"].astype(np.float64)
    w[0, 0] = 1e300                                   # finite in float64, inf in float32
    bad = rewrite_model(model_file, tmp_path / "huge.npz", arrays={"W1": w})
    with pytest.raises(ModelFileError, match="too large for float32 weights in W1"):
        load_checkpoint(bad)
    proc = run_cli("predict", "--model", bad, "--json", model_file)   # any file: the model is refused first
    assert_one_line_error(proc, str(bad), "float32")
    assert "NaN" not in proc.stdout


# --- datasets ------------------------------------------------------------------------------------------

def test_an_idx_gzip_declaring_millions_of_images_is_refused_before_allocating(tmp_path, little_memory):
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(idx_header(0x08, (2_700_000, 28, 28)) + bytes(1 << 20)))
    with pytest.raises(DataError) as info:
        read_idx(path)
    message = str(info.value)
    assert str(path) in message and "2700000x28x28" in message
    assert "memory" in message and "not the network" in message


def test_a_raw_idx_shorter_than_its_header_is_refused_before_allocating(tmp_path, little_memory):
    path = tmp_path / "t10k-images-idx3-ubyte"
    path.write_bytes(idx_header(0x08, (2_700_000, 28, 28)) + bytes(1000))
    with pytest.raises(DataError, match=r"shorter than the header says \(1000 of 2116800000 bytes"):
        read_idx(path)


def test_a_whole_folder_too_big_for_memory_is_one_line_naming_the_data(tmp_path):
    folder = write_idx_folder(tmp_path / "digits", tiny_digits(40, 20),
                              train_images=gzip.compress(idx_header(0x08, (2_700_000, 28, 28)) + bytes(1 << 16)))
    code = ("import sys; from visualizer.core import memory; memory.available_bytes = lambda: 2 << 30"
            "\nfrom visualizer.__main__ import main; sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", code, "data", "info", str(folder)], capture_output=True,
                          text=True, timeout=120, env=cli_env())
    assert_one_line_error(proc, "train-images-idx3-ubyte.gz", "memory", "not the network")


def test_a_keras_npz_declaring_gigabytes_is_refused_before_loading(tmp_path, little_memory):
    x_tr, y_tr, x_te, y_te = tiny_digits(40, 20)
    path = tmp_path / "mnist.npz"
    with open(path, "wb") as f:
        np.savez(f, y_train=y_tr, x_test=x_te, y_test=y_te)
    add_member(path, "x_train.npy", npy_declaring((2_700_000, 28, 28), "<i8"))
    with pytest.raises(DataError) as info:
        load_dataset(str(path))
    assert "x_train 2700000x28x28" in str(info.value) and "not the network" in str(info.value)


def test_images_too_many_to_convert_for_the_network_blame_the_data(monkeypatch):
    monkeypatch.setattr(memory, "available_bytes", lambda: 1 << 20)
    images = np.zeros((30_000, 28, 28), np.uint8)                    # 94 MB as float32
    with pytest.raises(DataError, match=r"30,000 images .*\(not the network\)"):
        as_inputs(images)


def test_predict_json_stays_json_when_huge_finite_weights_overflow(tmp_path, model_file):
    import json

    from rel_helpers import digit_png
    arrays = model_arrays(model_file)
    arrays["W0"] = np.full_like(arrays["W0"], 3e38)           # float32, finite: the logits overflow
    arrays["W1"] = np.full_like(arrays["W1"], 3e38) * np.where(np.arange(10) % 2, 1, -1).astype(np.float32)
    huge = rewrite_model(model_file, tmp_path / "huge.npz", arrays=arrays)
    png = tmp_path / "d.png"
    png.write_bytes(digit_png(tiny_digits(10, 10)))
    proc = run_cli("predict", "--model", huge, "--json", png)
    assert "NaN" not in proc.stdout and "Infinity" not in proc.stdout
    json.loads(proc.stdout)                                    # strict JSON
