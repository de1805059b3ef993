"""Reduction kernel family: tile rules for the generated reduction kernels.

A reduction kernel handles ``BLOCK_P`` output points per program and walks the reduced extent in
chunks of ``BLOCK_R`` (a [BLOCK_P, BLOCK_R] tile of partial results, reduced once at the end).
Rows that fit in one chunk are read exactly once.
"""

from __future__ import annotations

from .common import DEFAULT_TARGET, Target, clamp_pow2, next_pow2


def blocks(outer: int, inner: int, target: Target = DEFAULT_TARGET) -> tuple[int, int, int]:
    """(BLOCK_P, BLOCK_R, num_warps) for ``outer`` output points reducing ``inner`` elements each."""
    block_r = clamp_pow2(inner, 2, 1024)
    block_p = max(1, min(next_pow2(outer), 4096 // block_r))
    tile = block_p * block_r
    return block_p, block_r, (8 if tile >= 4096 else 4 if tile >= 1024 else 2)
