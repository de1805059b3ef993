"""Numerics of the generator lowerings (lowering/onnx_to_linalg/generators.py) against
onnxruntime: Shape, Size, ConstantOfShape, Range, EyeLike, Trilu, OneHot; and Reshape with a
shape computed at run time (lowering/onnx_to_linalg/shape.py)."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import helper, numpy_helper

from data_numerics import ALL_DTYPES, NUMERIC_DTYPES, check, dtype_params
from numerics import random_feeds, single_node_model

F32, I32, I64 = np.float32, np.int32, np.int64
OPSET = 21
rng = np.random.default_rng(0)


def model(op, inputs, outputs, inits=None, **attrs):
    return single_node_model(op, inputs, outputs, initializers=inits, opset=OPSET, **attrs)


@pytest.mark.parametrize("start,end", [(None, None), (1, None), (-1, None), (0, -1), (-10, 10),
                                       (2, 1)], ids=str)
def test_shape(start, end) -> None:
    attrs = {k: v for k, v in (("start", start), ("end", end)) if v is not None}
    check(model("Shape", [("x", F32, [2, 3, 4])], [("y", I64, None)], **attrs))


def test_shape_and_size_dynamic() -> None:
    m = model("Shape", [("x", F32, ["N", 3])], [("y", I64, None)])
    check(m, random_feeds(m, dims={"N": 5}))
    m = model("Size", [("x", F32, ["N", 3])], [("y", I64, None)])
    check(m, random_feeds(m, dims={"N": 5}))


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_size_dtypes(dtype) -> None:
    """Size only reads the shape, so the input's type does not matter (even uiN/bool work)."""
    check(model("Size", [("x", dtype, [2, 3, 4])], [("y", I64, None)]))


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
@pytest.mark.parametrize("runtime", [False, True], ids=["const", "runtime"])
def test_constant_of_shape(dtype, runtime) -> None:
    value = numpy_helper.from_array(np.array([7 if np.dtype(dtype).kind != "b" else 1],
                                             dtype=dtype), "value")
    if runtime:
        m = model("ConstantOfShape", [("s", I64, [2])], [("y", dtype, None)], value=value)
        check(m, {"s": np.array([3, 2], I64)})
    else:
        m = model("ConstantOfShape", [("s", I64, [2])], [("y", dtype, None)],
                  {"s": np.array([3, 2], I64)}, value=value)
        check(m, {})


def test_constant_of_shape_default_zero() -> None:
    check(model("ConstantOfShape", [("s", I64, [3])], [("y", F32, None)],
                {"s": np.array([2, 0, 3], I64)}), {})


@pytest.mark.parametrize("dtype,start,limit,delta", [
    (F32, 1.0, 5.0, 0.5), (F32, 10.0, 2.0, -3.0), (np.float64, 0.0, 1.0, 0.3),
    (I32, 10, 4, -3), (I64, -2, 9, 4), (np.int16, 0, 0, 1),
], ids=str)
@pytest.mark.parametrize("runtime", [False, True], ids=["const", "runtime"])
def test_range(dtype, start, limit, delta, runtime) -> None:
    names = ["start", "limit", "delta"]
    vals = {n: np.array(v, dtype) for n, v in zip(names, (start, limit, delta))}
    inputs = [(n, dtype, []) for n in names]
    if runtime:
        m = single_node_model("Range", inputs, [("y", dtype, None)], opset=OPSET)
        check(m, vals)
    else:
        check(model("Range", inputs, [("y", dtype, None)], vals), {})


@pytest.mark.parametrize("k", [0, 1, -2, 5])
@pytest.mark.parametrize("dtype", [None, np.float64, I32, np.float16], ids=str)
def test_eye_like(k, dtype) -> None:
    attrs = {"k": k}
    out_dtype = F32
    if dtype is not None:
        attrs["dtype"] = helper.np_dtype_to_tensor_dtype(np.dtype(dtype))
        out_dtype = dtype
    check(model("EyeLike", [("x", F32, [3, 4])], [("y", out_dtype, None)], **attrs))


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
@pytest.mark.parametrize("upper", [0, 1])
def test_trilu_dtypes(dtype, upper) -> None:
    m = model("Trilu", [("x", dtype, [2, 3, 4])], [("y", dtype, None)], upper=upper)
    check(m, {"x": rng.integers(1, 5, size=(2, 3, 4)).astype(dtype)})


@pytest.mark.parametrize("k", [-5, -1, 0, 2, 7])
@pytest.mark.parametrize("upper", [0, 1])
def test_trilu_k(k, upper) -> None:
    m = model("Trilu", [("x", F32, [4, 5]), ("k", I64, [])], [("y", F32, None)], upper=upper)
    check(m, {"x": rng.random((4, 5), dtype=F32), "k": np.array(k, I64)})


@pytest.mark.parametrize("axis", [-1, 0, 1, -2])
@pytest.mark.parametrize("idx_dtype", [I64, F32, I32], ids=str)
def test_one_hot(axis, idx_dtype) -> None:
    m = model("OneHot", [("i", idx_dtype, [2, 3]), ("d", I64, []), ("v", F32, [2])],
              [("y", F32, None)], {"d": np.array(5, I64)}, axis=axis)
    i = np.array([[0, -1, 4], [7, -6, 2]], idx_dtype)
    check(m, {"i": i, "v": np.array([-1.0, 3.0], F32)})


@pytest.mark.parametrize("dtype", dtype_params(NUMERIC_DTYPES))
def test_one_hot_values_dtypes(dtype) -> None:
    m = model("OneHot", [("i", I64, [4]), ("d", F32, []), ("v", dtype, [2])], [("y", dtype, None)],
              {"d": np.array(3.0, F32)})
    check(m, {"i": np.array([0, 2, -1, 1], I64), "v": np.array([1, 5], dtype)})


def test_reshape_from_computed_shape() -> None:
    """Reshape whose shape is computed by Shape -> Slice -> Concat (run time), as in the
    functions that expand DepthToSpace and friends. (Concat of equal-length pieces: see
    test_movement.test_concat_different_sizes.)"""
    nodes = [
        helper.make_node("Shape", ["x"], ["s"]),
        helper.make_node("Slice", ["s", "zero", "one"], ["head"]),
        helper.make_node("Concat", ["head", "minus1"], ["target"], axis=0),
        helper.make_node("Reshape", ["x", "target"], ["y"]),
    ]
    inits = [numpy_helper.from_array(np.array([0], I64), "zero"),
             numpy_helper.from_array(np.array([1], I64), "one"),
             numpy_helper.from_array(np.array([-1], I64), "minus1")]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT,
                                                                         ["N", 3, 4, 5])],
                              [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, None)],
                              inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    m.ir_version = 8
    check(m, {"x": rng.random((2, 3, 4, 5), dtype=F32)})
