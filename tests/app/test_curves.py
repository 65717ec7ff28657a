"""Curve data handling: growing arrays, min/max downsampling, nice axis limits, CSV."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizer.app.curves import GrowingArray, nice_ceil, nice_step, peak_downsample


def test_growing_array_keeps_values_across_reallocations():
    a = GrowingArray(16)
    chunks = [np.arange(i, i + 7, dtype=float) for i in range(0, 700, 7)]
    for c in chunks:
        a.extend(c)
    np.testing.assert_array_equal(a.view(), np.arange(700, dtype=float))
    a.truncate(10)
    assert len(a) == 10 and a.last() == 9.0


def test_peak_downsample_keeps_every_extreme_in_order():
    rng = np.random.default_rng(0)
    x = np.arange(10_000, dtype=float)
    y = rng.normal(size=10_000)
    y[1234], y[8765] = 50.0, -40.0                      # spikes must survive
    xd, yd = peak_downsample(x, y, 300)
    assert len(xd) < 1000 and yd.max() == 50.0 and yd.min() == -40.0
    assert np.all(np.diff(xd) >= 0)                      # still a left-to-right polyline
    small_x, small_y = peak_downsample(x[:100], y[:100], 300)
    assert np.array_equal(small_x, x[:100]) and np.array_equal(small_y, y[:100])   # few points: untouched


@pytest.mark.parametrize("v, step", [(0.07, 0.1), (0.3, 0.5), (1.0, 1.0), (2.2, 2.5), (6.0, 10.0)])
def test_nice_step(v, step):
    assert nice_step(v) == pytest.approx(step)


def test_nice_ceil_changes_rarely_as_data_grows():
    tops = {nice_ceil(x / 100, parts=5) for x in range(1, 1001)}     # 0.01 .. 10 epochs
    assert len(tops) < 40 and all(math.isfinite(t) for t in tops)
    assert all(nice_ceil(v) >= v for v in np.linspace(0.01, 50, 500))


# ---------------------------------------------------------------------- the widget
from visualizer.core.events import BatchEvent, DivergedEvent  # noqa: E402


def _batches(first_step, count, bpe, loss):
    return tuple(BatchEvent(s, 0, s, bpe, s / bpe, loss(s), 0.5, 1e-3, 32)
                 for s in range(first_step, first_step + count))


@pytest.fixture
def curves(qtbot):
    from visualizer.app.curves import CurvesWidget

    w = CurvesWidget()
    qtbot.addWidget(w)
    w.resize(572, 349)
    w.show()
    w.ensure_built()
    return w


def test_the_exploded_loss_is_drawn_in_red_up_to_the_top_of_the_axis(curves):
    curves.add_batches(_batches(1, 40, 100, lambda s: 2.3 / (1 + 0.05 * s)))
    curves.add_batches(_batches(41, 2, 100, lambda s: 3.0 * (s - 39)))
    curves.mark_diverged(DivergedEvent(43, 0, 7e5, "Training diverged", restored_step=40))
    curves.redraw()
    x, y = curves.c_diverged.getData()
    top = curves.loss_plot.vb.viewRange()[1][1]
    assert x[0] == pytest.approx(0.40) and x[-1] == pytest.approx(0.43)
    assert y[-1] == pytest.approx(top, rel=0.02)                 # off the chart: drawn to its top
    assert curves.c_diverged.isVisible() and curves.c_diverged.opts["pen"].color().name() == "#d93025"
    sx, sy = curves.s_diverged.getData()
    assert list(sx) == pytest.approx([0.43]) and sy[0] == pytest.approx(top, rel=0.02)
    labels = [item.label.toPlainText() for plot, item in curves._markers
              if plot is curves.loss_plot and getattr(item, "label", None) is not None]
    assert any("step 43" in t and "step 40" in t for t in labels)
    curves.set_theme("dark")                                     # survives a theme change
    assert len(curves.c_diverged.getData()[0]) == 4
    curves.fit_view()
    assert curves.loss_plot.vb.viewRange()[0][1] > 0.43           # the exploded step is in view


def test_the_batch_curves_say_why_they_sit_below_the_epoch_points(curves):
    for tip in (curves.legend.toolTip(), curves.acc_plot.getAxis("left").toolTip()):
        assert "dropout" in tip and "augmented" in tip and "clean images" in tip


def test_exported_png_is_slide_sized_with_a_title_line(curves, tmp_path):
    from PySide6.QtGui import QColor, QImage

    curves.add_batches(_batches(1, 60, 30, lambda s: 2.3 / (1 + 0.1 * s)))
    before = curves.graphics.size()
    path = tmp_path / "curves.png"
    curves.export_png(path, "Network 784-16-10 · MNIST · step 60")
    image = QImage(str(path))
    assert image.width() >= 1920 and image.height() >= 1080
    background = QColor("#ffffff").rgb()

    def inked(x0, x1):                            # pixels of the title strip that are not background
        return sum(image.pixel(x, y) != background for y in range(8, 60, 2) for x in range(x0, x1, 3))

    assert inked(0, 300) > 100 and inked(600, 900) > 100    # the title's letters, across the top
    assert inked(1700, 1920) == 0                           # ... ending where the title does
    assert curves.graphics.size() == before       # the on-screen layout is back as it was
    curves.export_png(tmp_path / "default.png", network=(784, 16, 10), dataset="MNIST")
    assert QImage(str(tmp_path / "default.png")).width() == 1920
    assert curves.model.title((784, 16, 10), "MNIST").endswith("step 60 (2 epochs)")


def test_epochs_below_one_are_labelled_as_they_are(curves):
    curves.add_batches(_batches(1, 30, 100, lambda s: 2.0))
    curves.fit_view()
    axis = curves.lr_plot.getAxis("bottom")
    assert "Epochs" in axis.labelString() and "(x0.001)" not in axis.labelString()
    assert axis.autoSIPrefixScale == 1.0                    # ticks read 0.1, 0.2..., not 100, 200...
