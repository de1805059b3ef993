"""Pointwise kernel family: tile rules for the generated elementwise kernels.

Pointwise kernels are generated from the ``linalg.generic`` bodies of a group
(:mod:`onnx_mlir.lowering.gpu.codegen.pointwise`); the iteration space is flattened and each program
handles ``BLOCK`` consecutive elements.
"""

from __future__ import annotations

from .common import DEFAULT_TARGET, Target, clamp_pow2


def block(total: int, target: Target = DEFAULT_TARGET) -> tuple[int, int]:
    """(BLOCK, num_warps) for ``total`` elements: up to 1024 elements per program."""
    b = clamp_pow2(total, 16, 1024)
    return b, (4 if b >= 512 else 1 if b <= 64 else 2)
