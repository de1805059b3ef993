"""Reduction builders shared by the patterns: neutral elements, one reduction
generic over some dims, re-inserted unit dims, element counts and arg-max/min."""

from __future__ import annotations

from typing import Callable, Sequence

from mlir import ir
from mlir.dialects import arith, linalg

from . import builders as b


def identity_value(kind: str, elem: ir.Type, unsigned: bool = False) -> int | float:
    """The neutral element of ``kind`` (add, mul, max, min) for a (signless) element type."""
    if kind == "add":
        return 0
    if kind == "mul":
        return 1
    if b.is_float(elem):
        return float("-inf") if kind == "max" else float("inf")
    width = ir.IntegerType(elem).width
    if width == 1 or unsigned:
        return 0 if kind == "max" else (1 << width) - 1
    return -(1 << (width - 1)) if kind == "max" else (1 << (width - 1)) - 1


def loop_index(dim: int) -> ir.Value:
    """`linalg.index`: the current iteration index of loop ``dim`` inside a generic body."""
    return linalg.IndexOp(ir.IntegerAttr.get(ir.IntegerType.get_signless(64), dim)).result


def kept_map(rank: int, dims: Sequence[int]) -> ir.AffineMap:
    """``(d0..d{rank-1}) -> (the dims not in dims)``."""
    return b.permutation_map(rank, [d for d in range(rank) if d not in dims])


def reduce_dims(x: ir.Value, dims: Sequence[int], acc_elem: ir.Type, init: int | float | ir.Value,
                body: Callable[..., ir.Value], extras: Sequence[ir.Value] = ()) -> ir.Value:
    """One reduction `linalg.generic` over ``dims`` of ``x`` (signless element types).

    The result has the kept dims of ``x`` (in order) and element type ``acc_elem``, initialised
    with ``init``. ``body(x_scalar, *extra_scalars, acc)`` returns the new accumulator;
    ``extras`` are tensors shaped like the result (e.g. a max to subtract), read at the same
    position."""
    dims = sorted(set(dims))
    r = b.rank(x)
    kept = [d for d in range(r) if d not in dims]
    mixed = b.sizes(x)
    acc = b.fill(init, b.empty([mixed[d] for d in kept], acc_elem))
    out_map = kept_map(r, dims)
    maps = [b.identity_map(r)] + [out_map] * len(extras) + [out_map]
    iterators = ["reduction" if d in dims else "parallel" for d in range(r)]
    return b.generic([x, *extras], [acc], maps, iterators, body)[0]


def map_elementwise(inputs: Sequence[ir.Value], elem: ir.Type,
                    body: Callable[..., ir.Value]) -> ir.Value:
    """An elementwise generic over same-shaped ``inputs`` producing ``elem`` (signless)."""
    r = b.rank(inputs[0])
    init = b.empty(b.sizes(inputs[0]), elem)
    return b.generic(list(inputs), [init], [b.identity_map(r)] * (len(inputs) + 1),
                     ["parallel"] * r, lambda *args: body(*args[:len(inputs)]))[0]


def keep_dims(value: ir.Value, rank: int, dims: Sequence[int]) -> ir.Value:
    """Re-insert the reduced ``dims`` (of an input of rank ``rank``) as unit dims."""
    dims = sorted(set(dims))
    if not dims:
        return value
    kept = [d for d in range(rank) if d not in dims]
    if not kept:
        return b.expand(value, [], [1] * rank)
    groups: list[list[int]] = [[] for _ in kept]
    for d in range(rank):
        # A reduced dim joins the group of the closest kept dim before it (or the first group).
        owner = sum(1 for k in kept if k <= d) - 1
        groups[max(owner, 0)].append(d)
    src = b.sizes(value)
    out: list[b.Size] = []
    it = iter(src)
    for d in range(rank):
        out.append(1 if d in dims else next(it))
    return b.expand(value, groups, out)


def count_of(x: ir.Value, dims: Sequence[int], elem: ir.Type) -> ir.Value:
    """The number of elements reduced over ``dims`` as a scalar of (signless) type ``elem``."""
    static = b.shape(x)
    n = 1
    dynamic: list[ir.Value] = []
    for d in dims:
        if static[d] == b.DYNAMIC:
            dynamic.append(b.dim(x, d))
        else:
            n *= static[d]
    if not dynamic:
        return b.scalar_constant(elem, n)
    total = arith.constant(ir.IndexType.get(), n)
    for v in dynamic:
        total = arith.muli(total, v)
    i64 = ir.IntegerType.get_signless(64)
    return b.convert_scalar(arith.index_cast(i64, total), elem)


def compare_order(v: ir.Value, other: ir.Value, elem: ir.Type, largest: bool,
                  unsigned: bool) -> tuple[ir.Value, ir.Value]:
    """(``v`` strictly beats ``other``, they are equal): greater when ``largest``, else smaller;
    floats ordered (NaN never beats), integers signed or ``unsigned``."""
    if b.is_float(elem):
        strict = arith.cmpf(arith.CmpFPredicate.OGT if largest else arith.CmpFPredicate.OLT, v, other)
        return strict, arith.cmpf(arith.CmpFPredicate.OEQ, v, other)
    if largest:
        pred = arith.CmpIPredicate.ugt if unsigned else arith.CmpIPredicate.sgt
    else:
        pred = arith.CmpIPredicate.ult if unsigned else arith.CmpIPredicate.slt
    return arith.cmpi(pred, v, other), arith.cmpi(arith.CmpIPredicate.eq, v, other)


def arg_reduce(x: ir.Value, axis: int, largest: bool, last: bool,
               unsigned: bool = False) -> ir.Value:
    """Index (i64) of the max (``largest``) or min along ``axis`` of the signless ``x`` (kept
    dims only). Ties go to the first index (the last with ``last``) by comparing (value, index)
    pairs, so the result does not depend on the reduction order."""
    r = b.rank(x)
    elem = b.element_type(x)
    unsigned = unsigned or b.is_bool(elem)
    i64 = ir.IntegerType.get_signless(64)
    mixed = b.sizes(x)
    kept = [mixed[d] for d in range(r) if d != axis]
    init_val = b.fill(identity_value("max" if largest else "min", elem, unsigned),
                      b.empty(kept, elem))
    init_idx = b.fill(-1 if last else (1 << 63) - 1, b.empty(kept, i64))
    out_map = kept_map(r, [axis])
    iterators = ["reduction" if d == axis else "parallel" for d in range(r)]

    def body(v, best, best_idx):
        idx = arith.index_cast(i64, loop_index(axis))
        better, equal = compare_order(v, best, elem, largest, unsigned)
        order = arith.cmpi(arith.CmpIPredicate.sgt if last else arith.CmpIPredicate.slt,
                           idx, best_idx)
        take = arith.ori(better, arith.andi(equal, order))
        return [arith.select(take, v, best), arith.select(take, idx, best_idx)]

    _, index = b.generic([x], [init_val, init_idx], [b.identity_map(r), out_map, out_map],
                         iterators, body)
    return index
