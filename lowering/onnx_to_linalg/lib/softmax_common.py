"""(Log)softmax along one axis, used by Softmax/LogSoftmax/Hardmax and the losses."""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, math

from . import builders as b
from .reduction_common import kept_map, reduce_dims
from .casting import accumulator_type


def generic_with_reduced(x: ir.Value, reduced: Sequence[ir.Value], axis: int, elem: ir.Type,
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
    16-bit floats); convert with :func:`.casting.convert_tensor` if needed."""
    elem = b.element_type(x)
    acc = accumulator_type(elem)

    def up(v):
        return b.convert_scalar(v, acc)

    mx = reduce_dims(x, [axis], acc, float("-inf"), lambda v, a: arith.maximumf(up(v), a))
    if not log:
        # exp once, in a parallel loop (vectorizes), then a plain sum: exp inside the
        # reduction's loop runs scalar and twice (for the sum and for the quotient).
        e = generic_with_reduced(x, [mx], axis, acc, lambda v, m: math.exp(arith.subf(up(v), m)))
        sums = reduce_dims(e, [axis], acc, 0.0, lambda v, a: arith.addf(v, a))
        return generic_with_reduced(e, [sums], axis, acc, lambda v, s: arith.divf(v, s))
    sums = reduce_dims(x, [axis], acc, 0.0,
                       lambda v, m, a: arith.addf(math.exp(arith.subf(up(v), m)), a),
                       extras=[mx])
    return generic_with_reduced(
        x, [mx, sums], axis, acc,
        lambda v, m, s: arith.subf(arith.subf(up(v), m), math.log(s)))
