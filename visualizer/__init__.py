"""visualizer: watch a neural network learn handwritten digits, and look inside it."""

__version__ = "0.1.0"
