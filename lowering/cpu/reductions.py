"""Float reductions of ``linalg.generic`` ops may be reassociated (``fastmath<reassoc>`` on the
combiner), so that LLVM vectorizes their loops.

Without it LLVM must add the elements in order, one at a time: a LayerNorm's mean and variance
or a softmax's sum over a row then run at one add per 3-4 cycles. With it the loop vectorizer
keeps partial sums in vector lanes and combines them at the end, as onnxruntime's kernels do;
the result differs from the sequential sum by rounding only (ONNX fixes no summation order).

Combiner: the op of the body that takes the generic's ``outs`` block argument and whose result
is yielded for it (``arith.addf``/``mulf``/``maximumf``/``minimumf``/``maxnumf``/``minnumf``).
"""

from __future__ import annotations

from mlir import ir

COMBINERS = frozenset({"arith.addf", "arith.mulf", "arith.maximumf", "arith.minimumf",
                       "arith.maxnumf", "arith.minnumf"})


def _combiners(generic: ir.Operation) -> list[ir.Operation]:
    block = generic.regions[0].blocks[0]
    n_inputs = len(generic.operands) - _num_outputs(generic)
    outs = list(block.arguments)[n_inputs:]
    terminator = block.operations[len(block.operations) - 1]
    found = []
    for i, yielded in enumerate(terminator.operands):
        owner = yielded.owner
        if isinstance(owner, ir.Block) or i >= len(outs):
            continue
        owner = owner.operation if hasattr(owner, "operation") else owner
        if owner.name in COMBINERS and any(v == outs[i] for v in owner.operands):
            found.append(owner)
    return found


def _num_outputs(generic: ir.Operation) -> int:
    sizes = ir.DenseI32ArrayAttr(generic.attributes["operandSegmentSizes"])
    return sizes[1]


def _has_reduction(generic: ir.Operation) -> bool:
    return "reduction" in str(generic.attributes["iterator_types"])


def reassociate_reductions(module: ir.Module) -> int:
    """Mark the combiners of every reducing ``linalg.generic``; returns how many."""
    marked: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == "linalg.generic" and _has_reduction(op):
            marked.extend(_combiners(op))
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    with module.context:
        reassoc = ir.Attribute.parse("#arith.fastmath<reassoc>")
        for op in marked:
            op.attributes["fastmath"] = reassoc
    return len(marked)
