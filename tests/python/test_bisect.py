"""`onnx-mlir-bisect` / ``onnx_mlir.tools.bisect``: name the first node whose outputs differ.

Bugs are seeded inside the test process: a wrong lowering pattern registered for one op (the
pattern registry is process-wide) or a wrong constant-folding result; the original is restored
afterwards by ``monkeypatch``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from onnx_mlir.errors import InputError
from onnx_mlir.lowering.onnx_to_linalg.lib import broadcasting
from onnx_mlir.lowering.onnx_to_linalg.lib import builders as b
from onnx_mlir.lowering.onnx_to_linalg import pattern as patterns
from onnx_mlir.passes import lowering_patterns
from onnx_mlir.passes.constant_fold import OnnxConstantFoldPass
from onnx_mlir.tools.bisect import ReferenceRunError, Tolerance, bisect, cli
from onnx_mlir.tools.bisect.compare import compare_values
from onnx_mlir.tools.bisect.feeds import FeedGenerator
from onnx_mlir.tools.bisect.graph_units import graph_units

BISECT = [str(Path(sys.executable).parent / "onnx-mlir-bisect")]


def _model(nodes, inputs, outputs, initializers=(), opset=17) -> onnx.ModelProto:
    graph = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info(n, t, s) for n, t, s in inputs],
        [helper.make_tensor_value_info(n, t, None) for n, t in outputs],
        [numpy_helper.from_array(np.asarray(v), n) for n, v in initializers])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8  # accepted by the pinned onnxruntime
    onnx.checker.check_model(onnx.shape_inference.infer_shapes(model, strict_mode=True))
    return model


def _chain_model() -> onnx.ModelProto:
    """x -> Add -> Relu -> MatMul -> Tanh -> Softmax."""
    rng = np.random.default_rng(7)
    return _model(
        [helper.make_node("Add", ["x", "bias"], ["a"], name="add"),
         helper.make_node("Relu", ["a"], ["r"], name="relu"),
         helper.make_node("MatMul", ["r", "w"], ["m"], name="matmul"),
         helper.make_node("Tanh", ["m"], ["t"], name="tanh"),
         helper.make_node("Softmax", ["t"], ["y"], name="softmax", axis=-1)],
        [("x", TensorProto.FLOAT, [2, 8])], [("y", TensorProto.FLOAT)],
        [("bias", rng.uniform(-0.5, 0.5, [8]).astype(np.float32)),
         ("w", rng.uniform(-1, 1, [8, 4]).astype(np.float32))])


def _logic_model() -> onnx.ModelProto:
    """Bool and integer intermediates: Greater -> Not -> Cast(int32) -> Gather -> ReduceSum."""
    return _model(
        [helper.make_node("Greater", ["x", "zero"], ["g"], name="greater"),
         helper.make_node("Not", ["g"], ["ng"], name="not"),
         helper.make_node("Cast", ["ng"], ["ci"], name="cast", to=TensorProto.INT32),
         helper.make_node("Gather", ["ci", "idx"], ["gi"], name="gather", axis=0),
         helper.make_node("ReduceSum", ["gi"], ["y"], name="sum", keepdims=0)],
        [("x", TensorProto.FLOAT, [3, 4]), ("idx", TensorProto.INT64, [4, 5])],
        [("y", TensorProto.INT32)], [("zero", np.float32(0.0))])


class _WrongRelu(patterns.OnnxLoweringPattern):
    """A plausible bug: max(x, 0.25) instead of max(x, 0)."""

    op_names = ("onnx.relu",)

    def rewrite(self, op):
        (x,) = op.operation.operands
        elem = b.element_type(x)
        return [broadcasting.broadcast_generic(
            [x], elem, lambda v: b.scalar_binary("max", v, b.scalar_constant(v.type, 0.25)))]


class _NotAsIdentity(patterns.OnnxLoweringPattern):
    op_names = ("onnx.not",)

    def rewrite(self, op):
        return [op.operation.operands[0]]


@pytest.fixture
def wrong_relu(monkeypatch):
    monkeypatch.setitem(lowering_patterns._PATTERNS, "onnx.relu", _WrongRelu())


def _names(units):
    return [u.node.name for u in units]


# ------------------------------------------------------------------------- (1) all agree

def test_agreeing_model_reports_no_divergence(tmp_path):
    report = bisect(_chain_model())
    assert report.agrees and report.divergence is None and not report.downstream
    assert report.reference.startswith("onnxruntime ") and report.fallback_reason is None
    assert report.compared_values == 5
    assert [c.name for u in report.units for c in u.outputs] == ["a", "r", "m", "t", "y"]
    assert "no divergence" in report.format()

    path = tmp_path / "chain.onnx"
    onnx.save(_chain_model(), path)
    done = subprocess.run(BISECT + [str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "no divergence" in done.stdout and "reference: onnxruntime" in done.stdout


# ------------------------------------------------------------------------- (2) seeded bugs

@pytest.mark.parametrize("batch_size", [0, 2])
def test_wrong_lowering_is_named_not_its_consumers(wrong_relu, batch_size):
    report = bisect(_chain_model(), seed=3, batch_size=batch_size)
    d = report.divergence
    assert d is not None
    assert (d.unit.node.name, d.unit.node.op_type, d.unit.node.domain) == ("relu", "Relu", "")
    assert [(i.name, i.status) for i in d.inputs] == [("a", "agrees")]
    assert _names(report.downstream) == ["matmul", "tanh", "softmax"]
    (out,) = d.outputs
    # ours is max(a, 0.25), the reference max(a, 0): they differ exactly where a < 0.25.
    x = report.feeds["x"]
    a = x + numpy_helper.to_array(_chain_model().graph.initializer[0])
    wrong = a < 0.25
    assert out.mismatches == int(np.count_nonzero(wrong)) > 0
    first = np.unravel_index(int(np.flatnonzero(wrong)[0]), a.shape)
    assert out.first_index == tuple(int(i) for i in first)
    assert out.ours_at_first == pytest.approx(0.25)
    assert out.ref_at_first == pytest.approx(max(float(a[first]), 0.0))
    assert out.max_abs_diff == pytest.approx(float(np.max(0.25 - np.maximum(a, 0)[wrong])), rel=1e-6)


def test_wrong_constant_folding_is_named(monkeypatch):
    """Folded nodes keep their exposed values: the folder's result is compared too."""
    folded = []
    original = OnnxConstantFoldPass._evaluate

    def wrong_neg(self, op, module, *args):
        arrays = original(self, op, module, *args)
        if op.operation.name == "onnx.neg" and arrays is not None:
            folded.append(op)
            return [arrays[0] + 1]
        return arrays

    monkeypatch.setattr(OnnxConstantFoldPass, "_evaluate", wrong_neg)
    model = _model([helper.make_node("Neg", ["c"], ["n"], name="neg_const"),
                    helper.make_node("Add", ["x", "n"], ["y"], name="add")],
                   [("x", TensorProto.FLOAT, [4])], [("y", TensorProto.FLOAT)],
                   [("c", np.arange(4, dtype=np.float32))])
    report = bisect(model)
    assert folded, "the Neg of a constant was expected to be folded at compile time"
    assert (report.divergence.unit.node.name, report.divergence.unit.node.op_type) == ("neg_const", "Neg")
    assert [(i.name, i.status) for i in report.divergence.inputs] == [("c", "initializer")]
    assert report.divergence.outputs[0].mismatches == 4
    assert _names(report.downstream) == ["add"]


# ------------------------------------------------------------------------- (3) the CLI

def test_cli_prints_the_node_and_exits_1(wrong_relu, tmp_path, capsys):
    path = tmp_path / "chain.onnx"
    onnx.save(_chain_model(), path)
    assert cli.main([str(path), "--seed", "3"]) == 1
    out = capsys.readouterr().out
    assert "FIRST DIVERGENCE: node 2 of 5 in topological order" in out
    assert "node:       'relu'" in out and "op type:    Relu" in out and "domain:     ai.onnx" in out
    assert "attributes: (none)" in out
    assert "'a': float32[2,8], agrees" in out
    assert "'r': ours float32[2,8], reference float32[2,8]:" in out
    assert "max abs diff" in out and "max rel diff" in out and "first mismatch at [" in out
    assert "downstream: 3 later nodes diverge too: 'matmul' (ai.onnx::MatMul)" in out


def test_cli_reads_inputs_from_npz(wrong_relu, tmp_path, capsys):
    path, feeds_path = tmp_path / "chain.onnx", tmp_path / "feeds.npz"
    onnx.save(_chain_model(), path)
    x = np.full((2, 8), -1.0, np.float32)  # every Relu input below 0.25: all 16 differ
    np.savez(feeds_path, x=x)
    assert cli.main([str(path), "--inputs", str(feeds_path)]) == 1
    assert "16 of 16 elements differ" in capsys.readouterr().out


def test_cli_errors_are_diagnostics_without_traceback(tmp_path):
    missing = subprocess.run(BISECT + [str(tmp_path / "nope.onnx")], capture_output=True, text=True)
    assert missing.returncode == 1
    assert "no such model file" in missing.stderr and "Traceback" not in missing.stderr

    path, feeds_path = tmp_path / "chain.onnx", tmp_path / "feeds.npz"
    onnx.save(_chain_model(), path)
    np.savez(feeds_path, image=np.zeros((2, 8), np.float32))
    wrong = subprocess.run(BISECT + [str(path), "--inputs", str(feeds_path)],
                           capture_output=True, text=True)
    assert wrong.returncode == 1
    assert "missing ['x']" in wrong.stderr and "unknown ['image']" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_api_rejects_feeds_of_another_signature():
    with pytest.raises(InputError, match="missing"):
        bisect(_chain_model(), {"y": np.zeros((2, 8), np.float32)})


# ------------------------------------------------------------------------- (4) bool / int

def test_bool_and_int_intermediates_are_compared_exactly():
    report = bisect(_logic_model(), seed=1)
    assert report.agrees
    compared = {c.name: c for u in report.units for c in u.outputs}
    assert [str(compared[n].ref_dtype) for n in ("g", "ng", "ci", "gi", "y")] == \
        ["bool", "bool", "int32", "int32", "int32"]
    assert all(compared[n].tolerance is None for n in ("g", "ng", "ci", "gi", "y"))
    # Gather indices are kept within the indexed axis (size 3), below the default range's 4.
    assert report.feeds["idx"].min() >= 0 and report.feeds["idx"].max() == 2


def test_wrong_bool_lowering_is_named(monkeypatch):
    monkeypatch.setitem(lowering_patterns._PATTERNS, "onnx.not", _NotAsIdentity())
    report = bisect(_logic_model(), seed=1)
    d = report.divergence
    assert (d.unit.node.name, d.unit.node.op_type) == ("not", "Not")
    (out,) = d.outputs
    assert out.tolerance is None and out.mismatches == out.size == 12  # Not(x) != x everywhere
    assert _names(report.downstream)[:2] == ["cast", "gather"]


def test_integer_values_differing_by_one_do_not_agree():
    huge = Tolerance(rtol=1.0, atol=10.0)
    got = compare_values("v", np.array([5, 6, 7], np.int64), np.array([5, 6, 8], np.int64), huge)
    assert not got.agrees and got.mismatches == 1 and got.first_index == (2,)
    assert (got.ours_at_first, got.ref_at_first) == (7, 8)


def test_float_comparison_nan_inf_and_low_precision():
    tol = Tolerance(rtol=1e-5, atol=1e-6)
    nan_inf = np.array([np.nan, np.inf, -np.inf, 1.0], np.float32)
    assert compare_values("v", nan_inf, nan_inf.copy(), tol).agrees
    one_nan = compare_values("v", np.array([np.nan, 1.0], np.float32),
                             np.array([2.0, 1.0], np.float32), tol)
    assert one_nan.mismatches == 1 and one_nan.max_abs_diff == np.inf
    # One f16 rounding step (eps = 2**-10 at 1.0) is within f16's widened tolerance, not f32's.
    step = np.array([1.0 + 2.0 ** -10], np.float32)
    assert compare_values("v", step.astype(np.float16), np.array([1.0], np.float16), tol).agrees
    assert not compare_values("v", step, np.array([1.0], np.float32), tol).agrees
    shape = compare_values("v", np.zeros((2, 3), np.float32), np.zeros((3, 2), np.float32), tol)
    assert not shape.agrees and shape.problem == "shape [2, 3], reference [3, 2]"


# ------------------------------------------------------------------------- (5) reference fallback

def _int16_relu_model() -> onnx.ModelProto:
    """onnxruntime has no int16 Relu kernel; onnx-mlir-py and the reference evaluator do."""
    return _model([helper.make_node("Neg", ["x"], ["n"], name="neg"),
                   helper.make_node("Relu", ["n"], ["y"], name="relu")],
                  [("x", TensorProto.INT16, [3, 4])], [("y", TensorProto.INT16)])


def test_falls_back_to_the_onnx_reference_where_onnxruntime_lacks_a_kernel():
    report = bisect(_int16_relu_model(), int_range=(-5, 5))
    assert report.agrees and report.compared_values == 2
    assert report.reference.startswith("onnx.reference.ReferenceEvaluator")
    assert "onnxruntime cannot load the model" in report.fallback_reason
    assert "Relu" in report.fallback_reason
    assert "used because onnxruntime cannot load the model" in report.format()
    with pytest.raises(ReferenceRunError, match="onnxruntime cannot load"):
        bisect(_int16_relu_model(), reference="onnxruntime")


def test_forced_onnx_reference_still_finds_the_bug(wrong_relu, tmp_path, capsys):
    path = tmp_path / "chain.onnx"
    onnx.save(_chain_model(), path)
    assert cli.main([str(path), "--seed", "3", "--reference=onnx"]) == 1
    out = capsys.readouterr().out
    assert "reference: onnx.reference.ReferenceEvaluator" in out and "used because" not in out
    assert "node:       'relu'" in out


# ------------------------------------------------------------------------- graph units, feeds

def test_control_flow_node_is_one_unit_with_its_captured_inputs():
    then_graph = helper.make_graph([helper.make_node("Add", ["a", "a"], ["t_out"])], "then", [],
                                   [helper.make_tensor_value_info("t_out", TensorProto.FLOAT, [4])])
    else_graph = helper.make_graph([helper.make_node("Neg", ["a"], ["e_out"])], "else", [],
                                   [helper.make_tensor_value_info("e_out", TensorProto.FLOAT, [4])])
    nodes = [helper.make_node("Relu", ["x"], ["a"], name="relu"),
             helper.make_node("ReduceSum", ["x"], ["s"], name="sum", keepdims=0),
             helper.make_node("Greater", ["s", "zero"], ["cond"], name="greater"),
             helper.make_node("If", ["cond"], ["y"], name="if", then_branch=then_graph,
                              else_branch=else_graph)]
    model = _model(nodes, [("x", TensorProto.FLOAT, [4])], [("y", TensorProto.FLOAT)],
                   [("zero", np.float32(0.0))])
    units = graph_units(model.graph)
    (if_unit,) = [u for u in units if u.node.op_type == "If"]
    assert if_unit.inputs == ("cond", "a") and if_unit.captured == ("a",)
    # Stored out of order, the nodes still come back producers first.
    shuffled = onnx.ModelProto()
    shuffled.CopyFrom(model)
    del shuffled.graph.node[:]
    shuffled.graph.node.extend([nodes[3], nodes[2], nodes[0], nodes[1]])
    assert _names(graph_units(shuffled.graph)) == ["relu", "sum", "greater", "if"]
    report = bisect(model)
    assert report.agrees and report.compared_values == 4


def test_outputs_the_model_never_reads_are_not_exposed():
    """Exposing MaxPool's unused indices would change how the node is lowered."""
    model = _model([helper.make_node("MaxPool", ["x"], ["p", "idx"], name="pool", kernel_shape=[2]),
                    helper.make_node("Relu", ["p"], ["y"], name="relu")],
                   [("x", TensorProto.FLOAT, [1, 2, 6])], [("y", TensorProto.FLOAT)])
    report = bisect(model)
    assert report.agrees and report.compared_values == 2
    assert report.units[0].unobserved_outputs == (("idx", "unused by the model"),)
    assert "not observed: 1 values (unused by the model)" in report.format()


def test_both_references_failing_is_one_typed_error():
    """Gather indices out of range: onnxruntime and the reference evaluator both refuse."""
    model = _model([helper.make_node("Gather", ["data", "idx"], ["y"], name="gather")],
                   [("idx", TensorProto.INT64, [2])], [("y", TensorProto.FLOAT)],
                   [("data", np.zeros((3, 2), np.float32))])
    with pytest.raises(ReferenceRunError, match="onnxruntime failed running.*; then onnx.reference"):
        bisect(model, {"idx": np.array([0, 7], np.int64)})


def test_random_feeds_follow_the_signature():
    model = _model([helper.make_node("Gather", ["data", "idx"], ["y"], name="gather", axis=1)],
                   [("data", TensorProto.FLOAT16, ["batch", 6]), ("idx", TensorProto.INT32, [50]),
                    ("flag", TensorProto.BOOL, [3])], [("y", TensorProto.FLOAT16)])
    types = {v.name: v.type for v in model.graph.input}
    feeds = FeedGenerator(model, types, seed=5, dims={"batch": 3}).generate()
    assert feeds["data"].shape == (3, 6) and feeds["data"].dtype == np.float16
    assert feeds["idx"].dtype == np.int32 and set(np.unique(feeds["idx"])) == {0, 1, 2, 3}
    assert feeds["flag"].dtype == np.bool_
    again = FeedGenerator(model, types, seed=5, dims={"batch": 3}).generate()
    assert all(np.array_equal(feeds[k], again[k]) for k in feeds)
    default = FeedGenerator(model, types, seed=5).generate()
    assert default["data"].shape == (1, 6)
