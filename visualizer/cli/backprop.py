"""``visualizer backprop``: one image's backward pass through a saved model.

The image is decoded and prepared exactly as ``visualizer predict`` does it
(``visualizer.imagefile.read_image``, then ``visualizer.core.preprocess.
image_to_input``, the drawing pad's preprocessing), then
``visualizer.core.backprop.backprop`` runs the engine's own training pass on
it, in float64 on the file's weights, for the target class ``--label``.

Output: the probabilities, the loss -log p[label] and per layer ||dW||, ||db||
as a table, or with ``--json`` one document

    {"file", "label", "predicted", "loss", "probabilities": [float] * K,
     "layers": [{"layer", "shape": [n_in, n_out], "dW_norm", "db_norm", "off_units"}, ...]}

``--out GRADS.npz`` writes (atomically) ``x`` (the inputs the network saw),
per layer i ``z{i}``, ``a{i}`` (the output's a is the probabilities), ``dz{i}``,
``dW{i}`` (n_in, n_out) like the model's ``W{i}``, ``db{i}``, per hidden layer
``da{i}``, and ``loss``, ``probabilities``, ``label``. dW is the gradient of
the loss shown: the L2 term of training is not in it.
"""

from __future__ import annotations

import argparse
import sys

from visualizer.core.errors import ConfigError, ImageError, ModelFileError

from .common import EXIT_OK, check_writable_target, examples, print_json, table, whole

NAME = "backprop"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help="one image's backward pass: the loss and every layer's gradient",
        description=(
            "Run one image through a saved model forward and backward, the way training\n"
            "does, and show what one training step on it would start from: the\n"
            "probabilities, the loss -log p(label), and per layer the size of the\n"
            "gradient of the weights (||dW||) and of the biases (||db||). The image is\n"
            "prepared exactly as 'visualizer predict' prepares it. With --out, every\n"
            "layer's values and gradients go to a .npz file (z, a, dz, dW, db per layer;\n"
            "dW in the layout of the model's W: inputs x units), computed in float64.\n\n"
            "exit codes: 0 done; 2 bad model file, image, label or output path."),
        epilog=examples(
            "visualizer backprop --model digits.npz seven.png --label 7",
            "visualizer backprop --model digits.npz seven.png --label 1 --json",
            "visualizer backprop --model digits.npz seven.png --label 7 --out grads.npz",
        ),
    )
    p.add_argument("--model", required=True, metavar="MODEL.npz", help="the saved model")
    p.add_argument("image", metavar="IMAGE", help="the image file (PNG, JPEG, BMP, ...)")
    p.add_argument("--label", required=True, type=whole, metavar="K",
                   help="the target class: the digit the image shows (0-9 for digits)")
    p.add_argument("--json", action="store_true", help="print the results as one JSON document")
    p.add_argument("--out", metavar="GRADS.npz",
                   help="also write every layer's values and gradients to this .npz file")
    p.set_defaults(run=run)


def prepare(path: str):
    """The (784,) float32 input ``visualizer predict`` makes of the image file ``path``."""
    import numpy as np

    from visualizer.core.preprocess import image_to_input
    from visualizer.imagefile import read_image

    from .predict import _QuietDecoder

    quiet = _QuietDecoder()
    try:
        with quiet:
            pixels = read_image(path)
    finally:
        quiet.close()
    x = image_to_input(pixels)
    if x is None:
        raise ImageError(f"{path} is blank: there is no ink to classify")
    return np.asarray(x, np.float32).reshape(-1)          # (28, 28) -> (784,)


def grads_arrays(result) -> dict:
    """The ``--out`` file's arrays from a ``core.backprop.Backprop`` (see the module doc)."""
    import numpy as np

    arrays = {"x": result.x, "loss": np.array(result.loss), "probabilities": result.probabilities,
              "label": np.array(result.target, np.int64)}
    for i in range(result.n_layers):
        arrays.update({f"z{i}": result.z[i], f"a{i}": result.a[i], f"dz{i}": result.dz[i],
                       f"dW{i}": result.dW[i], f"db{i}": result.db[i]})
        if i < len(result.da):
            arrays[f"da{i}"] = result.da[i]
    return arrays


def _write(path, arrays: dict) -> None:
    import numpy as np

    from visualizer.core.atomic import atomic_path

    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:            # a file object: np.savez adds no ".npz" of its own
            np.savez(f, **arrays)


def _report(args, result, names: list[str]) -> None:
    layers = [{"layer": i, "shape": list(w.shape), "dW_norm": nw, "db_norm": nb,
               "off_units": int(result.off[i].sum()) if i < len(result.off) else 0}
              for i, (w, (nw, nb)) in enumerate(zip(result.dW, result.norms()))]
    if args.json:
        print_json({"file": args.image, "label": result.target, "predicted": result.prediction,
                    "loss": result.loss, "probabilities": result.probabilities, "layers": layers})
        return
    k, guess = result.target, result.prediction
    print(f"{args.image}: label {names[k]}, predicted {names[guess]} "
          f"({100 * float(result.probabilities[guess]):.1f}%)")
    print(table([["class", *names], ["p", *(f"{p:.3f}" for p in result.probabilities)]], indent="  "))
    print(f"loss -log p({names[k]}) = {result.loss:.4f}")
    rows = [["layer", "W shape", "||dW||", "||db||", "units off"]]
    rows += [[str(d["layer"]), "x".join(map(str, d["shape"])), f"{d['dW_norm']:.4g}",
              f"{d['db_norm']:.4g}", str(d["off_units"]) if d["layer"] < len(result.off) else "-"]
             for d in layers]
    print(table(rows, indent="  "))
    sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from visualizer.core.backprop import backprop
    from visualizer.core.persistence import load_checkpoint

    from .predict import class_names_for

    target = check_writable_target(args.out, "--out") if args.out is not None else None
    ckpt = load_checkpoint(args.model)
    model = ckpt.model()
    if model.sizes[0] != 28 * 28:
        raise ModelFileError(f"{args.model}: the model takes {model.sizes[0]} inputs; backprop needs a "
                             f"model of 28x28 images (784 inputs)")
    n_classes = int(model.sizes[-1])
    if not 0 <= args.label < n_classes:
        raise ConfigError(f"--label: must be a class from 0 to {n_classes - 1}, got {args.label}")
    x = prepare(args.image)
    result = backprop(model, x, args.label, dtype=np.float64)
    if target is not None:
        _write(target, grads_arrays(result))
    _report(args, result, class_names_for(ckpt.split.dataset, n_classes, ckpt.split.class_names))
    return EXIT_OK
