"""``visualizer predict``: classify image files with a saved model.

Each image is decoded (``visualizer.imagefile.read_image``) and prepared by
exactly the drawing pad's preprocessing (``visualizer.core.preprocess.
image_to_input``: dark-on-light is inverted, the digit boxed to 20 px and
centred by its centre of mass in 28x28). Inputs are batched, ``CHUNK`` rows
per forward pass, so thousands of files cost one decode each plus a few
matrix products. A folder argument stands for the image files inside it.

Output, in the order given: a table on stdout, or with ``--json`` a list

    [{"file": str, "label": int, "probabilities": [float] * 10,
      "calibrated": [float] * 10, "unsure": bool, "score": float}, ...]   (NaN written as null)

streamed as it is computed (one result per line), so memory stays flat for
any number of files.

Whether to trust each answer is judged as the app's "Why" view does
(``visualizer.core.why``), fitted on the model's own validation split
(``runsetup.prepare(dataset, ckpt.split)``): ``calibrated`` are the
probabilities after temperature scaling, ``score`` the out-of-distribution
score (0 a typical digit) and ``unsure`` whether it lies above the threshold
that flags 5 % of the validation digits. The table shows the calibrated
figures and ends unsure rows with ``unsure``. When the model's dataset cannot be loaded, or it kept no validation
set, one line on stderr says so and ``calibrated`` equals ``probabilities``,
``unsure`` is false and ``score`` null.

A file that cannot be read or holds nothing to classify (blank) is reported
on stderr, one line each, and left out; the others are still printed and the
exit code is then 2.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from visualizer.core.errors import DataError, ImageError, ModelFileError, VisualizerError

from . import ablate
from .common import EXIT_BAD_INPUT, EXIT_OK, examples, json_safe, note, path_arg

NAME = "predict"
CHUNK = 1024
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".pgm", ".pbm", ".ppm",
                  ".tif", ".tiff"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help="classify image files with a saved model",
        description=(
            "Classify image files (PNG, JPEG, BMP, ...) with a saved model, after exactly\n"
            "the preprocessing of the app's drawing pad: dark ink on light paper is\n"
            "inverted, the digit is scaled into a 20x20 box and centred in 28x28. A\n"
            "folder stands for the images inside it. Thousands of files are fine.\n\n"
            "Vector images (SVG, PDF) are refused: export them as PNG first.\n"
            "A file that cannot be read, or is blank, is reported on stderr and skipped;\n"
            "the others are still printed.\n\n"
            "exit codes: 0 all classified; 2 bad model file, or some images skipped."),
        epilog=examples(
            "visualizer predict --model digits.npz seven.png",
            "visualizer predict --model digits.npz scans/*.png --json > labels.json",
            "visualizer predict --model digits.npz scans/",
            "visualizer predict --model digits.npz seven.png --ablate 1:17,2:5=0.5   # units off / halved",
        ),
    )
    p.add_argument("--model", required=True, metavar="MODEL.npz", type=path_arg,
                   help="the saved model")
    p.add_argument("images", nargs="+", metavar="IMAGE", type=path_arg,
                   help="image files or folders of images")
    p.add_argument("--json", action="store_true",
                   help='print a JSON list of {"file", "label", "probabilities", "calibrated", '
                        '"unsure", "score"} on stdout')
    ablate.add_argument(p)
    p.set_defaults(run=run)


def _natural_key(path: Path) -> list:
    """'img10.png' after 'img9.png': digit runs compare as numbers."""
    return [int(part) if part.isdigit() else part.lower()
            for part in re.split(r"(\d+)", path.name)]


def expand(paths: list[str]) -> list[str]:
    """Folders -> their image files (in natural name order); files stay as given."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.iterdir(), key=_natural_key)
                       if f.is_file() and f.suffix.lower() in IMAGE_SUFFIXES)
        else:
            out.append(p)
    return out


def printable(name: str) -> str:
    """A file name as text any terminal takes: bytes that are not UTF-8 shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def class_names_for(dataset: str, k: int, recorded=()) -> list[str]:
    """Display names of the model's ``k`` classes: the names its file ``recorded``
    (``Split.class_names``, so they survive the dataset's folder), else Fashion-MNIST's
    for "fashion", else the class indices."""
    names: list[str] = list(recorded)
    if len(names) != k and dataset == "fashion":
        from visualizer.core import dataset as ds
        names = list(ds.FASHION_NAMES)
    if len(names) != k:
        names = [str(i) for i in range(k)]
    return names


def fit_trust_for(args: argparse.Namespace, ckpt, model):
    """``core.why.Trust`` fitted on the model's own split, or one without a detector (with a note)."""
    from visualizer.core import runsetup, why

    from .data import load_dataset_with_progress

    empty = why.Trust(why.IDENTITY, None, None)
    if not ckpt.split.dataset or ckpt.split.val_fraction == 0:
        note(f"visualizer predict: note: {args.model} kept no validation set: answers are not judged")
        return empty
    try:
        run = runsetup.prepare(load_dataset_with_progress(ckpt.split.dataset), ckpt.split)
        if run.inputs_val.shape[1:] != (model.sizes[0],) or int(run.y_val.max()) >= model.sizes[-1]:
            raise DataError(f"dataset {ckpt.split.dataset} does not fit the model")
        return why.fit_trust(model, run.inputs_train, run.y_train, run.inputs_val, run.y_val)
    except DataError as exc:
        note(f"visualizer predict: note: answers are not judged: {exc}")
        return empty


class _QuietDecoder:
    """Keeps the image decoder's own chatter off stderr while it runs.

    Qt's PNG reader lets libpng print e.g. 'libpng error: Read Error' straight to
    file descriptor 2, past Python and Qt's message handler. Every unreadable
    file is already reported once, by name, from its ImageError, so during each
    decode fd 2 points at /dev/null (two dup2 calls per file; Python's own
    stderr is flushed first and untouched otherwise).
    """

    def __init__(self) -> None:
        self._null = self._saved = None
        try:
            self._null = os.open(os.devnull, os.O_WRONLY)
            self._saved = os.dup(2)
        except OSError:
            self._null = self._saved = None

    def __enter__(self) -> None:
        if self._saved is not None:
            sys.stderr.flush()
            os.dup2(self._null, 2)

    def __exit__(self, *exc) -> None:
        if self._saved is not None:
            os.dup2(self._saved, 2)

    def close(self) -> None:
        for fd in (self._null, self._saved):
            if fd is not None:
                os.close(fd)


class _Results:
    """Prints results as they come: a table for people, or a JSON list streamed item by item
    (valid JSON once closed). ``written``: results printed so far."""

    def __init__(self, args: argparse.Namespace, model, names: list[str], trust, width: int) -> None:
        self.model, self.names, self.trust, self.width = model, names, trust, width
        self.human = not args.json
        self.lw = max(5, *(len(n) for n in names))
        self.written = 0
        if self.human:
            print(f"{'file'.ljust(width)}  {'label'.rjust(self.lw)}  {'conf.':>6}  probabilities of "
                  f"0..{len(names) - 1}  (unsure: it does not look like a digit to me)")

    def add(self, files: list[str], rows: list) -> None:
        """Classify ``rows`` ((784,) float32 inputs of ``files``) and print their results."""
        import numpy as np

        from visualizer.core import why

        if not rows:
            return
        x = np.stack(rows)
        probs = self.model.predict_proba(x)                # (b, 784) -> (b, K)
        labels = np.argmax(probs, axis=1)                  # (b,)
        jd = why.verdict(self.trust, self.model, x)        # calibrated (b, K), scores (b,), unsure (b,)
        for f, label, p, c, s, u in zip(files, labels, probs, jd.probabilities, jd.scores, jd.unsure):
            if self.human:
                print(f"{printable(f).ljust(self.width)}  {self.names[int(label)]:>{self.lw}}  "
                      f"{100 * float(c[label]):5.1f}%  " + " ".join(f"{v:.2f}" for v in c)
                      + ("  unsure" if u else ""))
            else:
                item = {"file": f, "label": int(label), "probabilities": [float(v) for v in p],
                        "calibrated": [float(v) for v in c], "unsure": bool(u), "score": float(s)}
                sys.stdout.write(("[\n" if self.written == 0 else ",\n")
                                 + json.dumps(json_safe(item), allow_nan=False))   # NaN -> null
            self.written += 1
        sys.stdout.flush()

    def close(self) -> None:
        if not self.human:
            sys.stdout.write("[]\n" if self.written == 0 else "\n]\n")
            sys.stdout.flush()


def _input_of(f: str, quiet):
    """The (784,) float32 network input of image file ``f``, or None (said on stderr) when it
    cannot be read or holds no ink."""
    import numpy as np

    from visualizer.core.preprocess import image_to_input
    from visualizer.imagefile import read_image

    try:
        with quiet:
            pixels = read_image(f)
        x = image_to_input(pixels)
    except VisualizerError as exc:
        note(f"visualizer predict: error: {exc}")
        return None
    if x is None:
        note(f"visualizer predict: error: {f} is blank: there is no ink to classify")
        return None
    return np.asarray(x, np.float32).reshape(-1)          # (28, 28) -> (784,)


def run(args: argparse.Namespace) -> int:
    from visualizer.core.persistence import load_checkpoint

    ckpt = load_checkpoint(args.model)
    model, _edits = ablate.edited(args, ckpt.model())
    if model.sizes[0] != 28 * 28:           # e.g. a model trained on other data: refuse, do not crash
        raise ModelFileError(f"{args.model}: the model takes {model.sizes[0]} inputs; predict needs a "
                             f"model of 28x28 images (784 inputs)")
    names = class_names_for(ckpt.split.dataset, int(model.sizes[-1]), ckpt.split.class_names)
    files = expand(args.images)
    if not files:
        raise ImageError(f"no image files in {', '.join(args.images)}")
    results = _Results(args, model, names, fit_trust_for(args, ckpt, model), min(max(len(f) for f in files), 60))
    skipped = 0
    pending_x: list = []          # (784,) float32 rows
    pending_f: list[str] = []
    quiet = _QuietDecoder()
    try:
        for f in files:
            x = _input_of(f, quiet)
            if x is None:
                skipped += 1
                continue
            pending_x.append(x)
            pending_f.append(f)
            if len(pending_x) >= CHUNK:
                results.add(pending_f, pending_x)
                pending_x, pending_f = [], []
        results.add(pending_f, pending_x)
    finally:
        quiet.close()
    results.close()
    if skipped:
        if len(files) > 1:
            note(f"visualizer predict: {skipped} of {len(files)} images skipped (see above)")
        return EXIT_BAD_INPUT
    return EXIT_OK
