"""Squeeze / Unsqueeze whose ``axes`` are read at run time, on inputs with dynamic sizes.

The result rank is known (the input rank minus / plus the static length of ``axes``); which
dims are the unit ones is not. Both ops keep the element order, so the result is a
`tensor.reshape` of the input to sizes computed from the axis values: an output dim of
Unsqueeze is 1 at an axis and otherwise the input dim ``j - #(axes before j)``; an output dim
of Squeeze is the input dim that lands there once the axes are dropped. The axes are checked at
run time: in range, distinct, and (Squeeze) naming dims of size 1.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import tensor

from . import builders as b
from . import index_math as im
from .index_math import Idx
from .runtime_checks import require


def _checked_axes(axes: Sequence[Idx], rank: int, what: str) -> list[Idx]:
    """``axes`` made non-negative for ``rank``, required in range and distinct."""
    out = []
    for i, a in enumerate(axes):
        require(im.and_(im.cmp("ge", a, -rank), im.cmp("lt", a, rank)),
                f"{what} axis {{0}} is out of range for rank {rank}", a)
        out.append(im.normalize(a, rank))
    for i in range(len(out)):
        for j in range(i):
            require(im.cmp("ne", out[i], out[j]), f"{what} axis {{0}} is repeated", out[i])
    return out


def _count_below(axes: Sequence[Idx], j: int) -> Idx:
    count: Idx = 0
    for a in axes:
        count = im.add(count, im.select(im.cmp("lt", a, j), 1, 0))
    return count


def _any_equal(axes: Sequence[Idx], j: int) -> bool | ir.Value:
    hit: bool | ir.Value = False
    for a in axes:
        hit = im.or_(hit, im.cmp("eq", a, j))
    return hit


def _dim_at(x: ir.Value, position: Idx) -> Idx:
    """The size of ``x`` along a run-time ``position`` (clamped into the rank: the callers only
    use it where the position is valid)."""
    r = b.rank(x)
    if isinstance(position, int):
        return b.dim(x, position)
    return tensor.dim(x, im.value(im.clamp(position, 0, r - 1)))


def unsqueezed_sizes(x: ir.Value, axes: Sequence[Idx]) -> list[Idx]:
    """The sizes of Unsqueeze(x, axes) for run-time ``axes`` (checked)."""
    r = b.rank(x)
    n = r + len(axes)
    axes = _checked_axes(axes, n, "Unsqueeze")
    sizes: list[Idx] = []
    for j in range(n):
        if r == 0:
            sizes.append(1)
            continue
        source = _dim_at(x, im.sub(j, _count_below(axes, j)))
        sizes.append(im.select(_any_equal(axes, j), 1, source))
    return sizes


def squeezed_sizes(x: ir.Value, axes: Sequence[Idx]) -> list[Idx]:
    """The sizes of Squeeze(x, axes) for run-time ``axes`` (checked, each naming a unit dim)."""
    r = b.rank(x)
    axes = _checked_axes(axes, r, "Squeeze")
    n = r - len(axes)
    dims = b.sizes(x)
    sizes: list[Idx] = [0] * n
    for k in range(r):
        squeezed = _any_equal(axes, k)
        require(im.or_(im.not_(squeezed), im.cmp("eq", dims[k], 1)),
                f"Squeeze axis {k} has size {{0}}, not 1", dims[k])
        position = im.sub(k, _count_below(axes, k))
        for j in range(n):
            lands = im.and_(im.not_(squeezed), im.cmp("eq", position, j))
            sizes[j] = im.add(sizes[j], im.select(lands, dims[k], 0))
    return sizes


def reshape_to(x: ir.Value, sizes: Sequence[Idx]) -> ir.Value:
    """``x`` (same element count) as a tensor of ``sizes`` (`tensor.reshape`)."""
    index = ir.IndexType.get()
    shape = tensor.from_elements(ir.RankedTensorType.get([len(sizes)], index),
                                 [im.value(s) for s in sizes])
    return tensor.reshape(b.tensor_type(sizes, b.element_type(x)), x, shape)
