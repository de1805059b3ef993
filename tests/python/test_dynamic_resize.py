"""Resize with dynamic input (and output) sizes on the resized axes: one compile, two run-time
sizes, each matching onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

import onnx_mlir
from shape_check_helpers import model, ort_run, vi

F32 = np.float32


def _resize_model(scales=None, sizes=None, runtime=False, **attrs):
    inputs, inits = [vi("x", ["n", 3, "h", "w"])], []
    if runtime:
        name, elem = ("scales", T.FLOAT) if scales is not None else ("sizes", T.INT64)
        inputs.append(vi(name, [4], elem))
    else:
        if scales is not None:
            inits.append(numpy_helper.from_array(np.array(scales, F32), "scales"))
        if sizes is not None:
            inits.append(numpy_helper.from_array(np.array(sizes, np.int64), "sizes"))
    node = h.make_node("Resize", ["x", "", "scales" if scales is not None else "",
                                  *(["sizes"] if sizes is not None else [])], ["y"],
                       name="resize_node", **attrs)
    return model([node], inputs, [vi("y", None)], inits)


@pytest.mark.parametrize("attrs", [
    {"mode": "nearest", "coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"},
    {"mode": "nearest"},
    {"mode": "linear"},
    {"mode": "linear", "coordinate_transformation_mode": "pytorch_half_pixel"},
    {"mode": "cubic", "coordinate_transformation_mode": "half_pixel_symmetric"},
])
@pytest.mark.parametrize("scales", [[1, 1, 2, 2], [1, 1, 0.5, 1.5]])
def test_resize_constant_scales_dynamic_input(attrs, scales):
    m = _resize_model(scales=scales, **attrs)
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(0)
    for shape in ((1, 3, 8, 9), (2, 3, 5, 12)):
        feeds = {"x": rng.standard_normal(shape).astype(F32)}
        ours, ref = compiled.run(None, feeds)[0], ort_run(m, feeds)[0]
        assert ours.shape == ref.shape
        np.testing.assert_allclose(ours, ref, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kind", ["scales", "sizes"])
def test_resize_run_time_scales_or_sizes(kind):
    m = _resize_model(**{kind: [1, 1, 2, 2]}, runtime=True, mode="linear")
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(0)
    for shape, factor in (((1, 3, 8, 9), 2.0), ((2, 3, 5, 12), 0.5)):
        feeds = {"x": rng.standard_normal(shape).astype(F32)}
        if kind == "scales":
            feeds["scales"] = np.array([1, 1, factor, 3.0], F32)
        else:
            feeds["sizes"] = np.array([shape[0], 3, int(shape[2] * factor), 7], np.int64)
        ours, ref = compiled.run(None, feeds)[0], ort_run(m, feeds)[0]
        assert ours.shape == ref.shape
        np.testing.assert_allclose(ours, ref, rtol=1e-5, atol=1e-5)


def _run_both(m, feeds_list, rtol=1e-5, atol=1e-5):
    compiled = onnx_mlir.compile(m)
    for feeds in feeds_list:
        ours, ref = compiled.run(None, feeds)[0], ort_run(m, feeds)[0]
        assert ours.shape == ref.shape
        np.testing.assert_allclose(ours, ref, rtol=rtol, atol=atol)
    return compiled


def test_resize_run_time_scales_of_dynamic_length():
    """`scales` declared with a symbolic length: checked to hold one entry per axis."""
    node = h.make_node("Resize", ["x", "", "scales"], ["y"], name="resize_node", mode="linear")
    m = model([node], [vi("x", ["n", "c", "h", "w"]), vi("scales", ["k"])],
              [vi("y", ["a", "b", "c", "d"])])
    rng = np.random.default_rng(1)
    compiled = _run_both(m, [
        {"x": rng.standard_normal((1, 2, 4, 6)).astype(F32), "scales": np.array([1, 1, 2, 0.5], F32)},
        {"x": rng.standard_normal((2, 1, 7, 3)).astype(F32), "scales": np.array([1, 1, 0.5, 3], F32)}])
    with pytest.raises(onnx_mlir.ExecutionError, match="scales"):
        compiled.run(None, {"x": np.zeros((1, 2, 4, 6), F32), "scales": np.ones(3, F32)})


def test_resize_tf_crop_and_resize_run_time_roi_of_dynamic_length():
    node = h.make_node("Resize", ["x", "roi", "", "sizes"], ["y"], name="resize_node",
                       mode="linear", coordinate_transformation_mode="tf_crop_and_resize")
    m = model([node], [vi("x", ["n", "c", "h", "w"]), vi("roi", ["r"]), vi("sizes", [4], T.INT64)],
              [vi("y", ["a", "b", "c", "d"])])
    rng = np.random.default_rng(2)
    roi = np.array([0, 0, 0.2, 0.4, 1, 1, 0.6, 0.8], F32)
    _run_both(m, [
        {"x": rng.standard_normal((1, 1, 5, 5)).astype(F32), "roi": roi,
         "sizes": np.array([1, 1, 3, 3], np.int64)},
        {"x": rng.standard_normal((2, 3, 8, 6)).astype(F32), "roi": roi,
         "sizes": np.array([2, 3, 4, 5], np.int64)}])


@pytest.mark.parametrize("policy", ["not_larger", "not_smaller"])
def test_resize_keep_aspect_ratio_with_dynamic_input(policy):
    node = h.make_node("Resize", ["x", "", "", "sizes"], ["y"], name="resize_node", mode="nearest",
                       axes=[2, 3], keep_aspect_ratio_policy=policy)
    m = model([node], [vi("x", ["n", "c", "h", "w"]), vi("sizes", [2], T.INT64)],
              [vi("y", ["a", "b", "c", "d"])])
    rng = np.random.default_rng(3)
    _run_both(m, [
        {"x": rng.standard_normal((1, 2, 4, 6)).astype(F32), "sizes": np.array([7, 8], np.int64)},
        {"x": rng.standard_normal((2, 1, 9, 5)).astype(F32), "sizes": np.array([4, 4], np.int64)}])
