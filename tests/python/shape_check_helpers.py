"""Helpers of the shape-agreement run-time check tests (test_shape_checks_*.py).

Each case compiles one model whose inputs have dynamic dims, runs it with sizes that agree (the
result matches onnxruntime), then with sizes that do not (``ExecutionError`` naming the node and
the sizes, no out-of-bounds access), then with good sizes again (the model survives).
"""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from onnx_mlir import CompilationError, ExecutionError, OnnxImportError

F32 = np.float32


def model(nodes, inputs, outputs, initializers=(), opset=18):
    graph = h.make_graph(nodes, "g", inputs, outputs, list(initializers))
    m = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])
    m.ir_version = 9
    return m


def vi(name, shape, elem=T.FLOAT):
    return h.make_tensor_value_info(name, elem, shape)


def ort_run(m, feeds):
    sess = ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])
    return sess.run(None, feeds)


def check_good_then_bad(m, good, bad, node, *fragments, rtol=1e-5, atol=1e-6):
    """Good feeds match onnxruntime, bad feeds raise ExecutionError at ``node`` whose message
    holds every fragment, then good feeds match again. ``bad`` may be a list of feeds."""
    compiled = onnx_mlir.compile(m)
    bads = bad if isinstance(bad, list) else [bad]
    for feeds in (good, *bads, good):
        if any(feeds is x for x in bads):
            with pytest.raises(ExecutionError) as info:
                compiled.run(None, feeds)
            assert info.value.node == node, str(info.value)
            for fragment in fragments:
                assert fragment in str(info.value), str(info.value)
            continue
        for ours, ref in zip(compiled.run(None, feeds), ort_run(m, feeds)):
            assert ours.shape == ref.shape
            np.testing.assert_allclose(ours, ref, rtol=rtol, atol=atol)
    return compiled


def runtime_check_messages(m) -> list[str]:
    """The messages of the run-time checks the lowering of ``m`` leaves (one per check)."""
    from mlir import ir

    found: list[str] = []

    def on_stage(name, module):
        if name == "linalg":
            attrs = module.operation.attributes
            if "onnx_mlir.runtime_checks" in attrs:
                found.extend(ir.StringAttr(ir.DictAttr(d)["message"]).value
                             for d in ir.ArrayAttr(attrs["onnx_mlir.runtime_checks"]))

    onnx_mlir.compile(m, on_stage=on_stage)
    return found


def check_compile_error(m, *fragments):
    """Static shapes that contradict each other are refused at compile time: by the lowering
    (CompilationError) or, where ONNX shape inference already rejects the node, at import
    (OnnxImportError); both name the node."""
    with pytest.raises((CompilationError, OnnxImportError)) as info:
        onnx_mlir.compile(m)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


def ort_rejects(m, feeds):
    """onnxruntime refuses ``feeds`` too (the bad case is bad by ONNX's rules, not ours)."""
    with pytest.raises(Exception):
        ort_run(m, feeds)


__all__ = ["F32", "T", "h", "model", "vi", "ort_run", "check_good_then_bad",
           "check_compile_error", "ort_rejects", "runtime_check_messages", "np", "pytest", "onnx_mlir", "ExecutionError"]
