"""Numerics of the indexing lowerings (lowering/onnx_to_linalg/indexing.py) against
onnxruntime: Gather, GatherElements, GatherND, ScatterElements, ScatterND, TensorScatter, Compress
(its output size counted at run time)."""

from __future__ import annotations

import numpy as np
import onnx_mlir
import pytest

from data_numerics import ALL_DTYPES, NUMERIC_DTYPES, check, dtype_params
from numerics import single_node_model

F32, I32, I64 = np.float32, np.int32, np.int64
OPSET = 18
rng = np.random.default_rng(0)


def model(op, inputs, outputs, initializers=None, **attrs):
    return single_node_model(op, inputs, outputs, initializers=initializers, opset=OPSET, **attrs)


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_gather_dtypes(dtype) -> None:
    m = model("Gather", [("x", dtype, [4, 3]), ("i", I64, [2, 2])], [("y", dtype, None)], axis=0)
    x = rng.integers(0, 2, size=(4, 3)).astype(dtype)
    check(m, {"x": x, "i": np.array([[0, -1], [2, 1]], I64)})


@pytest.mark.parametrize("axis", [0, 1, 2, -1])
@pytest.mark.parametrize("idx_dtype", [I32, I64], ids=["i32", "i64"])
def test_gather_axes(axis, idx_dtype) -> None:
    m = model("Gather", [("x", F32, [3, 4, 5]), ("i", idx_dtype, [2, 3])], [("y", F32, None)],
              axis=axis)
    size = [3, 4, 5][axis]
    i = rng.integers(-size, size, size=(2, 3)).astype(idx_dtype)
    check(m, {"x": rng.random((3, 4, 5), dtype=F32), "i": i})


def test_gather_scalar_index() -> None:
    m = model("Gather", [("x", F32, [3, 4]), ("i", I64, [])], [("y", F32, None)], axis=1)
    check(m, {"x": rng.random((3, 4), dtype=F32), "i": np.array(-2, I64)})


@pytest.mark.parametrize("dtype", dtype_params([F32, np.float16, I32, np.int8, np.uint8]))
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_gather_elements(dtype, axis) -> None:
    m = model("GatherElements", [("x", dtype, [3, 4]), ("i", I64, [2, 4])],
              [("y", dtype, None)], axis=axis)
    size = [3, 4][axis]
    i = rng.integers(-size, size, size=(2, 4)).astype(I64)
    check(m, {"x": rng.integers(0, 9, size=(3, 4)).astype(dtype), "i": i})


@pytest.mark.parametrize("case", [
    ([2, 2], [2, 2], 0),         # element gather
    ([2, 2], [2, 1], 0),         # row gather
    ([2, 2, 2], [2, 1, 2], 0),
    ([2, 2, 2], [2, 1], 1),      # batch_dims
    ([2, 3, 4], [2, 2, 2], 1),
], ids=str)
def test_gather_nd(case) -> None:
    dshape, ishape, bd = case
    m = model("GatherND", [("x", F32, dshape), ("i", I64, ishape)], [("y", F32, None)],
              batch_dims=bd)
    k = ishape[-1]
    highs = dshape[bd:bd + k]
    i = np.stack([rng.integers(-h, h, size=ishape[:-1]) for h in highs], axis=-1).astype(I64)
    check(m, {"x": rng.random(dshape, dtype=F32), "i": i})


@pytest.mark.parametrize("dtype", dtype_params(NUMERIC_DTYPES))
@pytest.mark.parametrize("reduction", ["none", "add", "mul", "max", "min"])
def test_scatter_elements(dtype, reduction) -> None:
    m = model("ScatterElements", [("x", dtype, [3, 4]), ("i", I64, [2, 3]), ("u", dtype, [2, 3])],
              [("y", dtype, None)], axis=1, reduction=reduction)
    # Duplicated targets only where the reduction defines the result.
    i = np.array([[1, -1, 0], [2, 0, 3]] if reduction == "none" else [[1, 1, 0], [3, 0, 3]], I64)
    x = rng.integers(1, 5, size=(3, 4)).astype(dtype)
    u = rng.integers(1, 5, size=(2, 3)).astype(dtype)
    check(m, {"x": x, "i": i, "u": u})


def test_scatter_elements_axis0() -> None:
    m = model("ScatterElements", [("x", F32, [3, 3]), ("i", I64, [2, 3]), ("u", F32, [2, 3])],
              [("y", F32, None)], axis=0)
    check(m, {"x": np.zeros((3, 3), F32), "i": np.array([[1, 0, 2], [0, 2, 1]], I64),
              "u": rng.random((2, 3), dtype=F32)})


@pytest.mark.parametrize("dtype", dtype_params([F32, np.float64, I32, I64, np.uint8]))
@pytest.mark.parametrize("reduction", ["none", "add", "mul", "max", "min"])
def test_scatter_nd(dtype, reduction) -> None:
    m = model("ScatterND", [("x", dtype, [4, 4, 4]), ("i", I64, [2, 1]),
                            ("u", dtype, [2, 4, 4])], [("y", dtype, None)], reduction=reduction)
    i = np.array([[0], [2]] if reduction == "none" else [[0], [0]], I64)
    check(m, {"x": rng.integers(1, 5, size=(4, 4, 4)).astype(dtype), "i": i,
              "u": rng.integers(1, 5, size=(2, 4, 4)).astype(dtype)})


def test_scatter_nd_elements() -> None:
    m = model("ScatterND", [("x", F32, [4, 3]), ("i", I64, [3, 2]), ("u", F32, [3])],
              [("y", F32, None)])
    check(m, {"x": np.zeros((4, 3), F32), "i": np.array([[0, 1], [3, -1], [-2, 0]], I64),
              "u": np.array([1, 2, 3], F32)})


@pytest.mark.parametrize("mode,writes", [
    ("linear", None), ("linear", [0, 3]), ("linear", [6, 2]),   # 6 + 2 = max_seq: the last slots
    ("circular", [7, 5]), ("circular", None)])
@pytest.mark.parametrize("dtype", dtype_params([F32, np.float16, I64]))
def test_tensor_scatter(mode, writes, dtype) -> None:
    """A KV-cache update (opset 24): update rows written at write_indices[b] along axis -2."""
    inputs = [("past", dtype, [2, 3, 8, 4]), ("upd", dtype, [2, 3, 2, 4])]
    feeds = {"past": rng.integers(0, 9, size=(2, 3, 8, 4)).astype(dtype),
             "upd": rng.integers(10, 19, size=(2, 3, 2, 4)).astype(dtype)}
    if writes is not None:
        inputs.append(("w", I64, [2]))
        feeds["w"] = np.array(writes, I64)
    m = single_node_model("TensorScatter", inputs, [("y", dtype, None)], opset=24, mode=mode)
    check(m, feeds)


def test_tensor_scatter_linear_overflow_is_an_execution_error() -> None:
    m = single_node_model("TensorScatter", [("past", F32, [1, 8, 2]), ("upd", F32, [1, 3, 2]),
                                            ("w", I64, [1])], [("y", F32, None)], opset=24, axis=1)
    compiled = onnx_mlir.compile(m)
    with pytest.raises(onnx_mlir.ExecutionError, match="write index 6 is out of range"):
        compiled.run(None, {"past": np.zeros((1, 8, 2), F32), "upd": np.ones((1, 3, 2), F32),
                            "w": np.array([6], I64)})


@pytest.mark.parametrize("axis", [0, 1, -1, None], ids=str)
def test_compress_constant_condition(axis) -> None:
    attrs = {} if axis is None else {"axis": axis}
    cond = np.array([False, True, True, False, True])
    m = model("Compress", [("x", F32, [5, 6]), ("c", np.bool_, [5])], [("y", F32, None)],
              initializers={"c": cond}, **attrs)
    check(m, {"x": rng.random((5, 6), dtype=F32)})


ANY_COUNT = ([1, 0, 0, 1, 1], [1, 1, 1, 0, 0], [0] * 5, [1] * 5)
TWO_TRUE = ([1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0])


@pytest.mark.parametrize("axis,length,declared,conditions", [
    (0, 4, None, ANY_COUNT), (1, 2, None, ANY_COUNT), (None, 5, None, ANY_COUNT),
    (0, 4, [2, 3], TWO_TRUE)], ids=["axis0", "axis1-short", "flat-short", "axis0-declared-2x3"])
def test_compress_runtime_condition_counts_at_run_time(axis, length, declared, conditions) -> None:
    """The output size is the number of true entries, counted at run time. A declared static
    output size is recorded, not used to size the gather (with 0 true entries that read past the
    input); the refining cast to it is what the run-time checks verify, so only agreeing
    conditions are run here."""
    from numerics import run_onnxruntime

    attrs = {} if axis is None else {"axis": axis}
    m = model("Compress", [("x", F32, [4, 3]), ("c", np.bool_, [length])], [("y", F32, declared)],
              **attrs)
    compiled = onnx_mlir.compile(m)
    x = rng.random((4, 3), dtype=F32)
    for flags in conditions:
        feeds = {"x": x, "c": np.array(flags[:length], np.bool_)}
        (got,), (want,) = compiled.run(None, feeds), run_onnxruntime(m, feeds)
        assert got.shape == want.shape
        np.testing.assert_array_equal(got, want)

