"""Numerics of the ops whose output size depends on the data (lowering/onnx_to_linalg/
selection_ops.py) against onnxruntime: results sized at run time and allocated by the compiled
code; one compiled model run at several input sizes and densities."""

from __future__ import annotations

import numpy as np
import onnx_mlir
import pytest

from data_numerics import ALL_DTYPES, check, dtype_params
from numerics import run_onnxruntime, single_node_model

F32, I64 = np.float32, np.int64
OPSET = 18
rng = np.random.default_rng(0)


def model(op, inputs, outputs, **attrs):
    return single_node_model(op, inputs, outputs, opset=OPSET, **attrs)


def sparse(shape, dtype, density=0.4):
    values = rng.integers(1, 5, size=shape) * (rng.random(shape) < density)
    return values.astype(dtype)


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_nonzero_dtypes(dtype) -> None:
    m = model("NonZero", [("x", dtype, [3, 4])], [("y", I64, None)])
    check(m, {"x": sparse((3, 4), dtype)})


@pytest.mark.parametrize("shape", [[7], [2, 3, 4], [1, 5, 1, 3], [4, 0]])
def test_nonzero_ranks(shape) -> None:
    m = model("NonZero", [("x", F32, shape)], [("y", I64, None)])
    check(m, {"x": sparse(shape, F32)})


def test_nonzero_nan_counts_as_nonzero() -> None:
    m = model("NonZero", [("x", F32, [5])], [("y", I64, None)])
    check(m, {"x": np.array([0, np.nan, -0.0, 1, 0], F32)})


def test_nonzero_dynamic_dims_one_compile() -> None:
    """One compile, several run-time sizes and counts (all zero, all nonzero included)."""
    m = model("NonZero", [("x", F32, ["n", "m"])], [("y", I64, None)])
    compiled = onnx_mlir.compile(m)
    for x in [sparse((3, 5), F32), sparse((6, 2), F32, 0.9), np.zeros((2, 2), F32),
              np.ones((1, 4), F32)]:
        (got,) = compiled.run(None, {"x": x})
        (want,) = run_onnxruntime(m, {"x": x})
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want)


UNIQUE_OUTS = [("y", None, None), ("indices", I64, None), ("inverse", I64, None), ("counts", I64, None)]


def unique_model(dtype, shape, outputs=4, **attrs):
    outs = [(n, dtype if dt is None else dt, s) for n, dt, s in UNIQUE_OUTS[:outputs]]
    return model("Unique", [("x", dtype, shape)], outs, **attrs)


# onnxruntime has Unique for these; the others are checked against onnx's reference, whose
# sorted=0 path indexes out of bounds (onnx 1.23.2 op_unique), so only sorted there.
@pytest.mark.parametrize("dtype,sort", [
    *[pytest.param(dt, s, id=f"{np.dtype(dt).name}-sorted{s}")
      for dt in (np.float32, np.float64, np.int8, np.int64) for s in (0, 1)],
    *[pytest.param(dt, 1, id=f"{np.dtype(dt).name}-sorted1") for dt in (np.int32, np.uint8, np.uint64)]])
def test_unique_flat(dtype, sort) -> None:
    x = np.array([[3, 1, 200], [1, 0, 3], [7, 200, 3]]).astype(dtype)
    check(unique_model(dtype, [3, 3], sorted=sort), {"x": x})


@pytest.mark.parametrize("axis", [0, 1, -1, 2])
@pytest.mark.parametrize("sort", [0, 1])
def test_unique_axis(axis, sort) -> None:
    x = rng.integers(0, 2, size=(4, 3, 2)).astype(F32)
    x[2] = x[0]  # repeated slices along every axis
    x[:, 1] = x[:, 2]
    x[..., 1] = x[..., 0]
    check(unique_model(F32, [4, 3, 2], sorted=sort, axis=axis), {"x": x})


def test_unique_only_values() -> None:
    """Only Y requested (the optional outputs absent)."""
    check(unique_model(F32, [6], outputs=1), {"x": np.array([2, 1, 2, -0.5, 1, 9], F32)})


def test_unique_omitted_middle_output() -> None:
    """Y and inverse_indices requested, indices omitted (an empty output name)."""
    from onnx import TensorProto as T
    from onnx import helper as h

    node = h.make_node("Unique", ["x"], ["y", "", "inverse"], sorted=1)
    graph = h.make_graph([node], "g", [h.make_tensor_value_info("x", T.FLOAT, [6])],
                         [h.make_tensor_value_info("y", T.FLOAT, None),
                          h.make_tensor_value_info("inverse", T.INT64, None)])
    m = h.make_model(graph, opset_imports=[h.make_opsetid("", OPSET)])
    m.ir_version = 8
    check(m, {"x": np.array([2, 1, 2, -0.5, 1, 9], F32)})


def test_unique_dynamic_dims_one_compile() -> None:
    m = unique_model(I64, ["n", "m"], axis=1)
    compiled = onnx_mlir.compile(m)
    for x in [rng.integers(0, 3, size=(2, 5)), rng.integers(0, 2, size=(1, 8)),
              np.zeros((3, 1), I64), np.arange(12).reshape(3, 4)]:
        got = compiled.run(None, {"x": x.astype(I64)})
        want = run_onnxruntime(m, {"x": x.astype(I64)})
        for g, w in zip(got, want):
            assert g.dtype == w.dtype and g.shape == w.shape
            np.testing.assert_array_equal(g, w)


def nms_model(center=0, with_score_threshold=True, boxes_shape=(1, 6, 4), classes=1):
    nb, n, _ = boxes_shape
    inputs = [("boxes", F32, list(boxes_shape)), ("scores", F32, [nb, classes, n]),
              ("max_out", I64, [1]), ("iou", F32, [1])]
    if with_score_threshold:
        inputs.append(("score_threshold", F32, [1]))
    return model("NonMaxSuppression", inputs, [("selected", I64, None)], center_point_box=center)


def nms_feeds(nb, classes, n, max_out, iou, score_threshold=None, center=0, seed=0):
    g = np.random.default_rng(seed)
    corners = g.random((nb, n, 2), dtype=F32) * 10
    sizes = g.random((nb, n, 2), dtype=F32) * 4 + 0.5
    if center:
        boxes = np.concatenate([corners[..., ::-1], sizes], axis=-1)
    else:  # some boxes given with the corners swapped
        boxes = np.concatenate([corners, corners + sizes], axis=-1)
        boxes[:, ::3] = boxes[:, ::3][..., [2, 3, 0, 1]]
    feeds = {"boxes": boxes.astype(F32),
             "scores": g.permutation(nb * classes * n).reshape(nb, classes, n).astype(F32) / (nb * classes * n),
             "max_out": np.array([max_out], I64), "iou": np.array([iou], F32)}
    if score_threshold is not None:
        feeds["score_threshold"] = np.array([score_threshold], F32)
    return feeds


@pytest.mark.parametrize("center", [0, 1])
@pytest.mark.parametrize("max_out,iou,score", [(3, 0.5, 0.0), (10, 0.1, 0.3), (0, 0.5, 0.0),
                                               (10, 0.0, 0.9)])
def test_nms(center, max_out, iou, score) -> None:
    m = nms_model(center, boxes_shape=(2, 12, 4), classes=3)
    check(m, nms_feeds(2, 3, 12, max_out, iou, score, center))


def test_nms_without_score_threshold() -> None:
    check(nms_model(with_score_threshold=False), nms_feeds(1, 1, 6, 4, 0.3))


def test_nms_dynamic_dims_one_compile() -> None:
    """Batch, class and box counts known only at run time; one compile, several sizes."""
    inputs = [("boxes", F32, ["b", "n", 4]), ("scores", F32, ["b", "c", "n"]),
              ("max_out", I64, [1]), ("iou", F32, [1]), ("score_threshold", F32, [1])]
    m = model("NonMaxSuppression", inputs, [("selected", I64, None)])
    compiled = onnx_mlir.compile(m)
    for nb, classes, n, seed in [(1, 1, 5, 1), (3, 2, 20, 2), (2, 4, 1, 3)]:
        feeds = nms_feeds(nb, classes, n, 5, 0.3, 0.1, seed=seed)
        (got,) = compiled.run(None, feeds)
        (want,) = run_onnxruntime(m, feeds)
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want)


def test_nms_boxes_not_matching_scores_is_an_error() -> None:
    """Boxes are read at [batch, box, coordinate]: a box count other than the scores' is a
    run-time error, not an out-of-bounds read."""
    inputs = [("boxes", F32, ["b", "n", 4]), ("scores", F32, ["b", "c", "m"]),
              ("max_out", I64, [1]), ("iou", F32, [1])]
    compiled = onnx_mlir.compile(model("NonMaxSuppression", inputs, [("selected", I64, None)]))
    feeds = nms_feeds(1, 1, 6, 3, 0.5)
    feeds["scores"] = feeds["scores"][..., :4]
    with pytest.raises(onnx_mlir.ExecutionError, match="boxes"):
        compiled.run(None, feeds)
