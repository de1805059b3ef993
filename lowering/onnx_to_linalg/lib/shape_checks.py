"""Shape-agreement requirements shared by the lowerings (see :mod:`.runtime_checks`).

A lowering that assumes a relation between sizes (two dims equal, a dim a multiple of a block,
split sizes summing to the axis, an element count preserved) states it here. Each helper takes
mixed sizes (``int`` when static, ``index`` value when dynamic): when the sizes are all static
the relation is decided at compile time (a contradiction is a `LoweringError` at the node),
otherwise it becomes a run-time check reported as ``ExecutionError`` with the sizes.

Messages are ``str.format`` templates: ``{0}``, ``{1}``, ... are the reported sizes, and literal
braces must be doubled.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from . import builders as b
from . import index_math as im
from .runtime_checks import (_same_dim, checks_enabled, index_value, require,
                             require_equal_sizes)

Size = b.Size


def same_size(x: Size, y: Size) -> bool:
    """Whether two mixed sizes are known equal at compile time (equal ints, the same value, or
    `tensor.dim` of the same tensor and axis). Builds nothing."""
    if isinstance(x, int) or isinstance(y, int):
        return x == y
    return x == y or _same_dim(x, y)


def require_dim(value: ir.Value, axis: int, expected: Size, message: str) -> None:
    """``value``'s dim ``axis`` equals ``expected``; ``message`` gets (actual, expected)."""
    require_equal_sizes(b.dim(value, axis), expected, message)


def require_dims(value: ir.Value, expected: Sequence[Size | None], what: str) -> None:
    """Every dim of ``value`` equals the corresponding ``expected`` size (``None`` skips a dim).

    ``what`` names the operand in the messages ("scale", "operand #1", ...)."""
    for axis, size in enumerate(expected):
        if size is None:
            continue
        require_dim(value, axis, size,
                    f"{what} has size {{0}} at axis {axis}, expected {{1}}")


def with_static_shape(value: ir.Value, shape: Sequence[int], what: str) -> ir.Value:
    """``value`` as a tensor of the static ``shape`` (same rank): its dynamic dims are required
    to equal it at run time, then `tensor.cast`. For operands whose length the op fixes (a
    scale or roi per axis, a scalar given as ``[1]``) that only arrive with a dynamic type."""
    t = b.ranked(value)
    if t.rank != len(shape):
        from ..pattern import LoweringError
        raise LoweringError(f"{what} must have rank {len(shape)}, got {t}")
    require_dims(value, list(shape), what)
    target = ir.RankedTensorType.get(list(shape), t.element_type, t.encoding)
    return value if t == target else tensor.cast(target, value)


def require_divisible(size: Size, divisor: int, message: str) -> None:
    """``size % divisor == 0`` (``divisor`` static, positive); ``message`` gets (size, divisor)."""
    if isinstance(size, int):
        require(size % divisor == 0, message, size, divisor)
        return
    rem = arith.remui(size, index_value(divisor))
    require(arith.cmpi(arith.CmpIPredicate.eq, rem, index_value(0)), message, size, divisor)


def require_at_least(size: Size, bound: Size, message: str) -> None:
    """``size >= bound`` (signed); ``message`` gets (size, bound)."""
    require(im.cmp("ge", size, bound), message, size, bound)


def product(sizes: Sequence[Size]) -> Size:
    """The product of mixed sizes (an int when all are static)."""
    total: Size = 1
    for s in sizes:
        total = im.mul(total, s)
    return total


def checked_product(sizes: Sequence[Size]) -> tuple[Size, bool | ir.Value]:
    """The product of sizes read from data (not known to be small) and whether it wrapped
    around 64 bits as an unsigned number (negative entries count as huge): a wrapped product
    can equal an element count while the sizes ask for far more."""
    i64 = ir.IntegerType.get_signless(64)
    static = 1
    dynamic: ir.Value | None = None
    wrapped: bool | ir.Value = False
    for s in sizes:
        if isinstance(s, int):
            static *= s
            if not 0 <= static < 1 << 64:
                wrapped = True
            continue
        v = arith.index_cast(i64, s)
        if dynamic is None:
            dynamic = v
            continue
        low, high = arith.mului_extended(dynamic, v)
        wrapped = im.or_(wrapped, arith.cmpi(arith.CmpIPredicate.ne, high,
                                             arith.constant(i64, 0)))
        dynamic = low
    if dynamic is None:
        return static, wrapped
    if static != 1:
        low, high = arith.mului_extended(dynamic, arith.constant(i64, static % (1 << 64)))
        wrapped = im.or_(wrapped, arith.cmpi(arith.CmpIPredicate.ne, high,
                                             arith.constant(i64, 0)))
        dynamic = low
    return arith.index_cast(ir.IndexType.get(), dynamic), wrapped


def products_cancel(a: Sequence[Size], b_: Sequence[Size]) -> bool:
    """Whether ``product(a) == product(b_)`` is known at compile time: the same dynamic dims on
    both sides and equal products of the static rests. Builds nothing."""
    rest = list(b_)
    unmatched: list[Size] = []
    for x in a:
        for i, y in enumerate(rest):
            if isinstance(x, ir.Value) and same_size(x, y):
                del rest[i]
                break
        else:
            unmatched.append(x)
    return all(isinstance(x, int) for x in unmatched + rest) and \
        product(unmatched) == product(rest)


def agree(sizes: Sequence[Size]) -> Size:
    """The size that every one of ``sizes`` must have: a static one when any is static, else the
    first (the caller requires the others to equal it)."""
    for s in sizes:
        if isinstance(s, int):
            return s
    return sizes[0]


def require_all_equal(sizes: Sequence[Size], message: str) -> Size:
    """Every size in ``sizes`` equals the :func:`agree` size; returns it. ``message`` gets
    (size, agreed size)."""
    target = agree(sizes)
    for s in sizes:
        if not same_size(s, target):
            require_equal_sizes(s, target, message)
    return target


def require_static_result(computed: Sequence[Size], declared: Sequence[int] | None,
                          what: str = "result") -> list[Size]:
    """``computed`` sizes with the static sizes of ``declared`` (a result type's shape) taken
    where known, each required to equal the computed one (a result type is trusted by every
    later op: a wrong static size would read or write past a buffer)."""
    if declared is None or len(declared) != len(computed):
        return list(computed)
    merged: list[Size] = []
    for axis, (c, d) in enumerate(zip(computed, declared)):
        if d == b.DYNAMIC:
            merged.append(c)
            continue
        require_equal_sizes(c, d, f"{what} axis {axis} has size {{0}} at run time, but its type "
                                  f"says {{1}}")
        merged.append(d)
    return merged


def value_bounds(values: ir.Value) -> tuple[ir.Value, ir.Value, ir.Value] | None:
    """(smallest, largest, is-empty) of an integer tensor's values as ``index``/``i1`` values,
    from one reduction `linalg.generic`, for checking data that is used as an index; None when
    run-time checks are off (nothing would consume them). Reading the tensor is in bounds by
    construction; for an empty tensor the bounds are meaningless (test ``is-empty``)."""
    if not checks_enabled():
        return None
    i64 = ir.IntegerType.get_signless(64)
    elem = b.element_type(values)
    r = b.rank(values)
    init = b.empty([2], i64)
    init = tensor.insert(b.scalar_constant(i64, (1 << 63) - 1), init, [im.const(0)])
    init = tensor.insert(b.scalar_constant(i64, -(1 << 63)), init, [im.const(1)])
    pair = b.empty([2], i64)  # gives the (min, max) loop its extent
    dims = [ir.AffineDimExpr.get(d) for d in range(r + 1)]

    def body(v: ir.Value, _pair: ir.Value, acc: ir.Value) -> ir.Value:
        v = b.convert_scalar(v, i64, b.is_unsigned(elem))
        is_min = arith.cmpi(arith.CmpIPredicate.eq, linalg.IndexOp(r).result, im.const(0))
        return arith.select(is_min, arith.minsi(acc, v), arith.maxsi(acc, v))

    (bounds,) = b.generic([b.to_signless(values), pair], [init],
                          [ir.AffineMap.get(r + 1, 0, dims[:r]),
                           ir.AffineMap.get(r + 1, 0, [dims[r]]),
                           ir.AffineMap.get(r + 1, 0, [dims[r]])],
                          ["reduction"] * r + ["parallel"], body)
    lo = arith.index_cast(ir.IndexType.get(), tensor.extract(bounds, [im.const(0)]))
    hi = arith.index_cast(ir.IndexType.get(), tensor.extract(bounds, [im.const(1)]))
    empty = im.cmp("eq", product(b.sizes(values)), 0)
    if isinstance(empty, bool):
        empty = arith.constant(ir.IntegerType.get_signless(1), int(empty))
    return lo, hi, empty


__all__ = ["agree", "checked_product", "product", "products_cancel", "require_all_equal", "require_at_least",
           "require_dim", "require_dims", "with_static_shape", "require_divisible", "require_static_result", "same_size",
           "value_bounds"]
