"""`convert-onnx-to-linalg`: lower the onnx dialect to linalg, tensor, arith and math on tensors.

Patterns live in one module per op family; importing this package registers them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from mlir import ir
from mlir.dialects import scf

from ...passes.registry import ModulePass, PassFailure
from . import guards
from .lib import runtime_checks
from .lib.casting import refine_to
from .pattern import LoweringError, OnnxLoweringPattern, pattern_for, register_pattern

# Op families: importing a module registers its patterns.
from . import (  # noqa: E402,F401
    elementwise,
    matmul,
    conv,
    pooling,
    shape,
    logic,
    activations,
    cast,
    reduction,
    softmax,
    scan,
    normalization,
    loss,
    einsum,
    movement,
    slice_pad,
    blocks,
    indexing,
    selection_ops,
    nms,
    generators,
    quantization,
    resize,
    recurrent,
    control_flow,
    image,
    unpool,
    loops,
    signal,
    roi,
)


def _walk_onnx_ops(module: ir.Module) -> list[ir.OpView]:
    """Every `onnx.*` op in program order, outermost first."""
    found: list[ir.OpView] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name.startswith("onnx."):
            found.append(op.opview)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    return found


def _model_opset(module: ir.Module) -> str:
    """The model's ai.onnx opset as recorded by the importer, or '?' for hand-written IR."""
    attrs = module.operation.attributes
    if "onnx.opset_import" in attrs:
        opsets = ir.DictAttr(attrs["onnx.opset_import"])
        if "ai.onnx" in opsets:
            return str(ir.IntegerAttr(opsets["ai.onnx"]).value)
    return "?"


def _refine_to(value: ir.Value, result_type: ir.Type) -> ir.Value:
    """``value`` `tensor.cast` to the op's result type when only static-ness differs (a pattern
    built ``tensor<?xf32>`` from dynamic operands where shape inference typed the result
    ``tensor<10xf32>``), so users and the function signature keep the declared type. Anything
    else is left as is, for the run-time-checked casts of guards.py."""
    refined = refine_to(value, result_type, signedness=False)
    return value if refined is None else refined


def check_result_shapes(replacements: list, results) -> None:
    """LoweringError when a lowered value cannot stand for the op's result: a different rank or
    a static dim that differs (replacing the result with it anyway, or trusting the result type,
    would compute the wrong tensor). A dynamic dim on either side is refined by `_refine_to`."""
    from .lib.builders import shapes_compatible

    for i, (new, result) in enumerate(zip(replacements, results)):
        if (new is not None and isinstance(new.type, ir.RankedTensorType)
                and isinstance(result.type, ir.RankedTensorType)
                and not shapes_compatible(new, result)):
            raise LoweringError(f"result #{i} is computed as {new.type} but typed {result.type}")


@dataclass
class ConvertOnnxToLinalgPass(ModulePass):
    """Lower every onnx op with a pattern; fail on the first op that has none."""

    name: ClassVar[str] = "convert-onnx-to-linalg"
    summary: ClassVar[str] = "Lower onnx dialect ops to linalg/tensor/arith/math on tensors"

    # Guard what cannot be proven at compile time (shape agreement, index ranges) with run-time
    # checks reported through a status argument; off for targets without that ABI (GPU).
    runtime_checks: bool = True

    def _rewrite(self, pattern: OnnxLoweringPattern, op: ir.OpView) -> list[ir.Value | None]:
        """Build the op's replacement; ops whose run-time checks (``require``) cannot be decided
        at compile time are guarded (see guards.py)."""
        if not self.runtime_checks:
            with ir.InsertionPoint(op), op.location:
                replacements = list(pattern.rewrite(op))
            check_result_shapes(replacements, op.operation.results)
            return replacements
        # Build into a scratch block first, so that the ops of this one lowering are known.
        with op.location:
            scratch_op = scf.ExecuteRegionOp([], ip=ir.InsertionPoint(op))
            scratch = scratch_op.regions[0].blocks.append()
        try:
            with ir.InsertionPoint(scratch), op.location, runtime_checks.scope() as checks:
                replacements = list(pattern.rewrite(op))
                check_result_shapes(replacements, op.operation.results)
                if len(replacements) == len(op.operation.results):
                    replacements = [new if new is None or new.type == result.type
                                    else _refine_to(new, result.type)
                                    for new, result in zip(replacements, op.operation.results)]
            with op.location:
                replacements = guards.guard_refining_casts(scratch, op.operation, replacements)
                return guards.guard(op.operation, checks.checks, scratch, replacements)
        finally:
            scratch_op.operation.erase()

    def run(self, module: ir.Module) -> None:
        guards.reset()
        try:
            self._convert(module)
        finally:
            guards.reset()

    def _convert(self, module: ir.Module) -> None:
        opset = _model_opset(module)
        for op in _walk_onnx_ops(module):
            pattern = pattern_for(op.operation.name)
            if pattern is None:
                op_type = getattr(op, "ONNX_OP_TYPE", "?")
                op.location.emit_error(f"failed to legalize operation '{op.operation.name}' "
                                       f"(ai.onnx {op_type}, opset {opset}): no lowering to linalg")
                raise PassFailure(self.name)
            try:
                replacements = self._rewrite(pattern, op)
            except LoweringError as error:
                op.location.emit_error(f"failed to legalize operation '{op.operation.name}': {error}")
                raise PassFailure(self.name) from None
            results = op.operation.results
            if len(replacements) != len(results):
                raise AssertionError(f"pattern for {op.operation.name} returned "
                                     f"{len(replacements)} values for {len(results)} results")
            for result, new in zip(results, replacements):
                if new is not None and new.type != result.type:
                    with ir.InsertionPoint(op), op.location:
                        new = _refine_to(new, result.type)
                if new is not None:
                    result.replace_all_uses_with(new)
                elif list(result.uses):
                    op.location.emit_error(f"failed to legalize operation '{op.operation.name}': "
                                           f"result #{result.result_number} is used but not lowered")
                    raise PassFailure(self.name)
            op.operation.erase()


__all__ = ["ConvertOnnxToLinalgPass", "LoweringError", "OnnxLoweringPattern", "register_pattern"]
