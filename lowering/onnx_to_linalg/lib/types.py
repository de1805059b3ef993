"""Shorthands for the MLIR types the lowerings name most, and the float families they test.

One definition each, so that every op family spells "f32", "index" or "a 16-bit float" alike.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith

# 16-bit floats: math is carried in f32 and rounded back, like onnxruntime.
LOW_FLOAT_TYPES = (ir.F16Type, ir.BF16Type)
FLOAT_TYPES = (*LOW_FLOAT_TYPES, ir.F32Type, ir.F64Type)


def is_low_float(t: ir.Type) -> bool:
    """f16/bf16: sums and transcendental math are computed in f32 and rounded back."""
    return isinstance(t, LOW_FLOAT_TYPES)


def f32_type() -> ir.Type:
    return ir.F32Type.get()


def f64_type() -> ir.Type:
    return ir.F64Type.get()


def i32_type() -> ir.Type:
    return ir.IntegerType.get_signless(32)


def i64_type() -> ir.Type:
    return ir.IntegerType.get_signless(64)


def index_type() -> ir.Type:
    return ir.IndexType.get()


def index_constant(value: int) -> ir.Value:
    """An `arith.constant` of type index."""
    return arith.constant(ir.IndexType.get(), ir.IntegerAttr.get(ir.IndexType.get(), int(value)))
