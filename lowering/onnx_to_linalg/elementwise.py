"""Elementwise ONNX ops -> one `linalg.generic` each, with numpy broadcasting in the indexing maps.

Broadcasting is expressed by the maps (a size-1 input dim facing a larger output dim reads index
0), so no broadcast copy is materialized and later fusion sees plain elementwise generics.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir

from ...dialects.onnx import AddOp, DivOp, MulOp, ReluOp, SubOp
from . import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern


def _check_types(op: ir.OpView, values: Sequence[ir.Value]) -> ir.Type:
    """The common element type of ``values``; numeric (float or integer) only."""
    elems = {str(b.element_type(v)) for v in values}
    if len(elems) != 1:
        raise LoweringError(f"operands have different element types: {', '.join(sorted(elems))}")
    elem = b.element_type(values[0])
    if not (b.is_float(elem) or b.is_integer(elem)):
        raise LoweringError(f"unsupported element type {elem}")
    for v in values:
        b.ranked(v)
    return elem


@register_pattern
class LowerBinaryArith(OnnxLoweringPattern):
    """Add/Sub/Mul/Div: `linalg.generic` + the arith op of the element type (numpy broadcasting).

    Integer Div truncates toward zero (`divsi`/`divui`), as onnxruntime does; uiN operands are
    computed on signless views with the unsigned arith variants."""

    op_names = ("onnx.add", "onnx.sub", "onnx.mul", "onnx.div")
    _KIND = {"onnx.add": "add", "onnx.sub": "sub", "onnx.mul": "mul", "onnx.div": "div"}

    def rewrite(self, op: AddOp | SubOp | MulOp | DivOp) -> Sequence[ir.Value]:
        lhs, rhs = op.operation.operands
        elem = _check_types(op, [lhs, rhs])
        if b.is_bool(elem):
            raise LoweringError("arithmetic on bool (i1) tensors is not defined by ONNX")
        kind = self._KIND[op.operation.name]
        unsigned = b.is_unsigned(elem)
        result_type = op.operation.results[0].type
        result = b.broadcast_generic(
            [lhs, rhs], elem, lambda x, y: b.scalar_binary(kind, x, y, unsigned),
            result_type=result_type if isinstance(result_type, ir.RankedTensorType) else None)
        return [result]


@register_pattern
class LowerRelu(OnnxLoweringPattern):
    """Relu: max(x, 0) in a `linalg.generic` (`maximumf` keeps NaN, `maxsi` for signed ints)."""

    op_names = ("onnx.relu",)

    def rewrite(self, op: ReluOp) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = _check_types(op, [x])
        if b.is_bool(elem):
            raise LoweringError("Relu is not defined on bool (i1) tensors")
        if b.is_unsigned(elem):  # max(x, 0) is x
            return [x]

        def body(v: ir.Value) -> ir.Value:
            return b.scalar_binary("max", v, b.scalar_constant(v.type, 0))

        return [b.broadcast_generic([x], elem, body)]
