"""What the backprop view shows, without widgets (its words go through ``i18n.tr``): one probe's
backward pass and the optimizer's step.

Nothing here computes a gradient or a step: ``backward`` runs ``core.backprop``
(the engine's own training pass on a batch of one) on the network of a
``NetworkSnapshot``, and ``update_of`` runs ``core.update.preview_update`` (the
optimizer itself, from the session checkpoint's real state). The rest turns
those values into the words and numbers the view prints, in the notation of
the classic notes (layers counted from 1, ``X`` the input):

    Z[l] = W[l] A[l-1] + b[l]      A[l] = g(Z[l])        (A[0] = X)
    dZ[L] = A[L] - Y               dA[l] = W[l+1]^T dZ[l+1]     dZ[l] = dA[l] * g'(Z[l])
    dW[l] = dZ[l] A[l-1]^T         db[l] = dZ[l]                (one example: m = 1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from visualizer.core.backprop import Backprop, backprop, layer_views, model_of
from visualizer.core.update import UpdatePreview, gradient_weight_decay, optimizer_state_for, preview_update

from ..i18n import tr

ACTIVATION_NAMES = {"relu": "ReLU", "leaky_relu": "LeakyReLU", "sigmoid": "\u03c3", "tanh": "tanh"}
MINUS = "\u2212"


@dataclass(frozen=True)
class BackwardFrame:
    """One probe's backward pass with one snapshot's weights (immutable).

    result       the ``core.backprop.Backprop`` (read-only arrays)
    step         the snapshot's global step
    activation   the hidden layers' activation name ("relu", ...)
    weights      the snapshot's W_i (n_in, n_out), read-only, for the update's ratios
    """

    result: Backprop
    step: int
    activation: str
    weights: tuple[np.ndarray, ...]


def backward(snapshot, x: np.ndarray, target: int, train, into=None) -> tuple[BackwardFrame, object]:
    """The backward pass of ``x`` (784,) for class ``target`` with ``snapshot``'s weights.

    The gradient is the one training steps with (its L2 term included, see
    ``core.update.gradient_weight_decay``). Returns the frame and the model it ran on
    (give it back as ``into`` next time: its buffers are reused).
    """
    model = model_of(snapshot, into=into)
    result = backprop(model, x, target, weight_decay=gradient_weight_decay(train))
    return BackwardFrame(result, int(snapshot.step), str(snapshot.activation), tuple(snapshot.weights)), model


def update_of(snapshot, grad: np.ndarray, checkpoint, train) -> tuple[UpdatePreview, list[str]]:
    """The optimizer's step from ``grad`` (n_params,) at ``snapshot``'s weights, from the optimizer
    state ``checkpoint`` holds (none when ``train`` changes its optimizer), and its ``update_lines``.
    Costs a few ms for Adam at 784-128-64-10: run it off the GUI thread."""
    model = model_of(snapshot)
    preview = preview_update(model, grad, train, optimizer_state_for(checkpoint, train))
    return preview, update_lines(preview, tuple(snapshot.weights), model)


def probe_label(kind: str, source: str, data) -> int | None:
    """The true class of the probe, when it is a validation or test image (else None).

    ``source`` is the probe's description, "validation #12 · true 3"; the index names the image.
    """
    if data is None or kind not in ("validation", "test"):
        return None
    m = re.search(r"#(\d+)", source or "")
    if m is None:
        return None
    labels = data.y_val if kind == "validation" else getattr(data.dataset, "y_test", None)
    i = int(m.group(1))
    if labels is None or not 0 <= i < len(labels):
        return None
    return int(labels[i])


def forward_lines(frame: BackwardFrame) -> list[str]:
    """Per layer l = 1..L: its forward equation with the live numbers' ranges."""
    r = frame.result
    g = ACTIVATION_NAMES.get(frame.activation, frame.activation)
    lines = []
    for i, (z, a) in enumerate(zip(r.z, r.a)):
        prev = "X" if i == 0 else f"A[{i}]"
        out = "softmax" if i == r.n_layers - 1 else g
        values = tr("{n} values, {lo} \u2026 {hi}").format(n=len(z), lo=_num(z.min()), hi=_num(z.max()))
        lines.append(f"Z[{i + 1}] = W[{i + 1}] {prev} + b[{i + 1}]  ({values})    A[{i + 1}] = {out}(Z[{i + 1}])")
    return lines


def loss_text(r: Backprop, names) -> str:
    """"loss = −log p(3) = −log 0.912 = 0.092"."""
    k = r.target
    return tr("loss = {minus}log p({name}) = {minus}log {p} = {loss}").format(
        minus=MINUS, name=names[k], p=f"{r.probabilities[k]:.3f}", loss=f"{r.loss:.4g}")


def off_text(r: Backprop, layer: int) -> str:
    """How many units of hidden layer ``layer`` (0-based) pass no gradient back."""
    off = int(np.count_nonzero(r.off[layer]))
    n = len(r.off[layer])
    if off == 0:
        return tr("every unit of layer {layer} passes gradient back").format(layer=layer + 1)
    return tr("off: zero gradient \u2014 {off} of {n} units (g\u2032(Z) = 0, hatched)").format(off=off, n=n)


def hidden_lines(r: Backprop, layer: int, g: str) -> tuple[str, str]:
    """(the dA line, the dZ line) of hidden layer ``layer`` (0-based), with norms."""
    n = layer + 1
    da = f"dA[{n}] = W[{n + 1}]\u1d40 dZ[{n + 1}]   \u2016dA\u2016 = {_num(np.linalg.norm(r.da[layer]))}"
    dz = (f"dZ[{n}] = dA[{n}] \u2299 {g}\u2032(Z[{n}])   \u2016dZ\u2016 = {_num(np.linalg.norm(r.dz[layer]))}"
          f"   db[{n}] = dZ[{n}]")
    return da, dz


def gradient_lines(r: Backprop) -> list[str]:
    """Per layer: dW = dZ A^T and db, with their norms."""
    lines = []
    for i, (w_norm, b_norm) in enumerate(r.norms()):
        prev = "X" if i == 0 else f"A[{i}]"
        shape = "\u00d7".join(str(s) for s in r.dW[i].shape[::-1])
        lines.append(f"dW[{i + 1}] = dZ[{i + 1}] {prev}\u1d40  ({shape})  \u2016dW\u2016 = {_num(w_norm)}"
                     f"    \u2016db[{i + 1}]\u2016 = {_num(b_norm)}")
    if r.weight_decay:
        lines.append(tr("(dW includes the L2 term {decay}\u00b7W, as training's does)").format(
            decay=f"{r.weight_decay:g}"))
    return lines


def update_lines(u: UpdatePreview, weights, model_like) -> list[str]:
    """The optimizer's step per layer: ‖ΔW‖, ‖ΔW‖/‖W‖ and, for Adam, the effective step sizes."""
    head = tr("{optimizer}, learning rate \u03b1 = {lr}").format(optimizer=u.optimizer, lr=f"{u.lr:g}")
    if u.optimizer in ("sgd",):
        head += ":  W := W \u2212 \u03b1 dW"
    elif u.velocity is not None:
        head += ":  v := \u03bc v + dW,  W := W \u2212 \u03b1 v"
    elif u.step_size is not None:
        head += ":  W := W \u2212 \u03b1 m\u0302 / (\u221av\u0302 + \u03b5),  " + tr("step t = {t}").format(t=u.t)
    if u.fresh_state:
        head += "  " + tr("(from a fresh optimizer state)")
    lines = [head]
    sizes = layer_views(model_like, u.step_size)[0] if u.step_size is not None else None
    for i, (dw, w) in enumerate(zip(u.delta_W, weights)):
        ratio = np.linalg.norm(dw) / max(float(np.linalg.norm(w)), 1e-30)
        line = f"\u0394W[{i + 1}]: \u2016\u0394W\u2016 = {_num(np.linalg.norm(dw))},  \u2016\u0394W\u2016/\u2016W\u2016 = {ratio:.2e}"
        if sizes is not None:
            s = sizes[i]
            effective = tr("effective step \u03b1/(\u221av\u0302+\u03b5): median {median} ({lo} \u2026 {hi})")
            line += ",  " + effective.format(median=_num(np.median(s)), lo=_num(s.min()), hi=_num(s.max()))
        lines.append(line)
    return lines


def _num(v) -> str:
    return f"{float(v):.3g}".replace("-", MINUS)
