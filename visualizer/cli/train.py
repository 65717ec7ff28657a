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
     "split": {"dataset": str, "val_fraction": float, "seed": int},   # which images validated
     "epochs": int,                     # whole epochs done, resumed ones included
     "epochs_this_run": int, "steps": int,   # steps: global optimizer steps in total
     "seconds": float,                  # wall time of this run
     "samples_per_second": float,       # samples trained / seconds (evaluation included)
     "train_loss", "train_accuracy", "val_loss", "val_accuracy": float,
                                        # of the final weights, in eval mode
     "train_samples": int, "val_samples": int,
     "network": NetworkConfig.to_dict(), "config": TrainConfig.to_dict(),
     "resumed_from": str | null, "model": str | null,   # the model file written: --out, or
                                        # where it was rescued to when --out failed (exit 2)
     "message": str | null,             # why it diverged
     "history": [EpochEvent.history_row(), ...],        # per epoch, resumed ones first
     "gradients": core.gradhealth.per_epoch(...)}       # per epoch of this run, median ||dW||
                                        # and ||delta W|| / ||W|| per layer over the steps the
                                        # loop recorded, and "vanishing"/"exploding"/"healthy"
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import signal
import sys
import time
from pathlib import Path
from typing import Any, Iterator

from visualizer.core.config import (ACTIVATIONS, INITS, MAX_BATCH, MAX_LAYERS, MAX_WIDTH, MIN_BATCH, OPTIMIZERS,
                                    SCHEDULES)
from visualizer.core.errors import ConfigError, DataError, VisualizerError

from .common import (EXIT_OK, check_writable_target, dataset_arg, examples, flag_error,
                     hidden_layers, is_tty, note, number, path_arg, pick_dataset, plural,
                     print_json, whole)
from .signals import Interrupted, installed
from .train_report import Outcome, partial_batches, print_summary, record, result_document

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
(--epochs is the number of MORE epochs). The validation split depends only on
the dataset and --val-fraction (its seed is recorded in the model file), so a
resumed run, 'visualizer evaluate --split validation' and the app all validate
on the very same images.

exit codes: 0 trained; 2 bad option, dataset or model file, the training
diverged (the last finite weights are still saved with --out), or --out could
no longer be written at the end (the model was saved in the rescue folder
named on stderr); 130 stopped by Ctrl-C; 143 stopped by SIGTERM."""


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
    _network_options(p)
    _training_options(p)
    _output_options(p)
    p.set_defaults(run=run)


def _network_options(p: argparse.ArgumentParser) -> None:
    net = p.add_argument_group("network (fixed by the model when resuming)")
    net.add_argument("--hidden", type=hidden_layers, metavar="W1,W2,...",
                     help="hidden layer widths, e.g. 128,64 or 'none' for no hidden layer; at most "
                          f"{MAX_LAYERS} layers of 1 to {MAX_WIDTH} units, as in the app (default: 128,64)")
    net.add_argument("--activation", choices=ACTIVATIONS,
                     help="hidden-layer activation (default: relu)")
    net.add_argument("--init", choices=INITS,
                     help="weight initialisation; auto = He for ReLU, Xavier for sigmoid/tanh "
                          "(default: auto)")


def _training_options(p: argparse.ArgumentParser) -> None:
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
    tr.add_argument("--batch-size", type=whole, metavar="N",
                    help=f"samples per batch, {MIN_BATCH} (plain SGD) to {MAX_BATCH}, as in the app (default: 64)")
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
                    help="random seed for initialisation and shuffling (default: 0)")


def _output_options(p: argparse.ArgumentParser) -> None:
    io = p.add_argument_group("files and output")
    io.add_argument("--out", metavar="MODEL.npz", type=path_arg,
                    help="save the trained model here (written atomically at the end, "
                         "or at Ctrl-C; checked before training starts, and if it still "
                         "cannot be written at the end, the model is kept in the "
                         "'rescued' folder of the user data folder, named on stderr, exit 2)")
    io.add_argument("--resume", metavar="MODEL.npz", type=path_arg,
                    help="continue training this saved model")
    io.add_argument("--json", action="store_true",
                    help="print one JSON object with the results on stdout: status, epochs, "
                         "steps, seconds, samples_per_second, final train/val loss and "
                         "accuracy, history (per epoch), network, config, model")


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

    with installed({signal.SIGINT: handler, signal.SIGTERM: handler}):
        yield state


def _load_run_data(args: argparse.Namespace, resumed, cfg):
    """(Dataset spec, RunData): the dataset loaded and split (a resumed model keeps its split)."""
    from visualizer.core import runsetup

    from .data import load_dataset_with_progress

    recorded = resumed.split.dataset if resumed is not None else ""
    spec = args.dataset or recorded or "sample"
    try:
        data = load_dataset_with_progress(spec)
    except DataError as exc:
        if args.dataset or resumed is None:
            raise
        raise DataError(f"{exc} (the dataset recorded in {args.resume}; choose one with "
                        "DATASET or --dataset)") from None
    split = runsetup.split_for(data, spec, cfg.val_fraction)
    if resumed is not None and split.dataset == recorded:
        if args.val_fraction is not None and args.val_fraction != resumed.split.val_fraction:
            raise ConfigError(f"--val-fraction cannot change when resuming on the same dataset: the "
                              f"model in {args.resume} was validated on {resumed.split.val_fraction:g} "
                              f"of it, and a new split would train on its validation images")
        split = resumed.split
    return spec, runsetup.prepare(data, split)


# --- the command -----------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    from visualizer.core.checkpoint import Checkpoint
    from visualizer.core.control import TrainingControl
    from visualizer.core.training import Trainer

    from .progress import TrainProgress

    out, resumed = _check_files(args)
    net_cfg, cfg = build_configs(args, resumed)
    spec, data = _load_run_data(args, resumed, cfg)
    if resumed is None:               # one output per class of the data (an image folder may have 2-100)
        net_cfg = dataclasses.replace(net_cfg, n_classes=len(data.class_names)).validate()
    if resumed is not None:
        if resumed.train.optimizer != cfg.optimizer and not args.json:
            note(f"note: switching optimizer {resumed.train.optimizer} -> {cfg.optimizer}; "
                 "its state starts fresh")
        start = resumed.replace(split=data.split)
    else:
        start = Checkpoint.fresh(net_cfg, cfg, data.split)
    control = TrainingControl()
    trainer = Trainer.from_checkpoint(start, data, train=cfg, control=control)
    progress = TrainProgress(sys.stderr, live=is_tty(sys.stderr), epochs_before=start.epochs_done,
                             epochs=cfg.epochs)
    _announce(args, start, cfg, data)
    outcome = _train_and_save(trainer, control, progress, start, out)
    result = result_document(args, trainer, start, data, outcome, progress)
    if args.json:
        print_json(result)
    else:
        print_summary(result, outcome.model_path, partial_batches(outcome), outcome.diverged)
    return _exit(outcome, trainer, out)


def _announce(args: argparse.Namespace, start, cfg, data) -> None:
    """The first line on stderr: what is trained, on what, how."""
    x_val, _ = data.validation
    arch = "-".join(str(n) for n in start.network.sizes)
    held = f", {len(x_val):,} held out for validation" if x_val is not None else ", no validation"
    lr = f"lr {cfg.lr:g}" + (f" ({cfg.schedule})" if cfg.schedule != "constant" else "")
    extras = "".join([f", dropout {cfg.dropout:g}" if cfg.dropout else "",
                      f", L2 {cfg.weight_decay:g}" if cfg.weight_decay else "",
                      ", augmented" if cfg.augment else ""])
    begin = (f"resuming {args.resume} after {plural(start.epochs_done, 'epoch')}: " if args.resume
             else "training ")
    note(f"{begin}{arch} {start.network.activation} on {data.split.dataset} "
         f"({len(data.y_train):,} images{held}); {cfg.optimizer} {lr}, batch {cfg.batch_size}{extras}, "
         f"{plural(cfg.epochs, 'epoch')}")


def _train_and_save(trainer, control, progress, start, out: Path | None) -> Outcome:
    """Run the loop (Ctrl-C / SIGTERM stop it between batches), then save with --out; a signal
    that lands during the save is counted, and the model is saved all the same. When --out
    cannot be written at the end (its folder was deleted meanwhile...), the model is saved in
    a rescue folder instead (``core.rescue``) and ``_exit`` says where."""
    import numpy as np

    from visualizer.core.rescue import save_or_rescue
    from visualizer.core.timeline import Timeline

    timeline = Timeline.starting(start)          # the moments the model file keeps
    outcome = Outcome()
    started = time.monotonic()
    # Overflow on the way to a NaN loss is expected and handled (DivergedEvent):
    # keep NumPy's RuntimeWarnings off the person's terminal.
    with _stop_signals() as sigint, np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        outcome.signals = sigint
        progress.start()
        for ev in trainer.run():
            timeline.observe(ev, trainer.model.params)
            if sigint["presses"] == 1 and not control.stop_requested:
                control.stop()
                progress.message(
                    "stopping after this batch (Ctrl-C again quits at once, without saving)..."
                    if sigint["signal"] == signal.SIGINT else "stopping after this batch (SIGTERM)...")
            record(outcome, progress, ev)
        progress.close()
        outcome.wall = time.monotonic() - started
        if out is not None:
            outcome.saved = save_or_rescue(out, trainer.checkpoint().replace(timeline=timeline.moments()))
    return outcome


def _exit(outcome: Outcome, trainer, out: Path | None) -> int:
    """The exit code; a diverged run or a model rescued from a failed save raises (one line, exit 2)."""
    saved, failed = outcome.model_path, _save_failure(outcome, out)
    if outcome.reason == "diverged":
        d = outcome.diverged
        msg = (d.message if d is not None else "the training diverged").strip()
        if saved is not None:
            msg = msg.rstrip(".") + f". The last finite weights were saved to {saved}"
            msg += f" ({failed})." if failed else "."
        raise TrainingDiverged(msg)
    if failed:
        raise ModelRescued(f"{failed}; the model was saved to {saved} instead")
    sigint = outcome.signals
    if outcome.reason == "stopped" or sigint.get("presses"):     # also a signal during the save
        return _stopped(sigint.get("signal"), trainer.step, saved)
    return EXIT_OK


def _save_failure(outcome: Outcome, out: Path | None) -> str:
    """"cannot write OUT: why" when --out could not be written at the end, else ""."""
    error = outcome.saved.error if outcome.saved is not None else None
    if error is None:
        return ""
    return f"cannot write {out}: {error.strerror or error}"


def _check_files(args: argparse.Namespace):
    """(--out as a Path or None, the resumed Checkpoint or None), checked before any work.

    Also settles the dataset (DATASET or --dataset) into ``args.dataset``.
    """
    from visualizer.core.errors import ModelFileError
    from visualizer.core.persistence import load_checkpoint

    args.dataset = pick_dataset(args, "visualizer train")
    out = check_writable_target(args.out, "--out") if args.out is not None else None
    resumed = load_checkpoint(args.resume) if args.resume is not None else None
    if resumed is not None and resumed.network.n_inputs != 28 * 28:     # a model for other data
        raise ModelFileError(f"{args.resume}: the model takes {resumed.network.n_inputs} inputs; only "
                             f"models of 28x28 images (784 inputs) can be trained here")
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


class ModelRescued(VisualizerError):
    """--out could not be written at the end; the model went to a rescue folder (named in the message)."""
