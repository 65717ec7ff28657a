"""How well each out-of-distribution score tells digits from non-digits, in one run.

    python benchmarks/ood.py [--epochs 60] [--seed 0] [--per-kind 250] [--no-augment]
                             [--scores energy,msp,knn,combined]

Trains 784-128-64-10 with the real engine (``Trainer``, Adam, cosine schedule,
augmentation) on the embedded sample's training part exactly as the app and
``visualizer train`` prepare it (``runsetup.prepare(load_dataset("sample"),
Split("sample", 0.1))``: 4,050 digits trained on, 450 validation digits).
Then, for every candidate score of ``visualizer.core.ood``, fixes the threshold
on the 450 validation digits (5 % flagged) and prints the share flagged of

    MNIST test     the 10,000 real digits of ../shared/data/mnist-test (target <= 5 %)
    Fashion-MNIST  the 10,000 test images of /usr/share/datasets/fashion-mnist
                   (``apt-get install dataset-fashion-mnist``; target >= 90 %)
    dots, lines, scribbles, blobs
                   synthetic non-digits drawn on a 140x140 ink canvas with the
                   pad's pen (10 px), reproducibly from ``--seed``, passed
                   through ``preprocess.canvas_to_input`` exactly like a drawing
                   on the pad (target >= 80 % over the four kinds)

and the AUROC of the score, MNIST test digits against each kind. It also fits
the temperature (``core.calibration``) on the validation digits and prints the
NLL and ECE it gives there and on the MNIST test set. A line
whose data is absent is skipped with a message. Lines are kept at least 45
degrees away from vertical: a vertical stroke is a 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from visualizer.core import calibration, idx, ood
from visualizer.core.checkpoint import Split
from visualizer.core.config import NetworkConfig, TrainConfig
from visualizer.core.dataset import SYSTEM_FASHION_DIR, as_inputs, load_dataset
from visualizer.core.network import MLP
from visualizer.core.preprocess import canvas_to_input
from visualizer.core.runsetup import prepare
from visualizer.core.training import Trainer

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data beside the repository (a worktree one level deeper finds it one level up)
MNIST_TEST = next((p / "shared" / "data" / "mnist-test" for p in (ROOT.parent, ROOT.parent.parent)
                   if (p / "shared" / "data" / "mnist-test").is_dir()), ROOT.parent / "shared" / "data" / "mnist-test")
CANVAS = 140                 # the pad's ink buffer side
PEN = 10.0                   # the pad's default brush (20 px of its 280-px canvas) in ink pixels


# ----------------------------------------------------------------------------- synthetic non-digits

def _render(segments: np.ndarray, radius: float) -> np.ndarray:
    """Ink (CANVAS, CANVAS) of round-capped segments (S, 2, 2) of (x, y) endpoints, antialiased."""
    yy, xx = np.mgrid[0:CANVAS, 0:CANVAS].astype(np.float64) + 0.5
    p = np.stack([xx, yy], -1)[:, :, None, :]                       # (H, W, 1, 2)
    a, b = segments[:, 0], segments[:, 1]                             # (S, 2)
    ab = b - a
    t = np.clip(((p - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-9), 0.0, 1.0)   # (H, W, S)
    d = np.sqrt((((a + t[..., None] * ab) - p) ** 2).sum(-1)).min(-1)                      # (H, W)
    return np.clip(radius + 0.5 - d, 0.0, 1.0)


def _polyline(points: np.ndarray, radius: float = PEN / 2) -> np.ndarray:
    return _render(np.stack([points[:-1], points[1:]], 1), radius)


def dot(rng) -> np.ndarray:
    c = rng.uniform(30, 110, 2)
    return _render(np.array([[c, c]]), rng.uniform(3, 12))


def line(rng) -> np.ndarray:
    angle = np.deg2rad(rng.uniform(-45, 45))            # from horizontal: never a "1"
    length = rng.uniform(40, 110)
    c = rng.uniform(50, 90, 2)
    d = 0.5 * length * np.array([np.cos(angle), np.sin(angle)])
    return _polyline(np.array([c - d, c + d]))


def scribble(rng) -> np.ndarray:
    n = rng.integers(6, 13)
    size = rng.uniform(50, 110)
    c = rng.uniform(60, 80, 2)
    return _polyline(c + rng.uniform(-size / 2, size / 2, (n, 2)))


def blob(rng) -> np.ndarray:
    yy, xx = np.mgrid[0:CANVAS, 0:CANVAS] + 0.5
    ink = np.zeros((CANVAS, CANVAS))
    for _ in range(rng.integers(1, 4)):                  # one to three overlapping filled ellipses
        cx, cy = rng.uniform(50, 90, 2)
        rx, ry = rng.uniform(8, 35, 2)
        th = rng.uniform(0, np.pi)
        u = ((xx - cx) * np.cos(th) + (yy - cy) * np.sin(th)) / rx
        v = (-(xx - cx) * np.sin(th) + (yy - cy) * np.cos(th)) / ry
        ink = np.maximum(ink, np.clip((1.0 - np.sqrt(u * u + v * v)) * min(rx, ry) + 0.5, 0, 1))
    return ink


KINDS = {"dots": dot, "lines": line, "scribbles": scribble, "blobs": blob}


def synthetic(kind: str, n: int, seed: int) -> np.ndarray:
    """(n', 784) float32 inputs: n drawings of ``kind`` through the pad's preprocessing (blank ones dropped)."""
    rng = np.random.default_rng([seed, list(KINDS).index(kind)])
    out = []
    for _ in range(n):
        x = canvas_to_input((KINDS[kind](rng) * 255).astype(np.uint8))
        if x is not None:
            out.append(x.reshape(784))
    return np.array(out, np.float32)


# ----------------------------------------------------------------------------- the run

def train(run, epochs: int, seed: int, augment: bool = True) -> MLP:
    model = MLP(NetworkConfig(hidden=(128, 64)), rng=np.random.default_rng(seed))
    cfg = TrainConfig(optimizer="adam", lr=2e-3, schedule="cosine", batch_size=64, epochs=epochs,
                      augment=augment, val_fraction=0.1, seed=seed).validate()
    x_val, y_val = run.validation
    for _ in Trainer(model, cfg, run.inputs_train, run.y_train, x_val, y_val,
                     rng=np.random.default_rng(seed), split=run.split).run():
        pass
    return model


def test_sets(args) -> dict[str, np.ndarray]:
    sets: dict[str, np.ndarray] = {}
    try:
        x, _ = idx.read_pair(MNIST_TEST / "t10k-images-idx3-ubyte.gz", MNIST_TEST / "t10k-labels-idx1-ubyte.gz")
        sets["MNIST test"] = as_inputs(x)
    except Exception as exc:  # noqa: BLE001 - any reason the folder is unusable: say it and go on
        print(f"skipping MNIST test digits: {exc}")
    try:
        fashion = load_dataset(str(SYSTEM_FASHION_DIR))
        sets["Fashion-MNIST"] = as_inputs(fashion.x_test)
    except Exception as exc:  # noqa: BLE001
        print(f"skipping Fashion-MNIST ({exc}); apt-get install -y dataset-fashion-mnist")
    for kind in KINDS:
        sets[kind] = synthetic(kind, args.per_kind, args.seed)
    return sets


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-kind", type=int, default=250, help="synthetic drawings of each kind")
    ap.add_argument("--no-augment", action="store_true", help="train without augmentation (the app's default)")
    ap.add_argument("--scores", default=",".join(ood.SCORES), help="which of the named scores to compare")
    args = ap.parse_args()
    run = prepare(load_dataset("sample"), Split("sample", 0.1))
    t = time.perf_counter()
    model = train(run, args.epochs, args.seed, augment=not args.no_augment)
    print(f"trained 784-128-64-10 on {len(run.y_train)} digits "
          f"{'without' if args.no_augment else 'with'} augmentation, {args.epochs} epochs "
          f"({time.perf_counter() - t:.0f} s); validation accuracy "
          f"{np.mean(model.predict(run.inputs_val) == run.y_val):.4f}")
    sets = test_sets(args)
    cal = calibration.fit_temperature(model.logits(run.inputs_val), run.y_val)
    print(f"temperature {cal.temperature:.3f} fitted on the validation digits: NLL {cal.nll_before:.4f} -> "
          f"{cal.nll_after:.4f}, ECE {100 * cal.ece_before:.2f} % -> {100 * cal.ece_after:.2f} %")
    if "MNIST test" in sets:
        y = idx.read_labels(MNIST_TEST / "t10k-labels-idx1-ubyte.gz")
        z = model.logits(sets["MNIST test"])
        print(f"MNIST test accuracy {np.mean(z.argmax(1) == y):.4f}; with that temperature: NLL "
              f"{calibration.nll(z, y):.4f} -> {calibration.nll(z, y, cal.temperature):.4f}, ECE "
              f"{100 * calibration.expected_calibration_error(calibration.softmax_t(z), y):.2f} % -> "
              f"{100 * calibration.expected_calibration_error(cal.probabilities(z), y):.2f} %")
    print(f"synthetic non-digits: {', '.join(f'{len(sets[k])} {k}' for k in KINDS)}")
    synth = [k for k in KINDS]
    for kind in args.scores.split(","):
        det = ood.fit_detector(model, run.inputs_val, run.inputs_train, run.y_train, score=kind)
        ref = det.scores(model, sets["MNIST test"]) if "MNIST test" in sets else None
        print(f"\nscore {kind}: threshold {det.threshold:.4g}, validation digits flagged {100 * det.flag_rate:.1f} %")
        flagged_synth, synth_scores = [], []
        for name, x in sets.items():
            s = det.scores(model, x)
            share = float(np.mean(s > det.threshold))
            if name in synth:
                flagged_synth.append(s > det.threshold)
                synth_scores.append(s)
            auc = "" if ref is None or name == "MNIST test" else f"   AUROC {ood.auroc(ref, s):.4f}"
            print(f"  {name:14s} flagged {100 * share:5.1f} %{auc}")
        allsyn = np.concatenate(flagged_synth)
        auc = "" if ref is None else f"   AUROC {ood.auroc(ref, np.concatenate(synth_scores)):.4f}"
        print(f"  {'all synthetic':14s} flagged {100 * allsyn.mean():5.1f} %{auc}")
    print("\ntargets: MNIST test <= 5 % flagged, Fashion-MNIST >= 90 %, synthetic >= 80 %")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
