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
