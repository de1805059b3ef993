"""Numpy broadcasting with dynamic dims that may be 1 at run time (ONNX multidirectional and
unidirectional broadcasting do not say which dims broadcast until the sizes are known).

:func:`broadcast_generic` (the elementwise generic over broadcast inputs) sizes a dynamic result dim that several
inputs share as their broadcast (the first run-time size that is not 1), checks each dynamic
input dim to be the result's size or 1, and gives the elementwise generic inputs whose dynamic
dims are the result's: :func:`expand_ones` copies an input broadcast along the dims that are 1 at
run time, in an `scf.if` taken only then, so equal sizes (the common case) cost one compare.
Without run-time checks (the GPU target) dynamic dims are assumed to match, as before.
"""

from __future__ import annotations

from typing import Callable, Sequence

from mlir import ir
from mlir.dialects import arith, linalg, scf, tensor

from ..pattern import LoweringError
from . import builders as b
from .runtime_checks import checks_enabled, require, require_equal_sizes

Size = int | ir.Value


def _index(v: int) -> ir.Value:
    return arith.constant(ir.IndexType.get(), v)


def _dynamic_at(inputs: Sequence[ir.Value], out_rank: int, position: int) -> list[tuple[ir.Value, int]]:
    """(input, its axis) of the distinct inputs whose dim at result ``position`` is dynamic (the
    same value twice, as in ``x * x``, cannot disagree with itself)."""
    found = []
    for v in inputs:
        i = position - (out_rank - b.rank(v))
        if i >= 0 and b.shape(v)[i] == b.DYNAMIC and all(v != w for w, _ in found):
            found.append((v, i))
    return found


def combined_sizes(out_shape: Sequence[int], inputs: Sequence[ir.Value],
                   mixed: Sequence[Size]) -> list[Size]:
    """``mixed`` with each dynamic result dim that several inputs share sized as their broadcast
    (the first of their run-time sizes that is not 1)."""
    result = list(mixed)
    for position, size in enumerate(out_shape):
        dims = _dynamic_at(inputs, len(out_shape), position)
        if size != b.DYNAMIC or len(dims) < 2:
            continue
        combined = b.dim(*dims[0])
        for v, i in dims[1:]:
            is_one = arith.cmpi(arith.CmpIPredicate.eq, combined, _index(1))
            combined = arith.select(is_one, b.dim(v, i), combined)
        result[position] = combined
    return result


def broadcast_axes(v: ir.Value, out_shape: Sequence[int], inputs: Sequence[ir.Value],
                   forced: bool = False) -> list[int]:
    """The dynamic axes of ``v`` that may be a broadcast 1 at run time: the result there is
    static and not 1, other inputs share the dynamic dim, or (``forced``) the result's sizes
    come from elsewhere."""
    out_rank = len(out_shape)
    axes = []
    for i, d in enumerate(b.shape(v)):
        position = out_rank - b.rank(v) + i
        if d == b.DYNAMIC and (forced or out_shape[position] not in (b.DYNAMIC, 1)
                               or len(_dynamic_at(inputs, out_rank, position)) > 1):
            axes.append(i)
    return axes


def require_size_or_one(v: ir.Value, axis: int, out_size: Size, k: int) -> None:
    size = b.dim(v, axis)
    ok = arith.ori(arith.cmpi(arith.CmpIPredicate.eq, size, _index(1)),
                   arith.cmpi(arith.CmpIPredicate.eq, size,
                              out_size if isinstance(out_size, ir.Value) else _index(out_size)))
    require(ok, f"operand #{k} has size {{0}} at axis {axis}, but the broadcast result has size "
                f"{{1}} there (shapes are not broadcast-compatible)", size, out_size)


def expand_ones(v: ir.Value, out_sizes: Sequence[Size], axes: Sequence[int]) -> ir.Value:
    """``v`` with its dynamic ``axes`` that are 1 at run time (where the result is larger)
    broadcast to the result's sizes: a copy, made only in that case."""
    if not axes:
        return v
    offset = len(out_sizes) - b.rank(v)
    out_at = [out_sizes[offset + i] for i in range(b.rank(v))]
    out_at = [s if isinstance(s, ir.Value) else _index(s) for s in out_at]
    differs = None
    for i in axes:
        c = arith.cmpi(arith.CmpIPredicate.ne, b.dim(v, i), out_at[i])
        differs = c if differs is None else arith.ori(differs, c)
    branch = scf.IfOp(differs, [v.type], has_else=True)
    with ir.InsertionPoint(branch.then_block):
        sizes = [out_at[i] if i in axes else b.dim(v, i) for i in range(b.rank(v))]
        init = b.empty(sizes, b.element_type(v))
        ones = {i: arith.cmpi(arith.CmpIPredicate.eq, b.dim(v, i), _index(1)) for i in axes}

        def body(_):
            idx = []
            for i in range(b.rank(v)):
                loop = linalg.IndexOp(i).result
                if i in ones:
                    loop = arith.select(ones[i], _index(0), loop)
                idx.append(loop)
            return tensor.extract(v, idx)

        (copy,) = b.generic([], [init], [b.identity_map(b.rank(v))], ["parallel"] * b.rank(v), body)
        scf.YieldOp([copy if copy.type == v.type else tensor.cast(v.type, copy)])
    with ir.InsertionPoint(branch.else_block):
        scf.YieldOp([v])
    return branch.results[0]


def broadcast_generic(inputs: Sequence[ir.Value], result_elem: ir.Type,
                      body: Callable[..., ir.Value],
                      result_type: ir.RankedTensorType | None = None,
                      out_sizes: Sequence[Size] | None = None) -> ir.Value:
    """Elementwise `linalg.generic` over the numpy broadcast of ``inputs``' shapes.

    ``body(*scalars)`` gets one scalar per input (signless element types: ``uiN`` inputs are
    bitcast) and returns the result scalar of type ``b.signless(result_elem)``.
    ``result_type`` (e.g. the onnx op's own result type) may make dynamic output dims static.
    ``out_sizes`` (mixed sizes) forces the result shape, e.g. to broadcast a bias ``[C]`` to
    ``[N, C, H, W]``-like shapes (unidirectional broadcasting); the inputs must broadcast to it.
    Otherwise dynamic output dims are sized from the first input having that dim dynamic.
    The returned tensor has element type ``result_elem`` (bitcast back if unsigned).
    """
    inputs = [b.to_signless(v) for v in inputs]
    in_shapes = [b.shape(v) for v in inputs]
    if out_sizes is not None:
        mixed = list(out_sizes)
        out_shape = b.static_of(mixed)
        b.broadcast_shapes(out_shape, *in_shapes)  # compatibility check
        for s in in_shapes:
            if len(s) > len(out_shape):
                raise LoweringError(f"cannot broadcast shape {s} to {out_shape}")
            for i, d in enumerate(s):
                o = out_shape[len(out_shape) - len(s) + i]
                if d not in (1, b.DYNAMIC) and o not in (d, b.DYNAMIC):
                    raise LoweringError(f"cannot broadcast shape {s} to {out_shape}")
    else:
        out_shape = b.broadcast_shapes(*in_shapes)
        if result_type is not None and b.ranked(result_type).rank == len(out_shape):
            for i, s in enumerate(b.ranked(result_type).shape):
                if s != b.DYNAMIC and out_shape[i] == b.DYNAMIC:
                    out_shape[i] = s
        mixed = b.broadcast_mixed_sizes(out_shape, inputs)

    out_rank = len(out_shape)
    if checks_enabled():  # a dynamic dim may be a broadcast 1 (below)
        if out_sizes is None:
            mixed = combined_sizes(out_shape, inputs, mixed)
        ones = [broadcast_axes(v, out_shape, inputs, forced=out_sizes is not None) for v in inputs]
        require_broadcastable(inputs, mixed, ones)
        inputs = [expand_ones(v, mixed, axes) for v, axes in zip(inputs, ones)]
    else:
        require_broadcastable(inputs, mixed)
    init = b.empty(mixed, b.signless(result_elem))
    maps = [b.broadcast_map(s, out_shape) for s in in_shapes] + [b.identity_map(out_rank)]
    (result,) = b.generic(inputs, [init], maps, ["parallel"] * out_rank,
                        lambda *args: body(*args[:len(inputs)]))
    return b.from_signless(result, ir.RankedTensorType.get(out_shape, result_elem))


def require_broadcastable(inputs: Sequence[ir.Value], out_sizes: Sequence[Size],
                          ones: Sequence[Sequence[int]] | None = None) -> None:
    """Run-time check that every dynamic input dim equals the broadcast result's size there
    (or is 1, for the axes ``ones[k]`` of input k, broadcast at run time).

    :func:`broadcast_shapes` assumes a dynamic dim matches; this makes the assumption checked
    instead of trusted, so mismatched sizes never read past a buffer.
    """
    out_rank = len(out_sizes)
    for k, v in enumerate(inputs):
        s = b.shape(v)
        for i, d in enumerate(s):
            position = out_rank - len(s) + i
            if ones is not None and i in ones[k]:
                require_size_or_one(v, i, out_sizes[position], k)
                continue
            if d == 1 or (d != b.DYNAMIC and not isinstance(out_sizes[position], ir.Value)):
                continue  # broadcast, or checked at compile time
            size = b.dim(v, i)
            require_equal_sizes(
                size, out_sizes[position],
                f"operand #{k} has size {{0}} at axis {i}, but the broadcast result has size "
                f"{{1}} there (shapes are not broadcast-compatible; a dynamic dim must match)")
