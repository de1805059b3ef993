"""1-D convolutions and pools as channels-last 2-D ones of height 1 (for conv_layout.py).

Audio and byte-sequence models (voice activity detectors, magika) are 1-D convolutions, which
had no schedule and ran as scalar loops. A ``conv_1d_ncw_fcw`` is the 2-D NHWC conv of an
``N x 1 x W x C`` image: the input and accumulator are transposed to NWC and given a unit
height (``tensor.expand_shape``), the filter becomes ``1 x K x C x F`` (at compile time when
constant), and the result loses the unit height and goes back to NCW. The 3-D transposes then
move and cancel across the model like the 4-D ones; pools likewise.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import linalg, tensor

from .layout_moves import mixed_sizes, transpose

TO_NWC = (0, 2, 1)
FCK_TO_KCF = (2, 1, 0)
_UNIT_HEIGHT = [[0, 1], [2], [3]]  # (N, W, C) -> (N, 1, W, C)

# 1-D op -> 2-D NHWC builder
REWRITES_1D = {
    "linalg.conv_1d_ncw_fcw": linalg.conv_2d_nhwc_hwcf,
    "linalg.pooling_ncw_max": linalg.pooling_nhwc_max,
    "linalg.pooling_ncw_sum": linalg.pooling_nhwc_sum,
}


def _reassociation(groups: list[list[int]]) -> ir.ArrayAttr:
    i64 = ir.IntegerType.get_signless(64)
    return ir.ArrayAttr.get([ir.ArrayAttr.get([ir.IntegerAttr.get(i64, d) for d in g]) for g in groups])


def _with_unit_dim(value: ir.Value, groups: list[list[int]]) -> ir.Value:
    """``value`` with a unit dim before dim 0's group end (``groups``: the expand's groups)."""
    sizes = mixed_sizes(value)
    out: list = []
    for group, size in zip(groups, sizes):
        out.extend([1] * (len(group) - 1) + [size])
    dyn = ir.ShapedType.get_dynamic_size()
    t = ir.RankedTensorType(value.type)
    result = ir.RankedTensorType.get([s if isinstance(s, int) else dyn for s in out], t.element_type)
    return tensor.expand_shape(result, value, _reassociation(groups), [s for s in out if not isinstance(s, int)],
                               ir.DenseI64ArrayAttr.get([s if isinstance(s, int) else dyn for s in out]))


def _without_unit_dim(value: ir.Value, groups: list[list[int]]) -> ir.Value:
    t = ir.RankedTensorType(value.type)
    shape = [t.shape[g[-1]] for g in groups]
    return tensor.collapse_shape(ir.RankedTensorType.get(shape, t.element_type), value, _reassociation(groups))


def conv_1d_to_channels_last(op: ir.Operation, permuted_filter) -> bool:
    """Rewrite one 1-D conv/pool (see the module docstring); ``permuted_filter(w, perm)`` gives
    the permuted filter (a new constant when ``w`` is one)."""
    builder = REWRITES_1D[op.name]
    x, w, init = op.operands[0], op.operands[1], op.operands[2]
    if any(not isinstance(v.type, ir.RankedTensorType) for v in (x, w, init)):
        return False
    strides = [int(v) for v in ir.DenseIntElementsAttr(op.attributes["strides"])]
    dilations = [int(v) for v in ir.DenseIntElementsAttr(op.attributes["dilations"])]
    with ir.InsertionPoint(op), op.location:
        x4 = _with_unit_dim(transpose(x, TO_NWC), _UNIT_HEIGHT)
        init4 = _with_unit_dim(transpose(init, TO_NWC), _UNIT_HEIGHT)
        if op.name == "linalg.conv_1d_ncw_fcw":
            second = _with_unit_dim(permuted_filter(w, FCK_TO_KCF), _UNIT_HEIGHT)
        else:  # the pooling window: (K) -> (1, K)
            second = _with_unit_dim(w, [[0, 1]])
        result = builder(x4, second, outs=[init4], strides=[1] + strides, dilations=[1] + dilations)
        back = transpose(_without_unit_dim(result, _UNIT_HEIGHT), TO_NWC)
    op.results[0].replace_all_uses_with(back)
    op.erase()
    return True
