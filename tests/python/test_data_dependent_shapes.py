"""Numerics of the ops whose output size depends on the data (lowering/onnx_to_linalg/
selection_ops.py) against onnxruntime: results sized at run time and allocated by the compiled
code; one compiled model run at several input sizes and densities."""

from __future__ import annotations

import numpy as np
import onnx_mlir
import pytest

from data_numerics import ALL_DTYPES, check, dtype_params
from numerics import run_onnxruntime, single_node_model

F32, I64 = np.float32, np.int64
OPSET = 18
rng = np.random.default_rng(0)


def model(op, inputs, outputs, **attrs):
    return single_node_model(op, inputs, outputs, opset=OPSET, **attrs)


def sparse(shape, dtype, density=0.4):
    values = rng.integers(1, 5, size=shape) * (rng.random(shape) < density)
    return values.astype(dtype)


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_nonzero_dtypes(dtype) -> None:
    m = model("NonZero", [("x", dtype, [3, 4])], [("y", I64, None)])
    check(m, {"x": sparse((3, 4), dtype)})


@pytest.mark.parametrize("shape", [[7], [2, 3, 4], [1, 5, 1, 3], [4, 0]])
def test_nonzero_ranks(shape) -> None:
    m = model("NonZero", [("x", F32, shape)], [("y", I64, None)])
    check(m, {"x": sparse(shape, F32)})


def test_nonzero_nan_counts_as_nonzero() -> None:
    m = model("NonZero", [("x", F32, [5])], [("y", I64, None)])
    check(m, {"x": np.array([0, np.nan, -0.0, 1, 0], F32)})


def test_nonzero_dynamic_dims_one_compile() -> None:
    """One compile, several run-time sizes and counts (all zero, all nonzero included)."""
    m = model("NonZero", [("x", F32, ["n", "m"])], [("y", I64, None)])
    compiled = onnx_mlir.compile(m)
    for x in [sparse((3, 5), F32), sparse((6, 2), F32, 0.9), np.zeros((2, 2), F32),
              np.ones((1, 4), F32)]:
        (got,) = compiled.run(None, {"x": x})
        (want,) = run_onnxruntime(m, {"x": x})
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want)
