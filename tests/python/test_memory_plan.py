"""Planned buffer reuse (lowering/cpu/memory_plan.py, cpu-plan-memory): models whose
intermediates share allocations made once per call give onnxruntime's results, static and dynamic batch at
several batch sizes, with two threads, with the profile on, after a failed run-time check, and
their results stay valid after later runs (they never point into a shared allocation)."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

import onnx_mlir
from numerics import run_onnxruntime

F32 = np.float32
rng = np.random.default_rng(0)


def _const(name: str, shape) -> onnx.TensorProto:
    return numpy_helper.from_array((rng.standard_normal(shape) * 0.2).astype(F32), name)


def _mlp_model(batch) -> onnx.ModelProto:
    """x -> Gemm -> Relu -> Gemm -> + x -> Softmax, and the Relu as a second output: a chain
    whose intermediates die one after another, one of them also a result."""
    nodes = [h.make_node("Gemm", ["x", "w1", "b1"], ["g1"], transB=1),
             h.make_node("Relu", ["g1"], ["r"]),
             h.make_node("Gemm", ["r", "w2", "b2"], ["g2"], transB=1),
             h.make_node("Add", ["g2", "x"], ["s"]),
             h.make_node("Softmax", ["s"], ["y"], axis=1)]
    graph = h.make_graph(nodes, "mlp", [h.make_tensor_value_info("x", T.FLOAT, [batch, 24])],
                         [h.make_tensor_value_info("y", T.FLOAT, [batch, 24]),
                          h.make_tensor_value_info("r", T.FLOAT, [batch, 40])],
                         [_const("w1", (40, 24)), _const("b1", (40,)), _const("w2", (24, 40)),
                          _const("b2", (24,))])
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def _conv_model(batch) -> onnx.ModelProto:
    """Conv -> Relu -> Conv -> + the first Relu -> MaxPool -> Flatten -> Gemm."""
    nodes = [h.make_node("Conv", ["x", "k1"], ["c1"], pads=[1, 1, 1, 1]),
             h.make_node("Relu", ["c1"], ["r1"]),
             h.make_node("Conv", ["r1", "k2"], ["c2"], pads=[1, 1, 1, 1]),
             h.make_node("Add", ["c2", "r1"], ["s"]),
             h.make_node("MaxPool", ["s"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
             h.make_node("Flatten", ["p"], ["f"]),
             h.make_node("Gemm", ["f", "w"], ["y"], transB=1)]
    graph = h.make_graph(nodes, "cnn", [h.make_tensor_value_info("x", T.FLOAT, [batch, 3, 8, 8])],
                         [h.make_tensor_value_info("y", T.FLOAT, [batch, 10])],
                         [_const("k1", (16, 3, 3, 3)), _const("k2", (16, 16, 3, 3)),
                          _const("w", (10, 16 * 4 * 4))])
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def _check(compiled, model, batches, shape_tail) -> None:
    kept = []
    for batch in batches:
        feeds = {"x": rng.standard_normal((batch, *shape_tail)).astype(F32)}
        got = compiled.run(None, feeds)
        want = run_onnxruntime(model, feeds)
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-5)
        kept.append((got, want))
    for got, want in kept:  # later runs reused the same slots: earlier results are untouched
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-5)


def _loops_ir(model) -> str:
    from onnx_mlir.compiler.driver import compile_for_cpu
    texts = {}
    compile_for_cpu(model, num_threads=1,
                    on_stage=lambda name, module: texts.setdefault(name, str(module)))
    return texts["loops"]


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_mlp_chain_matches_onnxruntime(dynamic) -> None:
    model = _mlp_model("batch" if dynamic else 5)
    compiled = onnx_mlir.compile(model, num_threads=1)
    _check(compiled, model, [1, 3, 8, 17] if dynamic else [5, 5], (24,))


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("threads", [1, 2])
def test_conv_net_matches_onnxruntime(dynamic, threads, monkeypatch) -> None:
    monkeypatch.setenv("ONNX_MLIR_MIN_PARALLEL_MACS", "0")  # split even these small convs
    model = _conv_model("batch" if dynamic else 2)
    compiled = onnx_mlir.compile(model, num_threads=threads)
    _check(compiled, model, [1, 2, 5] if dynamic else [2, 2], (3, 8, 8))


def test_profiled_model_matches_onnxruntime() -> None:
    model = _conv_model(2)
    compiled = onnx_mlir.compile(model, num_threads=1, profile=True)
    _check(compiled, model, [2, 2, 2], (3, 8, 8))
    assert len(compiled.profile()) == 7  # the clock reads still bracket each node


def test_failed_check_then_good_runs() -> None:
    """A failed run-time check (the second input's batch differs) returns its error without
    leaving the planned buffers in a state that breaks the next runs."""
    nodes = [h.make_node("Relu", ["a"], ["ra"]), h.make_node("Exp", ["b"], ["eb"]),
             h.make_node("Add", ["ra", "eb"], ["s"]), h.make_node("Sigmoid", ["s"], ["y"])]
    graph = h.make_graph(nodes, "g", [h.make_tensor_value_info("a", T.FLOAT, ["n", 6]),
                                      h.make_tensor_value_info("b", T.FLOAT, ["m", 6])],
                         [h.make_tensor_value_info("y", T.FLOAT, None)])
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17)])
    model.ir_version = 8
    compiled = onnx_mlir.compile(model, num_threads=1)
    for _ in range(3):
        with pytest.raises(onnx_mlir.ExecutionError, match="broadcast"):
            compiled.run(None, {"a": np.ones((4, 6), F32), "b": np.ones((3, 6), F32)})
        feeds = {"a": rng.standard_normal((4, 6)).astype(F32), "b": rng.standard_normal((4, 6)).astype(F32)}
        np.testing.assert_allclose(compiled.run(None, feeds)[0], run_onnxruntime(model, feeds)[0],
                                   rtol=1e-6, atol=1e-6)


def test_static_intermediates_share_allocations() -> None:
    """The intermediates of the static chain share fewer, smaller allocations than their sum."""
    ir_text = _loops_ir(_mlp_model(5))
    assert "onnx_mlir.memory_plan" in ir_text
    assert "memref.view" in ir_text
    import re
    total, count = (int(x) for x in re.search(r"buffer_bytes = (\d+) : i64, buffers = (\d+)", ir_text).groups())
    slot_bytes, slots = (int(x) for x in re.search(r"slot_bytes = (\d+) : i64, slots = (\d+)", ir_text).groups())
    assert count >= 3 and slots < count and slot_bytes < total
