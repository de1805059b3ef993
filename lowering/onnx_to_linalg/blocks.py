"""Block and sequence rearrangements: DepthToSpace, SpaceToDepth, CenterCropPad, ReverseSequence.

Views and moves as in :mod:`.movement` (whose helpers they use): `tensor.expand_shape` /
`linalg.transpose` / `tensor.collapse_shape` for the block shuffles, `tensor.extract_slice` and
`tensor.pad` for the crop, an index-computing `linalg.generic` for ReverseSequence. Dynamic dims
that must divide by the block size, and sequence lengths used as indices, are checked at run time.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import tensor

from ...dialects.onnx import CenterCropPadOp, DepthToSpaceOp, ReverseSequenceOp, SpaceToDepthOp
from .lib import builders as b
from .lib import index_math as im
from .lib import shape_checks as sc
from .lib.index_math import Idx
from .lib.movement_common import extract_slice, finish, gather_generic
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.index_checks import require_in_range
from .lib.runtime_checks import require, require_equal_sizes

def _blocks(x: ir.Value, blocksize: int, what: str) -> tuple[list[Idx], int]:
    if b.rank(x) != 4:
        raise LoweringError(f"{what} expects a 4-D input, got {x.type}")
    if blocksize <= 0:
        raise LoweringError(f"{what} blocksize must be positive, got {blocksize}")
    return b.sizes(x), blocksize


@register_pattern
class LowerDepthToSpace(OnnxLoweringPattern):
    """DepthToSpace -> `tensor.expand_shape` of C into its blocks, `linalg.transpose`,
    `tensor.collapse_shape` of (H, b) and (W, b) (DCR and CRD orders). C must be a multiple of
    blocksize^2 (checked at run time when dynamic)."""

    op_names = ("onnx.depth_to_space",)

    def rewrite(self, op: DepthToSpaceOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.input)
        (n, c, h, w), bs = _blocks(x, op.blocksize, "DepthToSpace")
        sc.require_divisible(c, bs * bs, "the channel count {0} is not a multiple of {1} "
                                         "(blocksize squared)")
        cc = im.floordiv(c, bs * bs)
        if op.mode == "DCR":
            wide = b.expand(x, [[0], [1, 2, 3], [4], [5]], [n, bs, bs, cc, h, w])
            perm = [0, 3, 4, 1, 5, 2]
        elif op.mode == "CRD":
            wide = b.expand(x, [[0], [1, 2, 3], [4], [5]], [n, cc, bs, bs, h, w])
            perm = [0, 1, 4, 2, 5, 3]
        else:
            raise LoweringError(f"unsupported DepthToSpace mode '{op.mode}'")
        moved = b.transpose(wide, perm)
        return [finish(b.collapse(moved, [[0], [1], [2, 3], [4, 5]]), op)]


@register_pattern
class LowerSpaceToDepth(OnnxLoweringPattern):
    """SpaceToDepth -> `tensor.expand_shape` of H and W into blocks, `linalg.transpose`,
    `tensor.collapse_shape` into channels (DCR and CRD orders). H and W must be multiples of the
    blocksize (checked at run time when dynamic)."""

    op_names = ("onnx.space_to_depth",)

    def rewrite(self, op: SpaceToDepthOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.input)
        (n, c, h, w), bs = _blocks(x, op.blocksize, "SpaceToDepth")
        sc.require_divisible(h, bs, "the height {0} is not a multiple of the blocksize {1}")
        sc.require_divisible(w, bs, "the width {0} is not a multiple of the blocksize {1}")
        wide = b.expand(x, [[0], [1], [2, 3], [4, 5]],
                        [n, c, im.floordiv(h, bs), bs, im.floordiv(w, bs), bs])
        if op.mode == "DCR":
            perm = [0, 3, 5, 1, 2, 4]
        elif op.mode == "CRD":
            perm = [0, 1, 3, 5, 2, 4]
        else:
            raise LoweringError(f"unsupported SpaceToDepth mode '{op.mode}'")
        moved = b.transpose(wide, perm)
        return [finish(b.collapse(moved, [[0], [1, 2, 3], [4], [5]]), op)]


@register_pattern
class LowerCenterCropPad(OnnxLoweringPattern):
    """CenterCropPad -> `tensor.extract_slice` of the centred window on cropped axes, then a
    zero `tensor.pad` centring the data on padded axes (the extra odd element goes at the end);
    with dynamic sizes or a run-time shape the amounts are computed at run time."""

    op_names = ("onnx.center_crop_pad",)

    def rewrite(self, op: CenterCropPadOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.input_data)
        r = b.rank(x)
        shp = b.shape(x)
        axes = op.axes
        axes = list(range(r)) if axes is None else [im.normalize_axis(a, r) for a in axes]
        target: list[Idx] | None = im.constant_values(op.shape)
        out = im.result_shape(op)
        if target is None:
            if out is not None and all(out[a] != b.DYNAMIC for a in axes):
                target = [out[a] for a in axes]
            else:
                target = im.operand_ints(op.shape, "CenterCropPad shape")
                for t in target:
                    require(im.cmp("ge", t, 0), "CenterCropPad shape has a negative entry {0}", t)
        if len(target) != len(axes):
            raise LoweringError(f"CenterCropPad shape has {len(target)} entries for {len(axes)} axes")
        sizes = b.sizes(x)
        offsets: list[Idx] = [0] * r
        counts: list[Idx] = list(sizes)
        low: list[Idx] = [0] * r
        high: list[Idx] = [0] * r
        for a, t in zip(axes, target):
            # Crop the centred window where the target is smaller, pad around where it is
            # larger (the odd element at the end); sizes known only at run time included.
            d = sizes[a]
            offsets[a] = im.floordiv(im.smax(im.sub(d, t), 0), 2)
            counts[a] = im.smin(d, t)
            total = im.smax(im.sub(t, d), 0)
            low[a] = im.floordiv(total, 2)
            high[a] = im.sub(total, low[a])
        cropped = extract_slice(x, offsets, counts)
        zero = b.scalar_constant(b.element_type(x), 0)
        if all(isinstance(p, int) for p in (*low, *high)):
            padded = b.pad(cropped, low, high, zero)
        else:
            padded = b.pad_mixed(cropped, low, high, zero)
        return [finish(padded, op)]


@register_pattern
class LowerReverseSequence(OnnxLoweringPattern):
    """ReverseSequence -> a `linalg.generic` reading ``x[..., len[b] - 1 - t, ...]`` for
    ``t < len[b]`` and ``x[..., t, ...]`` beyond (`tensor.extract` in the body)."""

    op_names = ("onnx.reverse_sequence",)

    def rewrite(self, op: ReverseSequenceOp) -> Sequence[ir.Value]:
        x = b.to_signless(op.input)
        lens = b.to_signless(op.sequence_lens)
        r = b.rank(x)
        if r < 2:
            raise LoweringError("ReverseSequence needs an input of rank >= 2")
        batch = im.normalize_axis(op.batch_axis, r, "batch_axis")
        time = im.normalize_axis(op.time_axis, r, "time_axis")
        if b.rank(lens) != 1:
            raise LoweringError(f"sequence_lens must be 1-D, got {lens.type}")
        require_equal_sizes(b.dim(lens, 0), b.dim(x, batch),
                            "sequence_lens has {0} entries, but the batch axis has size {1}")
        steps = b.dim(x, time)
        require_in_range(op.sequence_lens, 0, steps,
                         "sequence length {0} is out of range [0, {1}] (the time axis size)",
                         steps, unsigned=b.is_unsigned(b.element_type(op.sequence_lens)))
        lens_map = ir.AffineMap.get(r, 0, [ir.AffineDimExpr.get(batch)])

        def body(idx, length):
            t = idx[time]
            n = im.to_index(length)
            flipped = im.sub(im.sub(n, 1), t)
            src = list(idx)
            src[time] = im.select(im.cmp("lt", t, n), flipped, t)
            return tensor.extract(x, [im.value(s) for s in src])

        return [finish(gather_generic(b.sizes(x), x, body, [lens], [lens_map]), op)]
