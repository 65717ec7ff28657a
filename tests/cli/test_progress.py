"""The progress line and download bar, driven with a fake clock (no timing in tests)."""

from __future__ import annotations

import io

from visualizer.cli.progress import DownloadBar, TrainProgress, fmt_bytes, fmt_duration
from visualizer.core.events import BatchEvent


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def _batch(epoch, batch, bpe=1000, loss=0.5, acc=0.75, n=10):
    return BatchEvent(step=epoch * bpe + batch, epoch=epoch, batch=batch, batches_per_epoch=bpe,
                      progress=epoch + batch / bpe, loss=loss, accuracy=acc, lr=1e-3, batch_size=n)


def test_live_line_is_throttled_to_ten_redraws_per_second():
    clock, out = FakeClock(), io.StringIO()
    p = TrainProgress(out, live=True, epochs_before=0, epochs=2, clock=clock)
    for b in range(1, 1001):                  # 1000 batches over 2 simulated seconds
        clock.t += 0.002
        p.on_batch(_batch(0, b))
    draws = out.getvalue().count("\r")
    assert 15 <= draws <= 21                  # ~10 per second, never one per batch


def test_live_line_figures_and_eta():
    clock, out = FakeClock(), io.StringIO()
    p = TrainProgress(out, live=True, epochs_before=3, epochs=2, clock=clock)
    clock.t += 1.0                             # 100 batches of 10 samples in 1 s
    for b in range(1, 101):
        p.on_batch(_batch(3, b, bpe=200, loss=0.5 if b % 2 else 1.5, acc=0.5))
    p._last_draw = -1e9
    clock.t += 0.0
    p.on_batch(_batch(3, 101, bpe=200, loss=1.0, acc=0.5))
    last = out.getvalue().split("\r")[-1].strip()
    assert last.startswith("epoch 4/5  batch 101/200")
    assert "loss 1.0000" in last and "acc 50.00%" in last
    assert "1,010 samples/s" in last
    # 99 batches left in this epoch + 200 in the next, at 1 s per 101 batches
    assert last.endswith("ETA 0:03")


def test_not_a_terminal_writes_only_epoch_lines():
    out = io.StringIO()
    p = TrainProgress(out, live=False, epochs_before=0, epochs=1, clock=FakeClock())
    for b in range(1, 50):
        p.on_batch(_batch(0, b))
    p.close()
    assert out.getvalue() == ""
    assert p.samples == 490


def test_download_bar():
    clock, out = FakeClock(), io.StringIO()
    bar = DownloadBar(out, live=True, label="mnist", clock=clock)
    bar(0, 2_000_000)
    clock.t += 1.0
    bar(1_000_000, 2_000_000)
    assert "[############------------]   50%  1.0 MB / 2.0 MB  1.0 MB/s" in out.getvalue()
    clock.t += 1.0
    bar(2_000_000, 2_000_000)
    bar.finish()
    assert out.getvalue().endswith("downloaded mnist: 2.0 MB in 2.0 s\n")

    quiet = io.StringIO()
    bar = DownloadBar(quiet, live=False, label="fashion", clock=FakeClock())
    for done in range(0, 30_000_001, 65536):
        bar(done, 30_000_000)
    bar.finish()
    assert quiet.getvalue().splitlines()[0] == "downloading fashion (30.0 MB)..."
    assert len(quiet.getvalue().splitlines()) == 2


def test_formatting():
    assert fmt_duration(75.4) == "1:15"
    assert fmt_duration(3725) == "1:02:05"
    assert fmt_duration(float("nan")) == "--:--"
    assert fmt_bytes(999) == "999 B" and fmt_bytes(1_500_000) == "1.5 MB"
