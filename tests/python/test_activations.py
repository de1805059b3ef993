"""Numerics of the activation, Clip, Shrink, PRelu and Dropout lowerings against onnxruntime
(numpy where onnxruntime has no kernel for the dtype or opset)."""

from __future__ import annotations

import numpy as np
import pytest

from elementwise_helpers import F16, F32, F64, FLOATS, check, dtype_param, random_array
from numerics import run_onnx_mlir, single_node_model

FLOAT_PARAMS = [dtype_param(d) for d in FLOATS]


def _sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def _softplus(x):
    return np.log1p(np.exp(x))


def _erf(x):
    import math
    return np.vectorize(math.erf, otypes=[np.float64])(x)


# (op, attrs, opset, numpy formula on float64)
ACTIVATIONS = [
    ("Sigmoid", {}, 17, _sig),
    ("HardSigmoid", {"alpha": 0.3, "beta": 0.4}, 17, lambda x: np.clip(0.3 * x + 0.4, 0, 1)),
    ("HardSwish", {}, 17, lambda x: x * np.clip(x / 6 + 0.5, 0, 1)),
    ("Gelu", {}, 20, lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2)))),
    ("Gelu", {"approximate": "tanh"}, 20,
     lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))),
    ("LeakyRelu", {"alpha": 0.1}, 17, lambda x: np.where(x < 0, 0.1 * x, x)),
    ("Elu", {"alpha": 0.7}, 17, lambda x: np.where(x < 0, 0.7 * np.expm1(x), x)),
    ("Selu", {}, 17, lambda x: 1.0507010221481323 * np.where(
        x <= 0, 1.6732631921768188 * np.expm1(x), x)),
    ("Celu", {"alpha": 1.5}, 17,
     lambda x: np.maximum(0, x) + np.minimum(0, 1.5 * np.expm1(x / 1.5))),
    ("Softplus", {}, 17, _softplus),
    ("Softsign", {}, 17, lambda x: x / (1 + np.abs(x))),
    ("ThresholdedRelu", {"alpha": 0.5}, 17, lambda x: np.where(x > 0.5, x, 0)),
    ("Mish", {}, 18, lambda x: x * np.tanh(_softplus(x))),
    ("Swish", {"alpha": 1.5}, 24, lambda x: x * _sig(1.5 * x)),
]


@pytest.mark.parametrize("dtype", FLOAT_PARAMS)
@pytest.mark.parametrize("case", ACTIVATIONS,
                         ids=lambda c: c[0] + "".join(f"-{v}" for v in c[1].values()))
def test_activation(case, dtype) -> None:
    op_type, attrs, opset, fn = case
    rng = np.random.default_rng(7)
    x = random_array(dtype, [3, 5], rng, -4, 4)
    model = single_node_model(op_type, [("x", dtype, [3, 5])], [("y", dtype, None)],
                              opset=opset, **attrs)
    # ONNX FLOAT attributes (and onnxruntime's constants) are f32: loosen f64's tolerance
    tol = {"rtol": 1e-6, "atol": 1e-7} if dtype is F64 else {}
    check(model, {"x": x}, lambda f: fn(f["x"].astype(np.float64)).astype(dtype), **tol)


def test_softplus_large_inputs_do_not_overflow() -> None:
    model = single_node_model("Softplus", [("x", F32, [4])], [("y", F32, None)])
    check(model, {"x": np.array([-100.0, 100.0, 0.0, 50.0], F32)})


CLIP = [pytest.param(bounds, d.values[0], id=f"{bounds}-{d.id}",
                     marks=d.marks if bounds != "none" else ())  # no bounds: the input itself
        for bounds in ("both", "min", "max", "none")
        for d in FLOAT_PARAMS + [dtype_param(t) for t in (np.int32, np.int64, np.int8, np.uint8)]]


@pytest.mark.parametrize("bounds,dtype", CLIP)
def test_clip(bounds, dtype) -> None:
    rng = np.random.default_rng(8)
    x = random_array(dtype, [3, 4], rng, -3, 3)
    inputs = [("x", dtype, [3, 4])]
    lo = np.array(-1 if np.dtype(dtype).kind == "i" else 1 if np.dtype(dtype).kind == "u" else -0.5).astype(dtype)
    hi = np.array(5 if np.dtype(dtype).kind in "iu" else 1.25).astype(dtype)
    feeds = {"x": x}
    inputs.append(("lo", dtype, []) if bounds in ("both", "min") else ("", dtype, None))
    inputs.append(("hi", dtype, []) if bounds in ("both", "max") else ("", dtype, None))
    if bounds in ("both", "min"):
        feeds["lo"] = lo
    if bounds in ("both", "max"):
        feeds["hi"] = hi
    while inputs[-1][0] == "":
        inputs.pop()
    model = single_node_model("Clip", inputs, [("y", dtype, None)], opset=13)
    check(model, feeds, lambda f: np.clip(f["x"], f.get("lo"), f.get("hi")).astype(dtype)
          if bounds != "none" else f["x"])


def test_clip_nan_propagates() -> None:
    model = single_node_model("Clip", [("x", F32, [3]), ("lo", F32, []), ("hi", F32, [])],
                              [("y", F32, None)], opset=13)
    got = check(model, {"x": np.array([np.nan, -5, 5], F32), "lo": np.array(-1, F32),
                        "hi": np.array(1, F32)})
    assert np.isnan(got[0][0])


@pytest.mark.parametrize("dtype", FLOAT_PARAMS + [dtype_param(t) for t in (np.int32, np.int64, np.int8)])
def test_shrink(dtype) -> None:
    rng = np.random.default_rng(9)
    x = random_array(dtype, [4, 3], rng, -3, 3)
    lambd, bias = (1.5, 0.5) if np.dtype(dtype).kind == "f" else (2.0, 1.0)
    model = single_node_model("Shrink", [("x", dtype, [4, 3])], [("y", dtype, None)],
                              lambd=lambd, bias=bias)

    def ref(f):
        v = f["x"].astype(np.float64)
        return np.where(v < -lambd, v + bias, np.where(v > lambd, v - bias, 0)).astype(dtype)

    check(model, {"x": x}, ref)


@pytest.mark.parametrize("slope_shape", [[3, 4], [4], [1], [3, 1]])
@pytest.mark.parametrize("dtype", [dtype_param(t) for t in (F32, F64, F16, np.int32, np.int64)])
def test_prelu(dtype, slope_shape) -> None:
    rng = np.random.default_rng(10)
    x = random_array(dtype, [2, 3, 4], rng)
    slope = random_array(dtype, slope_shape, rng, 0.0, 1.0) if np.dtype(dtype).kind == "f" \
        else rng.integers(0, 4, size=slope_shape).astype(dtype)
    model = single_node_model("PRelu", [("x", dtype, [2, 3, 4]), ("s", dtype, slope_shape)],
                              [("y", dtype, None)])
    check(model, {"x": x, "s": slope}, lambda f: np.where(f["x"] < 0, f["s"] * f["x"], f["x"]).astype(dtype))


@pytest.mark.parametrize("dtype", [dtype_param(t) for t in (F32, F64, F16)])
def test_dropout_inference_is_identity(dtype) -> None:
    rng = np.random.default_rng(11)
    x = random_array(dtype, [3, 4], rng)
    model = single_node_model("Dropout", [("x", dtype, [3, 4]), ("r", F32, [])],
                              [("y", dtype, None)])
    (y,) = run_onnx_mlir(model, {"x": x, "r": np.array(0.5, F32)})
    np.testing.assert_array_equal(y, x)


def test_dropout_mask() -> None:
    model = single_node_model("Dropout", [("x", F32, [3, 4])],
                              [("y", F32, None), ("mask", np.bool_, None)])
    check(model, {"x": random_array(F32, [3, 4], np.random.default_rng(12))})


def test_dropout_training_zero_ratio_is_identity() -> None:
    model = single_node_model("Dropout", [("x", F32, [3, 4]), ("r", F32, []), ("t", np.bool_, [])],
                              [("y", F32, None)])
    x = random_array(F32, [3, 4], np.random.default_rng(13))
    (y,) = run_onnx_mlir(model, {"x": x, "r": np.array(0.0, F32), "t": np.array(True)})
    np.testing.assert_array_equal(y, x)
