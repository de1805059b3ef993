"""The outer loops of a matmul schedule: threads (``scf.forall``) and a fused epilogue.

schedules.py tiles a matmul/batch_matmul to cache tiles, then register tiles. This module writes
the transform text that comes before, when there is something to do there:

* with several threads and enough work, the output is split into one chunk per thread
  (``tile_using_forall``; the async runtime runs it, threads.py), along the batch, else M, else
  N, whichever is static and large enough;
* with an elementwise epilogue (epilogues.py: bias add, Relu, GELU, ...), the *epilogue* is tiled
  to the cache tiles of M and N and the matmul with the producers of its init (fill) fused into
  that tile loop: each cache tile applies the epilogue while it is in cache. The fused matmul
  is then tiled along K only, and to register tiles as before.

Both return the handle the rest of the schedule tiles (cache tiles of what was not tiled yet).
"""

from __future__ import annotations

import os

from dataclasses import dataclass

from mlir import ir

from . import epilogues
from .matmul_schedules import MatmulTiles

_ANY = "!transform.any_op"


@dataclass(frozen=True)
class Outer:
    """What happens before the cache tiling of one matmul."""

    parallel: tuple[int, ...] | None  # tile_using_forall sizes over the op's parallel loops
    fusion: epilogues.Fusion | None


def _static(value: ir.Value) -> list[int | None]:
    return [None if ir.ShapedType.is_dynamic_size(d) else d for d in value.type.shape]


# Threaded matmuls are opt-in: on the 2-core development hosts the bundled MLP (batch 64) ran
# 4.3 ms split over two threads against 0.7 ms on one (convs gain, matmuls lost; not yet
# understood). ONNX_MLIR_THREAD_MATMULS=1 turns the split on.
THREAD_MATMULS_ENV = "ONNX_MLIR_THREAD_MATMULS"


def threaded_matmuls() -> bool:
    return os.environ.get(THREAD_MATMULS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def parallel_tiles(op: ir.Operation, tiles: MatmulTiles, threads: int, min_macs: int) -> tuple[int, ...] | None:
    """forall tile sizes over (batch,) M, N splitting the work into ``threads`` chunks, or None
    (one thread, matmul threads off, dynamic or too little work: fewer multiply-adds than
    ``min_macs``)."""
    if threads < 2 or not threaded_matmuls():
        return None
    a, b = _static(op.operands[0]), _static(op.operands[1])
    batched = op.name == "linalg.batch_matmul"
    m, k, n = a[-2], a[-1], b[-1]
    batch = a[0] if batched else 1
    if None in (k, n) or (m is None and batch is None):
        return None
    if (m or 1) * (batch or 1) * n * k < min_macs:
        return None
    rm, rn = tiles.inner[-3], tiles.inner[-2]
    lead = (0,) if batched else ()
    if batched and batch is not None and batch >= threads:
        return (-(-batch // threads), 0, 0)
    if m is not None and m >= threads * rm:
        rows = -(-(-(-m // threads)) // rm) * rm
        return lead + (rows, 0)
    if n >= threads * rn:
        cols = -(-(-(-n // threads)) // rn) * rn
        return lead + (0, cols)
    return None


def _forall(handle: str, sizes: tuple[int, ...], out: str) -> str:
    return (f"%{out}, %{out}_loop = transform.structured.tile_using_forall %{handle} tile_sizes "
            f"{list(sizes)} : ({_ANY}) -> ({_ANY}, {_ANY})\n")


def outer_text(tag: int, op: str, outer: Outer, tiles: MatmulTiles) -> tuple[str, str, tuple[int, ...]]:
    """Text of the threads split and epilogue fusion of the matmul handle ``%<op>``.

    Returns the text, the handle to tile further and its cache tile sizes (K only when fused:
    M and N were tiled through the epilogue)."""
    text = ""
    if outer.fusion is None:
        if outer.parallel is None:
            return text, op, tiles.outer
        return _forall(op, outer.parallel, f"par{tag}"), f"par{tag}", tiles.outer
    match, epi, producers = epilogues.match_text(outer.fusion, f"m{tag}")
    text += match
    parallel_dims = len(tiles.outer) - 1  # the op's loops but K
    contraction = op
    if outer.parallel is not None:
        text += _forall(epi, outer.parallel, f"ep{tag}")
        fused, contraction, producers = epilogues.fuse_text(contraction, producers, f"ep{tag}_loop", f"g0_{tag}")
        text += fused
        epi = f"ep{tag}"
    text += epilogues.tile_epilogue_text(epi, tiles.outer[:parallel_dims], f"et{tag}")
    fused, contraction, producers = epilogues.fuse_text(contraction, producers, f"et{tag}_loop", f"g1_{tag}")
    text += fused
    return text, contraction, (0,) * parallel_dims + tiles.outer[-1:]
