"""``visualizer evaluate``: a saved model's accuracy on a dataset's test set.

Reports the count, accuracy, mean cross-entropy loss, the confusion matrix
(rows: true class, columns: predicted class; it sums to the count) and each
class's accuracy (its row's diagonal share). JSON shape (``--json``):

    {"model": str, "network": NetworkConfig.to_dict(), "epochs_trained": int,
     "dataset": str, "split": "test", "count": int,
     "accuracy": float, "loss": float, "class_names": [str] * K,
     "confusion_matrix": [[int] * K] * K, "per_class_accuracy": [float|null] * K,
     "per_class_count": [int] * K}
"""

from __future__ import annotations

import argparse
import math
import sys

from visualizer.core.errors import DataError

from .common import (EXIT_OK, dataset_arg, examples, fmt_loss, path_arg, percent, pick_dataset,
                     print_json, table)

NAME = "evaluate"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help="accuracy, loss and confusion matrix of a saved model",
        description=(
            "Evaluate a saved model on a dataset's test set: count, accuracy, mean loss,\n"
            "the 10x10 confusion matrix (rows: true class, columns: predicted) and the\n"
            "accuracy of each class. The dataset defaults to the one the model was\n"
            "trained on (recorded in the model file), else the embedded sample.\n\n"
            "exit codes: 0 done; 2 missing or invalid model file or dataset."),
        epilog=examples(
            "visualizer evaluate --model digits.npz",
            "visualizer evaluate --model digits.npz mnist",
            "visualizer evaluate --model digits.npz ~/data/my-digits --json",
        ),
    )
    p.add_argument("dataset", nargs="?", metavar="DATASET", type=dataset_arg,
                   help="sample, mnist, fashion, a folder of IDX files or a .npz "
                        "(default: the model's own dataset)")
    p.add_argument("--dataset", dest="dataset_option", metavar="DATASET", type=dataset_arg,
                   help="the same as the DATASET argument")
    p.add_argument("--model", required=True, metavar="MODEL.npz", type=path_arg,
                   help="the saved model")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(run=run)


def evaluate_arrays(model, x, y):
    """(mean loss, accuracy, predictions (N,) int64) of ``model`` on ``x`` (N, 784), ``y`` (N,).

    The engine's eval-mode evaluation: mean cross-entropy from the logits
    (log-sum-exp, never infinite), in bounded chunks. N = 0 -> NaNs.
    """
    import numpy as np

    loss, acc, pred, _conf = model.evaluate(x, np.asarray(y).astype(np.int64))
    return float(loss), float(acc), pred


def confusion_matrix(y_true, y_pred, k: int):
    """(K, K) int64: [i, j] = images of true class i predicted as j."""
    import numpy as np

    y_true = np.asarray(y_true, np.int64)
    y_pred = np.asarray(y_pred, np.int64)
    return np.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from visualizer.core import dataset as ds
    from visualizer.core.persistence import load_model

    from .data import load_dataset_with_progress

    args.dataset = pick_dataset(args, "visualizer evaluate")
    saved = load_model(args.model)
    model = saved.model
    spec = args.dataset or saved.dataset or "sample"
    try:
        data = load_dataset_with_progress(spec)
    except DataError as exc:
        if args.dataset:
            raise
        raise DataError(f"{exc} (the dataset recorded in {args.model}; choose one with "
                        "DATASET or --dataset)") from None
    x = ds.as_inputs(data.x_test)                        # (M, 784) float32
    y = np.asarray(data.y_test).astype(np.int64)         # (M,)
    k = int(model.sizes[-1])
    if len(y) == 0:
        raise DataError(f"dataset {spec}: its test set is empty")
    if int(y.max()) >= k:
        raise DataError(f"dataset {spec} has class {int(y.max())} but the model in {args.model} "
                        f"only knows {k} classes")
    if x.shape[1] != model.sizes[0]:
        raise DataError(f"dataset {spec} has {x.shape[1]} pixels per image but the model in "
                        f"{args.model} expects {model.sizes[0]}")

    loss, acc, pred = evaluate_arrays(model, x, y)
    cm = confusion_matrix(y, pred, k)
    per_count = cm.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_acc = np.where(per_count > 0, np.diag(cm) / np.maximum(per_count, 1), np.nan)
    names = list(getattr(data, "class_names", ()) or [str(i) for i in range(k)])[:k]
    names += [str(i) for i in range(len(names), k)]

    result = {
        "model": str(args.model),
        "network": saved.network.to_dict(),
        "epochs_trained": saved.epochs_done,
        "dataset": data.name or spec,
        "split": "test",
        "count": int(len(y)),
        "accuracy": acc,
        "loss": loss,
        "class_names": names,
        "confusion_matrix": cm.tolist(),
        "per_class_accuracy": [float(a) for a in per_acc],
        "per_class_count": per_count.tolist(),
    }
    if args.json:
        print_json(result)
    else:
        print_report(result, saved)
    return EXIT_OK


def print_report(r: dict, saved) -> None:
    arch = "-".join(str(s) for s in saved.model.sizes)
    print(f"model    {r['model']}  ({arch}, {saved.network.activation}, "
          f"{saved.epochs_done} epoch{'s' if saved.epochs_done != 1 else ''} trained)")
    print(f"dataset  {r['dataset']}, test set: {r['count']:,} images")
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
