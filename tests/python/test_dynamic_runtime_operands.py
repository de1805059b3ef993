"""Operands read at run time on inputs with dynamic dims: Squeeze/Unsqueeze axes and TopK's K.
One compile, two run-time sizes (and operand values), each matching onnxruntime; bad operand
values are an ExecutionError naming the node."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from shape_check_helpers import model, ort_run, vi

F32 = np.float32


def _axes_model(op, rank, n_axes):
    out_rank = rank + n_axes if op == "Unsqueeze" else rank - n_axes
    node = h.make_node(op, ["x", "axes"], ["y"], name="node")
    return model([node], [vi("x", [f"d{i}" for i in range(rank)]), vi("axes", [n_axes], T.INT64)],
                 [vi("y", [f"o{i}" for i in range(out_rank)])])


def _check(compiled, m, feeds):
    ours, ref = compiled.run(None, feeds), ort_run(m, feeds)
    for a, e in zip(ours, ref):
        assert a.shape == e.shape
        np.testing.assert_allclose(a, e, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("op, rank, cases, bad, message", [
    ("Unsqueeze", 2, [((3, 4), [0, -1]), ((2, 5), [1, 3]), ((2, 5), [2, 1])],
     ((3, 4), [0, 0]), "repeated"),
    ("Unsqueeze", 0, [((), [0])], ((), [1]), "out of range"),
    ("Squeeze", 3, [((3, 1, 4), [1]), ((1, 2, 5), [-3]), ((2, 5, 1), [2])],
     ((3, 2, 4), [1]), "not 1"),
])
def test_run_time_axes_on_dynamic_shapes(op, rank, cases, bad, message):
    m = _axes_model(op, rank, len(cases[0][1]))
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(0)
    for shape, axes in cases:
        _check(compiled, m, {"x": rng.standard_normal(shape).astype(F32),
                             "axes": np.array(axes, np.int64)})
    shape, axes = bad
    with pytest.raises(onnx_mlir.ExecutionError, match=message) as info:
        compiled.run(None, {"x": np.zeros(shape, F32), "axes": np.array(axes, np.int64)})
    assert info.value.node == "node"


@pytest.mark.parametrize("largest", [0, 1])
def test_topk_run_time_k_on_dynamic_shapes(largest):
    node = h.make_node("TopK", ["x", "k"], ["values", "indices"], name="node", axis=1,
                       largest=largest)
    m = model([node], [vi("x", ["a", "b"]), vi("k", [1], T.INT64)],
              [vi("values", ["a", "k"]), vi("indices", ["a", "k"], T.INT64)])
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(1)
    for shape, k in (((3, 7), 2), ((2, 5), 5), ((4, 6), 0)):
        _check(compiled, m, {"x": rng.permutation(np.prod(shape)).reshape(shape).astype(F32),
                             "k": np.array([k], np.int64)})
    for k in (6, -1):
        with pytest.raises(onnx_mlir.ExecutionError, match="K is") as info:
            compiled.run(None, {"x": np.zeros((2, 5), F32), "k": np.array([k], np.int64)})
        assert info.value.node == "node"


def test_gather_nd_index_depth_from_the_ranks():
    """GatherND indices [n, k] with k dynamic: the result rank gives k (checked at run time)."""
    node = h.make_node("GatherND", ["d", "i"], ["y"], name="node")
    m = model([node], [vi("d", ["a", "b", "c"]), vi("i", ["n", "k"], T.INT64)], [vi("y", ["o", "p"])])
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(2)
    for shape, idx in (((3, 4, 5), [[0, 1], [2, -1]]), ((2, 2, 7), [[1, 0], [0, 1], [1, 1]])):
        _check(compiled, m, {"d": rng.standard_normal(shape).astype(F32),
                             "i": np.array(idx, np.int64)})
    with pytest.raises(onnx_mlir.ExecutionError, match="the ranks say 2") as info:
        compiled.run(None, {"d": np.zeros((3, 4, 5), F32), "i": np.zeros((2, 3), np.int64)})
    assert info.value.node == "node"


def test_scatter_nd_index_depth_from_the_ranks():
    node = h.make_node("ScatterND", ["d", "i", "u"], ["y"], name="node", reduction="add")
    m = model([node], [vi("d", ["a", "b"]), vi("i", ["n", "k"], T.INT64), vi("u", ["m"])],
              [vi("y", ["o", "p"])])
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(3)
    for shape, idx in (((3, 4), [[0, 1], [2, 3], [0, 1]]), ((5, 2), [[1, 0], [4, 1]])):
        _check(compiled, m, {"d": rng.standard_normal(shape).astype(F32),
                             "i": np.array(idx, np.int64),
                             "u": rng.standard_normal(len(idx)).astype(F32)})


@pytest.mark.parametrize("axes", [None, [1, 2]])
def test_center_crop_pad_run_time_shape_on_dynamic_input(axes):
    """Crop and pad amounts from a run-time shape and run-time sizes."""
    n = 3 if axes is None else 2
    node = h.make_node("CenterCropPad", ["x", "s"], ["y"], name="node",
                       **({} if axes is None else {"axes": axes}))
    m = model([node], [vi("x", ["a", "b", "c"]), vi("s", [n], T.INT64)], [vi("y", ["o", "p", "q"])])
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(4)
    for shape, target in (((2, 5, 4), [2, 3, 7]), ((3, 2, 9), [4, 6, 2])):
        _check(compiled, m, {"x": rng.standard_normal(shape).astype(F32),
                             "s": np.array(target[3 - n:], np.int64)})
