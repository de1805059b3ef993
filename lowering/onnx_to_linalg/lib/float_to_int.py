"""Float -> integer conversion with the project's defined result for every input.

ONNX leaves an out-of-range float -> integer conversion undefined, and LLVM's `fptosi`/`fptoui`
of such a value is poison: AVX2 and AVX-512 hosts then give different answers. Every lowering
that converts a float to an integer goes through :func:`float_to_int` instead, which defines it
(the semantics of LLVM's ``llvm.fptosi.sat``/``fptoui.sat``, for any target width):

* in range: truncation toward zero;
* NaN: 0;
* below the target's range (``-inf`` included): the smallest value (0 for unsigned types);
* above it (``+inf`` included): the largest value, for 2/4-bit targets too (int4: 7, uint2: 3).

It is built from plain `arith` compares and selects and one conversion of an in-range value, so
it stays a scalar computation inside `linalg.generic` bodies, vectorizes, and gives the same code
whatever the host CPU. Narrow targets clamp in the float type (their bounds are exact there);
wide ones (int32 from f32, 64-bit) convert an in-range value and select the bounds afterwards. ``onnx_mlir.conversions`` is the numpy statement of the same
definition (tests, the conformance runner, the constant folder).
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith


def _fconst(t: ir.Type, value: float) -> ir.Value:
    return arith.constant(t, ir.FloatAttr.get(t, value))


def _iconst(t: ir.IntegerType, value: int) -> ir.Value:
    width = t.width
    value &= (1 << width) - 1  # two's complement bits of the signless type
    if value >= 1 << (width - 1):
        value -= 1 << width
    return arith.constant(t, ir.IntegerAttr.get(t, value))


def _cmpf(pred: str, lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    return arith.cmpf(getattr(arith.CmpFPredicate, pred), lhs, rhs)


def integer_range(width: int, unsigned: bool) -> tuple[int, int]:
    """Smallest and largest value of a ``width``-bit (un)signed integer."""
    if unsigned:
        return 0, (1 << width) - 1
    return -(1 << (width - 1)), (1 << (width - 1)) - 1


def float_to_int(value: ir.Value, to: ir.Type, unsigned: bool = False) -> ir.Value:
    """Convert the float scalar ``value`` to the signless integer type ``to`` (2 to 64 bits),
    read as unsigned when ``unsigned``, truncating toward zero and saturating (NaN -> 0).
    An ``i1`` target is ONNX's float -> bool: ``value != 0`` (NaN is true)."""
    to = ir.IntegerType(to)
    width = to.width
    if width == 1:
        return _cmpf("UNE", value, _fconst(value.type, 0.0))
    if width > 64:
        raise ValueError(f"float_to_int: unsupported target width {width}")
    x = value
    if ir.FloatType(x.type).width < 32:  # f16/bf16: exact in f32, and the bounds are too
        x = arith.extf(ir.F32Type.get(), x)
    lo, hi = integer_range(width, unsigned)
    # The narrowest conversion that holds the range: f32 -> i32 vectorizes on every x86-64 ISA.
    if unsigned and width == 64:
        wide, convert = to, arith.fptoui
    else:
        wide, convert = ir.IntegerType.get_signless(32 if hi < 1 << 31 else 64), arith.fptosi
    significand_bits = 24 if isinstance(x.type, ir.F32Type) else 53
    if max(-lo, hi) <= 1 << significand_bits:
        result = convert(wide, _clamp_in_float(x, lo, hi, unsigned))
    else:
        result = _select_bounds(x, wide, convert, lo, hi)
    return result if wide.width == width else arith.trunci(to, result)


def _clamp_in_float(x: ir.Value, lo: int, hi: int, unsigned: bool) -> ir.Value:
    """``x`` clamped to [lo, hi] (both exact in its type), NaN -> 0: float selects only, no
    integer work per lane before the one conversion (the cheap form, for narrow targets)."""
    ft = x.type
    zero, hi_f = _fconst(ft, 0.0), _fconst(ft, float(hi))
    if unsigned:  # x >= 0 is false for NaN and for negatives: both give 0
        c = arith.select(_cmpf("OGE", x, zero), x, zero)
    else:
        lo_f = _fconst(ft, float(lo))
        c = arith.select(_cmpf("OLT", x, lo_f), lo_f, x)
        c = arith.select(_cmpf("UNO", x, x), zero, c)
    return arith.select(_cmpf("OGT", c, hi_f), hi_f, c)


def _select_bounds(x: ir.Value, wide: ir.IntegerType, convert, lo: int, hi: int) -> ir.Value:
    """For bounds the float type cannot hold (e.g. 2**31 - 1 in f32): convert an in-range value
    (0 in place of any other), then select the bounds in the integer type."""
    ft = x.type
    # lo and hi + 1 are powers of two or 0, exact in f32 and f64: trunc(x) > hi <=> x >= hi + 1,
    # and x < lo gives lo whether trunc(x) is in range (x in (lo - 1, lo)) or not.
    lo_f, above_f = _fconst(ft, float(lo)), _fconst(ft, float(hi + 1))
    too_low = _cmpf("OLT", x, lo_f)
    too_high = _cmpf("OGE", x, above_f)
    in_range = arith.andi(_cmpf("OGE", x, lo_f), _cmpf("OLT", x, above_f))  # false for NaN
    converted = convert(wide, arith.select(in_range, x, _fconst(ft, 0.0)))  # always defined
    result = arith.select(too_low, _iconst(wide, lo), converted)
    return arith.select(too_high, _iconst(wide, hi), result)
