"""Grouped 2-D convolutions as one channels-last conv per group.

``linalg.conv_2d_ngchw_gfchw`` (ONNX Conv with 1 < group, other than depthwise) has no
vectorizing schedule: it ran as scalar loops. Before conv_layout.py rewrites the convs to NHWC,
each grouped conv becomes, in channels-last layout, a loop over the groups (the group dim tiled
by 1, as ``tile_using_for`` would) around one ``linalg.conv_2d_nhwc_hwcf`` on the group's
channel slices (input channels ``[g*C/G, (g+1)*C/G)``, filter and output channels
``[g*F/G, (g+1)*F/G)``) inserted into the output: that conv takes the regular conv schedule
(conv_schedules.py). One op per group instead made a 32-group conv a function too large for
LLVM's optimiser (compiled at O0, 20x slower). The filter is permuted to HWCF once (at compile time when constant); the
input and output transposes are the same as a regular conv's, moved by the TransposeMover.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith, linalg, scf, tensor

from .conv_layout import FCHW_TO_HWCF, TO_NCHW, TO_NHWC, permuted_filter
from .layout_moves import mixed_sizes, transpose

GROUPED = "linalg.conv_2d_ngchw_gfchw"


# A group's loop streams the whole input and uses C/G of its channels: with fewer than a cache
# line of channels (16 f32) per group, it only pays while the input stays in L2. Measured
# (1 thread, AVX-512, against the scalar loops): 128 channels @56x56 in 32 groups was 4x slower
# split (1.7 MB input), 256 @28x28 in 32 groups 4.7x faster, 64 @56x56 in 2 groups 78x faster.
MIN_CHANNELS_PER_GROUP = 16
MAX_STREAMED_BYTES = 1 << 20


def worth_splitting(x_shape: list[int], channels_per_group: int) -> bool:
    """``x_shape``: the grouped input [N, G, C/G, H, W] (N may be dynamic)."""
    per_image = 4
    for size in x_shape[1:]:
        per_image *= size
    return channels_per_group >= MIN_CHANNELS_PER_GROUP or per_image <= MAX_STREAMED_BYTES


def _dense(values) -> list[int]:
    return [int(v) for v in ir.DenseIntElementsAttr(values)]


def _slice_attrs(sizes, rank: int):
    dynamic = [s for s in sizes if not isinstance(s, int)]
    static = [s if isinstance(s, int) else ir.ShapedType.get_dynamic_size() for s in sizes]
    offsets = ir.DenseI64ArrayAttr.get([0] * (rank - 1) + [ir.ShapedType.get_dynamic_stride_or_offset()])
    return dynamic, static, offsets


def _slice(source: ir.Value, channel_offset: ir.Value, channels: int) -> ir.Value:
    """Channels ``[offset, offset + channels)`` (last dim) of a channels-last tensor."""
    sizes = mixed_sizes(source)[:-1] + [channels]
    dynamic, static, offsets = _slice_attrs(sizes, len(sizes))
    result = ir.RankedTensorType.get(static, ir.RankedTensorType(source.type).element_type)
    return tensor.ExtractSliceOp(result, source, [channel_offset], dynamic, [], offsets,
                                 ir.DenseI64ArrayAttr.get(static),
                                 ir.DenseI64ArrayAttr.get([1] * len(sizes))).result


def _insert(value: ir.Value, dest: ir.Value, channel_offset: ir.Value) -> ir.Value:
    sizes = mixed_sizes(value)
    dynamic, static, offsets = _slice_attrs(sizes, len(sizes))
    return tensor.InsertSliceOp(value, dest, [channel_offset], dynamic, [], offsets,
                                ir.DenseI64ArrayAttr.get(static),
                                ir.DenseI64ArrayAttr.get([1] * len(sizes))).result


def _index(value: int) -> ir.Value:
    return arith.constant(ir.IndexType.get(), value)


def _collapse_groups(value: ir.Value, groups: list[list[int]]) -> ir.Value:
    shape = list(ir.RankedTensorType(value.type).shape)
    out = []
    for group in groups:
        size = 1
        for d in group:
            if ir.ShapedType.is_dynamic_size(shape[d]):
                size = ir.ShapedType.get_dynamic_size()
                break
            size *= shape[d]
        out.append(size)
    elem = ir.RankedTensorType(value.type).element_type
    return tensor.collapse_shape(ir.RankedTensorType.get(out, elem), value, groups)


def _split(op: ir.Operation, module: ir.Module) -> bool:
    x_g, w_g, init_g = op.operands[0], op.operands[1], op.operands[2]
    types = [v.type for v in (x_g, w_g, init_g)]
    if any(not isinstance(t, ir.RankedTensorType) for t in types):
        return False
    groups, f_per_group, c_per_group = list(ir.RankedTensorType(w_g.type).shape)[:3]
    x_shape = list(ir.RankedTensorType(x_g.type).shape)
    if any(ir.ShapedType.is_dynamic_size(s) for s in ir.RankedTensorType(w_g.type).shape + x_shape[1:]):
        return False
    if not worth_splitting(x_shape, c_per_group):
        return False
    nchw = [[0], [1, 2], [3], [4]]
    strides, dilations = _dense(op.attributes["strides"]), _dense(op.attributes["dilations"])
    with ir.InsertionPoint(op), op.location:
        x = transpose(_collapse_groups(x_g, nchw), TO_NHWC)
        out = transpose(_collapse_groups(init_g, nchw), TO_NHWC)
        w = permuted_filter(_collapse_groups(w_g, [[0, 1], [2], [3], [4]]), FCHW_TO_HWCF, module)
        # A loop over the groups (the group dim tiled by 1): one conv to schedule and compile,
        # however many groups.
        loop = scf.ForOp(_index(0), _index(groups), _index(1), [out])
        with ir.InsertionPoint(loop.body):
            g = loop.induction_variable
            c_offset = arith.muli(g, _index(c_per_group))
            f_offset = arith.muli(g, _index(f_per_group))
            acc = loop.inner_iter_args[0]
            conv = linalg.conv_2d_nhwc_hwcf(
                _slice(x, c_offset, c_per_group), _slice(w, f_offset, f_per_group),
                outs=[_slice(acc, f_offset, f_per_group)], strides=strides, dilations=dilations)
            scf.YieldOp([_insert(conv, acc, f_offset)])
        back = transpose(loop.results[0], TO_NCHW)
        result_type = ir.RankedTensorType(op.results[0].type)
        dynamic = [mixed_sizes(back)[0]] if ir.ShapedType.is_dynamic_size(result_type.shape[0]) else []
        result = tensor.expand_shape(result_type, back, nchw, output_shape=dynamic,
                                     static_output_shape=result_type.shape)
    op.results[0].replace_all_uses_with(result)
    op.erase()
    return True


def split_grouped_convs(module: ir.Module) -> int:
    """Rewrite the grouped convs of ``module`` into per-group channels-last convs; returns how
    many."""
    found: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == GROUPED:
            found.append(op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    with module.context:
        return sum(_split(op, module) for op in found)
