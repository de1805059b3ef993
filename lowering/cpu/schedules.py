"""Transform-dialect schedules for the CPU backend.

Two scripts, applied from Python with the transform interpreter:

* the *tensor* schedule (before bufferization) tiles matmul-like ops twice (cache tiles, then
  register tiles) and vectorizes the register tiles into ``vector.contract``;
* the *vector* schedule (after bufferization) folds subviews, CSEs so that reads and writes of the
  accumulator use the same SSA indices, hoists the accumulator out of the reduction loop and lowers
  the contractions to outer products (FMAs).

The register tile ``[8, 32, 1]`` and cache tile ``[64, 128, 128]`` gave 132-149 GFLOP/s on a
512^3 f32 matmul on an AVX-512 core.  Ops whose static shape is not covered by the tiles stay
untouched (they become scalar loops), so the schedule never affects correctness decisions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from mlir import ir
from mlir.dialects.transform import interpreter

SCHED_ATTR = "__onnx_mlir_cpu_sched"



def _host_has_avx512() -> bool:
    try:
        with open("/proc/cpuinfo") as f:
            return "avx512f" in f.read()
    except OSError:
        return False


def _tile_from_env(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    """Tile override for experiments, e.g. ONNX_MLIR_CPU_REGISTER_TILE=4,16,1."""
    text = os.environ.get(name)
    return tuple(int(x) for x in text.split(",")) if text else default


# Tiles for the M, N, K dims of a matmul.  The register tile must fit the accumulator in vector
# registers: 8x32 f32 = 16 zmm on AVX-512 (32 registers); 8x8 = 8 ymm on AVX2 (16 registers).
# AVX2 values from a quick (noisy) scan on a 2-core EPYC; see benchmarks/bench_cpu.py.
_AVX512 = _host_has_avx512()
CACHE_TILE = _tile_from_env("ONNX_MLIR_CPU_CACHE_TILE", (64, 128, 128) if _AVX512 else (16, 256, 128))
REGISTER_TILE = _tile_from_env("ONNX_MLIR_CPU_REGISTER_TILE", (8, 32, 1) if _AVX512 else (8, 8, 1))

_MATMUL_OPS = {"linalg.matmul": 0, "linalg.batch_matmul": 1}


@dataclass(frozen=True)
class OpSchedule:
    """Tile sizes chosen for one op (one entry per loop of the op)."""

    tag: int
    outer: tuple[int, ...]
    inner: tuple[int, ...]


def _pick_tile(dim: int, preferred: int, inner: int) -> int | None:
    """Largest multiple of ``inner`` that divides ``dim`` and is <= ``preferred``.

    Exact division keeps every tile statically shaped, which the vectorizer needs.
    """
    if dim <= 0 or dim % inner:
        return None
    best = None
    t = inner
    while t <= min(preferred, dim):
        if dim % t == 0:
            best = t
        t += inner
    return best


def _matmul_tiles(m: int, n: int, k: int) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    mi, ni, ki = REGISTER_TILE
    mo, no, ko = _pick_tile(m, CACHE_TILE[0], mi), _pick_tile(n, CACHE_TILE[1], ni), \
        _pick_tile(k, CACHE_TILE[2], ki)
    if None in (mo, no, ko):
        return None
    return (mo, no, ko), (mi, ni, ki)


def _static_dims(value: ir.Value) -> list[int] | None:
    t = value.type
    if not isinstance(t, ir.RankedTensorType) or not t.has_static_shape:
        return None
    return list(t.shape)


def _choose(op: ir.Operation) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Tile sizes for a supported op, or None to leave it to the scalar path."""
    name = op.name
    if name not in _MATMUL_OPS or len(op.operands) != 3:
        return None
    a, b = _static_dims(op.operands[0]), _static_dims(op.operands[1])
    if a is None or b is None:
        return None
    elt = op.operands[0].type.element_type
    if not isinstance(elt, (ir.F32Type, ir.F64Type)):
        return None
    if name == "linalg.matmul":
        return _matmul_tiles(a[0], b[1], a[1])
    tiles = _matmul_tiles(a[1], b[2], a[2])  # batch_matmul: batch dim tiled by 1
    if tiles is None:
        return None
    return (1, *tiles[0]), (1, *tiles[1])


def _tile_text(handle: str, sizes: tuple[int, ...], out: str) -> str:
    n_loops = sum(1 for s in sizes if s)
    loop_types = ", ".join(["!transform.any_op"] * (n_loops + 1))
    return (f"%{out}, %{out}_loops:{n_loops} = transform.structured.tile_using_for %{handle} "
            f"tile_sizes {list(sizes)} : (!transform.any_op) -> ({loop_types})\n")


def tensor_schedule_script(schedules: list[OpSchedule]) -> str:
    """Transform module that tiles and vectorizes each tagged op."""
    body = ""
    for s in schedules:
        body += (f"%op{s.tag} = transform.structured.match attributes{{{SCHED_ATTR} = {s.tag} : i64}} "
                 f"in %root : (!transform.any_op) -> !transform.any_op\n")
        body += _tile_text(f"op{s.tag}", s.outer, f"o{s.tag}")
        body += _tile_text(f"o{s.tag}", s.inner, f"i{s.tag}")
        body += f"transform.structured.vectorize %i{s.tag} : !transform.any_op\n"
    body += """
    %funcs = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
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


def _wrap(body: str) -> str:
    return ("module attributes {transform.with_named_sequence} {\n"
            "  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {\n"
            f"{body}\n    transform.yield\n  }}\n}}\n")


def _apply(module: ir.Module, script: str) -> None:
    with module.context, ir.Location.unknown():
        lib = ir.Module.parse(script)
        entry = next(op for op in lib.body.operations
                     if ir.StringAttr(op.attributes["sym_name"]).value == "__transform_main")
        interpreter.apply_named_sequence(module.operation, entry, lib)


def apply_tensor_schedule(module: ir.Module) -> int:
    """Tile and vectorize the matmul-like ops of ``module`` (linalg on tensors).

    Returns how many ops were scheduled.
    """
    chosen: list[OpSchedule] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        tiles = _choose(op)
        if tiles is not None:
            tag = len(chosen)
            with module.context:
                op.attributes[SCHED_ATTR] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), tag)
            chosen.append(OpSchedule(tag, *tiles))
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    if chosen:
        _apply(module, tensor_schedule_script(chosen))
    _strip_tags(module)
    return len(chosen)


def _strip_tags(module: ir.Module) -> None:
    def visit(op: ir.Operation) -> ir.WalkResult:
        if SCHED_ATTR in op.attributes:
            del op.attributes[SCHED_ATTR]
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)


def apply_vector_schedule(module: ir.Module) -> None:
    """Hoist and lower the vector ops left by the tensor schedule (module already bufferized)."""
    _apply(module, _wrap(VECTOR_SCHEDULE_SCRIPT_BODY))
