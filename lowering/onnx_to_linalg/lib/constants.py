"""Compile-time constants read from the IR (the integers of an `onnx.constant`)."""

from __future__ import annotations

from mlir import ir

from ....dialects.dense_elements import dense_elements_to_numpy


def constant_ints(value: ir.Value) -> list[int] | None:
    """The integers held by ``value`` when it is produced by an `onnx.constant` (or
    `arith.constant`) with a dense attribute; None when unknown at compile time."""
    owner = value.owner
    if not isinstance(owner, ir.Operation):
        owner = getattr(owner, "operation", None)
    if owner is None or owner.name not in ("onnx.constant", "arith.constant"):
        return None
    attrs = owner.attributes
    if "value" in attrs and isinstance(attrs["value"], ir.DenseIntElementsAttr):
        return [int(v) for v in dense_elements_to_numpy(attrs["value"]).reshape(-1)]
    if "value_ints" in attrs:
        return [ir.IntegerAttr(v).value for v in ir.ArrayAttr(attrs["value_ints"])]
    if "value_int" in attrs:
        return [ir.IntegerAttr(attrs["value_int"]).value]
    return None
