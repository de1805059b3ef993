"""Numerics of the elementwise, MatMul/Gemm and shape lowerings against onnxruntime.

Each case is a one-node ONNX model compiled with ``onnx_mlir.compile`` and run on the CPU JIT.
"""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, random_feeds, run_onnx_mlir, single_node_model

F32, F64, I32, I64 = np.float32, np.float64, np.int32, np.int64

BROADCAST_SHAPES = [
    ([2, 3], [2, 3]),            # same shape
    ([2, 3], [3]),               # rank mismatch
    ([2, 1, 4], [3, 1]),         # size-1 dims on both sides
    ([1], [2, 3, 4]),            # broadcast the first operand
    ([], [2, 3]),                # scalar
    ([4, 1, 3, 1], [1, 5, 1, 2]),
]


@pytest.mark.parametrize("op_type", ["Add", "Sub", "Mul", "Div"])
@pytest.mark.parametrize("shapes", BROADCAST_SHAPES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_binary_float32_broadcasting(op_type: str, shapes) -> None:
    a, b = shapes
    model = single_node_model(op_type, [("a", F32, a), ("b", F32, b)], [("c", F32, None)])
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("op_type", ["Add", "Sub", "Mul", "Div"])
@pytest.mark.parametrize("dtype", [I32, I64, F64], ids=lambda d: np.dtype(d).name)
def test_binary_other_dtypes(op_type: str, dtype) -> None:
    model = single_node_model(op_type, [("a", dtype, [3, 4]), ("b", dtype, [4])],
                              [("c", dtype, None)])
    assert_matches_onnxruntime(model)


def test_integer_div_truncates_toward_zero() -> None:
    model = single_node_model("Div", [("a", I64, [6]), ("b", I64, [6])], [("c", I64, None)])
    feeds = {"a": np.array([7, -7, 7, -7, 0, 9], dtype=I64),
             "b": np.array([2, 2, -2, -2, 3, 1], dtype=I64)}
    assert_matches_onnxruntime(model, feeds)


def test_binary_dynamic_dim() -> None:
    model = single_node_model("Add", [("a", F32, ["N", 3]), ("b", F32, [3])], [("c", F32, None)])
    assert_matches_onnxruntime(model, random_feeds(model, dims={"N": 5}))


def test_binary_with_initializer() -> None:
    bias = np.arange(4, dtype=F32)
    model = single_node_model("Add", [("a", F32, [2, 4]), ("bias", F32, [4])],
                              [("c", F32, None)], initializers={"bias": bias})
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("dtype", [F32, F64, I32, np.int8], ids=lambda d: np.dtype(d).name)
def test_relu(dtype) -> None:
    model = single_node_model("Relu", [("x", dtype, [2, 3, 4])], [("y", dtype, None)])
    assert_matches_onnxruntime(model)


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


@pytest.mark.parametrize("axis", [0, 1, 2, 3, -1, -3])
def test_flatten(axis: int) -> None:
    model = single_node_model("Flatten", [("x", F32, [2, 3, 4])], [("y", F32, None)], axis=axis)
    assert_matches_onnxruntime(model)


RESHAPE_CASES = [
    ([2, 3, 4], [4, 6], 0),
    ([2, 3, 4], [-1], 0),
    ([2, 3, 4], [0, -1], 0),
    ([2, 3, 4], [2, 0, 2, -1], 0),
    ([2, 3, 4], [1, 24, 1], 0),
    ([1], [], 0),
    ([2, 3, 4], [4, 3, 2], 1),
]


@pytest.mark.parametrize("case", RESHAPE_CASES, ids=str)
def test_reshape(case) -> None:
    shape_in, target, allowzero = case
    model = single_node_model("Reshape", [("x", F32, shape_in), ("shape", I64, [len(target)])],
                              [("y", F32, None)],
                              initializers={"shape": np.array(target, dtype=I64)},
                              allowzero=allowzero)
    assert_matches_onnxruntime(model)


def test_reshape_dynamic_input() -> None:
    model = single_node_model("Reshape", [("x", F32, ["N", 3, 4]), ("shape", I64, [2])],
                              [("y", F32, None)],
                              initializers={"shape": np.array([0, -1], dtype=I64)})
    assert_matches_onnxruntime(model, random_feeds(model, dims={"N": 2}))


def test_identity() -> None:
    model = single_node_model("Identity", [("x", I64, [2, 3])], [("y", I64, None)])
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("attr", ["value", "value_float", "value_floats", "value_int",
                                  "value_ints"])
def test_constant_variants(attr: str) -> None:
    from onnx import numpy_helper

    values = {
        "value": numpy_helper.from_array(np.arange(6, dtype=F32).reshape(2, 3), "v"),
        "value_float": 2.5,
        "value_floats": [1.0, -2.0, 3.5],
        "value_int": 7,
        "value_ints": [4, 5, 6],
    }
    dtype = F32 if attr in ("value", "value_float", "value_floats") else I64
    model = single_node_model("Constant", [], [("y", dtype, None)], **{attr: values[attr]})
    assert_matches_onnxruntime(model, {})


def test_constant_feeding_add() -> None:
    """A Constant node used by another op (the usual case): dense_resource for large tensors."""
    from onnx import helper, numpy_helper

    big = np.linspace(-1, 1, 2048, dtype=F32).reshape(2, 1024)
    const = helper.make_node("Constant", [], ["k"], value=numpy_helper.from_array(big, "k"))
    add = helper.make_node("Add", ["x", "k"], ["y"])
    graph = helper.make_graph([const, add], "g",
                              [helper.make_tensor_value_info("x", 1, [2, 1024])],
                              [helper.make_tensor_value_info("y", 1, [2, 1024])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    assert_matches_onnxruntime(model)
