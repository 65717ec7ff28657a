"""The project's exceptions.

Every error a person can cause (a bad file, a bad option value, a cancelled
download) is raised as a subclass of ``VisualizerError`` whose message is one
clear sentence naming the culprit (the file, the option) and the defect. The
command line turns these into exit code 2 with that one line on stderr; the app
shows the message in a dialog or banner. Anything else is a bug.
"""

from __future__ import annotations


class VisualizerError(Exception):
    """Base of every error caused by input rather than by a bug."""


class ConfigError(VisualizerError, ValueError):
    """A hyperparameter or architecture value is invalid (names the option)."""


class DataError(VisualizerError):
    """A dataset file or folder is missing, corrupt or not MNIST-like (names the file)."""


class ModelFileError(VisualizerError):
    """A model file is truncated, foreign or inconsistent (names the file)."""


class DownloadError(VisualizerError):
    """Every mirror failed, or a checksum did not match (names the file)."""


class DownloadCancelled(VisualizerError):
    """The person cancelled a download; nothing partial was kept."""


class ImageError(VisualizerError):
    """An image file or array cannot be turned into network input (names the file)."""
