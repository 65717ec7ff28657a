"""Helpers for the data-layer tests: tiny IDX datasets written on the fly, a loopback HTTP server."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import socket
import threading
from pathlib import Path

import numpy as np
from visualizer.core.idx import encode_idx


def write_idx(path: Path, arr: np.ndarray, gz: bool | None = None) -> Path:
    data = encode_idx(arr)
    if gz if gz is not None else path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    return path


def tiny_digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), (np.arange(n) % 10).astype(np.uint8)


def write_idx_folder(folder: Path, n_train=30, n_test=20, gz=True, names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".gz" if gz else ""
    names = names or ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
    xtr, ytr = tiny_digits(n_train, 1)
    xte, yte = tiny_digits(n_test, 2)
    for name, arr in zip(names, (xtr, ytr, xte, yte)):
        write_idx(folder / (name + suffix), arr)
    return folder


class Server:
    """A loopback HTTP server: ``files`` maps URL paths to bytes.

    Paths under /cut/ send the full Content-Length but only half the body, then
    close the connection; /missing/ answers 404; ``hits`` counts requests.
    """

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.hits: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                outer.hits.append(self.path)
                cut = self.path.startswith("/cut/")
                key = self.path[len("/cut"):] if cut else self.path
                body = outer.files.get(key)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if cut:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upscale(img: np.ndarray, size: int) -> np.ndarray:
    """(28, 28) float -> (size, size) float32 by bilinear interpolation (pixel centres aligned)."""
    t = np.clip((np.arange(size) + 0.5) * 28 / size - 0.5, 0, 27)
    i0 = np.floor(t).astype(int)
    i1 = np.minimum(i0 + 1, 27)
    f = (t - i0).astype(np.float32)
    img = img.astype(np.float32)
    rows = img[i0] * (1 - f)[:, None] + img[i1] * f[:, None]          # (size, 28)
    return rows[:, i0] * (1 - f)[None, :] + rows[:, i1] * f[None, :]  # (size, size)


def draw_on_canvas(digit: np.ndarray, size: int, top: int, left: int, pen: float, canvas: int = 280) -> np.ndarray:
    """A real MNIST digit (28, 28) in [0, 1] "drawn" on a blank canvas.

    Enlarged to ``size`` px, binarised at half intensity (a drawing pad paints
    full-ink strokes), its strokes made thicker (pen > 0) or thinner (pen < 0)
    by ``pen`` pixels of the 28-px digit on each side, placed at (top, left).
    """
    from visualizer.core import preprocess as P
    big = upscale(digit, size) >= 0.5
    r = int(round(pen * size / 28))
    if r > 0:
        big = P._dilate(big, r)
    elif r < 0:
        big = P._erode(big, -r)
    c = np.zeros((canvas, canvas), np.float32)
    c[top:top + size, left:left + size] = big
    return c


def corr(a: np.ndarray, b: np.ndarray) -> float:
    a = np.asarray(a, np.float64).ravel()
    b = np.asarray(b, np.float64).ravel()
    a = a - a.mean()
    b = b - b.mean()
    return float(a @ b / np.sqrt((a @ a) * (b @ b)))
