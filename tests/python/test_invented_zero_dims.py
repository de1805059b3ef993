"""Size-0 dims that ONNX shape inference invents from unknown ones (importer/invented_zero_dims.py):
Attention with dynamic head sizes is inferred as ``[b, s, 0]``; the compiled model must compute
the real sizes (one compile, two run-time sizes, matching onnxruntime)."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import helper as h

import onnx_mlir
from onnx_mlir.importer.invented_zero_dims import drop_invented_zero_dims
from shape_check_helpers import model, ort_run, vi

F32 = np.float32


def _dims(type_proto):
    return [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?")
            for d in type_proto.tensor_type.shape.dim]


def _attention(q_shape, kv_shape, v_shape, outputs=("y",), inputs=("q", "k", "v"), extra=()):
    node = h.make_node("Attention", list(inputs), list(outputs), q_num_heads=2, kv_num_heads=2)
    # ONNX infers no present key/value type here: declared with symbolic dims, as exporters do.
    declared = [vi(o, None if o == "y" else [f"{o}{i}" for i in range(4)]) for o in outputs]
    return model([node], [vi("q", q_shape), vi("k", kv_shape), vi("v", v_shape), *extra],
                 declared, opset=23)


def test_onnx_still_invents_the_zero():
    """The quirk the module works around (if onnx fixes it, the module is a no-op)."""
    m = onnx.shape_inference.infer_shapes(_attention(["b", "s", 8], ["b", "t", 8], ["b", "t", "e"]))
    assert _dims(m.graph.output[0].type) in (["b", "s", 0], ["b", "s", "?"])


def test_zero_from_unknown_dims_is_dropped_and_flows_on():
    m = _attention(["b", "s", 8], ["b", "t", 8], ["b", "t", "e"])
    m.graph.node.append(h.make_node("Relu", ["y"], ["z"]))
    m.graph.output.append(vi("z", None))
    inferred = onnx.shape_inference.infer_shapes(m)
    drop_invented_zero_dims(inferred.graph)
    assert _dims(inferred.graph.output[0].type)[2] == "?"
    assert _dims(inferred.graph.output[1].type)[2] == "?"  # the Relu after it


def test_zero_from_static_dims_stays():
    """A 0 a node computes from known sizes (here an empty input) is real."""
    m = model([h.make_node("Relu", ["x"], ["y"])], [vi("x", [0, "n"])], [vi("y", None)])
    inferred = onnx.shape_inference.infer_shapes(m)
    drop_invented_zero_dims(inferred.graph)
    assert _dims(inferred.graph.output[0].type)[0] == 0


def test_shape_of_a_scalar_keeps_its_zero_length():
    m = model([h.make_node("Shape", ["x"], ["y"], start=1, end=1)], [vi("x", ["n", 3])],
              [vi("y", None, onnx.TensorProto.INT64)])
    inferred = onnx.shape_inference.infer_shapes(m)
    drop_invented_zero_dims(inferred.graph)
    assert _dims(inferred.graph.output[0].type) == [0]


@pytest.mark.parametrize("past", [False, True])
def test_attention_with_dynamic_dims_runs_at_two_sizes(past):
    extra, inputs, outputs = (), ("q", "k", "v"), ("y",)
    if past:
        extra = (vi("pk", ["b", 2, "p", "d"]), vi("pv", ["b", 2, "p", "e"]))
        inputs = ("q", "k", "v", "", "pk", "pv")
        outputs = ("y", "present_k", "present_v")
    m = _attention(["b", "s", "hq"], ["b", "t", "hq"], ["b", "t", "hv"], outputs, inputs, extra)
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(0)
    for batch, s, t, head, vhead, p in ((2, 4, 6, 4, 3, 2), (1, 3, 5, 8, 6, 4)):
        feeds = {"q": rng.standard_normal((batch, s, 2 * head)).astype(F32),
                 "k": rng.standard_normal((batch, t, 2 * head)).astype(F32),
                 "v": rng.standard_normal((batch, t, 2 * vhead)).astype(F32)}
        if past:
            feeds["pk"] = rng.standard_normal((batch, 2, p, head)).astype(F32)
            feeds["pv"] = rng.standard_normal((batch, 2, p, vhead)).astype(F32)
        for ours, ref in zip(compiled.run(None, feeds), ort_run(m, feeds)):
            assert ours.shape == ref.shape
            np.testing.assert_allclose(ours, ref, rtol=1e-4, atol=1e-5)
