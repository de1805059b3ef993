"""Helpers of the elementwise-family numerics tests (test_elementwise, test_logic,
test_activations, test_cast): onnxruntime as the reference where it implements the op for the
dtype, else a numpy reference computed the way the ONNX spec defines the op."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pytest

from numerics import run_onnx_mlir, run_onnxruntime

try:  # bf16 arrays (ml_dtypes ships with the MLIR bindings' dependencies)
    import ml_dtypes
    BF16 = np.dtype(ml_dtypes.bfloat16)
except ImportError:  # pragma: no cover
    BF16 = None

F16, F32, F64 = np.float16, np.float32, np.float64
FLOATS = [F16, F32, F64] + ([BF16] if BF16 is not None else [])
SIGNED = [np.int8, np.int16, np.int32, np.int64]
UNSIGNED = [np.uint8, np.uint16, np.uint32, np.uint64]

def dtype_param(dtype):
    """A pytest param for ``dtype``, named after it (``float32``, ``bfloat16``, ...)."""
    return pytest.param(dtype, id=np.dtype(dtype).name)


def tolerance(dtype) -> tuple[float, float]:
    dt = np.dtype(dtype)
    if dt == np.float16:
        return 2e-3, 2e-3
    if BF16 is not None and dt == BF16:
        return 1e-2, 1e-2
    if dt == np.float64:
        return 1e-9, 1e-12
    return 1e-5, 1e-6


def reference(model, feeds, numpy_fn: Callable | None) -> list[np.ndarray]:
    """onnxruntime's outputs; ``numpy_fn(feeds)`` when onnxruntime lacks a kernel for the dtype
    (bf16, most uint/int16 kernels) or when ``numpy_fn`` is the only reference (newer opsets)."""
    try:
        return run_onnxruntime(model, feeds)
    except Exception as error:  # NOT_IMPLEMENTED / INVALID_GRAPH (no kernel for this type)
        if numpy_fn is None:
            raise
        known = ("NOT_IMPLEMENTED", "INVALID_GRAPH", "Could not find an implementation",
                 "not supported", "can't be converted to MLDataType",
                 "No corresponding Numpy type")
        if not any(k in str(error) for k in known):
            raise
    out = numpy_fn(feeds)
    return list(out) if isinstance(out, (list, tuple)) else [out]


def check(model, feeds, numpy_fn: Callable | None = None, rtol=None, atol=None,
          exact: bool = False) -> list[np.ndarray]:
    """Compile and run ``model``; compare with :func:`reference` (shape, dtype, values)."""
    want = reference(model, feeds, numpy_fn)
    got = run_onnx_mlir(model, feeds)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        g, w = np.asarray(g), np.asarray(w)
        assert g.shape == w.shape, f"shape {g.shape}, expected {w.shape}"
        assert g.dtype == w.dtype, f"dtype {g.dtype}, expected {w.dtype}"
        if w.dtype.kind == "f" or (BF16 is not None and w.dtype == BF16):
            r, a = tolerance(w.dtype)
            if exact:
                r, a = 0, 0
            np.testing.assert_allclose(g.astype(np.float64), w.astype(np.float64),
                                       rtol=rtol if rtol is not None else r,
                                       atol=atol if atol is not None else a)
        else:
            np.testing.assert_array_equal(g, w)
    return got


def random_array(dtype, shape, rng, low=-2.0, high=2.0) -> np.ndarray:
    dt = np.dtype(dtype)
    if dt == np.bool_:
        return rng.integers(0, 2, size=shape).astype(np.bool_)
    if dt.kind in "iu":
        lo = 0 if dt.kind == "u" else -10
        return rng.integers(lo, 10, size=shape).astype(dt)
    return rng.uniform(low, high, size=shape).astype(np.float32).astype(dt)
