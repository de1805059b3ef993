"""Appending a buffer argument to a function (the run-time check status buffer, the profile
buffer, the weights buffer): the block argument, the function type and the argument attributes
together."""

from __future__ import annotations

from mlir import ir


def append_buffer_argument(fn: ir.Operation, slots: int, marker: str,
                           element_type: ir.Type | None = None) -> ir.Value:
    """A ``memref<slots x element_type>`` argument (default ``i64``) appended last to ``fn``,
    marked with the unit argument attribute ``marker``. ``fn`` may be at tensor or at buffer
    level (any ``func.func`` with a body)."""
    entry = fn.regions[0].blocks[0]
    attrs = fn.attributes
    arg_attrs = list(ir.ArrayAttr(attrs["arg_attrs"])) if "arg_attrs" in attrs else \
        [ir.DictAttr.get({}) for _ in entry.arguments]
    buffer_type = ir.MemRefType.get([slots], element_type or ir.IntegerType.get_signless(64))
    arg = entry.add_argument(buffer_type, ir.Location.unknown())
    ftype = ir.FunctionType(ir.TypeAttr(attrs["function_type"]).value)
    attrs["function_type"] = ir.TypeAttr.get(
        ir.FunctionType.get([*ftype.inputs, buffer_type], list(ftype.results)))
    arg_attrs.append(ir.DictAttr.get({marker: ir.UnitAttr.get()}))
    attrs["arg_attrs"] = ir.ArrayAttr.get(arg_attrs)
    return arg
