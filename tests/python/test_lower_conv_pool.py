"""Numerics of the Conv and pooling lowerings against onnxruntime, plus their refusals.

Each case is a one-node ONNX model compiled with ``onnx_mlir.compile`` and run on the CPU JIT.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from mlir import ir
from onnx import helper
from onnx.reference import ReferenceEvaluator

import onnx_mlir
from numerics import (assert_matches_onnxruntime, random_feeds, run_onnx_mlir, run_onnxruntime,
                      single_node_model)
from onnx_mlir.dialects import make_context
from onnx_mlir.lowering.onnx_to_linalg import ConvertOnnxToLinalgPass
from onnx_mlir.lowering.onnx_to_linalg.conv import window_geometry
from onnx_mlir.passes import PassFailure

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


# --------------------------------------------------------------------------- pooling numerics

def pool_model(op_type: str, x: list, dtype=F32, opset: int = 19, out: list | None = None,
               **attrs: Any):
    """A pooling model; ``out`` declares the output shape, without onnx's strict shape inference.

    onnx 1.23's shape inference disagrees with the operator spec and onnxruntime when ceil_mode
    would start a last window in the end padding (the spec drops it, inference keeps it), so
    those cases declare the shape onnxruntime computes.
    """
    if out is None:
        return single_node_model(op_type, [("x", dtype, x)], [("y", dtype, None)], opset=opset,
                                 **attrs)
    elem = helper.np_dtype_to_tensor_dtype(np.dtype(dtype))
    graph = helper.make_graph([helper.make_node(op_type, ["x"], ["y"], **attrs)], "pool",
                              [helper.make_tensor_value_info("x", elem, x)],
                              [helper.make_tensor_value_info("y", elem, out)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    return model


WINDOW_CASES = {
    # name: (x shape, attributes)
    "k2_s2": ([1, 2, 8, 8], dict(kernel_shape=[2, 2], strides=[2, 2])),
    "k3_s1": ([2, 3, 6, 7], dict(kernel_shape=[3, 3])),
    "k3_s2_p1": ([1, 4, 7, 7], dict(kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])),
    "k3_s2_p1_ceil": ([1, 4, 8, 8], dict(kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1)),
    "k3_s2_ceil": ([1, 2, 7, 8], dict(kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1)),
    "k2_s3_ceil_drop_last": ([1, 2, 7, 8], dict(kernel_shape=[2, 2], strides=[3, 3], pads=[0, 1, 0, 1], ceil_mode=1, out=[1, 2, 3, 3])),
    "k3x2_s3x2_asym_pads": ([1, 2, 7, 8], dict(kernel_shape=[3, 2], strides=[3, 2], pads=[0, 1, 1, 0])),
    "dilations": ([1, 2, 9, 9], dict(kernel_shape=[2, 2], strides=[1, 2], dilations=[2, 2], pads=[1, 1, 1, 1])),
    "dilations_ceil": ([1, 2, 9, 9], dict(kernel_shape=[3, 3], strides=[2, 2], dilations=[2, 1], pads=[1, 1, 2, 2], ceil_mode=1, out=[1, 2, 5, 5])),
    "same_upper": ([1, 2, 7, 8], dict(kernel_shape=[3, 2], strides=[2, 3], auto_pad="SAME_UPPER")),
    "same_lower": ([1, 2, 7, 8], dict(kernel_shape=[3, 2], strides=[2, 3], auto_pad="SAME_LOWER")),
    "same_upper_ceil": ([1, 2, 7, 8], dict(kernel_shape=[3, 3], strides=[2, 2], auto_pad="SAME_UPPER", ceil_mode=1)),
    "valid_ceil": ([1, 2, 7, 8], dict(kernel_shape=[3, 2], strides=[2, 3], auto_pad="VALID", ceil_mode=1)),
    "pool1d": ([2, 3, 9], dict(kernel_shape=[3], strides=[2], pads=[1, 1])),
    "pool3d": ([1, 2, 5, 6, 7], dict(kernel_shape=[2, 3, 2], strides=[2, 1, 2], pads=[1, 0, 1, 1, 1, 0])),
}


@pytest.mark.parametrize("name", list(WINDOW_CASES))
def test_max_pool(name: str) -> None:
    x, attrs = WINDOW_CASES[name]
    assert_matches_onnxruntime(pool_model("MaxPool", x, **attrs), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("count_include_pad", [0, 1])
@pytest.mark.parametrize("name", list(WINDOW_CASES))
def test_average_pool(name: str, count_include_pad: int) -> None:
    x, attrs = WINDOW_CASES[name]
    model = pool_model("AveragePool", x, count_include_pad=count_include_pad, **attrs)
    assert_matches_onnxruntime(model, rtol=RTOL, atol=ATOL)


def test_max_pool_f64_and_f16() -> None:
    attrs = dict(kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1)
    assert_matches_onnxruntime(pool_model("MaxPool", [1, 3, 8, 8], dtype=F64, **attrs))
    assert_matches_onnxruntime(pool_model("MaxPool", [1, 3, 8, 8], dtype=F16, **attrs),
                               rtol=0, atol=0)


def max_pool_indices_model(x: list, storage_order: int, dtype=F32, out: list | None = None,
                           **attrs: Any):
    elem = helper.np_dtype_to_tensor_dtype(np.dtype(dtype))
    node = helper.make_node("MaxPool", ["x"], ["y", "i"], storage_order=storage_order, **attrs)
    graph = helper.make_graph([node], "pool", [helper.make_tensor_value_info("x", elem, x)],
                              [helper.make_tensor_value_info("y", elem, out),
                               helper.make_tensor_value_info("i", 7, out)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    model.ir_version = 8
    return model


@pytest.mark.parametrize("storage_order", [0, 1])
@pytest.mark.parametrize("name", ["k2_s2", "k3_s2_p1", "k3_s2_p1_ceil", "k2_s3_ceil_drop_last",
                                  "k3x2_s3x2_asym_pads", "dilations", "same_lower", "pool1d",
                                  "pool3d"])
def test_max_pool_indices(name: str, storage_order: int) -> None:
    """The Indices output: flat argmax into the unpadded input, first maximum wins."""
    x, attrs = WINDOW_CASES[name]
    attrs = dict(attrs)
    out = attrs.pop("out", None)
    model = max_pool_indices_model(x, storage_order, out=out, **attrs)
    feeds = random_feeds(model)
    feeds["x"] = np.round(feeds["x"] * 2)  # ties: the first maximal tap must win
    assert_matches_onnxruntime(model, feeds)


def test_max_pool_indices_dynamic_batch() -> None:
    model = max_pool_indices_model(["N", 3, 6, 6], 0, kernel_shape=[2, 2], strides=[2, 2])
    assert_matches_onnxruntime(model, random_feeds(model, dims={"N": 2}))


@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.int64])
@pytest.mark.parametrize("name", ["k3_s2_p1", "k2_s3_ceil_drop_last", "pool3d"])
def test_max_pool_integers(name: str, dtype) -> None:
    x, attrs = WINDOW_CASES[name]
    if dtype is np.int32 or dtype is np.int64:
        # onnxruntime's MaxPool takes 8-bit integers only: compare with the ONNX reference.
        model = pool_model("MaxPool", x, dtype=dtype, **attrs)
        feeds = random_feeds(model)
        want = ReferenceEvaluator(model).run(None, feeds)[0]
        np.testing.assert_array_equal(run_onnx_mlir(model, feeds)[0], want)
        return
    assert_matches_onnxruntime(pool_model("MaxPool", x, dtype=dtype, **attrs))


def test_max_pool_uint8() -> None:
    model = pool_model("MaxPool", [1, 2, 7, 7], dtype=np.uint8, kernel_shape=[3, 3],
                       strides=[2, 2], pads=[1, 1, 1, 1])
    feeds = {"x": np.random.default_rng(0).integers(0, 256, [1, 2, 7, 7]).astype(np.uint8)}
    assert_matches_onnxruntime(model, feeds)


def test_average_pool_f16() -> None:
    model = pool_model("AveragePool", [1, 3, 7, 7], dtype=F16, kernel_shape=[3, 3],
                       strides=[2, 2], pads=[1, 1, 1, 1])
    assert_matches_onnxruntime(model, rtol=1e-2, atol=1e-2)


def test_max_pool_dynamic_batch() -> None:
    model = pool_model("MaxPool", ["N", 3, 8, 8], kernel_shape=[3, 3], strides=[2, 2],
                       pads=[1, 1, 1, 1])
    assert_matches_onnxruntime(model, random_feeds(model, dims={"N": 2}))


@pytest.mark.parametrize("op_type", ["GlobalAveragePool", "GlobalMaxPool"])
@pytest.mark.parametrize("shape", [[1, 8, 7, 7], [2, 3, 5, 4], [2, 3, 9], [1, 2, 3, 4, 5]],
                         ids=lambda s: "x".join(map(str, s)))
def test_global_pool(op_type: str, shape: list) -> None:
    assert_matches_onnxruntime(pool_model(op_type, shape), rtol=RTOL, atol=ATOL)


def test_global_average_pool_dynamic_batch_f16() -> None:
    model = pool_model("GlobalAveragePool", ["N", 4, 6, 6], dtype=F16)
    assert_matches_onnxruntime(model, random_feeds(model, dims={"N": 2}), rtol=1e-2, atol=1e-2)


@pytest.mark.parametrize("p", [1, 2, 3])
@pytest.mark.parametrize("name", ["k3_s2_p1", "k3x2_s3x2_asym_pads", "dilations", "same_upper",
                                  "pool1d", "pool3d"])
def test_lp_pool(name: str, p: int) -> None:
    x, attrs = WINDOW_CASES[name]
    assert_matches_onnxruntime(pool_model("LpPool", x, p=p, opset=18, **attrs), rtol=RTOL,
                               atol=ATOL)


@pytest.mark.parametrize("p", [1, 2, 5])
@pytest.mark.parametrize("shape", [[1, 3, 5, 4], [2, 3, 7], [1, 2, 3, 4, 2]],
                         ids=lambda s: "x".join(map(str, s)))
def test_global_lp_pool(shape: list, p: int) -> None:
    assert_matches_onnxruntime(pool_model("GlobalLpPool", shape, p=p), rtol=RTOL, atol=ATOL)


def test_lp_pool_f16() -> None:
    model = pool_model("LpPool", [1, 2, 6, 6], dtype=F16, opset=18, kernel_shape=[2, 2],
                       strides=[2, 2])
    assert_matches_onnxruntime(model, rtol=1e-2, atol=1e-2)


# --------------------------------------------------------------------------- geometry

def test_window_geometry_ceil_mode_drops_window_starting_in_padding() -> None:
    # 7 + 1 padding, kernel 2, stride 3: ceil gives 4 windows but the 4th would start at 9 >= 8.
    g = window_geometry([7], [2], [3], None, [0, 1], "NOTSET", ceil_mode=True)
    assert g.output == (3,)
    assert g.pads_end == (1,)


def test_window_geometry_same_lower_puts_odd_padding_first() -> None:
    g = window_geometry([10], [3], [2], None, None, "SAME_LOWER")
    assert (g.pads_begin, g.pads_end, g.output) == ((1,), (0,), (5,))


# --------------------------------------------------------------------------- refusals

def lower_error(text: str) -> str:
    """Run convert-onnx-to-linalg on ``text`` and return the error it emits."""
    messages: list[str] = []
    with make_context() as ctx, ir.Location.unknown():
        ctx.attach_diagnostic_handler(lambda d: messages.append(str(d.message)) or True)
        module = ir.Module.parse(text)
        with pytest.raises(PassFailure):
            ConvertOnnxToLinalgPass().run(module)
    return "\n".join(messages)


def test_conv_4d_spatial_is_refused() -> None:
    text = """func.func @f(%x: tensor<1x1x3x3x3x3xf32>, %w: tensor<1x1x2x2x2x2xf32>) -> tensor<1x1x2x2x2x2xf32> {
      %0 = "onnx.conv"(%x, %w) : (tensor<1x1x3x3x3x3xf32>, tensor<1x1x2x2x2x2xf32>) -> tensor<1x1x2x2x2x2xf32>
      return %0 : tensor<1x1x2x2x2x2xf32>
    }"""
    assert "Conv with 4 spatial dims is not supported" in lower_error(text)


def test_conv_integer_is_refused() -> None:
    text = """func.func @f(%x: tensor<1x1x3x3xi32>, %w: tensor<1x1x2x2xi32>) -> tensor<1x1x2x2xi32> {
      %0 = "onnx.conv"(%x, %w) : (tensor<1x1x3x3xi32>, tensor<1x1x2x2xi32>) -> tensor<1x1x2x2xi32>
      return %0 : tensor<1x1x2x2xi32>
    }"""
    assert "f16/bf16/f32/f64 only" in lower_error(text)


def test_ceil_mode_declared_shape_contradicting_inference_is_reinferred() -> None:
    """The model declares the output shape of onnx's opset-19 inference, which keeps the
    window the spec drops; the importer trusts the node over a contradicting declaration
    (inferred again at the dialect's opset), as onnxruntime does."""
    model = pool_model("MaxPool", [1, 2, 7, 8], kernel_shape=[2, 2], strides=[3, 3],
                       pads=[0, 1, 0, 1], ceil_mode=1)
    assert_matches_onnxruntime(model, random_feeds(model))


def test_ceil_mode_shape_conflict_is_explained() -> None:
    """A result type that keeps the window the spec drops: the lowering says why."""
    text = """func.func @f(%x: tensor<1x2x7x8xf32>) -> tensor<1x2x3x4xf32> {
      %0 = "onnx.max_pool"(%x) {ceil_mode = 1 : i64, kernel_shape = [2, 2], pads = [0, 1, 0, 1],
                                strides = [3, 3]} : (tensor<1x2x7x8xf32>) -> tensor<1x2x3x4xf32>
      return %0 : tensor<1x2x3x4xf32>
    }"""
    assert "declare the output shape in the model" in lower_error(text)
