"""Numerics of the GridSample and AffineGrid lowerings against onnxruntime (and the ONNX
reference where onnxruntime lacks a kernel)."""

from __future__ import annotations

import numpy as np
import pytest
from onnx.reference import ReferenceEvaluator

from numerics import assert_matches_onnxruntime, random_feeds, run_onnx_mlir, single_node_model

F32 = np.float32


def grid_sample_model(x_shape, grid_shape, dtype=F32, **attrs):
    return single_node_model("GridSample", [("x", dtype, x_shape), ("grid", dtype, grid_shape)],
                             [("y", dtype, None)], opset=20, **attrs)


def grid_feeds(model, seed=0, spread=1.3):
    """Grid values in [-spread, spread]: some fall outside [-1, 1] to exercise the padding."""
    feeds = random_feeds(model, seed=seed)
    rng = np.random.default_rng(seed + 1)
    feeds["grid"] = rng.uniform(-spread, spread, feeds["grid"].shape).astype(feeds["grid"].dtype)
    return feeds


@pytest.mark.parametrize("align_corners", [0, 1])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
@pytest.mark.parametrize("mode", ["nearest", "linear", "cubic"])
def test_grid_sample_2d(mode: str, padding_mode: str, align_corners: int) -> None:
    model = grid_sample_model([2, 3, 5, 4], [2, 6, 7, 2], mode=mode, padding_mode=padding_mode,
                              align_corners=align_corners)
    assert_matches_onnxruntime(model, grid_feeds(model), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
@pytest.mark.parametrize("mode", ["nearest", "linear"])
def test_grid_sample_3d(mode: str, padding_mode: str) -> None:
    model = grid_sample_model([1, 2, 3, 4, 5], [1, 2, 3, 4, 3], mode=mode,
                              padding_mode=padding_mode)
    assert_matches_onnxruntime(model, grid_feeds(model), rtol=1e-4, atol=1e-5)


def test_grid_sample_far_outside_reflects_many_times() -> None:
    model = grid_sample_model([1, 1, 3, 4], [1, 5, 5, 2], mode="linear",
                              padding_mode="reflection", align_corners=1)
    assert_matches_onnxruntime(model, grid_feeds(model, spread=7.0), rtol=1e-4, atol=1e-5)


def test_grid_sample_f64_matches_reference() -> None:
    """onnxruntime has no f64 GridSample kernel; the reference denormalizes coordinates in f32
    even for f64 input (hence the tolerance)."""
    model = grid_sample_model([1, 2, 4, 4], [1, 3, 3, 2], dtype=np.float64, mode="cubic",
                              padding_mode="reflection")
    feeds = grid_feeds(model)
    want = ReferenceEvaluator(model).run(None, feeds)[0]
    np.testing.assert_allclose(run_onnx_mlir(model, feeds)[0], want, rtol=1e-5, atol=1e-5)


def affine_grid_model(theta_shape, size, **attrs):
    size = np.asarray(size, np.int64)
    out = [int(size[0]), *[int(s) for s in size[2:]], len(size) - 2]
    return single_node_model("AffineGrid", [("theta", F32, theta_shape), ("size", np.int64, [len(size)])],
                             [("grid", F32, out)], initializers={"size": size}, opset=20, **attrs)


@pytest.mark.parametrize("align_corners", [0, 1])
@pytest.mark.parametrize("theta_shape,size", [([2, 2, 3], [2, 3, 5, 6]), ([1, 3, 4], [1, 2, 3, 4, 5])],
                         ids=["2d", "3d"])
def test_affine_grid(theta_shape, size, align_corners: int) -> None:
    model = affine_grid_model(theta_shape, size, align_corners=align_corners)
    assert_matches_onnxruntime(model, rtol=1e-5, atol=1e-6)


def test_affine_grid_size_1() -> None:
    """A size-1 dim sits at 0 (pixel center). With align_corners=1 it is undefined (the ONNX
    reference gives -1, onnxruntime 1, PyTorch 0), so only align_corners=0 is compared."""
    model = affine_grid_model([1, 2, 3], [1, 1, 1, 4], align_corners=0)
    assert_matches_onnxruntime(model, rtol=1e-5, atol=1e-6)
