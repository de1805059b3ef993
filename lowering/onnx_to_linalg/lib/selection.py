"""Selecting the true entries of a 1-D flag vector, structured: what Compress and NonZero share.

Counting and positions are reductions (`linalg.generic`), no loops or in-place writes:
``inclusive_counts`` (``counts[i] = #{k <= i : flags[k]}``), ``count_true`` (the total, an index
that may size a result allocated at run time) and ``true_positions`` (``sel[j]`` = the position of
the (j+1)-th true entry, ``#{i : counts[i] <= j}``). Both ``counts`` and ``sel`` cost
O(length x length) compares; fine for the masks and index lists these ops see, and the price of
staying within linalg on tensors (linalg has no scan).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith

from . import builders as b
from . import index_math as im
from .index_math import Idx


def i64() -> ir.Type:
    return ir.IntegerType.get_signless(64)


def dims_map(n: int, dims: Sequence[int]) -> ir.AffineMap:
    return ir.AffineMap.get(n, 0, [ir.AffineDimExpr.get(d) for d in dims])


def count_true(flags: ir.Value, limit: Idx | None = None) -> ir.Value:
    """The number of nonzero entries of the 1-D i64 ``flags`` (before position ``limit`` if
    given), as an index."""
    zero = b.fill(0, im.empty([], i64()))

    def body(c, acc):
        if limit is not None:
            c = arith.select(im.cmp("lt", im.loop_index(0), limit), c, b.scalar_constant(i64(), 0))
        return arith.addi(acc, c)

    (total,) = b.generic([flags], [zero], [dims_map(1, [0]), dims_map(1, [])], ["reduction"], body)
    return im.extract_index(total, [])


def inclusive_counts(flags: ir.Value) -> ir.Value:
    """``counts[i] = sum_{k <= i} flags[k]`` for 1-D i64 0/1 ``flags``."""
    zeros = b.fill(0, im.empty([b.dim(flags, 0)], i64()))
    (counts,) = b.generic(
        [flags], [zeros], [dims_map(2, [1]), dims_map(2, [0])], ["parallel", "reduction"],
        lambda c, acc: arith.addi(acc, arith.select(
            arith.cmpi(arith.CmpIPredicate.sle, im.loop_index(1), im.loop_index(0)),
            c, b.scalar_constant(i64(), 0))))
    return counts


def true_positions(counts: ir.Value, count: Idx) -> ir.Value:
    """``sel[j]`` for ``j < count``: the position of the (j+1)-th true entry, from the inclusive
    counts (``#{i : counts[i] <= j}``); ``count`` must not exceed the trues counted."""
    sel0 = b.fill(0, im.empty([count], i64()))
    (sel,) = b.generic(
        [counts], [sel0], [dims_map(2, [1]), dims_map(2, [0])], ["parallel", "reduction"],
        lambda n, acc: arith.addi(acc, arith.extui(i64(), arith.cmpi(
            arith.CmpIPredicate.sle, n, im.from_index(im.loop_index(0), i64())))))
    return sel
