"""Pacing the views' work: a throttle to the display rate, background threads at low priority."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from PySide6.QtCore import QObject

from visualizer.app.views.pacing import LOW_PRIORITY, Throttle, lower_thread_priority


def test_a_burst_of_requests_runs_at_once_then_once_more_with_the_newest_state(qtbot):
    owner = QObject()
    state = {"value": 0}
    seen = []
    throttle = Throttle(owner, lambda: seen.append(state["value"]), interval_s=0.05)
    for value in range(1, 11):
        state["value"] = value
        throttle.request()
    assert seen == [1] and throttle.pending          # the first at once, the rest wait
    qtbot.waitUntil(lambda: not throttle.pending, timeout=5000)
    assert seen == [1, 10] and throttle.runs == 2     # one more run, with the newest state


def test_now_runs_at_once_and_drops_the_pending_run(qtbot):
    owner = QObject()
    seen = []
    throttle = Throttle(owner, lambda: seen.append(len(seen)), interval_s=60.0)
    throttle.request()
    throttle.request()
    assert seen == [0] and throttle.pending
    throttle.now()                                     # a person's input: no waiting
    assert seen == [0, 1] and not throttle.pending


def test_cancel_drops_the_pending_run_and_the_next_request_runs_at_once(qtbot):
    owner = QObject()
    seen = []
    throttle = Throttle(owner, lambda: seen.append(len(seen)), interval_s=60.0)
    throttle.request()
    throttle.request()
    throttle.cancel()                                  # e.g. a new network: what was due is stale
    assert seen == [0] and not throttle.pending
    qtbot.wait(20)
    assert seen == [0]
    throttle.request()                                 # not held back by the run before
    assert seen == [0, 1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_lower_thread_priority_lowers_only_the_calling_thread():
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = {}

    def work():
        seen["done"] = lower_thread_priority()
        seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == {"done": True, "nice": LOW_PRIORITY}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
