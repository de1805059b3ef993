"""Helpers of the control-flow lowerings (If, Loop): the scalar condition of a bool tensor."""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith, tensor

from ..pattern import LoweringError
from . import builders as b


def scalar_condition(cond: ir.Value) -> ir.Value:
    """The i1 of a one-element bool tensor (rank 0 or all dims 1)."""
    shape = b.shape(cond)
    if any(s != 1 for s in shape):
        raise LoweringError(f"condition must hold one element, got {cond.type}")
    elem = b.element_type(cond)
    value = tensor.extract(cond, [arith.constant(ir.IndexType.get(), 0) for _ in shape])
    if not b.is_bool(elem):
        if not b.is_integer(elem):
            raise LoweringError(f"condition must be bool, got {cond.type}")
        value = arith.cmpi(arith.CmpIPredicate.ne, value, b.scalar_constant(elem, 0))
    return value
