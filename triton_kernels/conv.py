"""Convolution kernel family (NCHW): implicit GEMM and depthwise, tile rules and launchers.

The kernels live in :mod:`._conv_kernels`; the GPU backend's generated conv kernels call
``conv2d_nchw_tile`` / ``depthwise_conv2d_nchw_tile`` and add their fused epilogue.  A zero
``tensor.pad`` in front of the convolution is folded into the masked input loads.

Implicit GEMM tiles: rows are output pixels (N*OH*OW), columns output channels (F), the
reduction is C*KH*KW; the same rules as the matmul family apply to that GEMM shape.
"""

from __future__ import annotations

from .common import DEFAULT_TARGET, Target, clamp_pow2
from .matmul import MatmulConfig, acc_dtype, precision
from .matmul import config as _gemm_config

KERNEL_MODULE = "onnx_mlir.triton_kernels._conv_kernels"


def config(n: int, f: int, oh: int, ow: int, c: int, kh: int, kw: int, elem: str = "f32",
           target: Target = DEFAULT_TARGET) -> MatmulConfig:
    """Tiles of the implicit GEMM (N*OH*OW) x (C*KH*KW) @ (C*KH*KW) x F."""
    return _gemm_config(n * oh * ow, f, c * kh * kw, elem, target)


def depthwise_block(total: int) -> int:
    """Output elements per program of the depthwise kernel."""
    return clamp_pow2(total, 16, 1024)


def _out_size(size: int, k: int, s: int, p0: int, p1: int, d: int) -> int:
    return (size + p0 + p1 - d * (k - 1) - 1) // s + 1


def conv2d(x, w, bias=None, stride=(1, 1), padding=(0, 0), dilation=(1, 1), relu: bool = False,
           allow_tf32: bool = False):
    """``relu(conv2d(x, w) + bias)`` for NCHW torch tensors, groups == 1 (standalone kernel)."""
    import torch
    import triton
    import triton.language as tl

    from . import _conv_kernels as kernels

    n, c, h, wd = x.shape
    f, c2, kh, kw = w.shape
    if c != c2:
        raise ValueError("conv2d: channel mismatch (groups are not supported by this kernel)")
    oh = _out_size(h, kh, stride[0], padding[0], padding[0], dilation[0])
    ow = _out_size(wd, kw, stride[1], padding[1], padding[1], dilation[1])
    elem = {torch.float32: "f32", torch.float16: "f16", torch.bfloat16: "bf16"}[x.dtype]
    cfg = config(n, f, oh, ow, c, kh, kw, elem)
    y = torch.empty((n, f, oh, ow), dtype=x.dtype, device=x.device)
    m_total = n * oh * ow
    grid = (triton.cdiv(m_total, cfg.block_m), triton.cdiv(f, cfg.block_n))
    kernels._conv2d_nchw_kernel[grid](
        x.contiguous(), w.contiguous(), bias if bias is not None else w, y, c, h, wd, oh, ow, f, kh, kw,
        stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], m_total,
        HAS_BIAS=bias is not None, RELU=relu, BLOCK_M=cfg.block_m, BLOCK_N=cfg.block_n,
        BLOCK_K=cfg.block_k, PRECISION=precision(elem, allow_tf32),
        ACC_DTYPE=getattr(tl, acc_dtype(elem)), num_warps=cfg.num_warps, num_stages=cfg.num_stages)
    return y


def depthwise_conv2d(x, w, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    """Depthwise NCHW convolution, ``w`` of shape (C, 1, KH, KW) or (C, KH, KW)."""
    import torch
    import triton
    import triton.language as tl

    from . import _conv_kernels as kernels

    n, c, h, wd = x.shape
    kh, kw = w.shape[-2:]
    oh = _out_size(h, kh, stride[0], padding[0], padding[0], dilation[0])
    ow = _out_size(wd, kw, stride[1], padding[1], padding[1], dilation[1])
    y = torch.empty((n, c, oh, ow), dtype=x.dtype, device=x.device)
    total = y.numel()
    block = depthwise_block(total)
    kernels._depthwise_conv2d_nchw_kernel[(triton.cdiv(total, block),)](
        x.contiguous(), w.contiguous(), y, c, h, wd, oh, ow, kh, kw, stride[0], stride[1],
        padding[0], padding[1], dilation[0], dilation[1], total, BLOCK=block, ACC_DTYPE=tl.float32)
    return y
