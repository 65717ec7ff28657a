"""Cross-thread signal delivery (the PySide6 6.12.0 trap) and thread hygiene."""

from __future__ import annotations

import os
import threading

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal

from visualizer.app.session import TrainingSession
from visualizer.core.config import NetworkConfig, TrainConfig


def os_threads() -> int:
    """Threads of this process as the OS sees them (QThreads included)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


class _Emitter(QObject):
    value = Signal(object)
    done = Signal()

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def run(self) -> None:
        payload = np.arange(4, dtype=np.float32)
        payload.flags.writeable = False
        for i in range(self.n):
            self.value.emit((i, payload))
        self.done.emit()


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.received: list[int] = []
        self.threads: set[int] = set()

    def on_value(self, item) -> None:          # a Python slot, run in the GUI thread
        self.received.append(item[0])
        self.threads.add(threading.get_ident())


def test_ten_thousand_cross_thread_signals_reach_a_python_slot(qtbot):
    n = 10_000
    thread = QThread()
    emitter = _Emitter(n)
    emitter.moveToThread(thread)
    receiver = _Receiver()
    emitter.value.connect(receiver.on_value)
    thread.started.connect(emitter.run)
    emitter.done.connect(thread.quit)
    thread.start()
    qtbot.waitUntil(lambda: len(receiver.received) == n, timeout=30_000)
    assert thread.wait(5_000)
    assert receiver.received == list(range(n))               # all of them, in order
    assert receiver.threads == {threading.get_ident()}        # delivered in the GUI thread


def test_repeated_runs_leave_no_threads_behind(qtbot, tiny_bundle):
    session = TrainingSession(NetworkConfig(hidden=(8,)), TrainConfig(batch_size=16, epochs=1))
    session.set_data(tiny_bundle)
    finished = []
    session.finished.connect(finished.append)
    session.evaluate()
    qtbot.wait(200)
    baseline = os_threads()
    for i in range(15):
        session.start()
        if i % 3 == 1:
            session.pause()
        if i % 3 == 2:
            session.stop()
        if i % 3 == 1:
            qtbot.waitUntil(lambda: session.state in ("paused", "finished"), timeout=5_000)
            session.resume()
        qtbot.waitUntil(lambda: len(finished) == i + 1, timeout=10_000)
        assert not session.is_active
    qtbot.wait(50)
    assert os_threads() <= baseline
    assert all(f is not None for f in finished)
