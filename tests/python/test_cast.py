"""Numerics of Cast, CastLike and BitCast against onnxruntime (numpy/ml_dtypes for float8 and
bf16), over pairs of element types.

Float -> integer conversions that ONNX leaves undefined (out of the target's range, NaN, inf)
are compared with the project's documented result instead (docs/supported-ops.md: truncate,
saturate to the target's range, NaN -> 0), computed here in Python integers; numpy's own
``astype`` of such values differs between AVX2 and AVX-512 hosts and is never the reference.
"""

from __future__ import annotations

import math
import re
import warnings

import ml_dtypes
import numpy as np
import onnx
import onnx_mlir
import pytest
from onnx import TensorProto as TP
from onnx import helper

from elementwise_helpers import BF16, random_array, reference
from numerics import run_onnx_mlir, single_node_model
from onnx_mlir.lowering.cpu.target import host_has

TYPES = [np.float16, np.float32, np.float64, BF16, np.int8, np.int16, np.int32, np.int64,
         np.uint8, np.uint16, np.uint32, np.uint64, np.bool_]


PAIRS = [pytest.param(s, d, id=f"{np.dtype(s).name}-to-{np.dtype(d).name}")
         for s in TYPES for d in TYPES if s is not d]


def _inputs(dtype, rng):
    dt = np.dtype(dtype)
    if dt.kind == "f" or dt == BF16:  # in range of every target, fractional, negative and zero
        return np.array([0.0, -0.0, 1.75, -2.5, 100.9, -100.9, 3.0, 0.5], np.float32).astype(dt)
    if dt == np.bool_:
        return np.array([True, False] * 4)
    info = np.iinfo(dt)
    return np.array([0, 1, info.max, info.min, 7, 100 if info.max > 100 else 1, -1 if info.min else 2, 3], dt)


def _np_cast(x, dst):
    if np.dtype(x.dtype).kind == "f" or x.dtype == BF16:
        x64 = x.astype(np.float64)
        if np.dtype(dst).kind in "iu":
            return np.trunc(x64).astype(np.int64).astype(dst)
        if np.dtype(dst) == np.bool_:
            return x64 != 0
    return x.astype(dst)


def _is_float(dtype) -> bool:
    dt = np.dtype(dtype)
    return dt.kind == "f" or dt == BF16 or dt.name.startswith("float8_")


def _is_int(dtype) -> bool:
    dt = np.dtype(dtype)
    return dt.kind in "iu" or dt.name in ("int2", "uint2", "int4", "uint4")


def _int_range(dtype) -> tuple[int, int]:
    dt = np.dtype(dtype)
    bits = {"int2": 2, "uint2": 2, "int4": 4, "uint4": 4}.get(dt.name, dt.itemsize * 8)
    if dt.name.startswith("u"):
        return 0, 2 ** bits - 1
    return -2 ** (bits - 1), 2 ** (bits - 1) - 1


def documented_float_to_int(x, dtype) -> list[int]:
    """The project's float -> integer result, in Python integers: truncate toward zero,
    saturate to the range of ``dtype`` (+-inf included), NaN -> 0."""
    lo, hi = _int_range(dtype)
    out = []
    for v in np.asarray(x).astype(np.float64).ravel().tolist():
        if math.isnan(v):
            out.append(0)
        elif math.isinf(v):
            out.append(hi if v > 0 else lo)
        else:
            out.append(min(max(math.trunc(v), lo), hi))
    return out


def undefined_in_onnx(x, dtype) -> np.ndarray:
    """Elements whose float -> ``dtype`` conversion ONNX leaves undefined."""
    lo, hi = _int_range(dtype)
    values = np.asarray(x).astype(np.float64).ravel().tolist()
    return np.array([not math.isfinite(v) or not lo <= math.trunc(v) <= hi for v in values],
                    dtype=bool).reshape(np.shape(x))


def _ints(array) -> list[int]:
    return [int(v) for v in np.asarray(array).astype(object).ravel().tolist()]


def assert_cast_result(got, x, want) -> None:
    """``got`` (the compiled Cast of ``x``) equals ``want`` (onnxruntime or numpy) where the
    conversion is defined by ONNX, and the documented saturating result where it is not."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape and got.dtype == want.dtype, (got.shape, got.dtype, want.dtype)
    if not (_is_float(x.dtype) and _is_int(got.dtype)):
        np.testing.assert_array_equal(got.astype(np.float64) if _is_float(got.dtype) else got,
                                      want.astype(np.float64) if _is_float(want.dtype) else want)
        return
    undefined = undefined_in_onnx(x, got.dtype)
    np.testing.assert_array_equal(got[~undefined].astype(np.float64),
                                  want[~undefined].astype(np.float64))
    assert _ints(got[undefined]) == documented_float_to_int(x[undefined], got.dtype), \
        f"out-of-range elements {x[undefined]}: got {_ints(got[undefined])}"


CASTLIKE_PAIRS = [p for p in PAIRS if p.id in (
    "float32-to-float16", "float64-to-int32", "int64-to-bfloat16", "float16-to-int8",
    "int8-to-float64", "bfloat16-to-float32", "float32-to-uint8", "bool-to-float32")]
CASES = [pytest.param("Cast", *p.values, id="Cast-" + p.id, marks=p.marks) for p in PAIRS] + \
    [pytest.param("CastLike", *p.values, id="CastLike-" + p.id, marks=p.marks)
     for p in CASTLIKE_PAIRS]


@pytest.mark.parametrize("op_type,src,dst", CASES)
def test_cast_pairs(op_type, src, dst) -> None:
    x = _inputs(src, np.random.default_rng(30))
    to = helper.np_dtype_to_tensor_dtype(np.dtype(dst))
    if op_type == "Cast":
        model = single_node_model("Cast", [("x", src, [8])], [("y", dst, None)], to=to)
        feeds = {"x": x}
    else:
        model = single_node_model("CastLike", [("x", src, [8]), ("like", dst, [1])],
                                  [("y", dst, None)])
        feeds = {"x": x, "like": np.zeros([1], dst)}
    (want,) = reference(model, feeds, lambda f: _np_cast(f["x"], dst))
    (got,) = run_onnx_mlir(model, feeds)
    assert_cast_result(got, x, want)


F8 = {TP.FLOAT8E4M3FN: ml_dtypes.float8_e4m3fn, TP.FLOAT8E4M3FNUZ: ml_dtypes.float8_e4m3fnuz,
      TP.FLOAT8E5M2: ml_dtypes.float8_e5m2, TP.FLOAT8E5M2FNUZ: ml_dtypes.float8_e5m2fnuz}


def _graph_model(nodes, inputs, outputs):
    graph = helper.make_graph(nodes, "g",
                              [helper.make_tensor_value_info(n, t, s) for n, t, s in inputs],
                              [helper.make_tensor_value_info(n, t, s) for n, t, s in outputs])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 28)])


@pytest.mark.parametrize("code", list(F8), ids=lambda c: TP.DataType.Name(c))
def test_float8_decode_all_codes(code) -> None:
    """int8 bits -> BitCast to float8 -> Cast to float: every one of the 256 codes."""
    dt = F8[code]
    model = _graph_model([helper.make_node("BitCast", ["x"], ["f"], to=code),
                          helper.make_node("Cast", ["f"], ["y"], to=TP.FLOAT)],
                         [("x", TP.INT8, [256])], [("y", TP.FLOAT, [256])])
    bits = np.arange(256, dtype=np.uint8).view(np.int8)
    (y,) = run_onnx_mlir(model, {"x": bits})
    want = bits.view(np.uint8).view(dt).astype(np.float32)
    np.testing.assert_array_equal(y, want)  # NaNs compare equal here


@pytest.mark.parametrize("code", list(F8), ids=lambda c: TP.DataType.Name(c))
def test_float8_arguments_and_results(code) -> None:
    """float8 tensors at the runtime boundary: ml_dtypes arrays in and out (passed as bytes)."""
    dt = np.dtype(F8[code])
    model = _graph_model([helper.make_node("Cast", ["x"], ["f"], to=TP.FLOAT),
                          helper.make_node("Neg", ["f"], ["n"]),
                          helper.make_node("Cast", ["n"], ["y"], to=code, saturate=0)],
                         [("x", code, [2, 128])], [("y", code, [2, 128]), ("f", TP.FLOAT, [2, 128])])
    compiled = onnx_mlir.compile(model)
    assert compiled.get_inputs()[0].dtype == dt
    assert compiled.get_outputs()[0].type == f"tensor({TP.DataType.Name(code).lower()})"
    x = np.arange(256, dtype=np.uint8).view(dt).reshape(2, 128)
    y, f = compiled.run(None, {"x": x})
    assert y.dtype == dt and f.dtype == np.float32
    np.testing.assert_array_equal(f, x.astype(np.float32))  # NaNs compare equal here
    np.testing.assert_array_equal(y.astype(np.float32), (-x.astype(np.float32)).astype(dt).astype(np.float32))
    with pytest.raises(onnx_mlir.InputError, match="expected element type"):
        compiled.run(None, {"x": x.view(np.uint8)})


# The code for a lower ISA than the host's is tested on this host too (cpu="avx2" on an
# AVX-512 host): float -> integer conversions are where AVX2 and AVX-512 code used to differ.
CPUS = [pytest.param("host", id="host"),
        pytest.param("avx2", id="avx2", marks=pytest.mark.skipif(
            not host_has("avx2"), reason="the host has no AVX2: x86-64-v3 code cannot run here"))]


@pytest.mark.parametrize("cpu", CPUS)
@pytest.mark.parametrize("name", ["int4", "uint4", "int2", "uint2"])
def test_sub_byte_integers(name, cpu) -> None:
    """2/4-bit integer arguments and results (ml_dtypes arrays, one element per byte): float ->
    int4 truncates (ml_dtypes' astype in range) and saturates out of range (-8.5 -> -8, 15.5 ->
    7), int4 -> int32 extends by signedness."""
    dt = np.dtype(getattr(ml_dtypes, name))
    code = helper.np_dtype_to_tensor_dtype(dt)
    model = _graph_model([helper.make_node("Cast", ["x"], ["q"], to=code),
                          helper.make_node("Cast", ["q"], ["w"], to=TP.INT32)],
                         [("x", TP.FLOAT, [25])], [("q", code, [25]), ("w", TP.INT32, [25])])
    x = np.arange(-9, 16).astype(np.float32) + 0.5  # -8.5 ... 15.5
    q, w = onnx_mlir.compile(model, cpu=cpu).run(None, {"x": x})
    assert q.dtype == dt
    defined = ~undefined_in_onnx(x, dt)
    assert defined.any() and not defined.all()  # both kinds of elements are tested
    np.testing.assert_array_equal(q[defined].astype(np.int32), x[defined].astype(dt).astype(np.int32))
    assert _ints(q) == documented_float_to_int(x, dt)
    assert _ints(w) == documented_float_to_int(x, dt)
    (back,) = run_onnx_mlir(single_node_model("Cast", [("q", dt, [25])], [("y", np.float32, None)],
                                              to=TP.FLOAT), {"q": q})
    np.testing.assert_array_equal(back, q.astype(np.float32))


INT_TARGETS = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64,
               ml_dtypes.int4, ml_dtypes.uint4, ml_dtypes.int2, ml_dtypes.uint2]
FLOAT_SOURCES = [np.float16, BF16, np.float32, np.float64, ml_dtypes.float8_e4m3fn,
                 ml_dtypes.float8_e4m3fnuz, ml_dtypes.float8_e5m2, ml_dtypes.float8_e5m2fnuz]


def _out_of_range_probe(src) -> np.ndarray:
    """NaN, +-inf, huge values, and every target's bounds with their neighbours (+-0.5, +-1, the
    next float in f32 and f64), as far as ``src`` represents them."""
    values = [math.nan, math.inf, -math.inf, 0.0, -0.0, 0.3, -0.3, 0.9, -0.9, 1.5, -1.5,
              1e30, -1e30, 1e300, -1e300]
    for dt in INT_TARGETS:
        lo, hi = _int_range(dt)
        for bound in (lo, hi + 1):
            values += [bound - 1.0, bound - 0.5, float(bound), bound + 0.5, bound + 1.0,
                       float(np.nextafter(float(bound), -math.inf)),
                       float(np.nextafter(float(bound), math.inf)),
                       float(np.nextafter(np.float32(bound), np.float32(-np.inf))),
                       float(np.nextafter(np.float32(bound), np.float32(np.inf))), 2.0 * bound]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.array(values, np.float64).astype(src)


@pytest.mark.parametrize("cpu", CPUS)
@pytest.mark.parametrize("src", FLOAT_SOURCES, ids=lambda d: np.dtype(d).name)
def test_float_to_int_out_of_range(src, cpu) -> None:
    """Every float type (float8 included) to every integer type (2/4-bit and 64-bit included),
    by Cast and by CastLike, on values in and out of range: the documented result everywhere
    (truncate, saturate, NaN -> 0), for the host's code and for the AVX2 code."""
    x = _out_of_range_probe(src)
    src_code = helper.np_dtype_to_tensor_dtype(np.dtype(src))
    nodes, inputs, outputs, feeds = [], [("x", src_code, [len(x)])], [], {"x": x}
    for i, dt in enumerate(INT_TARGETS):
        code = helper.np_dtype_to_tensor_dtype(np.dtype(dt))
        nodes.append(helper.make_node("Cast", ["x"], [f"cast{i}"], to=code))
        nodes.append(helper.make_node("CastLike", ["x", f"like{i}"], [f"castlike{i}"]))
        inputs.append((f"like{i}", code, [1]))
        feeds[f"like{i}"] = np.zeros([1], dt)
        outputs += [(f"cast{i}", code, [len(x)]), (f"castlike{i}", code, [len(x)])]
    results = onnx_mlir.compile(_graph_model(nodes, inputs, outputs), cpu=cpu).run(None, feeds)
    failures = []
    for i, dt in enumerate(INT_TARGETS):
        want = documented_float_to_int(x, dt)
        for kind, got in (("Cast", results[2 * i]), ("CastLike", results[2 * i + 1])):
            assert got.dtype == np.dtype(dt)
            bad = [(float(v), g, w) for v, g, w in zip(x.astype(np.float64), _ints(got), want) if g != w]
            if bad:
                failures.append(f"{kind} to {np.dtype(dt).name}: (input, got, documented) {bad[:4]}")
    assert not failures, "\n".join(failures)
    assert undefined_in_onnx(x, np.int8).any() and not undefined_in_onnx(x, np.int8).all()


@pytest.mark.parametrize("src", FLOAT_SOURCES, ids=lambda d: np.dtype(d).name)
def test_numpy_statement_of_the_semantics(src) -> None:
    """onnx_mlir.conversions (used by the constant folder and the conformance runner) gives the
    documented result and flags exactly the elements ONNX leaves undefined."""
    from onnx_mlir import conversions

    x = _out_of_range_probe(src)
    for dt in INT_TARGETS:
        assert _ints(conversions.float_to_int(x, dt)) == documented_float_to_int(x, dt), np.dtype(dt)
        assert conversions.float_to_int(x, dt).dtype == np.dtype(dt)
        np.testing.assert_array_equal(conversions.float_to_int_out_of_range(x, dt),
                                      undefined_in_onnx(x, dt))


@pytest.mark.parametrize("dst", [np.int32, np.uint8, np.int8, np.uint64, np.int64],
                         ids=lambda d: np.dtype(d).name)
def test_float_to_int_of_constants(dst) -> None:
    """A Cast of a constant is folded at compile time (onnx-constant-fold) to the same documented
    result as compiled code gives, not to numpy's CPU-dependent astype (1e30 -> int32 is INT_MIN
    there on x86)."""
    c = np.array([1e30, -1e30, np.nan, np.inf, -1.5, 2.5, 300.7, -300.7, 3e9, 1e19], np.float32)
    to = helper.np_dtype_to_tensor_dtype(np.dtype(dst))
    model = _graph_model([helper.make_node("Constant", [], ["c"], value=onnx.numpy_helper.from_array(c)),
                          helper.make_node("Cast", ["c"], ["y"], to=to)],
                         [], [("y", to, [len(c)])])
    stages: dict[str, str] = {}
    compiled = onnx_mlir.compile(model, on_stage=lambda name, m: stages.__setitem__(name, str(m)))
    assert "onnx.cast" not in stages["onnx"]  # folded
    (y,) = compiled.run(None, {})
    assert _ints(y) == documented_float_to_int(c, dst)


@pytest.mark.parametrize("saturate", [1, 0])
@pytest.mark.parametrize("src", [TP.FLOAT, TP.FLOAT16], ids=lambda c: TP.DataType.Name(c))
@pytest.mark.parametrize("code", list(F8), ids=lambda c: TP.DataType.Name(c))
def test_float8_encode(code, src, saturate) -> None:
    """float -> Cast to float8 (round to nearest even; saturate or inf/NaN on overflow) ->
    BitCast to int8, against onnx's reference (ml_dtypes, clipped when saturating): random
    values over many binades, every code, every midpoint between codes, specials."""
    dt = F8[code]
    src_np = np.float32 if src == TP.FLOAT else np.float16
    rng = np.random.default_rng(31)
    vals = np.arange(256, dtype=np.uint8).view(dt).astype(np.float32)
    vals = np.sort(vals[np.isfinite(vals)])
    mids = ((vals[1:].astype(np.float64) + vals[:-1]) / 2).astype(np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x = np.concatenate([rng.standard_normal(1000) * 10.0 ** rng.integers(-6, 6, 1000),
                            [0, -0.0, np.nan, np.inf, -np.inf, 1e9, -1e9, 448, 464, 480, 57344,
                             61440, 1e-9, -1e-9], vals, mids]).astype(src_np)
    model = _graph_model([helper.make_node("Cast", ["x"], ["f"], to=code, saturate=saturate),
                          helper.make_node("BitCast", ["f"], ["y"], to=TP.INT8)],
                         [("x", src, [len(x)])], [("y", TP.INT8, [len(x)])])
    (y,) = run_onnx_mlir(model, {"x": x})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = onnx.numpy_helper.saturate_cast(x, dt) if saturate else x.astype(dt)
    got = y.view(np.uint8).view(dt).astype(np.float32)
    np.testing.assert_array_equal(got, ref.astype(np.float32))


@pytest.mark.parametrize("src,dst", [(np.float32, np.int32), (np.int32, np.float32),
                                     (np.float64, np.int64), (np.int64, np.float64),
                                     (np.float16, np.int16), (np.int16, np.float16),
                                     (np.uint32, np.int32), (np.int8, np.uint8)],
                         ids=lambda d: np.dtype(d).name)
def test_bitcast(src, dst) -> None:
    x = random_array(src, [3, 4], np.random.default_rng(32), -1e3, 1e3)
    model = single_node_model("BitCast", [("x", src, [3, 4])], [("y", dst, None)], opset=26,
                              to=helper.np_dtype_to_tensor_dtype(np.dtype(dst)))
    (y,) = run_onnx_mlir(model, {"x": x})
    np.testing.assert_array_equal(y, x.view(dst))


def test_bf16_needs_no_runtime_library(monkeypatch) -> None:
    """f32 -> bf16 rounding (to nearest even, NaN kept) and bf16 arithmetic become integer and
    f32 ops in the LLVM stage: no ``__truncsfbf2`` libcall, so they run even with no MLIR runner
    library loaded in the process."""
    import onnx_mlir.runtime.jit as jit

    monkeypatch.setattr(jit, "runtime_libraries", lambda: ())
    rng = np.random.default_rng(33)
    bits = rng.integers(0, 2**32, 4096, dtype=np.uint64).astype(np.uint32)
    bits[:4] = [0x3F808000, 0x3F818000, 0x7FC00001, 0xFF800000]  # ties to even, NaN, -inf
    x = bits.view(np.float32)
    stages: dict[str, str] = {}
    model = _graph_model([helper.make_node("Cast", ["x"], ["y"], to=TP.BFLOAT16),
                          helper.make_node("Mul", ["y", "y"], ["m"]),
                          helper.make_node("Add", ["m", "y"], ["z"])],
                         [("x", TP.FLOAT, [4096])],
                         [("y", TP.BFLOAT16, [4096]), ("z", TP.BFLOAT16, [4096])])
    compiled = onnx_mlir.compile(model, on_stage=lambda name, m: stages.__setitem__(name, str(m)))
    assert not re.search(r"llvm\.(fptrunc|fadd|fmul) [^\n]*bf16", stages["llvm"])  # no libcalls
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        y, z = compiled.run(None, {"x": x})
        want_y = x.astype(BF16)
        yf = want_y.astype(np.float32)
        want_z = (((yf * yf).astype(BF16).astype(np.float32)) + yf).astype(BF16)
    nan = np.isnan(x)  # NaN stays NaN (its sign is not kept: arith-expand makes it 0x7FC0)
    np.testing.assert_array_equal(np.isnan(y.astype(np.float32)), nan)
    np.testing.assert_array_equal(y.view(np.uint16)[~nan], want_y.view(np.uint16)[~nan])
    np.testing.assert_array_equal(z.astype(np.float32), want_z.astype(np.float32))
