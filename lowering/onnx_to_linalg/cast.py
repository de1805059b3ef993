"""Cast, CastLike and BitCast -> one `linalg.generic` each (a scalar conversion per element).

Conversions follow the ONNX spec and onnxruntime on x86: float -> int truncates toward zero
(narrow targets go through i64 then wrap, like a C++ static_cast on x86), float -> bool is
``x != 0`` (NaN is true), bool -> number is 0/1, integer widening extends by the source's
signedness, narrowing wraps. ``saturate`` only concerns float8 targets.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith

from . import builders as b
from .elementwise import cmp, elementwise
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern

_F8 = (ir.Float8E4M3FNType, ir.Float8E4M3FNUZType, ir.Float8E5M2Type, ir.Float8E5M2FNUZType)


def _check_castable(t: ir.Type, what: str) -> None:
    if isinstance(t, _F8):
        raise LoweringError(f"Cast {what} float8 type {t} is not supported yet")
    if b.is_integer(t) and ir.IntegerType(t).width not in (1, 8, 16, 32, 64):
        raise LoweringError(f"Cast {what} {ir.IntegerType(t).width}-bit integers is not supported")
    if not (b.is_float(t) or b.is_integer(t)):
        raise LoweringError(f"Cast {what} {t} is not supported")


def convert_element(v: ir.Value, src: ir.Type, dst: ir.Type) -> ir.Value:
    """Convert scalar ``v`` (signless view of onnx element type ``src``) to onnx type ``dst``
    (returns the signless view)."""
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
        width = ir.IntegerType(to).width
        if width == 64:
            return (arith.fptoui if d_unsigned else arith.fptosi)(to, v)
        i64 = ir.IntegerType.get_signless(64)
        return arith.trunci(to, arith.fptosi(i64, v))
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
        return elementwise(op, [x], dst, lambda v: convert_element(v, src, dst))


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
