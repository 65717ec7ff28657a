"""``visualizer train``: train a network without a window.

Progress goes to stderr (a live line on a terminal, one line per epoch
otherwise); the result goes to stdout: a short summary, or with ``--json``
one JSON object (shape below). Ctrl-C stops between two batches
and saves the model so far when ``--out`` is given (exit code 130). A
diverging run (loss NaN, infinite or exploded past 1000, or non-finite
weights) is rolled back by the trainer to the last sound weights and step,
which are saved with ``--out``; the exit code is 2 (the settings,
usually the learning rate, are the culprit) with one line saying what to try.

``--json`` (NaN written as null):

    {"status": "completed" | "stopped" | "diverged",
     "dataset": str,                    # name, or a folder's absolute path
     "epochs": int,                     # whole epochs done, resumed ones included
     "epochs_this_run": int, "steps": int,   # steps: global optimizer steps in total
     "seconds": float,                  # wall time of this run
     "samples_per_second": float,       # samples trained / seconds (evaluation included)
     "train_loss", "train_accuracy", "val_loss", "val_accuracy": float,
                                        # of the final weights, in eval mode
     "train_samples": int, "val_samples": int,
     "network": NetworkConfig.to_dict(), "config": TrainConfig.to_dict(),
     "resumed_from": str | null, "model": str | null,   # the --out file written
     "message": str | null,             # why it diverged
     "history": [EpochEvent.history_row(), ...]}        # per epoch, resumed ones first
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import math
import signal
import sys
import time
from pathlib import Path
from typing import Any, Iterator

from visualizer.core.config import ACTIVATIONS, INITS, OPTIMIZERS, SCHEDULES
from visualizer.core.errors import ConfigError, DataError

from .common import (EXIT_OK, check_writable_target, dataset_arg, examples, flag_error, fmt_loss,
                     hidden_layers, is_tty, note, number, path_arg, percent, pick_dataset, plural,
                     print_json, whole)
from .signals import Interrupted

NAME = "train"

DESCRIPTION = """\
Train a multilayer perceptron on handwritten digits (or Fashion-MNIST) and
optionally save it. DATASET is 'sample' (5,000 real MNIST digits shipped with
the program, the default), 'mnist' or 'fashion' (downloaded once and cached;
see 'visualizer data'), a folder holding the four MNIST IDX files, or a
Keras-layout .npz file.

On a terminal a live line on stderr shows epoch, batch, loss, accuracy,
samples/s and the time left; otherwise one line per epoch is written.
Ctrl-C stops after the current batch and, with --out, saves the model so far
(exit code 130); press it twice to quit at once without saving. SIGTERM (e.g.
from 'timeout' or a job scheduler) does the same, with exit code 143.
--resume continues a saved model: weights, optimizer state, epochs done and
history; its settings are the defaults and options given here override them
(--epochs is the number of MORE epochs). The validation split is drawn from
--seed alone, so a resumed run validates on the same images.

exit codes: 0 trained; 2 bad option, dataset or model file, or the training
diverged (the last finite weights are still saved with --out); 130 stopped by
Ctrl-C; 143 stopped by SIGTERM."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help="train a network and save it (progress on stderr)",
        description=DESCRIPTION,
        epilog=examples(
            "visualizer train                                   # sample data, 5 epochs",
            "visualizer train --epochs 10 --out digits.npz",
            "visualizer train mnist --hidden 256,128 --optimizer sgd --lr 0.1 --schedule cosine",
            "visualizer train fashion --dropout 0.2 --augment --out clothes.npz",
            "visualizer train ~/data/my-digits --val-fraction 0.2",
            "visualizer train --resume digits.npz --epochs 5 --out digits.npz",
            "visualizer train --epochs 2 --json > result.json",
        ),
    )
    p.add_argument("dataset", nargs="?", metavar="DATASET", type=dataset_arg,
                   help="sample (default), mnist, fashion, a folder of MNIST IDX files or a .npz "
                        "(with --resume: the model's dataset)")
    p.add_argument("--dataset", dest="dataset_option", metavar="DATASET", type=dataset_arg,
                   help="the same as the DATASET argument")
    net = p.add_argument_group("network (fixed by the model when resuming)")
    net.add_argument("--hidden", type=hidden_layers, metavar="W1,W2,...",
                     help="hidden layer widths, e.g. 128,64 or 'none' for no hidden layer "
                          "(default: 128,64)")
    net.add_argument("--activation", choices=ACTIVATIONS,
                     help="hidden-layer activation (default: relu)")
    net.add_argument("--init", choices=INITS,
                     help="weight initialisation; auto = He for ReLU, Xavier for sigmoid/tanh "
                          "(default: auto)")
    tr = p.add_argument_group("training")
    tr.add_argument("--optimizer", choices=OPTIMIZERS, help="optimizer (default: adam)")
    tr.add_argument("--lr", type=number, metavar="RATE", help="learning rate (default: 0.001)")
    tr.add_argument("--momentum", type=number, metavar="M",
                    help="momentum for momentum/nesterov (default: 0.9)")
    tr.add_argument("--schedule", choices=SCHEDULES,
                    help="learning-rate schedule (default: constant)")
    tr.add_argument("--step-epochs", type=whole, metavar="N",
                    help="step schedule: scale the rate every N epochs (default: 2)")
    tr.add_argument("--step-gamma", type=number, metavar="G",
                    help="step schedule: factor applied each step (default: 0.5)")
    tr.add_argument("--batch-size", type=whole, metavar="N", help="samples per batch (default: 64)")
    tr.add_argument("--epochs", type=whole, metavar="N",
                    help="epochs to train (with --resume: more epochs) (default: 5)")
    tr.add_argument("--l2", type=number, metavar="L",
                    help="L2 weight decay strength (default: 0)")
    tr.add_argument("--dropout", type=number, metavar="P",
                    help="probability of dropping a hidden unit while training (default: 0)")
    tr.add_argument("--augment", action=argparse.BooleanOptionalAction, default=None,
                    help="randomly rotate, shift, scale and distort training images "
                         "(default: off)")
    tr.add_argument("--val-fraction", type=number, metavar="F",
                    help="share of the training set held out for validation, 0 to 0.5 "
                         "(default: 0.1)")
    tr.add_argument("--seed", type=whole, metavar="S",
                    help="random seed for initialisation, split and shuffling (default: 0)")
    io = p.add_argument_group("files and output")
    io.add_argument("--out", metavar="MODEL.npz", type=path_arg,
                    help="save the trained model here (written atomically at the end, "
                         "or at Ctrl-C)")
    io.add_argument("--resume", metavar="MODEL.npz", type=path_arg,
                    help="continue training this saved model")
    io.add_argument("--json", action="store_true",
                    help="print one JSON object with the results on stdout: status, epochs, "
                         "steps, seconds, samples_per_second, final train/val loss and "
                         "accuracy, history (per epoch), network, config, model")
    p.set_defaults(run=run)


# --- configuration --------------------------------------------------------------

_TRAIN_FLAGS = {  # TrainConfig field -> argparse dest
    "optimizer": "optimizer", "lr": "lr", "momentum": "momentum", "schedule": "schedule",
    "step_epochs": "step_epochs", "step_gamma": "step_gamma", "batch_size": "batch_size",
    "epochs": "epochs", "weight_decay": "l2", "dropout": "dropout", "augment": "augment",
    "val_fraction": "val_fraction", "seed": "seed",
}


def build_configs(args: argparse.Namespace, resumed: Any = None):
    """(NetworkConfig, TrainConfig) from the options, over the resumed model's settings.

    Raises ConfigError naming the flag (``--lr: learning rate must be ...``).
    """
    from visualizer.core.config import NetworkConfig, TrainConfig

    try:
        if resumed is not None:
            net = resumed.network
            for flag, dest, have in (("--hidden", "hidden", net.hidden),
                                     ("--activation", "activation", net.activation),
                                     ("--init", "init", net.init)):
                given = getattr(args, dest)
                if given is not None and given != have:
                    shown = ",".join(map(str, have)) if dest == "hidden" else have
                    raise ConfigError(f"{flag} cannot change when resuming: the model in "
                                      f"{args.resume} has {dest} {shown or 'none'}")
            base = resumed.train if resumed.train is not None else TrainConfig()
        else:
            kw = {k: getattr(args, k) for k in ("hidden", "activation", "init")
                  if getattr(args, k) is not None}
            net = NetworkConfig(**kw).validate()
            base = TrainConfig()
        overrides = {field: getattr(args, dest) for field, dest in _TRAIN_FLAGS.items()
                     if getattr(args, dest) is not None}
        if resumed is not None and args.epochs is None:
            overrides["epochs"] = TrainConfig().epochs
        train = dataclasses.replace(base, **overrides).validate()
    except ConfigError as exc:
        raise flag_error(exc) from None
    return net, train


@contextlib.contextmanager
def _stop_signals() -> Iterator[dict]:
    """While active, Ctrl-C (SIGINT) and SIGTERM only count (the loop then asks the
    trainer to stop between batches and the model is saved, also when the signal
    lands during the final save); a second signal raises ``Interrupted`` with the
    first signal's number (quit at once, nothing saved, exit 130 or 143). The
    handler does no I/O and takes no lock: it may run in the middle of anything in
    the main thread. ``state``: {"presses": int, "signal": the first signal's number or None}."""
    state: dict = {"presses": 0, "signal": None}

    def handler(signum, frame):
        state["presses"] += 1
        if state["signal"] is None:
            state["signal"] = signum
        if state["presses"] > 1:
            raise Interrupted(state["signal"])

    previous = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread (e.g. called from a test harness thread)
        pass
    try:
        yield state
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _split_rngs(seed: int):
    """Independent generators for (validation split, weight init, training), from the seed.

    The split depends on the seed alone, so a resumed run holds out the same images.
    """
    import numpy as np

    split, init, train = np.random.SeedSequence(seed).spawn(3)
    return np.random.default_rng(split), np.random.default_rng(init), np.random.default_rng(train)


def _dataset_label(data, spec: str) -> str:
    """What the model file records as its dataset: the name, or a folder's absolute path."""
    from visualizer.core.errors import VisualizerError
    from visualizer.core.paths import user_path

    name = data.name or spec
    if name not in ("sample", "mnist", "fashion"):
        try:
            p = user_path(name)
            if p.exists():
                return str(p.resolve())
        except (VisualizerError, OSError):
            pass
    return name


# --- the command -----------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    import numpy as np

    from visualizer.core import dataset as ds
    from visualizer.core.network import MLP
    from visualizer.core.persistence import save_model
    from visualizer.core.training import Trainer, TrainingControl

    from .data import load_dataset_with_progress
    from .evaluate import evaluate_arrays
    from .progress import TrainProgress

    out, resumed = _check_files(args)
    net_cfg, cfg = build_configs(args, resumed)

    spec = args.dataset or (resumed.dataset if resumed is not None and resumed.dataset else "sample")
    try:
        data = load_dataset_with_progress(spec)
    except DataError as exc:
        if args.dataset or resumed is None:
            raise
        raise DataError(f"{exc} (the dataset recorded in {args.resume}; choose one with "
                        "DATASET or --dataset)") from None
    split_rng, init_rng, train_rng = _split_rngs(cfg.seed)
    # Split the uint8 images first, then convert each part once (MNIST: 4x less to copy).
    if cfg.val_fraction > 0:
        img_tr, y_tr, img_val, y_val = ds.split_validation(data.x_train, data.y_train,
                                                           cfg.val_fraction, split_rng)
    else:
        img_tr, y_tr, img_val, y_val = data.x_train, data.y_train, None, None
    x_tr = ds.as_inputs(img_tr)                                 # (N, 28, 28) uint8 -> (N, 784) float32
    x_val = ds.as_inputs(img_val) if img_val is not None and len(img_val) else None
    if x_val is None:
        y_val = None
    del img_tr, img_val

    epochs_before = resumed.epochs_done if resumed is not None else 0
    if resumed is not None:
        model = resumed.model
        opt_state = resumed.optimizer_state
        if resumed.train is not None and resumed.train.optimizer != cfg.optimizer:
            opt_state = None
            if not args.json:
                note(f"note: switching optimizer {resumed.train.optimizer} -> {cfg.optimizer}; "
                     "its state starts fresh")
        # Shuffle differently from the first run: same seed, later epochs.
        train_rng = np.random.default_rng([cfg.seed, epochs_before])
        extra = dict(optimizer_state=opt_state, epochs_done=epochs_before, step=resumed.step,
                     history=tuple(resumed.history))
    else:
        model = MLP(net_cfg, rng=init_rng)
        extra = {}

    control = TrainingControl()
    trainer = Trainer(model, cfg, x_tr, y_tr, x_val, y_val, rng=train_rng, control=control, **extra)
    progress = TrainProgress(sys.stderr, live=is_tty(sys.stderr), epochs_before=epochs_before,
                             epochs=cfg.epochs)

    arch = "-".join(str(n) for n in net_cfg.sizes)
    held = f", {len(x_val):,} held out for validation" if x_val is not None else ", no validation"
    lr = f"lr {cfg.lr:g}" + (f" ({cfg.schedule})" if cfg.schedule != "constant" else "")
    extras = "".join([f", dropout {cfg.dropout:g}" if cfg.dropout else "",
                      f", L2 {cfg.weight_decay:g}" if cfg.weight_decay else "",
                      ", augmented" if cfg.augment else ""])
    start = (f"resuming {args.resume} after {plural(epochs_before, 'epoch')}: " if resumed is not None
             else "training ")
    note(f"{start}{arch} {net_cfg.activation} on {_dataset_label(data, spec)} ({len(x_tr):,} images"
         f"{held}); {cfg.optimizer} {lr}, batch {cfg.batch_size}{extras}, "
         f"{plural(cfg.epochs, 'epoch')}")

    last_epoch = last_batch = diverged = finished = None
    started = time.monotonic()
    stopping = False
    # Overflow on the way to a NaN loss is expected and handled (DivergedEvent):
    # keep NumPy's RuntimeWarnings off the person's terminal.
    with _stop_signals() as sigint, np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        progress.start()
        for ev in trainer.run():
            kind = type(ev).__name__
            if sigint["presses"] and not stopping:
                stopping = True
                control.stop()
                progress.message(
                    "stopping after this batch (Ctrl-C again quits at once, without saving)..."
                    if sigint["signal"] == signal.SIGINT else "stopping after this batch (SIGTERM)...")
            if kind == "BatchEvent":
                progress.on_batch(ev)
                last_batch = ev
            elif kind == "EpochEvent":
                progress.on_epoch(ev)
                last_epoch = ev
            elif kind == "DivergedEvent":
                diverged = ev
            elif kind == "FinishedEvent":
                finished = ev
        progress.close()
        wall = time.monotonic() - started
        reason = finished.reason if finished is not None else "completed"
        history = list(finished.history) if finished is not None else list(trainer.history)

        # Final figures: the last epoch's evaluation when it describes the final
        # weights, else a fresh evaluation (stopped mid-epoch, rolled back).
        if reason == "completed" and last_epoch is not None:
            final = dict(train_loss=last_epoch.train_loss, train_accuracy=last_epoch.train_accuracy,
                         val_loss=last_epoch.val_loss, val_accuracy=last_epoch.val_accuracy)
        else:
            tl, ta = evaluate_arrays(trainer.model, x_tr, y_tr)[:2]
            vl, va = (evaluate_arrays(trainer.model, x_val, y_val)[:2] if x_val is not None
                      else (math.nan, math.nan))
            final = dict(train_loss=tl, train_accuracy=ta, val_loss=vl, val_accuracy=va)

        if out is not None:
            save_model(out, trainer.model, train_config=cfg, dataset=_dataset_label(data, spec),
                       epochs_done=trainer.epochs_done, step=trainer.step, history=history,
                       optimizer_state=trainer.optimizer_state())

    seconds = finished.seconds if finished is not None else wall
    result = {
        "status": reason,
        "dataset": _dataset_label(data, spec),
        "epochs": trainer.epochs_done,
        "epochs_this_run": trainer.epochs_done - epochs_before,
        "steps": trainer.step,
        "seconds": seconds,
        "samples_per_second": progress.samples / seconds if seconds > 0 else math.nan,
        **final,
        "train_samples": int(len(x_tr)),
        "val_samples": int(len(x_val)) if x_val is not None else 0,
        "network": net_cfg.to_dict(),
        "config": cfg.to_dict(),
        "resumed_from": str(args.resume) if args.resume else None,
        "model": str(out) if out is not None else None,
        "message": diverged.message if diverged is not None else None,
        "history": history,
    }
    if args.json:
        print_json(result)
    else:
        partial = 0       # batches into an epoch left unfinished (stopped / diverged)
        if reason != "completed" and last_batch is not None and last_batch.batch < last_batch.batches_per_epoch:
            partial = last_batch.batch if last_epoch is None or last_batch.step > last_epoch.step else 0
        _print_summary(result, out, partial)

    if reason == "diverged":
        msg = (diverged.message if diverged is not None else "the training diverged").strip()
        if out is not None:
            msg = msg.rstrip(".") + f". The last finite weights were saved to {out}."
        raise TrainingDiverged(msg)
    if reason == "stopped" or sigint["presses"]:     # also a signal that landed during the save
        return _stopped(sigint["signal"], trainer.step, out)
    return EXIT_OK


def _check_files(args: argparse.Namespace):
    """(--out as a Path or None, the resumed SavedModel or None), checked before any work.

    Also settles the dataset (DATASET or --dataset) into ``args.dataset``.
    """
    from visualizer.core.errors import ModelFileError
    from visualizer.core.persistence import load_model

    args.dataset = pick_dataset(args, "visualizer train")
    out = check_writable_target(args.out, "--out") if args.out is not None else None
    resumed = load_model(args.resume) if args.resume is not None else None
    if resumed is not None and resumed.model.sizes[0] != 28 * 28:     # a model for other data
        raise ModelFileError(f"{args.resume}: the model takes {resumed.model.sizes[0]} inputs; only models "
                             f"of 28x28 images (784 inputs) can be trained here")
    return out, resumed


def _stopped(signum: int | None, step: int, out: Path | None) -> int:
    """Say what a signal stopped and what was kept; the exit code 128 + the signal."""
    signum = int(signum if signum is not None else signal.SIGINT)
    by = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
    note(f"stopped by {by} at step {step:,}"
         + (f"; the model so far was saved to {out}" if out is not None else
            " (nothing saved: no --out)"))
    return 128 + signum


class TrainingDiverged(ConfigError):
    """The loss went NaN/inf or exploded: the settings (usually the learning rate) are the culprit."""


def _print_summary(r: dict, out: Path | None, partial_batches: int = 0) -> None:
    verb = {"completed": "trained", "stopped": "stopped after", "diverged": "diverged after"}.get(
        r["status"], r["status"])
    done = plural(r["epochs_this_run"], "epoch")
    if partial_batches:
        done += f" and {plural(partial_batches, 'batch')}"
    print(f"{verb} {done} on {r['dataset']} "
          f"({r['train_samples']:,} training images) in {r['seconds']:.1f} s, "
          f"{r['samples_per_second']:,.0f} samples/s")
    line = f"train loss {fmt_loss(r['train_loss'])}, accuracy {percent(r['train_accuracy'])}"
    if r["val_samples"]:
        line += (f"; validation loss {fmt_loss(r['val_loss'])}, accuracy "
                 f"{percent(r['val_accuracy'])} ({r['val_samples']:,} images)")
    print(line)
    if out is not None:
        print(f"saved {out} ({plural(r['epochs'], 'epoch')}, {r['steps']:,} steps in total)")
    sys.stdout.flush()
