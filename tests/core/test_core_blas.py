"""Reading and setting NumPy's OpenBLAS thread count at run time."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core.blas import blas_thread_limit, blas_threads, set_blas_threads


def test_thread_count_can_be_set_and_restored():
    before = blas_threads()
    if before is None:
        pytest.skip("NumPy's BLAS is not OpenBLAS")
    try:
        with blas_thread_limit(1):
            assert blas_threads() == 1
            a = np.random.default_rng(0).random((300, 300), dtype=np.float32)
            np.testing.assert_allclose(a @ a, (a.astype(np.float64) @ a).astype(np.float32), rtol=1e-4)
        assert blas_threads() == before
        assert not set_blas_threads(0)
    finally:
        set_blas_threads(before)
