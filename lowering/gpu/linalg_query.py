"""Structure queries on linalg ops, shared by the grouping and the code generator.

Iterators, indexing maps, inputs and static loop sizes of a ``linalg.generic``, static shapes of
tensor values.  Nothing here changes the IR.
"""

from __future__ import annotations

from mlir import ir


def is_static_tensor(t: ir.Type) -> bool:
    return isinstance(t, ir.RankedTensorType) and ir.ShapedType(t).has_static_shape


def iterator_kinds(op: ir.Operation) -> list[str]:
    return [str(a).split("<")[-1].rstrip(">") for a in ir.ArrayAttr(op.attributes["iterator_types"])]


def indexing_maps(op: ir.Operation) -> list[ir.AffineMap]:
    return [ir.AffineMapAttr(a).value for a in ir.ArrayAttr(op.attributes["indexing_maps"])]


def num_inputs(op: ir.Operation) -> int:
    sizes = ir.DenseI32ArrayAttr(op.attributes["operandSegmentSizes"])
    return sizes[0]


def static_shape(value: ir.Value) -> tuple[int, ...]:
    return tuple(ir.ShapedType(value.type).shape)


def domain(op: ir.Operation) -> tuple[int, ...]:
    """Static iteration space of a pointwise op (its first result's shape)."""
    return static_shape(op.results[0])


def static_loop_sizes(op: ir.Operation) -> list[int] | None:
    """Static size of each loop of a linalg.generic (from an operand indexed by that loop alone)."""
    maps = indexing_maps(op)
    sizes: list[int | None] = [None] * maps[0].n_dims
    for value, m in zip(op.operands, maps):
        if not isinstance(value.type, ir.ShapedType):
            continue
        shape = static_shape(value)
        for k, r in enumerate(m.results):
            if isinstance(r, ir.AffineDimExpr):
                pos = ir.AffineDimExpr(r).position
                if sizes[pos] is None:
                    sizes[pos] = shape[k]
    if any(s is None for s in sizes):
        return None
    return sizes  # type: ignore[return-value]


def is_identity_map(m: ir.AffineMap) -> bool:
    """``(d0, ..., dn) -> (d0, ..., dn)``."""
    return m.is_permutation and all(
        isinstance(r, ir.AffineDimExpr) and ir.AffineDimExpr(r).position == i for i, r in enumerate(m.results))
