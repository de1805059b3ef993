"""Numerics of the Conv and ConvTranspose lowerings (``lowering/onnx_to_linalg/conv.py``)
against onnxruntime, plus their refusals (lit: ``tests/lit/onnx-to-linalg/conv.mlir``).

Each case is a one-node ONNX model compiled with ``onnx_mlir.compile`` and run on the CPU JIT.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from numerics import (assert_matches_onnxruntime, conversion_error, random_feeds, run_onnx_mlir,
                      run_onnxruntime, single_node_model)

F16, F32, F64 = np.float16, np.float32, np.float64
RTOL, ATOL = 1e-4, 1e-5


def conv_model(x: list, w: list, bias: bool = False, dtype=F32, weights_as_initializers=False,
               opset: int = 17, **attrs: Any):
    """A Conv model; with ``weights_as_initializers`` W (and B) are constants, as in real nets."""
    rng = np.random.default_rng(1)
    inputs = [("x", dtype, x), ("w", dtype, w)] + ([("b", dtype, [w[0]])] if bias else [])
    inits = {}
    if weights_as_initializers:
        inits["w"] = rng.uniform(-1, 1, size=w).astype(dtype)
        if bias:
            inits["b"] = rng.uniform(-1, 1, size=[w[0]]).astype(dtype)
    return single_node_model("Conv", inputs, [("y", dtype, None)], initializers=inits,
                             opset=opset, **attrs)


# --------------------------------------------------------------------------- Conv numerics

CONV_CASES = {
    # name: (x shape, w shape, bias, attributes)
    "lenet_5x5": ([1, 1, 28, 28], [6, 1, 5, 5], True, {}),
    "resnet_3x3_s2_p1": ([1, 16, 14, 14], [32, 16, 3, 3], True, dict(strides=[2, 2], pads=[1, 1, 1, 1])),
    "resnet_stem_7x7_s2_p3": ([1, 3, 32, 32], [8, 3, 7, 7], False, dict(strides=[2, 2], pads=[3, 3, 3, 3])),
    "pointwise_1x1": ([2, 8, 5, 5], [4, 8, 1, 1], True, {}),
    "batch_3_no_bias": ([3, 2, 6, 7], [3, 2, 3, 2], False, {}),
    "groups_2": ([2, 4, 8, 8], [6, 2, 3, 3], True, dict(group=2)),
    "groups_3_strided": ([1, 6, 9, 9], [9, 2, 3, 3], False, dict(group=3, strides=[2, 1], pads=[1, 1, 1, 1])),
    "depthwise": ([1, 8, 10, 10], [8, 1, 3, 3], True, dict(group=8, pads=[1, 1, 1, 1])),
    "depthwise_s2": ([2, 4, 9, 9], [4, 1, 3, 3], False, dict(group=4, strides=[2, 2], pads=[1, 1, 1, 1])),
    "depthwise_multiplier_2": ([1, 4, 9, 9], [8, 1, 3, 3], True, dict(group=4, auto_pad="SAME_LOWER", strides=[2, 2])),
    "dilations": ([1, 3, 10, 10], [5, 3, 3, 2], False, dict(dilations=[2, 3], kernel_shape=[3, 2])),
    "dilations_groups": ([1, 4, 9, 9], [4, 1, 3, 3], True, dict(group=4, dilations=[2, 1], pads=[1, 0, 2, 1])),
    "asymmetric_pads": ([1, 3, 10, 10], [5, 3, 3, 3], True, dict(pads=[0, 2, 1, 0])),
    "auto_pad_same_upper": ([1, 3, 10, 10], [5, 3, 3, 3], True, dict(auto_pad="SAME_UPPER", strides=[2, 2])),
    "auto_pad_same_lower": ([1, 3, 10, 11], [5, 3, 4, 3], True, dict(auto_pad="SAME_LOWER", strides=[3, 2])),
    "auto_pad_valid": ([1, 3, 10, 10], [5, 3, 3, 3], False, dict(auto_pad="VALID", strides=[2, 1])),
    "conv1d": ([2, 6, 11], [4, 6, 3], True, dict(dilations=[2], pads=[1, 2])),
    "conv1d_groups": ([2, 6, 11], [4, 3, 3], True, dict(group=2, strides=[2], pads=[1, 2])),
    "conv3d": ([1, 4, 5, 6, 7], [6, 4, 3, 2, 3], True, dict(strides=[2, 1, 2])),
    "conv3d_groups": ([1, 4, 5, 6, 7], [6, 2, 3, 2, 3], True, dict(group=2, pads=[1, 0, 1, 1, 1, 0])),
}


@pytest.mark.parametrize("name", list(CONV_CASES))
def test_conv_f32(name: str) -> None:
    x, w, bias, attrs = CONV_CASES[name]
    assert_matches_onnxruntime(conv_model(x, w, bias, **attrs), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("name", ["lenet_5x5", "resnet_3x3_s2_p1", "depthwise"])
def test_conv_constant_weights(name: str) -> None:
    x, w, bias, attrs = CONV_CASES[name]
    model = conv_model(x, w, bias, weights_as_initializers=True, **attrs)
    assert_matches_onnxruntime(model, rtol=RTOL, atol=ATOL)


def test_conv_dynamic_batch() -> None:
    model = conv_model(["N", 3, 8, 8], [4, 3, 3, 3], True, pads=[1, 1, 1, 1], strides=[2, 2])
    for batch in (1, 3):
        assert_matches_onnxruntime(model, random_feeds(model, dims={"N": batch}),
                                   rtol=RTOL, atol=ATOL)


def test_conv_f16() -> None:
    model = conv_model([1, 3, 8, 8], [4, 3, 3, 3], True, dtype=F16, pads=[1, 1, 1, 1])
    assert_matches_onnxruntime(model, rtol=1e-2, atol=1e-2)


def test_conv_f64() -> None:
    """onnxruntime has no f64 Conv kernel: compare with its f32 result on the same values."""
    attrs = dict(group=2, pads=[1, 0, 1, 2], strides=[2, 1])
    model64 = conv_model([1, 4, 9, 8], [6, 2, 3, 3], True, dtype=F64, **attrs)
    model32 = conv_model([1, 4, 9, 8], [6, 2, 3, 3], True, dtype=F32, **attrs)
    feeds64 = random_feeds(model64)
    (got,) = run_onnx_mlir(model64, feeds64)
    (want,) = run_onnxruntime(model32, {k: v.astype(F32) for k, v in feeds64.items()})
    assert got.dtype == F64
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


# --------------------------------------------------------------------------- ConvTranspose

CONV_TRANSPOSE_CASES = {
    # name: (x shape, w shape [C, M/group, k...], bias, attributes)
    "basic": ([1, 2, 3, 3], [2, 3, 3, 3], True, {}),
    "strides": ([1, 2, 4, 5], [2, 3, 3, 2], True, dict(strides=[2, 3])),
    "pads": ([2, 3, 5, 5], [3, 2, 3, 3], False, dict(strides=[2, 2], pads=[1, 0, 2, 1])),
    "large_pads_crop": ([1, 2, 4, 4], [2, 2, 2, 2], True, dict(pads=[2, 1, 1, 2])),
    "output_padding": ([1, 1, 3, 3], [1, 2, 3, 3], True, dict(strides=[3, 2], output_padding=[1, 1])),
    "output_shape": ([1, 1, 3, 3], [1, 2, 3, 3], False, dict(strides=[3, 2], output_shape=[10, 8])),
    "dilations": ([1, 2, 4, 4], [2, 2, 3, 2], True, dict(dilations=[2, 3], strides=[2, 1])),
    "same_upper": ([1, 2, 3, 4], [2, 2, 3, 3], False, dict(auto_pad="SAME_UPPER", strides=[2, 2])),
    "same_lower": ([1, 2, 3, 4], [2, 2, 3, 3], False, dict(auto_pad="SAME_LOWER", strides=[2, 3])),
    "groups": ([1, 4, 3, 3], [4, 3, 3, 3], True, dict(group=2, strides=[2, 2], pads=[1, 1, 1, 1])),
    "depthwise": ([2, 3, 4, 4], [3, 1, 3, 3], True, dict(group=3, strides=[2, 2])),
    "conv1d": ([2, 3, 7], [3, 2, 3], True, dict(strides=[2], pads=[1, 0], output_padding=[1])),
    "conv1d_groups": ([1, 4, 5], [4, 1, 2], False, dict(group=2, dilations=[2])),
    "conv3d": ([1, 2, 3, 4, 3], [2, 2, 2, 3, 2], True, dict(strides=[2, 1, 2], pads=[0, 1, 1, 1, 0, 0])),
    "conv3d_groups": ([1, 4, 3, 3, 3], [4, 1, 2, 2, 2], True, dict(group=2, strides=[1, 2, 1])),
}


@pytest.mark.parametrize("name", list(CONV_TRANSPOSE_CASES))
def test_conv_transpose(name: str) -> None:
    x, w, bias, attrs = CONV_TRANSPOSE_CASES[name]
    inputs = [("x", F32, x), ("w", F32, w)] + ([("b", F32, [w[1] * attrs.get("group", 1)])]
                                               if bias else [])
    model = single_node_model("ConvTranspose", inputs, [("y", F32, None)], **attrs)
    assert_matches_onnxruntime(model, rtol=RTOL, atol=ATOL)


def test_conv_transpose_constant_weights_dynamic_batch_f16() -> None:
    rng = np.random.default_rng(2)
    inits = {"w": rng.uniform(-1, 1, [3, 2, 3, 3]).astype(F16),
             "b": rng.uniform(-1, 1, [2]).astype(F16)}
    model = single_node_model("ConvTranspose", [("x", F16, ["N", 3, 4, 4]), ("w", F16, [3, 2, 3, 3]),
                                                ("b", F16, [2])],
                              [("y", F16, None)], initializers=inits, strides=[2, 2],
                              pads=[1, 1, 1, 1])
    assert_matches_onnxruntime(model, random_feeds(model, dims={"N": 2}), rtol=1e-2, atol=1e-2)


# --------------------------------------------------------------------------- refusals


def test_conv_4d_spatial_is_refused() -> None:
    text = """func.func @f(%x: tensor<1x1x3x3x3x3xf32>, %w: tensor<1x1x2x2x2x2xf32>) -> tensor<1x1x2x2x2x2xf32> {
      %0 = "onnx.conv"(%x, %w) : (tensor<1x1x3x3x3x3xf32>, tensor<1x1x2x2x2x2xf32>) -> tensor<1x1x2x2x2x2xf32>
      return %0 : tensor<1x1x2x2x2x2xf32>
    }"""
    assert "Conv with 4 spatial dims is not supported" in conversion_error(text)


def test_conv_integer_is_refused() -> None:
    text = """func.func @f(%x: tensor<1x1x3x3xi32>, %w: tensor<1x1x2x2xi32>) -> tensor<1x1x2x2xi32> {
      %0 = "onnx.conv"(%x, %w) : (tensor<1x1x3x3xi32>, tensor<1x1x2x2xi32>) -> tensor<1x1x2x2xi32>
      return %0 : tensor<1x1x2x2xi32>
    }"""
    assert "f16/bf16/f32/f64 only" in conversion_error(text)
