"""Reduction kernels: one reduction walking its reduced dims in chunks, and row kernels.

A row kernel (several reductions over the same rows with their producers and consumers: softmax,
layer norm; see kernel_groups.py) keeps each row in registers, or walks it once per reduction,
and evaluates every reduction once per row.  ``triton_kernels/reduction.py`` picks the blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mlir import ir

from ....triton_kernels import reduction as reduction_family
from ..linalg_query import indexing_maps, iterator_kinds, num_inputs
from ..pysource import literal
from .emitter import Emitter, find_anchor, finish, group_ops
from .indexing import apply_map, decompose
from .sizes import Sym, cdiv, hint, prod, same_shape
from .kernel_source import CodegenError, KernelSource
from .scalar import cast, elem_name, tl_dtype


_COMBINERS = {
    "arith.addf": "sum", "arith.addi": "sum", "arith.mulf": "prod", "arith.muli": "prod",
    "arith.maximumf": "max", "arith.maxnumf": "max", "arith.maxsi": "max",
    "arith.minimumf": "min", "arith.minnumf": "min", "arith.minsi": "min",
    "arith.ori": "max", "arith.andi": "min",
}


def _neutral(kind: str, elem: str) -> str:
    return literal(_neutral_value(kind, elem))


def _neutral_value(kind: str, elem: str) -> int | float:
    is_float = elem.startswith("f") or elem == "bf16"
    if kind == "sum":
        return 0.0 if is_float else 0
    if kind == "prod":
        return 1.0 if is_float else 1
    if elem == "i1":
        return 0 if kind == "max" else 1
    if is_float:
        return -math.inf if kind == "max" else math.inf
    width = int(elem[1:])
    return -(2 ** (width - 1)) if kind == "max" else 2 ** (width - 1) - 1


def _combine(kind: str, a: str, b: str, is_float: bool = True) -> str:
    nan = ", propagate_nan=tl.PropagateNan.ALL" if is_float else ""
    return {"sum": f"({a} + {b})", "prod": f"({a} * {b})",
            "max": f"tl.maximum({a}, {b}{nan})", "min": f"tl.minimum({a}, {b}{nan})"}[kind]


def _reduce(kind: str, a: str, is_float: bool = True) -> str:
    if not is_float and kind in ("max", "min"):
        return f"tl.{kind}({a}, axis=1)"
    return {"sum": f"tl.sum({a}, axis=1)", "prod": f"tl.reduce({a}, 1, _mul)",
            "max": f"tl.reduce({a}, 1, _max_nan)", "min": f"tl.reduce({a}, 1, _min_nan)"}[kind]


@dataclass
class _Combiner:
    """How a reduction generic combines: ``acc = kind(acc, x)`` with ``x`` = ``x_val``."""

    op: ir.Operation  # the combining op of the body
    x_val: ir.Value  # the body value combined into the accumulator
    kind: str  # sum, prod, max, min
    acc_dtype: str  # tl dtype of the accumulator (f32 for 16-bit floats)
    neutral: str
    is_float: bool


def _combiner(op: ir.Operation) -> _Combiner:
    n_in = num_inputs(op)
    block = op.regions[0].blocks[0]
    acc_arg = block.arguments[n_in]
    yielded = list(block.operations)[-1].operands[0]
    comb = yielded.owner if isinstance(yielded, ir.OpResult) else None
    if comb is None or comb.name not in _COMBINERS or len(comb.operands) != 2:
        raise CodegenError("the reduction's combiner is not a sum, product, max or min of the accumulator")
    lhs, rhs = comb.operands
    if lhs == acc_arg:
        x_val = rhs
    elif rhs == acc_arg:
        x_val = lhs
    else:
        raise CodegenError("the reduction's combiner does not read the accumulator")
    kind = _COMBINERS[comb.name]
    out_type = op.results[0].type
    elem = elem_name(out_type)
    acc_dtype = "tl.float32" if elem in ("f16", "bf16") else tl_dtype(out_type)
    is_float = acc_dtype.startswith("tl.float") or acc_dtype == "tl.bfloat16"
    return _Combiner(comb, x_val, kind, acc_dtype, _neutral(kind, elem), is_float)


def _reductions(fn: ir.Operation) -> list[ir.Operation]:
    return [op for op in group_ops(fn)
            if op.name == "linalg.generic" and "reduction" in iterator_kinds(op)]


def gen_reduction(em: Emitter, name: str) -> KernelSource:
    reductions = _reductions(em.fn)
    if len(reductions) > 1 or not all(same_shape(em.shape(v), em.shape(reductions[0].results[0])) for v in em.returns):
        return gen_row(em, name, reductions)
    op = find_anchor(em.fn, ("linalg.generic",), "reduction")
    n_in = num_inputs(op)
    c = _combiner(op)
    comb, x_val, kind, acc_dtype = c.op, c.x_val, c.kind, c.acc_dtype
    out_type = op.results[0].type
    elem = elem_name(out_type)
    kinds = iterator_kinds(op)
    sizes = em.loop_sizes(op)
    par = [k for k, it in enumerate(kinds) if it == "parallel"]
    red = [k for k, it in enumerate(kinds) if it == "reduction"]
    p_shape = [sizes[k] for k in par]
    r_shape = [sizes[k] for k in red]
    p_total, r_total = prod(p_shape), prod(r_shape)
    block_p, block_r, warps = reduction_family.blocks(hint(p_total), hint(r_total), em.target)
    neutral = _neutral(kind, elem)

    mask_p, dims = _row_program(em, p_total, p_shape, par, len(kinds))
    acc = em.fresh(f"tl.full([BLOCK_P, BLOCK_R], {neutral}, {acc_dtype})", "acc", vector=True)
    em.emit(f"for r0 in range(0, {r_total}, BLOCK_R):")
    em.indent += 1
    saved = dict(em.memo)
    offs_r = em.fresh("r0 + tl.arange(0, BLOCK_R)[None, :]", "offs_r", vector=True)
    mask = em.fresh(f"{mask_p} & ({offs_r} < {r_total})", "mask", vector=True)
    loop_dims = list(dims)
    for k, (_, expr) in zip(red, decompose(offs_r, r_shape, "r")):
        loop_dims[k] = expr if expr == "0" else em.fresh(expr, "rd", vector=True)
    x = em.body(op, loop_dims, mask, 0, skip=comb, stop_at=x_val)
    xv = em.fresh(f"tl.where({mask}, {cast(x, acc_dtype)}, {neutral})", vector=True)
    is_float = acc_dtype.startswith("tl.float") or acc_dtype == "tl.bfloat16"
    em.emit(f"{acc} = {_combine(kind, acc, xv, is_float)}")
    em.indent -= 1
    em.memo = saved
    reduced = em.fresh(f"{_reduce(kind, acc, is_float)}[:, None]", "red", vector=True)
    out_map = indexing_maps(op)[n_in]
    out_idx = apply_map(out_map, dims)
    init = em.value_at(op.operands[n_in], out_idx, mask_p)
    result = em.fresh(f"({_combine(kind, cast(init, acc_dtype), reduced, is_float)}).to({tl_dtype(out_type)})",
                      "res", vector=True)
    em.anchor_values.append((op.results[0], out_idx, result))
    for r, v in enumerate(em.returns):
        if not same_shape(em.shape(v), em.shape(op.results[0])):
            raise CodegenError("a reduction kernel result that is not over the reduced shape")
        em.store(r, v, out_idx, mask_p, mask_p)
    return finish(em, name, "reduction", ["BLOCK_P", "BLOCK_R"], (cdiv(p_total, block_p),),
                  {"BLOCK_P": block_p, "BLOCK_R": block_r}, warps, 1)


def _row_dependent(ops: list[ir.Operation], reductions: list[ir.Operation]) -> list[ir.Operation]:
    """The ops of a group that depend on one of its reductions (reductions included)."""
    dep: list[ir.Operation] = []

    def is_dep(v: ir.Value) -> bool:
        return isinstance(v, ir.OpResult) and any(v.owner == d for d in dep)

    for op in ops:
        if any(op == r for r in reductions) or any(is_dep(v) for v in op.operands):
            dep.append(op)
    return dep


def gen_row(em: Emitter, name: str, reductions: list[ir.Operation]) -> KernelSource:
    """A row kernel: reductions over the same rows with their producers and consumers (softmax,
    layer norm).  Each program takes ``BLOCK_P`` whole rows.  Single pass (the row fits
    ``BLOCK_R``): the row is loaded once, each reduction is a ``tl.reduce`` of a register tile and
    the consumers are evaluated on the same tile.  Multi-pass: one loop over the row per
    reduction, then one more computing and storing the full-size results.  Per-row values
    (reduction results and what is computed from them) are evaluated once per row, in group
    order, and read wherever the rows' output map points at them."""
    first = reductions[0]
    sizes, kinds = em.loop_sizes(first), iterator_kinds(first)
    out_map = indexing_maps(first)[num_inputs(first)]
    for op in reductions[1:]:
        if not same_shape(em.loop_sizes(op), sizes) or iterator_kinds(op) != kinds or \
                str(indexing_maps(op)[num_inputs(op)]) != str(out_map):
            raise CodegenError("the reductions of a row kernel do not share their iteration space")
    par = [k for k, it in enumerate(kinds) if it == "parallel"]
    red = [k for k, it in enumerate(kinds) if it == "reduction"]
    p_shape, r_shape = [sizes[k] for k in par], [sizes[k] for k in red]
    p_total, r_total = prod(p_shape), prod(r_shape)
    row_shape = em.shape(first.results[0])
    full_out = [r for r, v in enumerate(em.returns) if same_shape(em.shape(v), sizes)]
    row_out = [r for r, v in enumerate(em.returns) if same_shape(em.shape(v), row_shape) and r not in full_out]
    if len(full_out) + len(row_out) != len(em.returns):
        raise CodegenError("a row kernel result that is neither over the rows nor over the full loops")
    # a row of dynamic length may not fit the registers: walked in chunks (multi-pass)
    r_hint = hint(r_total) if not isinstance(r_total, Sym) else reduction_family.ROW_SINGLE_MAX + 1
    block_p, block_r, warps, single = reduction_family.row_blocks(hint(p_total), r_hint, em.target)

    mask_p, dims = _row_program(em, p_total, p_shape, par, len(kinds))
    out_idx = apply_map(out_map, dims)

    def chunk(start: str) -> tuple[list[str], str]:
        offs_r = em.fresh(f"{start}tl.arange(0, BLOCK_R)[None, :]", "offs_r", vector=True)
        mask = em.fresh(f"{mask_p} & ({offs_r} < {r_total})", "mask", vector=True)
        full = list(dims)
        for k, (_, expr) in zip(red, decompose(offs_r, r_shape, "r")):
            full[k] = expr if expr == "0" else em.fresh(expr, "rd", vector=True)
        return full, mask

    if single:
        full_dims, full_mask = chunk("")
    ops = group_ops(em.fn)
    dependent = _row_dependent(ops, reductions)
    for op in dependent:
        if not any(op == r for r in reductions):
            # a per-row value computed from the reductions: once per row, where it is read
            if op.name == "linalg.generic" and len(op.results) == 1 and same_shape(em.shape(op.results[0]), row_shape) \
                    and all(k == "parallel" for k in iterator_kinds(op)):
                v = em.value_at(op.results[0], out_idx, mask_p)
                em.anchor_values.append((op.results[0], out_idx, v))
            continue
        c = _combiner(op)
        if single:
            x = em.body(op, full_dims, full_mask, 0, skip=c.op, stop_at=c.x_val)
            xv = em.fresh(f"tl.where({full_mask}, {cast(x, c.acc_dtype)}, {c.neutral})", vector=True)
            reduced = em.fresh(f"{_reduce(c.kind, xv, c.is_float)}[:, None]", "red", vector=True)
        else:
            acc = em.fresh(f"tl.full([BLOCK_P, BLOCK_R], {c.neutral}, {c.acc_dtype})", "acc", vector=True)
            em.emit(f"for r0 in range(0, {r_total}, BLOCK_R):")
            em.indent += 1
            saved = dict(em.memo)
            loop_dims, mask = chunk("r0 + ")
            x = em.body(op, loop_dims, mask, 0, skip=c.op, stop_at=c.x_val)
            xv = em.fresh(f"tl.where({mask}, {cast(x, c.acc_dtype)}, {c.neutral})", vector=True)
            em.emit(f"{acc} = {_combine(c.kind, acc, xv, c.is_float)}")
            em.indent -= 1
            em.memo = saved
            reduced = em.fresh(f"{_reduce(c.kind, acc, c.is_float)}[:, None]", "red", vector=True)
        init = em.value_at(op.operands[num_inputs(op)], out_idx, mask_p)
        out_type = op.results[0].type
        result = em.fresh(f"({_combine(c.kind, cast(init, c.acc_dtype), reduced, c.is_float)})"
                          f".to({tl_dtype(out_type)})", "res", vector=True)
        em.anchor_values.append((op.results[0], out_idx, result))
    for r in row_out:
        em.store(r, em.returns[r], out_idx, mask_p, mask_p)
    if full_out:
        if single:
            for r in full_out:
                em.store(r, em.returns[r], tuple(full_dims), full_mask, full_mask)
        else:
            em.emit(f"for r0 in range(0, {r_total}, BLOCK_R):")
            em.indent += 1
            loop_dims, mask = chunk("r0 + ")
            for r in full_out:
                em.store(r, em.returns[r], tuple(loop_dims), mask, mask)
            em.indent -= 1
    return finish(em, name, "reduction", ["BLOCK_P", "BLOCK_R"], (cdiv(p_total, block_p),),
                  {"BLOCK_P": block_p, "BLOCK_R": block_r}, warps, 1)


def _row_program(em, p_total, p_shape, par, n_loops: int) -> tuple[str, list[str]]:
    """Emit this program's BLOCK_P rows: their mask and the index expression of each loop (the
    parallel loops ``par`` decomposed from the row offset, "0" for the others)."""
    em.emit("pid = tl.program_id(0)")
    offs_p = em.fresh("pid * BLOCK_P + tl.arange(0, BLOCK_P)[:, None]", "offs_p", vector=True)
    mask_p = em.fresh(f"{offs_p} < {p_total}", "mask_p", vector=True)
    dims: list[str] = ["0"] * n_loops
    for k, (_, expr) in zip(par, decompose(offs_p, p_shape, "p")):
        dims[k] = expr if expr == "0" else em.fresh(expr, "pd", vector=True)
    return mask_p, dims
