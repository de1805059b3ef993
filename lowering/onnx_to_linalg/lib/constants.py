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


def dense_constant_attr(value: ir.Value) -> ir.DenseElementsAttr | None:
    """The dense (not dense_resource) attribute of ``value`` when it is an
    `onnx.constant`/`arith.constant`; None otherwise (known only at run time, or a weight)."""
    owner = value.owner
    if not isinstance(owner, ir.Operation):
        owner = getattr(owner, "operation", None)
    if owner is None or owner.name not in ("onnx.constant", "arith.constant"):
        return None
    attr = owner.attributes["value"] if "value" in owner.attributes else None
    return attr if isinstance(attr, ir.DenseElementsAttr) else None


def constant_splat_number(value: ir.Value) -> float | None:
    """The one value of ``value`` when it is an `onnx.constant`/`arith.constant` whose dense
    attribute holds a single repeated number (int or float); None otherwise."""
    attr = dense_constant_attr(value)
    if attr is None:
        return None
    if attr.is_splat:
        splat = attr.get_splat_value()
        if isinstance(splat, ir.FloatAttr):
            return ir.FloatAttr(splat).value
        if isinstance(splat, ir.IntegerAttr) and ir.IntegerType(splat.type).width > 1:
            return float(ir.IntegerAttr(splat).value)
        return None
    values = dense_elements_to_numpy(attr).reshape(-1)
    if values.size == 0 or values.dtype.kind not in "iuf" or not (values == values[0]).all():
        return None
    return float(values[0])
