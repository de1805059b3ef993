"""Numerics of CumSum, CumProd and TopK against onnxruntime (and numpy where onnxruntime lacks
a kernel)."""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, run_onnx_mlir, single_node_model

F32, F64, I32, I64 = np.float32, np.float64, np.int32, np.int64


def cum_model(op: str, dtype, shape, axis, runtime_axis=False, **attrs):
    inits = {} if runtime_axis else {"axis": np.asarray(axis, dtype=I32)}
    return single_node_model(op, [("x", dtype, shape), ("axis", I32, [])], [("y", dtype, None)],
                             initializers=inits, opset=14 if op == "CumSum" else 26, **attrs)


def numpy_cum(op: str, x: np.ndarray, axis: int, exclusive: int, reverse: int) -> np.ndarray:
    if reverse:
        x = np.flip(x, axis)
    out = (np.cumsum if op == "CumSum" else np.cumprod)(x, axis=axis, dtype=x.dtype)
    if exclusive:
        neutral = np.zeros_like if op == "CumSum" else np.ones_like
        first = neutral(np.take(out, [0], axis=axis))
        out = np.concatenate([first, np.delete(out, -1, axis=axis)], axis=axis)
    return np.flip(out, axis) if reverse else out


@pytest.mark.parametrize("dtype", [F32, F64, I32, I64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("exclusive,reverse", [(0, 0), (1, 0), (0, 1), (1, 1)])
@pytest.mark.parametrize("axis", [0, -1])
def test_cumsum(axis: int, exclusive: int, reverse: int, dtype) -> None:
    model = cum_model("CumSum", dtype, [3, 5], axis, exclusive=exclusive, reverse=reverse)
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("dtype", [F32, F64, I32, I64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("exclusive,reverse", [(0, 0), (1, 1)])
@pytest.mark.parametrize("axis", [1, -3])
def test_cumprod(axis: int, exclusive: int, reverse: int, dtype) -> None:
    """onnxruntime has no CumProd kernel yet: compare with numpy."""
    model = cum_model("CumProd", dtype, [3, 4, 2], axis, exclusive=exclusive, reverse=reverse)
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, size=[3, 4, 2]).astype(dtype) if dtype in (F32, F64) else \
        rng.integers(-3, 4, size=[3, 4, 2]).astype(dtype)
    (out,) = run_onnx_mlir(model, {"x": x})
    np.testing.assert_allclose(out, numpy_cum("CumProd", x, axis, exclusive, reverse), rtol=1e-5)


@pytest.mark.parametrize("axis", [0, 1, -1, -2])
def test_cumsum_runtime_axis(axis: int) -> None:
    model = cum_model("CumSum", F64, [3, 4], 0, runtime_axis=True)
    rng = np.random.default_rng(1)
    feeds = {"x": rng.uniform(-2, 2, size=[3, 4]), "axis": np.asarray(axis, dtype=I32)}
    assert_matches_onnxruntime(model, feeds)


def topk_model(dtype, shape, k, axis, **attrs):
    out_shape = list(shape)
    out_shape[axis] = k
    return single_node_model("TopK", [("x", dtype, shape), ("k", I64, [1])],
                             [("values", dtype, out_shape), ("indices", I64, out_shape)],
                             initializers={"k": np.asarray([k], dtype=I64)}, opset=11,
                             axis=axis, **attrs)


@pytest.mark.parametrize("dtype", [F32, F64, I32, I64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("largest", [0, 1])
@pytest.mark.parametrize("axis,k", [(1, 3), (0, 2), (-1, 5)])
def test_topk(axis: int, k: int, largest: int, dtype) -> None:
    model = topk_model(dtype, [4, 5], k, axis, largest=largest)
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("largest", [0, 1])
def test_topk_ties_lower_index_first(largest: int) -> None:
    model = topk_model(I64, [2, 6], 4, 1, largest=largest)
    feeds = {"x": np.array([[1, 3, 3, 1, 2, 3], [5, 5, 5, 5, 5, 5]], dtype=I64)}
    outs = assert_matches_onnxruntime(model, feeds)
    if largest:
        np.testing.assert_array_equal(outs[1], [[1, 2, 5, 4], [0, 1, 2, 3]])


def test_topk_uint8() -> None:
    model = topk_model(np.uint8, [3, 4], 2, 1)
    feeds = {"x": np.array([[0, 255, 7, 128], [3, 3, 200, 1], [9, 8, 7, 6]], dtype=np.uint8)}
    assert_matches_onnxruntime(model, feeds)
