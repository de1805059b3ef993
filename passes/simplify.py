"""``onnx-simplify``: the onnx-level optimization loop of the ``onnx`` stage.

One round runs constant-fold → decompose → shape-inference → canonicalize → dce; rounds repeat
until a round changes nothing (or ``max_iterations``). Folding comes first so that an op with
constant operands (a Range of constants, say) becomes a constant rather than being expanded;
shape inference runs after every decomposition so the new ops have static types before the next
folding round (Shape of a now-static tensor folds, and so on).

The loop is one project pass because a pipeline cannot iterate, and because the module is only
verified at the end of a project pass: intermediate IR from a function body may hold ops whose
verification needs the later folding (see "IRDL and variadic operands" in passes/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from mlir import ir

from .canonicalize import OnnxCanonicalizePass
from .constant_fold import OnnxConstantFoldPass
from .dead_code import remove_dead_ops
from .decompose import OnnxDecomposePass
from .instrumentation import timed
from .pass_base import ModulePass
from .rewrite import to_fixpoint
from .shape_inference import OnnxShapeInferencePass


@dataclass
class OnnxSimplifyPass(ModulePass):
    """constant-fold, decompose, shape-inference, canonicalize and dce until nothing changes."""

    name: ClassVar[str] = "onnx-simplify"
    summary: ClassVar[str] = ("Run onnx-constant-fold, onnx-decompose, onnx-shape-inference, "
                              "onnx-canonicalize and onnx-dce until nothing changes")
    max_iterations: int = 10
    decompose: bool = True

    def run(self, module: ir.Module) -> None:
        with module.context, ir.Location.unknown():
            self.apply(module)

    def apply(self, module: ir.Module) -> int:
        fold = OnnxConstantFoldPass()
        decompose = OnnxDecomposePass()
        infer = OnnxShapeInferencePass()
        canonicalize = OnnxCanonicalizePass()

        def round_() -> int:
            with timed(fold.name):  # shown nested under onnx-simplify by --mlir-timing
                changed = fold.apply(module)
            if self.decompose:
                with timed(decompose.name):
                    changed += decompose.apply(module)
            with timed(infer.name):
                changed += infer.apply(module)
            with timed(canonicalize.name):
                changed += canonicalize.apply(module)
            with timed("onnx-dce"):
                return changed + remove_dead_ops(module)

        return to_fixpoint(round_, self.max_iterations)
