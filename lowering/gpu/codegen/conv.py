"""Convolution kernels: NCHW and depthwise convolutions through the tiles of
``triton_kernels/_conv_kernels.py`` (a zero ``tensor.pad`` producer becomes masked loads), then
the generated epilogue."""

from __future__ import annotations

from mlir import ir

from ....dialects.dense_elements import dense_elements_to_numpy
from ....triton_kernels import conv as conv_family
from ....triton_kernels import matmul as matmul_family
from ..pysource import literal
from .emitter import Emitter, anchor_epilogue, find_anchor, finish
from .indexing import decompose
from .sizes import Sym, cdiv, hint, prod
from .kernel_source import CodegenError, KernelSource
from .scalar import elem_name


def _pair(attr: ir.Attribute) -> list[int]:
    return [int(x) for x in dense_elements_to_numpy(attr).reshape(-1)]


def gen_conv(em: Emitter, name: str) -> KernelSource:
    op = find_anchor(em.fn, ("linalg.conv_2d_nchw_fchw", "linalg.depthwise_conv_2d_nchw_chw"))
    x, w, _ = op.operands
    strides = _pair(op.attributes["strides"]) if "strides" in op.attributes else [1, 1]
    dilations = _pair(op.attributes["dilations"]) if "dilations" in op.attributes else [1, 1]
    pads = [0, 0]
    if em.arg_index(x) < 0:
        if x.owner.name != "tensor.pad":
            raise CodegenError("a convolution input that is neither a kernel argument nor a zero pad")
        pads = [int(p) for p in ir.DenseI64ArrayAttr(x.owner.attributes["static_low"])][2:]
        x = x.owner.operands[0]
        if em.arg_index(x) < 0:
            raise CodegenError("a padded convolution input that is not a kernel argument")
    if em.arg_index(w) < 0:
        raise CodegenError("convolution weights that are not a kernel argument")
    n, c, h, wd = em.shape(x)
    out_shape = em.shape(op.results[0])
    _, f, oh, ow = out_shape
    kh, kw = em.shape(w)[-2:]
    if any(isinstance(d, Sym) for d in (c, h, wd, oh, ow, f, kh, kw)):
        raise CodegenError("a convolution with dynamic channels, image or filter sizes")
    elem = elem_name(x.type)
    xp, wp = em.param(em.arg_index(x)), em.param(em.arg_index(w))
    geometry = f"{strides[0]}, {strides[1]}, {pads[0]}, {pads[1]}, {dilations[0]}, {dilations[1]}"
    imports = [f"import {conv_family.KERNEL_MODULE} as _conv"]
    if op.name == "linalg.depthwise_conv_2d_nchw_chw":
        total = prod(out_shape)
        block = conv_family.depthwise_block(hint(total))
        em.emit("pid = tl.program_id(0)")
        acc = em.fresh(f"_conv.depthwise_conv2d_nchw_tile({xp}, {wp}, {c}, {h}, {wd}, {oh}, {ow}, {kh}, "
                       f"{kw}, {geometry}, {total}, pid, BLOCK, tl.float32)", "acc", vector=True)
        offs = em.fresh("pid * BLOCK + tl.arange(0, BLOCK)", "offs", vector=True)
        mask = em.fresh(f"{offs} < {total}", "mask", vector=True)
        idx = tuple(e if e == "0" else em.fresh(e, "i", vector=True)
                    for _, e in decompose(offs, out_shape, "i"))
        anchor_epilogue(em, op, acc, "tl.float32", idx, mask)
        return finish(em, name, "conv", ["BLOCK"], (cdiv(total, block),), {"BLOCK": block},
                      4, 1, imports=imports)
    cfg = conv_family.config(hint(n), f, oh, ow, c, kh, kw, elem, em.target)
    prec = matmul_family.precision(elem, em.allow_tf32)
    acc_dtype = "tl." + matmul_family.acc_dtype(elem)
    m_total = n * oh * ow
    em.emit("pid_m = tl.program_id(0)")
    em.emit("pid_n = tl.program_id(1)")
    acc = em.fresh(f"_conv.conv2d_nchw_tile({xp}, {wp}, {c}, {h}, {wd}, {oh}, {ow}, {f}, {kh}, {kw}, "
                   f"{geometry}, {m_total}, pid_m, pid_n, BLOCK_M, BLOCK_N, BLOCK_K, {literal(prec)}, "
                   f"{acc_dtype})", "acc", vector=True)
    rows = em.fresh("(pid_m * BLOCK_M + tl.arange(0, BLOCK_M))[:, None]", "m", vector=True)
    cols = em.fresh("(pid_n * BLOCK_N + tl.arange(0, BLOCK_N))[None, :]", "i", vector=True)
    mask = em.fresh(f"({rows} < {m_total}) & ({cols} < {f})", "mask", vector=True)
    i0 = "0" if n == 1 else em.fresh(f"{rows} // {oh * ow}", "i", vector=True)
    i2 = "0" if oh == 1 else em.fresh(f"({rows} // {ow}) % {oh}", "i", vector=True)
    i3 = "0" if ow == 1 else em.fresh(f"{rows} % {ow}", "i", vector=True)
    anchor_epilogue(em, op, acc, acc_dtype, (i0, cols, i2, i3), mask)
    grid = (cdiv(m_total, cfg.block_m), cdiv(f, cfg.block_n))
    return finish(em, name, "conv", ["BLOCK_M", "BLOCK_N", "BLOCK_K"], grid,
                  {"BLOCK_M": cfg.block_m, "BLOCK_N": cfg.block_n, "BLOCK_K": cfg.block_k},
                  cfg.num_warps, cfg.num_stages, imports=imports)
