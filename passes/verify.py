"""Verification around the project passes: ``onnx-verify`` reports malformed onnx ops before the
passes read them (see :mod:`onnx_mlir.dialects.onnx_verifier`); :func:`emit_oversized_values`
reports tensors too large to lay out or allocate (:mod:`onnx_mlir.limits`) after each project
pass, before bufferization would abort in LLVM on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from mlir import ir

from ..dialects.onnx_verifier import verify_onnx_ops
from ..limits import type_size_problem
from .pass_base import ModulePass, PassFailure


@dataclass
class OnnxVerifyPass(ModulePass):
    """Attribute kinds, segment sizes, tensor types and sizes of every onnx op;
    :class:`onnx_mlir.passes.Pipeline` runs it before the first project pass."""

    name: ClassVar[str] = "onnx-verify"
    summary: ClassVar[str] = ("Check onnx ops' attribute kinds, segment sizes and tensor types "
                              "(run before any project pass)")

    def run(self, module: ir.Module) -> None:
        if verify_onnx_ops(module) or emit_bad_dim_indices(module):
            raise PassFailure(self.name)


def emit_bad_dim_indices(module: ir.Module) -> int:
    """Emit an error at each ``tensor.dim``/``memref.dim`` whose constant index is outside its
    operand's rank: folding one aborts the process in an assertion of these bindings."""
    found: list[tuple[ir.Operation, str]] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name in ("tensor.dim", "memref.dim") and len(op.operands) == 2:
            source, index = op.operands[0].type, op.operands[1].owner
            index = index if isinstance(index, ir.Operation) else getattr(index, "operation", None)
            if isinstance(source, ir.ShapedType) and ir.ShapedType(source).has_rank and \
                    index is not None and index.name == "arith.constant" and \
                    isinstance(index.attributes["value"], ir.IntegerAttr):
                axis = ir.IntegerAttr(index.attributes["value"]).value
                rank = ir.ShapedType(source).rank
                if not 0 <= axis < rank:
                    found.append((op, f"'{op.name}' op index {axis} is out of range for a "
                                      f"rank-{rank} operand"))
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    for op, message in found:
        op.location.emit_error(message)
    return len(found)


def emit_oversized_values(module: ir.Module) -> int:
    """Emit an error at the first op with a result or block argument of a shaped type that is
    too large (see :func:`onnx_mlir.limits.type_size_problem`); the number of errors (0 or 1:
    the values computed from it would repeat the error)."""
    verdicts: dict = {}
    found: list[tuple[ir.Operation, str]] = []

    def problem(t: ir.Type) -> str | None:
        if t not in verdicts:
            ranked = isinstance(t, ir.ShapedType) and ir.ShapedType(t).has_rank
            verdicts[t] = type_size_problem(t) if ranked else None
        return verdicts[t]

    def visit(op: ir.Operation) -> ir.WalkResult:
        values = list(op.results) + [a for region in op.regions for block in region.blocks
                                     for a in block.arguments]
        for value in values:
            text = problem(value.type)
            if text:
                found.append((op, f"'{op.name}' op has a value of type {value.type}, which is "
                                  f"too large: {text}"))
                return ir.WalkResult.INTERRUPT
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    for op, message in found:  # (emitted outside the walk callback)
        op.location.emit_error(message)
    return len(found)
