"""What the control panel's choices are called and the one sentence that explains each.

Functions, not constants: each text is translated (``i18n.tr``) when the panel
is built, after the app installed the language chosen.
"""

from __future__ import annotations

from visualizer.core.config import MAX_BATCH, MAX_LAYERS

from .i18n import count, tr


def datasets() -> tuple[tuple[str, str, str], ...]:
    """(spec, name, explanation) of each dataset the chooser offers."""
    return (
        ("sample", tr("Embedded sample (5,000 digits)"),
         tr("5,000 real handwritten MNIST digits shipped with the app: loads instantly, trains in seconds.")),
        ("mnist", tr("MNIST (70,000 digits)"),
         tr("The classic set of 70,000 handwritten digits; downloaded once (about 11 MB) and kept on disk.")),
        ("fashion", tr("Fashion-MNIST (clothing)"),
         tr("70,000 small photos of clothes in 10 classes: same format as MNIST, noticeably harder to learn.")),
        ("my-digits", tr("My digits (your handwriting)"),
         tr("The digits you drew and labelled in the My digits panel.")),
    )


def activation_names() -> dict[str, str]:
    return {"relu": "ReLU", "leaky_relu": "Leaky ReLU", "sigmoid": tr("Sigmoid"), "tanh": "tanh"}


def activation_tips() -> dict[str, str]:
    return {
        "relu": tr("ReLU: passes positive values, zeroes negatives. Fast to train; the usual default."),
        "leaky_relu": tr("Leaky ReLU: like ReLU but lets a little of negative values through, so units never "
                         "'die'."),
        "sigmoid": tr("Sigmoid: squashes values into 0..1. Historic; learns slowly in deep networks."),
        "tanh": tr("tanh: squashes values into -1..1, centred on zero. Better than sigmoid, slower than ReLU."),
    }


def optimizer_names() -> dict[str, str]:
    return {"sgd": "SGD", "momentum": tr("SGD + momentum"), "nesterov": tr("SGD + Nesterov momentum"),
            "adam": "Adam", "adamw": tr("AdamW (decoupled decay)")}


def optimizer_tips() -> dict[str, str]:
    return {
        "sgd": tr("Plain stochastic gradient descent: step straight downhill on each batch's gradient."),
        "momentum": tr("SGD that keeps a running velocity, so it rolls through small bumps and speeds up on "
                       "slopes."),
        "nesterov": tr("Momentum that looks ahead before stepping; often a little steadier than plain momentum."),
        "adam": tr("Adam adapts the step size of every weight from its recent gradients; works well with little "
                   "tuning."),
        "adamw": tr("Adam with weight decay applied directly to the weights instead of through the gradient."),
    }


def schedule_names() -> dict[str, str]:
    return {"constant": tr("Constant"), "step": tr("Step decay"), "cosine": tr("Cosine")}


def init_names() -> dict[str, str]:
    return {"auto": tr("Automatic"), "he": tr("He (for ReLU)"), "xavier": "Xavier/Glorot"}


def tips() -> dict[str, str]:
    """The explanation of every setting, by its key."""
    return {
        "dataset": tr("The images the network learns from. Each is a 28x28 grayscale picture with the right "
                      "answer (its class) attached."),
        "open_folder": tr("Load your own data: a folder holding the four MNIST IDX files (train/test images "
                          "and labels, .gz or raw), a Keras mnist.npz, or a folder of class folders of images."),
        "data_info": tr("The network trains on the training images; the validation images are held back to "
                        "check how well it does on digits it never trained on."),
        "layers": tr("Hidden layers between the input pixels and the output. Each layer turns the previous "
                     "layer's values into new features. Up to {n}, the same limit as the command line."
                     ).format(n=MAX_LAYERS),
        "activation": tr("The function each hidden unit applies to its weighted sum; without it, stacked layers "
                         "would be no better than one."),
        "init": tr("How the starting random weights are scaled. Automatic picks He for ReLU-like activations "
                   "and Xavier for sigmoid/tanh, which keeps signals from fading or exploding."),
        "arch_info": tr("The layer sizes from input pixels to the class scores, and how many weights and "
                        "biases the network learns."),
        "optimizer": tr("The rule that turns the gradient (which way is downhill) into an update of the "
                        "weights."),
        "lr": tr("How big a step the weights take on each batch. Too small learns slowly; too large makes the "
                 "loss jump around or explode. The slider stops at 1, 2, 3 and 5 x 10^k; type any other value "
                 "in the field. You can change it while training."),
        "momentum": tr("For momentum optimizers: how much of the previous step carries over into the next one "
                       "(0.9 = 90%). Can change while training."),
        "schedule": tr("How the learning rate changes over the epochs: constant, halved every few epochs "
                       "(step), or smoothly lowered to zero along a cosine curve."),
        "step_row": tr("Step decay: every this many epochs, the learning rate is multiplied by this factor."),
        "step_epochs": tr("Step decay: after this many epochs the learning rate is multiplied by the factor."),
        "step_gamma": tr("Step decay: the factor the learning rate is multiplied by at each step."),
        "batch_size": tr("How many images are averaged for each weight update. Small batches give noisy but "
                         "frequent steps; large batches give smooth but fewer steps. 1 is plain stochastic "
                         "gradient descent; up to {n}, as on the command line. The arrows double or halve it."
                         ).format(n=count(MAX_BATCH)),
        "epochs": tr("How many times training goes through the whole training set. Start continues for this "
                     "many more epochs. Can change while training: the run then trains this many in all (not "
                     "fewer than it has begun), and a cosine schedule stretches to the new end."),
        "weight_decay": tr("L2 weight decay: a penalty on large weights that nudges them toward zero, which "
                           "helps the network generalise instead of memorising. Can change while training."),
        "dropout": tr("Dropout: during training, switch off this share of hidden units at random on each "
                      "batch, so the network cannot rely on any single unit. Can change while training."),
        "augment": tr("Randomly rotate, shift, scale and distort every training image a little, so the network "
                      "sees more variety and generalises better."),
        "seed": tr("The random seed: the same seed gives the same starting weights and the same order of "
                   "batches, so a run can be repeated exactly."),
    }


def locked(key: str) -> str:
    """Appended to the explanation of setting ``key`` while a run is under way (it cannot change then)."""
    return tr("Locked while a run is under way, paused or not: the run was set up with this value. "
              "Stop the run to change it.")
