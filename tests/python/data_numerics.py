"""Helpers of the data-movement / indexing / generator numerics tests (test_movement.py,
test_indexing.py, test_generators.py): the dtype matrix and a reference check that falls back to
the ONNX reference implementation where onnxruntime has no CPU kernel for a type."""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, random_feeds, run_onnx_mlir

ALL_DTYPES = [np.float32, np.float16, np.float64, np.int8, np.int16, np.int32, np.int64,
              np.uint8, np.uint16, np.uint32, np.uint64, np.bool_]
NUMERIC_DTYPES = [d for d in ALL_DTYPES if d is not np.bool_]


def dtype_params(dtypes) -> list:
    """pytest params over ``dtypes``, named after them (``float32``, ``bool``, ...)."""
    return [pytest.param(dt, id=np.dtype(dt).name) for dt in dtypes]


def check(model, feeds=None):
    """Compare with onnxruntime; where onnxruntime lacks the kernel or type, compare
    with ``onnx.reference.ReferenceEvaluator`` instead. Exact for integers and bools."""
    if feeds is None:
        feeds = random_feeds(model)
    try:
        return assert_matches_onnxruntime(model, feeds)
    except Exception as error:  # noqa: BLE001 - only the missing-kernel case falls through
        text = str(error)
        if not any(m in text for m in ("NOT_IMPLEMENTED", "Could not find an implementation",
                                        "data type is not supported")):
            raise
    from onnx.reference import ReferenceEvaluator

    expected = ReferenceEvaluator(model).run(None, feeds)
    actual = run_onnx_mlir(model, feeds)
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected):
        got, want = np.asarray(got), np.asarray(want)
        assert got.shape == want.shape and got.dtype == want.dtype, (got.shape, want.shape,
                                                                      got.dtype, want.dtype)
        if np.issubdtype(want.dtype, np.floating):
            np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
        else:
            np.testing.assert_array_equal(got, want)
    return actual
