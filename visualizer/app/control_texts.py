"""What the control panel's choices are called and the one sentence that explains each."""

from __future__ import annotations

from visualizer.core.config import MAX_BATCH, MAX_LAYERS

DATASETS = (
    ("sample", "Embedded sample (5,000 digits)",
     "5,000 real handwritten MNIST digits shipped with the app: loads instantly, trains in seconds."),
    ("mnist", "MNIST (70,000 digits)",
     "The classic set of 70,000 handwritten digits; downloaded once (about 11 MB) and kept on disk."),
    ("fashion", "Fashion-MNIST (clothing)",
     "70,000 small photos of clothes in 10 classes: same format as MNIST, noticeably harder to learn."),
)
ACTIVATION_NAMES = {"relu": "ReLU", "leaky_relu": "Leaky ReLU", "sigmoid": "Sigmoid", "tanh": "tanh"}
ACTIVATION_TIPS = {
    "relu": "ReLU: passes positive values, zeroes negatives. Fast to train; the usual default.",
    "leaky_relu": "Leaky ReLU: like ReLU but lets a little of negative values through, so units never 'die'.",
    "sigmoid": "Sigmoid: squashes values into 0..1. Historic; learns slowly in deep networks.",
    "tanh": "tanh: squashes values into -1..1, centred on zero. Better than sigmoid, slower than ReLU.",
}
OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "SGD + momentum", "nesterov": "SGD + Nesterov momentum",
                   "adam": "Adam", "adamw": "AdamW (decoupled decay)"}
OPTIMIZER_TIPS = {
    "sgd": "Plain stochastic gradient descent: step straight downhill on each batch's gradient.",
    "momentum": "SGD that keeps a running velocity, so it rolls through small bumps and speeds up on slopes.",
    "nesterov": "Momentum that looks ahead before stepping; often a little steadier than plain momentum.",
    "adam": "Adam adapts the step size of every weight from its recent gradients; works well with little tuning.",
    "adamw": "Adam with weight decay applied directly to the weights instead of through the gradient.",
}
SCHEDULE_NAMES = {"constant": "Constant", "step": "Step decay", "cosine": "Cosine"}
INIT_NAMES = {"auto": "Automatic", "he": "He (for ReLU)", "xavier": "Xavier/Glorot"}

TIPS = {
    "dataset": "The images the network learns from. Each is a 28x28 grayscale picture with the right answer "
               "(its class) attached.",
    "open_folder": "Load your own MNIST-format data: a folder holding the four IDX files (train/test images and "
                   "labels, .gz or raw) or a Keras mnist.npz.",
    "data_info": "The network trains on the training images; the validation images are held back to check how "
                 "well it does on digits it never trained on.",
    "layers": "Hidden layers between the input pixels and the output. Each layer turns the previous layer's "
              f"values into new features. Up to {MAX_LAYERS}, the same limit as the command line.",
    "activation": "The function each hidden unit applies to its weighted sum; without it, stacked layers would "
                  "be no better than one.",
    "init": "How the starting random weights are scaled. Automatic picks He for ReLU-like activations and "
            "Xavier for sigmoid/tanh, which keeps signals from fading or exploding.",
    "arch_info": "The layer sizes from input pixels to the 10 class scores, and how many weights and biases "
                 "the network learns.",
    "optimizer": "The rule that turns the gradient (which way is downhill) into an update of the weights.",
    "lr": "How big a step the weights take on each batch. Too small learns slowly; too large makes the loss "
          "jump around or explode. The slider stops at 1, 2, 3 and 5 x 10^k; type any other value in the "
          "field. You can change it while training.",
    "momentum": "For momentum optimizers: how much of the previous step carries over into the next one "
                "(0.9 = 90%). Can change while training.",
    "schedule": "How the learning rate changes over the epochs: constant, halved every few epochs (step), or "
                "smoothly lowered to zero along a cosine curve.",
    "step_row": "Step decay: every this many epochs, the learning rate is multiplied by this factor.",
    "step_epochs": "Step decay: after this many epochs the learning rate is multiplied by the factor.",
    "step_gamma": "Step decay: the factor the learning rate is multiplied by at each step.",
    "batch_size": "How many images are averaged for each weight update. Small batches give noisy but frequent "
                  "steps; large batches give smooth but fewer steps. 1 is plain stochastic gradient descent; "
                  f"up to {MAX_BATCH:,}, as on the command line. The arrows double or halve it.",
    "epochs": "How many times training goes through the whole training set. Start continues for this many "
              "more epochs. Can change while training: the run then trains this many in all (not fewer "
              "than it has begun), and a cosine schedule stretches to the new end.",
    "weight_decay": "L2 weight decay: a penalty on large weights that nudges them toward zero, which helps the "
                    "network generalise instead of memorising. Can change while training.",
    "dropout": "Dropout: during training, switch off this share of hidden units at random on each batch, so "
               "the network cannot rely on any single unit. Can change while training.",
    "augment": "Randomly rotate, shift, scale and distort every training image a little, so the network sees "
               "more variety and generalises better.",
    "seed": "The random seed: the same seed gives the same starting weights and the same order of batches, so "
            "a run can be repeated exactly.",
}

# Appended to the explanation of a setting that cannot change while a run is under way.
LOCKED = ("Locked while a run is under way, paused or not: the run was set up with this value. "
          "Stop the run to change it.")
