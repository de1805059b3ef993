"""Sizes of dynamic dims known where a tensor was built, for the patterns that use the tensor.

A guard (``guards.py``) computes the result sizes of the op it guards before its ``scf.if`` and
records them here; :func:`known_size` hands them to later patterns, so a chain of ops on one
dynamic dim checks it once rather than at every op (a ``tensor.dim`` of the guard's result would
be a new, unrelated size value). Valid during one run of the conversion pass: :func:`reset`
clears the table (values die with their module).
"""

from __future__ import annotations

from mlir import ir

# Guard results -> their sizes (int or index value defined before the guard).
_KNOWN_SIZES: dict[ir.Value, list[int | ir.Value]] = {}


def reset() -> None:
    _KNOWN_SIZES.clear()


def record_sizes(value: ir.Value, sizes: list[int | ir.Value]) -> None:
    _KNOWN_SIZES[value] = sizes


def known_size(value: ir.Value, axis: int) -> ir.Value | None:
    """The size value of ``value``'s dynamic dim ``axis`` as computed where ``value`` was built:
    before the guard that produced it, or the ``tensor.empty`` size of the linalg op that did.
    ``None`` when unknown (then it is a ``tensor.dim``)."""
    sizes = _KNOWN_SIZES.get(value)
    if sizes is None:
        sizes = result_sizes(value)
    if sizes is None:
        return None
    size = sizes[axis]
    return size if isinstance(size, ir.Value) else None


def owner(v: ir.Value) -> ir.Operation | None:
    """The operation defining ``v`` (None for a block argument)."""
    defining = v.owner
    if isinstance(defining, ir.Operation):
        return defining
    return getattr(defining, "operation", None)


def result_sizes(value: ir.Value) -> list[int | ir.Value] | None:
    """Mixed sizes of a tensor built by linalg ops, traced back to the ``tensor.empty`` of its
    destination (through linalg ops and fills); None when not found."""
    if not isinstance(value.type, ir.RankedTensorType):
        return None
    t = ir.RankedTensorType(value.type)
    for _ in range(16):
        op = owner(value)
        if op is None:
            return None
        if op.name == "tensor.empty":
            dynamic = iter(op.operands)
            return [next(dynamic) if t.is_dynamic_dim(i) else t.shape[i] for i in range(t.rank)]
        if not op.name.startswith("linalg.") or not op.results:
            return None
        # Destination-style: result k has the shape of the k-th init, the last operands.
        k = ir.OpResult(value).result_number
        value = op.operands[len(op.operands) - len(op.results) + k]
    return None
