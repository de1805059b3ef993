"""Transform-dialect schedules for the CPU backend.

Scripts applied from Python with the transform interpreter:

* the *tensor* schedule (before bufferization) tiles matmul-like ops twice (cache tiles, then
  register tiles; sizes from matmul_schedules.py, per ISA), peels partial register tiles, then
  vectorizes the tiles into ``vector.contract``: static tiles (full ones and the remainders of
  static dims) at their own size, the remainder rows of a dynamic M one row at a time
  (remainder_rows.py), what is still dynamic (N) with masks;
* the *vector* schedule (after bufferization) folds subviews, CSEs so that reads and writes of the
  accumulator use the same SSA indices, hoists the accumulator out of the reduction loop and lowers
  the contractions to outer products (FMAs).

Ops no schedule takes stay untouched (they become loops), so the schedule never affects
correctness decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from . import epilogues
from .matmul_fusion import Outer, outer_text, parallel_tiles
from .matmul_schedules import MatmulTiles, matmul_tiles
from .remainder_rows import ROW_ATTR, row_group, row_schedule, row_split_script, split_dynamic_rows
from .transform_script import apply as _apply
from .transform_script import wrap as _wrap

SCHED_ATTR = "__onnx_mlir_cpu_sched"
VEC_ATTR = "__onnx_mlir_cpu_vectorize"  # after tiling: STATIC_GROUP, or the schedule's tag (masked)
STATIC_GROUP = -1


@dataclass(frozen=True)
class OpSchedule:
    """The schedule of one tagged op: tile twice, peel partial register tiles, vectorize."""

    tag: int
    tiles: MatmulTiles
    parallel: tuple[int, ...] | None = None  # scf.forall sizes (matmul_fusion.py)


def _choose(op: ir.Operation, vector_bits: int) -> MatmulTiles | None:
    """Tiles for a supported op, or None to leave it to the loop path."""
    return matmul_tiles(op, vector_bits)


def _tile_text(handle: str, sizes: tuple[int, ...], out: str) -> str:
    n_loops = sum(1 for s in sizes if s)
    loop_types = ", ".join(["!transform.any_op"] * (n_loops + 1))
    return (f"%{out}, %{out}_loops:{n_loops} = transform.structured.tile_using_for %{handle} "
            f"tile_sizes {list(sizes)} : (!transform.any_op) -> ({loop_types})\n")


def _peel_text(loop: str, out: str) -> str:
    return (f"%{out}_for = transform.cast {loop} : !transform.any_op to !transform.op<\"scf.for\">\n"
            f"%{out}_main, %{out}_rest = transform.loop.peel %{out}_for {{fail_if_already_divisible = false}} "
            ": (!transform.op<\"scf.for\">) -> (!transform.any_op, !transform.any_op)\n")


def _match(attr: str, tag: int) -> str:
    return (f"transform.structured.match attributes{{{attr} = {tag} : i64}} "
            f"in %root : (!transform.any_op) -> !transform.any_op\n")


def _tiling_text(s: OpSchedule, fusion: epilogues.Fusion | None = None) -> str:
    """Split over threads and fuse the epilogue (matmul_fusion.py), tile (cache, then register
    tiles) and peel partial register tiles."""
    t = s.tiles
    body = f"%op{s.tag} = {_match(SCHED_ATTR, s.tag)}"
    outer, handle, cache_tiles = outer_text(s.tag, f"op{s.tag}", Outer(s.parallel, fusion), t)
    body += outer
    body += _tile_text(handle, cache_tiles, f"o{s.tag}")
    body += _tile_text(f"o{s.tag}", t.inner, f"i{s.tag}")
    for loop in t.peel:
        body += _peel_text(f"%i{s.tag}_loops#{loop}", f"p{s.tag}_{loop}")
    return body


def tiling_script(schedules: list[OpSchedule]) -> str:
    """Transform module that tiles each tagged op; canonicalization then gives the tiles of
    peeled loops (and remainders of static dims) static shapes."""
    body = "".join(_tiling_text(s) for s in schedules)
    body += """
    %funcs = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    """
    return _wrap(body)


def vectorize_script(masked: list[OpSchedule], any_static: bool) -> str:
    """Transform module that vectorizes the tiles: statically shaped ones as they are (partial
    tiles of static dims get vectors of their own size, no masks), dynamically shaped ones with
    the register tile's vector sizes and masks."""
    body = ""
    if any_static:
        body += f"%static = {_match(VEC_ATTR, STATIC_GROUP)}"
        body += "transform.structured.vectorize %static : !transform.any_op\n"
    for s in masked:
        body += f"%masked{s.tag} = {_match(VEC_ATTR, s.tag)}"
        body += (f"transform.structured.vectorize %masked{s.tag} vector_sizes "
                 f"{list(s.tiles.vector_sizes)} : !transform.any_op\n")
    # Masked transfers -> transfers with a mask operand, masked ops -> selects: later patterns
    # take one op at a time ("vector.mask expects only one operation to mask" otherwise).  All in
    # one pattern set with reduction_to_contract: applied on their own first (or
    # reduction_to_contract alone first), the unit-k multi_reduction of the matmul tiles is
    # folded into an elementwise mul of 3-D broadcasts that lowers to scalar code (up to 40x
    # slower).
    body += """
    %funcs = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.vector.lower_masked_transfers
      transform.apply_patterns.vector.lower_masks
      transform.apply_patterns.vector.reduction_to_contract
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.vector.cast_away_vector_leading_one_dim
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    """
    return _wrap(body)


# After bufferization: CSE must run after folding subviews so that the accumulator's read and write
# use identical indices; only then can the hoisting move it out of the k loop.
VECTOR_SCHEDULE_SCRIPT_BODY = """
    %funcs = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_cse to %funcs : !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.memref.fold_memref_alias_ops
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.apply_cse to %funcs : !transform.any_op
    // Consumes %funcs: continue with the returned handle.
    %h = transform.structured.hoist_redundant_vector_transfers %funcs : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %h {
      transform.apply_patterns.vector.lower_contraction lowering_strategy = "outerproduct"
      transform.apply_patterns.vector.lower_outerproduct
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.vector.lower_multi_reduction lowering_strategy = "innerparallel"
      transform.apply_patterns.vector.lower_transfer max_transfer_rank = 1
      transform.apply_patterns.vector.lower_shape_cast
      transform.apply_patterns.vector.lower_broadcast
      transform.apply_patterns.vector.lower_transpose lowering_strategy = "eltwise"
    } : !transform.any_op
    // n-D transfers -> unrolled 1-D transfers -> plain loads/stores (no stack round trips).
    transform.apply_patterns to %h {
      transform.apply_patterns.vector.transfer_to_scf max_transfer_rank = 1 full_unroll = true
      transform.apply_patterns.vector.lower_transfer max_transfer_rank = 1
      transform.apply_patterns.vector.lower_shape_cast
    } : !transform.any_op
"""


def apply_tensor_schedule(module: ir.Module, vector_bits: int, threads: int = 1) -> int:
    """Tile and vectorize the matmul-like ops of ``module`` (linalg on tensors) for registers of
    ``vector_bits`` bits, large ones split over ``threads`` threads.

    Returns how many ops were scheduled.
    """
    from .conv_schedules import min_parallel_macs

    chosen: list[OpSchedule] = []
    ops: list[ir.Operation] = []
    min_macs = min_parallel_macs()

    def visit(op: ir.Operation) -> ir.WalkResult:
        tiles = _choose(op, vector_bits)
        if tiles is not None:
            tag = len(chosen)
            with module.context:
                op.attributes[SCHED_ATTR] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), tag)
            chosen.append(OpSchedule(tag, tiles, parallel_tiles(op, tiles, threads, min_macs)))
            ops.append(op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    # Ops with an epilogue one at a time: a producer shared by several matmuls (one fill) is
    # fused into each by its own tags (epilogues.py); each script rewrites only its op (and
    # clones of what it fuses), so the ops found above are still there when their turn comes.
    unfused = []
    for s, op in zip(chosen, ops):
        with module.context:
            fusion = epilogues.tag(op, s.tag)
        if fusion is None:
            unfused.append(s)
            continue
        _apply(module, _wrap(_tiling_text(s, fusion)))
    epilogues.untag(module)
    if chosen:
        _apply(module, tiling_script(unfused))
        if split_dynamic_rows(module, SCHED_ATTR):
            _apply(module, _wrap(row_split_script(SCHED_ATTR)))
        masked_groups, any_static = _group_tiles(module)
        candidates = chosen + [row_schedule(s) for s in chosen]
        _apply(module, vectorize_script([s for s in candidates if s.tag in masked_groups], any_static))
    _strip_tags(module)
    return len(chosen)


def _group_tiles(module: ir.Module) -> tuple[set[int], bool]:
    """Tag each tiled op for vectorization: statically shaped, or masked (by its schedule).

    Static remainders vectorized at their own size avoid constant masks (whose lowering into
    i1 vector.from_elements makes the canonicalizer abort: an IntegerAttr cast of a BoolAttr)."""
    masked: set[int] = set()
    any_static = False

    def visit(op: ir.Operation) -> ir.WalkResult:
        nonlocal any_static
        if SCHED_ATTR not in op.attributes:
            return ir.WalkResult.ADVANCE
        tag = ir.IntegerAttr(op.attributes[SCHED_ATTR]).value
        static = all(ir.ShapedType(v.type).has_static_shape for v in op.operands)
        group = STATIC_GROUP if static else row_group(op, tag)
        any_static |= static
        if not static:
            masked.add(group)
        with module.context:
            op.attributes[VEC_ATTR] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), group)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    return masked, any_static


def _strip_tags(module: ir.Module) -> None:
    def visit(op: ir.Operation) -> ir.WalkResult:
        for attr in (SCHED_ATTR, VEC_ATTR, ROW_ATTR):
            if attr in op.attributes:
                del op.attributes[attr]
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)


def apply_vector_schedule(module: ir.Module) -> None:
    """Hoist and lower the vector ops left by the tensor schedule (module already bufferized)."""
    _apply(module, _wrap(VECTOR_SCHEDULE_SCRIPT_BODY))
