"""Downloads against an HTTP server on 127.0.0.1: success, checksum, dead mirror, cut transfer, cancel."""

from __future__ import annotations

import gzip
import os

import numpy as np
import pytest

from datahelpers import sha256, tiny_digits
from visualizer.core import dataset as D
from visualizer.core import download
from visualizer.core.errors import DownloadCancelled, DownloadError
from visualizer.core.idx import encode_idx

PAYLOAD = os.urandom(300_000)          # several 64 KiB chunks


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_success_with_progress(server, tmp_path):
    server.files["/f.bin"] = PAYLOAD
    calls = []
    target = tmp_path / "f.bin"
    download.download_file([server.url + "/f.bin"], target, sha256(PAYLOAD),
                           progress=lambda done, total: calls.append((done, total)))
    assert target.read_bytes() == PAYLOAD
    assert calls[0] == (0, len(PAYLOAD)) and calls[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:]))
    assert leftovers(tmp_path) == ["f.bin"]


def test_checksum_mismatch_keeps_nothing(server, tmp_path):
    server.files["/f.bin"] = PAYLOAD
    target = tmp_path / "f.bin"
    with pytest.raises(DownloadError) as info:
        download.download_file([server.url + "/f.bin"], target, "ab" * 32)
    msg = str(info.value)
    assert "f.bin" in msg and "checksum mismatch" in msg and server.url in msg
    assert leftovers(tmp_path) == []


def test_dead_mirror_and_404_are_skipped(server, dead_url, tmp_path):
    server.files["/good/f.bin"] = PAYLOAD
    target = tmp_path / "f.bin"
    download.download_file([dead_url + "/f.bin", server.url + "/missing/f.bin", server.url + "/good/f.bin"],
                           target, sha256(PAYLOAD), timeout=5)
    assert target.read_bytes() == PAYLOAD
    assert server.hits == ["/missing/f.bin", "/good/f.bin"]


def test_every_mirror_failing_names_the_file_and_reasons(server, dead_url, tmp_path):
    with pytest.raises(DownloadError) as info:
        download.download_file([dead_url + "/f.bin", server.url + "/f.bin"], tmp_path / "f.bin",
                               sha256(PAYLOAD), timeout=5)
    msg = str(info.value)
    assert msg.startswith("f.bin could not be downloaded from any mirror")
    assert "HTTP 404" in msg and dead_url in msg
    assert leftovers(tmp_path) == []


def test_transfer_cut_midway_falls_back_and_never_keeps_a_partial(server, tmp_path):
    server.files["/f.bin"] = PAYLOAD
    target = tmp_path / "f.bin"
    with pytest.raises(DownloadError, match="cut short|IncompleteRead|closed"):
        download.download_file([server.url + "/cut/f.bin"], target, sha256(PAYLOAD), timeout=5)
    assert leftovers(tmp_path) == []
    download.download_file([server.url + "/cut/f.bin", server.url + "/f.bin"], target, sha256(PAYLOAD), timeout=5)
    assert target.read_bytes() == PAYLOAD


def test_cancel_stops_and_leaves_nothing(server, tmp_path):
    server.files["/f.bin"] = PAYLOAD
    seen = []
    with pytest.raises(DownloadCancelled, match="f.bin"):
        download.download_file([server.url + "/f.bin"], tmp_path / "f.bin", sha256(PAYLOAD),
                               progress=lambda d, t: seen.append(d), cancel=lambda: len(seen) >= 2)
    assert leftovers(tmp_path) == []
    assert max(seen) < len(PAYLOAD)
    assert server.hits == ["/f.bin"]          # a cancel is not retried on other mirrors


def test_existing_file_is_replaced_only_by_a_verified_one(server, tmp_path):
    target = tmp_path / "f.bin"
    target.write_bytes(b"old")
    server.files["/f.bin"] = PAYLOAD
    with pytest.raises(DownloadError):
        download.download_file([server.url + "/f.bin"], target, "00" * 32)
    assert target.read_bytes() == b"old"


def test_mirror_list_from_environment(monkeypatch):
    monkeypatch.setenv("VISUALIZER_MIRRORS", "http://127.0.0.1:1/{name}, http://127.0.0.1:2/x/")
    assert download.mirrors("fashion") == ["http://127.0.0.1:1/fashion/", "http://127.0.0.1:2/x/"]
    monkeypatch.delenv("VISUALIZER_MIRRORS")
    assert download.mirrors("mnist")[0].startswith("https://")
    assert all(m.endswith("/") for m in download.mirrors("fashion"))


def test_published_checksums_match_the_real_mnist_test_files(mnist_test_dir):
    table = {rf.filename: rf for rf in download.FILES["mnist"]}
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        path = mnist_test_dir / name
        assert download.sha256_of(path) == table[name].sha256
        assert path.stat().st_size == table[name].size


def _fake_mnist(monkeypatch, server, n_train=40, n_test=20):
    """Serve a tiny MNIST under the canonical names; point FILES' checksums at it."""
    xtr, ytr = tiny_digits(n_train, 1)
    xte, yte = tiny_digits(n_test, 2)
    files = []
    for rf, arr in zip(download.FILES["mnist"], (xtr, ytr, xte, yte)):
        data = gzip.compress(encode_idx(arr), mtime=0)
        server.files["/mnist/" + rf.filename] = data
        files.append(download.RemoteFile(rf.filename, sha256(data), len(data)))
    monkeypatch.setattr(download, "FILES", {**download.FILES, "mnist": tuple(files)})
    return xtr, yte


def test_load_dataset_downloads_mnist_once(server, dead_url, monkeypatch, tmp_path):
    xtr, yte = _fake_mnist(monkeypatch, server)
    monkeypatch.setenv("VISUALIZER_MIRRORS", f"{dead_url}/{{name}} {server.url}/{{name}}")
    assert not D.is_cached("mnist")
    progress = []
    ds = D.load_dataset("mnist", progress=lambda d, t: progress.append((d, t)))
    np.testing.assert_array_equal(ds.x_train, xtr)
    np.testing.assert_array_equal(ds.y_test, yte)
    total = sum(rf.size for rf in download.FILES["mnist"])
    assert progress[-1] == (total, total) and all(t == total for _, t in progress)
    assert D.is_cached("mnist")
    assert sorted(leftovers(tmp_path / "cache" / "mnist")) == sorted(rf.filename for rf in download.FILES["mnist"])
    hits = len(server.hits)
    D.clear_memory_cache()
    D.load_dataset("mnist")
    assert len(server.hits) == hits            # read from the cache, no network


def test_download_dataset_cancel_keeps_nothing_partial(server, monkeypatch, tmp_path):
    _fake_mnist(monkeypatch, server, n_train=400)
    monkeypatch.setenv("VISUALIZER_MIRRORS", f"{server.url}/{{name}}")
    with pytest.raises(DownloadCancelled):
        D.download_dataset("mnist", cancel=lambda: True)
    assert leftovers(tmp_path / "cache" / "mnist") == []
    assert not D.is_cached("mnist")


def test_damaged_cache_file_is_fetched_again(server, monkeypatch, tmp_path):
    _fake_mnist(monkeypatch, server)
    monkeypatch.setenv("VISUALIZER_MIRRORS", f"{server.url}/{{name}}")
    D.load_dataset("mnist")
    bad = tmp_path / "cache" / "mnist" / "t10k-labels-idx1-ubyte.gz"
    bad.write_bytes(b"\x1f\x8b garbage")
    D.clear_memory_cache()
    ds = D.load_dataset("mnist")
    assert ds.n_test == 20
    assert download.sha256_of(bad) == download.FILES["mnist"][3].sha256


def test_no_network_gives_a_clear_error(dead_url, monkeypatch, tmp_path):
    monkeypatch.setenv("VISUALIZER_MIRRORS", dead_url)
    monkeypatch.setattr(D, "SYSTEM_FASHION_DIR", tmp_path / "nowhere")
    with pytest.raises(DownloadError, match="train-images-idx3-ubyte.gz could not be downloaded"):
        D.load_dataset("fashion")
    assert leftovers(tmp_path / "cache" / "fashion") == []


# --- endless mirrors, leftovers of killed runs, signals during a download -----------------------

class _StreamingServer:
    """A loopback server whose every answer is ``chunk`` repeated ``count`` times (forever for
    None), ``pause`` seconds apart, with ``length`` as Content-Length (none if None)."""

    def __init__(self, chunk: bytes, count=None, pause: float = 0.0, length=None):
        import http.server
        import threading
        import time

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self.send_response(200)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                self.end_headers()
                sent = 0
                try:
                    while count is None or sent < count:
                        self.wfile.write(chunk)
                        sent += 1
                        if pause:
                            self.wfile.flush()
                            time.sleep(pause)
                except OSError:
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_an_endless_mirror_is_cut_at_the_files_size(tmp_path):
    endless = _StreamingServer(b"x" * 65536)           # no Content-Length, never ends
    try:
        with pytest.raises(DownloadError, match="more than the 300,000 bytes"):
            download.download_file([endless.url + "/f.bin"], tmp_path / "f.bin", sha256(PAYLOAD),
                                   size=len(PAYLOAD), timeout=5)
    finally:
        endless.close()
    assert leftovers(tmp_path) == []


def test_a_mirror_announcing_more_than_the_file_is_refused_at_once(server, tmp_path):
    server.files["/f.bin"] = PAYLOAD * 4
    with pytest.raises(DownloadError, match="announces 1,200,000 bytes"):
        download.download_file([server.url + "/f.bin"], tmp_path / "f.bin", sha256(PAYLOAD),
                               size=len(PAYLOAD), timeout=5)
    assert leftovers(tmp_path) == []


def test_temp_files_older_than_a_day_are_removed_by_the_next_download(server, monkeypatch, tmp_path):
    _fake_mnist(monkeypatch, server)
    monkeypatch.setenv("VISUALIZER_MIRRORS", f"{server.url}/{{name}}")
    folder = tmp_path / "cache" / "mnist"
    folder.mkdir(parents=True)
    stale = folder / ".train-images-idx3-ubyte.gz.k2j4h5.gz"
    fresh = folder / ".t10k-images-idx3-ubyte.gz.a8s7d6.gz"
    mine = folder / "notes.txt"                           # not ours: never touched
    for p in (stale, fresh, mine):
        p.write_bytes(b"partial")
    two_days_ago = os.path.getmtime(stale) - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    os.utime(mine, (two_days_ago, two_days_ago))
    D.download_dataset("mnist")
    assert not stale.exists() and fresh.exists() and mine.exists()


def _child_env(**extra: str) -> dict:
    from pathlib import Path
    repo = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": repo + os.pathsep + os.environ.get("PYTHONPATH", ""), **extra}


def test_ctrl_c_while_a_mirror_name_resolves_ends_at_once(tmp_path):
    """Name resolution cannot be interrupted (it retries through signals); the command still ends
    with 130 at once, without waiting for it, and leaves nothing behind."""
    import subprocess
    import sys
    import textwrap

    marker = tmp_path / "resolver-returned"
    code = textwrap.dedent(f"""
        import os, signal, socket, sys, time
        def stubborn_getaddrinfo(*args, **kwargs):
            end = time.monotonic() + 20
            press = True
            while time.monotonic() < end:        # like the C resolver: signals do not stop it
                try:
                    if press:
                        press = False
                        os.kill(os.getpid(), signal.SIGINT)
                    time.sleep(max(0.0, end - time.monotonic()))
                except KeyboardInterrupt:
                    pass
            open({str(marker)!r}, "w").close()
            raise socket.gaierror(-2, "Name or service not known")
        socket.getaddrinfo = stubborn_getaddrinfo
        from visualizer.__main__ import main
        sys.exit(main(["data", "download", "mnist"]))
        """)
    cache = tmp_path / "cache"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=_child_env(VISUALIZER_DATA_DIR=str(cache),
                                         VISUALIZER_MIRRORS="http://mirror.invalid/{name}/"))
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr and not marker.exists()
    assert [p for p in cache.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("signum", [2, 15])
def test_a_signal_during_a_transfer_removes_the_partial_file(tmp_path, signum):
    import subprocess
    import sys
    import time

    size = download.FILES["mnist"][0].size
    slow = _StreamingServer(b"x" * 4096, pause=0.05, length=size)     # a slow but honest mirror
    cache = tmp_path / "cache"
    proc = subprocess.Popen([sys.executable, "-m", "visualizer", "data", "download", "mnist"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_child_env(VISUALIZER_DATA_DIR=str(cache),
                                           VISUALIZER_MIRRORS=slow.url + "/{name}/"))
    try:
        folder = cache / "mnist"
        while not (folder.exists() and any(p.stat().st_size > 0 for p in folder.iterdir())):
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.05)                       # wait for the transfer to be under way
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        slow.close()
    assert proc.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr
    assert [p for p in cache.rglob("*") if p.is_file()] == []
