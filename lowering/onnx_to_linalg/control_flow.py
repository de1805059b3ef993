"""Control flow: ONNX If -> `scf.if`.

The branch regions of `onnx.if` (terminated by `smt.yield`) are moved, op by op, into the
`scf.if` regions and their terminators become `scf.yield`. Moving keeps the same operations, so
the pass, which collected every onnx op (outermost first) before rewriting, still lowers the ops
inside the branches afterwards, in their new place; the emptied `onnx.if` is then erased.
A branch result whose type is more static than the If result is `tensor.cast` to it.

An If marked ``onnx_mlir.trapped_branch`` (its else_branch returns other ranks than its
then_branch, and the importer replaced it by zeros: ``importer/constant_if.py``) requires its
condition to be true at run time: the driver's guard reports a run that takes the else_branch as
an ``ExecutionError`` naming the node.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import scf, tensor

from .pattern import LoweringError, OnnxLoweringPattern, register_pattern

from ...dialects.onnx import REGION_TERMINATOR, TRAPPED_BRANCH_ATTR
from .lib.control_flow_common import scalar_condition
from .lib.runtime_checks import require


def move_region_into(region: ir.Region, block: ir.Block, result_types: Sequence[ir.Type],
                     what: str) -> None:
    """Move the ops of single-block ``region`` to the end of ``block``; its `smt.yield` becomes
    `scf.yield` (with `tensor.cast`s to ``result_types`` where the types differ)."""
    blocks = list(region.blocks)
    if len(blocks) != 1:
        raise LoweringError(f"{what} must have one block, got {len(blocks)}")
    src = blocks[0]
    if len(list(src.arguments)):
        raise LoweringError(f"{what} must not take arguments")
    ops = list(src.operations)
    if not ops or ops[-1].operation.name != REGION_TERMINATOR:
        raise LoweringError(f"{what} must end in {REGION_TERMINATOR}")
    terminator = ops[-1]
    values = list(terminator.operation.operands)
    if len(values) != len(result_types):
        raise LoweringError(f"{what} yields {len(values)} values for {len(result_types)} results")
    with ir.InsertionPoint(block):
        new_yield = scf.YieldOp(values)
    for inner in ops[:-1]:
        inner.operation.move_before(new_yield)
    with ir.InsertionPoint(new_yield):
        for i, (v, t) in enumerate(zip(values, result_types)):
            if v.type == t:
                continue
            if not (isinstance(v.type, ir.RankedTensorType) and isinstance(t, ir.ShapedType)):
                raise LoweringError(f"{what} yields {v.type} for a result of type {t}")
            new_yield.operation.operands[i] = tensor.cast(t, v)
    terminator.operation.erase()


@register_pattern
class LowerIf(OnnxLoweringPattern):
    """If -> `scf.if` on the extracted condition, branches moved in (see module docstring)."""

    op_names = ("onnx.if",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        result_types = [r.type for r in op.operation.results]
        for t in result_types:
            if not isinstance(t, ir.RankedTensorType):
                raise LoweringError(f"If results must be ranked tensors, got {t}")
        cond = scalar_condition(op.cond)
        if TRAPPED_BRANCH_ATTR in op.operation.attributes:
            require(cond, "the condition selects the else_branch, whose results have other "
                          "ranks than the then_branch's the model was compiled with")
        if_op = scf.IfOp(cond, result_types, has_else=True)
        move_region_into(op.then_branch, if_op.then_block, result_types, "then_branch")
        move_region_into(op.else_branch, if_op.else_block, result_types, "else_branch")
        return list(if_op.results)


__all__ = ["LowerIf", "move_region_into"]
