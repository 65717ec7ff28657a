"""One ``.npz`` file per model, written atomically, read defensively.

File format (a NumPy ``.npz`` archive, read with ``allow_pickle=False``)::

    W0, b0, W1, b1, ...   float32; W_i (n_in, n_out), b_i (n_out,)
    config                0-d unicode array: a JSON document (below)
    timeline_steps        optional (T,) int64, timeline_epochs (T,) float64 and timeline_params
                          (T, n_params) float16: earlier moments of the run (``core.timeline``;
                          at most 24 and 8 MB), oldest first
    opt_<key>             optional optimizer state for resuming, e.g.
                          opt_adam_m_scaled (P,), opt_adam_v_scaled (P,), opt_adam_t () int64,
                          opt_velocity (P,)  (see ``optimizers``)

The JSON document::

    {"format": "visualizer-mlp", "format_version": 1,
     "sizes": [784, 128, 64, 10],
     "activations": ["relu", "relu", "softmax"],     # one per dense layer
     "network": NetworkConfig.to_dict(),
     "train": TrainConfig.to_dict() or null,
     "dataset": "sample", "epochs_done": 5, "step": 4220,
     "split": {"dataset": "sample", "val_fraction": 0.1, "seed": 0},   # Checkpoint.split
     "class_names": ["0", "1", ..., "9"],            # split.class_names; absent in older files
     "history": [EpochEvent.history_row(), ...],     # NaN stored as null
     "optimizer": "adam" or null,                    # whose state the opt_ arrays are
     "saved_at": "2026-11-22T23:59:00Z"}

A file holds one ``Checkpoint``: ``save_checkpoint`` writes it, ``load_checkpoint``
reads it back (a file without "split", from an earlier version, was validated
on the split of its "dataset" with the training settings' fraction and seed 0;
one without "train" gets the default settings).

``load_checkpoint`` raises ``ModelFileError`` naming the file and the defect for a
missing, truncated, foreign (not ours), inconsistent (missing arrays, shapes
that do not chain, sizes that disagree with the config), newer-format or
non-finite file, or weights beyond float32's range. Only the members a model
needs are read, and only after their declared sizes were checked against the
network and the memory available.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from . import npzheaders, timeline
from .atomic import atomic_path
from .checkpoint import SPLIT_SEED, Checkpoint, Split
from .config import NetworkConfig, TrainConfig
from .errors import ConfigError, ModelFileError
from .memory import check_fits
from .network import MLP

FORMAT = "visualizer-mlp"
FORMAT_VERSION = 1
OPT_PREFIX = "opt_"


def _json_safe(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, np.generic):
        return _json_safe(value.item())
    return value


def _history_row(row: dict) -> dict:
    """Back from JSON: null numbers become NaN again."""
    return {k: (float("nan") if v is None else v) for k, v in row.items()}


def save_checkpoint(path, ckpt: Checkpoint) -> None:
    """Write ``ckpt`` to ``path`` atomically (see the module doc for the format)."""
    model = ckpt.model()
    train = ckpt.train
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sizes": list(model.sizes),
        "activations": [model.config.activation] * (model.n_layers - 1) + ["softmax"],
        "network": ckpt.network.to_dict(),
        "train": train.to_dict(),
        "dataset": str(ckpt.split.dataset),
        "split": _json_safe(ckpt.split.to_dict()),
        "class_names": list(ckpt.split.class_names),
        "epochs_done": int(ckpt.epochs_done),
        "step": int(ckpt.step),
        "history": [_json_safe(dict(h)) for h in ckpt.history],
        "optimizer": train.optimizer if ckpt.optimizer_state else None,
        "saved_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    optimizer_state = ckpt.optimizer_state
    arrays: dict[str, np.ndarray] = {}
    for i, (w, b) in enumerate(zip(model.weights, model.biases)):
        arrays[f"W{i}"] = np.ascontiguousarray(w, dtype=np.float32)
        arrays[f"b{i}"] = np.ascontiguousarray(b, dtype=np.float32)
    for key, value in (optimizer_state or {}).items():
        arrays[OPT_PREFIX + key] = np.asarray(value)
    arrays.update(timeline.pack(ckpt.timeline))
    arrays["config"] = np.array(json.dumps(doc, allow_nan=False))
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            np.savez(f, **arrays)


def load_checkpoint(path) -> Checkpoint:
    """Read a model file; ``ModelFileError`` naming the file and the defect otherwise."""
    path = Path(path)
    name = str(path)

    def bad(defect: str) -> ModelFileError:
        return ModelFileError(f"{name}: {defect}")

    _check_file(path, bad)
    try:
        archive = np.load(path, allow_pickle=False)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise bad(f"is truncated or not a model file (not a complete .npz archive: {exc})") from None
    except OSError as exc:
        raise bad(f"cannot be read ({exc.strerror or exc})") from None
    except MemoryError:
        raise bad("is corrupt (it declares an array larger than memory)") from None
    except Exception as exc:  # noqa: BLE001 - a damaged .npy header: ValueError, SyntaxError, TokenError...
        raise bad(f"is not a model file (not a .npz archive: {type(exc).__name__}: {exc})") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise bad("is a single NumPy array, not a model file (.npz archive)")
    with archive:
        arrays = _read_members(path, archive, bad)
    for key, value in arrays.items():
        if not isinstance(value, np.ndarray):      # NpzFile hands back raw bytes for a non-.npy member
            raise bad(f"is corrupt (entry {key!r} is not a NumPy array)")
    return _decode(arrays, bad)


def _check_file(path: Path, bad) -> None:
    """A regular, readable, non-empty file that starts like a .npz archive."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise bad("no such file") from None
    except OSError as exc:
        raise bad(f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise bad("is a folder, not a model file")
    if not stat.S_ISREG(info.st_mode):      # a FIFO would block forever, a device never ends
        raise bad("is not a regular file (a device, a named pipe or a socket), not a model file")
    try:
        with open(path, "rb") as f:
            magic = f.read(6)
    except OSError as exc:
        raise bad(f"cannot be read ({exc.strerror or exc})") from None
    if not magic:
        raise bad("is empty, not a model file")
    if not (magic.startswith(b"PK") or magic == b"\x93NUMPY"):
        # np.load would take anything else for a pickle and suggest loading it unsafely
        raise bad("is not a model file (not a .npz archive)")


def _read_members(path: Path, archive, bad) -> dict[str, np.ndarray]:
    """The members a model needs, read after their declared sizes were checked."""
    keys = _members_to_read(path, archive, bad)
    try:
        return {k: archive[k] for k in keys}
    except (zipfile.BadZipFile, EOFError, OSError, KeyError) as exc:
        raise bad(f"is truncated or corrupt (an array cannot be read: {exc})") from None
    except MemoryError:
        raise bad("is corrupt (an array header declares more data than fits in memory)") from None
    except Exception as exc:  # noqa: BLE001 - NumPy's .npy header parser on damaged bytes raises
        # ValueError, SyntaxError, tokenize.TokenError...: all mean this file is corrupt
        raise bad(f"is corrupt or holds unsupported data such as pickled objects "
                  f"({type(exc).__name__}: {exc})") from None


_MEMBER = re.compile(r"config|[Wb]\d+|timeline_(steps|epochs|params)|" + OPT_PREFIX + r".+")
MAX_CONFIG_BYTES = 64 << 20     # the JSON document: settings and per-epoch history


def _members_to_read(path: Path, archive, bad) -> list[str]:
    """The members a model needs (config, W_i, b_i, opt_*, timeline_*), after checking what they declare.

    Other members are never read. Before any array is read: 'config' must be
    a modest string, every other member no bigger than the whole network its
    config describes (a model's largest array; the timeline's parameters: as many
    networks as a file keeps moments), and all of them together must
    fit in memory. A small file declaring gigabytes is thus refused at once.
    """
    keys = [k for k in archive.files if _MEMBER.fullmatch(k)]
    try:
        info = npzheaders.declared(path, keys)
    except Exception as exc:  # noqa: BLE001 - zipfile / .npy header parser on damaged bytes
        raise bad(f"is truncated or corrupt (an array header cannot be read: "
                  f"{type(exc).__name__}: {exc})") from None
    if "config" in info and info["config"][2] > MAX_CONFIG_BYTES:
        raise bad(f"is corrupt (its 'config' declares {info['config'][2]:,} bytes)")
    limit = _parameter_count(archive, info)
    for key, (shape, _, _) in info.items():
        count = int(np.prod(shape, dtype=np.float64))
        allowed = limit * timeline.FILE_MOMENTS if key == "timeline_params" and limit else limit
        if key != "config" and allowed is not None and count > allowed:
            raise bad(f"is inconsistent: array {key} declares shape {shape}, more values than "
                      f"the {limit:,} parameters of its network")
    check_fits(sum(v[2] for v in info.values()), f"{path}: its arrays", ModelFileError)
    return keys


def _parameter_count(archive, info) -> int | None:
    """Weights + biases of the network the config's 'sizes' describe; None when unknown."""
    if "config" not in info:
        return None
    try:
        raw = archive["config"]
        sizes = json.loads(str(raw)).get("sizes") if raw.shape == () and raw.dtype.kind == "U" else None
    except Exception:  # noqa: BLE001 - a damaged config is named by _decode
        return None
    if not isinstance(sizes, list) or not all(isinstance(n, int) and n > 0 for n in sizes):
        return None
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def _fits_float32(a: np.ndarray) -> bool:
    """Finite values whose magnitude float32 can hold (float64 1e300 is finite but becomes inf)."""
    if a.dtype.kind != "f" or a.dtype.itemsize <= 4 or a.size == 0:
        return True
    return float(np.max(np.abs(a))) <= float(np.finfo(np.float32).max)


def _check_values(a: np.ndarray, key: str, bad) -> None:
    """Weights must be finite and within float32's range (they become float32)."""
    if not np.all(np.isfinite(a)):
        raise bad(f"holds non-finite values (NaN or infinity) in {key}")
    if not _fits_float32(a):
        raise bad(f"holds values too large for float32 weights in {key} "
                  f"(up to {float(np.max(np.abs(a))):.3g}); the file is damaged")


def _decode(arrays: dict[str, np.ndarray], bad) -> Checkpoint:
    doc = _document(arrays, bad)
    network, train = _configs(doc, bad)
    params = _parameters(arrays, network, bad)
    opt = {k[len(OPT_PREFIX):]: v for k, v in arrays.items() if k.startswith(OPT_PREFIX)}
    for key, value in opt.items():
        if value.dtype.kind not in "fiu" or not np.all(np.isfinite(value)) or not _fits_float32(value):
            raise bad(f"holds an invalid optimizer state array {OPT_PREFIX}{key}")
    moments = _timeline(arrays, params.size, bad)
    history = _history(doc, bad)
    epochs_done, step = doc.get("epochs_done", 0), doc.get("step", 0)
    for label, value in (("epochs_done", epochs_done), ("step", step)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad(f"has an invalid {label} {value!r}")
    dataset = doc.get("dataset", "")
    dataset = dataset if isinstance(dataset, str) else str(dataset)
    train = train if train is not None else TrainConfig()
    return Checkpoint(network=network, train=train, params=params, split=_split(doc, dataset, train, bad),
                      optimizer_state=opt or None, epochs_done=epochs_done, step=step,
                      history=history, timeline=moments)


def _document(arrays: dict[str, np.ndarray], bad) -> dict:
    """The file's JSON document, checked to be ours and of a version this code reads."""
    if "config" not in arrays:
        raise bad("is not a visualizer model (no 'config' entry)")
    raw = arrays["config"]
    if raw.shape != () or raw.dtype.kind != "U":
        raise bad("is not a visualizer model ('config' is not a JSON string)")
    try:
        doc = json.loads(str(raw))
    except (ValueError, RecursionError) as exc:
        raise bad(f"has a corrupt 'config' (invalid JSON: {exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise bad(f"is not a visualizer model (format is {doc.get('format') if isinstance(doc, dict) else None!r}, "
                  f"expected {FORMAT!r})")
    version = doc.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise bad(f"has an invalid format_version {version!r}")
    if version > FORMAT_VERSION:
        raise bad(f"was written by a newer visualizer (format version {version}; "
                  f"this version reads up to {FORMAT_VERSION})")
    return doc


def _configs(doc: dict, bad) -> tuple[NetworkConfig, TrainConfig | None]:
    """The network and training settings the document records (training's may be absent)."""
    for key in ("network", "train"):
        if doc.get(key) is not None and not isinstance(doc[key], dict):
            raise bad(f"has an invalid {'network' if key == 'network' else 'training'} configuration "
                      f"(expected a JSON object, got {type(doc[key]).__name__})")
    try:
        network = NetworkConfig.from_dict(doc.get("network") or {})
    except (ConfigError, TypeError) as exc:
        raise bad(f"has an invalid network configuration ({exc})") from None
    try:
        train = TrainConfig.from_dict(doc["train"]) if doc.get("train") is not None else None
    except (ConfigError, TypeError) as exc:
        raise bad(f"has an invalid training configuration ({exc})") from None
    sizes = tuple(network.sizes)
    if doc.get("sizes") is not None and not isinstance(doc["sizes"], list):
        raise bad(f"has invalid layer sizes {doc['sizes']!r} (expected a list)")
    if doc.get("sizes") is not None and tuple(doc["sizes"]) != sizes:
        raise bad(f"is inconsistent: layer sizes {doc['sizes']} disagree with the network "
                  f"configuration {list(sizes)}")
    return network, train


def _parameters(arrays: dict[str, np.ndarray], network: NetworkConfig, bad) -> np.ndarray:
    """(n_params,) float32: W0, b0, W1, b1, ... checked against the network's shapes and values."""
    sizes = tuple(network.sizes)
    n_layers = len(sizes) - 1
    weights, biases = [], []
    for i in range(n_layers):
        for key, shape in ((f"W{i}", (sizes[i], sizes[i + 1])), (f"b{i}", (sizes[i + 1],))):
            if key not in arrays:
                raise bad(f"is inconsistent: array {key} is missing ({n_layers} layers expected)")
            a = arrays[key]
            if a.dtype.kind != "f":
                raise bad(f"is inconsistent: array {key} has dtype {a.dtype}, expected float32")
            if a.shape != shape:
                raise bad(f"is inconsistent: array {key} has shape {a.shape}, expected {shape} "
                          f"for layer sizes {list(sizes)}")
            _check_values(a, key, bad)
            (weights if key[0] == "W" else biases).append(a)
    if f"W{n_layers}" in arrays or f"b{n_layers}" in arrays:
        raise bad(f"is inconsistent: it has more weight arrays than the {n_layers} layers "
                  f"of {list(sizes)}")
    model = MLP(network, initialise=False)
    model.set_parameters(weights, biases)
    return model.params


def _history(doc: dict, bad) -> tuple[dict, ...]:
    """The per-epoch records (null numbers back to NaN)."""
    history = doc.get("history") or []
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
        raise bad("has a corrupt training history (expected a list of records)")
    for row in history:
        for key, value in row.items():
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise bad(f"has a corrupt training history ({key} is {value!r}, expected a number)")
    return tuple(_history_row(h) for h in history)


def _timeline(arrays: dict[str, np.ndarray], n_params: int, bad) -> tuple:
    """The file's timeline moments (none in files from before timelines were kept)."""
    keys = ("timeline_steps", "timeline_epochs", "timeline_params")
    present = [k in arrays for k in keys]
    if not any(present):
        return ()
    if not all(present):
        raise bad(f"has an incomplete timeline (missing {', '.join(k for k in keys if k not in arrays)})")
    steps, epochs, params = (arrays[k] for k in keys)
    t = len(steps)
    if (steps.shape != (t,) or epochs.shape != (t,) or params.shape != (t, n_params)
            or steps.dtype.kind not in "iu" or params.dtype.kind != "f" or epochs.dtype.kind != "f"):
        raise bad(f"has an inconsistent timeline (steps {steps.shape}, epochs {epochs.shape}, "
                  f"parameters {params.shape} for a network of {n_params} parameters)")
    if t and (np.any(np.diff(steps) <= 0) or steps[0] < 0 or not np.all(np.isfinite(params))
              or not np.all(np.isfinite(epochs))):
        raise bad("has a corrupt timeline (steps out of order or non-finite values)")
    return timeline.unpack(steps, epochs, params)


def _split(doc: dict, dataset: str, train: TrainConfig, bad) -> Split:
    """The file's validation split (older files: their dataset, the settings' fraction, seed 0)."""
    names = doc.get("class_names", [])
    if not isinstance(names, list) or len(names) > 1000 or not all(isinstance(n, str) for n in names):
        raise bad("has invalid class names (expected a list of strings)")
    raw = doc.get("split")
    if raw is None:
        return Split(dataset, float(train.val_fraction), SPLIT_SEED, tuple(names))
    if not isinstance(raw, dict):
        raise bad(f"has an invalid split {raw!r} (expected a JSON object)")
    name, fraction, seed = raw.get("dataset", dataset), raw.get("val_fraction"), raw.get("seed", SPLIT_SEED)
    if not isinstance(name, str):
        raise bad(f"has an invalid split dataset {name!r}")
    if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0 <= fraction <= 0.5:
        raise bad(f"has an invalid validation fraction {fraction!r} in its split")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise bad(f"has an invalid split seed {seed!r}")
    return Split(name, float(fraction), seed, tuple(names))
