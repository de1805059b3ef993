"""Numerics of the quantization lowerings (QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear,
MatMulInteger, QLinearMatMul, ConvInteger, QLinearConv) against onnxruntime."""

from __future__ import annotations

import ml_dtypes
import numpy as np
import pytest
from onnx.reference import ReferenceEvaluator

from numerics import (assert_matches_onnxruntime, run_onnx_mlir, run_onnxruntime,
                      single_node_model)

I8, U8, I16, U16, I32 = np.int8, np.uint8, np.int16, np.uint16, np.int32
F16, F32 = np.float16, np.float32

rng = np.random.default_rng(7)


def _ints(dtype, shape):
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, size=shape, endpoint=True).astype(dtype)


@pytest.mark.parametrize("zp_dtype", [I8, I16, U8, U16])
def test_quantize_per_tensor(zp_dtype):
    model = single_node_model("QuantizeLinear",
                              [("x", F32, [3, 5]), ("s", F32, []), ("z", zp_dtype, [])],
                              [("y", zp_dtype, None)], opset=21)
    # Values around the saturation bounds and exact halves (round half to even).
    x = np.array([[-300, -129.5, -128.5, -2.5, -1.5], [-0.5, 0.5, 1.5, 2.5, 3.49],
                  [126.5, 127.5, 128, 254.5, 70000]], F32)
    feeds = {"x": x, "s": np.array(1.0, F32), "z": np.array(3, zp_dtype)}
    assert_matches_onnxruntime(model, feeds)
    feeds["s"] = np.array(0.37, F32)
    feeds["x"] = rng.uniform(-60, 60, size=[3, 5]).astype(F32)
    assert_matches_onnxruntime(model, feeds)


def test_quantize_per_axis_f16_input():
    model = single_node_model("QuantizeLinear",
                              [("x", F16, [2, 3, 4]), ("s", F16, [3]), ("z", I8, [3])],
                              [("y", I8, None)], opset=21, axis=1)
    feeds = {"x": rng.uniform(-20, 20, size=[2, 3, 4]).astype(F16),
             "s": np.array([0.1, 0.25, 0.5], F16), "z": np.array([-3, 0, 5], I8)}
    assert_matches_onnxruntime(model, feeds)


def test_quantize_blocked_int8():
    model = single_node_model("QuantizeLinear",
                              [("x", F32, [3, 6]), ("s", F32, [3, 3]), ("z", I8, [3, 3])],
                              [("y", I8, None)], opset=21, axis=1, block_size=2)
    feeds = {"x": rng.uniform(-30, 30, size=[3, 6]).astype(F32),
             "s": rng.uniform(0.1, 1.0, size=[3, 3]).astype(F32), "z": _ints(I8, [3, 3]) // 4}
    assert_matches_onnxruntime(model, feeds)


@pytest.mark.parametrize("x_dtype", [I8, I16, I32, U8])
def test_dequantize_per_tensor(x_dtype):
    with_zp = x_dtype != I32  # onnxruntime takes int32 inputs only without a zero point
    inputs = [("x", x_dtype, [4, 5]), ("s", F32, [])] + ([("z", x_dtype, [])] if with_zp else [])
    model = single_node_model("DequantizeLinear", inputs, [("y", F32, None)], opset=21)
    feeds = {"x": _ints(x_dtype, [4, 5]), "s": np.array(0.125, F32)}
    if with_zp:
        feeds["z"] = np.array(7, x_dtype)
    assert_matches_onnxruntime(model, feeds)


def test_dequantize_per_axis_negative_axis_f16():
    model = single_node_model("DequantizeLinear",
                              [("x", I8, [2, 3, 4]), ("s", F16, [4]), ("z", I8, [4])],
                              [("y", F16, None)], opset=21, axis=-1)
    feeds = {"x": _ints(I8, [2, 3, 4]), "s": np.array([0.5, 0.25, 2, 0.01], F16),
             "z": np.array([1, -2, 0, 3], I8)}
    assert_matches_onnxruntime(model, feeds, rtol=1e-3, atol=1e-3)


def test_dequantize_blocked():
    model = single_node_model("DequantizeLinear",
                              [("x", I8, [4, 6]), ("s", F32, [2, 6]), ("z", I8, [2, 6])],
                              [("y", F32, None)], opset=21, axis=0, block_size=3)
    feeds = {"x": _ints(I8, [4, 6]), "s": rng.uniform(0.1, 1, size=[2, 6]).astype(F32),
             "z": _ints(I8, [2, 6])}
    assert_matches_onnxruntime(model, feeds)


def test_dynamic_quantize_linear():
    model = single_node_model("DynamicQuantizeLinear", [("x", F32, [3, 4])],
                              [("y", U8, None), ("s", F32, None), ("z", U8, None)], opset=11)
    assert_matches_onnxruntime(model, {"x": rng.uniform(-3, 5, size=[3, 4]).astype(F32)})


@pytest.mark.parametrize("a_shape,b_shape", [([3, 4], [4, 5]), ([2, 3, 4], [4, 5])])
def test_matmul_integer_int8(a_shape, b_shape):
    model = single_node_model("MatMulInteger",
                              [("a", I8, a_shape), ("b", I8, b_shape), ("za", I8, []),
                               ("zb", I8, [])], [("y", I32, None)], opset=10)
    feeds = {"a": _ints(I8, a_shape), "b": _ints(I8, b_shape), "za": np.array(-5, I8),
             "zb": np.array(9, I8)}
    assert_matches_onnxruntime(model, feeds)


def test_matmul_integer_per_row_and_column_zero_points():
    model = single_node_model("MatMulInteger",
                              [("a", I8, [3, 4]), ("b", I8, [4, 5]), ("za", I8, [3]),
                               ("zb", I8, [5])], [("y", I32, None)], opset=10)
    feeds = {"a": _ints(I8, [3, 4]), "b": _ints(I8, [4, 5]), "za": np.array([1, -2, 3], I8),
             "zb": np.array([4, 0, -1, 2, 7], I8)}
    # onnxruntime rejects a per-row A zero point: compare with the ONNX definition in numpy.
    (got,) = run_onnx_mlir(model, feeds)
    want = (feeds["a"].astype(I32) - feeds["za"].astype(I32)[:, None]) @ \
        (feeds["b"].astype(I32) - feeds["zb"].astype(I32))
    assert got.dtype == np.int32
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("scale_dtype", [F32, F16])
def test_qlinear_matmul_int8(scale_dtype):
    inputs = [("a", I8, [2, 3, 4]), ("sa", scale_dtype, []), ("za", I8, []),
              ("b", I8, [4, 5]), ("sb", scale_dtype, []), ("zb", I8, []),
              ("sy", scale_dtype, []), ("zy", I8, [])]
    model = single_node_model("QLinearMatMul", inputs, [("y", I8, None)], opset=21)
    feeds = {"a": _ints(I8, [2, 3, 4]), "sa": np.array(0.02, scale_dtype),
             "za": np.array(3, I8), "b": _ints(I8, [4, 5]), "sb": np.array(0.05, scale_dtype),
             "zb": np.array(-1, I8), "sy": np.array(0.4, scale_dtype), "zy": np.array(2, I8)}
    if scale_dtype == F32:
        assert_matches_onnxruntime(model, feeds)
        return
    # f16 scales: the ONNX reference forms s_a * s_b / s_y in f16 (as this lowering does),
    # onnxruntime in f32, so values on a rounding boundary may differ by one step.
    (want,) = run_onnxruntime(model, feeds)
    (got,) = run_onnx_mlir(model, feeds)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert np.abs(got.astype(I32) - want.astype(I32)).max() <= 1


def test_qlinear_matmul_uint8():
    inputs = [("a", U8, [2, 4]), ("sa", F32, []), ("za", U8, []), ("b", U8, [4, 3]),
              ("sb", F32, []), ("zb", U8, []), ("sy", F32, []), ("zy", U8, [])]
    model = single_node_model("QLinearMatMul", inputs, [("y", U8, None)], opset=21)
    feeds = {"a": _ints(U8, [2, 4]), "sa": np.array(0.02, F32), "za": np.array(113, U8),
             "b": _ints(U8, [4, 3]), "sb": np.array(0.05, F32), "zb": np.array(114, U8),
             "sy": np.array(0.4, F32), "zy": np.array(118, U8)}
    assert_matches_onnxruntime(model, feeds)


def test_conv_integer_uint8_padded():
    model = single_node_model("ConvInteger",
                              [("x", U8, [1, 2, 5, 5]), ("w", U8, [3, 2, 3, 3]), ("zx", U8, [])],
                              [("y", I32, None)], opset=10, pads=[1, 1, 1, 1])
    feeds = {"x": _ints(U8, [1, 2, 5, 5]), "w": _ints(U8, [3, 2, 3, 3]),
             "zx": np.array(100, U8)}
    assert_matches_onnxruntime(model, feeds)


@pytest.mark.parametrize("group", [1, 2])
def test_qlinear_conv_int8_per_channel(group):
    w_shape = [4, 4 // group, 3, 3]
    inputs = [("x", I8, [1, 4, 6, 6]), ("sx", F32, []), ("zx", I8, []),
              ("w", I8, w_shape), ("sw", F32, [4]), ("zw", I8, [4]),
              ("sy", F32, []), ("zy", I8, []), ("bias", I32, [4])]
    model = single_node_model("QLinearConv", inputs, [("y", I8, None)], opset=10, group=group,
                              strides=[2, 1], pads=[1, 0, 1, 2])
    feeds = {"x": _ints(I8, [1, 4, 6, 6]), "sx": np.array(0.05, F32), "zx": np.array(-3, I8),
             "w": _ints(I8, w_shape), "sw": np.array([0.01, 0.02, 0.005, 0.03], F32),
             "zw": np.zeros(4, I8), "sy": np.array(0.8, F32), "zy": np.array(5, I8),
             "bias": rng.integers(-500, 500, size=[4]).astype(I32)}
    assert_matches_onnxruntime(model, feeds)


SUB_BYTE = [np.dtype(getattr(ml_dtypes, n)) for n in ("int4", "uint4", "int2", "uint2")]


@pytest.mark.parametrize("dtype", SUB_BYTE, ids=lambda d: d.name)
def test_quantize_dequantize_sub_byte(dtype):
    """2/4-bit results and arguments (ml_dtypes arrays, one element per byte) against the ONNX
    reference (onnxruntime's Python API takes no 4-bit arrays): saturation at the type's bounds,
    round half to even, then the way back."""
    q = single_node_model("QuantizeLinear", [("x", F32, [2, 6]), ("s", F32, []), ("z", dtype, [])],
                          [("y", dtype, None)], opset=21)
    x = np.array([[-20, -8.5, -2.5, -1.5, -0.5, 0], [0.5, 1.5, 2.5, 6.5, 7.5, 40]], F32)
    feeds = {"x": x, "s": np.array(1.0, F32), "z": np.array(1, dtype)}
    (got,) = run_onnx_mlir(q, feeds)
    (want,) = ReferenceEvaluator(q).run(None, feeds)
    assert got.dtype == dtype
    np.testing.assert_array_equal(got.astype(I32), want.astype(I32))
    dq = single_node_model("DequantizeLinear", [("y", dtype, [2, 6]), ("s", F32, []), ("z", dtype, [])],
                           [("x", F32, None)], opset=21)
    feeds = {"y": want, "s": np.array(0.5, F32), "z": np.array(1, dtype)}
    (got,) = run_onnx_mlir(dq, feeds)
    np.testing.assert_array_equal(got, ReferenceEvaluator(dq).run(None, feeds)[0])
