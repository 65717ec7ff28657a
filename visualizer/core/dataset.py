"""The Dataset record and ``load_dataset``.

A ``Dataset`` is what every consumer (training loop, command line, app) gets:

    x_train  (N, 28, 28) uint8, white ink on black (MNIST convention), read-only
    y_train  (N,) uint8, class indices 0..9, read-only
    x_test   (M, 28, 28) uint8, read-only  -- the held-out evaluation set
    y_test   (M,) uint8, read-only
    name     "sample" | "mnist" | "fashion" | a folder path
    class_names  10 display names ("0".."9", or "T-shirt/top"... for fashion)
    source   where it came from, for display (a path or "embedded")

To feed the network, images become float32 rows in [0, 1]: ``as_inputs(x)``
-> (N, 784) float32. ``split_validation`` makes a stratified split of the
training set for per-epoch validation.

(Contract: implemented by the data layer.)
"""
