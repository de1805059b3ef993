"""Slice and Pad: windows of a tensor whose bounds may come from run-time tensors.

Slice clamps its starts and ends as ONNX says (any int64, INT64_MIN/MAX included; a step of 0 is
an error) and becomes `tensor.extract_slice` (negative steps reverse the strided forward range
with a `linalg.generic`; run-time steps of unknown sign use one index-computing generic). Pad in
``constant`` mode is a crop (`tensor.extract_slice`) and a `tensor.pad`, both with amounts
clamped to the input, so nothing reads outside it even for empty inputs; ``reflect``, ``edge``
and ``wrap`` are one `linalg.generic` over the output mapping each index into the input. Sizes
computed from run-time pads are checked non-negative; run-time ``axes`` are checked in range.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import tensor

from ...dialects.onnx import PadOp, SliceOp
from .lib import builders as b
from .lib import index_math as im
from .lib.index_checks import require_sizes
from .lib.index_math import Idx
from .lib.movement_common import split_mixed, extract_slice, finish, gather_generic
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.runtime_checks import require

_INT_MAX = (1 << 63) - 1


def _reverse(value: ir.Value, axes: Sequence[int]) -> ir.Value:
    """Reverse ``value`` along ``axes``: a copy `linalg.generic` whose input map reads
    ``size-1-d`` on those axes (static sizes), or an index-computing generic otherwise."""
    if not axes:
        return value
    shp = b.shape(value)
    rank = len(shp)
    elem = b.element_type(value)
    if all(shp[a] != b.DYNAMIC for a in axes):
        exprs = []
        for d in range(rank):
            e = ir.AffineDimExpr.get(d)
            if d in axes:
                e = ir.AffineConstantExpr.get(shp[d] - 1) - e
            exprs.append(e)
        in_map = ir.AffineMap.get(rank, 0, exprs)
        init = b.empty_like(value)
        (result,) = b.generic([value], [init], [in_map, b.identity_map(rank)],
                              ["parallel"] * rank, lambda x, _: x)
        return result
    sizes = b.sizes(value)

    def body(idx):
        src = [im.sub(im.sub(sizes[d], 1), i) if d in axes else i for d, i in enumerate(idx)]
        return tensor.extract(value, [im.value(s) for s in src])

    return gather_generic(sizes, elem, body)


def _per_axis(axes_operand: ir.Value | None, rank: int, columns: Sequence[Sequence[Idx]],
              defaults: Sequence[Idx], what: str) -> dict[int, list[Idx]]:
    """Distribute per-entry values (``columns[k][i]`` for entry ``i``) over the dims named by an
    ``axes`` operand (default ``0..n-1``; negative axes count from the end).

    Constant axes give ``{axis: [column values]}`` for the named axes only. Runtime axes give an
    entry for every dim: the values of the entry whose axis equals the dim (selected at run time),
    else ``defaults``; each run-time axis must lie in ``[-rank, rank)``."""
    n = len(columns[0])
    if any(len(c) != n for c in columns):
        raise LoweringError(f"{what} operands have different lengths")
    if axes_operand is None:
        axes: list[Idx] | None = list(range(n))
    else:
        axes = im.operand_ints(axes_operand, f"{what} axes")
        if len(axes) != n:
            raise LoweringError(f"{what} axes has {len(axes)} entries, expected {n}")
    if all(isinstance(a, int) for a in axes):
        named = [im.normalize_axis(a, rank, f"{what} axis") for a in axes]
        if len(set(named)) != len(named):
            raise LoweringError(f"repeated {what} axes {axes}")
        return {a: [c[i] for c in columns] for i, a in enumerate(named)}
    for i, a in enumerate(axes):
        if isinstance(a, ir.Value):
            inside = im.and_(im.cmp("ge", a, -rank), im.cmp("lt", a, rank))
            require(inside, f"axes entry {i} is {{0}}, out of range for rank {rank}", a)
    result: dict[int, list[Idx]] = {}
    for d in range(rank):
        values = list(defaults)
        for i, a in enumerate(axes):
            hit = im.cmp("eq", im.normalize(a, rank), d)
            values = [im.select(hit, c[i], v) for c, v in zip(columns, values)]
        result[d] = values
    return result


@register_pattern
class LowerSlice(OnnxLoweringPattern):
    """Slice -> `tensor.extract_slice` (offsets/sizes/strides folded from constant starts, ends,
    axes, steps with ONNX clamping; computed with index arithmetic when they are runtime
    tensors). Negative steps take the strided forward range and reverse it with a `linalg.generic`.
    Runtime steps (sign unknown) use one index-computing `linalg.generic` instead."""

    op_names = ("onnx.slice",)

    def rewrite(self, op: SliceOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.data)
        r = b.rank(x)
        starts = im.operand_ints(op.starts, "Slice starts")
        ends = im.operand_ints(op.ends, "Slice ends")
        steps = im.operand_ints(op.steps, "Slice steps") if op.steps is not None \
            else [1] * len(starts)
        entries = _per_axis(op.axes, r, [starts, ends, steps], [0, _INT_MAX, 1], "Slice")
        out = im.result_shape(op)
        sizes = b.sizes(x)
        offsets: list[Idx] = [0] * r
        counts: list[Idx] = list(sizes)
        strides: list[Idx] = [1] * r
        reverse: list[int] = []
        runtime_step = False
        for axis, (start, end, step) in entries.items():
            dim = sizes[axis]
            if isinstance(step, int) and step == 0:
                raise LoweringError("Slice step must not be 0")
            start = im.normalize(start, dim)
            end = im.normalize(end, dim)
            if isinstance(step, int) and step > 0:
                start = im.clamp(start, 0, dim)
                end = im.clamp(end, 0, dim)
                n = im.smax(im.ceildiv(im.sub(end, start), step), 0)
                offsets[axis], strides[axis] = start, step
            elif isinstance(step, int):
                magnitude = min(-step, _INT_MAX)  # -INT64_MIN does not fit; one element either way
                start = im.clamp(start, 0, im.sub(dim, 1))
                end = im.clamp(end, -1, im.sub(dim, 1))
                n = im.smax(im.ceildiv(im.sub(start, end), magnitude), 0)
                first = im.sub(start, im.mul(magnitude, im.smax(im.sub(n, 1), 0)))
                offsets[axis], strides[axis] = im.smax(first, 0), magnitude
                reverse.append(axis)
            else:
                runtime_step = True
                nonzero = im.cmp("ne", step, 0)
                require(nonzero, f"step of axis {axis} is 0")
                positive = im.cmp("gt", step, 0)
                start = im.select(positive, im.clamp(start, 0, dim),
                                  im.clamp(start, 0, im.sub(dim, 1)))
                end = im.select(positive, im.clamp(end, 0, dim), im.clamp(end, -1, im.sub(dim, 1)))
                # (the divisor is never 0, even where the count is computed before the check)
                n = im.smax(im.ceildiv(im.sub(end, start), im.select(nonzero, step, 1)), 0)
                offsets[axis], strides[axis] = start, step
            counts[axis] = n if out is None else im.merge_size(n, out[axis], axis)
        if runtime_step:
            def body(idx):
                src = [im.add(o, im.mul(i, s)) for o, i, s in zip(offsets, idx, strides)]
                return tensor.extract(x, [im.value(v) for v in src])

            return [finish(gather_generic(counts, x, body), op)]
        piece = extract_slice(x, offsets, counts, strides)
        return [finish(_reverse(piece, reverse), op)]


# --------------------------------------------------------------------------- Pad

def _source_index(mode: str, j: Idx, size: Idx) -> Idx:
    """The index read for (possibly out-of-range) index ``j`` of a dim of ``size`` > 0."""
    if mode == "edge":
        return im.clamp(j, 0, im.sub(size, 1))
    if mode == "wrap":
        return im.rem(im.add(im.rem(j, size), size), size)
    period = im.smax(im.mul(im.sub(size, 1), 2), 1)  # reflect
    neg = im.sub(0, j)
    m = im.rem(im.select(im.cmp("lt", j, 0), neg, j), period)
    return im.select(im.cmp("lt", m, size), m, im.sub(period, m))


def _pad_mixed(value: ir.Value, low: Sequence[Idx], high: Sequence[Idx],
               pad_scalar: ir.Value) -> ir.Value:
    """`tensor.pad` by mixed (int or index value, non-negative) amounts."""
    if all(isinstance(p, int) for p in (*low, *high)):
        return b.pad(value, list(low), list(high), pad_scalar)
    sizes = b.sizes(value)
    out = [im.add(im.add(s, lo), hi) for s, lo, hi in zip(sizes, low, high)]
    result_type = b.tensor_type(out, b.element_type(value))
    dl, sl = split_mixed(low)
    dh, sh = split_mixed(high)
    op = tensor.PadOp(result_type, value, dl, dh, ir.DenseI64ArrayAttr.get(sl),
                      ir.DenseI64ArrayAttr.get(sh))
    block = op.regions[0].blocks.append(*([ir.IndexType.get()] * len(sizes)))
    with ir.InsertionPoint(block):
        tensor.YieldOp(pad_scalar)
    return op.result


@register_pattern
class LowerPad(OnnxLoweringPattern):
    """Pad (see the module docstring): ``out[i] = x[i - pad_begin]`` where that is inside x, the
    mode's value elsewhere; the result has ``size + pad_begin + pad_end`` elements per axis."""

    op_names = ("onnx.pad",)

    def rewrite(self, op: PadOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.data)
        elem = b.element_type(x)
        r = b.rank(x)
        mode = op.mode
        if mode not in ("constant", "reflect", "edge", "wrap"):
            raise LoweringError(f"unsupported Pad mode '{mode}'")
        pads = im.operand_ints(op.pads, "Pad pads")
        if len(pads) % 2:
            raise LoweringError(f"Pad pads has an odd number of entries ({len(pads)})")
        half = len(pads) // 2
        if op.axes is None and half != r:
            raise LoweringError(f"Pad pads has {len(pads)} entries for rank {r}")
        entries = _per_axis(op.axes, r, [pads[:half], pads[half:]], [0, 0], "Pad")
        low: list[Idx] = [0] * r
        high: list[Idx] = [0] * r
        for a, (lo, hi) in entries.items():
            low[a], high[a] = lo, hi
        if op.constant_value is not None and mode == "constant":
            value = op.constant_value
            for d, n in enumerate(b.sizes(value)):
                require(im.cmp("ge", n, 1), f"constant_value is empty (axis {d} has size {{0}})", n)
            cv = tensor.extract(b.to_signless(value), [im.const(0)] * b.rank(value))
        else:
            cv = b.scalar_constant(elem, 0)
        sizes = b.sizes(x)
        computed = [im.add(im.add(s, lo), hi) for s, lo, hi in zip(sizes, low, high)]
        require_sizes(computed, elem, "Pad result")
        out_sizes = im.merge_static(computed, im.result_shape(op))
        if mode == "constant":
            return [finish(self._constant(x, sizes, low, out_sizes, cv), op)]
        # As onnxruntime: negative pads crop first, the mode then pads what is left.
        first, extent, before = [], [], []
        for d, (s, lo, hi) in enumerate(zip(sizes, low, high)):
            n = im.add(im.add(s, im.smin(lo, 0)), im.smin(hi, 0))
            padded = im.or_(im.cmp("gt", lo, 0), im.cmp("gt", hi, 0))
            if not (isinstance(padded, bool) and not padded):
                require(im.or_(im.cmp("gt", n, 0), im.not_(padded)),
                        f"cannot pad axis {d} in '{mode}' mode: it has {{0}} elements (after "
                        f"negative pads)", n)
            first.append(im.smax(im.sub(0, lo), 0))
            extent.append(n)
            before.append(im.smax(lo, 0))
        window = extract_slice(x, first, extent)

        def body(idx):
            src = []
            for d, i in enumerate(idx):
                j = im.sub(i, before[d])
                cropped_only = isinstance(low[d], int) and isinstance(high[d], int) \
                    and low[d] <= 0 and high[d] <= 0
                src.append(j if cropped_only else _source_index(mode, j, extent[d]))
            return tensor.extract(window, [im.value(s) for s in src])

        return [finish(gather_generic(out_sizes, elem, body), op)]

    @staticmethod
    def _constant(x: ir.Value, sizes: Sequence[Idx], low: Sequence[Idx],
                  out_sizes: Sequence[Idx], cv: ir.Value) -> ir.Value:
        """Constant mode: the part of x that lands inside the output (``x[first : first +
        count]`` at output offset ``at``, all clamped), padded with ``cv`` to the output size."""
        first, count, before, after = [], [], [], []
        for s, lo, n in zip(sizes, low, out_sizes):
            src = im.clamp(im.sub(0, lo), 0, s)
            at = im.clamp(lo, 0, n)
            c = im.smax(im.smin(im.sub(s, src), im.sub(n, at)), 0)
            first.append(src)
            count.append(c)
            before.append(at)
            after.append(im.sub(im.sub(n, at), c))
        window = extract_slice(x, first, count)
        return _pad_mixed(window, before, after, cv)
