"""Checks that values read from tensor data stay inside the buffers they address.

Indices (Gather*, Scatter*, ReverseSequence lengths, MaxUnpool, RoiAlign batch indices, ...) are
checked against the axis they index: a constant index tensor at compile time (a `LoweringError`
at the node), a run-time one by one reduction `linalg.generic` computing its min and max (the
reduction only reads the index tensor, in bounds by construction) and a :func:`require` that
reports the offending value and the axis size. Sizes read from data (ConstantOfShape, Tile,
Range, ...) must be non-negative and their product must not overflow the allocation size.
Coordinates computed in floating point (GridSample, Resize, RoiAlign) are converted to indices
with :func:`float_to_index`, which is defined for every input (NaN and infinities included);
the callers clamp the result.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith, tensor

from . import builders as b
from .constants import constant_ints
from .index_math import Idx
from .runtime_checks import checks_enabled, require
from .types import i64_type, index_type

_I64_MIN, _I64_MAX = -(1 << 63), (1 << 63) - 1


def _owner(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    if not isinstance(owner, ir.Operation):
        owner = getattr(owner, "operation", None)
    return owner


def constant_array(value: ir.Value) -> np.ndarray | None:
    """The integers of an `onnx.constant` / `arith.constant` operand (dense, splat or
    dense_resource) as an int64 array of its shape; None when only known at run time."""
    owner = _owner(value)
    if owner is None or owner.name not in ("onnx.constant", "arith.constant"):
        return None
    if "value" not in owner.attributes:

        ints = constant_ints(value)
        return None if ints is None else np.asarray(ints, dtype=np.int64)
    attr = owner.attributes["value"]
    shape = list(ir.ShapedType(attr.type).shape)
    elem = ir.ShapedType(attr.type).element_type
    if not isinstance(elem, ir.IntegerType):
        return None
    unsigned = ir.IntegerType(elem).is_unsigned
    if isinstance(attr, ir.DenseIntElementsAttr):
        dense = ir.DenseIntElementsAttr(attr)
        if dense.is_splat:  # (np.array of a splat attribute reads past its one element)
            v = int(ir.IntegerAttr(dense.get_splat_value()).value)
            return np.full(shape, v, dtype=np.int64)
        ints = [int(v) for v in dense]
    else:
        from ....dialects.resources import is_resource, resource_array

        if not is_resource(attr):
            return None
        module = owner
        while module.parent is not None:
            module = module.parent
        array = resource_array(attr, module)
        if array is None:
            return None
        ints = [int(v) for v in np.asarray(array).reshape(-1)]
    width = ir.IntegerType(elem).width
    if unsigned:  # the attribute may hold the bit pattern as a negative number
        ints = [v + (1 << width) if v < 0 else v for v in ints]
    return np.asarray(ints, dtype=np.int64 if not unsigned or width < 64 else object).reshape(shape)


def _extend(v: ir.Value, unsigned: bool) -> ir.Value:
    """An integer scalar as i64 (sign- or zero-extended)."""
    width = ir.IntegerType(v.type).width
    if width == 64:
        return v
    return (arith.extui if unsigned or width == 1 else arith.extsi)(i64_type(), v)


def _min_max(values: ir.Value, unsigned: bool, per_column: bool) -> tuple[ir.Value, ir.Value]:
    """i64 tensors holding the min and max of ``values`` (rank 0, or ``[k]`` per last-dim column
    when ``per_column``): one reduction generic with two results."""
    values = b.to_signless(values)
    r = b.rank(values)
    out_sizes = [b.dim(values, r - 1)] if per_column else []
    lo_init = b.fill(_I64_MAX, b.empty(out_sizes, i64_type()))
    hi_init = b.fill(_I64_MIN, b.empty(out_sizes, i64_type()))
    out_map = ir.AffineMap.get(r, 0, [ir.AffineDimExpr.get(r - 1)] if per_column else [])
    iterators = ["reduction"] * r
    if per_column:
        iterators[-1] = "parallel"

    def body(v, lo, hi):
        v = _extend(v, unsigned)
        return [arith.minsi(lo, v), arith.maxsi(hi, v)]

    lo, hi = b.generic([values], [lo_init, hi_init], [b.identity_map(r), out_map, out_map],
                       iterators, body)
    return lo, hi


def _as_index(v: ir.Value) -> ir.Value:
    return arith.index_cast(index_type(), v)


def require_in_range(values: ir.Value, low: Idx | Sequence[Idx], high: Idx | Sequence[Idx],
                     message: str, *extra: Idx | Sequence[Idx], unsigned: bool = False,
                     per_column: bool = False) -> None:
    """Require every element of the integer tensor ``values`` to lie in ``[low, high]``.

    ``message`` gets the offending value (the min or the max) as ``{0}`` and ``extra`` as
    ``{1}``, ``{2}``, ... With ``per_column`` the last dim of ``values`` (static) holds
    independent components (GatherND/ScatterND index tuples): ``low``, ``high`` and each
    ``extra`` are then sequences with one entry per component, checked separately.
    """
    if per_column:
        k = b.shape(values)[-1]
        columns = range(k)
        lows, highs = list(low), list(high)
        extras = [[e[j] for e in extra] for j in columns]
    else:
        columns = [None]
        lows, highs, extras = [low], [high], [list(extra)]
    known = constant_array(values)
    if known is not None:
        for j in columns:
            col = known if j is None else known[..., j]
            if col.size:
                _require_constant(int(col.min()), int(col.max()), lows[j or 0], highs[j or 0],
                                  message, extras[j or 0])
        return
    if not checks_enabled() or 0 in b.shape(values):
        return
    if b.rank(values) == 0:
        v = _as_index(_extend(tensor.extract(b.to_signless(values), []), unsigned))
        _require_bounds(v, v, lows[0], highs[0], message, extras[0])
        return
    lo_t, hi_t = _min_max(values, unsigned, per_column)
    for j in columns:
        at = [] if j is None else [arith.constant(index_type(), j)]
        lo = _as_index(tensor.extract(lo_t, at))
        hi = _as_index(tensor.extract(hi_t, at))
        _require_bounds(lo, hi, lows[j or 0], highs[j or 0], message, extras[j or 0])


def _require_constant(lo: int, hi: int, low: Idx, high: Idx, message: str,
                      extra: Sequence[Idx]) -> None:
    """Bounds of constant values: decided now when the bounds are static too."""
    static = [isinstance(x, int) for x in (low, high, *extra)]
    if isinstance(low, int) and lo < low:
        require(False, _static_message(message, lo, extra))
    if isinstance(high, int) and hi > high:
        require(False, _static_message(message, hi, extra))
    if all(static):
        return
    if not checks_enabled():
        return
    lo_v, hi_v = (arith.constant(index_type(), v) for v in (lo, hi))
    _require_bounds(lo_v, hi_v, low, high, message, extra)


def _static_message(message: str, value: int, extra: Sequence[Idx]) -> str:
    shown = [value] + [e if isinstance(e, int) else "?" for e in extra]
    return message.format(*shown)


def _require_bounds(lo: ir.Value, hi: ir.Value, low: Idx, high: Idx, message: str,
                    extra: Sequence[Idx]) -> None:
    from . import index_math as im

    too_low = im.cmp("lt", lo, low)
    too_high = im.cmp("gt", hi, high)
    ok = arith.xori(arith.ori(too_low, too_high), arith.constant(ir.IntegerType.get_signless(1), 1))
    require(ok, message, arith.select(too_low, lo, hi), *extra)


# --------------------------------------------------------------------------- sizes from data

def require_sizes(sizes: Sequence[Idx], elem: ir.Type, what: str,
                  nonnegative: bool = False) -> None:
    """Sizes computed from data (a shape operand, repeats, a count): each non-negative (unless
    the caller knows they are), and their product times the element size representable (a
    wrapped product would allocate a small buffer and write past it)."""
    dynamic = [(i, s) for i, s in enumerate(sizes) if isinstance(s, ir.Value)]
    for i, s in enumerate(sizes):
        if isinstance(s, int) and s < 0:
            require(False, f"{what} has a negative size {s} at axis {i}")
    if not dynamic or not checks_enabled():
        return
    for i, s in dynamic if not nonnegative else ():
        require(arith.cmpi(arith.CmpIPredicate.sge, s, arith.constant(index_type(), 0)),
                f"{what} has a negative size {{0}} at axis {i}", s)
    bits = ir.IntegerType(elem).width if isinstance(elem, ir.IntegerType) else \
        ir.FloatType(elem).width if isinstance(elem, ir.FloatType) else 64
    total: ir.Value = arith.constant(i64_type(), max(bits // 8, 1))
    overflow: ir.Value | None = None
    for s in sizes:
        factor = arith.constant(i64_type(), s) if isinstance(s, int) else arith.index_cast(i64_type(), s)
        low, high = arith.mulsi_extended(total, factor)
        sign = arith.shrsi(low, arith.constant(i64_type(), 63))
        o = arith.cmpi(arith.CmpIPredicate.ne, high, sign)
        o = arith.ori(o, arith.cmpi(arith.CmpIPredicate.slt, low, arith.constant(i64_type(), 0)))
        overflow = o if overflow is None else arith.ori(overflow, o)
        total = low
    from ....limits import max_tensor_bytes

    # Also under the tensor size limit (limits.py), as the static sizes are at compile time.
    over_limit = arith.cmpi(arith.CmpIPredicate.sgt, total,
                            arith.constant(i64_type(), max_tensor_bytes()))
    ok = arith.xori(arith.ori(overflow, over_limit), arith.constant(ir.IntegerType.get_signless(1), 1))
    shown = [s for _, s in dynamic][:5]
    names = ", ".join(f"{{{k}}}" for k in range(len(shown)))
    require(ok, f"{what} is too large to allocate (data-dependent sizes {names})", *shown)


def require_one_element(value: ir.Value, what: str) -> None:
    """``value`` (read at ``[0, ...]``) holds exactly one element: static dims must be 1,
    dynamic ones are checked (an empty tensor has nothing to read)."""
    for axis, size in enumerate(b.sizes(value)):
        if isinstance(size, int):
            require(size == 1, f"{what} must hold one element, but its axis {axis} has size {size}")
        else:
            require(arith.cmpi(arith.CmpIPredicate.eq, size, arith.constant(index_type(), 1)),
                    f"{what} must hold one element, but its axis {axis} has size {{0}}", size)


# --------------------------------------------------------------------------- float coordinates

_COORD_BOUND = float(1 << 40)


def float_to_index(f: ir.Value) -> ir.Value:
    """A float coordinate truncated toward zero to ``index``, defined for every input: the value
    is first clamped to +-2^40 (NaN becomes -2^40), so `fptosi` never sees an out-of-range
    value (poison in LLVM) and later index arithmetic cannot overflow. Callers clamp the result
    to the axis (or treat it as outside)."""
    t = f.type
    bound = arith.constant(t, ir.FloatAttr.get(t, _COORD_BOUND))
    neg = arith.constant(t, ir.FloatAttr.get(t, -_COORD_BOUND))
    safe = arith.minnumf(arith.maxnumf(f, neg), bound)
    return arith.index_cast(index_type(), arith.fptosi(i64_type(), safe))


__all__ = ["constant_array", "float_to_index", "require_in_range", "require_one_element",
           "require_sizes"]
