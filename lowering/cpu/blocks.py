"""End a block after each top-level loop before ``convert-scf-to-cf`` (``cpu-split-blocks-at-loops``).

``convert-scf-to-cf`` lowers an ``scf.for`` by splitting its block after the loop; the split
moves every later op of the block into a new block (one parent update per op), and the loops are
lowered first to last, so a function body of N sequential loops cost O(N^2) op moves: the pass
took 0.4 s at 1,000 Relu nodes, 12.5 s at 3,000 and most of 270 s at 10,000. Splitting the
function's blocks ourselves from the last loop to the first moves each op once (the ops after
loop k are already in their own blocks when loop k is handled); ``convert-scf-to-cf`` then
finds only the ``cf.br`` after each loop. Only function bodies are split (ops such as ``scf.if``
or ``scf.for`` need single-block regions); the branches are straight-line and LLVM merges them.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import cf

_LOOPS = ("scf.for", "scf.while", "scf.parallel", "scf.forall")


def split_blocks_at_loops(module: ir.Module) -> int:
    """Split every block of every function body after each loop that has more ops after it
    than its terminator; returns the number of new blocks."""
    created = 0
    for op in module.body.operations:
        if op.operation.name != "func.func" or not op.operation.regions[0].blocks:
            continue
        for block in list(op.operation.regions[0].blocks):
            created += _split_block(block)
    return created


def _split_block(block: ir.Block) -> int:
    ops = list(block.operations)
    loops = [i for i, op in enumerate(ops[:-1]) if op.operation.name in _LOOPS]
    created = 0
    end = len(ops)  # ops[end:] already moved out
    branch = None  # the branch that now ends the block (added by the previous split)
    for i in reversed(loops):
        if branch is None and i + 2 >= end:  # only the terminator follows
            continue
        tail = block.create_after()
        for op in ops[i + 1:end]:
            tail.append(op.operation)
        if branch is not None:
            tail.append(branch.operation)
        with ir.InsertionPoint(block), ops[i].location:
            branch = cf.BranchOp([], tail)
        end = i + 1
        created += 1
    return created
