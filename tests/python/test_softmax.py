"""Numerics of Softmax, LogSoftmax and Hardmax against onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, random_feeds, run_onnx_mlir, single_node_model

F16, F32, F64 = np.float16, np.float32, np.float64


@pytest.mark.parametrize("dtype", [F32, F64, F16], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("op", ["Softmax", "LogSoftmax", "Hardmax"])
def test_softmax_family(op: str, axis: int, dtype) -> None:
    model = single_node_model(op, [("x", dtype, [3, 4, 5])], [("y", dtype, None)], opset=13,
                              axis=axis)
    tol = dict(rtol=1e-2, atol=1e-2) if dtype == F16 else dict(rtol=1e-5, atol=1e-6)
    if op == "Hardmax" and dtype != F32:
        # onnxruntime implements Hardmax for float32 only: compare with numpy.
        feeds = random_feeds(model)
        x = feeds["x"]
        expected = np.zeros_like(x)
        np.put_along_axis(expected, np.expand_dims(np.argmax(x, axis=axis), axis), 1, axis=axis)
        (out,) = run_onnx_mlir(model, feeds)
        assert out.dtype == dtype
        np.testing.assert_array_equal(out, expected)
        return
    assert_matches_onnxruntime(model, **tol)


@pytest.mark.parametrize("op", ["Softmax", "LogSoftmax"])
def test_softmax_large_numbers(op: str) -> None:
    """Max subtraction keeps exp finite."""
    model = single_node_model(op, [("x", F32, [2, 4])], [("y", F32, None)], opset=13)
    feeds = {"x": np.array([[0, 1, 2, 3], [10000, 10001, 10002, 10003]], dtype=F32)}
    (out,) = assert_matches_onnxruntime(model, feeds)
    assert np.all(np.isfinite(out))


def test_hardmax_ties_pick_first() -> None:
    model = single_node_model("Hardmax", [("x", F32, [2, 4])], [("y", F32, None)], opset=13)
    feeds = {"x": np.array([[1, 3, 3, 0], [2, 2, 2, 2]], dtype=F32)}
    (out,) = assert_matches_onnxruntime(model, feeds)
    np.testing.assert_array_equal(out, [[0, 1, 0, 0], [1, 0, 0, 0]])
