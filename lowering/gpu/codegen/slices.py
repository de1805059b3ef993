"""``tensor.extract_slice`` and ``tensor.insert_slice`` inside a kernel: index arithmetic, no copy.

A slice's value at an index is its source's value at ``offset + index * stride`` (the dims a
rank-reducing slice drops are read at their offset); an ``insert_slice``'s value is the inserted
tensor's where the index falls in the slice (a masked load), its destination's elsewhere.  So a
``Split`` is strided loads and a ``Concat`` (a chain of inserts into an empty tensor) selects
between loads.  Offsets, sizes and strides may be static or computed (scalars of the kernel).
"""

from __future__ import annotations

from mlir import ir

from ..pysource import literal
from .kernel_source import CodegenError


def _geometry(em, op: ir.Operation, first_dynamic: int) -> tuple[list[str], list[str], list[str]]:
    """(offsets, sizes, strides) as expressions: static entries as literals, dynamic ones from the
    op's operands (in order, starting at ``first_dynamic``) as the kernel's scalars."""
    dynamic = iter(list(op.operands)[first_dynamic:])
    marker = ir.ShapedType.get_dynamic_size()
    out = []
    for attr in ("static_offsets", "static_sizes", "static_strides"):
        values = []
        for s in ir.DenseI64ArrayAttr(op.attributes[attr]):
            values.append(em.scalar(next(dynamic), {}, [], None) if s == marker else literal(int(s)))
        out.append(values)
    return out[0], out[1], out[2]


def _kept_dims(sizes: list[str], rank: int) -> list[bool]:
    """Which dims of the slice's sizes the (possibly rank-reduced) slice type keeps: the first
    unit dims are dropped (which unit dim a rank reduction drops does not change any index)."""
    drops = len(sizes) - rank
    kept = []
    for s in sizes:
        if drops > 0 and s == "1":
            kept.append(False)
            drops -= 1
        else:
            kept.append(True)
    if drops:
        raise CodegenError("a rank-reducing slice whose dropped dims are not static unit dims")
    return kept


def _plus(a: str, b: str) -> str:
    return a if b == "0" else b if a == "0" else f"({a} + {b})"


def _times(a: str, b: str) -> str:
    return "0" if "0" in (a, b) else a if b == "1" else b if a == "1" else f"({a} * {b})"


def extract_slice_at(em, op: ir.Operation, idx: tuple[str, ...], mask: str | None) -> str:
    offsets, sizes, strides = _geometry(em, op, 1)
    kept = _kept_dims(sizes, len(idx))
    it = iter(idx)
    src_idx = tuple(_plus(off, _times(next(it), stride)) if keep else off
                    for off, stride, keep in zip(offsets, strides, kept))
    return em.value_at(op.operands[0], src_idx, mask)


def insert_slice_at(em, op: ir.Operation, idx: tuple[str, ...], mask: str | None) -> str:
    source, dest = op.operands[0], op.operands[1]
    offsets, sizes, strides = _geometry(em, op, 2)
    kept = _kept_dims(sizes, len(ir.ShapedType(source.type).shape))
    dest_shape = [str(d) for d in em.shape(dest)]
    conds, src_idx = [], []
    for e, off, size, stride, keep, full in zip(idx, offsets, sizes, strides, kept, dest_shape):
        rel = e if off == "0" else f"({e} - {off})"
        if off != "0" or size != full or stride != "1":
            conds.append(f"({rel} >= 0) & ({rel} < {_times(size, stride)})")
        if stride != "1":
            conds.append(f"({rel} % {stride} == 0)")
        if keep:
            src_idx.append(rel if stride == "1" else f"({rel} // {stride})")
    if not conds:  # the slice covers the destination
        return em.value_at(source, tuple(src_idx), mask)
    inside = em.fresh(" & ".join(conds), "m")
    outside = em.fresh(f"~{inside}" if mask is None else f"{mask} & ~{inside}", "m")
    inner = em.value_at(source, tuple(src_idx), inside if mask is None else em.fresh(f"{mask} & {inside}", "m"))
    outer = em.value_at(dest, idx, outside)
    return em.fresh(f"tl.where({inside}, {inner}, {outer})")


def slice_result_dim(em, op: ir.Operation, axis: int):
    """The size of an extract_slice result along ``axis`` (a static size or the kernel's size)."""
    marker = ir.ShapedType.get_dynamic_size()
    static = [int(s) for s in ir.DenseI64ArrayAttr(op.attributes["static_sizes"])]
    n_dyn_offsets = sum(1 for s in ir.DenseI64ArrayAttr(op.attributes["static_offsets"]) if s == marker)
    dynamic = list(op.operands)[1 + n_dyn_offsets:]
    sizes, k = [], 0
    for s in static:
        if s == marker:
            sizes.append(em.size(dynamic[k]))
            k += 1
        else:
            sizes.append(s)
    kept = _kept_dims([str(s) for s in sizes], ir.ShapedType(op.results[0].type).rank)
    return [s for s, keep in zip(sizes, kept) if keep][axis]
