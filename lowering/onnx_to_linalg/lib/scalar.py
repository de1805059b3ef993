"""Scalar-body helpers of the elementwise families (elementwise, logic, activations, cast):
the broadcast generic over the op's result type, float constants, comparisons, f16/bf16 via f32."""

from __future__ import annotations

from typing import Callable, Sequence

from mlir import ir
from mlir.dialects import arith

from ..pattern import LoweringError
from . import broadcasting
from . import builders as b
from .types import is_low_float


def common_element_type(op: ir.OpView, values: Sequence[ir.Value]) -> ir.Type:
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


def result_type(op: ir.OpView, index: int = 0) -> ir.RankedTensorType | None:
    """The op's result type when it is a ranked tensor (shape inference ran), else None."""
    t = op.operation.results[index].type
    return ir.RankedTensorType(t) if isinstance(t, ir.RankedTensorType) else None


def elementwise(op: ir.OpView, inputs: Sequence[ir.Value], result_elem: ir.Type,
                body: Callable[..., ir.Value], out_sizes=None) -> ir.Value:
    """`broadcast_generic` over ``inputs`` using the op's (static) result type for the shape."""
    return broadcasting.broadcast_generic(list(inputs), result_elem, body, result_type=result_type(op),
                               out_sizes=out_sizes)


def via_f32(fn: Callable[..., ir.Value]) -> Callable[..., ir.Value]:
    """Wrap a scalar float function so that f16/bf16 operands are computed in f32."""

    def wrapped(*args: ir.Value) -> ir.Value:
        t = args[0].type
        if not is_low_float(t):
            return fn(*args)
        f32 = ir.F32Type.get()
        wide = [arith.extf(f32, a) if a.type == t else a for a in args]
        return arith.truncf(t, fn(*wide))

    return wrapped


def fconst(like: ir.Value | ir.Type, value: float) -> ir.Value:
    """A float scalar constant of the type of ``like``."""
    t = like.type if isinstance(like, ir.Value) else like
    return arith.constant(t, ir.FloatAttr.get(t, float(value)))


def require_float(elem: ir.Type, what: str) -> None:
    if not b.is_float(elem):
        raise LoweringError(f"{what} needs a float element type, got {elem}")


def cmp(kind: str, lhs: ir.Value, rhs: ir.Value, unsigned: bool = False) -> ir.Value:
    """Scalar comparison ``eq|ne|lt|le|gt|ge`` -> i1. Floats use ordered predicates (false on NaN)
    except ``ne`` (true on NaN), like C++ and onnxruntime."""
    if b.is_float(lhs.type):
        pred = {"eq": "OEQ", "ne": "UNE", "lt": "OLT", "le": "OLE", "gt": "OGT", "ge": "OGE"}[kind]
        return arith.cmpf(getattr(arith.CmpFPredicate, pred), lhs, rhs)
    if kind in ("eq", "ne"):
        pred = kind
    else:
        pred = ("u" if unsigned else "s") + kind
    return arith.cmpi(getattr(arith.CmpIPredicate, pred), lhs, rhs)
