"""Numerics of the control-flow lowerings (If -> scf.if) against onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto, helper

from numerics import assert_matches_onnxruntime


def if_model():
    """y = If(c) then a + b else relu(a) * b: branches use the outer graph's values."""
    f = TensorProto.FLOAT
    then_g = helper.make_graph([helper.make_node("Add", ["a", "b"], ["t"])], "then", [],
                               [helper.make_tensor_value_info("t", f, [2, 3])])
    else_g = helper.make_graph([helper.make_node("Relu", ["a"], ["r"]),
                                helper.make_node("Mul", ["r", "b"], ["e"])], "else", [],
                               [helper.make_tensor_value_info("e", f, [2, 3])])
    node = helper.make_node("If", ["c"], ["y"], then_branch=then_g, else_branch=else_g)
    graph = helper.make_graph(
        [node], "g",
        [helper.make_tensor_value_info("c", TensorProto.BOOL, []),
         helper.make_tensor_value_info("a", f, [2, 3]),
         helper.make_tensor_value_info("b", f, [2, 3])],
        [helper.make_tensor_value_info("y", f, [2, 3])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


@pytest.mark.parametrize("cond", [True, False])
def test_if_branches(cond):
    rng = np.random.default_rng(0)
    feeds = {"c": np.array(cond), "a": rng.uniform(-2, 2, [2, 3]).astype(np.float32),
             "b": rng.uniform(-2, 2, [2, 3]).astype(np.float32)}
    assert_matches_onnxruntime(if_model(), feeds)


@pytest.mark.parametrize("cond", [True, False])
def test_if_constant_condition(cond):
    """The condition as an initializer (no bool function argument): runs today."""
    from onnx import numpy_helper

    model = if_model()
    model.graph.initializer.append(numpy_helper.from_array(np.array(cond), "c"))
    del model.graph.input[0]
    rng = np.random.default_rng(1)
    feeds = {"a": rng.uniform(-2, 2, [2, 3]).astype(np.float32),
             "b": rng.uniform(-2, 2, [2, 3]).astype(np.float32)}
    assert_matches_onnxruntime(model, feeds)
