"""Base class and helpers shared by the generated `onnx` op classes (``_onnx_ops_gen.py``).

Each generated class lists its ONNX signature in class attributes (``ONNX_INPUTS``,
``ONNX_ATTRIBUTES``, ...); the accessors and the builder here interpret those tables, so the
generated file stays declarative.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
from mlir import ir
from mlir.dialects._ods_common import _cext

# The Python side of the dialect: parsed `onnx.*` ops come back as the registered classes.
@_cext.register_dialect
class _Dialect(ir.Dialect):
    DIALECT_NAMESPACE = "onnx"


register_operation = _cext.register_operation(_Dialect)

_KIND_TO_PY: dict[str, Callable[[ir.Attribute], Any]] = {
    "int": lambda a: ir.IntegerAttr(a).value,
    "float": lambda a: ir.FloatAttr(a).value,
    "str": lambda a: ir.StringAttr(a).value,
    "ints": lambda a: [ir.IntegerAttr(x).value for x in ir.ArrayAttr(a)],
    "floats": lambda a: [ir.FloatAttr(x).value for x in ir.ArrayAttr(a)],
    "strs": lambda a: [ir.StringAttr(x).value for x in ir.ArrayAttr(a)],
    "type": lambda a: ir.TypeAttr(a).value,
}


def to_attribute(value: Any, kind: str) -> ir.Attribute:
    """Convert a Python value to the MLIR attribute used for an ONNX attribute of ``kind``."""
    if isinstance(value, ir.Attribute):
        return value
    i64, f32 = ir.IntegerType.get_signless(64), ir.F32Type.get()
    if kind == "int":
        return ir.IntegerAttr.get(i64, int(value))
    if kind == "float":
        return ir.FloatAttr.get(f32, float(value))
    if kind == "str":
        return ir.StringAttr.get(value)
    if kind == "ints":
        return ir.ArrayAttr.get([ir.IntegerAttr.get(i64, int(v)) for v in value])
    if kind == "floats":
        return ir.ArrayAttr.get([ir.FloatAttr.get(f32, float(v)) for v in value])
    if kind == "strs":
        return ir.ArrayAttr.get([ir.StringAttr.get(v) for v in value])
    if kind == "tensor":
        return ir.DenseElementsAttr.get(np.ascontiguousarray(value))
    if kind == "type":
        return ir.TypeAttr.get(value)
    raise TypeError(f"cannot build an attribute of kind '{kind}' from {type(value).__name__}")


# A variadic ONNX parameter is declared in IRDL as this many optional groups plus a variadic tail
# (tools/gen_onnx_dialect.py): IRDL binds a constraint to one type, so only values past the slots
# must share a type. The classes below translate between those groups and ONNX's parameters.
VARIADIC_SLOTS = 16


def _group_sizes(spec: Sequence[tuple], count: int, attributes, segment_attr: str) -> list[int]:
    """Number of values in each ONNX formal parameter group (single / optional / variadic)."""
    if segment_attr in attributes:
        irdl_sizes = list(ir.DenseI32ArrayAttr(attributes[segment_attr]))
        sizes, at = [], 0
        for entry in spec:
            width = VARIADIC_SLOTS + 1 if entry[2] == "variadic" else 1
            sizes.append(sum(irdl_sizes[at:at + width]))
            at += width
        return sizes
    singles = sum(1 for entry in spec if entry[2] == "single")
    return [1 if entry[2] == "single" else count - singles for entry in spec]


def _irdl_groups(spec: Sequence[tuple], groups: Sequence[Any]) -> list[Any]:
    """ONNX parameter groups (a list for a variadic one) -> the IRDL groups of the segments."""
    out: list[Any] = []
    for entry, value in zip(spec, groups):
        if entry[2] != "variadic":
            out.append(value)
            continue
        values = list(value or [])
        out.extend(values[i] if i < len(values) else None for i in range(VARIADIC_SLOTS))
        out.append(values[VARIADIC_SLOTS:])
    return out


class OnnxOp(ir.OpView):
    """Common behaviour of every `onnx` op class.

    Construct with ``Op(result_types, *operands, loc=None, ip=None, **attributes)``: operands in
    ONNX order (``None`` for an absent optional input, a list for a variadic one) or by keyword
    using the accessor names; attributes by their ONNX names as Python values or MLIR attributes,
    or already converted in ``onnx_attributes`` (a mapping from ONNX name to MLIR attribute).
    """

    ONNX_OP_TYPE = ""
    ONNX_SINCE_VERSION = 0
    ONNX_INPUTS: tuple = ()
    ONNX_OUTPUTS: tuple = ()
    ONNX_ATTRIBUTES: tuple = ()
    ONNX_REGIONS: tuple = ()
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None

    def __init__(self, result_types, *operands, onnx_attributes=None, loc=None, ip=None,
                 **kwargs):
        slots: list[Any] = list(operands) + [None] * (len(self.ONNX_INPUTS) - len(operands))
        if len(operands) > len(self.ONNX_INPUTS):
            raise TypeError(f"{self.OPERATION_NAME} takes {len(self.ONNX_INPUTS)} operand groups, "
                            f"got {len(operands)}")
        for index, (_, py_name, _) in enumerate(self.ONNX_INPUTS):
            if py_name in kwargs:
                slots[index] = kwargs.pop(py_name)
        attributes: dict[str, ir.Attribute] = dict(onnx_attributes or {})
        by_name = {}
        for onnx_name, py_name, kind, _, _ in self.ONNX_ATTRIBUTES:
            by_name[onnx_name] = by_name[py_name] = (onnx_name, kind)
        for key, value in kwargs.items():
            if value is None:
                continue
            if key in by_name:
                onnx_name, kind = by_name[key]
                attributes[onnx_name] = to_attribute(value, kind)
            elif isinstance(value, ir.Attribute):
                attributes[key] = value
            else:
                raise TypeError(f"{self.OPERATION_NAME} has no attribute '{key}'")
        for onnx_name, _, kind, required, _ in self.ONNX_ATTRIBUTES:
            if required and onnx_name not in attributes:
                raise TypeError(f"{self.OPERATION_NAME} requires attribute '{onnx_name}'")
        flat_operands: list[Any]
        if self._ODS_OPERAND_SEGMENTS is None:
            flat_operands = []
            for value in slots:
                if isinstance(value, (list, tuple)):
                    flat_operands.extend(value)
                elif value is not None:
                    flat_operands.append(value)
        else:
            flat_operands = _irdl_groups(self.ONNX_INPUTS,
                                         [list(v) if isinstance(v, tuple) else v for v in slots])
        results = [result_types] if isinstance(result_types, ir.Type) else list(result_types)
        if self._ODS_RESULT_SEGMENTS is None:
            results = [t for group in results
                       for t in (group if isinstance(group, (list, tuple)) else [group])
                       if t is not None]
        else:
            results = _irdl_groups(self.ONNX_OUTPUTS, results)
        super().__init__(self.OPERATION_NAME, self._ODS_REGIONS, self._ODS_OPERAND_SEGMENTS,
                         self._ODS_RESULT_SEGMENTS, attributes=attributes, results=results,
                         operands=flat_operands, successors=None, regions=None, loc=loc, ip=ip)

    # Accessors used by the generated properties.
    def _operand_group(self, index: int):
        values = self.operation.operands
        sizes = _group_sizes(self.ONNX_INPUTS, len(values), self.operation.attributes,
                             "operandSegmentSizes")
        start, size = sum(sizes[:index]), sizes[index]
        if self.ONNX_INPUTS[index][2] == "variadic":
            return [values[i] for i in range(start, start + size)]
        return values[start] if size else None

    def _result_group(self, index: int):
        values = self.operation.results
        sizes = _group_sizes(self.ONNX_OUTPUTS, len(values), self.operation.attributes,
                             "resultSegmentSizes")
        start, size = sum(sizes[:index]), sizes[index]
        if self.ONNX_OUTPUTS[index][2] == "variadic":
            return [values[i] for i in range(start, start + size)]
        return values[start] if size else None

    def _attribute(self, name: str, kind: str, default: Any):
        attributes = self.operation.attributes
        if name not in attributes:
            return default
        attr = attributes[name]
        convert = _KIND_TO_PY.get(kind)
        return convert(attr) if convert else attr

    def has_attribute(self, name: str) -> bool:
        """Whether the ONNX attribute ``name`` is set explicitly (not defaulted)."""
        return name in self.operation.attributes


def op_builder(cls: type[OnnxOp]) -> Callable[..., Any]:
    """The lowercase builder of an op class: builds the op and returns its result value(s)."""

    def build(result_types, *operands, loc=None, ip=None, **kwargs):
        op = cls(result_types, *operands, loc=loc, ip=ip, **kwargs)
        results = op.operation.results
        if len(results) == 1:
            return results[0]
        return op if len(results) == 0 else list(results)

    build.__name__ = cls.OPERATION_NAME.split(".", 1)[1]
    build.__qualname__ = build.__name__
    build.__doc__ = f"Build `{cls.OPERATION_NAME}` and return its result(s). See {cls.__name__}."
    return build
