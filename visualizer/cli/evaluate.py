"""``visualizer evaluate``: a saved model's accuracy on a dataset's test or validation set.

``--split validation`` evaluates on the validation images the model was
validated on while it trained (the split recorded in the model file, see
``core.runsetup``): for a model saved by ``visualizer train --out``, it
reproduces the final validation accuracy and loss that training printed.

Reports the count, accuracy, mean cross-entropy loss, the confusion matrix
(rows: true class, columns: predicted class; it sums to the count) and each
class's accuracy (its row's diagonal share). JSON shape (``--json``):

    {"model": str, "network": NetworkConfig.to_dict(), "epochs_trained": int,
     "dataset": str, "split": "test" | "validation", "count": int,
     "step": int, "epochs": float,      # the moment evaluated (--at-step: the kept one nearest)
     "accuracy": float, "loss": float, "class_names": [str] * K,
     "confusion_matrix": [[int] * K] * K, "per_class_accuracy": [float|null] * K,
     "per_class_count": [int] * K, "ablate": str | null}    # --ablate's edits, e.g. "1:17,2:5=0.5"
"""

from __future__ import annotations

import argparse
import math
import sys

from visualizer.core.errors import DataError

from . import ablate
from .common import (EXIT_OK, dataset_arg, examples, fmt_loss, path_arg, percent, pick_dataset,
                     print_json, table, whole)

NAME = "evaluate"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help="accuracy, loss and confusion matrix of a saved model",
        description=(
            "Evaluate a saved model on a dataset's test set (or, with --split validation,\n"
            "on the images it was validated on while training): count, accuracy, mean\n"
            "loss, the 10x10 confusion matrix (rows: true class, columns: predicted)\n"
            "and the accuracy of each class. The dataset defaults to the one the model\n"
            "was trained on (recorded in the model file), else the embedded sample.\n\n"
            "exit codes: 0 done; 2 missing or invalid model file or dataset."),
        epilog=examples(
            "visualizer evaluate --model digits.npz",
            "visualizer evaluate --model digits.npz mnist",
            "visualizer evaluate --model digits.npz --split validation",
            "visualizer evaluate --model digits.npz --timeline --json     # the kept moments",
            "visualizer evaluate --model digits.npz --at-step 100          # as it was then",
            "visualizer evaluate --model digits.npz ~/data/my-digits --json",
            "visualizer evaluate --model digits.npz --ablate 1:17,2:5=0.5   # units off / halved",
        ),
    )
    p.add_argument("dataset", nargs="?", metavar="DATASET", type=dataset_arg,
                   help="sample, mnist, fashion, a folder of IDX files or a .npz "
                        "(default: the model's own dataset)")
    p.add_argument("--dataset", dest="dataset_option", metavar="DATASET", type=dataset_arg,
                   help="the same as the DATASET argument")
    p.add_argument("--model", required=True, metavar="MODEL.npz", type=path_arg,
                   help="the saved model")
    p.add_argument("--split", choices=("test", "validation"), default="test",
                   help="the dataset's test set, or the validation images recorded in the model "
                        "file (default: test)")
    p.add_argument("--at-step", type=whole, metavar="K",
                   help="evaluate the network as it was at the moment of its timeline nearest to "
                        "global step K (the result names the step used)")
    p.add_argument("--timeline", action="store_true",
                   help="list the moments the model file keeps (step and epoch), evaluate nothing")
    ablate.add_argument(p)
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(run=run)


def _images(args: argparse.Namespace, ckpt):
    """(dataset name, (M, 784) float32 inputs, (M,) labels, class names) of the chosen split."""
    from visualizer.core import runsetup
    from visualizer.core.dataset import as_inputs

    from .data import load_dataset_with_progress

    spec = args.dataset or ckpt.split.dataset or "sample"
    try:
        data = load_dataset_with_progress(spec)
    except DataError as exc:
        if args.dataset:
            raise
        raise DataError(f"{exc} (the dataset recorded in {args.model}; choose one with "
                        "DATASET or --dataset)") from None
    if args.split == "test":
        return data.name or spec, as_inputs(data.x_test), data.y_test, data.class_names
    label = runsetup.dataset_label(data, spec)
    if label != ckpt.split.dataset:
        raise DataError(f"{args.model} was validated on {ckpt.split.dataset or 'an unrecorded dataset'}, "
                        f"not on {label}: --split validation needs the model's own dataset")
    if ckpt.split.val_fraction == 0:
        raise DataError(f"{args.model} was trained without a validation set (validation fraction 0)")
    run = runsetup.prepare(data, ckpt.split)
    return label, run.inputs_val, run.y_val, data.class_names


def _check(spec: str, args, y, x, k: int, n_inputs: int) -> None:
    if len(y) == 0:
        raise DataError(f"dataset {spec}: its {args.split} set is empty")
    if int(y.max()) >= k:
        raise DataError(f"dataset {spec} has class {int(y.max())} but the model in {args.model} "
                        f"only knows {k} classes")
    if x.shape[1] != n_inputs:
        raise DataError(f"dataset {spec} has {x.shape[1]} pixels per image but the model in "
                        f"{args.model} expects {n_inputs}")


def _moments(ckpt) -> tuple:
    """The file's timeline with its current weights as the last moment."""
    from visualizer.core.timeline import Moment

    now = Moment(ckpt.step, float(ckpt.epochs_done), ckpt.params)
    return tuple(m for m in ckpt.timeline if m.step < ckpt.step) + (now,)


def _print_timeline(args: argparse.Namespace, moments: tuple) -> int:
    rows = [{"step": m.step, "epochs": round(m.epochs, 4)} for m in moments]
    if args.json:
        print_json({"model": str(args.model), "moments": rows})
    else:
        print(table([["step", "epochs"]] + [[f"{r['step']:,}", f"{r['epochs']:g}"] for r in rows], align="rr"))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from visualizer.core.evaluation import evaluate
    from visualizer.core.persistence import load_checkpoint

    args.dataset = pick_dataset(args, "visualizer evaluate")
    ckpt = load_checkpoint(args.model)
    moments = _moments(ckpt)
    if args.timeline:
        return _print_timeline(args, moments)
    moment = min(moments, key=lambda m: (abs(m.step - args.at_step), m.step)) if args.at_step is not None \
        else moments[-1]
    model, edits = ablate.edited(args, ckpt.replace(params=moment.params).model())
    k = int(model.sizes[-1])
    spec, x, y, class_names = _images(args, ckpt)
    y = np.asarray(y).astype(np.int64)                   # (M,)
    _check(spec, args, y, x, k, int(model.sizes[0]))
    ev = evaluate(model, x, y)
    names = list(class_names or [str(i) for i in range(k)])[:k]
    names += [str(i) for i in range(len(names), k)]
    result = {
        "model": str(args.model),
        "network": ckpt.network.to_dict(),
        "epochs_trained": ckpt.epochs_done,
        "step": moment.step,                 # the global step of the weights evaluated
        "epochs": moment.epochs,
        "dataset": spec,
        "split": args.split,
        "count": ev.count,
        "accuracy": ev.accuracy,
        "loss": ev.loss,
        "class_names": names,
        "confusion_matrix": ev.confusion.tolist(),
        "per_class_accuracy": [float(a) for a in ev.per_class_accuracy()],
        "per_class_count": ev.confusion.sum(axis=1).tolist(),
        "ablate": edits.spec() or None,      # the hidden units switched off or scaled (--ablate)
    }
    if args.json:
        print_json(result)
    else:
        print_report(result, ckpt)
    return EXIT_OK


def print_report(r: dict, ckpt) -> None:
    arch = "-".join(str(s) for s in ckpt.network.sizes)
    print(f"model    {r['model']}  ({arch}, {ckpt.network.activation}, "
          f"{ckpt.epochs_done} epoch{'s' if ckpt.epochs_done != 1 else ''} trained)")
    print(f"dataset  {r['dataset']}, {r['split']} set: {r['count']:,} images")
    if r["ablate"]:
        print(f"edited   {r['ablate']} (hidden units switched off or scaled; the file is unchanged)")
    print(f"accuracy {percent(r['accuracy'])}   mean loss {fmt_loss(r['loss'])}")
    print()
    k = len(r["class_names"])
    print("confusion matrix (rows: true class, columns: predicted class)")
    long_names = any(n != str(i) for i, n in enumerate(r["class_names"]))
    head = ["true \\ pred"] + [str(j) for j in range(k)] + ["count", "accuracy"]
    rows = [head]
    for i in range(k):
        label = f"{i} {r['class_names'][i]}" if long_names else str(i)
        acc = r["per_class_accuracy"][i]
        rows.append([label] + [str(v) for v in r["confusion_matrix"][i]]
                    + [str(r["per_class_count"][i]), percent(acc if acc is not None else math.nan)])
    print(table(rows, align="l"))
    sys.stdout.flush()
