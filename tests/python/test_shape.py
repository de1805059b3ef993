"""Numerics of the shape lowerings (``lowering/onnx_to_linalg/shape.py``: Flatten, Reshape,
Identity, Constant) against onnxruntime (lit: ``tests/lit/onnx-to-linalg/shape.mlir``).

Each case is a one-node ONNX model compiled with ``onnx_mlir.compile`` and run on the CPU JIT.
"""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, random_feeds, single_node_model

F32, F64, I32, I64 = np.float32, np.float64, np.int32, np.int64


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
