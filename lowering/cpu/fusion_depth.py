"""Where elementwise fusion stops on long chains: every ``MAX_FUSION_DEPTH``-th generic of a chain
is kept out of it (``cpu-fuse-elementwise``, fusion.py).

Upstream ``linalg-fuse-elementwise-ops`` fuses one producer into one consumer at a time, each
time cloning the producer's whole body (everything fused into it so far) into a new generic: a
chain of N elementwise ops costs O(N^2) op clones (9.9 s of a 3,000-node Relu chain's 19 s
compile; 10,000 nodes would take minutes). Cutting chains at a bounded depth keeps the cost
linear; a loop body of that many ops gains nothing from more fusion (one intermediate buffer
written and read back per ``MAX_FUSION_DEPTH`` ops).
"""

from __future__ import annotations

from typing import Callable

from mlir import ir

MAX_FUSION_DEPTH = 128


def depth_cuts(module: ir.Module, kept_out: Callable[[ir.Operation], bool],
               max_depth: int = MAX_FUSION_DEPTH) -> list[ir.Operation]:
    """The generics of ``module``'s function bodies at which a chain of fusable generics (those
    not ``kept_out``) reaches ``max_depth``: the depth of a generic is one more than the
    deepest fusable generic it reads from, and restarts after a cut."""
    cuts: list[ir.Operation] = []
    depth: dict[ir.Value, int] = {}
    for fn in module.body.operations:
        if fn.operation.name != "func.func":
            continue
        for block in fn.operation.regions[0].blocks:
            for op in block.operations:
                op = op.operation
                if op.name != "linalg.generic" or kept_out(op):
                    continue
                level = 1 + max((depth.get(v, 0) for v in op.operands), default=0)
                if level >= max_depth:
                    cuts.append(op)
                    level = 0
                for result in op.results:
                    depth[result] = level
    return cuts
