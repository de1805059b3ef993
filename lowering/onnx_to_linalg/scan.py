"""CumSum, CumProd and TopK as structured reductions (linalg has no scan or sort op).

CumSum/CumProd: ``out[.., i, ..] = sum/prod over j of x[.., j, ..]`` restricted to ``j <= i``
(``j < i`` exclusive; ``j >= i`` / ``j > i`` reversed): one reduction `linalg.generic` with an
extra loop ``j`` whose body selects by comparing the two `linalg.index` values (a triangular
mask). It is O(n^2) along the axis, structured, and tiles and vectorizes like any reduction.
A run-time ``axis`` (the operand is not a constant) scans along every candidate dim and selects
the result by the axis value.

TopK: a rank generic ``rank[i] = #{j : x_j beats x_i}`` (beats: larger, or smaller when
``largest=0``; ties go to the lower index, so ranks are a permutation), then a selection generic
``out[p] = x[i] where rank[i] == p`` for p < k, giving values and int64 indices together. The
output is always sorted (allowed for ``sorted=0``).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, tensor

from .lib import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.casting import accumulator_type, cast_to, convert_tensor
from .lib.index_math import normalize_axis
from .lib.reduction_common import compare_order, loop_index, map_elementwise
from .lib.index_checks import require_one_element
from .lib.runtime_checks import require, require_equal_sizes
from .lib.constants import constant_ints


def _axis_read_map(rank: int, axis: int) -> ir.AffineMap:
    """Loops (d0..d{rank-1}, d{rank}) -> the operand indexed by d{rank} along ``axis``."""
    return ir.AffineMap.get(rank + 1, 0, [ir.AffineDimExpr.get(rank if d == axis else d)
                                          for d in range(rank)])


def _out_map(rank: int) -> ir.AffineMap:
    return ir.AffineMap.get(rank + 1, 0, [ir.AffineDimExpr.get(d) for d in range(rank)])


def cumulative(x: ir.Value, axis: int, kind: str, exclusive: bool, reverse: bool,
               unsigned: bool = False) -> ir.Value:
    """Cumulative ``kind`` (add or mul) of the signless ``x`` along ``axis`` (accumulator type
    for 16-bit floats)."""
    r = b.rank(x)
    acc = accumulator_type(b.element_type(x))
    init = b.fill(0 if kind == "add" else 1, b.empty(b.sizes(x), acc))

    def body(v, a):
        i, j = loop_index(axis), loop_index(r)
        if reverse:
            pred = arith.CmpIPredicate.ugt if exclusive else arith.CmpIPredicate.uge
        else:
            pred = arith.CmpIPredicate.ult if exclusive else arith.CmpIPredicate.ule
        inside = arith.cmpi(pred, j, i)
        return arith.select(inside, b.scalar_binary(kind, a, b.convert_scalar(v, acc, unsigned)), a)

    return b.generic([x], [init], [_axis_read_map(r, axis), _out_map(r)],
                     ["parallel"] * r + ["reduction"], body)[0]


def _scalar_of(value: ir.Value, what: str) -> ir.Value:
    """The single element of a rank-0 or one-element tensor."""
    require_one_element(value, what)
    index = ir.IndexType.get()
    zero = arith.constant(index, 0)
    return tensor.extract(value, [zero] * b.rank(value))


@register_pattern
class LowerCumulative(OnnxLoweringPattern):
    """CumSum / CumProd: a triangular-mask reduction generic along ``axis``."""

    op_names = ("onnx.cum_sum", "onnx.cum_prod")

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = b.element_type(x)
        if b.is_bool(elem) or not (b.is_float(elem) or b.is_integer(elem)):
            raise LoweringError(f"unsupported element type {elem}")
        r = b.rank(x)
        if r == 0:
            raise LoweringError(f"{op.ONNX_OP_TYPE} needs a tensor of rank >= 1")
        kind = "add" if op.operation.name == "onnx.cum_sum" else "mul"
        unsigned = b.is_unsigned(elem)
        xs = b.to_signless(x)
        known = constant_ints(op.axis)
        if known is not None:
            if len(known) != 1:
                raise LoweringError(f"axis must hold one value, got {known}")
            candidates = [normalize_axis(known[0], r, scalar_ok=True)]
        else:
            candidates = list(range(r))
        results = [convert_tensor(cumulative(xs, a, kind, bool(op.exclusive), bool(op.reverse),
                                             unsigned), b.signless(elem), unsigned)
                   for a in candidates]
        result = results[0]
        if len(results) > 1:
            # Run-time axis: every candidate is computed; the axis value selects one.
            axis = _scalar_of(op.axis, "axis")
            axis_t = axis.type
            inside = arith.andi(
                arith.cmpi(arith.CmpIPredicate.sge, axis, b.scalar_constant(axis_t, -r)),
                arith.cmpi(arith.CmpIPredicate.slt, axis, b.scalar_constant(axis_t, r)))
            require(inside, f"axis {{0}} is out of range for rank {r}", axis)
            negative = arith.cmpi(arith.CmpIPredicate.slt, axis, b.scalar_constant(axis_t, 0))
            axis = arith.select(negative, arith.addi(axis, b.scalar_constant(axis_t, r)), axis)
            preds = [arith.cmpi(arith.CmpIPredicate.eq, axis, b.scalar_constant(axis_t, a))
                     for a in candidates[:-1]]

            def select(*values):
                chosen = values[-1]
                for pred, v in reversed(list(zip(preds, values[:-1]))):
                    chosen = arith.select(pred, v, chosen)
                return chosen

            result = map_elementwise(results, b.element_type(results[0]), select)
        return [cast_to(result, op.y)]


# --------------------------------------------------------------------------- TopK


def _runtime_k(k_operand: ir.Value, size: b.Size) -> ir.Value:
    """K computed at run time, as an index checked to lie in [0, axis size]: it sizes the
    results."""
    i64 = ir.IntegerType.get_signless(64)
    value = b.convert_scalar(_scalar_of(b.to_signless(k_operand), "K"), i64)
    size64 = arith.index_cast(i64, size if isinstance(size, ir.Value)
                              else arith.constant(ir.IndexType.get(), size))
    inside = arith.andi(arith.cmpi(arith.CmpIPredicate.sge, value, b.scalar_constant(i64, 0)),
                        arith.cmpi(arith.CmpIPredicate.sle, value, size64))
    require(inside, "K is {0}, out of range for the axis size {1}", value, size64)
    return arith.index_cast(ir.IndexType.get(), value)


def topk(x: ir.Value, axis: int, k: b.Size, largest: bool, unsigned: bool) -> tuple[ir.Value, ir.Value]:
    """(values, int64 indices) of the ``k`` largest (smallest) of the signless ``x`` along
    ``axis``, sorted, ties by lower index."""
    r = b.rank(x)
    elem = b.element_type(x)
    i64 = ir.IntegerType.get_signless(64)
    mixed = b.sizes(x)

    def beats(other, mine):
        strict, equal = compare_order(other, mine, elem, largest, unsigned)
        before = arith.cmpi(arith.CmpIPredicate.ult, loop_index(r), loop_index(axis))
        return arith.ori(strict, arith.andi(equal, before))

    zero64, one64 = b.scalar_constant(i64, 0), b.scalar_constant(i64, 1)
    ranks = b.generic(
        [x, x], [b.fill(0, b.empty(mixed, i64))],
        [_out_map(r), _axis_read_map(r, axis), _out_map(r)], ["parallel"] * r + ["reduction"],
        lambda mine, other, count: arith.addi(
            count, arith.select(beats(other, mine), one64, zero64)))[0]

    out_sizes = list(mixed)
    out_sizes[axis] = k
    values_init = b.fill(0, b.empty(out_sizes, elem))
    index_init = b.fill(0, b.empty(out_sizes, i64))

    def select(v, rank_v, best_v, best_i):
        position = arith.index_cast(i64, loop_index(axis))
        hit = arith.cmpi(arith.CmpIPredicate.eq, rank_v, position)
        source = arith.index_cast(i64, loop_index(r))
        return [arith.select(hit, v, best_v), arith.select(hit, source, best_i)]

    values, indices = b.generic(
        [x, ranks], [values_init, index_init],
        [_axis_read_map(r, axis), _axis_read_map(r, axis), _out_map(r), _out_map(r)],
        ["parallel"] * r + ["reduction"], select)
    return values, indices


@register_pattern
class LowerTopK(OnnxLoweringPattern):
    """TopK: a rank-counting generic, then a selection generic (values and indices)."""

    op_names = ("onnx.top_k",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = b.element_type(x)
        if b.is_bool(elem) or not (b.is_float(elem) or b.is_integer(elem)):
            raise LoweringError(f"unsupported element type {elem}")
        r = b.rank(x)
        if r == 0:
            raise LoweringError("TopK needs a tensor of rank >= 1")
        axis = normalize_axis(op.axis, r, scalar_ok=True)
        known = constant_ints(op.k)
        n = b.shape(x)[axis]
        if known is not None:
            if len(known) != 1:
                raise LoweringError(f"K must hold one value, got {known}")
            k = known[0]
            if n != b.DYNAMIC and not 0 <= k <= n:
                raise LoweringError(f"K={k} is out of range for axis size {n}")
            if k < 0:
                raise LoweringError(f"K={k} is negative")
            if n == b.DYNAMIC:
                size = b.dim(x, axis)
                require(arith.cmpi(arith.CmpIPredicate.sle, arith.constant(ir.IndexType.get(), k),
                                   size), f"K={k} is larger than the axis size {{0}}", size)
        else:
            k = _runtime_k(op.k, b.dim(x, axis))
            typed = b.shape(op.values.type)[axis] if isinstance(op.values.type,
                                                               ir.RankedTensorType) else b.DYNAMIC
            if typed != b.DYNAMIC:
                # The result type (shape inference) gives K: the results are allocated with it,
                # and the value read at run time must agree.
                require_equal_sizes(k, typed, "K is {0} at run time, but the result type says {1}")
                k = typed
        values, indices = topk(b.to_signless(x), axis, k, bool(op.largest), b.is_unsigned(elem))
        return [cast_to(values, op.values), cast_to(indices, op.indices)]


__all__ = ["LowerCumulative", "LowerTopK", "cumulative", "topk"]
