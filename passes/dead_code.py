"""``onnx-dce``: erase ``onnx.*`` ops whose results are all unused.

The onnx dialect is defined in IRDL, which carries no side-effect information, so upstream
``canonicalize``/DCE must assume every onnx op may have effects and keeps dead ones. ONNX ops are
pure (a graph is a dataflow), so an onnx op with results and no users can go. Ops without results
(terminators such as ``onnx.yield``) are always kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from mlir import ir

from .pass_base import ModulePass
from .rewrite import to_fixpoint


def _is_dead_onnx_op(op: ir.Operation) -> bool:
    if not op.name.startswith("onnx.") or len(op.results) == 0:
        return False
    return all(next(iter(result.uses), None) is None for result in op.results)


# A sweep erases users before definers, so another sweep only finds ops that died with the
# regions of an op erased after them; the bound is never reached in practice.
MAX_SWEEPS = 64


def remove_dead_ops(module: ir.Module) -> int:
    """Erase the dead onnx ops of ``module`` to a fixpoint; how many it erased."""
    return to_fixpoint(lambda: _sweep_block(module.body), MAX_SWEEPS)


def _sweep_block(block: ir.Block) -> int:
    """Erase dead onnx ops of ``block`` (users before definers), recursing into survivors."""
    erased = 0
    for op in reversed(list(block.operations)):
        op = op.operation
        if _is_dead_onnx_op(op):
            op.erase()  # its nested ops go with it; we never hold handles to them
            erased += 1
            continue
        for region in op.regions:
            for inner in region.blocks:
                erased += _sweep_block(inner)
    return erased


@dataclass
class OnnxDeadCodeEliminationPass(ModulePass):
    """Remove dead onnx ops, repeating until nothing changes."""

    name: ClassVar[str] = "onnx-dce"
    summary: ClassVar[str] = "Remove onnx.* ops whose results are all unused (to a fixpoint)"

    def run(self, module: ir.Module) -> None:
        remove_dead_ops(module)
