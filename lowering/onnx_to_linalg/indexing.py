"""Indexing ops: Gather, GatherElements, GatherND, ScatterElements (and the deprecated Scatter),
ScatterND, TensorScatter (KV-cache updates), Compress (its output size counted at run time when the condition is not constant;
the selection helpers are shared with NonZero in lib/selection.py).

Gathers are one parallel `linalg.generic` over the output: the index tensor is a regular input
(its indexing map picks the output dims it covers) and the data element is read with
`tensor.extract` in the body (negative indices wrap, as ONNX says).

Scatters are structured too, without loops or in-place writes: one `linalg.generic` over the
*output* (initialised with the data) with extra reduction dims walking the update positions; an
output element combines every update whose index hits it (``none`` keeps the last, as the ONNX
reference does; ``add``/``mul``/``max``/``min`` accumulate). The reduction dims are sized by a
`tensor.empty` input that the body never reads. ScatterElements only walks the scattered axis
(other coordinates of the update are the output's own), ScatterND all index tuples.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith, scf, tensor

from ...dialects.onnx import (CompressOp, GatherElementsOp, GatherNDOp, GatherOp,
                              ScatterElementsOp, ScatterNDOp, ScatterOp, TensorScatterOp)
from .lib import builders as b
from .lib import index_math as im
from .lib import shape_checks as sc
from .lib.index_checks import require_in_range
from .lib.index_math import Idx
from .lib.movement_common import finish, gather_generic
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.runtime_checks import require, require_equal_sizes
from .lib.selection import count_true, inclusive_counts, true_positions


def _index_input(indices: ir.Value, what: str) -> tuple[ir.Value, bool]:
    elem = b.element_type(indices)
    if not b.is_integer(elem) or b.is_bool(elem):
        raise LoweringError(f"{what} indices must be integers, got {elem}")
    return b.to_signless(indices), b.is_unsigned(elem)


def _index_depth(indices: ir.Value, from_ranks: int, what: str) -> tuple[ir.Value, int]:
    """(indices, k) of GatherND/ScatterND: k, the number of indexed dims, is the last dim of
    the indices; when that is dynamic, the ranks of the other operands give it (``from_ranks``)
    and the indices are cast to it, checked at run time."""
    q = b.rank(indices)
    k = b.shape(indices)[-1] if q else b.DYNAMIC
    if k != b.DYNAMIC:
        return indices, k
    if q == 0 or from_ranks < 0:
        raise LoweringError(f"{what} indices {indices.type} do not fit the operand ranks")
    sc.require_dim(indices, q - 1, from_ranks,
                   f"the last dim of the indices is {{0}}, but the ranks say {{1}}")
    shape = b.shape(indices)
    shape[-1] = from_ranks
    return tensor.cast(b.tensor_type(shape, b.element_type(indices)), indices), from_ranks


def _dims_map(n: int, dims: Sequence[int]) -> ir.AffineMap:
    return ir.AffineMap.get(n, 0, [ir.AffineDimExpr.get(d) for d in dims])


def _require_indices(indices: ir.Value, sizes: Idx | Sequence[Idx], axes: int | Sequence[int],
                     unsigned: bool) -> None:
    """Every index in ``[-size, size)`` (ONNX: negative counts from the end; ``[0, size)`` for
    unsigned index types). A sequence of sizes/axes checks the components of index tuples
    (the last dim of ``indices``) separately."""
    tuples = not isinstance(sizes, (int, ir.Value))
    each = list(sizes) if tuples else [sizes]
    lows = [0 if unsigned else im.sub(0, n) for n in each]
    highs = [im.sub(n, 1) for n in each]
    if tuples:
        require_in_range(indices, lows, highs, "index {0} is out of range for axis {1} of size {2}",
                         list(axes), each, unsigned=unsigned, per_column=True)
    else:
        require_in_range(indices, lows[0], highs[0],
                         "index {0} is out of range for axis {1} of size {2}", axes, each[0],
                         unsigned=unsigned)


def _require_at_most(size: Idx, limit: Idx, message: str) -> None:
    """``size <= limit`` (mixed sizes); ``message`` gets both as ``{0}`` and ``{1}``."""
    ok = im.cmp("le", size, limit)
    require(ok, message, size, limit)


@register_pattern
class LowerGather(OnnxLoweringPattern):
    """Gather: ``out[a..., i..., b...] = data[a..., indices[i...], b...]``."""

    op_names = ("onnx.gather",)

    def rewrite(self, op: GatherOp) -> Sequence[ir.Value]:
        data = b.to_signless(op.data)
        indices, unsigned = _index_input(op.indices, "Gather")
        r, q = b.rank(data), b.rank(indices)
        axis = im.normalize_axis(op.axis, r)
        dsz = b.sizes(data)
        out = dsz[:axis] + b.sizes(indices) + dsz[axis + 1:]
        out = im.merge_static(out, im.result_shape(op))
        n = len(out)
        axis_size = dsz[axis]
        _require_indices(op.indices, axis_size, axis, unsigned)

        def body(idx, i):
            k = im.normalize(im.to_index(i, unsigned), axis_size)
            src = idx[:axis] + [k] + idx[axis + q:]
            return tensor.extract(data, [im.value(s) for s in src])

        result = gather_generic(out, data, body, [indices],
                                [_dims_map(n, range(axis, axis + q))])
        return [finish(result, op)]


@register_pattern
class LowerGatherElements(OnnxLoweringPattern):
    """GatherElements: ``out[i] = data[i with i[axis] := indices[i]]``."""

    op_names = ("onnx.gather_elements",)

    def rewrite(self, op: GatherElementsOp) -> Sequence[ir.Value]:
        data = b.to_signless(op.data)
        indices, unsigned = _index_input(op.indices, "GatherElements")
        r = b.rank(data)
        if b.rank(indices) != r:
            raise LoweringError("GatherElements data and indices must have the same rank")
        axis = im.normalize_axis(op.axis, r)
        axis_size = b.dim(data, axis)
        isz, dsz = b.sizes(indices), b.sizes(data)
        for d in range(r):  # off the axis, the output position is also the data position
            if d != axis:
                _require_at_most(isz[d], dsz[d], f"indices has size {{0}} at axis {d}, larger "
                                                 f"than the data's {{1}}")
        _require_indices(op.indices, axis_size, axis, unsigned)
        out = im.merge_static(isz, im.result_shape(op))

        def body(idx, i):
            src = list(idx)
            src[axis] = im.normalize(im.to_index(i, unsigned), axis_size)
            return tensor.extract(data, [im.value(s) for s in src])

        result = gather_generic(out, data, body, [indices], [b.identity_map(r)])
        return [finish(result, op)]


@register_pattern
class LowerGatherND(OnnxLoweringPattern):
    """GatherND: ``out[batch..., i..., rest...] = data[batch..., indices[batch..., i..., :],
    rest...]``; the ``k`` index components are read with `tensor.extract` of the indices."""

    op_names = ("onnx.gather_nd",)

    def rewrite(self, op: GatherNDOp) -> Sequence[ir.Value]:
        data = b.to_signless(op.data)
        indices, unsigned = _index_input(op.indices, "GatherND")
        r, q = b.rank(data), b.rank(indices)
        bd = op.batch_dims
        out_shape = im.result_shape(op)
        indices, k = _index_depth(indices, -1 if out_shape is None else
                                  q - 1 + r - bd - len(out_shape), "GatherND")
        if not 0 <= bd < min(r, q) or bd + k > r:
            raise LoweringError(f"GatherND batch_dims {bd} and index depth {k} do not fit "
                                f"data rank {r} / indices rank {q}")
        dsz = b.sizes(data)
        isz = b.sizes(indices)
        for d in range(bd):
            require_equal_sizes(isz[d], dsz[d], f"indices has size {{0}} at batch axis {d}, but "
                                                f"data has {{1}}")
        if k:
            _require_indices(op.indices, dsz[bd:bd + k], list(range(bd, bd + k)), unsigned)
        out = im.merge_static(isz[:-1] + dsz[bd + k:], im.result_shape(op))

        def body(idx):
            lead = idx[:q - 1]
            comps = []
            for j in range(k):
                raw = tensor.extract(indices, [im.value(v) for v in lead] + [im.const(j)])
                comps.append(im.normalize(im.to_index(raw, unsigned), dsz[bd + j]))
            src = idx[:bd] + comps + idx[q - 1:]
            return tensor.extract(data, [im.value(s) for s in src])

        return [finish(gather_generic(out, data, body), op)]


# --------------------------------------------------------------------------- scatters


def _combine(kind: str, acc: ir.Value, upd: ir.Value, unsigned: bool) -> ir.Value:
    if kind == "none":
        return upd
    t = acc.type
    if b.is_bool(t):
        ops = {"add": arith.ori, "mul": arith.andi, "max": arith.ori, "min": arith.andi}
        return ops[kind](acc, upd)
    return b.scalar_binary(kind, acc, upd, unsigned)


def _reduction(op: ir.OpView) -> str:
    kind = op.reduction if hasattr(op, "reduction") else "none"
    if kind not in ("none", "add", "mul", "max", "min"):
        raise LoweringError(f"unsupported scatter reduction '{kind}'")
    return kind


def _scatter_generic(data: ir.Value, walk: Sequence[Idx], body) -> ir.Value:
    """`linalg.generic` over data's dims (parallel) + ``walk`` (reduction) dims, initialised with
    ``data``; ``body(out_idx, walk_idx, acc)`` returns the new accumulator."""
    r = b.rank(data)
    m = len(walk)
    n = r + m
    bounds = im.empty(walk, ir.IntegerType.get_signless(8))

    def build(_, acc):
        idx = [im.loop_index(d) for d in range(n)]
        return body(idx[:r], idx[r:], acc)

    (result,) = b.generic([bounds], [data], [_dims_map(n, range(r, n)), _dims_map(n, range(r))],
                          ["parallel"] * r + ["reduction"] * m, build)
    return result


@register_pattern
class LowerScatterElements(OnnxLoweringPattern):
    """ScatterElements / Scatter: ``out[j with j[axis] := indices[j]] (op)= updates[j]`` for
    every position ``j`` of updates, as one generic over the output reducing over
    ``updates.shape[axis]``."""

    op_names = ("onnx.scatter_elements", "onnx.scatter")

    def rewrite(self, op: ScatterElementsOp | ScatterOp) -> Sequence[ir.Value]:
        elem = b.element_type(op.data)
        data = b.to_signless(op.data)
        updates = b.to_signless(op.updates)
        indices, unsigned_idx = _index_input(op.indices, "ScatterElements")
        kind = _reduction(op)
        r = b.rank(data)
        if b.rank(indices) != r or b.rank(updates) != r:
            raise LoweringError("ScatterElements data, indices and updates must have one rank")
        axis = im.normalize_axis(op.axis, r)
        dsz = b.sizes(data)
        usz = b.sizes(updates)
        isz = b.sizes(indices)
        for d in range(r):
            require_equal_sizes(isz[d], usz[d], f"indices has size {{0}} at axis {d}, but updates "
                                                f"has {{1}}")
            if d != axis:
                _require_at_most(usz[d], dsz[d], f"updates has size {{0}} at axis {d}, larger "
                                                 f"than the data's {{1}}")
        _require_indices(op.indices, dsz[axis], axis, unsigned_idx)
        unsigned = b.is_unsigned(elem)

        def body(out_idx, walk, acc):
            valid: bool | ir.Value = True
            coords: list[Idx] = []
            for d in range(r):
                if d == axis:
                    coords.append(walk[0])
                    continue
                fits = im.cmp("lt", out_idx[d], usz[d]) if not (
                    isinstance(usz[d], int) and isinstance(dsz[d], int) and usz[d] >= dsz[d]) \
                    else True
                valid = im.and_(valid, fits)
                coords.append(out_idx[d] if isinstance(fits, bool) else
                              im.select(fits, out_idx[d], 0))
            cv = [im.value(c) for c in coords]
            target = im.normalize(im.to_index(tensor.extract(indices, cv), unsigned_idx),
                                  dsz[axis])
            hit = im.and_(valid, im.cmp("eq", target, out_idx[axis]))
            new = _combine(kind, acc, tensor.extract(updates, cv), unsigned)
            return new if isinstance(hit, bool) and hit else arith.select(hit, new, acc)

        return [finish(_scatter_generic(data, [usz[axis]], body), op)]


@register_pattern
class LowerScatterND(OnnxLoweringPattern):
    """ScatterND: for each index tuple ``u`` of ``indices[..., :k]``,
    ``out[indices[u], rest...] (op)= updates[u, rest...]``; one generic over the output that
    reduces over all index tuples."""

    op_names = ("onnx.scatter_nd",)

    def rewrite(self, op: ScatterNDOp) -> Sequence[ir.Value]:
        elem = b.element_type(op.data)
        data = b.to_signless(op.data)
        updates = b.to_signless(op.updates)
        indices, unsigned_idx = _index_input(op.indices, "ScatterND")
        kind = _reduction(op)
        r, q = b.rank(data), b.rank(indices)
        indices, k = _index_depth(indices, q - 1 + r - b.rank(updates), "ScatterND")
        if k > r:
            raise LoweringError("ScatterND needs a last dim of indices of at most the data rank")
        dsz = b.sizes(data)
        walk = b.sizes(indices)[:-1]
        expected = walk + dsz[k:]  # updates: indices.shape[:-1] + data.shape[k:]
        if b.rank(updates) != len(expected):
            raise LoweringError(f"ScatterND updates has rank {b.rank(updates)}, expected "
                                f"{len(expected)}")
        for d, (u, e) in enumerate(zip(b.sizes(updates), expected)):
            require_equal_sizes(u, e, f"updates has size {{0}} at axis {d}, expected {{1}} "
                                      f"(indices.shape[:-1] + data.shape[k:])")
        if k:
            _require_indices(op.indices, dsz[:k], list(range(k)), unsigned_idx)
        unsigned = b.is_unsigned(elem)

        def body(out_idx, u, acc):
            hit: bool | ir.Value = True
            for j in range(k):
                raw = tensor.extract(indices, [im.value(v) for v in u] + [im.const(j)])
                target = im.normalize(im.to_index(raw, unsigned_idx), dsz[j])
                hit = im.and_(hit, im.cmp("eq", target, out_idx[j]))
            upd = tensor.extract(updates, [im.value(v) for v in list(u) + out_idx[k:]])
            new = _combine(kind, acc, upd, unsigned)
            return new if isinstance(hit, bool) and hit else arith.select(hit, new, acc)

        return [finish(_scatter_generic(data, walk, body), op)]


@register_pattern
class LowerCompress(OnnxLoweringPattern):
    """Compress: three structured steps, no loops: inclusive prefix counts of the condition (a
    generic reducing over ``k <= i``), the source index of each output slot
    (``sel[j] = #{i : count[i] <= j}``), then a gather generic along the axis. The output size
    is the static result type's (unless only a declaration gives it), the count of a constant
    condition, or else counted at run time (the true entries within the axis, so that every
    selected index is inside the input)."""

    op_names = ("onnx.compress",)

    def rewrite(self, op: CompressOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.input)
        cond = op.condition
        if b.rank(cond) != 1:
            raise LoweringError("Compress condition must be 1-D")
        axis = op.axis
        if axis is None:
            x = b.collapse(x, [list(range(b.rank(x)))]) if b.rank(x) != 1 else x
            axis = 0
        r = b.rank(x)
        axis = im.normalize_axis(axis, r)
        out = im.result_shape(op, declared=False)
        count = out[axis if op.axis is not None else 0] if out is not None else b.DYNAMIC
        dim = b.dim(x, axis)
        known = im.constant_values(cond)
        if known is not None and isinstance(dim, int):
            known = known[:dim]  # entries past the axis are ignored (as onnxruntime does)
        if count == b.DYNAMIC:
            if known is not None and isinstance(dim, int):
                count = sum(1 for v in known if v != 0)
        i64 = ir.IntegerType.get_signless(64)
        if known is not None:  # fold to an i64 constant (no i1 buffer to read at run time)
            t = ir.RankedTensorType.get([len(known)], i64)
            flags = np.asarray([1 if v else 0 for v in known], dtype=np.int64)
            cond = arith.constant(t, ir.DenseElementsAttr.get(flags, type=t))
        if known is not None and isinstance(dim, int):
            selected = sum(1 for v in known if v != 0)
            require(selected == count, f"condition selects {selected} entries, but the result "
                                       f"has {count}")
            cond_i = cond
        else:
            cond_i = self._flags_within(cond, dim)
            if count != b.DYNAMIC:  # else counted at run time below
                self._require_count(cond_i, count)
        if count == b.DYNAMIC:
            count = count_true(cond_i, b.dim(x, axis))
        # the position of each selected entry: inside the axis because the trues counted are
        # exactly ``count``, all before ``dim``
        sel = true_positions(inclusive_counts(cond_i), count)
        sizes = b.sizes(x)
        sizes[axis] = count
        sizes = im.merge_static(sizes, out if op.axis is not None else None)

        def body(idx, j):
            src = list(idx)
            src[axis] = im.to_index(j)
            return tensor.extract(x, [im.value(v) for v in src])

        result = gather_generic(sizes, x, body, [sel], [_dims_map(r, [axis])])
        return [finish(result, op)]

    @staticmethod
    def _flags_within(cond: ir.Value, dim: Idx) -> ir.Value:
        """The condition as i64 0/1, zero past the axis size ``dim`` (entries beyond the axis
        are ignored, as onnxruntime does)."""
        i64 = ir.IntegerType.get_signless(64)
        length = b.dim(cond, 0)
        clip = not (isinstance(length, int) and isinstance(dim, int) and length <= dim)

        def body(idx, c):
            flag = im.from_index(im.to_index(c, True), i64)
            if not clip:
                return flag
            return arith.select(im.cmp("lt", idx[0], dim), flag, b.scalar_constant(i64, 0))

        return gather_generic([length], i64, body, [b.to_signless(cond)], [_dims_map(1, [0])])

    @staticmethod
    def _require_count(flags: ir.Value, count: int) -> None:
        """The trues counted must be the static result size: ``sel`` then only names positions
        inside the axis."""
        i64 = ir.IntegerType.get_signless(64)
        (total,) = b.generic([flags], [b.fill(0, im.empty([], i64))],
                             [_dims_map(1, [0]), _dims_map(1, [])], ["reduction"],
                             lambda c, acc: arith.addi(acc, c))
        selected = tensor.extract(total, [])
        require(arith.cmpi(arith.CmpIPredicate.eq, selected, b.scalar_constant(i64, count)),
                "condition selects {0} entries within the axis, but the result has {1}",
                selected, count)


@register_pattern
class LowerTensorScatter(OnnxLoweringPattern):
    """TensorScatter (a KV-cache update), one generic over the cache: along ``axis``,
    ``out[..., s, ...] = update[..., s - w[b], ...]`` where ``0 <= s - w[b] < seq`` (``s - w[b]``
    taken modulo ``max_seq`` in ``circular`` mode), else ``past_cache[..., s, ...]``; ``w`` is
    ``write_indices`` (zeros when absent), one per batch entry. Run-time checks: the shapes agree
    off the axis, and a linear write fits (``0 <= w[b] <= max_seq - seq``)."""

    op_names = ("onnx.tensor_scatter",)

    def rewrite(self, op: TensorScatterOp) -> Sequence[ir.Value]:
        past, update = b.to_signless(op.past_cache), b.to_signless(op.update)
        r = b.rank(past)
        if b.rank(update) != r or r < 2:
            raise LoweringError("TensorScatter past_cache and update need the same rank (at least 2)")
        axis = im.normalize_axis(op.axis, r)
        if axis == 0:
            raise LoweringError("TensorScatter axis cannot be the batch axis 0")
        psz, usz = b.sizes(past), b.sizes(update)
        for d in range(r):
            if d != axis:
                require_equal_sizes(usz[d], psz[d], f"update has size {{0}} at axis {d}, but "
                                                    f"past_cache has {{1}}")
        max_seq, seq = psz[axis], usz[axis]
        _require_at_most(seq, max_seq, "update's sequence length {0} exceeds the cache's {1}")
        circular = op.mode == "circular"
        if op.mode not in ("linear", "circular"):
            raise LoweringError(f"TensorScatter mode '{op.mode}' is not linear or circular")
        inputs, maps, unsigned = [], [], False
        if op.write_indices is not None:
            writes, unsigned = _index_input(op.write_indices, "TensorScatter")
            high = im.sub(max_seq, 1) if circular else im.sub(max_seq, seq)
            require_in_range(writes, 0, high, "write index {0} is out of range [0, {1}]", high,
                             unsigned=unsigned)
            inputs, maps = [writes], [_dims_map(r, [0])]
        elem = b.element_type(past)

        def body(idx, *write):
            offset = im.sub(idx[axis], im.to_index(write[0], unsigned) if write else 0)
            if circular:  # s and w are in [0, max_seq): (s - w) mod max_seq without a negative rem
                offset = im.rem(im.add(offset, max_seq), max_seq)
            inside = im.and_(im.cmp("ge", offset, 0), im.cmp("lt", offset, seq))
            if isinstance(inside, bool):
                source, at = (update, offset) if inside else (past, idx[axis])
                return tensor.extract(source, [im.value(i) for i in idx[:axis] + [at] + idx[axis + 1:]])
            branch = scf.IfOp(inside, [elem], has_else=True)
            with ir.InsertionPoint(branch.then_block):  # extract only in range: no read past update
                at = [im.value(i) for i in idx[:axis] + [offset] + idx[axis + 1:]]
                scf.yield_([tensor.extract(update, at)])
            with ir.InsertionPoint(branch.else_block):
                scf.yield_([tensor.extract(past, [im.value(i) for i in idx])])
            return branch.result

        out = im.merge_static(psz, im.result_shape(op))
        return [finish(gather_generic(out, elem, body, inputs, maps), op)]
