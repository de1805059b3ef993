"""Tile sizes for matmul-like ops (``linalg.matmul``, ``linalg.batch_matmul``) of any shape.

Two levels of tiles: cache tiles (outer) and register tiles (inner, the accumulator kept in vector
registers across the k loop).  Shapes need not divide the tiles: the inner M and N loops are
peeled (a main loop of full register tiles, then one partial tile) and the partial tiles are
vectorized with masks; dynamic dims take the same path.  M or N smaller than the register tile
(down to 1: M=1 is a GEMV, vectorized along N) shrink the tile instead.

Register tiles per vector width (the accumulator must fit the register file with room for one
row of B and the broadcast of A):

* 512-bit (AVX-512, 32 zmm): 8 x 32 f32 = 16 zmm (132-149 GFLOP/s on a 512^3 f32 matmul);
* 256-bit (AVX2, 16 ymm): 6 x 16 f32 = 12 ymm accumulators + 2 for B + 1 broadcast.

f64 halves N (same number of registers).  ``ONNX_MLIR_CPU_REGISTER_TILE=m,n,1`` and
``ONNX_MLIR_CPU_CACHE_TILE=m,n,k`` override them for experiments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from mlir import ir

_MATMUL_OPS = ("linalg.matmul", "linalg.batch_matmul")


@dataclass(frozen=True)
class MatmulTiles:
    """Tile sizes for the loops of one op, with the inner loops to peel and the vector sizes."""

    outer: tuple[int, ...]
    inner: tuple[int, ...]
    peel: tuple[int, ...]  # indices (into the inner tile loops) of loops to peel, innermost first
    vector_sizes: tuple[int, ...]  # one per op loop; masks where a tile is partial


def _tile_from_env(name: str) -> tuple[int, ...] | None:
    text = os.environ.get(name)
    return tuple(int(x) for x in text.split(",")) if text else None


def register_tile(vector_bits: int, element_bits: int) -> tuple[int, int]:
    """(M, N) of the register tile for a vector width and element width."""
    override = _tile_from_env("ONNX_MLIR_CPU_REGISTER_TILE")
    if override:
        return override[0], override[1]
    lanes = max(vector_bits // element_bits, 1)
    if vector_bits >= 512:
        return 8, 2 * lanes
    return 6, 2 * lanes


def cache_tile(vector_bits: int) -> tuple[int, int, int]:
    override = _tile_from_env("ONNX_MLIR_CPU_CACHE_TILE")
    if override:
        return override[0], override[1], override[2]
    return (64, 128, 128) if vector_bits >= 512 else (48, 128, 128)


def _dims(value: ir.Value) -> list[int | None] | None:
    t = value.type
    if not isinstance(t, ir.RankedTensorType):
        return None
    return [None if ir.ShapedType.is_dynamic_size(d) else d for d in t.shape]


def _element_bits(op: ir.Operation) -> int | None:
    elt = op.operands[0].type.element_type
    if isinstance(elt, ir.F32Type):
        return 32
    if isinstance(elt, ir.F64Type):
        return 64
    return None


def _outer(dim: int | None, preferred: int, inner: int) -> int:
    """A cache tile: a multiple of the register tile, dividing the dim when one close to
    ``preferred`` does (no partial tile), no larger than the dim needs."""
    top = max(inner, preferred // inner * inner)
    if dim is None:
        return top
    if dim <= top:
        return -(-dim // inner) * inner
    for t in range(top, top // 2, -inner):
        if dim % t == 0:
            return t
    return top


def _divisor_or(dim: int | None, preferred: int) -> int:
    """The k cache tile: the largest divisor of K up to ``preferred`` when there is a useful one
    (no partial k tile), else ``preferred``."""
    if dim is None:
        return preferred
    if dim <= preferred:
        return dim
    for t in range(preferred, preferred // 2, -1):
        if dim % t == 0:
            return t
    return preferred


def matmul_tiles(op: ir.Operation, vector_bits: int) -> MatmulTiles | None:
    """Tiles for a matmul/batch_matmul on tensors, None for ops this schedule does not take."""
    if op.name not in _MATMUL_OPS or len(op.operands) != 3:
        return None
    a, b = _dims(op.operands[0]), _dims(op.operands[1])
    bits = _element_bits(op)
    if a is None or b is None or bits is None:
        return None
    batched = op.name == "linalg.batch_matmul"
    m, k = a[-2], a[-1]
    n = b[-1]
    if 0 in (m, n, k) or (batched and a[0] == 0):
        return None  # nothing to compute; loops alone are fine
    rm, rn = register_tile(vector_bits, bits)
    cm, cn, ck = cache_tile(vector_bits)
    if m is not None and m < rm:
        rm = m  # small M (GEMV at M=1): a full-height tile, vectorized along N
    if m is not None and m == 1:
        rn *= 2  # one accumulator row: more of N per step keeps the FMA units busy
    if n is not None and n < rn:
        rn = n  # narrow N: one unmasked (odd-sized) vector instead of a mostly masked one
    outer = (_outer(m, cm, rm), _outer(n, cn, rn), _divisor_or(k, ck))
    inner = (rm, rn, 1)
    # Peel the inner N loop, then M (the remainder of M then holds a peeled N loop as well).
    # A partial cache tile leaves the register tiles' count unknown too: peel then as well.
    peel = tuple(i for i, dim, o in ((1, n, outer[1]), (0, m, outer[0])) if dim is None or dim % o)
    vector_sizes = inner
    if batched:
        return MatmulTiles((1, *outer), (0, *inner), peel, (1, *vector_sizes))
    return MatmulTiles(outer, inner, peel, vector_sizes)
