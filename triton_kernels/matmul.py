"""Matmul kernel family: tile-size rules and a launcher for ``C = act(A @ B + bias)``.

The kernels live in :mod:`._matmul_kernels`; the GPU backend's generated matmul kernels call
``tile_ids`` and ``matmul_tile`` from there and add the fused epilogue (bias, activation,
residual add...) of their group.

Tile rules are deterministic (by shape, element type and target), so the same model always
compiles to the same kernels: the M tile follows the row count (small batches get 16-row tiles,
the minimum ``tl.dot`` takes), N and K tiles follow N and K up to 128/64, and 16-bit inputs get a
deeper K tile.  AMD gets one pipeline stage less (LDS is shared by all stages).
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import DEFAULT_TARGET, Target, clamp_pow2

KERNEL_MODULE = "onnx_mlir.triton_kernels._matmul_kernels"


@dataclass(frozen=True)
class MatmulConfig:
    block_m: int
    block_n: int
    block_k: int
    group_m: int
    num_warps: int
    num_stages: int


def config(m: int, n: int, k: int, elem: str = "f32", target: Target = DEFAULT_TARGET) -> MatmulConfig:
    """Tile sizes for an ``m x k @ k x n`` product of ``elem`` inputs on ``target``."""
    block_m = clamp_pow2(m, 16, 128)
    block_n = clamp_pow2(n, 16, 128)
    block_k = clamp_pow2(k, 16, 32 if elem in ("f32", "f64") else 64)
    num_warps = 8 if block_m * block_n >= 128 * 128 else 4
    num_stages = 3 if target.backend == "cuda" else 2
    return MatmulConfig(block_m, block_n, block_k, 8, num_warps, num_stages)


def precision(elem: str, allow_tf32: bool = False) -> str | None:
    """``tl.dot`` input precision: exact f32 unless TF32 is allowed; None for 16-bit and ints."""
    if elem == "f32":
        return "tf32" if allow_tf32 else "ieee"
    return None


def acc_dtype(elem: str) -> str:
    return "int32" if elem == "i8" else "float32"


def matmul(a, b, bias=None, relu: bool = False, allow_tf32: bool = False):
    """``relu(a @ b + bias)`` for 2-D torch tensors (the standalone kernel of this family)."""
    import torch
    import triton
    import triton.language as tl

    from . import _matmul_kernels as kernels

    m, k = a.shape
    k2, n = b.shape
    if k != k2:
        raise ValueError(f"matmul: inner dims differ ({a.shape} @ {b.shape})")
    elem = {torch.float32: "f32", torch.float16: "f16", torch.bfloat16: "bf16", torch.int8: "i8"}[a.dtype]
    cfg = config(m, n, k, elem)
    out_dtype = torch.int32 if elem == "i8" else a.dtype
    c = torch.empty((m, n), dtype=out_dtype, device=a.device)
    grid = (triton.cdiv(m, cfg.block_m) * triton.cdiv(n, cfg.block_n),)
    kernels._matmul_kernel[grid](
        a, b, bias if bias is not None else a, c, m, n, k,
        a.stride(0), a.stride(1), b.stride(0), b.stride(1), c.stride(0), c.stride(1),
        HAS_BIAS=bias is not None, RELU=relu, BLOCK_M=cfg.block_m, BLOCK_N=cfg.block_n,
        BLOCK_K=cfg.block_k, GROUP_M=cfg.group_m, PRECISION=precision(elem, allow_tf32),
        ACC_DTYPE=getattr(tl, acc_dtype(elem)), num_warps=cfg.num_warps, num_stages=cfg.num_stages)
    return c
