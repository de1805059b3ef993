"""The example plugin end to end: compile() fuses the exported GELU subgraph into
example.fused_gelu and lowers it with the plugin's pattern; the result matches onnxruntime
running the unfused model."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper

import onnx_mlir


def gelu_model(shape, elem=TensorProto.FLOAT, half_first=False) -> onnx.ModelProto:
    """A Linear + GELU block as torch.onnx.export writes it (Div/Erf/Add/Mul/Mul)."""
    dtype = helper.tensor_dtype_to_np_dtype(elem)
    consts = {"sqrt2": np.sqrt(2.0), "one": 1.0, "half": 0.5}
    inits = [helper.make_tensor(n, elem, [], np.array([v], dtype=dtype)) for n, v in consts.items()]
    w = np.random.default_rng(0).standard_normal((shape[-1], shape[-1])).astype(dtype)
    inits.append(helper.make_tensor("w", elem, list(w.shape), w))
    nodes = [helper.make_node("MatMul", ["x", "w"], ["h"]),
             helper.make_node("Div", ["h", "sqrt2"], ["d"]),
             helper.make_node("Erf", ["d"], ["e"]),
             helper.make_node("Add", ["e", "one"], ["a"])]
    if half_first:
        nodes += [helper.make_node("Mul", ["half", "h"], ["hh"]),
                  helper.make_node("Mul", ["hh", "a"], ["y"])]
    else:
        nodes += [helper.make_node("Mul", ["h", "a"], ["m"]),
                  helper.make_node("Mul", ["m", "half"], ["y"])]
    graph = helper.make_graph(nodes, "gelu", [helper.make_tensor_value_info("x", elem, shape)],
                              [helper.make_tensor_value_info("y", elem, shape)], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


@pytest.mark.parametrize("shape,half_first", [([4, 16], False), ([2, 3, 8], True), ([1, 64], False)])
def test_fused_gelu_matches_onnxruntime(shape, half_first):
    model = gelu_model(shape, half_first=half_first)
    stages: dict[str, str] = {}
    compiled = onnx_mlir.compile(model, extra_passes={"after-onnx": "example-gelu"},
                                 on_stage=lambda name, m: stages.setdefault(name, str(m)))
    assert "example.fused_gelu" in stages["onnx"] and "onnx.erf" not in stages["onnx"]
    x = np.random.default_rng(1).standard_normal(shape).astype(np.float32) * 3
    (ours,) = compiled.run(None, {"x": x})
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    (reference,) = session.run(None, {"x": x})
    np.testing.assert_allclose(ours, reference, rtol=1e-5, atol=1e-5)


def test_without_the_pipeline_nothing_is_fused():
    stages: dict[str, str] = {}
    onnx_mlir.compile(gelu_model([2, 4]), on_stage=lambda name, m: stages.setdefault(name, str(m)))
    assert "example.fused_gelu" not in stages["onnx"]
