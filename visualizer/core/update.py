"""The parameter update: what one optimizer step would change, and taking that step.

``preview_update(model, grad, train, optimizer_state)`` runs the optimizer
itself (``optimizers.make_optimizer``: SGD, momentum, Nesterov, Adam, AdamW)
from its real state on a copy of the parameters, and reports the change

    delta = params_after - params          # (n_params,), the model's flat layout

with the state the step leaves behind (momentum's velocity; Adam's m, v, t)
and, for Adam and AdamW, the effective step size of every weight:

    step_size = lr / (sqrt(v_hat) + eps),  m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)
    delta = -step_size * m_hat              (AdamW first shrinks W by lr * weight_decay * W)

``take_step(ckpt, inputs, targets)`` applies one such step from a few labelled
examples (one drawing, or a small batch of them) to a ``Checkpoint`` and
returns a new one, with the probabilities and losses before and after; the
old checkpoint is untouched, so undoing the step is keeping it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from .backprop import _frozen, check_target, layer_views
from .checkpoint import Checkpoint
from .config import TrainConfig
from .errors import DataError
from .losses import log_softmax, softmax
from .network import MLP
from .optimizers import Adam, Momentum, make_optimizer


def _sealed(a: np.ndarray) -> np.ndarray:
    """``a`` itself, made read-only (for arrays nobody else holds)."""
    a.flags.writeable = False
    return a


def gradient_weight_decay(train: TrainConfig) -> float:
    """The L2 strength training adds to the gradient: ``train.weight_decay``, except for
    AdamW, which decays the weights in its step instead (0 then)."""
    return 0.0 if train.optimizer == "adamw" else float(train.weight_decay)


def optimizer_state_for(ckpt: Checkpoint, train: TrainConfig) -> Mapping[str, np.ndarray] | None:
    """The checkpoint's optimizer state when ``train`` keeps its optimizer, else None
    (the rule ``Trainer.from_checkpoint`` follows)."""
    return ckpt.optimizer_state if train.optimizer == ckpt.train.optimizer else None


@dataclass(frozen=True)
class UpdatePreview:
    """One optimizer step from one gradient (read-only arrays, the model's dtype and flat layout).

    optimizer      "sgd", "momentum", "nesterov", "adam" or "adamw"
    lr             the learning rate of the step
    delta          (n_params,) params_after - params; delta_W[i] (n_in, n_out), delta_b[i]
                   (n_out,) are views of it
    params_after   (n_params,) exactly what the optimizer's step wrote
    state_after    the optimizer's state after the step (``Checkpoint.optimizer_state`` form)
    fresh_state    True when the step started from a zero state (none given, or it did not fit)
    velocity       (n_params,) momentum, nesterov: v after the step; else None
    m, v           (n_params,) adam, adamw: the moments after the step; else None
    t              adam, adamw: steps taken, this one included; else 0
    m_hat          (n_params,) adam, adamw: m / (1 - beta1^t); else None
    step_size      (n_params,) adam, adamw: lr / (sqrt(v_hat) + eps) (module doc); else None
                   (plain SGD and momentum move every weight by lr times their direction)
    """

    optimizer: str
    lr: float
    delta: np.ndarray
    delta_W: tuple[np.ndarray, ...]
    delta_b: tuple[np.ndarray, ...]
    params_after: np.ndarray
    state_after: Mapping[str, np.ndarray]
    fresh_state: bool
    velocity: np.ndarray | None = None
    m: np.ndarray | None = None
    v: np.ndarray | None = None
    t: int = 0
    m_hat: np.ndarray | None = None
    step_size: np.ndarray | None = None


def preview_update(model: MLP, grad: np.ndarray, train: TrainConfig,
                   optimizer_state: Mapping[str, np.ndarray] | None = None, *,
                   lr: float | None = None) -> UpdatePreview:
    """One step of ``train.optimizer`` from ``grad`` (n_params,), starting at ``optimizer_state``.

    ``grad`` is the gradient training would step with: it includes the L2 term
    (``gradient_weight_decay(train)``) except for AdamW, whose step decays the
    weights itself. ``lr`` defaults to ``train.lr``. Neither the model nor the
    state given is changed.
    """
    grad = np.asarray(grad)
    if grad.shape != (model.n_params,):
        raise ValueError(f"the gradient must have {model.n_params} values, got shape {grad.shape}")
    lr = float(train.lr if lr is None else lr)
    opt = make_optimizer(train, model.n_params, model.dtype, model.weight_slices())
    fresh = not (optimizer_state and opt.load_state(dict(optimizer_state)))
    params = model.params.copy()                               # (n_params,)
    opt.step(params, np.array(grad, dtype=model.dtype, copy=True), lr)
    delta = _sealed(params - model.params)
    delta_w, delta_b = layer_views(model, delta)
    extra: dict = {}
    if isinstance(opt, Momentum):
        extra["velocity"] = _sealed(opt.velocity)          # the optimizer is ours alone
    if isinstance(opt, Adam):
        t = opt.t
        m, v = _sealed(opt.m), _sealed(opt.v)                 # (n_params,) copies
        v_hat = v / (1.0 - opt.beta2 ** t)
        extra.update(m=m, v=v, t=t, m_hat=_sealed(m / (1.0 - opt.beta1 ** t)),
                     step_size=_sealed(lr / (np.sqrt(v_hat) + opt.eps)))
    params.flags.writeable = False
    state = {k: _sealed(a) for k, a in opt.state().items()}    # state() hands out copies
    return UpdatePreview(optimizer=opt.name, lr=lr, delta=delta, delta_W=delta_w, delta_b=delta_b,
                         params_after=params, state_after=state, fresh_state=fresh, **extra)


@dataclass(frozen=True)
class StepResult:
    """One optimizer step taken on a few labelled examples (read-only arrays).

    before, after        Checkpoint: ``before`` as given (restoring it undoes the step
                         exactly), ``after`` with the new parameters, optimizer state and step
    inputs, targets      (B, n_inputs), (B,) the examples the step learned from
    probabilities_before (B, n_classes) eval-mode probabilities with the old parameters
    probabilities_after  (B, n_classes) the same with the new ones
    losses_before        (B,) -log p[target] per example; losses_after likewise
    loss_before          mean of losses_before (the loss the step descended); loss_after likewise
    update               the ``UpdatePreview`` that was applied
    """

    before: Checkpoint
    after: Checkpoint
    inputs: np.ndarray
    targets: np.ndarray
    probabilities_before: np.ndarray
    probabilities_after: np.ndarray
    losses_before: np.ndarray
    losses_after: np.ndarray
    update: UpdatePreview

    @property
    def loss_before(self) -> float:
        return float(np.mean(self.losses_before))

    @property
    def loss_after(self) -> float:
        return float(np.mean(self.losses_after))


def _examples(model: MLP, inputs, targets) -> tuple[np.ndarray, np.ndarray]:
    """(B, n_inputs) float32 and (B,) int64 from one example or a batch of them."""
    n_in, n_cls = model.sizes[0], model.sizes[-1]
    x = np.asarray(inputs, dtype=np.float32)
    x = x.reshape(1, -1) if x.ndim == 1 or x.shape == (28, 28) else x.reshape(len(x), -1)
    y = np.atleast_1d(np.asarray(targets))
    if x.shape[1] != n_in or len(x) == 0:
        raise DataError(f"each example must have {n_in} values; got inputs of shape {np.shape(inputs)}")
    if len(y) != len(x):
        raise DataError(f"{len(x)} examples but {len(y)} target classes")
    if not np.all(np.isfinite(x)):
        raise DataError("the examples hold NaN or infinite values")
    return x, np.array([check_target(k, n_cls) for k in y.tolist()], np.int64)


def _eval(model: MLP, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eval-mode probabilities (B, C) and per-example losses -log p[y] (B,), read-only."""
    logits = model.logits(x)                                   # (B, n_inputs) -> (B, C)
    losses = -log_softmax(logits)[np.arange(len(y)), y]        # (B,)
    return _frozen(softmax(logits)), _frozen(losses)


def take_step(ckpt: Checkpoint, inputs, targets, *, train: TrainConfig | None = None,
              lr: float | None = None) -> StepResult:
    """One optimizer step on ``inputs`` (n_inputs,) or (B, n_inputs) labelled ``targets``.

    The step is the training loop's: the engine's gradient of the mean loss over
    the examples (with training's L2 term, no dropout), then ``train.optimizer``
    (default: the checkpoint's settings) from the checkpoint's optimizer state.
    """
    train = ckpt.train if train is None else train.validate()
    model = ckpt.model()
    x, y = _examples(model, inputs, targets)
    probs_before, losses_before = _eval(model, x, y)
    _, _, ws = model.loss_and_gradient(x, y, weight_decay=gradient_weight_decay(train))
    update = preview_update(model, ws.grad, train, optimizer_state_for(ckpt, train), lr=lr)
    after = ckpt.replace(train=train, params=update.params_after, optimizer_state=update.state_after,
                         step=ckpt.step + 1)
    probs_after, losses_after = _eval(after.model(), x, y)
    return StepResult(before=ckpt, after=after, inputs=_frozen(x), targets=_frozen(y),
                      probabilities_before=probs_before, probabilities_after=probs_after,
                      losses_before=losses_before, losses_after=losses_after, update=update)
