"""Softmax, LogSoftmax and Hardmax along one axis (opset >= 13 semantics).

Softmax is numerically stable: a max reduction, then ``exp(x - max)`` summed in one reduction
`linalg.generic` (the max is read through the output map), then one elementwise generic
computing ``exp(x - max) / sum`` (or ``x - max - log(sum)`` for LogSoftmax). 16-bit floats
compute in f32. Hardmax is the one-hot of the first maximal index (an ArgMax reduction and an
elementwise compare).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith

from .lib import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.casting import cast_to, float_element_type
from .lib.index_math import normalize_axis
from .lib.reduction_common import arg_reduce, loop_index
from .lib.softmax_common import generic_with_reduced, softmax


@register_pattern
class LowerSoftmax(OnnxLoweringPattern):
    """Softmax / LogSoftmax: max, sum of exp(x - max), then normalize (three generics)."""

    op_names = ("onnx.softmax", "onnx.log_softmax")

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.input
        elem = float_element_type(x, op.ONNX_OP_TYPE)
        r = b.rank(x)
        if r == 0:
            raise LoweringError(f"{op.ONNX_OP_TYPE} needs a tensor of rank >= 1")
        axis = normalize_axis(op.axis, r, scalar_ok=True)
        out = softmax(x, axis, log=op.operation.name == "onnx.log_softmax")
        if b.element_type(out) != elem:
            out = generic_with_reduced(out, [], axis, elem, lambda v: b.convert_scalar(v, elem))
        return [cast_to(out, op.output)]


@register_pattern
class LowerHardmax(OnnxLoweringPattern):
    """Hardmax: 1 at the first index of the max along ``axis``, 0 elsewhere."""

    op_names = ("onnx.hardmax",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.input
        elem = float_element_type(x, "Hardmax")
        r = b.rank(x)
        if r == 0:
            raise LoweringError("Hardmax needs a tensor of rank >= 1")
        axis = normalize_axis(op.axis, r, scalar_ok=True)
        index = arg_reduce(x, axis, largest=True, last=False)
        i64 = ir.IntegerType.get_signless(64)
        one, zero = b.scalar_constant(elem, 1.0), b.scalar_constant(elem, 0.0)

        def body(_v, best):
            here = arith.index_cast(i64, loop_index(axis))
            return arith.select(arith.cmpi(arith.CmpIPredicate.eq, here, best), one, zero)

        return [cast_to(generic_with_reduced(x, [index], axis, elem, body), op.output)]


__all__ = ["LowerSoftmax", "LowerHardmax"]
