"""Numerics of the Reduce* and ArgMax/ArgMin lowerings against onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, random_feeds, run_onnxruntime, single_node_model

F16, F32, F64, I32, I64 = np.float16, np.float32, np.float64, np.int32, np.int64

REDUCE_OPS = ["ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
              "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"]


def reduce_model(op: str, dtype, shape, axes=None, runtime_axes=False, out_shape=None,
                 opset=18, **attrs):
    inputs = [("x", dtype, shape)]
    inits = {}
    if axes is not None:
        inputs.append(("axes", I64, [len(axes)]))
        if not runtime_axes:
            inits["axes"] = np.asarray(axes, dtype=I64)
    return single_node_model(op, inputs, [("y", dtype, out_shape)], initializers=inits,
                             opset=opset, **attrs)


def feeds_for(model, op: str, dtype, axes=None, seed: int = 0):
    feeds = random_feeds(model, seed=seed)
    if op == "ReduceLogSum":  # log of a positive sum, also for integers
        feeds["x"] = (np.abs(feeds["x"]) + 1).astype(dtype)
    if op == "ReduceProd" and np.issubdtype(dtype, np.integer):
        feeds["x"] = np.clip(feeds["x"], -3, 3).astype(dtype)  # no overflow
    if axes is not None and "axes" in feeds:
        feeds["axes"] = np.asarray(axes, dtype=I64)
    return feeds


def tolerance(dtype):
    return dict(rtol=1e-2, atol=1e-2) if dtype == F16 else dict(rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("dtype", [F32, F64, F16, I32, I64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("op", REDUCE_OPS)
def test_reduce_dtypes(op: str, dtype) -> None:
    if op in ("ReduceLogSum", "ReduceLogSumExp") and np.issubdtype(dtype, np.integer):
        pytest.skip("opset 28 allows only float types for ReduceLogSum/ReduceLogSumExp")
    model = reduce_model(op, dtype, [3, 4, 5], axes=[1])
    assert_matches_onnxruntime(model, feeds_for(model, op, dtype), **tolerance(dtype))


# name: (shape, axes, attributes)
AXES_CASES = {
    "all_default": ([2, 3, 4], None, {}),
    "all_no_keepdims": ([2, 3, 4], None, dict(keepdims=0)),
    "negative_noncontiguous": ([2, 3, 4, 5], [-1, 1], {}),
    "noncontiguous_no_keepdims": ([2, 3, 4, 5], [0, 2], dict(keepdims=0)),
    "empty_axes_reduce_all": ([2, 3], [], {}),
    "empty_axes_noop": ([2, 3], [], dict(noop_with_empty_axes=1)),
    "unit_dim": ([3, 1, 4], [1], dict(keepdims=0)),
}


@pytest.mark.parametrize("case", list(AXES_CASES))
@pytest.mark.parametrize("op", ["ReduceSum", "ReduceMean", "ReduceMax", "ReduceLogSumExp",
                                "ReduceSumSquare"])
def test_reduce_axes(op: str, case: str) -> None:
    shape, axes, attrs = AXES_CASES[case]
    model = reduce_model(op, F32, shape, axes=axes, **attrs)
    assert_matches_onnxruntime(model, feeds_for(model, op, F32))


@pytest.mark.parametrize("op,identity", [("ReduceSum", 0.0), ("ReduceProd", 1.0),
                                         ("ReduceMax", -np.inf), ("ReduceMin", np.inf),
                                         ("ReduceLogSumExp", -np.inf), ("ReduceL2", 0.0)])
def test_reduce_empty_set(op: str, identity: float) -> None:
    model = reduce_model(op, F32, [2, 0, 4], axes=[1])
    (out,) = assert_matches_onnxruntime(model, feeds_for(model, op, F32))
    assert out.shape == (2, 1, 4)
    assert np.all(out == identity)


@pytest.mark.parametrize("axes", [[1], [2], [-1], [-2]])
@pytest.mark.parametrize("op", ["ReduceSum", "ReduceMin", "ReduceL1"])
def test_reduce_runtime_axes_ambiguous(op: str, axes: list) -> None:
    """[3, 2, 2] -> [3, 2]: the reduced dim is only known at run time; both are compiled."""
    model = reduce_model(op, F32, [3, 2, 2], axes=[0], runtime_axes=True, out_shape=[3, 2],
                         keepdims=0)
    assert_matches_onnxruntime(model, feeds_for(model, op, F32, axes=axes))


@pytest.mark.parametrize("axes", [[1], [-2]])
def test_reduce_runtime_axes_keepdims(axes: list) -> None:
    model = reduce_model("ReduceMean", F32, [3, 2, 4], axes=[0], runtime_axes=True,
                         out_shape=[3, 1, 4])
    assert_matches_onnxruntime(model, feeds_for(model, "ReduceMean", F32, axes=axes))


@pytest.mark.parametrize("keepdims", [0, 1])
@pytest.mark.parametrize("op", ["ReduceSum", "ReduceMax", "ReduceL2"])
def test_reduce_runtime_axes_dynamic_shapes(op: str, keepdims: int) -> None:
    """Run-time axes on an input of dynamic shape: one compile, every choice of two axes (an
    scf.if chain picks the reduction), two input sizes."""
    import onnx_mlir

    out = ["p", "q", "r"] if keepdims else ["p"]
    model = single_node_model(op, [("x", F32, ["a", "b", "c"]), ("axes", I64, [2])],
                              [("y", F32, out)], opset=18, keepdims=keepdims)
    compiled = onnx_mlir.compile(model)
    for shape in [(3, 2, 4), (1, 5, 2)]:
        for axes in [[0, 1], [2, 0], [-1, 1]]:
            feeds = {"x": np.random.default_rng(1).standard_normal(shape).astype(F32),
                     "axes": np.asarray(axes, I64)}
            (got,) = compiled.run(None, feeds)
            (want,) = run_onnxruntime(model, feeds)
            assert got.shape == want.shape
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_reduce_runtime_axes_repeated_is_an_error() -> None:
    import onnx_mlir

    model = single_node_model("ReduceSum", [("x", F32, ["a", "b"]), ("axes", I64, [2])],
                              [("y", F32, ["p", "q"])], opset=18, keepdims=1)
    compiled = onnx_mlir.compile(model)
    with pytest.raises(onnx_mlir.ExecutionError, match="axes must name distinct dims"):
        compiled.run(None, {"x": np.ones((2, 3), F32), "axes": np.asarray([1, 1], I64)})


@pytest.mark.parametrize("op", ["ReduceMax", "ReduceMin"])
def test_reduce_int8(op: str) -> None:
    model = reduce_model(op, np.int8, [3, 4], axes=[0])
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("op", ["ReduceMax", "ReduceMin"])
def test_reduce_uint8(op: str) -> None:
    model = reduce_model(op, np.uint8, [3, 4], axes=[1])
    feeds = {"x": np.array([[0, 255, 7, 128], [3, 3, 200, 1], [9, 8, 7, 6]], dtype=np.uint8)}
    assert_matches_onnxruntime(model, feeds)


@pytest.mark.parametrize("op", ["ReduceMax", "ReduceMin"])
def test_reduce_bool(op: str) -> None:
    model = reduce_model(op, np.bool_, [4, 3], axes=[1], opset=20)  # bool since opset 20
    assert_matches_onnxruntime(model)


# --------------------------------------------------------------------------- ArgMax/ArgMin


@pytest.mark.parametrize("dtype", [F32, F64, F16, I32, I64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("op", ["ArgMax", "ArgMin"])
def test_arg_dtypes(op: str, dtype) -> None:
    model = single_node_model(op, [("x", dtype, [3, 4, 5])], [("y", I64, None)], opset=13,
                              axis=1)
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("keepdims", [0, 1])
@pytest.mark.parametrize("last", [0, 1])
@pytest.mark.parametrize("axis", [0, -1])
@pytest.mark.parametrize("op", ["ArgMax", "ArgMin"])
def test_arg_ties(op: str, axis: int, last: int, keepdims: int) -> None:
    """Few distinct values: ties decide the index (first, or last with select_last_index)."""
    model = single_node_model(op, [("x", I32, [6, 7])], [("y", I64, None)], opset=13,
                              axis=axis, keepdims=keepdims, select_last_index=last)
    rng = np.random.default_rng(3)
    feeds = {"x": rng.integers(0, 3, size=[6, 7]).astype(I32)}
    assert_matches_onnxruntime(model, feeds)
