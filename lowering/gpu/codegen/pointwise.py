"""Pointwise kernels: the iteration space is flattened; each program computes ``BLOCK``
consecutive elements of every result (``triton_kernels/pointwise.py`` picks the block)."""

from __future__ import annotations

from ....triton_kernels import pointwise as pointwise_family
from .emitter import Emitter, finish
from .indexing import decompose
from .sizes import cdiv, hint, prod, same_shape
from .kernel_source import CodegenError, KernelSource


def gen_pointwise(em: Emitter, name: str) -> KernelSource:
    if not em.returns:
        raise CodegenError("a kernel without results")
    shape = em.shape(em.returns[0])
    if not all(same_shape(em.shape(v), shape) for v in em.returns):
        raise CodegenError("a pointwise kernel whose results have different shapes")
    total = prod(shape)
    block, warps = pointwise_family.block(hint(total), em.target)
    em.emit("pid = tl.program_id(0)")
    em.fresh("pid * BLOCK + tl.arange(0, BLOCK)", "offs", vector=True)
    offs = f"offs{em.counter - 1}"
    mask = em.fresh(f"{offs} < {total}", "mask", vector=True)
    idx = []
    for _, expr in decompose(offs, shape, "i"):
        idx.append(expr if expr == "0" else em.fresh(expr, "i", vector=True))
    for r, v in enumerate(em.returns):
        em.store(r, v, tuple(idx), mask, mask)
    return finish(em, name, "pointwise", ["BLOCK"], (cdiv(total, block),),
                  {"BLOCK": block}, warps, 1)
