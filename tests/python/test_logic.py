"""Numerics of comparisons, logic/bitwise ops, BitShift, Where, IsNaN/IsInf against onnxruntime.

Most of these produce or consume bool (i1) tensors; the CPU pipeline stores them as bytes
(cpu-widen-bool-buffers)."""

from __future__ import annotations

import numpy as np
import pytest

from elementwise_helpers import (F16, F32, F64, SIGNED, UNSIGNED, check, dtype_param,
                                 random_array)
from numerics import single_node_model


COMPARE_DTYPES = [F32, F64, F16, np.int32, np.int64, np.int8, np.uint8]


@pytest.mark.parametrize("op_type,dtype", [
    pytest.param(op, d, id=f"{op}-{np.dtype(d).name}")
    for op in ["Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual"]
    for d in COMPARE_DTYPES + ([np.bool_] if op == "Equal" else [])])  # only Equal takes bool
def test_compare(op_type, dtype) -> None:
    rng = np.random.default_rng(20)
    a, c = random_array(dtype, [2, 3, 4], rng), random_array(dtype, [3, 1], rng)
    model = single_node_model(op_type, [("a", dtype, [2, 3, 4]), ("b", dtype, [3, 1])],
                              [("c", np.bool_, None)])
    check(model, {"a": a, "b": c})


@pytest.mark.parametrize("op_type", ["And", "Or", "Xor"])
def test_logic(op_type) -> None:
    rng = np.random.default_rng(21)
    model = single_node_model(op_type, [("a", np.bool_, [3, 4]), ("b", np.bool_, [4])],
                              [("c", np.bool_, None)])
    check(model, {"a": random_array(np.bool_, [3, 4], rng), "b": random_array(np.bool_, [4], rng)})


def test_not() -> None:
    model = single_node_model("Not", [("a", np.bool_, [3, 4])], [("c", np.bool_, None)])
    check(model, {"a": random_array(np.bool_, [3, 4], np.random.default_rng(22))})


@pytest.mark.parametrize("dtype", [dtype_param(d) for d in SIGNED + UNSIGNED])
@pytest.mark.parametrize("op_type", ["BitwiseAnd", "BitwiseOr", "BitwiseXor", "BitwiseNot"])
def test_bitwise(op_type, dtype) -> None:
    rng = np.random.default_rng(23)
    info = np.iinfo(dtype)
    a = rng.integers(info.min, info.max, size=[3, 4], dtype=dtype, endpoint=True)
    b = rng.integers(info.min, info.max, size=[4], dtype=dtype, endpoint=True)
    if op_type == "BitwiseNot":
        model = single_node_model(op_type, [("a", dtype, [3, 4])], [("c", dtype, None)], opset=18)
        check(model, {"a": a}, lambda f: np.invert(f["a"]))
        return
    fn = {"BitwiseAnd": np.bitwise_and, "BitwiseOr": np.bitwise_or,
          "BitwiseXor": np.bitwise_xor}[op_type]
    model = single_node_model(op_type, [("a", dtype, [3, 4]), ("b", dtype, [4])],
                              [("c", dtype, None)], opset=18)
    check(model, {"a": a, "b": b}, lambda f: fn(f["a"], f["b"]))


def _np_shift(x, s, direction):
    bits = x.dtype.itemsize * 8
    out = np.zeros_like(x)
    for i, (v, n) in enumerate(zip(x.ravel(), s.ravel())):
        n = int(n) % (1 << bits) if n < 0 else int(n)  # the amount is read as unsigned
        if direction == "LEFT":
            out.flat[i] = 0 if n >= bits else (int(v) << n) & ((1 << bits) - 1) if x.dtype.kind == "u" \
                else np.array((int(v) << n) & ((1 << bits) - 1), np.uint64).astype(x.dtype)
        else:
            out.flat[i] = (int(v) >> min(n, bits - 1)) if x.dtype.kind == "i" else \
                (0 if n >= bits else int(v) >> n)
    return out


@pytest.mark.parametrize("dtype", [dtype_param(d) for d in UNSIGNED + [np.int8, np.int32, np.int64]])
@pytest.mark.parametrize("direction", ["LEFT", "RIGHT"])
def test_bitshift(direction, dtype) -> None:
    bits = np.dtype(dtype).itemsize * 8
    x = np.array([1, 5, 16, 255 if np.dtype(dtype).kind == "u" else -7, 3, 9], dtype)
    s = np.array([0, 1, 3, 2, bits, bits + 3], dtype)
    model = single_node_model("BitShift", [("x", dtype, [6]), ("s", dtype, [6])],
                              [("y", dtype, None)], opset=11, direction=direction)
    check(model, {"x": x, "s": s}, lambda f: _np_shift(f["x"], f["s"], direction))


@pytest.mark.parametrize("dtype", [F32, F64, np.int64, np.bool_], ids=lambda d: np.dtype(d).name)
def test_where(dtype) -> None:
    rng = np.random.default_rng(24)
    model = single_node_model("Where", [("c", np.bool_, [3, 1]), ("x", dtype, [2, 3, 4]),
                                        ("y", dtype, [4])], [("z", dtype, None)])
    feeds = {"c": random_array(np.bool_, [3, 1], rng), "x": random_array(dtype, [2, 3, 4], rng),
             "y": random_array(dtype, [4], rng)}
    check(model, feeds, lambda f: np.where(f["c"], f["x"], f["y"]))  # onnxruntime: no bool Where


@pytest.mark.parametrize("detect", [(1, 1), (1, 0), (0, 1)])
def test_isinf(detect) -> None:
    model = single_node_model("IsInf", [("x", F32, [5])], [("y", np.bool_, None)],
                              detect_positive=detect[0], detect_negative=detect[1])
    check(model, {"x": np.array([np.inf, -np.inf, np.nan, 0.0, 3.0], F32)})


def test_isnan() -> None:
    model = single_node_model("IsNaN", [("x", F32, [4])], [("y", np.bool_, None)])
    check(model, {"x": np.array([np.inf, np.nan, 0.0, -np.nan], F32)})
