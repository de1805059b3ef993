"""Helpers of the index-range check tests: one-node models with static or dynamic shapes, and the
good / bad / good run against onnxruntime."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import onnxruntime as ort
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

import onnx_mlir
from onnx_mlir import CompilationError, ExecutionError

HUGE = 2 ** 40
I64_MIN = -2 ** 63
I64_MAX = 2 ** 63 - 1
NODE = "n0"

_ELEM = {np.dtype(np.float32): T.FLOAT, np.dtype(np.int64): T.INT64, np.dtype(np.int32): T.INT32,
         np.dtype(np.bool_): T.BOOL, np.dtype(np.float64): T.DOUBLE, np.dtype(np.uint8): T.UINT8}


def node_model(op_type: str, inputs: Sequence[tuple[str, type, list | None]],
               outputs: Sequence[tuple[str, type, list | None]], *, initializers=None,
               opset: int = 18, **attrs):
    """A model with one node named ``n0``; input/output shapes may hold symbolic dims (str) or
    None (unknown). ``initializers`` (name -> array) become constants, not graph inputs."""
    initializers = dict(initializers or {})
    node = h.make_node(op_type, [name for name, _, _ in inputs], [name for name, _, _ in outputs],
                       name=NODE, **attrs)
    graph_inputs = [h.make_tensor_value_info(name, _ELEM[np.dtype(dt)], shape)
                    for name, dt, shape in inputs if name and name not in initializers]
    graph_outputs = [h.make_tensor_value_info(name, _ELEM[np.dtype(dt)], shape)
                     for name, dt, shape in outputs]
    inits = [numpy_helper.from_array(np.asarray(v), name) for name, v in initializers.items()]
    graph = h.make_graph([node], "g", graph_inputs, graph_outputs, inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])
    model.ir_version = 8
    return model


def ort_run(model, feeds):
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return sess.run(None, feeds)


def good_then_bad(model, good: Sequence[dict], bad: Sequence[tuple[dict, Sequence[str]]],
                  *, ort_rejects_bad: bool = True, node: str = NODE, atol: float = 1e-6):
    """Compile once; each good feed matches onnxruntime; each bad feed raises ExecutionError
    naming the node, with every fragment in its message (and onnxruntime rejects it too); then
    the good feeds again (the process and the model survive)."""
    compiled = onnx_mlir.compile(model)
    for feeds in good:
        _matches(compiled, model, feeds, atol)
    for feeds, fragments in bad:
        with pytest.raises(ExecutionError) as info:
            compiled.run(None, feeds)
        assert info.value.node == node
        for fragment in fragments:
            assert fragment in str(info.value), (fragment, str(info.value))
        if ort_rejects_bad:
            with pytest.raises(Exception):
                ort_run(model, feeds)
    for feeds in good:
        _matches(compiled, model, feeds, atol)
    return compiled


def _matches(compiled, model, feeds, atol: float) -> None:
    ours = compiled.run(None, feeds)
    refs = ort_run(model, feeds)
    assert len(ours) == len(refs)
    for got, want in zip(ours, refs):
        assert got.shape == want.shape, (got.shape, want.shape)
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=atol)


def compile_error(model, *fragments: str) -> CompilationError:
    """Compiling ``model`` fails with a CompilationError naming the node and the fragments."""
    with pytest.raises(CompilationError) as info:
        onnx_mlir.compile(model)
    text = str(info.value)
    assert NODE in text, text
    for fragment in fragments:
        assert fragment in text, (fragment, text)
    return info.value
