"""Numerics of the elementwise lowerings (``lowering/onnx_to_linalg/elementwise.py``): unary math,
Pow, Mod, variadic (Max/Min/Sum/Mean) and broadcasting binary ops against onnxruntime (numpy
where onnxruntime has no kernel for the dtype), over the allowed dtypes."""

from __future__ import annotations

import numpy as np
import pytest

from elementwise_helpers import (BF16, F16, F32, F64, FLOATS, SIGNED, UNSIGNED, check,
                                 dtype_param, random_array, reference)
from numerics import assert_matches_onnxruntime, random_feeds, run_onnx_mlir, single_node_model
from onnx_mlir import conversions

FLOAT_PARAMS = [dtype_param(d) for d in FLOATS]

# op -> (numpy function, input range)
UNARY_FLOAT = {
    "Ceil": (np.ceil, (-3, 3)), "Floor": (np.floor, (-3, 3)), "Round": (np.round, (-3, 3)),
    "Sqrt": (np.sqrt, (0.01, 4)), "Reciprocal": (np.reciprocal, (0.5, 3)),
    "Exp": (np.exp, (-3, 3)), "Log": (np.log, (0.01, 4)), "Sin": (np.sin, (-3, 3)),
    "Cos": (np.cos, (-3, 3)), "Tan": (np.tan, (-1.2, 1.2)), "Asin": (np.arcsin, (-0.99, 0.99)),
    "Acos": (np.arccos, (-0.99, 0.99)), "Atan": (np.arctan, (-3, 3)), "Sinh": (np.sinh, (-3, 3)),
    "Cosh": (np.cosh, (-3, 3)), "Asinh": (np.arcsinh, (-3, 3)), "Acosh": (np.arccosh, (1.01, 4)),
    "Atanh": (np.arctanh, (-0.95, 0.95)), "Tanh": (np.tanh, (-3, 3)),
}


def _erf(x):
    import math
    return np.vectorize(math.erf, otypes=[np.float64])(x)


UNARY_FLOAT["Erf"] = (_erf, (-3, 3))


def _np_unary(fn, dtype):
    return lambda feeds: fn(feeds["x"].astype(np.float64)).astype(dtype)


@pytest.mark.parametrize("dtype", FLOAT_PARAMS)
@pytest.mark.parametrize("op_type", sorted(UNARY_FLOAT))
def test_unary_float(op_type, dtype) -> None:
    fn, (lo, hi) = UNARY_FLOAT[op_type]
    rng = np.random.default_rng(1)
    x = random_array(dtype, [3, 4], rng, lo, hi)
    if op_type == "Round":  # halves round to even
        x = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.4, -0.6, 3.5, 1.2, -1.7, 0.0],
                     np.float32).astype(dtype).reshape(3, 4)
    model = single_node_model(op_type, [("x", dtype, [3, 4])], [("y", dtype, None)])
    check(model, {"x": x}, _np_unary(fn, dtype))


ABS_NEG_SIGN = [pytest.param(op, d.values[0], id=f"{op}-{d.id}", marks=d.marks)
                for op in ("Abs", "Neg", "Sign")
                for d in FLOAT_PARAMS + [dtype_param(t) for t in SIGNED + UNSIGNED]
                # Neg is not defined on unsigned types; Abs of unsigned is its input (no bitcast)
                if not (op == "Neg" and np.dtype(d.values[0]).kind == "u")]
ABS_NEG_SIGN += [pytest.param("Abs", t, id=f"Abs-{np.dtype(t).name}") for t in UNSIGNED]
ABS_NEG_SIGN = [p for p in ABS_NEG_SIGN
                if not (p.values[0] == "Abs" and np.dtype(p.values[1]).kind == "u" and p.marks)]


@pytest.mark.parametrize("op_type,dtype", ABS_NEG_SIGN)
def test_abs_neg_sign(op_type, dtype) -> None:
    rng = np.random.default_rng(2)
    x = random_array(dtype, [2, 5], rng)
    x.flat[0] = 0
    fn = {"Abs": np.abs, "Neg": np.negative, "Sign": np.sign}[op_type]
    model = single_node_model(op_type, [("x", dtype, [2, 5])], [("y", dtype, None)])
    check(model, {"x": x}, lambda f: fn(f["x"]), exact=True)


def test_sign_nan() -> None:
    model = single_node_model("Sign", [("x", F32, [4])], [("y", F32, None)])
    x = np.array([np.nan, -0.0, -3.0, 5.0], F32)
    got = check(model, {"x": x})
    assert np.isnan(got[0][0])


POW_CASES = [
    (F32, F32), (F64, F64), (F16, F16), (F32, np.int64), (F32, np.int32), (F64, F32),
    (np.int32, np.int32), (np.int64, np.int64), (np.int32, np.int64), (np.int64, F32),
    (np.int32, F64), (F32, F16),
]


@pytest.mark.parametrize("types", POW_CASES, ids=lambda t: f"{np.dtype(t[0]).name}^{np.dtype(t[1]).name}")
def test_pow(types) -> None:
    bt, et = types
    rng = np.random.default_rng(3)
    base = random_array(bt, [2, 3], rng, 0.1, 3.0) if np.dtype(bt).kind == "f" \
        else rng.integers(-4, 5, size=[2, 3]).astype(bt)
    exponent = random_array(et, [3], rng, -2.0, 2.0) if np.dtype(et).kind == "f" \
        else rng.integers(0, 4, size=[3]).astype(et)
    model = single_node_model("Pow", [("x", bt, [2, 3]), ("y", et, [3])], [("z", bt, None)])

    def np_pow(f):
        r = np.power(f["x"].astype(np.float64), f["y"].astype(np.float64))
        return np.trunc(r).astype(bt) if np.dtype(bt).kind == "i" else r.astype(bt)

    if not (np.dtype(bt).kind == "i" and np.dtype(et).kind == "f"):
        check(model, {"x": base, "y": exponent}, np_pow)
        return
    # An integer base to a float power is computed in float and converted back: a negative base
    # to a fractional power is NaN there, whose conversion ONNX leaves undefined (onnxruntime
    # gives INT_MIN on x86); the project's defined result is 0 (onnx_mlir.conversions).
    with np.errstate(invalid="ignore"):
        r = np.power(base.astype(np.float64), exponent.astype(np.float64))
    undefined = conversions.float_to_int_out_of_range(r, bt)
    assert undefined.any() and not undefined.all()
    (want,) = reference(model, {"x": base, "y": exponent}, np_pow)
    (got,) = run_onnx_mlir(model, {"x": base, "y": exponent})
    np.testing.assert_array_equal(got[~undefined], want[~undefined])
    np.testing.assert_array_equal(got[undefined], conversions.float_to_int(r, bt)[undefined])


@pytest.mark.parametrize("fmod", [0, 1])
@pytest.mark.parametrize("dtype", [dtype_param(d) for d in SIGNED + UNSIGNED + [F32, F64, F16]])
def test_mod(dtype, fmod) -> None:
    if np.dtype(dtype).kind == "f" and fmod == 0:
        pytest.skip("ONNX requires fmod=1 for floats")
    rng = np.random.default_rng(4)
    a = random_array(dtype, [3, 4], rng, -8, 8)
    d = random_array(dtype, [4], rng, -3, 3)
    if np.dtype(dtype).kind == "i":
        a = rng.integers(-20, 20, size=[3, 4]).astype(dtype)
    d[d == 0] = 3
    model = single_node_model("Mod", [("a", dtype, [3, 4]), ("b", dtype, [4])],
                              [("c", dtype, None)], fmod=fmod)
    fn = np.fmod if fmod else np.mod
    check(model, {"a": a, "b": d}, lambda f: fn(f["a"], f["b"]).astype(dtype))


VARIADIC = [pytest.param(op, n, d.values[0], id=f"{op}-{n}-{d.id}",
                          marks=d.marks if n > 1 else ())  # one input: returned as is
            for op in ("Max", "Min", "Sum", "Mean") for n in (1, 2, 3)
            for d in FLOAT_PARAMS + [dtype_param(t) for t in (np.int32, np.int64, np.int8, np.uint32)]
            if op != "Mean" or d.values[0] in FLOATS]  # Mean: floats only


@pytest.mark.parametrize("op_type,n,dtype", VARIADIC)
def test_variadic(op_type, n, dtype) -> None:
    rng = np.random.default_rng(5)
    names = [f"x{i}" for i in range(n)]
    feeds = {name: random_array(dtype, [2, 3], rng) for name in names}
    model = single_node_model(op_type, [(name, dtype, [2, 3]) for name in names],
                              [("y", dtype, None)])
    fn = {"Max": np.maximum.reduce, "Min": np.minimum.reduce,
          "Sum": lambda xs: np.sum(np.stack([x.astype(np.float64) for x in xs]), axis=0),
          "Mean": lambda xs: np.mean(np.stack([x.astype(np.float64) for x in xs]), axis=0)}[op_type]
    check(model, feeds, lambda f: np.asarray(fn([f[k] for k in names])).astype(dtype))


@pytest.mark.parametrize("op_type", ["Max", "Min"])
def test_max_min_propagate_nan(op_type) -> None:
    model = single_node_model(op_type, [("a", F32, [3]), ("b", F32, [3])], [("c", F32, None)])
    feeds = {"a": np.array([np.nan, 1.0, 2.0], F32), "b": np.array([0.0, np.nan, -1.0], F32)}
    got = check(model, feeds)
    assert np.isnan(got[0][:2]).all()


def test_variadic_broadcast() -> None:
    model = single_node_model("Max", [("a", F32, [2, 3]), ("b", F32, [3])], [("c", F32, None)])
    rng = np.random.default_rng(6)
    check(model, {"a": random_array(F32, [2, 3], rng), "b": random_array(F32, [3], rng)})


# --------------------------------------------------------------------------- broadcasting binary ops

I32, I64 = np.int32, np.int64

BROADCAST_SHAPES = [
    ([2, 3], [2, 3]),            # same shape
    ([2, 3], [3]),               # rank mismatch
    ([2, 1, 4], [3, 1]),         # size-1 dims on both sides
    ([1], [2, 3, 4]),            # broadcast the first operand
    ([], [2, 3]),                # scalar
    ([4, 1, 3, 1], [1, 5, 1, 2]),
]


@pytest.mark.parametrize("op_type", ["Add", "Sub", "Mul", "Div"])
@pytest.mark.parametrize("shapes", BROADCAST_SHAPES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_binary_float32_broadcasting(op_type: str, shapes) -> None:
    a, b = shapes
    model = single_node_model(op_type, [("a", F32, a), ("b", F32, b)], [("c", F32, None)])
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("op_type", ["Add", "Sub", "Mul", "Div"])
@pytest.mark.parametrize("dtype", [I32, I64, F64], ids=lambda d: np.dtype(d).name)
def test_binary_other_dtypes(op_type: str, dtype) -> None:
    model = single_node_model(op_type, [("a", dtype, [3, 4]), ("b", dtype, [4])],
                              [("c", dtype, None)])
    assert_matches_onnxruntime(model)


def test_integer_div_truncates_toward_zero() -> None:
    model = single_node_model("Div", [("a", I64, [6]), ("b", I64, [6])], [("c", I64, None)])
    feeds = {"a": np.array([7, -7, 7, -7, 0, 9], dtype=I64),
             "b": np.array([2, 2, -2, -2, 3, 1], dtype=I64)}
    assert_matches_onnxruntime(model, feeds)


def test_binary_dynamic_dim() -> None:
    model = single_node_model("Add", [("a", F32, ["N", 3]), ("b", F32, [3])], [("c", F32, None)])
    assert_matches_onnxruntime(model, random_feeds(model, dims={"N": 5}))


def test_binary_with_initializer() -> None:
    bias = np.arange(4, dtype=F32)
    model = single_node_model("Add", [("a", F32, [2, 4]), ("bias", F32, [4])],
                              [("c", F32, None)], initializers={"bias": bias})
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("dtype", [F32, F64, I32, np.int8], ids=lambda d: np.dtype(d).name)
def test_relu(dtype) -> None:
    model = single_node_model("Relu", [("x", dtype, [2, 3, 4])], [("y", dtype, None)])
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("power", [2, 3])
@pytest.mark.parametrize("dtype,exp_dtype", [(np.float32, np.float32), (np.float32, np.int64),
                                             (np.float16, np.float32), (np.float64, np.float64)])
def test_pow_constant_small_exponent(power, dtype, exp_dtype) -> None:
    """A constant exponent of 2 or 3 is computed by multiplication: same values as onnxruntime,
    including negative bases, zeros of both signs, infinities and NaN."""
    x = np.array([[-3.5, -1.0, -0.0, 0.0, 0.5, 1.7, 1e-20, 1e20],
                  [np.inf, -np.inf, np.nan, 2.0, -2.5, 3.0, 0.1, -0.1]]).astype(dtype)
    model = single_node_model("Pow", [("x", dtype, [2, 8]), ("y", exp_dtype, [])],
                              [("z", dtype, None)],
                              initializers={"y": np.array(power, dtype=exp_dtype)})
    assert_matches_onnxruntime(model, {"x": x}, rtol=1e-6 if dtype != np.float16 else 1e-3, atol=0)
