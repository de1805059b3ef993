"""Reduction kernel family: tile rules for the generated reduction kernels.

A plain reduction kernel handles ``BLOCK_P`` output points per program and walks the reduced
extent in chunks of ``BLOCK_R`` (a [BLOCK_P, BLOCK_R] tile of partial results, reduced once at the
end).  Rows that fit in one chunk are read exactly once.

A *row* kernel (a chain of reductions over the same rows with their producers and consumers:
softmax, layer norm) gives each program ``BLOCK_P`` whole rows.  When a row fits in
``ROW_SINGLE_MAX`` elements it is loaded once into registers and every reduction and the final
elementwise pass work on it there (single pass); longer rows are walked once per reduction and
once more for the stores, in chunks of ``ROW_CHUNK`` (multi-pass).
"""

from __future__ import annotations

from .common import DEFAULT_TARGET, Target, clamp_pow2, next_pow2

# Longest row kept in registers by a row kernel (elements; 32 KiB of f32 per program).
ROW_SINGLE_MAX = 8192
# Chunk of a row per step of a multi-pass row kernel.
ROW_CHUNK = 2048
# Elements per program a row kernel aims at when rows are short (several rows per program).
ROW_TILE = 1024


def blocks(outer: int, inner: int, target: Target = DEFAULT_TARGET) -> tuple[int, int, int]:
    """(BLOCK_P, BLOCK_R, num_warps) for ``outer`` output points reducing ``inner`` elements each."""
    block_r = clamp_pow2(inner, 2, 1024)
    block_p = max(1, min(next_pow2(outer), 4096 // block_r))
    tile = block_p * block_r
    return block_p, block_r, (8 if tile >= 4096 else 4 if tile >= 1024 else 2)


def row_blocks(rows: int, row_len: int, target: Target = DEFAULT_TARGET,
               single_max: int = ROW_SINGLE_MAX) -> tuple[int, int, int, bool]:
    """(BLOCK_P, BLOCK_R, num_warps, single_pass) of a row kernel over ``rows`` rows of
    ``row_len`` elements: one program per row (several when rows are short)."""
    if next_pow2(row_len) <= single_max:
        block_r = clamp_pow2(row_len, 2, single_max)
        block_p = max(1, min(next_pow2(rows), ROW_TILE // block_r))
        single = True
    else:
        block_r, block_p, single = min(ROW_CHUNK, single_max), 1, False
    tile = block_p * block_r
    warps = 16 if tile >= 8192 else 8 if tile >= 2048 else 4 if tile >= 512 else 2
    if target.warp_size == 64:  # AMD wavefronts: half as many warps for the same threads
        warps = max(1, warps // 2)
    return block_p, block_r, warps, single
