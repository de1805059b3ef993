"""Reductions: ReduceSum/Mean/Max/Min/Prod/L1/L2/LogSum/LogSumExp/SumSquare, ArgMax/ArgMin.

Every reduction is one reduction `linalg.generic` whose loops are the input's dims (reduced dims
are ``reduction`` iterators, the output map drops them), so any set of axes, contiguous or not,
is one op; `tensor.expand_shape` puts the unit dims back for ``keepdims``. An empty reduced dim
leaves the accumulator at its identity (0, 1, -inf/+inf, the extreme integers, false/true).

Axes come from the ``axes`` input (a constant), the ``axes`` attribute (older opsets), or, when
the input is computed at run time, from the static result type: with ``keepdims`` the reduced dims
are those whose size changes (a reduced size-1 dim changes nothing); without it, when several
sets of dims fit the shapes, each candidate is reduced and the run-time axes select the result.
With dynamic shapes every set of distinct dims of the axes' count is a candidate, and an `scf.if`
chain on the run-time axes picks the result (the candidates' shapes differ at run time).

f16/bf16 accumulate in f32; integer Mean/L2/LogSum/LogSumExp compute in f64 and truncate, as
onnxruntime does. The helpers (:func:`reduce_dims`, :func:`keep_dims`, :func:`normalize_axis`)
are shared with the softmax, normalization and loss lowerings.
"""

from __future__ import annotations

import itertools
from typing import Sequence

from mlir import ir
from mlir.dialects import arith, math, scf, tensor

from ...dialects.onnx import ArgMaxOp
from .lib import builders as b
from .lib import index_math as im
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.runtime_checks import require
from .lib.constants import constant_ints
from .lib.casting import accumulator_type, cast_to, convert_tensor
from .lib.index_math import normalize_axis
from .lib.reduction_common import (arg_reduce, count_of, identity_value, keep_dims, map_elementwise,
                                   reduce_dims)

# --------------------------------------------------------------------------- shared helpers


# --------------------------------------------------------------------------- axes


class _Axes:
    """The reduced dims of a Reduce* op: one or more candidate sets and, for several, the
    run-time axes tensor that picks one. An empty set reduces over nothing: the elementwise part
    of the op only (``noop_with_empty_axes``: x for Sum/Max/..., x^2 for SumSquare, |x| for
    L1/L2, log x for LogSum, as onnxruntime and the ONNX reference compute)."""

    def __init__(self, candidates: list[list[int]], axes: ir.Value | None = None,
                 shapes_differ: bool = False):
        self.candidates = candidates
        self.axes = axes
        # the candidates' results have different (run-time) shapes: the run-time axes pick one
        # branch of an `scf.if` chain instead of one element of each result
        self.shapes_differ = shapes_differ


def _result_shape(op) -> list[int] | None:
    t = op.operation.results[0].type
    if isinstance(t, ir.RankedTensorType) and ir.RankedTensorType(t).has_static_shape:
        return list(ir.RankedTensorType(t).shape)
    return None


def resolve_axes(op, x: ir.Value) -> _Axes:
    r = b.rank(x)
    attrs = op.operation.attributes
    keepdims = op.keepdims
    noop = op.noop_with_empty_axes
    axes_value = op.axes if len(op.operation.operands) > 1 else None
    if axes_value is not None:
        known = constant_ints(axes_value)
    elif "axes" in attrs:  # opset < 13 (< 18 for most Reduce ops): an attribute
        known = [ir.IntegerAttr(a).value for a in ir.ArrayAttr(attrs["axes"])]
    else:
        known = []
    if known is not None:
        if not known:
            return _Axes([[]] if noop else [list(range(r))])
        dims = sorted({normalize_axis(a, r, "axes entry", scalar_ok=True) for a in known})
        return _Axes([dims])
    # Run-time axes: infer from the static result shape.
    out = _result_shape(op)
    src = b.shape(x)
    if out is None or b.DYNAMIC in src:
        return _runtime_axes_of_dynamic_shapes(op, axes_value, r)
    axes_shape = b.shape(axes_value)
    if len(axes_shape) != 1:
        raise LoweringError(f"axes must be a 1-D tensor, got {axes_value.type}")
    n_axes = axes_shape[0]
    if keepdims:
        if len(out) != r:
            raise LoweringError(f"result shape {out} does not keep the {r} input dims")
        changed = [d for d in range(r) if src[d] != out[d]]
        if any(out[d] != 1 for d in changed):
            raise LoweringError(f"result shape {out} is not a reduction of {src}")
        if changed:
            return _Axes([changed])
        # Nothing changes size: the axes (if any) are unit dims, and reducing a unit dim is the
        # same as reducing over nothing (noop_with_empty_axes).
        return _Axes([[]])
    k = r - len(out)
    if k == 0:
        return _Axes([[]])
    candidates = [list(c) for c in itertools.combinations(range(r), k)
                  if [src[d] for d in range(r) if d not in c] == out]
    if not candidates:
        raise LoweringError(f"result shape {out} is not a reduction of {src}")
    if len(candidates) > 1 and n_axes != k:
        raise LoweringError(f"cannot tell the reduced axes of {src} -> {out} at compile time")
    return _Axes(candidates, axes_value if len(candidates) > 1 else None)


def _runtime_axes_of_dynamic_shapes(op, axes_value: ir.Value, r: int) -> _Axes:
    """Run-time axes with dynamic shapes: every set of distinct dims the axes' (static) count
    or the result rank allows is a candidate, chosen at run time."""
    axes_shape = b.shape(axes_value)
    t = op.operation.results[0].type
    if len(axes_shape) != 1 or axes_shape[0] == b.DYNAMIC or not isinstance(t, ir.RankedTensorType):
        raise LoweringError("axes computed at run time need a static axes length and a ranked "
                            "result (or static input and result shapes)")
    if axes_shape[0] == 0:  # no axes: all dims, or nothing with noop_with_empty_axes
        return _Axes([[]] if op.noop_with_empty_axes else [list(range(r))])
    k = axes_shape[0] if op.keepdims else r - ir.RankedTensorType(t).rank
    if not 0 < k <= r or (not op.keepdims and k != axes_shape[0]):
        raise LoweringError(f"axes computed at run time: {axes_shape[0]} axes do not fit rank {r} "
                            f"-> {t}")
    candidates = [list(c) for c in itertools.combinations(range(r), k)]
    return _Axes(candidates, axes_value, shapes_differ=True)


def _axes_predicate(axes: ir.Value, rank: int, candidate: list[int]) -> ir.Value:
    """i1: the run-time ``axes`` (static length) name exactly the dims of ``candidate``."""
    i1 = ir.IntegerType.get_signless(1)
    n = b.shape(axes)[0]
    index = ir.IndexType.get()
    elem = b.element_type(axes)
    zero = b.scalar_constant(elem, 0)
    rank_c = b.scalar_constant(elem, rank)
    normalized = []
    for i in range(n):
        a = tensor.extract(axes, [arith.constant(index, i)])
        negative = arith.cmpi(arith.CmpIPredicate.slt, a, zero)
        normalized.append(arith.select(negative, arith.addi(a, rank_c), a))
    result = arith.constant(i1, 1)
    for d in candidate:
        named = arith.constant(i1, 0)
        for a in normalized:
            named = arith.ori(named, arith.cmpi(arith.CmpIPredicate.eq, a,
                                                b.scalar_constant(elem, d)))
        result = arith.andi(result, named)
    return result


# --------------------------------------------------------------------------- Reduce*


def _reduce_kind(name: str, x: ir.Value, dims: list[int], elem: ir.Type,
                 unsigned: bool) -> ir.Value:
    """The reduction ``name`` over ``dims`` of the signless ``x``; result elem ``elem``."""
    is_float = b.is_float(elem)
    # Integer inputs of the "float-natured" reductions compute in f64 and truncate back.
    needs_float = name in ("reduce_mean", "reduce_l2", "reduce_log_sum", "reduce_log_sum_exp")
    if needs_float and not is_float:
        acc = ir.F64Type.get()
    else:
        acc = accumulator_type(elem)

    def up(v: ir.Value) -> ir.Value:
        return b.convert_scalar(v, acc, unsigned)

    if name in ("reduce_max", "reduce_min"):
        kind = name[-3:]
        out = reduce_dims(x, dims, acc, identity_value(kind, acc, unsigned),
                          lambda v, a: b.scalar_binary(kind, up(v), a, unsigned))
    elif name == "reduce_prod":
        out = reduce_dims(x, dims, acc, 1, lambda v, a: b.scalar_binary("mul", up(v), a))
    elif name in ("reduce_sum", "reduce_mean", "reduce_log_sum"):
        out = reduce_dims(x, dims, acc, 0, lambda v, a: b.scalar_binary("add", up(v), a))
        if name == "reduce_mean":
            if is_float:
                count = count_of(x, dims, acc)
                out = map_elementwise([out], acc, lambda s: arith.divf(s, count))
            else:
                # Integer mean: sum in the integer type, truncating division (onnxruntime).
                acc = b.signless(elem)
                out = reduce_dims(x, dims, acc, 0, lambda v, a: arith.addi(v, a))
                count = count_of(x, dims, acc)
                out = map_elementwise([out], acc,
                                      lambda s: b.scalar_binary("div", s, count, unsigned))
        elif name == "reduce_log_sum":
            out = map_elementwise([out], acc, math.log)
    elif name in ("reduce_sum_square", "reduce_l2"):
        def body(v, a):
            u = up(v)
            return b.scalar_binary("add", b.scalar_binary("mul", u, u), a)
        out = reduce_dims(x, dims, acc, 0, body)
        if name == "reduce_l2":
            out = map_elementwise([out], acc, math.sqrt)
    elif name == "reduce_l1":
        def body(v, a):
            u = up(v)
            if b.is_float(acc):
                u = math.absf(u)
            elif not unsigned:
                u = math.absi(u)
            return b.scalar_binary("add", u, a)
        out = reduce_dims(x, dims, acc, 0, body)
    elif name == "reduce_log_sum_exp":
        # Stable: m = max, log(sum(exp(x - m))) + m, with m = 0 where the max is infinite.
        mx = reduce_dims(x, dims, acc, float("-inf"),
                         lambda v, a: arith.maximumf(up(v), a))
        inf = b.scalar_constant(acc, float("inf"))
        zero = b.scalar_constant(acc, 0.0)

        def finite(m):
            is_inf = arith.cmpf(arith.CmpFPredicate.OEQ, math.absf(m), inf)
            return arith.select(is_inf, zero, m)

        shift = map_elementwise([mx], acc, finite)
        sums = reduce_dims(x, dims, acc, 0.0,
                           lambda v, m, a: arith.addf(math.exp(arith.subf(up(v), m)), a),
                           extras=[shift])
        out = map_elementwise([sums, shift], acc, lambda s, m: arith.addf(math.log(s), m))
    else:
        raise LoweringError(f"unknown reduction {name}")
    return convert_tensor(out, elem, unsigned)


_REDUCE_OPS = ("onnx.reduce_sum", "onnx.reduce_mean", "onnx.reduce_max", "onnx.reduce_min",
               "onnx.reduce_prod", "onnx.reduce_l1", "onnx.reduce_l2", "onnx.reduce_log_sum",
               "onnx.reduce_log_sum_exp", "onnx.reduce_sum_square")


# Reductions whose value over a single element is that element.
_IDENTITY_ON_ONE = ("reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod",
                    "reduce_log_sum_exp")


@register_pattern
class LowerReduce(OnnxLoweringPattern):
    """The ten Reduce* ops: a reduction `linalg.generic` (two for LogSumExp), an elementwise
    finisher where needed (divide, sqrt, log), `tensor.expand_shape` for keepdims."""

    op_names = _REDUCE_OPS

    def rewrite(self, op) -> Sequence[ir.Value]:
        name = op.operation.name[len("onnx."):]
        x = op.data
        elem = b.element_type(x)
        if b.is_bool(elem) and name not in ("reduce_max", "reduce_min"):
            raise LoweringError(f"{op.ONNX_OP_TYPE} is not defined on bool tensors")
        if not (b.is_float(elem) or b.is_integer(elem)):
            raise LoweringError(f"unsupported element type {elem}")
        unsigned = b.is_unsigned(elem) or b.is_bool(elem)
        r = b.rank(x)
        axes = resolve_axes(op, x)
        xs = b.to_signless(x)

        def reduce_over(dims: list[int]) -> ir.Value:
            if not dims and name in _IDENTITY_ON_ONE:
                return xs  # reducing over nothing: the input itself
            out = _reduce_kind(name, xs, dims, b.signless(elem), unsigned)
            return keep_dims(out, r, dims) if op.keepdims else out

        if axes.shapes_differ:
            out_rank = r if op.keepdims else r - len(axes.candidates[0])
            out_type = ir.RankedTensorType.get([b.DYNAMIC] * out_rank, b.signless(elem))
            return [cast_to(self._chosen_at_run_time(reduce_over, out_type, axes, r), op.reduced)]
        results = [reduce_over(dims) for dims in axes.candidates]
        result = results[-1]
        if len(results) > 1:
            # Several reductions fit the static shapes: the run-time axes pick one.
            preds = [_axes_predicate(axes.axes, r, c) for c in axes.candidates[:-1]]
            out_shape = _result_shape(op)
            results = [v if b.shape(v) == out_shape else
                       tensor.cast(ir.RankedTensorType.get(out_shape, b.element_type(v)), v)
                       for v in results]

            def select(*values):
                chosen = values[-1]
                for pred, v in reversed(list(zip(preds, values[:-1]))):
                    chosen = arith.select(pred, v, chosen)
                return chosen

            result = map_elementwise(results, b.element_type(results[0]), select)
        return [cast_to(result, op.reduced)]


    @staticmethod
    def _chosen_at_run_time(reduce_over, out_type: ir.Type, axes: _Axes, r: int) -> ir.Value:
        """The reduction over the candidate the run-time axes name, computed in its branch of
        an `scf.if` chain (the candidates' results have different run-time shapes); axes naming
        no candidate (a repeated axis) are an error."""
        preds = [_axes_predicate(axes.axes, r, c) for c in axes.candidates]
        named = preds[0]
        for p in preds[1:]:
            named = arith.ori(named, p)
        require(named, "axes must name distinct dims of the input")

        def build(i: int) -> ir.Value:
            if i == len(preds) - 1:
                v = reduce_over(axes.candidates[i])
                return v if v.type == out_type else tensor.cast(out_type, v)
            branch = scf.IfOp(preds[i], [out_type], has_else=True)
            with ir.InsertionPoint(branch.then_block):
                v = reduce_over(axes.candidates[i])
                scf.YieldOp([v if v.type == out_type else tensor.cast(out_type, v)])
            with ir.InsertionPoint(branch.else_block):
                scf.YieldOp([build(i + 1)])
            return branch.results[0]

        return build(0)


# --------------------------------------------------------------------------- ArgMax/ArgMin


@register_pattern
class LowerArgMaxMin(OnnxLoweringPattern):
    """ArgMax/ArgMin: one reduction `linalg.generic` carrying (value, index) along ``axis``."""

    op_names = ("onnx.arg_max", "onnx.arg_min")

    def rewrite(self, op: ArgMaxOp) -> Sequence[ir.Value]:
        x = op.data
        elem = b.element_type(x)
        if not (b.is_float(elem) or b.is_integer(elem)):
            raise LoweringError(f"unsupported element type {elem}")
        r = b.rank(x)
        if r == 0:
            raise LoweringError("ArgMax/ArgMin need a tensor of rank >= 1")
        axis = normalize_axis(op.axis, r, scalar_ok=True)
        if b.shape(x)[axis] == 0:
            raise LoweringError("ArgMax/ArgMin over an empty axis")
        # An empty axis has no index to return (the accumulator's sentinel would come out).
        require(im.cmp("gt", b.dim(x, axis), 0), f"axis {axis} is empty (size {{0}})",
                b.dim(x, axis))
        index = arg_reduce(b.to_signless(x), axis, op.operation.name == "onnx.arg_max",
                           bool(op.select_last_index), b.is_unsigned(elem))
        if op.keepdims:
            index = keep_dims(index, r, [axis])
        return [cast_to(index, op.reduced)]


__all__ = ["LowerReduce", "LowerArgMaxMin", "resolve_axes"]
