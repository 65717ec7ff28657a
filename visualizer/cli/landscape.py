"""``visualizer landscape``: the loss over a 2-D slice of weight space through a saved model.

The slice is ``W + alpha d1 + beta d2`` around the model's weights W, on an
N x N grid of alpha, beta from -span to +span, evaluated on the images of one
split of a dataset (``core.landscape``, ``core.landscape_grid``). The directions
are two filter-normalised random ones (from ``--seed``) or, with ``pca``, the
two principal directions of the run's trajectory: an optional ``timeline``
array in the model file, (m, P) float32, the flat parameters (``MLP.params``
order) at past moments of the run, oldest first. A file without one is refused
for ``pca`` with a message saying so.

Output file (``--out``, a NumPy ``.npz`` written atomically):

    alphas (N,), betas (N,)   float64: the grid's coordinates along d1 and d2
    loss (N, N)               float64: mean cross-entropy at (alphas[i], betas[j])
    accuracy (N, N)           float64: 0..1 at (alphas[i], betas[j])
    d1, d2 (P,)               float32: the directions, flat in the model's order W0, b0, W1, b1, ...
    indices (n,)              int64: which images of the split were used, in order
    trajectory (m, 2)         float64, pca only: the timeline's (alpha, beta), oldest first,
                              the model's own weights last, at (0, 0)
    config                    0-d string: the JSON document below, without "about"

JSON shape (``--json``):

    {"model": str, "out": str, "png": str | null, "network": [int], "n_params": int,
     "directions": "random" | "pca", "seed": int, "explained": [float, float] | null,
     "grid": int, "span": float, "dataset": str, "split": "train" | "validation" | "test",
     "count": int, "available": int, "seconds": float, "centre_loss": float,
     "centre_accuracy": float, "min_loss": float, "max_loss": float, "about": str}
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from typing import Any

from visualizer.core.errors import ConfigError, DataError, ModelFileError

from .common import (EXIT_OK, check_writable_target, examples, fmt_loss, json_safe, note, number, percent,
                     print_json, whole)

NAME = "landscape"
MIN_GRID, MAX_GRID = 3, 201
MAX_SPAN = 10_000          # beyond it a point's weights are nothing like the model's
PCA_MARGIN = 1.2           # pca's default span: the farthest trajectory point times this

PICTURE = """\
what the picture is (--png): the loss over the slice as a heatmap, alpha growing to
the right and beta upwards, coloured by log(loss) from dark purple (lowest) to
yellow (highest), with white contour lines at 12 evenly spaced log-loss levels, a
white square at the model's own weights (0, 0), and with pca the trajectory's
projection as a white path with a dot per saved point; the axes' ends and the
lowest and highest loss are printed on it.

what it is not: the loss surface of a network lives in as many dimensions as
the network has parameters (109,386 for 784-128-64-10); the picture is one 2-D
slice through it, and its shape depends on the directions chosen. A valley in
the slice need not be a valley in other directions, and the projected path can
cross ridges the real path went around."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help="the loss over a 2-D slice of weight space around a saved model",
        description=(
            "Evaluate a saved model at every point W + alpha d1 + beta d2 of an N x N grid\n"
            "around its weights W (alpha, beta from -span to +span) on the images of one\n"
            "split, and save the loss and accuracy grids (and optionally a picture).\n"
            "Directions: two random ones, scaled unit by unit to the size of that unit's\n"
            "weights (filter normalisation), or the two principal directions of the run's\n"
            "trajectory (pca; needs a model file that keeps a timeline of past weights).\n\n"
            + PICTURE + "\n\nexit codes: 0 done; 2 invalid option, model file or dataset."),
        epilog=examples(
            "visualizer landscape --model digits.npz --out land.npz --png land.png",
            "visualizer landscape --model digits.npz --grid 81 --span 0.5 --samples 1000 --out land.npz",
            "visualizer landscape --model digits.npz --split test --seed 3 --out land.npz --json",
            "visualizer landscape --model digits.npz --directions pca --out path.npz --png path.png",
        ),
    )
    p.add_argument("--model", required=True, metavar="MODEL.npz", help="the saved model")
    p.add_argument("--directions", choices=("random", "pca"), default="random",
                   help="two filter-normalised random directions, or the trajectory's principal ones")
    p.add_argument("--grid", type=whole, default=41, metavar="N",
                   help=f"points along each axis, {MIN_GRID} to {MAX_GRID}")
    p.add_argument("--span", type=number, metavar="S",
                   help=f"alpha and beta run from -S to S, 0 < S <= {MAX_SPAN} (default: 1 for random "
                        f"directions, for pca {PCA_MARGIN} times the farthest trajectory point)")
    p.add_argument("--seed", type=whole, default=0, metavar="S",
                   help="seed of the random directions and of the --samples subsample")
    p.add_argument("--dataset", metavar="D",
                   help="sample, mnist, fashion or a folder of IDX files (default: the model's own dataset)")
    p.add_argument("--split", choices=("train", "validation", "test"), default="train",
                   help="the images training used, the validation images recorded in the model "
                        "file, or the dataset's test set")
    p.add_argument("--samples", type=whole, metavar="N",
                   help="use a fixed subsample of N images of the split, chosen from --seed (default: all)")
    p.add_argument("--out", required=True, metavar="LAND.npz", help="where to save the grids (.npz)")
    p.add_argument("--png", metavar="LAND.png", help="also draw the picture described above")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(run=run)


def _check_options(args: argparse.Namespace) -> None:
    import math

    if not MIN_GRID <= args.grid <= MAX_GRID:
        raise ConfigError(f"--grid {args.grid}: the grid needs {MIN_GRID} to {MAX_GRID} points along each axis")
    if args.span is not None and not (math.isfinite(args.span) and 0 < args.span <= MAX_SPAN):
        raise ConfigError(f"--span {args.span}: the span must be a positive number up to {MAX_SPAN:,}")
    if args.seed < 0:
        raise ConfigError(f"--seed {args.seed}: the seed must be 0 or more")
    if args.samples is not None and args.samples < 1:
        raise ConfigError(f"--samples {args.samples}: use at least one image")


def run(args: argparse.Namespace) -> int:
    import time

    import numpy as np

    from visualizer.core import landscape
    from visualizer.core.landscape_grid import Slice, compute_grid
    from visualizer.core.persistence import load_checkpoint

    _check_options(args)
    out = check_writable_target(args.out, "--out")
    png = check_writable_target(args.png, "--png") if args.png else None
    ckpt = load_checkpoint(args.model)
    chosen = _directions(args, ckpt)
    images = _images(args, ckpt)
    span = args.span if args.span is not None else chosen.default_span
    ticks = np.linspace(-span, span, args.grid)                      # (N,)
    start = time.perf_counter()
    surface = Slice(ckpt.network, ckpt.params, chosen.d1, chosen.d2, images.inputs, images.labels)
    grid = compute_grid(surface, ticks, ticks, workers=min(2, os.cpu_count() or 1))
    seconds = time.perf_counter() - start
    centre = surface.points([0.0], [0.0])                            # the model itself, on any grid
    result = _summary(args, ckpt, chosen, images, grid, centre, span, seconds, out, png)
    result["about"] = landscape.about(ckpt.network)
    _save(out, grid, chosen, images, result)
    if png is not None:
        _save_picture(png, grid, chosen)
    if args.json:
        print_json(result)
    else:
        _print_report(result)
    if images.note:
        note(images.note)
    return EXIT_OK


# -- the directions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Chosen:
    """The directions and what comes with them (trajectory (m, 2) or None)."""

    d1: Any
    d2: Any
    kind: str
    explained: tuple[float, float] | None
    trajectory: Any
    default_span: float


def _directions(args: argparse.Namespace, ckpt) -> _Chosen:
    import numpy as np

    from visualizer.core.landscape import pca_directions, project, random_directions

    if args.directions == "random":
        d = random_directions(ckpt.network, ckpt.params, args.seed)
        return _Chosen(d.d1, d.d2, "random", None, None, 1.0)
    timeline = _timeline(args.model, ckpt)
    try:
        d = pca_directions(timeline)
    except ValueError as exc:
        raise ModelFileError(f"{args.model}: its timeline of past weights cannot give two directions ({exc})") from None
    coords = project(timeline, ckpt.params, d.d1, d.d2)                       # (m, 2)
    far = float(np.abs(coords).max())
    return _Chosen(d.d1, d.d2, "pca", d.explained, coords, PCA_MARGIN * far if far > 0 else 1.0)


def _timeline(path: str, ckpt):
    """(m, P) float64: the model file's timeline of past weights (``Checkpoint.timeline``, checked
    when the file was read), the model's own weights last."""
    import numpy as np

    t = [m.params for m in ckpt.timeline if m.step < ckpt.step]     # core.timeline.Moment, oldest first
    if not t:
        raise ModelFileError(f"{path}: the file keeps no trajectory (no timeline of past weights), so "
                             "--directions pca has nothing to work from; use --directions random")
    t = np.vstack(t + [ckpt.params]).astype(np.float64)        # (m, P): the current weights last
    if len(t) < 3:
        raise ModelFileError(f"{path}: its timeline keeps {len(t) - 1} past weights; --directions pca "
                             "needs at least 2")
    return t


# -- the images ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Images:
    """The images of the chosen split that the grid is evaluated on."""

    dataset: str
    inputs: Any            # (n, 784) float32
    labels: Any            # (n,) int64
    indices: Any           # (n,) int64: their positions in the split
    available: int         # images in the split
    note: str              # a remark for stderr, or ""


def _split_images(args: argparse.Namespace, ckpt, data, spec: str):
    """(dataset label, inputs, labels) of ``args.split`` of ``data``."""
    from visualizer.core import runsetup
    from visualizer.core.checkpoint import Split
    from visualizer.core.dataset import as_inputs

    label = runsetup.dataset_label(data, spec)
    if args.split == "test":
        return label, as_inputs(data.x_test), data.y_test
    split = ckpt.split
    if label != split.dataset:
        if args.split == "validation":
            raise DataError(f"{args.model} was validated on {split.dataset or 'an unrecorded dataset'}, "
                            f"not on {label}: --split validation needs the model's own dataset")
        split = Split(label, split.val_fraction, split.seed)                  # what training there holds out
    if args.split == "validation" and split.val_fraction == 0:
        raise DataError(f"{args.model} was trained without a validation set (validation fraction 0)")
    run = runsetup.prepare(data, split)
    return (label, run.inputs_train, run.y_train) if args.split == "train" else (label, run.inputs_val, run.y_val)


def _images(args: argparse.Namespace, ckpt) -> _Images:
    import numpy as np

    from .data import load_dataset_with_progress

    spec = args.dataset or ckpt.split.dataset or "sample"
    try:
        data = load_dataset_with_progress(spec)
    except DataError as exc:
        if args.dataset:
            raise
        raise DataError(f"{exc} (the dataset recorded in {args.model}; choose one with --dataset)") from None
    label, x, y = _split_images(args, ckpt, data, spec)
    y = np.asarray(y).astype(np.int64)
    if len(y) == 0:
        raise DataError(f"dataset {label}: its {args.split} set is empty")
    if int(y.max()) >= ckpt.network.n_classes or x.shape[1] != ckpt.network.n_inputs:
        raise DataError(f"dataset {label} ({x.shape[1]} pixels, classes up to {int(y.max())}) does not fit "
                        f"the model in {args.model} ({ckpt.network.n_inputs} inputs, "
                        f"{ckpt.network.n_classes} classes)")
    indices, remark = np.arange(len(y)), ""
    if args.samples is not None and args.samples < len(y):
        indices = np.sort(np.random.default_rng(args.seed).choice(len(y), args.samples, replace=False))
    elif args.samples is not None and args.samples > len(y):
        remark = f"visualizer landscape: the {args.split} split has {len(y):,} images; all are used"
    available = len(y)
    if len(indices) < available:
        x, y = x[indices], y[indices]                    # copy the subsample only
    return _Images(label, x, y, indices.astype(np.int64), available, remark)


# -- the results ---------------------------------------------------------------------------------

def _summary(args, ckpt, chosen: _Chosen, images: _Images, grid, centre, span: float, seconds: float,
             out, png) -> dict:
    import numpy as np

    i, j = np.unravel_index(np.argmin(grid.loss), grid.loss.shape)          # the loss is never NaN
    return {
        "model": str(args.model), "out": str(out), "png": str(png) if png else None,
        "network": list(ckpt.network.sizes), "n_params": ckpt.n_params,
        "directions": chosen.kind, "seed": args.seed, "explained": chosen.explained,
        "grid": args.grid, "span": float(span), "dataset": images.dataset, "split": args.split,
        "count": int(len(images.labels)), "available": images.available, "seconds": seconds,
        "centre_loss": float(centre[0][0]), "centre_accuracy": float(centre[1][0]),
        "min_loss": float(grid.loss[i, j]), "min_at": [float(grid.alphas[i]), float(grid.betas[j])],
        "max_loss": float(np.max(grid.loss)),
    }


def _save(out, grid, chosen: _Chosen, images: _Images, result: dict) -> None:
    import json

    import numpy as np

    from visualizer.core.atomic import atomic_path

    arrays = {"alphas": grid.alphas, "betas": grid.betas, "loss": grid.loss, "accuracy": grid.accuracy,
              "d1": chosen.d1, "d2": chosen.d2, "indices": images.indices}
    if chosen.trajectory is not None:
        arrays["trajectory"] = np.asarray(chosen.trajectory, np.float64)
    doc = {k: v for k, v in result.items() if k != "about"}
    arrays["config"] = np.array(json.dumps(json_safe(doc)))
    with atomic_path(out) as tmp:
        with open(tmp, "wb") as f:
            np.savez(f, **arrays)


def _save_picture(png, grid, chosen: _Chosen) -> None:
    from visualizer.core.landscape_image import render
    from visualizer.core.png import write_png

    write_png(png, render(grid.loss, grid.alphas, grid.betas, chosen.trajectory))


def _print_report(r: dict) -> None:
    arch = "-".join(str(s) for s in r["network"])
    used = (f"{r['count']:,} images" if r["count"] == r["available"]
            else f"{r['count']:,} of {r['available']:,} images (chosen with seed {r['seed']})")
    how = (f"random, filter-normalised (seed {r['seed']})" if r["directions"] == "random" else
           f"pca of the timeline: {percent(r['explained'][0])} and {percent(r['explained'][1])} "
           "of its variance")
    print(f"model       {r['model']}  ({arch}, {r['n_params']:,} parameters)")
    print(f"images      {r['dataset']}, {r['split']} split: {used}")
    print(f"directions  {how}")
    print(f"grid        {r['grid']} x {r['grid']}, alpha and beta from {-r['span']:.4g} to {r['span']:.4g}, "
          f"in {r['seconds']:.2f} s")
    print(f"loss        {fmt_loss(r['centre_loss'])} at the model's weights (accuracy "
          f"{percent(r['centre_accuracy'])}); lowest {fmt_loss(r['min_loss'])} at alpha {r['min_at'][0]:.3g}, "
          f"beta {r['min_at'][1]:.3g}; highest {fmt_loss(r['max_loss'])}")
    print(f"saved       {r['out']}" + (f" and {r['png']}" if r["png"] else ""))
