"""Threads always end: 200 start/pause/resume/stop/close cycles.

Drives the real ``MainWindow`` (views installed, the same actions a person
triggers) on a tiny real dataset (240 digits, 784-8-10, batch 8), so each
cycle is a few milliseconds of training:

    start -> running -> pause -> paused -> resume -> running -> stop | close

Every cycle ends with the worker thread gone. The "close" end of a cycle is
the window's close path (``TrainingSession.shutdown``: stop, then wait for
every thread); every 20th cycle really closes the window mid-run and opens a
new one. The windows are not shown (offscreen painting of the curves and
views would make the cycles 5x slower); they still receive every signal. Variations on the way: single steps while paused, live learning-rate
changes, probe changes. At the end: no growth in Python threads
(``threading.active_count``), OS threads (``/proc/self/task``) or live
``QThread`` objects, no hang, and every worker signal arrived in the GUI
thread. The 10,000-signal delivery test is ``tests/app/test_threads.py``
(APP helper); here the cross-thread signals of the real session are counted.
"""

from __future__ import annotations

import gc
import os
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from visualizer.core.config import NetworkConfig, TrainConfig

CYCLES = 200
CLOSE_EVERY = 20


def os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


def os_thread_names() -> list[str]:
    names = []
    for tid in os.listdir("/proc/self/task"):
        try:
            names.append(open(f"/proc/self/task/{tid}/comm").read().strip())
        except OSError:
            pass
    return sorted(names)


def qthread_objects() -> list:
    """Live QThread objects (Python wrappers whose C++ object was deleted do not count)."""
    import shiboken6

    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, QThread) and shiboken6.isValid(o)]


def qthreads() -> int:
    return len(qthread_objects())


def spin(cond, timeout: float = 10.0) -> None:
    """Process events until ``cond()`` (a tighter loop than qtbot.waitUntil's 10 ms naps)."""
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {cond}")
        QApplication.processEvents()
        time.sleep(0.0005)


def settle(qtbot, ms: int = 50) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(ms // 3)


@pytest.fixture(scope="module")
def bundle(digits):
    from visualizer.app.session import build_bundle
    from visualizer.core.dataset import Dataset

    x_tr, y_tr, x_te, y_te = digits
    ds = Dataset("sample", x_tr[:240], y_tr[:240], x_te[:30], y_te[:30], tuple("0123456789"), "tiny")
    return build_bundle(ds, 0.1)


class Tally:
    """Counts the session's worker signals, and checks they arrive in the GUI thread."""

    def __init__(self, session) -> None:
        self.gui = threading.get_ident()
        self.counts = {"batches": 0, "batch_events": 0, "snapshot": 0, "state_changed": 0, "finished": 0,
                       "epoch_ended": 0, "settings_changed": 0}
        self.wrong_thread = 0
        self.finished_none = 0
        self.connect(session)

    def connect(self, session) -> None:
        for name in self.counts:
            if name != "batch_events":
                getattr(session, name).connect(lambda *a, n=name: self._hit(n, *a))

    def _hit(self, name, *args) -> None:
        self.counts[name] += 1
        if name == "batches":
            self.counts["batch_events"] += len(args[0])
        if name == "finished" and args[0] is None:
            self.finished_none += 1
        if threading.get_ident() != self.gui:
            self.wrong_thread += 1


def make_window(qtbot, bundle, register: bool = True, show: bool = True):
    from visualizer.app.main_window import MainWindow

    win = MainWindow(load_data=False, restore=False)
    if register:
        qtbot.addWidget(win)
    win.session.set_network_config(NetworkConfig(hidden=(8,)))
    win.session.set_train_config(TrainConfig(batch_size=8, epochs=10_000))
    win.controls.set_configs(win.session.network_config, win.session.train_config)
    win.session.set_data(bundle)
    if show:
        win.show()
    return win


def wait_state(qtbot, session, *states, timeout=10_000) -> None:
    spin(lambda: session.state in states, timeout / 1000)


def test_200_start_pause_resume_stop_close_cycles(qtbot, bundle):
    win = make_window(qtbot, bundle, register=False, show=False)
    tally = Tally(win.session)
    rng = np.random.default_rng(7)

    # warm up once (imports, BLAS and Qt thread pools), then take the baseline
    win.act_start.trigger()
    wait_state(qtbot, win.session, "running")
    win.act_stop.trigger()
    qtbot.waitUntil(lambda: not win.session.is_active, timeout=10_000)
    settle(qtbot, 300)
    base_py, base_os, base_qt = threading.active_count(), os_threads(), qthreads()

    survived = closes = steps = lr_changes = trained = 0
    slowest = 0.0
    t_start = time.monotonic()
    for i in range(CYCLES):
        t0 = time.monotonic()
        s = win.session
        win.act_start.trigger()                                   # start
        wait_state(qtbot, s, "running")
        win.act_pause.trigger()                                   # pause (between two batches)
        wait_state(qtbot, s, "paused")
        if i % 3 == 0:
            before = tally.counts["batch_events"]
            win.act_step.trigger()                                # one batch while paused
            spin(lambda: tally.counts["batch_events"] > before)
            steps += 1
        if i % 4 == 1:
            s.change(lr=float(rng.choice([1e-3, 3e-3, 1e-2])))    # live setting mid-run
            lr_changes += 1
        if i % 5 == 2:
            s.set_probe(bundle.inputs_val[int(rng.integers(len(bundle.inputs_val)))])
        before_resume = s.live_step                               # the step of the latest batch reported
        win.act_pause.trigger()                                   # resume
        wait_state(qtbot, s, "running")
        spin(lambda: s.live_step >= before_resume + 2)            # really trains again before it ends
        trained += s.live_step - before_resume
        if (i + 1) % CLOSE_EVERY == 0:                            # close the window mid-run
            thread = s._run.thread
            t_close = time.monotonic()
            win.close()
            assert time.monotonic() - t_close < 2.5
            assert thread is None or not thread.isRunning()
            settle(qtbot)
            win.deleteLater()
            settle(qtbot)
            win = make_window(qtbot, bundle, register=False, show=False)
            tally.connect(win.session)
            closes += 1
        elif i % 2 == 0:
            win.act_stop.trigger()                                # stop
            spin(lambda: not s.is_active)
            assert s.state == "finished" and s.last_finished.reason == "stopped"
        else:
            assert s.shutdown(2.0)                                # the close path: stop and wait
            spin(lambda: not s.is_active)
        assert np.all(np.isfinite(s.latest_snapshot.weights[0]))
        survived += 1
        slowest = max(slowest, time.monotonic() - t0)

    settle(qtbot, 300)
    elapsed = time.monotonic() - t_start
    py, ost, qt = threading.active_count(), os_threads(), qthreads()
    print(f"\ncycles survived: {survived} ({closes} real window closes, {steps} single steps, "
          f"{lr_changes} live lr changes, >= {trained} batches trained after the resumes) in {elapsed:.1f} s, "
          f"slowest cycle {slowest * 1000:.0f} ms; "
          f"threads python {base_py}->{py}, os {base_os}->{ost}, QThread objects {base_qt}->{qt}; "
          f"worker signals delivered: {tally.counts}")
    assert survived == CYCLES and closes == CYCLES // CLOSE_EVERY
    assert tally.wrong_thread == 0 and tally.finished_none == 0
    assert tally.counts["finished"] == CYCLES + 1                  # one per run, warm-up included
    assert py <= base_py and ost <= base_os, (py, ost)
    assert qt <= base_qt, [(t.objectName(), t.isRunning(), t.isFinished()) for t in qthread_objects()]
    win.close()
    win.deleteLater()
    settle(qtbot)


def test_closing_while_paused_and_while_loading_ends_every_thread(qtbot, bundle, monkeypatch):
    """The two other states a window can be closed in: paused mid-run, and loading a dataset."""
    from visualizer.core import dataset as ds_mod
    from visualizer.core.errors import DownloadCancelled

    base = os_threads() - os_thread_names().count("Thread (pooled)")
    win = make_window(qtbot, bundle)
    win.act_start.trigger()
    wait_state(qtbot, win.session, "running")
    win.act_pause.trigger()
    wait_state(qtbot, win.session, "paused")
    thread = win.session._run.thread
    t0 = time.monotonic()
    win.close()
    assert time.monotonic() - t0 < 2.5 and not thread.isRunning()

    release = threading.Event()

    def slow_load(spec, *, progress=None, cancel=None):
        while not (cancel and cancel()):                       # a download that only stops when cancelled
            if release.wait(0.01):
                break
            if progress:
                progress(1, 100)
        raise DownloadCancelled("cancelled")

    monkeypatch.setattr(ds_mod, "load_dataset", slow_load)
    win2 = make_window(qtbot, bundle)
    win2.session.load_data("/some/folder")
    qtbot.waitUntil(lambda: win2.session.loading, timeout=5_000)
    t0 = time.monotonic()
    win2.close()
    assert time.monotonic() - t0 < 2.5
    release.set()
    settle(qtbot, 300)
    for w in (win, win2):
        w.deleteLater()
    settle(qtbot, 300)
    # Qt's global QThreadPool may keep idle workers ("Thread (pooled)", at most one per core, expiring
    # after 30 s) once a shown window painted: those are bounded and not ours. Nothing else may stay.
    from PySide6.QtCore import QThreadPool

    # a preload thread hands the idle training process its data: it ends once the child took it
    spin(lambda: not any(t.name in ("visualizer-preload", "visualizer-close") for t in threading.enumerate()), 20)
    names = os_thread_names()
    pooled = names.count("Thread (pooled)")
    assert pooled <= QThreadPool.globalInstance().maxThreadCount()
    assert len(names) - pooled <= base, names


def test_random_button_mashing_never_breaks_the_session(qtbot, bundle, tmp_path, monkeypatch):
    """600 random actions fired with no waiting in between (a person mashing keys and menus):
    start, pause/resume (Space), single step, stop, reset, live lr/dropout, probe changes, new
    architecture, save, open a good or a corrupt model. Every exception in a slot fails the test
    (pytest-qt captures them); the invariants are checked throughout and at the end."""
    from visualizer.app import dialogs
    from visualizer.core.errors import VisualizerError

    win = make_window(qtbot, bundle, show=False)
    s = win.session
    messages = []
    monkeypatch.setattr(dialogs, "show_message", lambda parent, kind, title, text: messages.append(text))
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: "Discard")    # unsaved training: discard it
    good = tmp_path / "good.npz"
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    rng = np.random.default_rng(11)
    base_os = os_threads()
    counts: dict[str, int] = {}

    def act(name: str) -> None:
        counts[name] = counts.get(name, 0) + 1
        if name == "start":
            win.act_start.trigger()
        elif name == "space":
            s.toggle_pause()
        elif name == "step":
            win.act_step.trigger()
        elif name == "stop":
            win.act_stop.trigger()
        elif name == "reset":
            win.act_reset.trigger()
        elif name == "lr":
            try:
                s.change(lr=float(rng.choice([1e-4, 1e-3, 1e-2, 0.1])), dropout=float(rng.choice([0.0, 0.2])))
            except VisualizerError:
                pass
        elif name == "probe":
            s.set_probe(bundle.inputs_val[int(rng.integers(len(bundle.inputs_val)))])
        elif name == "architecture":
            try:
                s.set_network_config(NetworkConfig(hidden=(int(rng.choice([4, 8, 12])),)))
            except VisualizerError:
                assert s.is_active                           # refused only while a run is active
        elif name == "save":
            monkeypatch.setattr(dialogs, "get_save_path", lambda *a: str(good))
            win.save_model()
        elif name in ("open-good", "open-bad"):
            path = good if name == "open-good" else bad
            if name == "open-good" and not good.exists():
                return
            monkeypatch.setattr(dialogs, "get_open_path", lambda *a, p=path: str(p))
            win.open_model()

    names = ["start", "space", "space", "step", "stop", "reset", "lr", "probe", "architecture", "save",
             "open-good", "open-bad"]
    for i in range(600):
        act(str(rng.choice(names)))
        if i % 7 == 0:
            QApplication.processEvents()
        assert s.state in ("idle", "running", "paused", "finished", "diverged", "failed")
        if s.state in ("running", "paused"):
            assert s.is_active
        snap = s.latest_snapshot
        assert snap is not None
        if not s.is_active:                                  # what the views show is the current network
            assert snap.sizes == s.network_config.sizes
    s.stop()
    spin(lambda: not s.is_active)
    settle(qtbot, 200)
    snap = s.latest_snapshot
    assert snap.sizes == s.network_config.sizes and all(np.all(np.isfinite(w)) for w in snap.weights)
    assert all("bad.npz" in m for m in messages), messages          # the only dialogs: the corrupt file
    win.close()
    win.deleteLater()
    settle(qtbot, 200)
    assert os_threads() - os_thread_names().count("Thread (pooled)") <= base_os
    print(f"\nrandom actions survived: 600 {dict(sorted(counts.items()))}")
