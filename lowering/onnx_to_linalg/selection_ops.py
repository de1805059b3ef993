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

from ...dialects.onnx import NonZeroOp
from .lib import builders as b
from .lib import index_math as im
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


@register_pattern
class LowerUniqueRefused(OnnxLoweringPattern):
    op_names = ("onnx.unique",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        from .pattern import LoweringError
        raise LoweringError(f"{op.ONNX_OP_TYPE} has a data-dependent output shape")
