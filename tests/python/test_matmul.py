"""Numerics of the MatMul and Gemm lowerings (``lowering/onnx_to_linalg/matmul.py``) against
onnxruntime (lit: ``tests/lit/onnx-to-linalg/matmul.mlir``, ``gemm.mlir``).

Each case is a one-node ONNX model compiled with ``onnx_mlir.compile`` and run on the CPU JIT.
"""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, random_feeds, run_onnx_mlir, single_node_model

F32, F64, I32, I64 = np.float32, np.float64, np.int32, np.int64


MATMUL_SHAPES = [
    ([3, 4], [4, 5]),            # linalg.matmul
    ([2, 3, 4], [2, 4, 5]),      # batch_matmul
    ([2, 2, 3, 4], [2, 2, 4, 5]),  # batch_matmul on collapsed batch dims
    ([2, 3, 4], [4, 5]),         # batch folded into M
    ([3, 4], [2, 4, 5]),         # broadcast A (contraction generic)
    ([2, 1, 3, 4], [5, 4, 2]),   # broadcast batch dims both ways
    ([4], [4, 5]),               # 1-D A
    ([3, 4], [4]),               # 1-D B
    ([4], [4]),                  # dot product -> scalar
    ([4], [2, 4, 5]),            # 1-D A with batched B
    ([2, 3, 4], [4]),            # batched A with 1-D B
]


@pytest.mark.parametrize("shapes", MATMUL_SHAPES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_matmul_float32(shapes) -> None:
    a, b = shapes
    model = single_node_model("MatMul", [("a", F32, a), ("b", F32, b)], [("y", F32, None)])
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("dtype", [F64, I32, I64], ids=lambda d: np.dtype(d).name)
def test_matmul_other_dtypes(dtype) -> None:
    model = single_node_model("MatMul", [("a", dtype, [2, 3, 4]), ("b", dtype, [4, 5])],
                              [("y", dtype, None)])
    assert_matches_onnxruntime(model)


def test_matmul_dynamic_batch() -> None:
    model = single_node_model("MatMul", [("a", F32, ["N", 3, 4]), ("b", F32, [4, 5])],
                              [("y", F32, None)])
    assert_matches_onnxruntime(model, random_feeds(model, dims={"N": 2}))


GEMM_CASES = [
    # (transA, transB, alpha, beta, C shape or None)
    (0, 0, 1.0, 1.0, None),
    (0, 0, 1.0, 1.0, [5]),
    (0, 1, 1.0, 1.0, [5]),
    (1, 0, 1.0, 0.5, [3, 5]),
    (1, 1, 2.0, 1.0, [3, 1]),
    (0, 0, 0.25, 3.0, []),
    (0, 1, 1.5, 1.0, None),
    (1, 1, 1.0, 1.0, [1, 5]),
]


@pytest.mark.parametrize("case", GEMM_CASES, ids=str)
def test_gemm(case) -> None:
    trans_a, trans_b, alpha, beta, c_shape = case
    m, k, n = 3, 4, 5
    inputs = [("a", F32, [k, m] if trans_a else [m, k]), ("b", F32, [n, k] if trans_b else [k, n])]
    if c_shape is not None:
        inputs.append(("c", F32, c_shape))
    model = single_node_model("Gemm", inputs, [("y", F32, None)], transA=trans_a, transB=trans_b,
                              alpha=alpha, beta=beta)
    assert_matches_onnxruntime(model)


def test_gemm_constant_weights_int64() -> None:
    """onnxruntime has no integer Gemm kernel: compare with numpy."""
    weights = np.arange(12, dtype=I64).reshape(3, 4) - 5
    bias = np.array([1, -2, 3], dtype=I64)
    model = single_node_model("Gemm", [("a", I64, [2, 4]), ("w", I64, [3, 4]), ("bias", I64, [3])],
                              [("y", I64, None)], initializers={"w": weights, "bias": bias},
                              transB=1)
    a = np.arange(8, dtype=I64).reshape(2, 4) - 3
    (got,) = run_onnx_mlir(model, {"a": a})
    assert got.dtype == I64
    np.testing.assert_array_equal(got, a @ weights.T + bias)
