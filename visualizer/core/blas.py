"""How many threads NumPy's BLAS (OpenBLAS) uses, read and set at run time.

On a small machine that is also drawing a window (or running other work), a
BLAS that spins two threads for small matrix products can be many times
slower than one thread; the training loop is mostly such products. These
helpers let the app, the command line and the benchmarks choose.

    blas_threads() -> int | None        None when the BLAS is not OpenBLAS
    set_blas_threads(n) -> bool         False when it cannot be set
    with blas_thread_limit(1): ...      temporarily

Only ctypes and the OpenBLAS that NumPy already loaded are used (found in
this process's memory map), so nothing else is imported or installed.

The same library also lends the optimizers two fused vector kernels that
NumPy has no single ufunc for (one pass over memory instead of two or three):

    axpby(dtype) -> f(n, alpha, x_ptr, beta, y_ptr) | None    y = alpha x + beta y
    axpy(dtype)  -> f(n, alpha, x_ptr, y_ptr) | None          y = alpha x + y

(float32 or float64, contiguous arrays given by their data addresses; None
when the BLAS is not OpenBLAS, and then callers use NumPy ufuncs.)
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
from typing import Iterator

import numpy as np

_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads")
_GETTERS = ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads",
            "openblas_get_num_threads64_", "openblas_get_num_threads")


@functools.lru_cache(maxsize=1)
def _libraries() -> tuple:
    """The OpenBLAS libraries mapped into this process (normally one, NumPy's)."""
    paths = []
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
            for line in f:
                part = line.split()
                if len(part) >= 6 and "openblas" in part[-1].lower() and part[-1] not in paths:
                    paths.append(part[-1])
    except OSError:
        pass
    libs = []
    for path in paths:
        try:
            libs.append(ctypes.CDLL(path))
        except OSError:
            continue
    return tuple(libs)


@functools.lru_cache(maxsize=1)
def _openblas():
    for lib in _libraries():
        setter = next((getattr(lib, n) for n in _SETTERS if hasattr(lib, n)), None)
        getter = next((getattr(lib, n) for n in _GETTERS if hasattr(lib, n)), None)
        if setter is not None and getter is not None:
            getter.restype = ctypes.c_int
            setter.argtypes = [ctypes.c_int]
            return getter, setter
    return None


def blas_threads() -> int | None:
    """Threads OpenBLAS uses now, or None when it cannot be found."""
    found = _openblas()
    return int(found[0]()) if found else None


def set_blas_threads(n: int) -> bool:
    """Make OpenBLAS use ``n`` >= 1 threads; False when that is not possible."""
    found = _openblas()
    if not found or n < 1:
        return False
    found[1](int(n))
    return True


@contextlib.contextmanager
def blas_thread_limit(n: int) -> Iterator[None]:
    """Use ``n`` BLAS threads inside the block, then restore the previous number."""
    before = blas_threads()
    changed = before is not None and set_blas_threads(n)
    try:
        yield
    finally:
        if changed:
            set_blas_threads(before)


# -- fused vector kernels (level-1 BLAS) ------------------------------------------------------

def _level1(name: str, dtype, with_beta: bool):
    prefix = {"float32": "s", "float64": "d"}.get(str(dtype))
    if prefix is None:
        return None
    real = ctypes.c_float if prefix == "s" else ctypes.c_double
    for lib in _libraries():
        # NumPy's wheels ship scipy-openblas with 64-bit integers and prefixed names
        for symbol, integer in ((f"scipy_cblas_{prefix}{name}64_", ctypes.c_int64),
                                (f"cblas_{prefix}{name}64_", ctypes.c_int64),
                                (f"scipy_cblas_{prefix}{name}", ctypes.c_int),
                                (f"cblas_{prefix}{name}", ctypes.c_int)):
            fn = getattr(lib, symbol, None)
            if fn is None:
                continue
            fn.restype = None
            if with_beta:      # (n, alpha, x, incx, beta, y, incy)
                fn.argtypes = [integer, real, ctypes.c_void_p, integer, real, ctypes.c_void_p, integer]
                return lambda n, alpha, x, beta, y, _f=fn: _f(n, alpha, x, 1, beta, y, 1)
            fn.argtypes = [integer, real, ctypes.c_void_p, integer, ctypes.c_void_p, integer]
            return lambda n, alpha, x, y, _f=fn: _f(n, alpha, x, 1, y, 1)
    return None


@functools.lru_cache(maxsize=4)
def axpby(dtype):
    """``f(n, alpha, x_ptr, beta, y_ptr)``: y = alpha x + beta y over n contiguous elements
    of ``dtype`` (float32 / float64) at those addresses; None when unavailable."""
    return _level1("axpby", np.dtype(dtype), True)


@functools.lru_cache(maxsize=4)
def axpy(dtype):
    """``f(n, alpha, x_ptr, y_ptr)``: y = alpha x + y (see ``axpby``); None when unavailable."""
    return _level1("axpy", np.dtype(dtype), False)
