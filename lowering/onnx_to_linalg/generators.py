"""Ops that generate tensors from shapes and indices: Shape, Size, ConstantOfShape, Range,
EyeLike, Trilu, OneHot.

Shape/Size are compile-time constants when the input shape is static, else built from
`tensor.dim`. The others are one `linalg.fill` or one parallel `linalg.generic` whose body
computes each element from its loop indices (`linalg.index`) with `arith.select`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith, math, tensor

from ...dialects.onnx import (ConstantOfShapeOp, EyeLikeOp, OneHotOp, RangeOp, ShapeOp, SizeOp,
                              TriluOp)
from ...dialects.onnx_types import element_type_from_onnx
from ...dialects.dense_elements import dense_splat_value
from .lib import builders as b
from .lib import index_math as im
from .lib.index_checks import float_to_index, require_one_element, require_sizes
from .lib.index_math import Idx
from .lib.movement_common import finish, gather_generic
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.runtime_checks import require
from .lib.types import is_low_float, i64_type


def _i64_tensor(values: Sequence[Idx], shape: list[int]) -> ir.Value:
    """An i64 tensor of ``shape`` holding ``values`` (a dense constant when all are ints)."""
    t = ir.RankedTensorType.get(shape, i64_type())
    if all(isinstance(v, int) for v in values):
        data = np.asarray(values, dtype=np.int64).reshape(shape)
        return arith.constant(t, ir.DenseElementsAttr.get(data, type=t))
    return tensor.from_elements(t, [im.from_index(v, i64_type()) for v in values])


@register_pattern
class LowerShape(OnnxLoweringPattern):
    """Shape (with start/end, clamped like ONNX) -> an i64 constant, or `tensor.from_elements`
    of `tensor.dim` values for dynamic dims."""

    op_names = ("onnx.shape",)

    def rewrite(self, op: ShapeOp) -> Sequence[ir.Value]:
        x = op.data
        r = b.rank(x)
        start = op.start
        end = r if op.end is None else op.end
        start = min(max(start + r if start < 0 else start, 0), r)
        end = min(max(end + r if end < 0 else end, 0), r)
        dims = b.sizes(x)[start:end] if end > start else []
        return [finish(_i64_tensor(dims, [len(dims)]), op)]


@register_pattern
class LowerSize(OnnxLoweringPattern):
    """Size -> an i64 scalar tensor: constant, or the product of `tensor.dim` values."""

    op_names = ("onnx.size",)

    def rewrite(self, op: SizeOp) -> Sequence[ir.Value]:
        total: Idx = 1
        for s in b.sizes(op.data):
            total = im.mul(total, s)
        return [finish(_i64_tensor([total], []), op)]


def _splat_scalar(attr: ir.Attribute, elem: ir.Type) -> ir.Value:
    """The single value of a 1-element dense attribute as a scalar of (signless) ``elem``."""
    dense = ir.DenseElementsAttr(attr)
    if not dense.is_splat:  # (a one-element attribute is always a splat)
        raise LoweringError("ConstantOfShape value must hold one element")
    value = dense_splat_value(dense)
    if b.is_float(elem):
        return b.scalar_constant(elem, float(value))
    if b.is_integer(elem):
        return b.scalar_constant(elem, int(value))
    raise LoweringError(f"unsupported ConstantOfShape element type {elem}")


@register_pattern
class LowerConstantOfShape(OnnxLoweringPattern):
    """ConstantOfShape -> `linalg.fill` of a `tensor.empty` (sizes from the static result type, a
    constant shape, or the shape tensor read at run time)."""

    op_names = ("onnx.constant_of_shape",)

    def rewrite(self, op: ConstantOfShapeOp) -> Sequence[ir.Value]:
        out = im.result_shape(op)
        result_type = op.operation.results[0].type
        elem = b.element_type(result_type)
        if out is not None and b.DYNAMIC not in out:
            sizes: list[Idx] = list(out)
        else:
            sizes = im.operand_ints(op.input, "ConstantOfShape shape")
            require_sizes(sizes, elem, "ConstantOfShape result")
            sizes = im.merge_static(sizes, out)
        if "value" in op.operation.attributes:
            scalar = _splat_scalar(op.operation.attributes["value"], elem)
        else:
            scalar = b.scalar_constant(elem, 0)
        filled = b.fill(scalar, im.empty(sizes, b.signless(elem)))
        return [finish(filled, op)]


@register_pattern
class LowerRange(OnnxLoweringPattern):
    """Range -> a `linalg.generic` computing ``start + i * delta``; f16/bf16 are computed in f32
    (stash_type) and truncated. The length is the static result dim, or
    ``max(ceil((limit - start) / delta), 0)`` computed at compile or run time."""

    op_names = ("onnx.range",)

    def rewrite(self, op: RangeOp) -> Sequence[ir.Value]:
        elem = b.element_type(op.start)
        if not (b.is_float(elem) or b.is_integer(elem)) or b.is_bool(elem):
            raise LoweringError(f"unsupported Range element type {elem}")
        unsigned = b.is_unsigned(elem)
        low_precision = is_low_float(elem)
        compute = (ir.F64Type.get() if op.stash_type == 11 else ir.F32Type.get()) \
            if low_precision else b.signless(elem)

        def scalar(v: ir.Value) -> ir.Value:
            require_one_element(v, "Range operand")
            s = tensor.extract(b.to_signless(v), [im.const(0)] * b.rank(v))
            return b.convert_scalar(s, compute) if low_precision else s

        start, limit, delta = scalar(op.start), scalar(op.limit), scalar(op.delta)
        out = im.result_shape(op)
        if out is not None and len(out) == 1 and out[0] != b.DYNAMIC:
            n: Idx = out[0]
        elif b.is_float(compute):
            q = arith.divf(arith.subf(limit, start), delta)
            zero = b.scalar_constant(compute, 0.0)
            inf = b.scalar_constant(compute, float("inf"))
            require(arith.andi(arith.cmpf(arith.CmpFPredicate.ONE, delta, zero),
                               arith.cmpf(arith.CmpFPredicate.OLT, math.absf(q), inf)),
                    "delta is 0, or the element count (limit - start) / delta is not finite")
            n = im.smax(float_to_index(math.ceil(q)), 0)
        else:
            n = self._int_count(start, limit, delta, unsigned)
        require_sizes([n], elem, "Range result", nonnegative=True)  # (n = max(..., 0))

        def body(idx):
            i = im.from_index(idx[0], compute, unsigned)
            v = b.scalar_binary("add", start, b.scalar_binary("mul", i, delta))
            return b.convert_scalar(v, elem) if low_precision else v

        return [finish(gather_generic([n], elem, body), op)]

    @staticmethod
    def _int_count(start: ir.Value, limit: ir.Value, delta: ir.Value, unsigned: bool) -> Idx:
        """``max(ceil((limit - start) / delta), 0)``; delta 0 is an error. The division never
        traps: its divisor is 1 where delta is 0, and delta -1 negates instead (INT_MIN / -1)."""
        t = delta.type
        zero, one = b.scalar_constant(t, 0), b.scalar_constant(t, 1)
        nonzero = arith.cmpi(arith.CmpIPredicate.ne, delta, zero)
        require(nonzero, "delta must not be 0")
        span = arith.subi(limit, start)
        if unsigned:
            q = arith.ceildivui(span, arith.select(nonzero, delta, one))
            return im.smax(im.to_index(q, True), 0)
        minus_one = arith.cmpi(arith.CmpIPredicate.eq, delta, b.scalar_constant(t, -1))
        divisor = arith.select(arith.ori(minus_one, arith.xori(
            nonzero, arith.constant(ir.IntegerType.get_signless(1), 1))), one, delta)
        q = arith.select(minus_one, arith.subi(zero, span), arith.ceildivsi(span, divisor))
        return im.smax(im.to_index(q), 0)


def _mask_generic(x_sizes: Sequence[Idx], elem: ir.Type, keep, value, inputs=(),
                  maps=()) -> ir.Value:
    """``keep(row, col)`` (i1 or bool) selects ``value(*inputs)`` else zero, on the last two dims."""
    rank = len(x_sizes)

    def body(idx, *args):
        v = value(*args)
        zero = b.scalar_constant(elem, 0)
        k = keep(idx[rank - 2], idx[rank - 1])
        if isinstance(k, bool):
            return v if k else zero
        return arith.select(k, v, zero)

    return gather_generic(x_sizes, elem, body, inputs, maps)


@register_pattern
class LowerEyeLike(OnnxLoweringPattern):
    """EyeLike -> a generic yielding 1 where ``col - row == k``, else 0 (dtype attr or input's)."""

    op_names = ("onnx.eye_like",)

    def rewrite(self, op: EyeLikeOp) -> Sequence[ir.Value]:
        x = op.input
        if b.rank(x) != 2:
            raise LoweringError(f"EyeLike expects a 2-D input, got {x.type}")
        dtype = op.dtype
        elem = element_type_from_onnx(dtype) if dtype is not None else b.element_type(x)
        if not (b.is_float(elem) or b.is_integer(elem)):
            raise LoweringError(f"unsupported EyeLike dtype {elem}")
        k = op.k
        one = lambda: b.scalar_constant(elem, 1)  # noqa: E731
        result = _mask_generic(b.sizes(x), b.signless(elem),
                               lambda i, j: im.cmp("eq", im.sub(j, i), k), one)
        return [finish(result, op)]


@register_pattern
class LowerTrilu(OnnxLoweringPattern):
    """Trilu -> a generic keeping ``x`` where ``col - row >= k`` (upper) or ``<= k`` (lower)."""

    op_names = ("onnx.trilu",)

    def rewrite(self, op: TriluOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.input)
        r = b.rank(x)
        if r < 2:
            raise LoweringError(f"Trilu expects rank >= 2, got {x.type}")
        k: Idx = 0 if op.k is None else im.operand_scalar(op.k, "Trilu k")
        kind = "ge" if op.upper else "le"
        result = _mask_generic(b.sizes(x), b.element_type(x),
                               lambda i, j: im.cmp(kind, im.sub(j, i), k), lambda v: v,
                               [x], [b.identity_map(r)])
        return [finish(result, op)]


@register_pattern
class LowerOneHot(OnnxLoweringPattern):
    """OneHot -> a generic over the output: ``values[1]`` where the (wrapped) index equals the
    position along ``axis``, ``values[0]`` elsewhere (out-of-range indices give all off)."""

    op_names = ("onnx.one_hot",)

    def rewrite(self, op: OneHotOp) -> Sequence[ir.Value]:
        indices = op.indices
        ielem = b.element_type(indices)
        iunsigned = b.is_unsigned(ielem)
        indices = b.to_signless(indices)
        values = b.to_signless(op.values)
        elem = b.element_type(values)
        q = b.rank(indices)
        axis = im.normalize_axis(op.axis, q + 1)
        out = im.result_shape(op)
        depth = self._depth(op.depth)
        if isinstance(depth, int):
            require(depth > 0, f"depth {depth} is not positive")
        else:
            require(im.cmp("gt", depth, 0), "depth {0} is not positive", depth)
        if out is not None and len(out) == q + 1 and out[axis] != b.DYNAMIC:
            # the static result size is trusted below
            same = im.cmp("eq", depth, out[axis])
            require(same, "depth is {0}, but the result type says {1}", depth, out[axis])
            depth = out[axis]
        if b.rank(values) != 1:
            raise LoweringError(f"OneHot values must be a 1-D tensor of 2 elements, got {values.type}")
        count = b.dim(values, 0)
        if isinstance(count, int):
            require(count == 2, f"values has {count} elements, expected 2 (off, on)")
        else:
            require(im.cmp("eq", count, 2), "values has {0} elements, expected 2 (off, on)", count)
        off = tensor.extract(values, [im.const(0)])
        on = tensor.extract(values, [im.const(1)])
        isz = b.sizes(indices)
        sizes = im.merge_static(isz[:axis] + [depth] + isz[axis:], out)
        in_map = ir.AffineMap.get(q + 1, 0, [ir.AffineDimExpr.get(d)
                                             for d in range(q + 1) if d != axis])

        def body(idx, i):
            # (a float index far out of range must not reach fptosi: poison in LLVM)
            k = float_to_index(i) if b.is_float(i.type) else im.to_index(i, iunsigned)
            k = im.normalize(k, depth)
            return arith.select(im.cmp("eq", k, idx[axis]), on, off)

        return [finish(gather_generic(sizes, elem, body, [indices], [in_map]), op)]

    @staticmethod
    def _depth(d: ir.Value) -> Idx:
        """The depth operand: an int when constant, else read (floats truncated, as ONNX casts
        them to int64)."""
        known = im.constant_values(d)
        if known is not None:
            return known[0]
        require_one_element(d, "depth")
        s = tensor.extract(b.to_signless(d), [im.const(0)] * b.rank(d))
        if b.is_float(s.type):
            return float_to_index(s)
        return im.to_index(s, b.is_unsigned(b.element_type(d)))
