"""``run_gui(screenshot=...)`` renders the real window in a fresh process and writes a PNG."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QColor, QImage


def _run(args: list[str], tmp_path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    code = ("import sys; from visualizer.app.main import run_gui; "
            f"sys.exit(run_gui(**{args!r}[0]))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)


def test_screenshot_after_training_writes_a_png_of_the_window(tmp_path):
    out = tmp_path / "window.png"
    proc = _run([{"screenshot": str(out), "epochs": 1}], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and out.stat().st_size > 20_000
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    # not a blank image: many distinct colours
    colours = {img.pixel(x, y) for x in range(0, 1366, 23) for y in range(0, 768, 17)}
    assert len(colours) > 20


def test_screenshot_with_a_bad_model_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    out = tmp_path / "never.png"
    proc = _run([{"screenshot": str(out), "model": str(bad)}], tmp_path)
    assert proc.returncode == 2
    lines = [l for l in proc.stderr.splitlines() if l.startswith("visualizer: error:")]
    assert len(lines) == 1 and "bad.npz" in lines[0] and "Traceback" not in proc.stderr
    assert not out.exists()


def test_interactive_run_gui_presets_epochs_and_view_then_quits_cleanly(tmp_path):
    code = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from visualizer.app.main import create_app, run_gui
from visualizer.app.main_window import MainWindow

app = create_app()

def check():
    [w] = [t for t in QApplication.topLevelWidgets() if isinstance(t, MainWindow)]
    print("epochs", w.session.train_config.epochs, "controls", w.controls.epochs.value())
    print("data", w.session.data is not None and w.session.data.name)
    w.close()
    app.quit()

def wait_for_data():
    ws = [t for t in QApplication.topLevelWidgets() if isinstance(t, MainWindow)]
    if ws and ws[0].session.data is not None:
        check()
    else:
        QTimer.singleShot(50, wait_for_data)

QTimer.singleShot(50, wait_for_data)
sys.exit(run_gui(epochs=7, view="controls"))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "epochs 7 controls 7" in proc.stdout and "data sample" in proc.stdout
    assert (tmp_path / "cfg" / "visualizer" / "visualizer.conf").is_file()     # settings remembered


def test_the_app_process_keeps_blas_to_one_thread(tmp_path):
    """Training has its own process; a second BLAS thread here would spin on its core."""
    code = ("from visualizer.core.blas import blas_threads, set_blas_threads; "
            "assert set_blas_threads(2) and blas_threads() == 2; "
            "from visualizer.app.main import create_app; create_app(); print(blas_threads())")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1"


def test_a_screenshot_run_leaves_the_remembered_settings_untouched(tmp_path):
    """It reads them (a view's remembered options show) but writes nothing: no theme, epochs, layout or view."""
    folder = tmp_path / "cfg" / "visualizer"
    folder.mkdir(parents=True)
    conf = folder / "visualizer.conf"
    conf.write_bytes(b'[General]\ntheme=dark\ndataset=sample\ntrain="{\\"epochs\\": 17, \\"lr\\": 0.003}"\n')
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "cfg").rglob("*") if p.is_file()}
    out = tmp_path / "shot.png"
    proc = _run([{"screenshot": str(out), "epochs": 1, "view": "weights", "theme": "light"}], tmp_path)
    assert proc.returncode == 0, proc.stderr
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "cfg").rglob("*") if p.is_file()}
    assert after == before and out.is_file()


def _lightness(path) -> float:
    img = QImage(str(path))
    return sum(QColor(img.pixel(x, y)).lightness() for x in range(0, img.width(), 31)
               for y in range(0, img.height(), 29)) / ((img.width() // 31 + 1) * (img.height() // 29 + 1))


def test_a_screenshot_shows_the_remembered_theme(tmp_path):
    shots = {}
    for theme in ("dark", "light"):
        folder = tmp_path / theme / "cfg" / "visualizer"
        folder.mkdir(parents=True)
        (folder / "visualizer.conf").write_bytes(f"[General]\ntheme={theme}\n".encode())
        shots[theme] = tmp_path / f"{theme}.png"
        proc = _run([{"screenshot": str(shots[theme]), "epochs": 1}], tmp_path / theme)
        assert proc.returncode == 0, proc.stderr
    dark, light = _lightness(shots["dark"]), _lightness(shots["light"])
    assert dark < 100 < light, (dark, light)
