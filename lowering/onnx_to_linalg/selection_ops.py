"""Ops whose output size depends on the data: NonZero, Unique.

Each counts first (a reduction: the result size, an index known only at run time), then fills a
result of that size with a parallel `linalg.generic` whose element comes from the counted
positions (``lib/selection.py``): no loops, no in-place writes. The results have dynamic dims,
so the compiled code allocates and returns them (``onnx_mlir.results_returned``).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, tensor

from ...dialects.onnx import NonZeroOp, UniqueOp
from .lib import builders as b
from .lib import index_math as im
from .lib.index_math import Idx
from .lib.movement_common import finish, gather_generic
from .lib.selection import count_true, dims_map, i64, inclusive_counts, true_positions
from .pattern import OnnxLoweringPattern, register_pattern


def nonzero_flags(x: ir.Value) -> ir.Value:
    """``x`` flattened (row-major) to 1-D i64 flags: 1 where the element is nonzero (NaN
    included), 0 elsewhere. A rank-0 ``x`` gives one flag."""
    x = b.to_signless(x)
    elem = b.element_type(x)
    if b.rank(x) == 0:
        return gather_generic([1], i64(), lambda idx: _is_nonzero(tensor.extract(x, []), elem))
    flat = b.collapse(x, [list(range(b.rank(x)))]) if b.rank(x) > 1 else x
    return gather_generic([b.dim(flat, 0)], i64(), lambda idx, v: _is_nonzero(v, elem),
                          [flat], [dims_map(1, [0])])


def _is_nonzero(v: ir.Value, elem: ir.Type) -> ir.Value:
    zero = b.scalar_constant(elem, 0)
    flag = (arith.cmpf(arith.CmpFPredicate.UNE, v, zero) if b.is_float(elem)
            else arith.cmpi(arith.CmpIPredicate.ne, v, zero))
    return arith.extui(i64(), flag)


@register_pattern
class LowerNonZero(OnnxLoweringPattern):
    """NonZero: ``[rank, count]`` int64 coordinates of the nonzero elements in row-major order
    (a rank-0 input counts as ``[1]``, as onnxruntime does). The flat positions of the nonzero
    elements are selected, then unravelled by the input's (run-time) sizes."""

    op_names = ("onnx.non_zero",)

    def rewrite(self, op: NonZeroOp) -> Sequence[ir.Value]:
        x = op.x
        sizes = b.sizes(x) if b.rank(x) > 0 else [1]
        flags = nonzero_flags(x)
        count = count_true(flags)
        positions = true_positions(inclusive_counts(flags), count)
        strides: list = [1] * len(sizes)
        for d in range(len(sizes) - 2, -1, -1):
            strides[d] = im.mul(strides[d + 1], sizes[d + 1])

        def body(idx, flat):
            flat = im.to_index(flat)
            coord = None
            for d in range(len(sizes)):  # the coordinate of row idx[0]
                c = im.rem(im.floordiv(flat, strides[d]), sizes[d]) if d else im.floordiv(flat, strides[d])
                coord = c if coord is None else im.select(im.cmp("eq", idx[0], d), c, coord)
            return im.from_index(coord, i64())

        result = gather_generic([len(sizes), count], i64(), body, [positions], [dims_map(2, [1])])
        return [finish(result, op)]



# pairwise order of two slices (unique_order): equal, first before second, first after second
_EQUAL, _BEFORE, _AFTER = 0, 1, 2


def _c(v: int) -> ir.Value:
    return b.scalar_constant(i64(), v)


def unique_order(x2: ir.Value, unsigned: bool) -> ir.Value:
    """``order[i, k]`` of the rows of the 2-D ``x2`` (lexicographic): ``_EQUAL``, ``_BEFORE``
    (row i sorts before row k) or ``_AFTER``. A reduction over the row's elements in order in
    which the first differing element decides (the order is kept by the loops it lowers to)."""
    n = b.dim(x2, 0)
    elem = b.element_type(x2)
    init = b.fill(_EQUAL, im.empty([n, n], i64()))

    def body(u, v, acc):
        if b.is_float(elem):
            differ = arith.cmpf(arith.CmpFPredicate.UNE, u, v)
            less = arith.cmpf(arith.CmpFPredicate.OLT, u, v)
        else:
            differ = arith.cmpi(arith.CmpIPredicate.ne, u, v)
            less = arith.cmpi(arith.CmpIPredicate.ult if unsigned else arith.CmpIPredicate.slt, u, v)
        decided = arith.select(less, _c(_BEFORE), _c(_AFTER))
        undecided = arith.cmpi(arith.CmpIPredicate.eq, acc, _c(_EQUAL))
        return arith.select(arith.andi(undecided, differ), decided, acc)

    (order,) = b.generic([x2, x2], [init], [dims_map(3, [0, 2]), dims_map(3, [1, 2]),
                                            dims_map(3, [0, 1])],
                         ["parallel", "parallel", "reduction"], body)
    return order


def _sum_over(inputs, maps, size: list, body) -> ir.Value:
    """A 1-D i64 result ``r[i] = sum_k body(*inputs at (i, k))`` over ``size = [n, K]`` (maps
    over the two dims (i, k); ``k``'s extent comes from an input)."""
    init = b.fill(0, im.empty(size[:1], i64()))
    (out,) = b.generic(list(inputs), [init], [*maps, dims_map(2, [0])], ["parallel", "reduction"],
                       lambda *args: arith.addi(args[-1], body(*args[:-1])))
    return out


@register_pattern
class LowerUnique(OnnxLoweringPattern):
    """Unique: the slices along ``axis`` (the elements without an axis) as the rows of a 2-D
    view; their pairwise lexicographic order (one reduction); each row's first equal row
    (``first[i]``: no equal row before it); the unique count sizes the results allocated at run
    time; a row's rank among the unique rows (the unique rows sorting before it, or with
    ``sorted=0`` the unique rows met before its first occurrence) is its inverse index; the
    source row of each output slot and the counts are reductions over the rows; the unique
    slices are gathered from the input. All steps cost O(rows^2 x row length) compares."""

    op_names = ("onnx.unique",)

    def rewrite(self, op: UniqueOp) -> Sequence[ir.Value | None]:
        x = b.to_signless(op.x)
        unsigned = b.is_unsigned(b.element_type(op.x))
        r = b.rank(x)
        axis = op.axis
        if axis is None or r == 0:
            flat = b.collapse(x, [list(range(r))]) if r > 1 else x
            if r == 0:
                flat = gather_generic([1], x, lambda idx: tensor.extract(x, []))
            x, axis, r = flat, 0, 1
        axis = im.normalize_axis(axis, r)
        rows = b.transpose(x, [axis] + [d for d in range(r) if d != axis]) if axis else x
        n = b.dim(rows, 0)
        if r == 1:
            x2 = b.expand(rows, [[0, 1]], [n, 1])
        else:
            x2 = b.collapse(rows, [[0], list(range(1, r))]) if r > 2 else rows
        order = unique_order(x2, unsigned)
        # first[i]: the smallest k equal to row i (n when none: never, k = i is equal)
        (earliest,) = b.generic(
            [order], [b.fill(im.from_index(n, i64()), im.empty([n], i64()))],
            [dims_map(2, [0, 1]), dims_map(2, [0])], ["parallel", "reduction"],
            lambda o, acc: arith.select(
                arith.cmpi(arith.CmpIPredicate.eq, o, _c(_EQUAL)),
                arith.minsi(acc, im.from_index(im.loop_index(1), i64())), acc))
        first = gather_generic([n], i64(), lambda idx, e: arith.extui(i64(), arith.cmpi(
            arith.CmpIPredicate.eq, e, im.from_index(idx[0], i64()))), [earliest], [dims_map(1, [0])])
        count = count_true(first)
        if op.sorted:  # unique rows sorting before row i
            rank = _sum_over([first, order], [dims_map(2, [1]), dims_map(2, [1, 0])], [n],
                             lambda f, o: arith.select(
                                 arith.cmpi(arith.CmpIPredicate.eq, o, _c(_BEFORE)), f, _c(0)))
        else:  # unique rows whose first occurrence comes before row i's
            rank = _sum_over([first, earliest], [dims_map(2, [1]), dims_map(2, [0])], [n],
                             lambda f, e: arith.select(arith.cmpi(
                                 arith.CmpIPredicate.slt, im.from_index(im.loop_index(1), i64()), e),
                                 f, _c(0)))
        slot_is = lambda rk: arith.cmpi(arith.CmpIPredicate.eq, rk,  # noqa: E731
                                        im.from_index(im.loop_index(0), i64()))
        # the unique row of each slot, and how many rows map to it
        source = self._over_slots(count, [first, rank], lambda f, rk: arith.select(
            slot_is(rk), arith.muli(f, im.from_index(im.loop_index(1), i64())), _c(0)))
        counts = self._over_slots(count, [rank], lambda rk: arith.extui(i64(), slot_is(rk)))
        sizes = b.sizes(x)
        sizes[axis] = count

        def gather(idx, src):
            at = list(idx)
            at[axis] = im.to_index(src)
            return tensor.extract(x, [im.value(v) for v in at])

        y = gather_generic(sizes, x, gather, [source], [dims_map(r, [axis])])
        out: list[ir.Value] = []
        for present, value in zip([op.y, op.indices, op.inverse_indices, op.counts],
                                  [y, source, rank, counts]):
            if present is not None:  # omitted optional outputs have no result
                out.append(finish(value, op, len(out)))
        return out

    @staticmethod
    def _over_slots(count: Idx, inputs: list, body) -> ir.Value:
        """``out[j] = sum_i body(*inputs[i])`` for the ``count`` output slots ``j``."""
        return _sum_over(inputs, [dims_map(2, [1])] * len(inputs), [count], body)
