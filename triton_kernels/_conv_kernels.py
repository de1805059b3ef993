"""Triton kernels of the convolution family (private: use :mod:`onnx_mlir.triton_kernels.conv`).

* ``conv2d_nchw_tile``: implicit GEMM.  Rows are output pixels (n, oh, ow), columns output
  channels, the reduction runs over (c, kh, kw); the input patch is gathered with masked loads, so
  zero padding costs nothing and the padded tensor never exists.
* ``depthwise_conv2d_nchw_tile``: one output element per lane, the KHxKW window unrolled.
"""

import triton
import triton.language as tl


@triton.jit
def conv2d_nchw_tile(x_ptr, w_ptr, C, H, W, OH, OW, F, KH, KW, SH, SW, PH, PW, DH, DW, M_TOTAL,
                     pid_m, pid_n, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
                     BLOCK_K: tl.constexpr, PRECISION: tl.constexpr, ACC_DTYPE: tl.constexpr):
    offs_m = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    offs_f = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    n = offs_m // (OH * OW)
    ih0 = ((offs_m // OW) % OH) * SH - PH
    iw0 = (offs_m % OW) * SW - PW
    k_total = C * KH * KW
    acc = tl.zeros((BLOCK_M, BLOCK_N), dtype=ACC_DTYPE)
    for k0 in range(0, k_total, BLOCK_K):
        offs_k = k0 + tl.arange(0, BLOCK_K)
        c = offs_k // (KH * KW)
        kh = (offs_k // KW) % KH
        kw = offs_k % KW
        ih = ih0[:, None] + kh[None, :] * DH
        iw = iw0[:, None] + kw[None, :] * DW
        a_mask = (offs_m[:, None] < M_TOTAL) & (offs_k[None, :] < k_total) & \
            (ih >= 0) & (ih < H) & (iw >= 0) & (iw < W)
        a = tl.load(x_ptr + ((n[:, None] * C + c[None, :]) * H + ih) * W + iw, mask=a_mask, other=0)
        b_mask = (offs_k[:, None] < k_total) & (offs_f[None, :] < F)
        b = tl.load(w_ptr + offs_f[None, :] * k_total + offs_k[:, None], mask=b_mask, other=0)
        acc = tl.dot(a, b, acc, input_precision=PRECISION, out_dtype=ACC_DTYPE)
    return acc


@triton.jit
def depthwise_conv2d_nchw_tile(x_ptr, w_ptr, C, H, W, OH, OW, KH: tl.constexpr, KW: tl.constexpr,
                               SH, SW, PH, PW, DH, DW, TOTAL, pid, BLOCK: tl.constexpr,
                               ACC_DTYPE: tl.constexpr):
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    mask = offs < TOTAL
    nc = offs // (OH * OW)
    c = nc % C
    oh = (offs // OW) % OH
    ow = offs % OW
    acc = tl.zeros((BLOCK,), dtype=ACC_DTYPE)
    for kh in tl.static_range(KH):
        for kw in tl.static_range(KW):
            ih = oh * SH - PH + kh * DH
            iw = ow * SW - PW + kw * DW
            m = mask & (ih >= 0) & (ih < H) & (iw >= 0) & (iw < W)
            x = tl.load(x_ptr + (nc * H + ih) * W + iw, mask=m, other=0).to(ACC_DTYPE)
            w = tl.load(w_ptr + (c * KH + kh) * KW + kw, mask=mask, other=0).to(ACC_DTYPE)
            acc += x * w
    return acc


@triton.jit
def _conv2d_nchw_kernel(x_ptr, w_ptr, bias_ptr, y_ptr, C, H, W, OH, OW, F, KH, KW, SH, SW, PH, PW,
                        DH, DW, M_TOTAL, HAS_BIAS: tl.constexpr, RELU: tl.constexpr,
                        BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr,
                        PRECISION: tl.constexpr, ACC_DTYPE: tl.constexpr):
    """y = act(conv(x, w) + bias): the standalone kernel of :func:`conv.conv2d`."""
    pid_m = tl.program_id(0)
    pid_n = tl.program_id(1)
    acc = conv2d_nchw_tile(x_ptr, w_ptr, C, H, W, OH, OW, F, KH, KW, SH, SW, PH, PW, DH, DW, M_TOTAL,
                           pid_m, pid_n, BLOCK_M, BLOCK_N, BLOCK_K, PRECISION, ACC_DTYPE)
    offs_m = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    offs_f = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    if HAS_BIAS:
        acc += tl.load(bias_ptr + offs_f, mask=offs_f < F, other=0).to(ACC_DTYPE)[None, :]
    if RELU:
        acc = tl.maximum(acc, 0)
    n = offs_m // (OH * OW)
    pix = offs_m % (OH * OW)
    y_ptrs = y_ptr + (n[:, None] * F + offs_f[None, :]) * (OH * OW) + pix[:, None]
    mask = (offs_m[:, None] < M_TOTAL) & (offs_f[None, :] < F)
    tl.store(y_ptrs, acc.to(y_ptr.dtype.element_ty), mask=mask)


@triton.jit
def _depthwise_conv2d_nchw_kernel(x_ptr, w_ptr, y_ptr, C, H, W, OH, OW, KH: tl.constexpr,
                                  KW: tl.constexpr, SH, SW, PH, PW, DH, DW, TOTAL,
                                  BLOCK: tl.constexpr, ACC_DTYPE: tl.constexpr):
    pid = tl.program_id(0)
    acc = depthwise_conv2d_nchw_tile(x_ptr, w_ptr, C, H, W, OH, OW, KH, KW, SH, SW, PH, PW, DH, DW,
                                     TOTAL, pid, BLOCK, ACC_DTYPE)
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    tl.store(y_ptr + offs, acc.to(y_ptr.dtype.element_ty), mask=offs < TOTAL)
