"""Data-movement ops: Transpose, Squeeze, Unsqueeze, Expand, Tile, Concat, Split (Slice and Pad:
:mod:`.slice_pad`; DepthToSpace, SpaceToDepth, CenterCropPad, ReverseSequence: :mod:`.blocks`).

Views first: unit-dim changes are `tensor.collapse_shape`/`expand_shape`, sub-ranges are
`tensor.extract_slice`, joins are `tensor.insert_slice` chains, so bufferization turns most of
these into subviews or plain copies. Element moves that are not views are `linalg.transpose` or a
`linalg.generic` (broadcasting maps for Expand/Tile, index arithmetic with `tensor.extract` in
the body where source positions are computed: ReverseSequence).

Shape-like operands (shapes, repeats, ...) are read at compile time when constant; otherwise
they are read at run time with `tensor.extract` and the static result type (from import-time shape
inference) gives the result sizes where it can (see :mod:`.index_math`).

Every element type moves unchanged: ``uiN`` tensors are moved as their signless ``iN`` views.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir

from ...dialects.onnx import (ConcatOp, ExpandOp, SplitOp, SqueezeOp, TileOp, TransposeOp,
                              UnsqueezeOp)
from .lib import broadcasting
from .lib import builders as b
from .lib import index_math as im
from .lib import shape_checks as sc
from .lib.index_checks import require_sizes
from .lib.index_math import Idx
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.runtime_checks import require, require_equal_sizes
from .lib.movement_common import extract_slice, finish, insert_slice
from .lib.runtime_axes import reshape_to, squeezed_sizes, unsqueezed_sizes

# --------------------------------------------------------------------------- helpers


def unit_groups(total: int, kept: Sequence[int]) -> list[list[int]]:
    """Reassociation between a rank-``total`` shape and the shape keeping only the dims
    ``kept`` (sorted), all others being unit dims: each unit dim joins the group of the next kept
    dim (trailing ones join the last group)."""
    groups: list[list[int]] = []
    pending: list[int] = []
    for d in range(total):
        pending.append(d)
        if d in kept:
            groups.append(pending)
            pending = []
    if pending:
        if not groups:
            return []
        groups[-1].extend(pending)
    return groups


# --------------------------------------------------------------------------- patterns


@register_pattern
class LowerTranspose(OnnxLoweringPattern):
    """Transpose -> `linalg.transpose` (default perm reverses the dims)."""

    op_names = ("onnx.transpose",)

    def rewrite(self, op: TransposeOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.data)
        r = b.rank(x)
        perm = op.perm
        perm = list(range(r))[::-1] if perm is None else [im.normalize_axis(p, r, "perm entry")
                                                          for p in perm]
        if sorted(perm) != list(range(r)):
            raise LoweringError(f"perm {op.perm} is not a permutation of {r} dims")
        if perm == list(range(r)):
            return [finish(x, op)]
        return [finish(b.transpose(x, perm), op)]


@register_pattern
class LowerSqueeze(OnnxLoweringPattern):
    """Squeeze -> `tensor.collapse_shape` folding each removed unit dim into a neighbour;
    run-time axes on dynamic shapes: `tensor.reshape` (:mod:`.lib.runtime_axes`)."""

    op_names = ("onnx.squeeze",)

    def rewrite(self, op: SqueezeOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.data)
        shp = b.shape(x)
        r = len(shp)
        out = im.result_shape(op)
        if op.axes is None:
            axes = [d for d, s in enumerate(shp) if s == 1]
        else:
            known = im.constant_values(op.axes)
            if known is not None:
                axes = [im.normalize_axis(a, r) for a in known]
            elif out is not None and b.is_static(x) and b.DYNAMIC not in out:
                return [finish(b.reshape_static(x, out), op)]
            else:
                axes = im.operand_ints(op.axes, "Squeeze axes")
                return [finish(reshape_to(x, squeezed_sizes(x, axes)), op)]
        for a in axes:
            if shp[a] not in (1, b.DYNAMIC):
                raise LoweringError(f"cannot squeeze dim {a} of size {shp[a]}")
            sc.require_dim(x, a, 1, f"cannot squeeze axis {a} of size {{0}} (it must be {{1}})")
        kept = [d for d in range(r) if d not in axes]
        return [finish(b.collapse(x, unit_groups(r, kept)), op)]


@register_pattern
class LowerUnsqueeze(OnnxLoweringPattern):
    """Unsqueeze -> `tensor.expand_shape` splitting unit dims off a neighbour; run-time axes on
    dynamic shapes: `tensor.reshape` (:mod:`.lib.runtime_axes`)."""

    op_names = ("onnx.unsqueeze",)

    def rewrite(self, op: UnsqueezeOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.data)
        r = b.rank(x)
        known = im.constant_values(op.axes)
        out = im.result_shape(op)
        if known is None:
            if out is not None and b.is_static(x) and b.DYNAMIC not in out:
                return [finish(b.reshape_static(x, out), op)]
            axes = im.operand_ints(op.axes, "Unsqueeze axes")
            return [finish(reshape_to(x, unsqueezed_sizes(x, axes)), op)]
        n = r + len(known)
        axes = sorted(im.normalize_axis(a, n) for a in known)
        if len(set(axes)) != len(axes):
            raise LoweringError(f"repeated Unsqueeze axes {known}")
        kept = [d for d in range(n) if d not in axes]
        src = b.sizes(x)
        it = iter(src)
        out_sizes = [1 if d in axes else next(it) for d in range(n)]
        return [finish(b.expand(x, unit_groups(n, kept), out_sizes), op)]


@register_pattern
class LowerExpand(OnnxLoweringPattern):
    """Expand -> an identity `linalg.generic` whose input map broadcasts (numpy rules).

    The target shape comes from the static result type, a constant shape operand, or the shape
    operand read at run time."""

    op_names = ("onnx.expand",)

    def rewrite(self, op: ExpandOp) -> Sequence[ir.Value]:
        x = op.input
        elem = b.element_type(x)
        in_sizes = b.sizes(x)
        out = im.result_shape(op, declared=False)
        target = im.constant_values(op.shape)  # checked against a static result type
        if target is None and (out is None or b.DYNAMIC in out):
            target = im.operand_ints(op.shape, "Expand shape")
        if target is None:
            sizes: list[Idx] = list(out)
        else:
            rank = max(len(target), len(in_sizes))
            target = [1] * (rank - len(target)) + list(target)
            src = [1] * (rank - len(in_sizes)) + list(in_sizes)
            sizes = []
            for t, s in zip(target, src):
                if isinstance(s, int) and s == 1:
                    sizes.append(t)
                elif isinstance(t, int) and t == 1:
                    sizes.append(s)
                elif isinstance(t, int) and isinstance(s, int):
                    sizes.append(max(t, s))
                else:
                    sizes.append(im.select(im.cmp("eq", t, 1), s, t))
            require_sizes(sizes, elem, "Expand result")
            sizes = im.merge_static(sizes, out)
        result = broadcasting.broadcast_generic([x], elem, lambda v: v, out_sizes=sizes)
        return [finish(result, op)]


@register_pattern
class LowerTile(OnnxLoweringPattern):
    """Tile -> a broadcasting `linalg.generic` into ``[r0, d0, r1, d1, ...]`` (the input map
    skips the repeat dims) and one `tensor.collapse_shape` of each ``(r_i, d_i)`` pair."""

    op_names = ("onnx.tile",)

    def rewrite(self, op: TileOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.input)
        src = b.sizes(x)
        r = len(src)
        out = im.result_shape(op)
        reps = im.constant_values(op.repeats)
        if reps is None and out is not None and b.DYNAMIC not in out \
                and all(isinstance(s, int) and s > 0 for s in src):
            reps = [o // s for o, s in zip(out, src)]
            if b.is_static(op.repeats):  # the result type stands for the run-time repeats
                given = im.operand_ints(op.repeats, "Tile repeats")
                for i, (g, rep) in enumerate(zip(given, reps)):
                    require(im.cmp("eq", g, rep), f"repeats is {{0}} at axis {i} at run time, "
                                                  f"but the result type says {rep}", g)
        if reps is None:
            reps = im.operand_ints(op.repeats, "Tile repeats")
        if len(reps) != r:
            raise LoweringError(f"Tile repeats has {len(reps)} entries for rank {r}")
        for i, rep in enumerate(reps):
            require(im.cmp("ge", rep, 0), f"repeats has a negative value {{0}} at axis {i}", rep)
        sizes: list[Idx] = []
        exprs = []
        groups: list[list[int]] = []
        for i, (s, rep) in enumerate(zip(src, reps)):
            if isinstance(rep, int) and rep == 1:
                groups.append([len(sizes)])
                exprs.append(ir.AffineDimExpr.get(len(sizes)))
                sizes.append(s)
            else:
                groups.append([len(sizes), len(sizes) + 1])
                exprs.append(ir.AffineDimExpr.get(len(sizes) + 1))
                sizes.extend([rep, s])
        n = len(sizes)
        require_sizes(sizes, b.element_type(x), "Tile result")
        init = im.empty(sizes, b.element_type(x))
        (wide,) = b.generic([x], [init], [ir.AffineMap.get(n, 0, exprs), b.identity_map(n)],
                            ["parallel"] * n, lambda v, _: v)
        return [finish(b.collapse(wide, groups), op)]


@register_pattern
class LowerConcat(OnnxLoweringPattern):
    """Concat -> `tensor.empty` of the joined shape and one `tensor.insert_slice` per (non-empty)
    input at its running offset along the axis."""

    op_names = ("onnx.concat",)

    def rewrite(self, op: ConcatOp) -> Sequence[ir.Value]:
        inputs = [b.to_signless(v) for v in op.inputs]
        if not inputs:
            raise LoweringError("Concat needs at least one input")
        r = b.rank(inputs[0])
        axis = im.normalize_axis(op.axis, r)
        inputs = [v for v in inputs if b.shape(v)[axis] != 0] or inputs[:1]
        if len(inputs) == 1:
            return [finish(inputs[0], op)]
        if any(b.rank(v) != r for v in inputs):
            raise LoweringError(f"Concat inputs have different ranks: "
                                f"{', '.join(str(v.type) for v in inputs)}")
        sizes: list[Idx] = [0] * r
        for d in range(r):
            if d != axis:  # every input must have the same size there (a static one if any)
                sizes[d] = sc.require_all_equal(
                    [b.dim(v, d) for v in inputs],
                    f"an input has size {{0}} at axis {d}, another {{1}} (Concat inputs must "
                    f"agree on every axis but {axis})")
        total: Idx = 0
        for v in inputs:
            total = im.add(total, b.dim(v, axis))
        sizes[axis] = total
        sizes = sc.require_static_result(sizes, im.result_shape(op))
        result = im.empty(sizes, b.element_type(inputs[0]))
        offset: Idx = 0
        for v in inputs:
            offsets = [offset if d == axis else 0 for d in range(r)]
            result = insert_slice(v, result, offsets)
            offset = im.add(offset, b.dim(v, axis))
        return [finish(result, op)]


@register_pattern
class LowerSplit(OnnxLoweringPattern):
    """Split -> one `tensor.extract_slice` per output along the axis.

    Sizes: the ``split`` operand (constant, or read at run time), or ``num_outputs`` / the
    number of results (equal chunks of ceil(dim / n), the last smaller). Checked: the sizes are
    not negative and add up to the axis, an equal split divides the axis (older opsets) or leaves
    a non-negative last part (``num_outputs``), and static result types hold the sizes."""

    op_names = ("onnx.split",)

    def rewrite(self, op: SplitOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.input)
        r = b.rank(x)
        axis = im.normalize_axis(op.axis, r)
        results = op.operation.results
        n = len(results)
        dim = b.dim(x, axis)
        out_axis = [ir.RankedTensorType(t.type).shape[axis]
                    if isinstance(t.type, ir.RankedTensorType) else b.DYNAMIC for t in results]
        if op.split is not None:
            parts = self._given_parts(op.split, dim, axis)
        else:
            parts = self._equal_parts(op.num_outputs, n, dim, axis)
        if len(parts) != n:
            raise LoweringError(f"Split into {len(parts)} parts but the op has {n} results")
        for i, o in enumerate(out_axis):
            if o != b.DYNAMIC:  # a result typed static is sliced with that size
                require_equal_sizes(parts[i], o, f"result #{i} has {{0}} elements along axis "
                                                 f"{axis}, but its type says {{1}}")
                parts[i] = o
        sizes = b.sizes(x)
        outputs = []
        offset: Idx = 0
        for i, part in enumerate(parts):
            offsets = [offset if d == axis else 0 for d in range(r)]
            piece = extract_slice(x, offsets, [part if d == axis else sizes[d] for d in range(r)])
            outputs.append(finish(piece, op, i))
            offset = im.add(offset, part)
        return outputs

    @staticmethod
    def _given_parts(split: ir.Value, dim: Idx, axis: int) -> list[Idx]:
        """The ``split`` sizes (constant, or read at run time): none negative, summing to the
        axis size."""
        parts = im.operand_ints(split, "Split split")
        for p in parts:
            if isinstance(p, int) and p < 0:
                raise LoweringError(f"Split sizes must not be negative, got {parts}")
        runtime = [p for p in parts if isinstance(p, ir.Value)]
        if runtime:  # each within [0, dim], so that their sum cannot wrap around
            lowest, highest = runtime[0], runtime[0]
            for p in runtime[1:]:
                lowest, highest = im.smin(lowest, p), im.smax(highest, p)
            require(im.and_(im.cmp("ge", lowest, 0), im.cmp("le", highest, dim)),
                    f"the split sizes range from {{0}} to {{1}}, outside [0, {{2}}] (axis "
                    f"{axis})", lowest, highest, dim)
        total: Idx = 0
        for p in parts:
            total = im.add(total, p)
        require(im.cmp("eq", total, dim),
                f"the split sizes add up to {{0}}, but axis {axis} has size {{1}}", total, dim)
        return parts

    @staticmethod
    def _equal_parts(num_outputs: int | None, n: int, dim: Idx, axis: int) -> list[Idx]:
        """Equal parts: ``num_outputs`` (opset 18) chunks of ceil(dim / count), the last smaller
        but not negative; without it (older opsets) the axis must divide evenly."""
        count = num_outputs if num_outputs is not None else n
        if count < 1:
            raise LoweringError(f"Split into {count} parts")
        if num_outputs is None:
            sc.require_divisible(dim, count, f"axis {axis} of size {{0}} does not split into "
                                             f"{{1}} equal parts")
        chunk = im.ceildiv(dim, count)
        last = im.sub(dim, im.mul(chunk, count - 1))
        if num_outputs is not None:
            sc.require_at_least(last, 0, f"num_outputs={count} leaves {{0}} elements for the "
                                         f"last part of axis {axis} (at least {{1}})")
        return [chunk] * (count - 1) + [last]
