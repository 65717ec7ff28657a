"""``visualizer map``: the validation images in a hidden layer of a saved model, projected to 2-D.

The twin of the app's Map view: the model's own validation images (the split
recorded in the model file; at most a fixed sample of 2,000,
``core.hidden_map.shown_indices``) go through the network, their activations
in the chosen hidden layer are projected on the layer's two principal
directions (``core.hidden_map.map_of``: PCA by NumPy's SVD), and the points are
saved.

Output file (``--out``, a NumPy ``.npz`` written atomically):

    points (n, 2)        float32: where each image lands
    labels (n,)          int64: its true class;  predictions (n,) int64: the network's answer
    indices (n,)         int64: which validation images they are (in the split's order)
    mean (h,), components (2, h)   float64: the PCA (centre and directions, unit length)
    explained (2,)       float64: the share of the variance along each direction
    config               0-d string: the JSON document printed by --json

JSON shape (``--json``): {"model": str, "out": str, "png": str | null, "network": [int],
"layer": int, "units": int, "dataset": str, "count": int, "available": int,
"explained": [float, float], "class_names": [str]}
"""

from __future__ import annotations

import argparse
import json

from visualizer.core.errors import ConfigError, DataError

from .common import EXIT_OK, check_writable_target, examples, json_safe, percent, print_json

NAME = "map"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help="the validation images in a hidden layer, projected to 2-D (PCA)",
        description=(
            "Place the model's validation images by their activations in one hidden layer,\n"
            "projected on that layer's two principal directions (PCA), and save the points\n"
            "(and optionally a picture: one dot per image in its class's colour, the legend's\n"
            "swatches in class order along the bottom).\n\n"
            "exit codes: 0 done; 2 invalid option, model file or dataset."),
        epilog=examples(
            "visualizer map --model digits.npz --out map.npz --png map.png",
            "visualizer map --model digits.npz --layer 0 --out first.npz --json",
        ),
    )
    p.add_argument("--model", required=True, metavar="MODEL.npz", help="the saved model")
    p.add_argument("--layer", type=int, default=-1, metavar="K",
                   help="hidden layer: 0 the first, -1 the last (default)")
    p.add_argument("--dataset", metavar="D", help="the model's own dataset, when it is elsewhere now")
    p.add_argument("--out", required=True, metavar="MAP.npz", help="where to save the points (.npz)")
    p.add_argument("--png", metavar="MAP.png", help="also draw the picture")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(run=run)


def _validation(args: argparse.Namespace, ckpt):
    """The model's validation split, prepared as training prepared it."""
    from visualizer.core import runsetup

    from .data import load_dataset_with_progress

    spec = args.dataset or ckpt.split.dataset or "sample"
    data = load_dataset_with_progress(spec)
    if ckpt.split.val_fraction == 0:
        raise DataError(f"{args.model} was trained without a validation set (validation fraction 0)")
    run = runsetup.prepare(data, ckpt.split)
    if len(run.y_val) == 0:
        raise DataError(f"dataset {spec}: the model's validation set is empty")
    if run.inputs_val.shape[1] != ckpt.network.n_inputs or int(run.y_val.max()) >= ckpt.network.n_classes:
        raise DataError(f"dataset {spec} does not fit the model in {args.model}")
    return spec, run


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from visualizer.core.atomic import atomic_path
    from visualizer.core.hidden import layer_index
    from visualizer.core.hidden_map import map_of, shown_indices
    from visualizer.core.map_image import render_map
    from visualizer.core.persistence import load_checkpoint
    from visualizer.core.png import write_png

    out = check_writable_target(args.out, "--out")
    png = check_writable_target(args.png, "--png") if args.png else None
    ckpt = load_checkpoint(args.model)
    model = ckpt.model()
    try:
        layer = layer_index(model, args.layer)
    except ValueError as exc:
        raise ConfigError(f"--layer {args.layer}: {exc}") from None
    spec, data = _validation(args, ckpt)
    idx = shown_indices(len(data.y_val))
    x = data.inputs_val[idx]                                            # (n, 784)
    m, points = map_of(model, x, layer)
    preds = np.argmax(model.logits(x), axis=1).astype(np.int64)        # (n, K) -> (n,)
    names = list(ckpt.split.class_names or data.class_names)
    result = {"model": str(args.model), "out": str(out), "png": str(png) if png else None,
              "network": list(ckpt.network.sizes), "layer": layer, "units": int(m.mean.size),
              "dataset": spec, "count": int(len(idx)), "available": int(len(data.y_val)),
              "explained": [float(e) for e in m.explained], "class_names": names}
    arrays = {"points": points, "labels": data.y_val[idx].astype(np.int64), "predictions": preds,
              "indices": idx.astype(np.int64), "mean": m.mean, "components": m.components,
              "explained": m.explained, "config": np.array(json.dumps(json_safe(result)))}
    with atomic_path(out) as tmp:
        with open(tmp, "wb") as f:
            np.savez(f, **arrays)
    if png is not None:
        write_png(png, render_map(points, arrays["labels"], len(names)))
    if args.json:
        print_json(result)
    else:
        shown = f"{result['count']:,}" + ("" if result["count"] == result["available"]
                                          else f" of {result['available']:,} (a fixed sample)")
        print(f"map of hidden layer {layer} ({result['units']} units) of {args.model}: {shown} validation "
              f"images of {spec}; the two directions hold {percent(m.explained[0])} and "
              f"{percent(m.explained[1])} of the variance")
        print(f"saved       {out}" + (f" and {png}" if png else ""))
    return EXIT_OK
