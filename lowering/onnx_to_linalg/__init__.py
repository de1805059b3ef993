"""`convert-onnx-to-linalg`: lower the onnx dialect to linalg, tensor, arith and math on tensors.

Patterns live in one module per op family; importing this package registers them all. The pass
lowers every op that has a registered pattern, of any dialect (a plugin registers patterns for
its own ops the same way), and fails with "failed to legalize" at any op outside
``LEGAL_DIALECTS`` that is left.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import ClassVar

from mlir import ir
from mlir.dialects import scf

from ...passes.lowering_patterns import lowered_op_names, lowering_for
from ...passes.pass_base import ModulePass, PassFailure
from ...passes.rewrite import PatternSet, apply_once, collect_ops, to_fixpoint
from . import guards
from .lib import known_sizes, runtime_checks
from .lib.casting import refine_to
from .pattern import LoweringError, OnnxLoweringPattern, pattern_for, register_pattern  # noqa: F401

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


# What the conversion leaves: upstream dialects. Ops of any other dialect (onnx, a plugin's IRDL
# dialect, an unregistered op) must be lowered by a pattern. (`smt.yield` terminates the regions
# of onnx control-flow ops, whose lowering replaces it.)
LEGAL_DIALECTS = frozenset({
    "builtin", "func", "arith", "math", "linalg", "tensor", "scf", "affine", "memref",
    "bufferization", "complex", "index", "cf", "ub", "vector", "llvm", "smt", "transform",
})

# Rounds of the conversion: a pattern may build ops that have patterns of their own.
MAX_ROUNDS = 8


def is_legal(op: ir.Operation) -> bool:
    return op.name.partition(".")[0] in LEGAL_DIALECTS


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
    """Lower every op that has a pattern (any dialect); fail at the first illegal op left."""

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
        known_sizes.reset()
        try:
            self._convert(module)
        finally:
            known_sizes.reset()

    def _convert(self, module: ir.Module) -> None:
        opset = _model_opset(module)
        patterns = PatternSet()
        for name in lowered_op_names():
            patterns.add(name, functools.partial(self._lower, lowering_for(name)))
        patterns.add_for_any_op(lambda op: self._no_lowering(op, opset))

        def to_convert(op: ir.Operation) -> bool:
            return not is_legal(op) or op.name in named

        named = set(patterns.op_names())
        to_fixpoint(lambda: apply_once(module, patterns, select=to_convert), MAX_ROUNDS)
        left = collect_ops(module, lambda op: not is_legal(op))
        if left:
            self._no_lowering(left[0], opset)

    def _no_lowering(self, op: ir.OpView, opset: str) -> None:
        """An op left illegal: "failed to legalize" at its location (a legal op is left alone)."""
        if is_legal(op.operation):
            return None
        op_type = getattr(op, "ONNX_OP_TYPE", None)
        origin = f" (ai.onnx {op_type}, opset {opset})" if op_type else ""
        op.location.emit_error(f"failed to legalize operation '{op.operation.name}'{origin}: "
                               "no lowering to linalg")
        raise PassFailure(self.name)

    def _lower(self, pattern: OnnxLoweringPattern, op: ir.OpView) -> list[ir.Value | None]:
        """The op's replacement values built by ``pattern``: refined to the result types, every
        used result lowered (else "failed to legalize")."""
        try:
            replacements = self._rewrite(pattern, op)
        except LoweringError as error:
            op.location.emit_error(f"failed to legalize operation '{op.operation.name}': {error}")
            raise PassFailure(self.name) from None
        results = op.operation.results
        if len(replacements) != len(results):
            raise AssertionError(f"pattern for {op.operation.name} returned "
                                 f"{len(replacements)} values for {len(results)} results")
        refined = []
        for result, new in zip(results, replacements):
            if new is not None and new.type != result.type:
                with ir.InsertionPoint(op), op.location:
                    new = _refine_to(new, result.type)
            if new is None and list(result.uses):
                op.location.emit_error(f"failed to legalize operation '{op.operation.name}': "
                                       f"result #{result.result_number} is used but not lowered")
                raise PassFailure(self.name)
            refined.append(new)
        return refined


__all__ = ["ConvertOnnxToLinalgPass", "LoweringError", "OnnxLoweringPattern", "register_pattern"]
