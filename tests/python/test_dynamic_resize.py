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
