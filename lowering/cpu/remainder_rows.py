"""The remainder rows of a matmul tiled along a dynamic M: one row at a time, not a masked tile.

The tensor schedule peels the register-tile loops (schedules.py): a main loop of full
``rm x rn`` tiles, then one partial tile. When M is dynamic (a batch dim) the partial tile's height
is only known at run time, and vectorizing it with masks builds a 2-D mask per k step: an
``rm x rn`` (``8 x 32`` on AVX-512) ``vector.from_elements`` of per-row selects, repeated for
the contraction's 3-D mask. That code is large (it pushed dynamic-batch BERT past the op count
above which the JIT compiles at O0, compiler/opt_level.py) and slow. Tiling the partial tile again
by one row gives ``1 x rn`` tiles of static shape when N is static: vectorized without masks,
like the GEMV tiles of M = 1, in a loop of at most ``rm - 1`` iterations. A dynamic N keeps its
masks, then one-dimensional (vector sizes ``1 x rn``).
"""

from __future__ import annotations

import dataclasses

from mlir import ir

ROW_ATTR = "__onnx_mlir_cpu_rows"  # on tiles split by rows: the op's loop count
ROW_GROUP_BASE = 1 << 20  # vectorization group of a schedule's row tiles: base + its tag


def _dynamic_rows(op: ir.Operation) -> bool:
    """Whether the tile's M (the init's second-to-last dim) is dynamic."""
    shape = ir.ShapedType(op.operands[2].type).shape
    return len(shape) >= 2 and ir.ShapedType.is_dynamic_size(shape[-2])


def split_dynamic_rows(module: ir.Module, sched_attr: str) -> int:
    """Tag the tiled ops (those carrying ``sched_attr``) whose M is dynamic; returns how many."""
    count = 0

    def visit(op: ir.Operation) -> ir.WalkResult:
        nonlocal count
        if sched_attr in op.attributes and _dynamic_rows(op):
            loops = len(ir.ShapedType(op.operands[2].type).shape) + 1
            with module.context:
                op.attributes[ROW_ATTR] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), loops)
            count += 1
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    return count


def row_split_script(sched_attr: str) -> str:
    """Transform body tiling the tagged ops by one row (matmul: 3 loops, batch_matmul: 4)."""
    body = ""
    for loops in (3, 4):
        sizes = [0] * loops
        sizes[loops - 3] = 1
        body += (f"%rows{loops} = transform.structured.match attributes{{{ROW_ATTR} = {loops} : i64}} "
                 f"in %root : (!transform.any_op) -> !transform.any_op\n"
                 f"%rt{loops}, %rl{loops} = transform.structured.tile_using_for %rows{loops} "
                 f"tile_sizes {sizes} : (!transform.any_op) -> (!transform.any_op, !transform.any_op)\n")
    return body + """
    %funcs = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    """


def row_group(op: ir.Operation, tag: int) -> int:
    """The vectorization group of a dynamically shaped tile: its schedule's (masked with the
    register tile's sizes), or the schedule's row group for a tile split by rows."""
    return ROW_GROUP_BASE + tag if ROW_ATTR in op.attributes else tag


def row_schedule(schedule):
    """The schedule of ``schedule``'s row tiles: its row group, vector sizes one row high."""
    sizes = list(schedule.tiles.vector_sizes)
    sizes[-3] = 1
    tiles = dataclasses.replace(schedule.tiles, vector_sizes=tuple(sizes))
    return dataclasses.replace(schedule, tag=ROW_GROUP_BASE + schedule.tag, tiles=tiles)
