"""QLinearMatMul whose scales and zero points arrive as 1-D tensors of dynamic length: one entry
(per tensor) or one per row of A / column of B, known only at run time. One compile, several
sizes, each matching onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from shape_check_helpers import model, ort_run, vi


def _qlinear_matmul():
    names = ["a", "a_scale", "a_zero_point", "b", "b_scale", "b_zero_point", "y_scale",
             "y_zero_point"]
    elems = [T.UINT8, T.FLOAT, T.UINT8, T.UINT8, T.FLOAT, T.UINT8, T.FLOAT, T.UINT8]
    shapes = [["m", "k"], ["as"], ["az"], ["k", "n"], ["bs"], ["bz"], ["ys"], ["yz"]]
    node = h.make_node("QLinearMatMul", names, ["y"], name="node")
    return model([node], [vi(n, s, e) for n, s, e in zip(names, shapes, elems)],
                 [vi("y", ["m", "n"], T.UINT8)], opset=21)


def _feeds(rng, m, k, n, per_column):
    u8 = lambda *shape: rng.integers(0, 255, shape).astype(np.uint8)
    return {"a": u8(m, k), "a_scale": np.array([0.02], np.float32), "a_zero_point": u8(1),
            "b": u8(k, n),
            "b_scale": (rng.uniform(0.01, 0.03, n) if per_column else np.array([0.03])).astype(np.float32),
            "b_zero_point": u8(n) if per_column else u8(1),
            "y_scale": np.array([0.7], np.float32), "y_zero_point": u8(1)}


def test_qlinear_matmul_parameters_of_dynamic_length():
    m = _qlinear_matmul()
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(0)
    for sizes, per_column in (((2, 4, 3), False), ((5, 3, 6), True), ((3, 2, 4), False)):
        feeds = _feeds(rng, *sizes, per_column)
        ours, ref = compiled.run(None, feeds)[0], ort_run(m, feeds)[0]
        assert ours.shape == ref.shape
        np.testing.assert_array_equal(ours, ref)
    bad = dict(_feeds(rng, 2, 4, 3, False), y_scale=np.array([0.5, 0.5], np.float32))
    with pytest.raises(onnx_mlir.ExecutionError, match="y_scale") as info:
        compiled.run(None, bad)
    assert info.value.node == "node"


@pytest.mark.parametrize("op", ["DequantizeLinear", "QuantizeLinear"])
def test_qdq_parameters_of_dynamic_length(op):
    """A 1-D scale / zero point of run-time length: one entry (per tensor) or one per element
    of the axis (per axis), as each run gives it."""
    x_elem, zp_elem = (T.UINT8, T.UINT8) if op == "DequantizeLinear" else (T.FLOAT, T.UINT8)
    node = h.make_node(op, ["x", "s", "z"], ["y"], name="node", axis=1)
    y_elem = T.FLOAT if op == "DequantizeLinear" else T.UINT8
    m = model([node], [vi("x", ["a", "c"], x_elem), vi("s", ["k"]), vi("z", ["k"], zp_elem)],
              [vi("y", ["a", "c"], y_elem)], opset=21)
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(1)
    for rows, cols, k in ((2, 4, 1), (3, 5, 5)):
        x = (rng.integers(0, 255, (rows, cols)).astype(np.uint8) if op == "DequantizeLinear"
             else rng.uniform(-3, 3, (rows, cols)).astype(np.float32))
        feeds = {"x": x, "s": rng.uniform(0.01, 0.1, k).astype(np.float32),
                 "z": rng.integers(0, 255, k).astype(np.uint8)}
        ours, ref = compiled.run(None, feeds)[0], ort_run(m, feeds)[0]
        assert ours.shape == ref.shape
        np.testing.assert_allclose(ours, ref, rtol=1e-6, atol=1e-6)
    with pytest.raises(onnx_mlir.ExecutionError) as info:
        compiled.run(None, dict(feeds, s=np.ones(3, np.float32), z=np.zeros(3, np.uint8)))
    assert info.value.node == "node"
