"""Channels-last layout for 2-D convolutions and pools, with transposes moved until they cancel.

ONNX convolutions are NCHW; the fast CPU kernels (conv_schedules.py) want the channels innermost
(NHWC input and output, HWCF filter), so that a vector runs along the channels. This pass, on
linalg on tensors before the tensor schedule:

1. rewrites ``conv_2d_nchw_fchw``, ``depthwise_conv_2d_nchw_chw`` and ``pooling_nchw_{max,sum}``
   into their NHWC forms between two ``linalg.transpose``s (input and accumulator to NHWC, result
   back to NCHW). Constant filters (``arith.constant``, possibly behind a reshape) are permuted
   now, at compile time, into a new constant: no weight is transposed at run time;
2. moves transposes through the ops around them (:class:`TransposeMover`), so that a chain
   conv -> relu -> conv -> add stays NHWC and transposes are left only at the chain's edges;
   transposes of constants (filters, a Gemm's weights) are done at compile time.

Both steps only change data layout, never values.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg

from .constant_transpose import permuted_constant
from .layout_moves import TransposeMover, defining_op, transpose

TO_NHWC = (0, 2, 3, 1)
TO_NCHW = (0, 3, 1, 2)
FCHW_TO_HWCF = (2, 3, 1, 0)
CHW_TO_HWC = (1, 2, 0)
SWAP_TO_NWHC = (0, 3, 2, 1)  # its own inverse
# Filter permutations when height and width trade places (_width_one).
_SWAPPED_FILTER = {"linalg.conv_2d_nchw_fchw": (3, 2, 1, 0), "linalg.depthwise_conv_2d_nchw_chw": (2, 1, 0)}

# NCHW op -> (builder of the NHWC op, filter permutation or None for a pooling window).
_REWRITES = {
    "linalg.conv_2d_nchw_fchw": (linalg.conv_2d_nhwc_hwcf, FCHW_TO_HWCF),
    "linalg.depthwise_conv_2d_nchw_chw": (linalg.depthwise_conv_2d_nhwc_hwc, CHW_TO_HWC),
    "linalg.pooling_nchw_max": (linalg.pooling_nhwc_max, None),
    "linalg.pooling_nchw_sum": (linalg.pooling_nhwc_sum, None),
}

def permuted_filter(w: ir.Value, perm: Sequence[int], module: ir.Module) -> ir.Value:
    """``w`` with its dims permuted: a new constant when ``w`` is constant, else a transpose."""
    permuted = permuted_constant(w, perm, module)
    return permuted if permuted is not None else transpose(w, perm)


def _int_list(attr: ir.Attribute) -> list[int]:
    return [int(v) for v in ir.DenseIntElementsAttr(attr)]


def _width_one(op: ir.Operation) -> bool:
    """Whether a conv's input, output and filter all have width 1: a 1-D conv along the height
    (tf2onnx writes Conv1D this way), which is laid out with height and width swapped so that the
    register tile runs along the long dim rather than a width of 1."""
    if op.name not in _SWAPPED_FILTER:
        return False
    shapes = [ir.RankedTensorType(v.type).shape for v in list(op.operands)[:3]]
    return all(s[-1] == 1 for s in shapes)


def _to_channels_last(op: ir.Operation, module: ir.Module) -> bool:
    builder, filter_perm = _REWRITES[op.name]
    x, w, init = op.operands[0], op.operands[1], op.operands[2]
    if any(not isinstance(v.type, ir.RankedTensorType) for v in (x, w, init)):
        return False
    strides, dilations = _int_list(op.attributes["strides"]), _int_list(op.attributes["dilations"])
    to_last, back_perm = TO_NHWC, TO_NCHW
    if _width_one(op):  # (N, C, H, 1) -> (N, 1, H, C): the height becomes the width
        to_last = back_perm = SWAP_TO_NWHC
        filter_perm = _SWAPPED_FILTER[op.name]
        strides, dilations = strides[::-1], dilations[::-1]
    with ir.InsertionPoint(op), op.location:
        x_nhwc = transpose(x, to_last)
        init_nhwc = transpose(init, to_last)
        second = w if filter_perm is None else permuted_filter(w, filter_perm, module)
        result = builder(x_nhwc, second, outs=[init_nhwc], strides=strides, dilations=dilations)
        back = transpose(result, back_perm)
    op.results[0].replace_all_uses_with(back)
    op.erase()
    return True


def to_channels_last(module: ir.Module) -> int:
    """Rewrite every NCHW conv/pool of ``module`` to NHWC and move the transposes; returns how
    many ops were rewritten."""
    found: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name in _REWRITES:
            found.append(op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    rewritten = 0
    with module.context:
        for op in found:
            rewritten += _to_channels_last(op, module)
        if rewritten:
            TransposeMover(module).run()
        else:  # (transposes of constants, e.g. a Gemm's weights, fold in any model)
            TransposeMover(module).fold_constant_transposes()
    return rewritten
