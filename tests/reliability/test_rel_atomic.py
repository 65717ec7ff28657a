"""Issue #7, part 4: nothing is ever lost, even when the process is killed mid-write.

Every kind of file the project writes is rewritten in a loop by a child
process that the test SIGKILLs at random moments (after the child signalled
that it is writing, so Python's start-up time does not hide the window):

    models      ``persistence.save_checkpoint`` (the CLI's --out, the app's Save)
    exports     ``atomic.atomic_write_text`` (what the app's CSV export calls)
                and a PNG through ``atomic_path`` + ``QPixmap.save`` (PNG export,
                screenshots)
    downloads   ``download.download_file`` from a slow local HTTP server
    settings    ``QSettings`` (Qt writes its own file through QSaveFile: a temp
                file renamed over the old one, under a QLockFile)

Each kill waits until the writer's temp file exists, so it lands mid-write.
After every kill the file under the real name is either the complete old one
or a complete new one: it loads. Temp files a killed writer leaves behind
(``.name.XXXX.ext`` beside the target, QSaveFile's ``name.XXXXXX``: a SIGKILL
runs no cleanup) are counted: they prove the kill landed mid-write, and they
never shadow the real file.
``KILLS`` records the kills; the last test prints them.
"""

from __future__ import annotations

import hashlib
import http.server
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np

from rel_helpers import cli_env, small_model

KILLS: dict[str, tuple[int, int]] = {}      # writer -> (kills, kills that left a temp file = mid-write)
RNG = np.random.default_rng(20261122)


def _temps(folder: Path, target: str) -> set[str]:
    """Temp files of writers of ``target``: ours ``.target.XXXX.ext``, QSaveFile's ``target.XXXXXX``."""
    return {p.name for p in folder.iterdir()
            if p.name.startswith("." + target + ".") or (p.name.startswith(target + ".")
                                                          and not p.name.endswith(".lock"))}


def kill_repeatedly(code: str, folder: Path, target: str, *, kills: int, check, env=None,
                    wait_for_temp: bool = True) -> int:
    """Run ``code`` (which prints "go" when it starts rewriting ``folder/target`` in a loop)
    ``kills`` times; each time wait a random moment, then until a temp file of the writer
    exists (the write is under way), SIGKILL it within a few milliseconds, and call ``check()``.
    Returns how many kills left a temp file behind (landed mid-write)."""
    mid_write = 0
    for k in range(kills):
        before = _temps(folder, target)
        proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env or cli_env())
        line = proc.stdout.readline()
        assert line.strip() == "go", (line, proc.stderr.read() if proc.poll() is not None else "")
        time.sleep(float(RNG.uniform(0.0, 0.2)))
        deadline = time.monotonic() + (5.0 if wait_for_temp else 0.0)
        while not (_temps(folder, target) - before) and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(float(RNG.uniform(0.0, 0.004)))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        mid_write += bool(_temps(folder, target) - before)
        check()
    return mid_write


# =============================================================================== models

def test_killing_a_model_save_never_damages_the_old_file(tmp_path):
    from visualizer.core.persistence import load_checkpoint
    from modelfiles import save_model

    path = tmp_path / "model.npz"
    save_model(path, small_model(hidden=(8,)), dataset="old")
    code = f"""
        import numpy as np, sys
        from visualizer.core.config import NetworkConfig
        from visualizer.core.checkpoint import Checkpoint, Split
        from visualizer.core.config import TrainConfig
        from visualizer.core.persistence import save_checkpoint
        ckpt = Checkpoint.fresh(NetworkConfig(hidden=(1024, 512)), TrainConfig(), Split(""),
                                rng=np.random.default_rng(1))                    # ~5 MB file
        print("go", flush=True)
        i = 0
        while True:
            save_checkpoint({str(path)!r}, ckpt.replace(split=Split(f"new-{{i}}"), step=i))
            i += 1
    """
    seen = set()

    def check():
        saved = load_checkpoint(path)                                   # complete, whichever it is
        assert saved.dataset == "old" or saved.dataset.startswith("new-")
        assert saved.model().sizes == ((784, 8, 10) if saved.dataset == "old" else (784, 1024, 512, 10))
        assert all(np.all(np.isfinite(w)) for w in saved.model().weights)
        seen.add(saved.dataset == "old")

    mid = kill_repeatedly(code, tmp_path, "model.npz", kills=5, check=check)
    KILLS["model"] = (5, mid)
    assert mid >= 1, "no kill landed during a save: the test proved nothing"


# =============================================================================== exports

def test_killing_a_csv_export_never_damages_the_old_file(tmp_path):
    from visualizer.core.atomic import atomic_write_text

    path = tmp_path / "metrics.csv"
    old = "kind,epochs,step,loss\n" + "".join(f"batch,{i / 100},{i},0.5\n" for i in range(1000))
    atomic_write_text(path, old)
    code = f"""
        from visualizer.core.atomic import atomic_write_text
        rows = "".join(f"batch,{{i / 100}},{{i}},0.25\\n" for i in range(400_000))   # ~8 MB
        print("go", flush=True)
        while True:
            atomic_write_text({str(path)!r}, "kind,epochs,step,loss\\n" + rows + "end\\n")
    """

    def check():
        text = path.read_text()
        assert text == old or (text.startswith("kind,epochs,step,loss\n") and text.endswith("end\n")
                               and text.count("\n") == 400_002)

    mid = kill_repeatedly(code, tmp_path, "metrics.csv", kills=4, check=check)
    KILLS["csv export"] = (4, mid)
    assert mid >= 1


def test_killing_a_png_export_never_damages_the_old_file(tmp_path):
    """The app's PNG export / screenshot path: atomic_path + QPixmap.save."""
    from PySide6.QtGui import QImage

    path = tmp_path / "curves.png"
    code = f"""
        import numpy as np
        from PySide6.QtGui import QGuiApplication, QImage
        from visualizer.core.atomic import atomic_path
        app = QGuiApplication([])
        img = QImage(3000, 3000, QImage.Format.Format_RGB32)
        rng = np.random.default_rng(0)
        def write(colour):
            img.fill(colour)
            for _ in range(200):
                img.setPixel(int(rng.integers(3000)), int(rng.integers(3000)), 0x123456)
            with atomic_path({str(path)!r}, suffix=".png") as tmp:
                assert img.save(str(tmp), "PNG")
        write(0xFF0000)
        print("go", flush=True)
        while True:
            write(0x00FF00)
    """

    def check():
        img = QImage(str(path))
        assert not img.isNull() and (img.width(), img.height()) == (3000, 3000)

    mid = kill_repeatedly(code, tmp_path, "curves.png", kills=3, check=check)
    KILLS["png export"] = (3, mid)
    assert mid >= 1


# =============================================================================== downloads

class _SlowHandler(http.server.BaseHTTPRequestHandler):
    payload = b""

    def do_GET(self):  # noqa: N802 - http.server API
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.payload)))
        self.end_headers()
        try:
            for i in range(0, len(self.payload), 1 << 16):
                self.wfile.write(self.payload[i:i + (1 << 16)])
                time.sleep(0.002)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def test_killing_a_download_never_damages_the_old_file(tmp_path):
    new = np.random.default_rng(3).integers(0, 256, 6 << 20, dtype=np.uint8).tobytes()
    sha = hashlib.sha256(new).hexdigest()
    handler = type("Handler", (_SlowHandler,), {"payload": new})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/train-images-idx3-ubyte.gz"
        target = tmp_path / "train-images-idx3-ubyte.gz"
        old = b"the old, verified file" * 1000
        target.write_bytes(old)
        code = f"""
            from visualizer.core.download import download_file
            print("go", flush=True)
            while True:
                download_file([{url!r}], {str(target)!r}, {sha!r}, size={len(new)})
        """

        def check():
            data = target.read_bytes()
            assert data == old or hashlib.sha256(data).hexdigest() == sha

        mid = kill_repeatedly(code, tmp_path, "train-images-idx3-ubyte.gz", kills=4, check=check)
    finally:
        server.shutdown()
        server.server_close()
    KILLS["download"] = (4, mid)
    assert mid >= 1


# =============================================================================== settings

def test_killing_a_settings_write_never_damages_the_settings(tmp_path):
    """QSettings (the window's remembered settings) under SIGKILL: Qt writes through QSaveFile."""
    env = cli_env(XDG_CONFIG_HOME=str(tmp_path / "config"))
    code = """
        from PySide6.QtCore import QSettings
        s = QSettings("visualizer", "visualizer")
        s.setValue("theme", "dark")
        s.setValue("network", '{"hidden": [128, 64]}')
        s.sync()
        print("go", flush=True)
        i = 0
        while True:
            s.setValue("window/state", ("x" * 2_000_000) + str(i))
            s.setValue("step", i)
            s.sync()
            i += 1
    """
    reader = """
        import json
        from PySide6.QtCore import QSettings
        s = QSettings("visualizer", "visualizer")
        state = s.value("window/state")
        print(json.dumps({"status": int(s.status().value) if hasattr(s.status(), "value") else int(s.status()),
                          "theme": s.value("theme"), "network": s.value("network"),
                          "state_len": None if state is None else len(state), "step": s.value("step"),
                          "tail": None if state is None else state[2_000_000:]}))
        s.setValue("after", "ok")
        s.sync()
        print(int(s.status().value) if hasattr(s.status(), "value") else int(s.status()))
    """
    folder = tmp_path / "config" / "visualizer"
    folder.mkdir(parents=True)

    def check():
        import json

        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", textwrap.dedent(reader)], capture_output=True, text=True,
                              env=env, timeout=60)
        assert proc.returncode == 0, proc.stderr
        first, second = proc.stdout.strip().splitlines()
        got = json.loads(first)
        assert got["status"] == 0 and second == "0", got                 # readable, and writable again
        assert got["theme"] == "dark" and got["network"] == '{"hidden": [128, 64]}'
        if got["state_len"] is not None:                                 # complete, and matching its step
            assert got["tail"] == str(got["step"]), got
        assert time.monotonic() - t0 < 20                                # a stale lock does not hang it

    # Qt writes the new file unnamed (O_TMPFILE) and names it only to rename it: no temp file is
    # visible during the write to wait for, so these kills land at random moments of the loop
    # (which spends nearly all its time in setValue + sync of 2 MB).
    mid = kill_repeatedly(code, folder, "visualizer.conf", kills=4, check=check, env=env, wait_for_temp=False)
    conf = folder / "visualizer.conf"
    assert conf.is_file()
    KILLS["settings"] = (4, mid)


def test_zz_report_kills():
    print(f"\nprocesses killed mid-write: {sum(k for k, _ in KILLS.values())} "
          f"(landed mid-write, temp file left: {sum(m for _, m in KILLS.values())}) {KILLS}")
    assert KILLS
