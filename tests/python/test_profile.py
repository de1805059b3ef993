"""The per-node profile: ``compile(model, profile=True)`` / ``ONNX_MLIR_PROFILE=1``.

The compiled code times each ONNX node's ops; ``model.profile()`` gives one row per node (op type,
node name, result shape, ms per run, %, calls). Times are only checked for consistency (non-negative,
adding up to the whole call, within the wall time), never for speed.
"""

from __future__ import annotations

import collections
import threading
import time

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

import onnx_mlir
from onnx_mlir import ExecutionError, OnnxMlirError


def _model(nodes, inputs, outputs, initializers=()):
    graph = h.make_graph(nodes, "g", inputs, outputs, list(initializers))
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 18)])
    model.ir_version = 9
    return model


def _vi(name, shape, elem=T.FLOAT):
    return h.make_tensor_value_info(name, elem, shape)


def _mlp(m: int = 8, k: int = 32, n: int = 16):
    rng = np.random.default_rng(0)
    w = numpy_helper.from_array(rng.standard_normal((k, n)).astype(np.float32), "w")
    b = numpy_helper.from_array(rng.standard_normal(n).astype(np.float32), "b")
    nodes = [h.make_node("MatMul", ["x", "w"], ["mm"], name="matmul0"),
             h.make_node("Add", ["mm", "b"], ["add"], name="bias0"),
             h.make_node("Relu", ["add"], ["r"], name="relu0"),
             h.make_node("Softmax", ["r"], ["y"], name="softmax0", axis=-1)]
    return _model(nodes, [_vi("x", [m, k])], [_vi("y", [m, n])], [w, b])


EXPECTED = {("matmul0", "MatMul"), ("bias0", "Add"), ("relu0", "Relu"), ("softmax0", "Softmax")}


def test_one_row_per_node_with_consistent_times():
    model = onnx_mlir.compile(_mlp(), profile=True)
    plain = onnx_mlir.compile(_mlp())
    x = np.random.default_rng(1).standard_normal((8, 32)).astype(np.float32)
    runs = 7
    start = time.perf_counter()
    for _ in range(runs):
        (y,) = model.run(None, {"x": x})
    wall_ms = (time.perf_counter() - start) * 1e3
    np.testing.assert_array_equal(y, plain.run(None, {"x": x})[0])  # same code, plus clock reads

    report = model.profile()
    assert {(r.node, r.op_type) for r in report} == EXPECTED
    assert len(report) == len(EXPECTED)
    assert report.runs == runs and all(r.calls == runs for r in report)
    assert all(r.shape == (8, 16) for r in report)
    assert all(r.ms >= 0 and r.mean_ms >= 0 for r in report)
    assert [r.ms for r in report] == sorted((r.ms for r in report), reverse=True)  # by median
    # The nodes' segments cover the whole call: their means add up to its mean (whole ns).
    assert sum(r.mean_ms for r in report) == pytest.approx(report.total_mean_ms, abs=1e-6)
    assert report.total_mean_ms * runs <= wall_ms
    assert all(r.ms <= report.total_ms + 1e-9 for r in report)  # per run, each node <= the call
    assert sum(r.percent for r in report) == pytest.approx(100.0) or report.nodes_ms == 0
    by_type = {t.op_type: t.nodes for t in report.by_op_type()}
    assert by_type == {"MatMul": 1, "Add": 1, "Relu": 1, "Softmax": 1}


def test_reset_and_printed_table(capsys):
    model = onnx_mlir.compile(_mlp(), profile=True)
    x = np.zeros((8, 32), np.float32)
    model.run(None, {"x": x})
    model.reset_profile()
    report = model.profile()
    assert report.runs == 0 and len(report) == 0
    assert "no run yet" in report.format()
    model.run(None, {"x": x})
    model.print_profile(top=2)
    out = capsys.readouterr().out
    assert "over 1 run(s)" in out and "8x16" in out and "2 more node(s)" in out
    assert all(op in out for op in ("MatMul", "Add", "Relu", "Softmax"))  # the op-type summary


def test_environment_variable_and_unprofiled_models(monkeypatch):
    monkeypatch.setenv("ONNX_MLIR_PROFILE", "1")
    assert onnx_mlir.compile(_mlp()).profiled
    assert not onnx_mlir.compile(_mlp(), profile=False).profiled  # the argument wins
    monkeypatch.setenv("ONNX_MLIR_PROFILE", "0")
    plain = onnx_mlir.compile(_mlp())
    assert not plain.profiled
    with pytest.raises(OnnxMlirError, match="profile=True"):
        plain.profile()
    with pytest.raises(TypeError, match="CPU target only"):
        onnx_mlir.compile(_mlp(), target="gpu", profile=True)


def _stages(profile: bool) -> dict[str, str]:
    seen = {}
    onnx_mlir.compile(_mlp(64, 128, 128), profile=profile,
                      on_stage=lambda name, m: seen.__setitem__(name, str(m)))
    return seen


def _scheduled_ops(text: str) -> collections.Counter:
    """Loop, vector, linalg and allocation ops of a stage's IR (what a schedule decides)."""
    names = []
    for line in text.splitlines():
        for word in line.replace("=", " ").split():
            if word.startswith(("vector.", "scf.", "linalg.", "memref.alloc", "memref.dealloc", "memref.subview")):
                names.append(word)
                break
    return collections.Counter(names)


def test_profile_off_leaves_the_ir_alone_and_on_keeps_the_schedules():
    off, on = _stages(False), _stages(True)
    for name, text in off.items():
        assert "nanoTime" not in text and "onnx_mlir.profile" not in text, name
    assert "nanoTime" in on["linalg"] and "nanoTime" in on["llvm"]
    # The matmul is tiled and vectorized the same way with the clock reads between the ops.
    for stage in ("schedule", "bufferize", "loops"):
        assert _scheduled_ops(on[stage]) == _scheduled_ops(off[stage]), stage
    assert _scheduled_ops(off["loops"])["vector.contract"] + _scheduled_ops(off["loops"])["vector.outerproduct"] \
        + _scheduled_ops(off["loops"])["vector.fma"] > 0


def test_dynamic_shapes_and_failed_checks_are_profiled():
    model = _model([h.make_node("Add", ["a", "b"], ["s"], name="add0"),
                    h.make_node("Neg", ["s"], ["y"], name="neg0")],
                   [_vi("a", ["n"]), _vi("b", ["m"])], [_vi("y", [None])])
    compiled = onnx_mlir.compile(model, profile=True)
    a = np.arange(4, dtype=np.float32)
    (y,) = compiled.run(None, {"a": a, "b": a})
    np.testing.assert_array_equal(y, -(a + a))
    with pytest.raises(ExecutionError) as info:
        compiled.run(None, {"a": a, "b": np.ones(3, np.float32)})
    assert info.value.node == "add0"
    compiled.run(None, {"a": a, "b": a})
    report = compiled.profile()
    assert report.runs == 3
    assert {(r.node, r.op_type, r.shape) for r in report} == {("add0", "Add", (None,)), ("neg0", "Neg", (None,))}


def test_runs_in_threads_all_count():
    model = onnx_mlir.compile(_mlp(), profile=True)
    x = np.ones((8, 32), np.float32)

    def work():
        for _ in range(20):
            model.run(None, {"x": x})

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert model.profile().runs == 80
    model.reset_profile()
    assert model.profile().runs == 0
