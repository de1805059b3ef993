"""Cast, CastLike and BitCast -> one `linalg.generic` each (a scalar conversion per element).

Conversions follow the ONNX spec and onnxruntime: float -> int truncates toward zero, float ->
bool is ``x != 0`` (NaN is true), bool -> number is 0/1, integer widening extends by the source's
signedness, narrowing wraps. ``saturate`` only concerns float8 targets.

Where ONNX leaves the result undefined (a float out of the integer target's range, NaN, inf),
the project defines it (float_to_int.py): NaN -> 0, otherwise saturate to the target's range
(int4: [-8, 7], uint64: [0, 2**64 - 1], ...), the same on every CPU.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, math

from .lib import builders as b
from .lib.scalar import cmp, elementwise, fconst
from .lib.float_to_int import float_to_int
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern

# float8 formats: exponent bits, mantissa bits, exponent bias, special-value convention
# ("fn": no inf, NaN = S.1111.111; "fnuz": no inf, no -0, NaN = 0x80; "ieee": inf and NaNs).
_F8_FORMATS = {
    ir.Float8E4M3FNType: (4, 3, 7, "fn"),
    ir.Float8E4M3FNUZType: (4, 3, 8, "fnuz"),
    ir.Float8E5M2Type: (5, 2, 15, "ieee"),
    ir.Float8E5M2FNUZType: (5, 2, 16, "fnuz"),
}


def _f8_format(t: ir.Type):
    for cls, fmt in _F8_FORMATS.items():
        if isinstance(t, cls):
            return fmt
    return None


def _i32(v: int) -> ir.Value:
    return b.scalar_constant(ir.IntegerType.get_signless(32), v)


def f8_to_f32(v: ir.Value) -> ir.Value:
    """Decode a float8 scalar exactly to f32 with integer ops (LLVM has no float8 types):
    value = significand * 2^(exponent - bias - mantissa bits), then sign, NaN and inf."""
    ebits, mbits, bias, kind = _f8_format(v.type)
    i8, i32, f32 = (ir.IntegerType.get_signless(8), ir.IntegerType.get_signless(32),
                    ir.F32Type.get())
    bits = arith.extui(i32, arith.bitcast(i8, v))
    emask = (1 << ebits) - 1
    exp = arith.andi(arith.shrui(bits, _i32(mbits)), _i32(emask))
    mant = arith.andi(bits, _i32((1 << mbits) - 1))
    subnormal = cmp("eq", exp, _i32(0))
    exp_eff = arith.select(subnormal, _i32(1), exp)
    sig = arith.select(subnormal, mant, arith.ori(mant, _i32(1 << mbits)))
    scale = arith.bitcast(f32, arith.shli(arith.addi(exp_eff, _i32(127 - bias - mbits)), _i32(23)))
    magnitude = arith.mulf(arith.uitofp(f32, sig), scale)
    negative = cmp("ne", arith.andi(bits, _i32(0x80)), _i32(0))
    value = arith.select(negative, arith.negf(magnitude), magnitude)
    nan = arith.constant(f32, ir.FloatAttr.get(f32, float("nan")))
    if kind == "fn":
        return arith.select(cmp("eq", arith.andi(bits, _i32(0x7F)), _i32(0x7F)), nan, value)
    if kind == "fnuz":
        return arith.select(cmp("eq", bits, _i32(0x80)), nan, value)
    special = cmp("eq", exp, _i32(emask))
    inf = arith.select(negative, arith.constant(f32, ir.FloatAttr.get(f32, float("-inf"))),
                       arith.constant(f32, ir.FloatAttr.get(f32, float("inf"))))
    special_value = arith.select(cmp("eq", mant, _i32(0)), inf, nan)
    return arith.select(special, special_value, value)


def f32_to_f8(x: ir.Value, to: ir.Type, saturate: bool) -> ir.Value:
    """Encode an f32 scalar as float8 ``to`` with round-to-nearest-even, by integer ops on the
    f32 bits (normal range) or an exact power-of-two scaling + `math.roundeven` (subnormals).
    Out-of-range values and infinities give the largest finite value when ``saturate``, else
    inf (E5M2) or NaN, as the ONNX Cast spec says."""
    ebits, mbits, bias, kind = _f8_format(to)
    i8, i32 = ir.IntegerType.get_signless(8), ir.IntegerType.get_signless(32)
    u = arith.bitcast(i32, x)
    sign = arith.shli(arith.shrui(u, _i32(31)), _i32(7))
    a = arith.andi(u, _i32(0x7FFFFFFF))
    is_nan = cmp("gt", a, _i32(0x7F800000))
    is_inf = cmp("eq", a, _i32(0x7F800000))
    shift = 23 - mbits
    rounded = arith.shrui(arith.addi(arith.addi(a, _i32((1 << (shift - 1)) - 1)),
                                     arith.andi(arith.shrui(a, _i32(shift)), _i32(1))),
                          _i32(shift))
    code_normal = arith.subi(rounded, _i32((127 - bias) << mbits))
    min_normal_bits = (1 - bias + 127) << 23
    scaled = arith.mulf(math.absf(x), fconst(x, 2.0 ** (mbits - (1 - bias))))
    code_sub = arith.fptosi(i32, math.roundeven(scaled))
    code = arith.select(cmp("lt", a, _i32(min_normal_bits)), code_sub, code_normal)
    max_code = {"fn": 0x7E, "fnuz": 0x7F, "ieee": 0x7B}[kind]  # largest finite magnitude
    too_big = arith.ori(cmp("gt", code, _i32(max_code)), is_inf)
    if saturate:
        code = arith.select(too_big, _i32(max_code), code)
    if kind == "fnuz":
        signed = arith.select(cmp("eq", code, _i32(0)), code, arith.ori(code, sign))
        bad = is_nan if saturate else arith.ori(is_nan, too_big)
        result = arith.select(bad, _i32(0x80), signed)
    else:
        nan_code = 0x7F if kind == "fn" else 0x7E
        if not saturate:
            code = arith.select(too_big, _i32(nan_code if kind == "fn" else 0x7C), code)
        code = arith.select(is_nan, _i32(nan_code), code)
        result = arith.ori(code, sign)
    return arith.bitcast(to, arith.trunci(i8, result))


def _check_castable(t: ir.Type, what: str) -> None:
    if _f8_format(t) is not None:
        return
    if b.is_integer(t) and ir.IntegerType(t).width not in (1, 2, 4, 8, 16, 32, 64):
        raise LoweringError(f"Cast {what} {ir.IntegerType(t).width}-bit integers is not supported")
    if not (b.is_float(t) or b.is_integer(t)):
        raise LoweringError(f"Cast {what} {t} is not supported")


def convert_element(v: ir.Value, src: ir.Type, dst: ir.Type, saturate: bool = True) -> ir.Value:
    """Convert scalar ``v`` (signless view of onnx element type ``src``) to onnx type ``dst``
    (returns the signless view). float8 goes through f32."""
    f32 = ir.F32Type.get()
    if src == dst:
        return v
    if _f8_format(src) is not None:
        return convert_element(f8_to_f32(v), f32, dst, saturate)
    if _f8_format(dst) is not None:
        wide = convert_element(v, src, f32) if not isinstance(src, ir.F32Type) else v
        return f32_to_f8(wide, dst, saturate)
    s_unsigned, d_unsigned = b.is_unsigned(src), b.is_unsigned(dst)
    to = b.signless(dst)
    if v.type == to and s_unsigned == d_unsigned:
        return v
    if b.is_bool(dst):
        return cmp("ne", v, b.scalar_constant(v.type, 0))
    if b.is_float(v.type) and b.is_float(to):
        f32 = ir.F32Type.get()
        if isinstance(v.type, ir.BF16Type) and isinstance(to, ir.F16Type) or \
                isinstance(v.type, ir.F16Type) and isinstance(to, ir.BF16Type):
            return arith.truncf(to, arith.extf(f32, v))
        if isinstance(to, ir.BF16Type) and isinstance(v.type, ir.F64Type):
            return arith.truncf(to, arith.truncf(f32, v))
        return b.convert_scalar(v, to)
    if b.is_float(v.type) and b.is_integer(to):
        return float_to_int(v, to, d_unsigned)
    if b.is_integer(v.type) and b.is_float(to):
        return b.convert_scalar(v, to, s_unsigned or b.is_bool(src))
    return b.convert_scalar(v, to, s_unsigned or b.is_bool(src))


class _CastBase(OnnxLoweringPattern):
    def cast(self, op: ir.OpView, x: ir.Value, dst: ir.Type) -> ir.Value:
        src = b.element_type(x)
        _check_castable(src, "from")
        _check_castable(dst, "to")
        if src == dst:
            return x
        saturate = bool(op.saturate)
        return elementwise(op, [x], dst, lambda v: convert_element(v, src, dst, saturate))


@register_pattern
class LowerCast(_CastBase):
    """Cast: the target type is the op's result element type (``to``, as typed by the importer)."""

    op_names = ("onnx.cast",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        return [self.cast(op, op.input, b.element_type(op.operation.results[0].type))]


@register_pattern
class LowerCastLike(_CastBase):
    """CastLike: Cast to the element type of the second operand."""

    op_names = ("onnx.cast_like",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        return [self.cast(op, op.input, b.element_type(op.target_type))]


@register_pattern
class LowerBitCast(OnnxLoweringPattern):
    """BitCast: reinterpret each element's bits as another type of the same width
    (`arith.bitcast`; between signed and unsigned integers the signless bits are unchanged)."""

    op_names = ("onnx.bit_cast",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        x = op.input
        src, dst = b.element_type(x), b.element_type(op.operation.results[0].type)
        widths = []
        for t in (src, dst):
            if not (b.is_float(t) or b.is_integer(t)):
                raise LoweringError(f"BitCast does not support {t}")
            # bool is stored as one byte in ONNX tensors
            widths.append(ir.FloatType(t).width if b.is_float(t) else
                          max(8, ir.IntegerType(t).width))
        if widths[0] != widths[1]:
            raise LoweringError(f"BitCast needs types of the same bit width, got {src} and {dst}")
        if src == dst:
            return [x]
        to = b.signless(dst)

        def body(v: ir.Value) -> ir.Value:
            if b.is_bool(src):  # the byte of a bool is 0 or 1
                return arith.extui(to, v) if b.is_integer(to) else \
                    arith.bitcast(to, arith.extui(ir.IntegerType.get_signless(8), v))
            if b.is_bool(dst):
                byte = v if b.is_integer(v.type) else \
                    arith.bitcast(ir.IntegerType.get_signless(8), v)
                return cmp("ne", byte, b.scalar_constant(byte.type, 0))
            return v if v.type == to else arith.bitcast(to, v)

        return [elementwise(op, [x], dst, body)]
