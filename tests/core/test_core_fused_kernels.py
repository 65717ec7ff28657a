"""The optimizers' fused BLAS path (OpenBLAS axpby/axpy via ctypes) against their NumPy path."""

from __future__ import annotations

import numpy as np
import pytest

from visualizer.core import blas, optimizers


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_blas_kernels_compute_axpby_and_axpy(dtype):
    f, g = blas.axpby(dtype), blas.axpy(dtype)
    if f is None or g is None:
        pytest.skip("NumPy's BLAS is not OpenBLAS")
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=37).astype(dtype), rng.normal(size=37).astype(dtype)
    out = y.copy()
    f(len(x), 0.5, x.ctypes.data, -2.0, out.ctypes.data)
    np.testing.assert_allclose(out, 0.5 * x - 2.0 * y, rtol=1e-6)
    out = y.copy()
    g(len(x), -3.0, x.ctypes.data, out.ctypes.data)
    np.testing.assert_allclose(out, y - 3.0 * x, rtol=1e-6)
    assert blas.axpby(np.int32) is None and blas.axpy(np.float16) is None


@pytest.mark.parametrize("name", sorted(optimizers.OPTIMIZERS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fused_and_numpy_paths_agree(name, dtype):
    cls = optimizers.OPTIMIZERS[name]
    n = 1000
    kw = dict(momentum=0.8, beta1=0.85, beta2=0.99, eps=1e-7, weight_decay=0.1, decay_slices=[slice(0, 600)])
    fused, plain = cls(n, dtype, **kw), cls(n, dtype, **kw)
    plain._axpby = plain._axpy = None                      # force the NumPy ufunc path
    if fused._axpby is None:
        pytest.skip("NumPy's BLAS is not OpenBLAS")
    rng = np.random.default_rng(1)
    p0 = rng.normal(size=n).astype(dtype)
    p, q = p0.copy(), p0.copy()
    grads = [rng.normal(size=n).astype(dtype) for _ in range(2)]   # two gradient buffers, reused
    for t in range(40):
        g = grads[t % 2]
        g[...] = rng.normal(size=n)
        fused.step(p, g, 0.01)
        plain.step(q, g, 0.01)
    tol = 2e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(p, q, rtol=tol, atol=tol)
    assert not np.array_equal(p, p0)
    for k, a in plain.state().items():
        np.testing.assert_allclose(fused.state()[k], a, rtol=tol, atol=tol)


def test_fused_path_falls_back_for_arrays_it_cannot_take():
    opt = optimizers.Adam(10, np.float32)
    if opt._axpby is None:
        pytest.skip("NumPy's BLAS is not OpenBLAS")
    ref = optimizers.Adam(10, np.float32)
    ref._axpby = ref._axpy = None
    buf = np.ones(20, np.float32)
    p = buf[::2]                                         # not contiguous: the NumPy path
    q = np.ones(10, np.float32)
    g = np.linspace(-1, 1, 10, dtype=np.float32)
    opt.step(p, g, 0.1)
    ref.step(q, g, 0.1)
    np.testing.assert_array_equal(p, q)
    assert np.all(buf[1::2] == 1)                        # nothing written between the elements


@pytest.mark.parametrize("name", sorted(optimizers.OPTIMIZERS))
def test_gradient_as_scratch_gives_the_same_update(name):
    cls = optimizers.OPTIMIZERS[name]
    a, b = cls(500, np.float32), cls(500, np.float32)
    b.grad_is_scratch = True
    rng = np.random.default_rng(2)
    p = rng.normal(size=500).astype(np.float32)
    q = p.copy()
    g, h = np.empty(500, np.float32), np.empty(500, np.float32)
    for _ in range(5):
        g[...] = h[...] = rng.normal(size=500)
        a.step(p, g, 0.01)
        b.step(q, h, 0.01)
    np.testing.assert_array_equal(p, q)                  # bit for bit
    for k, s in a.state().items():
        np.testing.assert_array_equal(b.state()[k], s)
