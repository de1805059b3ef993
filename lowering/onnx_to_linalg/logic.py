"""Comparisons, logic, bitwise ops, Where, IsNaN/IsInf -> one `linalg.generic` each.

Comparisons and predicates produce ``i1`` (ONNX bool) tensors; inputs broadcast numpy-style
through the indexing maps (see elementwise.py).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith

from .lib import builders as b
from .lib.scalar import common_element_type, cmp, elementwise, fconst, require_float
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern

I1 = lambda: ir.IntegerType.get_signless(1)  # noqa: E731


@register_pattern
class LowerCompare(OnnxLoweringPattern):
    """Equal/Less/LessOrEqual/Greater/GreaterOrEqual -> `cmpf` (ordered: false on NaN) or
    `cmpi` (signed or unsigned predicate by the onnx type); the result is bool (i1)."""

    _KIND = {"onnx.equal": "eq", "onnx.less": "lt", "onnx.less_or_equal": "le",
             "onnx.greater": "gt", "onnx.greater_or_equal": "ge"}
    op_names = tuple(_KIND)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        lhs, rhs = op.operation.operands
        elem = common_element_type(op, [lhs, rhs])
        kind, unsigned = self._KIND[op.operation.name], b.is_unsigned(elem)
        if b.is_bool(elem) and kind != "eq":
            unsigned = True  # false < true
        return [elementwise(op, [lhs, rhs], I1(), lambda x, y: cmp(kind, x, y, unsigned))]


@register_pattern
class LowerLogicBitwise(OnnxLoweringPattern):
    """And/Or/Xor on bool and BitwiseAnd/Or/Xor on integers: `andi`/`ori`/`xori`."""

    _FN = {"onnx.and": arith.andi, "onnx.or": arith.ori, "onnx.xor": arith.xori,
           "onnx.bitwise_and": arith.andi, "onnx.bitwise_or": arith.ori,
           "onnx.bitwise_xor": arith.xori}
    op_names = tuple(_FN)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        lhs, rhs = op.operation.operands
        elem = common_element_type(op, [lhs, rhs])
        name = op.operation.name
        if not b.is_integer(elem):
            raise LoweringError(f"{name} needs integer or bool operands, got {elem}")
        if not name.startswith("onnx.bitwise") and not b.is_bool(elem):
            raise LoweringError(f"{name} needs bool operands, got {elem}")
        return [elementwise(op, [lhs, rhs], elem, self._FN[name])]


@register_pattern
class LowerNot(OnnxLoweringPattern):
    """Not (bool) and BitwiseNot (integers): ``xori x, -1`` (all ones)."""

    op_names = ("onnx.not", "onnx.bitwise_not")

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = common_element_type(op, [x])
        if not b.is_integer(elem):
            raise LoweringError(f"{op.operation.name} needs integer or bool operands, got {elem}")
        if op.operation.name == "onnx.not" and not b.is_bool(elem):
            raise LoweringError(f"Not needs bool operands, got {elem}")
        return [elementwise(op, [x], elem,
                            lambda v: arith.xori(v, b.scalar_constant(v.type, -1)))]


@register_pattern
class LowerBitShift(OnnxLoweringPattern):
    """BitShift: `shli`, and `shrui` (unsigned) or `shrsi` (signed: arithmetic). The shift amount
    is read as unsigned; a shift by the bit width or more (negative amounts included) shifts
    everything out: 0, or the sign fill for a signed right shift (LLVM would give poison)."""

    op_names = ("onnx.bit_shift",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        x, y = op.operation.operands
        elem = common_element_type(op, [x, y])
        if not b.is_integer(elem) or b.is_bool(elem):
            raise LoweringError(f"BitShift needs integer operands, got {elem}")
        direction = op.direction
        if direction not in ("LEFT", "RIGHT"):
            raise LoweringError(f"BitShift direction must be LEFT or RIGHT, got {direction!r}")
        width = ir.IntegerType(elem).width
        arithmetic = direction == "RIGHT" and not b.is_unsigned(elem)

        def body(v: ir.Value, s: ir.Value) -> ir.Value:
            too_far = cmp("ge", s, b.scalar_constant(s.type, width), unsigned=True)
            if arithmetic:
                return arith.shrsi(v, arith.select(too_far, b.scalar_constant(s.type, width - 1), s))
            shifted = (arith.shli if direction == "LEFT" else arith.shrui)(v, s)
            return arith.select(too_far, b.scalar_constant(v.type, 0), shifted)

        return [elementwise(op, [x, y], elem, body)]


@register_pattern
class LowerWhere(OnnxLoweringPattern):
    """Where(cond, x, y): `arith.select` with the three operands broadcast together."""

    op_names = ("onnx.where",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        cond, x, y = op.operation.operands
        if not b.is_bool(b.element_type(cond)):
            raise LoweringError(f"Where needs a bool condition, got {b.element_type(cond)}")
        elem = common_element_type(op, [x, y])
        return [elementwise(op, [cond, x, y], elem, arith.select)]


@register_pattern
class LowerIsNaNIsInf(OnnxLoweringPattern):
    """IsNaN: ``cmpf uno x, x``. IsInf: compare with +inf / -inf as detect_positive/negative
    ask (both off: all false)."""

    op_names = ("onnx.is_na_n", "onnx.is_inf")

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = common_element_type(op, [x])
        require_float(elem, op.operation.name)
        if op.operation.name == "onnx.is_na_n":
            return [elementwise(op, [x], I1(),
                                lambda v: arith.cmpf(arith.CmpFPredicate.UNO, v, v))]
        pos, neg = op.detect_positive, op.detect_negative

        def body(v: ir.Value) -> ir.Value:
            result = b.scalar_constant(I1(), 0)
            if pos:
                result = arith.ori(result, cmp("eq", v, fconst(v, float("inf"))))
            if neg:
                result = arith.ori(result, cmp("eq", v, fconst(v, float("-inf"))))
            return result

        return [elementwise(op, [x], I1(), body)]
