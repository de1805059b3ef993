"""`If` with a condition known at import time (a function of static shapes and constants), in
the main graph and in subgraphs, is replaced by its taken branch, so branches of different
ranks (torch.jit's ``if x.shape[-1] == 1: x = x.squeeze(-1)``) compile; one whose condition is
only known at run time compiles with its then_branch, and taking the else_branch is a run-time
error naming the node."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

import onnx_mlir
from onnx_mlir import ExecutionError
from onnx_mlir.errors import ShapeWarning
from shape_check_helpers import model, ort_run, vi

F32 = np.float32


def _squeeze_if_last_is_one(x: str, prefix: str) -> list:
    """Nodes computing ``{prefix}y = squeeze(x, -1) if x.shape[-1] == 1 else x`` (an If whose
    branches return ranks r - 1 and r), then ``{prefix}out = relu({prefix}y) * 2``."""
    then = h.make_graph([h.make_node("Squeeze", [x, f"{prefix}axis"], [f"{prefix}sq"])], "then",
                        [], [vi(f"{prefix}sq", None)])
    other = h.make_graph([h.make_node("Identity", [x], [f"{prefix}id"])], "else", [],
                         [vi(f"{prefix}id", None)])
    return [
        h.make_node("Constant", [], [f"{prefix}axis"], value=numpy_helper.from_array(
            np.array([-1], np.int64), f"{prefix}axis")),
        h.make_node("Constant", [], [f"{prefix}one"], value=numpy_helper.from_array(
            np.array(1, np.int64), f"{prefix}one")),
        h.make_node("Constant", [], [f"{prefix}last"], value=numpy_helper.from_array(
            np.array(-1, np.int64), f"{prefix}last")),
        h.make_node("Shape", [x], [f"{prefix}shape"]),
        h.make_node("Gather", [f"{prefix}shape", f"{prefix}last"], [f"{prefix}dim"]),
        h.make_node("Equal", [f"{prefix}dim", f"{prefix}one"], [f"{prefix}cond"]),
        h.make_node("If", [f"{prefix}cond"], [f"{prefix}y"], name=f"{prefix}squeeze_if",
                    then_branch=then, else_branch=other),
        h.make_node("Relu", [f"{prefix}y"], [f"{prefix}r"]),
        h.make_node("Add", [f"{prefix}r", f"{prefix}r"], [f"{prefix}out"]),
    ]


@pytest.mark.parametrize("shape", [[2, 3, 1], [2, 3, 4]])
def test_constant_condition_if_with_rank_changing_branches(shape):
    m = model(_squeeze_if_last_is_one("x", ""), [vi("x", shape)], [vi("out", None)])
    feeds = {"x": np.random.default_rng(0).standard_normal(shape).astype(F32)}
    compiled = onnx_mlir.compile(m)
    ours = compiled.run(None, feeds)[0]
    # onnxruntime infers the untaken branch too and rejects the Squeeze of a 4: numpy instead
    x = feeds["x"]
    ref = 2 * np.maximum(x.squeeze(-1) if shape[-1] == 1 else x, 0)
    assert ours.shape == ref.shape
    np.testing.assert_allclose(ours, ref, rtol=1e-6)
    if shape[-1] == 1:
        np.testing.assert_allclose(ours, ort_run(m, feeds)[0], rtol=1e-6)


def test_constant_condition_if_inside_a_data_dependent_if():
    """The inner If's condition is constant inside each branch of an outer If whose condition
    is a graph input: both inner Ifs are inlined, the outer one stays a run-time branch."""
    branches = {}
    for name, op in (("then", "Neg"), ("else", "Abs")):
        prefix = f"{name}_"
        nodes = [h.make_node(op, ["x"], [f"{prefix}x"])] + _squeeze_if_last_is_one(
            f"{prefix}x", prefix)
        branches[name] = h.make_graph(nodes, name, [], [vi(f"{prefix}out", None)])
    outer = h.make_node("If", ["c"], ["out"], name="outer_if", then_branch=branches["then"],
                        else_branch=branches["else"])
    m = model([outer], [vi("x", [2, 3, 1]), vi("c", [], T.BOOL)], [vi("out", None)])
    compiled = onnx_mlir.compile(m)
    x = np.random.default_rng(0).standard_normal([2, 3, 1]).astype(F32)
    for c in (True, False):
        feeds = {"x": x, "c": np.array(c)}
        ours, ref = compiled.run(None, feeds)[0], ort_run(m, feeds)[0]
        assert ours.shape == ref.shape == (2, 3)
        np.testing.assert_allclose(ours, ref, rtol=1e-6)


def test_run_time_condition_with_rank_changing_branches_traps_the_else_branch():
    """The condition is only known at run time: compiled with the then_branch (a ShapeWarning
    naming the node says so); a run that takes the else_branch is an ExecutionError naming the
    node, and the model can be run again."""
    m = model(_squeeze_if_last_is_one("x", ""), [vi("x", [2, 3, "n"])], [vi("out", None)])
    with pytest.warns(ShapeWarning, match="squeeze_if.*rank 2 in then_branch, 3 in else_branch"):
        compiled = onnx_mlir.compile(m)
    x = np.random.default_rng(0).standard_normal([2, 3, 1]).astype(F32)
    np.testing.assert_allclose(compiled.run(None, {"x": x})[0], 2 * np.maximum(x[..., 0], 0))
    with pytest.raises(ExecutionError, match="selects the else_branch") as info:
        compiled.run(None, {"x": np.ones([2, 3, 4], F32)})
    assert info.value.node == "squeeze_if"
    np.testing.assert_allclose(compiled.run(None, {"x": x})[0], 2 * np.maximum(x[..., 0], 0))
