"""Numerics of RoiAlign and DeformConv against onnxruntime (DeformConv against the ONNX
reference evaluator where onnxruntime has no kernel)."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

from numerics import assert_matches_onnxruntime, run_onnx_mlir, single_node_model

F = TensorProto.FLOAT


def _rois(rng, count, size):
    a = rng.uniform(-1, size, [count, 2])
    extent = rng.uniform(0.5, size * 0.8, [count, 2])
    return np.concatenate([a, a + extent], axis=1).astype(np.float32)


@pytest.mark.parametrize("mode", ["avg", "max"])
@pytest.mark.parametrize("ctm", ["half_pixel", "output_half_pixel"])
@pytest.mark.parametrize("ratio", [2, 0])
def test_roi_align(mode, ctm, ratio):
    rng = np.random.default_rng(0)
    model = single_node_model(
        "RoiAlign", [("x", np.float32, [2, 3, 10, 12]), ("rois", np.float32, [4, 4]),
                     ("bi", np.int64, [4])],
        [("y", np.float32, None)], opset=16, mode=mode, coordinate_transformation_mode=ctm,
        output_height=3, output_width=4, sampling_ratio=ratio, spatial_scale=0.8)
    feeds = {"x": rng.uniform(-1, 1, [2, 3, 10, 12]).astype(np.float32),
             "rois": _rois(rng, 4, 12), "bi": np.array([0, 1, 1, 0], np.int64)}
    out = assert_matches_onnxruntime(model, feeds)
    assert out[0].shape == (4, 3, 3, 4)


def test_roi_align_f64():
    rng = np.random.default_rng(1)
    model = single_node_model(
        "RoiAlign", [("x", np.float64, [1, 2, 6, 6]), ("rois", np.float64, [2, 4]),
                     ("bi", np.int64, [2])],
        [("y", np.float64, None)], opset=16, output_height=2, output_width=2, sampling_ratio=0)
    feeds = {"x": rng.uniform(-1, 1, [1, 2, 6, 6]), "rois": _rois(rng, 2, 6).astype(np.float64),
             "bi": np.zeros(2, np.int64)}
    assert_matches_onnxruntime(model, feeds, rtol=1e-9, atol=1e-12)


def deform_model(x_shape, w_shape, out_hw, group=1, offset_group=1, bias=False, mask=False,
                 **attrs):
    kh, kw = w_shape[2:]
    n = x_shape[0]
    inputs = [("x", np.float32, x_shape), ("w", np.float32, w_shape),
              ("offset", np.float32, [n, offset_group * kh * kw * 2, *out_hw])]
    inputs.append(("b", np.float32, [w_shape[0]]) if bias else ("", None, None))
    if mask:
        inputs.append(("mask", np.float32, [n, offset_group * kh * kw, *out_hw]))
    while inputs[-1][0] == "":
        inputs.pop()
    return single_node_model("DeformConv", inputs, [("y", np.float32, None)], opset=19,
                             group=group, offset_group=offset_group, **attrs)


@pytest.mark.parametrize("case", [
    dict(x_shape=[1, 2, 5, 5], w_shape=[3, 2, 3, 3], out_hw=[3, 3]),
    dict(x_shape=[2, 4, 6, 5], w_shape=[4, 2, 2, 2], out_hw=[3, 2], group=2, offset_group=2,
         bias=True, mask=True, pads=[1, 0, 0, 1], strides=[2, 2], dilations=[1, 2]),
    dict(x_shape=[1, 4, 4, 4], w_shape=[2, 4, 2, 2], out_hw=[3, 3], offset_group=4, mask=True),
])
def test_deform_conv(case):
    model = deform_model(**case)
    rng = np.random.default_rng(2)
    feeds = {i.name: rng.uniform(-1.5, 1.5, [d.dim_value for d in i.type.tensor_type.shape.dim])
             .astype(np.float32) for i in model.graph.input}
    want = ReferenceEvaluator(model).run(None, feeds)[0]
    got = run_onnx_mlir(model, feeds)[0]
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
