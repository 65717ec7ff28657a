"""Handwritten-looking digits as pen strokes, drawn onto the pad like a person would.

Used for the README screenshots (``VISUALIZER_DEMO_DIGIT=3 visualizer gui
--screenshot ...``), demos and tests. Each digit is one or two strokes of
(x, y) points in the pad's 280x280 canvas space (y down), built from arcs
and smooth polylines, slightly slanted like handwriting.
"""

from __future__ import annotations

import numpy as np

SLANT = 0.12            # x shift per pixel above the centre (forward-leaning handwriting)


def _arc(cx: float, cy: float, rx: float, ry: float, t0: float, t1: float, n: int = 40) -> np.ndarray:
    """Points of an ellipse arc from angle t0 to t1 (degrees, clockwise on screen)."""
    t = np.radians(np.linspace(t0, t1, n))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _line(*pts: tuple[float, float], n: int = 12) -> np.ndarray:
    """Points along the polyline through ``pts`` (n per segment)."""
    out = []
    for (x0, y0), (x1, y1) in zip(pts[:-1], pts[1:]):
        s = np.linspace(0.0, 1.0, n, endpoint=False)
        out.append(np.stack([x0 + (x1 - x0) * s, y0 + (y1 - y0) * s], axis=1))
    out.append(np.array([pts[-1]], dtype=np.float64))
    return np.concatenate(out)


def digit_strokes(digit: int | str) -> list[np.ndarray]:
    """The strokes of ``digit`` (0-9): a list of (N, 2) float32 arrays of canvas points."""
    d = int(digit)
    if not 0 <= d <= 9:
        raise ValueError(f"a demo digit must be 0-9, got {digit!r}")
    if d == 0:
        strokes = [_arc(140, 140, 60, 92, 255, 625, 60)]
    elif d == 1:
        strokes = [np.concatenate([_line((118, 82), (150, 48)), _line((150, 48), (146, 140), (140, 235))])]
    elif d == 2:
        strokes = [np.concatenate([_arc(140, 102, 55, 52, 195, 400),
                                   _line((182, 135), (120, 190), (78, 236), (150, 230), (212, 233))])]
    elif d == 3:
        strokes = [np.concatenate([_arc(137, 94, 50, 45, 205, 450), _arc(140, 186, 56, 50, 262, 500)])]
    elif d == 4:
        strokes = [_line((158, 45), (118, 115), (78, 172), (150, 170), (218, 166)),
                   _line((172, 105), (170, 170), (168, 240))]
    elif d == 5:
        strokes = [np.concatenate([_line((198, 52), (150, 54), (102, 58), (94, 132)),
                                   _arc(138, 180, 58, 52, 228, 505)])]
    elif d == 6:
        strokes = [np.concatenate([_line((186, 50), (140, 78), (104, 128)),
                                   _arc(140, 182, 52, 54, 196, -150)])]
    elif d == 7:
        strokes = [np.concatenate([_line((72, 62), (140, 58), (208, 54)),
                                   _line((208, 54), (175, 120), (148, 180), (128, 238))])]
    elif d == 8:                                   # one figure-of-eight stroke, crossing in the middle
        t = np.linspace(0.25, 2 * np.pi + 0.35, 90)
        h = np.where(np.cos(t) > 0, 80.0, 92.0)     # upper loop a little smaller than the lower one
        strokes = [np.stack([140 + 52 * np.sin(2 * t), 142 - h * np.cos(t)], axis=1)]
    else:
        strokes = [np.concatenate([_arc(136, 96, 48, 44, 350, -10), _line((184, 90), (178, 160), (166, 238))])]
    out = []
    for s in strokes:
        s = np.asarray(s, dtype=np.float64)
        s[:, 0] += (140.0 - s[:, 1]) * SLANT
        out.append(s.astype(np.float32))
    return out


def draw_demo_digit(pad, digit: int | str) -> None:
    """Draw ``digit`` onto a ``DrawingPadView`` stroke by stroke and update its prediction."""
    pad.canvas.clear()
    for stroke in digit_strokes(digit):
        pad.canvas.add_stroke(stroke)
    pad.flush()
