"""Verification of `onnx` ops beyond what IRDL checks: attribute kinds, segment sizes and tensor
types.

IRDL verifies the declared (required) attributes and the operand/result counts, but optional ONNX
attributes are undeclared (an IRDL attribute is always required) and operand types are any
``tensor``. IR parsed from text can therefore carry a string where ``pads`` must be a list of
integers, an ``i1024`` tensor or a 2^40 x 2^40 shape, and the passes, which read attributes
through the op classes' typed accessors, would fail with untyped exceptions or abort in LLVM.
:func:`verify_onnx_ops` reports each such op at its location before any project pass runs.
"""

from __future__ import annotations

from typing import Iterator

from mlir import ir

from ..limits import type_size_problem
from ._onnx_support import VARIADIC_SLOTS, OnnxOp
from .onnx_types import is_supported_onnx_type

# How each attribute kind of the op tables is stored (see _onnx_support.to_attribute).
_SCALAR_CHECKS = {
    "int": lambda a: isinstance(a, ir.IntegerAttr) and _fits_i64(a),
    "float": lambda a: isinstance(a, ir.FloatAttr),
    "str": lambda a: isinstance(a, ir.StringAttr),
    "type": lambda a: isinstance(a, ir.TypeAttr),
}
_LIST_ITEMS = {"ints": "int", "floats": "float", "strs": "str"}
_KIND_TEXT = {"int": "an integer (i64)", "float": "a float", "str": "a string", "type": "a type",
              "ints": "an array of integers", "floats": "an array of floats",
              "strs": "an array of strings", "tensor": "a dense tensor attribute",
              "sparse_tensor": "a sparse tensor attribute"}
# Integer attributes holding an ONNX data type code (Cast.to, EyeLike.dtype, ...).
DATA_TYPE_ATTRIBUTES = frozenset({"to", "dtype", "output_dtype", "output_datatype", "stash_type"})
SEGMENT_ATTRIBUTES = {"operandSegmentSizes": "ONNX_INPUTS", "resultSegmentSizes": "ONNX_OUTPUTS"}


def _fits_i64(attr: ir.IntegerAttr) -> bool:
    t = attr.type
    return isinstance(t, ir.IntegerType) and t.width <= 64


def _attribute_matches(attr: ir.Attribute, kind: str) -> bool:
    if kind in _SCALAR_CHECKS:
        return _SCALAR_CHECKS[kind](attr)
    if kind in _LIST_ITEMS:
        item = _SCALAR_CHECKS[_LIST_ITEMS[kind]]
        return isinstance(attr, ir.ArrayAttr) and all(item(a) for a in attr)
    if kind == "tensor":
        from .resources import is_resource

        return isinstance(attr, ir.DenseElementsAttr) or is_resource(attr)
    return True  # sparse tensors: read by nothing yet


def _type_problem(t: ir.Type) -> str | None:
    if not isinstance(t, ir.ShapedType):
        return None  # !onnx.seq / !onnx.opt / none
    if not isinstance(t, ir.RankedTensorType):
        return f"type {t} is not a ranked tensor"
    from .onnx_types import onnx_dtype_of

    element = t.element_type
    if onnx_dtype_of(element) is None:
        return f"element type {element} of {t} is not an ONNX element type"
    problem = type_size_problem(t)
    return f"{t} is too large: {problem}" if problem else None


def _value_type_problem(op: OnnxOp, name: str, attr: ir.Attribute) -> str | None:
    """Constant and ConstantOfShape produce elements of their ``value``'s type (and Constant
    its shape): a result type that says otherwise cannot be lowered."""
    if name != "value" or len(op.operation.results) != 1:
        return None
    value_type, result_type = ir.ShapedType(attr.type), op.operation.results[0].type
    if not isinstance(result_type, ir.RankedTensorType):
        return None
    if value_type.element_type != result_type.element_type:
        return f"element type {value_type.element_type} differs from the result's {result_type}"
    if op.operation.name == "onnx.constant" and value_type.shape != result_type.shape:
        return f"shape of {value_type} differs from the result's {result_type}"
    return None


def _segment_problem(op: OnnxOp, name: str, attr: ir.Attribute) -> str | None:
    spec = getattr(type(op), SEGMENT_ATTRIBUTES[name])
    try:
        sizes = list(ir.DenseI32ArrayAttr(attr))
    except ValueError:
        return f"'{name}' must be an array<i32>, got {attr}"
    expected = sum(VARIADIC_SLOTS + 1 if entry[2] == "variadic" else 1 for entry in spec)
    count = len(op.operation.operands if name == "operandSegmentSizes" else op.operation.results)
    if len(sizes) != expected or any(s < 0 for s in sizes) or sum(sizes) != count:
        return f"'{name}' = {list(sizes)} does not describe {count} values in {expected} groups"
    return None


def op_problems(op: OnnxOp, type_problems: dict | None = None) -> Iterator[str]:
    """What is wrong with one onnx op (nothing for a well-formed op). ``type_problems`` caches
    the verdict per type across ops."""
    cache = {} if type_problems is None else type_problems

    def type_problem(t: ir.Type) -> str | None:
        if t not in cache:
            cache[t] = _type_problem(t)
        return cache[t]

    attributes = op.operation.attributes
    kinds = {onnx_name: kind for onnx_name, _, kind, _, _ in type(op).ONNX_ATTRIBUTES}
    for name in [attributes[i].name for i in range(len(attributes))]:
        try:
            attr = attributes[name]  # (by name: reading NamedAttribute.attr aborts instead)
        except TypeError:
            yield f"attribute '{name}' cannot be read (complex numbers are not supported)"
            continue
        if name in SEGMENT_ATTRIBUTES:
            problem = _segment_problem(op, name, attr)
            if problem:
                yield problem
        elif name in kinds and not _attribute_matches(attr, kinds[name]):
            yield f"attribute '{name}' must be {_KIND_TEXT.get(kinds[name], kinds[name])}, got {attr}"
        elif kinds.get(name) == "int" and name in DATA_TYPE_ATTRIBUTES and \
                not is_supported_onnx_type(ir.IntegerAttr(attr).value):
            yield f"attribute '{name}' = {ir.IntegerAttr(attr).value} is not an ONNX data type"
        elif name in kinds and kinds[name] == "tensor":
            problem = type_problem(attr.type) or _value_type_problem(op, name, attr)
            if problem:
                yield f"attribute '{name}': {problem}"
    for what, values in (("operand", op.operation.operands), ("result", op.operation.results)):
        for k, value in enumerate(values):
            problem = type_problem(value.type)
            if problem:
                yield f"{what} #{k}: {problem}"


def verify_onnx_ops(module: ir.Module) -> int:
    """Emit an error at each malformed onnx op (see :func:`op_problems`); the number of errors."""
    from ..passes.rewrite import onnx_ops

    errors, type_problems = 0, {}
    for op in onnx_ops(module):  # (collected first: checked outside the walk callback)
        if not isinstance(op, OnnxOp):
            continue
        problem = next(op_problems(op, type_problems), None)  # the first, as MLIR's verifiers report
        if problem is not None:
            op.location.emit_error(f"'{op.operation.name}' op {problem}")
            errors += 1
    return errors
