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
from mlir.dialects import arith, math

from .lib import builders as b
from .conv import float_element_type
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .reduction import (accumulator_type, arg_reduce, cast_to, kept_map, loop_index,
                        normalize_axis, reduce_dims)


def _generic_with_reduced(x: ir.Value, reduced: Sequence[ir.Value], axis: int, elem: ir.Type,
                          body) -> ir.Value:
    """Elementwise generic over ``x`` reading each ``reduced`` (x's shape without ``axis``)
    at the matching position; ``body(x_scalar, *reduced_scalars)``."""
    r = b.rank(x)
    init = b.empty(b.sizes(x), elem)
    maps = [b.identity_map(r)] + [kept_map(r, [axis])] * len(reduced) + [b.identity_map(r)]
    return b.generic([x, *reduced], [init], maps, ["parallel"] * r,
                     lambda *args: body(*args[:1 + len(reduced)]))[0]


def softmax(x: ir.Value, axis: int, log: bool = False) -> ir.Value:
    """(Log)softmax of the float tensor ``x`` along ``axis``, in the accumulator type (f32 for
    16-bit floats); convert with :func:`..reduction.convert_tensor` if needed."""
    elem = b.element_type(x)
    acc = accumulator_type(elem)

    def up(v):
        return b.convert_scalar(v, acc)

    mx = reduce_dims(x, [axis], acc, float("-inf"), lambda v, a: arith.maximumf(up(v), a))
    sums = reduce_dims(x, [axis], acc, 0.0,
                       lambda v, m, a: arith.addf(math.exp(arith.subf(up(v), m)), a),
                       extras=[mx])
    if log:
        return _generic_with_reduced(
            x, [mx, sums], axis, acc,
            lambda v, m, s: arith.subf(arith.subf(up(v), m), math.log(s)))
    return _generic_with_reduced(
        x, [mx, sums], axis, acc,
        lambda v, m, s: arith.divf(math.exp(arith.subf(up(v), m)), s))


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
        axis = normalize_axis(op.axis, r)
        out = softmax(x, axis, log=op.operation.name == "onnx.log_softmax")
        if b.element_type(out) != elem:
            out = _generic_with_reduced(out, [], axis, elem, lambda v: b.convert_scalar(v, elem))
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
        axis = normalize_axis(op.axis, r)
        index = arg_reduce(x, axis, largest=True, last=False)
        i64 = ir.IntegerType.get_signless(64)
        one, zero = b.scalar_constant(elem, 1.0), b.scalar_constant(elem, 0.0)

        def body(_v, best):
            here = arith.index_cast(i64, loop_index(axis))
            return arith.select(arith.cmpi(arith.CmpIPredicate.eq, here, best), one, zero)

        return [cast_to(_generic_with_reduced(x, [index], axis, elem, body), op.output)]


__all__ = ["LowerSoftmax", "LowerHardmax", "softmax"]
