"""The learning engine: pure NumPy, never imports Qt or pyqtgraph.

Modules (one concept each):
    errors       the project's exception types (all derive from VisualizerError)
    config       NetworkConfig and TrainConfig, frozen and validated
    events       the immutable events the training loop yields
    activations  hidden-layer activations and their derivatives
    losses       softmax cross-entropy (log-sum-exp) with the fused gradient
    network      the multilayer perceptron (forward, backward)
    workspace    the buffers of a training-mode pass (Workspace) and its copies on request (Tape)
    backprop     one input's backward pass, layer by layer, from the engine's own pass
    update       what one optimizer step would change; one step on labelled examples
    gradhealth   per-layer gradient norms and update-to-weight ratios
    optimizers   SGD, momentum/Nesterov, Adam/AdamW over flat parameter arrays
    blas         read and set OpenBLAS's thread count at run time
    schedules    learning-rate schedules: constant, step, cosine
    training     the training loop: an iterator of events, with a thread-safe control
    divergence   when a run has diverged, and the message that says what to try
    rollback     the last sound state a diverged run rolls back to
    protocol     what a training run says and hears, between the app and its trainer
    serve        the loop that trains each run it is sent, and the pump of its messages
    remote       where that loop runs: a child process (multiprocessing spawn) or a thread
    persistence  one .npz per model, written atomically
    snapshot     immutable copies of a network's state for display
    atomic       atomic file writes (temp file, fsync, rename)
    paths        where resources and downloaded datasets live
    dataset      the Dataset record and load_dataset()
    dataset_arrays  images as network inputs, the stratified validation split
    dataset_info the summary `visualizer data info` prints
    idx          the IDX (MNIST format) reader
    download     the verified, cancellable downloader
    augment      batch-vectorised random affine / elastic augmentation
    preprocess   drawings and image arrays -> MNIST-like 28x28 input
"""
