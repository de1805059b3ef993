"""Size computations made opaque to the bufferization analysis (``cpu-opaque-sizes``).

One-shot bufferization (and ``eliminate-empty-tensors``, which runs its analysis) asks
``ValueBoundsConstraintSet`` whether slices of a tensor overlap or are equal. For a dynamic size it
builds a Presburger system over the size's whole backward slice: in a model with dynamic spatial
dims every size is an ``arith`` chain (``(w + 2p - k) floordiv s + 1``, a max with 0 ...) from the
input dims through every layer before it, so each query grows with the depth of the layer and the
whole analysis with its square; PP-OCRv4's recogniser spent two minutes in it (perf: ``gcdRange``,
Fourier-Motzkin elimination).

The queries only need sizes as symbols: slices of one tensor are compared with offsets and sizes
built from the same few values. So each size computed at the top level of a function is passed
through a one-block ``scf.execute_region``, which the analysis cannot see through, making each
chain one step deep. ``canonicalize`` after bufferization inlines the regions again: the code is
unchanged.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import scf

# Ops whose index results start or continue a size chain.
_SIZE_DIALECTS = ("arith.", "affine.")


def _is_size(op: ir.Operation) -> bool:
    return op.name.startswith(_SIZE_DIALECTS) and op.name != "arith.constant" and \
        all(isinstance(r.type, ir.IndexType) for r in op.results) and len(op.results) == 1


def hide_size_chains(module: ir.Module) -> int:
    """Wrap each top-level index result of an ``arith``/``affine`` op of every function that has
    a use outside such ops' chains. Returns the number of wrapped values."""
    sizes: list[ir.Operation] = []
    for op in module.body.operations:
        if op.operation.name != "func.func" or not op.regions[0].blocks:
            continue
        for inner in op.regions[0].blocks[0].operations:
            if _is_size(inner.operation):
                sizes.append(inner.operation)
    index = ir.IndexType.get(module.context)
    for op in sizes:
        value = op.results[0]
        uses = [(u.owner, u.operand_number) for u in value.uses]
        if not uses:
            continue
        with ir.InsertionPoint.after(op), op.location:
            region_op = scf.ExecuteRegionOp([index])
            block = region_op.regions[0].blocks.append()
            with ir.InsertionPoint(block):
                scf.YieldOp([value])
        for user, number in uses:
            user.operands[number] = region_op.results[0]
    return len(sizes)
