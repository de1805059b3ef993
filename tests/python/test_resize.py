"""Numerics of the Resize lowering against onnxruntime (and the ONNX reference where onnxruntime
is known to differ), plus its refusals."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import helper, numpy_helper
from onnx.reference import ReferenceEvaluator

from numerics import assert_matches_onnxruntime, random_feeds, run_onnx_mlir, single_node_model
from onnx_mlir.errors import CompilationError

F32 = np.float32


def resize_model(x_shape, scales=None, sizes=None, roi=None, dtype=F32, constant=True,
                 axes=None, opset=19, **attrs):
    """Resize with ``scales`` or ``sizes`` given as initializers (``constant``) or graph inputs."""
    inputs = [("x", dtype, x_shape)]
    inits = {}
    names = ["roi", "scales", "sizes"]
    values = [None if roi is None else np.asarray(roi, F32),
              None if scales is None else np.asarray(scales, F32),
              None if sizes is None else np.asarray(sizes, np.int64)]
    used = [n for n, v in zip(names, values) if v is not None]
    last = names.index(used[-1]) if used else -1
    for name, value in zip(names[:last + 1], values[:last + 1]):
        if value is None:
            inputs.append(("", F32, None))
            continue
        inputs.append((name, value.dtype.type, list(value.shape)))
        if constant:
            inits[name] = value
    if axes is not None:
        attrs["axes"] = axes
    out_shape = None
    if not constant:  # runtime scales/sizes: declare the output shape as the reference computes
        ref_model = single_node_model("Resize", inputs, [("y", dtype, None)],
                                      initializers={n: v for n, v in zip(names, values)
                                                    if v is not None}, opset=opset, **attrs)
        ref = ReferenceEvaluator(ref_model)
        feeds = random_feeds(ref_model)
        out_shape = list(ref.run(None, feeds)[0].shape)
    return single_node_model("Resize", inputs, [("y", dtype, out_shape)], initializers=inits,
                             opset=opset, **attrs)


def feeds_for(model, values: dict):
    feeds = random_feeds(model)
    for k, v in values.items():
        if k in feeds:
            feeds[k] = np.asarray(v, feeds[k].dtype)
    return feeds


CASES = {
    # name: (x shape, kwargs)
    "nearest_up_2x": ([1, 2, 3, 4], dict(scales=[1, 1, 2, 2], mode="nearest")),
    "nearest_asym_floor": ([1, 1, 5, 4], dict(scales=[1, 1, 1.6, 2.5], mode="nearest",
                                               coordinate_transformation_mode="asymmetric",
                                               nearest_mode="floor")),
    "nearest_down_sizes": ([2, 3, 8, 7], dict(sizes=[2, 3, 3, 4], mode="nearest",
                                             nearest_mode="round_prefer_ceil")),
    "nearest_align_ceil": ([1, 1, 4, 4], dict(sizes=[1, 1, 7, 9], mode="nearest",
                                             coordinate_transformation_mode="align_corners",
                                             nearest_mode="ceil")),
    "linear_half_pixel": ([1, 3, 4, 5], dict(scales=[1, 1, 2, 1.5], mode="linear")),
    "linear_down": ([1, 2, 8, 8], dict(scales=[1, 1, 0.5, 0.375], mode="linear")),
    "linear_align_corners": ([1, 1, 3, 4], dict(sizes=[1, 1, 7, 5], mode="linear",
                                               coordinate_transformation_mode="align_corners")),
    "linear_pytorch_half_pixel": ([1, 1, 4, 6], dict(sizes=[1, 1, 1, 3], mode="linear",
                                                    coordinate_transformation_mode="pytorch_half_pixel")),
    "linear_3d_volume": ([1, 2, 3, 4, 5], dict(scales=[1, 1, 2, 0.5, 1.2], mode="linear")),
    "cubic": ([1, 2, 5, 5], dict(scales=[1, 1, 1.75, 2.25], mode="cubic")),
    "cubic_a_exclude": ([1, 1, 6, 6], dict(scales=[1, 1, 0.7, 1.4], mode="cubic",
                                          cubic_coeff_a=-0.5, exclude_outside=1)),
    "cubic_asymmetric": ([1, 1, 4, 4], dict(scales=[1, 1, 2, 2], mode="cubic",
                                           coordinate_transformation_mode="asymmetric")),
    "tf_crop_and_resize": ([1, 1, 6, 6], dict(sizes=[1, 1, 4, 5], mode="linear",
                                             roi=[0, 0, 0.2, -0.1, 1, 1, 0.9, 0.7],
                                             coordinate_transformation_mode="tf_crop_and_resize",
                                             extrapolation_value=7.0)),
    "axes_last_two": ([2, 3, 4, 4], dict(scales=[2, 0.75], axes=[3, 2], mode="linear")),
    "keep_aspect_not_larger": ([1, 1, 4, 6], dict(sizes=[9, 9], axes=[2, 3], mode="nearest",
                                                 keep_aspect_ratio_policy="not_larger")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_resize_constant_scales(name: str) -> None:
    shape, kwargs = CASES[name]
    assert_matches_onnxruntime(resize_model(shape, **kwargs), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("name", ["nearest_up_2x", "linear_down", "cubic", "tf_crop_and_resize",
                                  "keep_aspect_not_larger"])
def test_resize_runtime_scales(name: str) -> None:
    """scales/sizes/roi as graph inputs: read with tensor.extract at run time."""
    shape, kwargs = CASES[name]
    model = resize_model(shape, constant=False, **kwargs)
    values = {k: kwargs[k] for k in ("scales", "sizes", "roi") if k in kwargs}
    assert_matches_onnxruntime(model, feeds_for(model, values), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("dtype", [np.float16, np.int32, np.int8])
def test_resize_nearest_dtypes(dtype) -> None:
    model = resize_model([1, 2, 3, 3], scales=[1, 1, 2, 1.5], mode="nearest", dtype=dtype)
    assert_matches_onnxruntime(model, rtol=1e-3, atol=1e-3)


@pytest.mark.parametrize("mode", ["nearest", "linear", "cubic"])
def test_resize_f64_matches_reference(mode: str) -> None:
    """onnxruntime has no f64 Resize kernel: compare with the ONNX reference (whose cubic
    coefficients are computed in f32 under numpy 2 promotion, hence the cubic tolerance)."""
    model = resize_model([1, 2, 4, 5], scales=[1, 1, 1.5, 0.6], mode=mode, dtype=np.float64)
    x = random_feeds(model)["x"]
    want = ReferenceEvaluator(model).run(None, {"x": x})[0]
    tol = 1e-5 if mode == "cubic" else 1e-12
    np.testing.assert_allclose(run_onnx_mlir(model, {"x": x})[0], want, rtol=tol, atol=tol)


def test_resize_linear_f16() -> None:
    model = resize_model([1, 2, 4, 4], scales=[1, 1, 1.5, 0.5], mode="linear", dtype=np.float16)
    assert_matches_onnxruntime(model, rtol=2e-3, atol=2e-3)


def test_resize_linear_uint8() -> None:
    """uint8 arguments and results. Compared with the ONNX reference, which rounds the
    interpolated value (3.75 -> 4); onnxruntime's uint8 kernel truncates it (3.75 -> 3)."""
    model = resize_model([1, 1, 4, 4], scales=[1, 1, 2, 2], mode="linear", dtype=np.uint8)
    x = np.arange(16, dtype=np.uint8).reshape(1, 1, 4, 4) * 15
    want = ReferenceEvaluator(model).run(None, {"x": x})[0]
    (got,) = run_onnx_mlir(model, {"x": x})
    assert got.dtype == np.uint8
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got[0, 0, 0, :4], [0, 4, 11, 19])


def test_resize_linear_int_rounds_like_reference() -> None:
    """Integer results round half to even and saturate (ONNX reference semantics)."""
    model = resize_model([1, 1, 2, 3], scales=[1, 1, 2, 2], mode="linear", dtype=np.int32)
    x = np.array([[[[0, 3, 2147483647], [-5, 8, 1]]]], dtype=np.int32)
    want = ReferenceEvaluator(model).run(None, {"x": x})[0]
    np.testing.assert_array_equal(run_onnx_mlir(model, {"x": x})[0], want)


def test_resize_antialias_matches_reference() -> None:
    """onnxruntime's antialias differs slightly from the ONNX reference; compare with the latter."""
    model = resize_model([1, 1, 8, 8], scales=[1, 1, 0.6, 0.35], mode="cubic", antialias=1)
    x = np.random.default_rng(3).uniform(-1, 1, size=[1, 1, 8, 8]).astype(F32)
    want = ReferenceEvaluator(model).run(None, {"x": x})[0]
    np.testing.assert_allclose(run_onnx_mlir(model, {"x": x})[0], want, rtol=1e-5, atol=1e-6)


def test_upsample_opset9_is_converted_and_lowered() -> None:
    x = np.arange(6, dtype=F32).reshape(1, 1, 2, 3)
    node = helper.make_node("Upsample", ["x", "scales"], ["y"], mode="nearest")
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", 1, [1, 1, 2, 3])],
        [helper.make_tensor_value_info("y", 1, [1, 1, 4, 9])],
        [numpy_helper.from_array(np.array([1, 1, 2, 3], F32), "scales")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 9)])
    got = run_onnx_mlir(model, {"x": x})[0]
    np.testing.assert_array_equal(got, x.repeat(2, axis=2).repeat(3, axis=3))


def test_resize_dynamic_output_shape_from_run_time_scales() -> None:
    """An output dim left dynamic is computed at run time from the scales (it used to be
    refused)."""
    model = resize_model([1, 1, 4, 4], scales=[1, 1, 2, 2], constant=False)
    model.graph.output[0].type.tensor_type.shape.dim[3].dim_param = "w"
    feeds = {"x": np.random.default_rng(0).standard_normal([1, 1, 4, 4]).astype(F32),
             "scales": np.array([1, 1, 2, 3], F32)}
    got = run_onnx_mlir(model, feeds)[0]
    assert got.shape == (1, 1, 8, 12)
    want = ReferenceEvaluator(model).run(None, feeds)[0]
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)