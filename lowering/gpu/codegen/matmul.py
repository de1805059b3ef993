"""Matmul kernels: ``linalg.matmul``/``batch_matmul`` through the tile of
``triton_kernels/_matmul_kernels.py``, then the generated epilogue (bias, activation, ...)."""

from __future__ import annotations

from mlir import ir

from ....triton_kernels import matmul as matmul_family
from ..linalg_query import indexing_maps, num_inputs
from ..pysource import literal
from .emitter import Emitter, anchor_epilogue, find_anchor, finish
from .indexing import strides_of
from .sizes import cdiv, hint
from .kernel_source import CodegenError, KernelSource
from .scalar import elem_name


def _view_source(em: Emitter, value: ir.Value) -> tuple[int, list[int]]:
    """(parameter index, element strides) of a matmul operand: an argument or a transposed one."""
    i = em.arg_index(value)
    if i >= 0:
        return i, strides_of(em.shape(value))
    owner = value.owner
    if owner.name == "linalg.generic" and num_inputs(owner) == 1:
        src = owner.operands[0]
        j = em.arg_index(src)
        in_map = indexing_maps(owner)[0]
        if j >= 0 and in_map.is_permutation:
            src_strides = strides_of(em.shape(src))
            strides = [0] * len(em.shape(value))
            for k, res in enumerate(in_map.results):
                strides[ir.AffineDimExpr(res).position] = src_strides[k]
            return j, strides
    raise CodegenError("a matmul operand that is neither a kernel argument nor a transposed one")


def gen_matmul(em: Emitter, name: str) -> KernelSource:
    op = find_anchor(em.fn, ("linalg.matmul", "linalg.batch_matmul"))
    a, b, c = op.operands
    batched = op.name == "linalg.batch_matmul"
    a_shape, b_shape = em.shape(a), em.shape(b)
    m, k = a_shape[-2:]
    n = b_shape[-1]
    batch = a_shape[0] if batched else 1
    elem = elem_name(a.type)
    cfg = matmul_family.config(hint(m), hint(n), hint(k), elem, em.target)
    ia, sa = _view_source(em, a)
    ib, sb = _view_source(em, b)
    prec = matmul_family.precision(elem, em.allow_tf32)
    acc_dtype = "tl." + matmul_family.acc_dtype(elem)
    em.emit("pid_m, pid_n = _mm.tile_ids(tl.program_id(0), "
            f"{m}, {n}, BLOCK_M, BLOCK_N, GROUP_M)")
    a_ptr, b_ptr = em.param(ia), em.param(ib)
    if batched:
        em.emit("pid_b = tl.program_id(1)")
        a_ptr = f"{a_ptr} + pid_b * {sa[0]}"
        b_ptr = f"{b_ptr} + pid_b * {sb[0]}"
    acc = em.fresh(f"_mm.matmul_tile({a_ptr}, {b_ptr}, {m}, {n}, {k}, {sa[-2]}, {sa[-1]}, {sb[-2]}, "
                   f"{sb[-1]}, pid_m, pid_n, BLOCK_M, BLOCK_N, BLOCK_K, {literal(prec)}, {acc_dtype})",
                   "acc", vector=True)
    rows = em.fresh("(pid_m * BLOCK_M + tl.arange(0, BLOCK_M))[:, None]", "i", vector=True)
    cols = em.fresh("(pid_n * BLOCK_N + tl.arange(0, BLOCK_N))[None, :]", "i", vector=True)
    mask = em.fresh(f"({rows} < {m}) & ({cols} < {n})", "mask", vector=True)
    idx = (("pid_b",) if batched else ()) + (rows, cols)
    anchor_epilogue(em, op, acc, acc_dtype, idx, mask)
    grid = (cdiv(m, cfg.block_m) * cdiv(n, cfg.block_n), batch)
    return finish(em, name, "matmul", ["BLOCK_M", "BLOCK_N", "BLOCK_K", "GROUP_M"], grid,
                  {"BLOCK_M": cfg.block_m, "BLOCK_N": cfg.block_n, "BLOCK_K": cfg.block_k,
                   "GROUP_M": cfg.group_m}, cfg.num_warps, cfg.num_stages,
                  imports=[f"import {matmul_family.KERNEL_MODULE} as _mm"])
