"""Elementwise ONNX ops -> one `linalg.generic` each, with numpy broadcasting in the indexing maps.

Broadcasting is expressed by the maps (a size-1 input dim facing a larger output dim reads index
0), so no broadcast copy is materialized and later fusion sees plain elementwise generics.
"""

from __future__ import annotations

from typing import Callable, Sequence

from mlir import ir
from mlir.dialects import arith, math

from ...dialects.onnx import AddOp, DivOp, MulOp, ReluOp, SubOp
from .lib import broadcasting
from .lib import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.constants import constant_splat_number
from .lib.scalar import (common_element_type, cmp, elementwise, fconst, require_float, via_f32)
from .lib.types import is_low_float


# --------------------------------------------------------------------------- shared helpers
# (used by the other elementwise-family modules: logic, activations, cast)


@register_pattern
class LowerBinaryArith(OnnxLoweringPattern):
    """Add/Sub/Mul/Div: `linalg.generic` + the arith op of the element type (numpy broadcasting).

    Integer Div truncates toward zero (`divsi`/`divui`), as onnxruntime does; uiN operands are
    computed on signless views with the unsigned arith variants."""

    op_names = ("onnx.add", "onnx.sub", "onnx.mul", "onnx.div")
    _KIND = {"onnx.add": "add", "onnx.sub": "sub", "onnx.mul": "mul", "onnx.div": "div"}

    def rewrite(self, op: AddOp | SubOp | MulOp | DivOp) -> Sequence[ir.Value]:
        lhs, rhs = op.operation.operands
        elem = common_element_type(op, [lhs, rhs])
        if b.is_bool(elem):
            raise LoweringError("arithmetic on bool (i1) tensors is not defined by ONNX")
        kind = self._KIND[op.operation.name]
        unsigned = b.is_unsigned(elem)
        result_type = op.operation.results[0].type
        result = broadcasting.broadcast_generic(
            [lhs, rhs], elem, lambda x, y: b.scalar_binary(kind, x, y, unsigned),
            result_type=result_type if isinstance(result_type, ir.RankedTensorType) else None)
        return [result]


@register_pattern
class LowerRelu(OnnxLoweringPattern):
    """Relu: max(x, 0) in a `linalg.generic` (`maximumf` keeps NaN, `maxsi` for signed ints)."""

    op_names = ("onnx.relu",)

    def rewrite(self, op: ReluOp) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = common_element_type(op, [x])
        if b.is_bool(elem):
            raise LoweringError("Relu is not defined on bool (i1) tensors")
        if b.is_unsigned(elem):  # max(x, 0) is x
            return [x]

        def body(v: ir.Value) -> ir.Value:
            return b.scalar_binary("max", v, b.scalar_constant(v.type, 0))

        return [broadcasting.broadcast_generic([x], elem, body)]


# --------------------------------------------------------------------------- unary math

def _reciprocal(x: ir.Value) -> ir.Value:
    return arith.divf(fconst(x, 1.0), x)


@register_pattern
class LowerUnaryFloatMath(OnnxLoweringPattern):
    """Float-only unary math (Ceil ... Erf, Tanh, Reciprocal): one `math` op per element.

    f16/bf16 are computed in f32 and rounded back (as onnxruntime does); Round is
    `math.roundeven` (ONNX rounds half to even)."""

    _FN: dict[str, Callable[[ir.Value], ir.Value]] = {
        "onnx.ceil": math.ceil, "onnx.floor": math.floor, "onnx.round": math.roundeven,
        "onnx.sqrt": math.sqrt, "onnx.exp": math.exp, "onnx.log": math.log,
        "onnx.sin": math.sin, "onnx.cos": math.cos, "onnx.tan": math.tan,
        "onnx.asin": math.asin, "onnx.acos": math.acos, "onnx.atan": math.atan,
        "onnx.sinh": math.sinh, "onnx.cosh": math.cosh, "onnx.asinh": math.asinh,
        "onnx.acosh": math.acosh, "onnx.atanh": math.atanh, "onnx.erf": math.erf,
        "onnx.tanh": math.tanh, "onnx.reciprocal": _reciprocal,
    }
    op_names = tuple(_FN)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = common_element_type(op, [x])
        require_float(elem, op.operation.name)
        fn = self._FN[op.operation.name]
        return [elementwise(op, [x], elem, via_f32(fn))]


@register_pattern
class LowerAbsNegSign(OnnxLoweringPattern):
    """Abs/Neg/Sign on floats and (un)signed integers.

    Abs: `math.absf`/`math.absi` (identity on unsigned). Neg: `negf`, or ``0 - x`` (two's
    complement wrap for the minimum value, like C++). Sign: -1/0/1 by two selects; a float NaN
    stays NaN."""

    op_names = ("onnx.abs", "onnx.neg", "onnx.sign")

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = common_element_type(op, [x])
        if b.is_bool(elem):
            raise LoweringError(f"{op.operation.name} is not defined on bool (i1) tensors")
        name = op.operation.name
        unsigned = b.is_unsigned(elem)
        flt = b.is_float(elem)

        def body(v: ir.Value) -> ir.Value:
            if name == "onnx.abs":
                if flt:
                    return math.absf(v)
                return v if unsigned else math.absi(v)
            if name == "onnx.neg":
                return arith.negf(v) if flt else arith.subi(b.scalar_constant(v.type, 0), v)
            zero, one = b.scalar_constant(v.type, 0), b.scalar_constant(v.type, 1)
            positive = arith.select(cmp("gt", v, zero, unsigned), one, zero)
            if unsigned:
                return positive
            negative = arith.select(cmp("lt", v, zero), b.scalar_constant(v.type, -1), positive)
            if flt:  # NaN stays NaN
                return arith.select(arith.cmpf(arith.CmpFPredicate.UNO, v, v), v, negative)
            return negative

        if name == "onnx.abs" and unsigned:
            return [x]
        return [elementwise(op, [x], elem, body)]


# --------------------------------------------------------------------------- Pow, Mod

def _to_int(v: ir.Value, to: ir.Type, unsigned: bool) -> ir.Value:
    return b.convert_scalar(v, to, unsigned)


@register_pattern
class LowerPow(OnnxLoweringPattern):
    """Pow with mixed base/exponent types (numpy broadcasting).

    float^float and float^int: the exponent is converted to the base type and `math.powf`
    is used (f16/bf16 in f32); a constant exponent of 2 or 3 (GELU's tanh form, variances) is
    x*x or x*x*x instead, as onnxruntime computes it (powf is a libm call per element). int^int: `math.ipowi` on the base type (exponent cast to it).
    int^float: computed in f64 and truncated toward zero, as onnxruntime's std::pow does."""

    op_names = ("onnx.pow",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        base, exponent = op.operation.operands
        bt, et = b.element_type(base), b.element_type(exponent)
        for t in (bt, et):
            if b.is_bool(t) or not (b.is_float(t) or b.is_integer(t)):
                raise LoweringError(f"Pow does not support element type {t}")
        e_unsigned = b.is_unsigned(et)
        b_unsigned = b.is_unsigned(bt)
        power = constant_splat_number(exponent) if b.is_float(bt) else None

        def body(x: ir.Value, y: ir.Value) -> ir.Value:
            if b.is_float(x.type):
                work = ir.F32Type.get() if is_low_float(x.type) else x.type
                xe = b.convert_scalar(x, work)
                if power in (2.0, 3.0):
                    square = arith.mulf(xe, xe)
                    return b.convert_scalar(square if power == 2.0 else arith.mulf(square, xe), x.type)
                ye = b.convert_scalar(y, work, e_unsigned)
                return b.convert_scalar(math.powf(xe, ye), x.type)
            if b.is_integer(y.type):
                return math.ipowi(x, b.convert_scalar(y, x.type, e_unsigned))
            f64 = ir.F64Type.get()
            r = math.powf(b.convert_scalar(x, f64, b_unsigned), b.convert_scalar(y, f64))
            return b.convert_scalar(r, x.type, b_unsigned)

        return [elementwise(op, [base, exponent], bt, body)]


@register_pattern
class LowerMod(OnnxLoweringPattern):
    """Mod: fmod=1 is C fmod (`remf`/`remsi`: the sign of the dividend); fmod=0 is Python's %
    (the sign of the divisor): a non-zero remainder whose sign differs from the divisor's gets
    the divisor added. Unsigned: `remui` either way."""

    op_names = ("onnx.mod",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        a, d = op.operation.operands
        elem = common_element_type(op, [a, d])
        if b.is_bool(elem):
            raise LoweringError("Mod is not defined on bool (i1) tensors")
        fmod = op.fmod
        unsigned = b.is_unsigned(elem)

        def rem(x: ir.Value, y: ir.Value) -> ir.Value:
            r = b.scalar_binary("rem", x, y, unsigned)
            if fmod or unsigned:
                return r
            zero = b.scalar_constant(r.type, 0)
            nonzero = cmp("ne", r, zero) if not b.is_float(r.type) else \
                arith.cmpf(arith.CmpFPredicate.ONE, r, zero)
            signs_differ = arith.xori(cmp("lt", r, zero), cmp("lt", y, zero))
            fix = arith.andi(nonzero, signs_differ)
            return arith.select(fix, b.scalar_binary("add", r, y), r)

        body = via_f32(rem) if b.is_float(elem) else rem
        return [elementwise(op, [a, d], elem, body)]


# --------------------------------------------------------------------------- variadic

@register_pattern
class LowerVariadic(OnnxLoweringPattern):
    """Max/Min/Sum/Mean of 1..N inputs, all broadcast together in one `linalg.generic`.

    Float Max/Min propagate NaN (`maximumf`/`minimumf`); Mean sums then divides by N."""

    op_names = ("onnx.max", "onnx.min", "onnx.sum", "onnx.mean")
    _KIND = {"onnx.max": "max", "onnx.min": "min", "onnx.sum": "add", "onnx.mean": "add"}

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        inputs = list(op.operation.operands)
        if not inputs:
            raise LoweringError(f"{op.operation.name} needs at least one input")
        elem = common_element_type(op, inputs)
        name = op.operation.name
        if b.is_bool(elem):
            raise LoweringError(f"{name} is not defined on bool (i1) tensors")
        if name == "onnx.mean":
            require_float(elem, "Mean")
        if len(inputs) == 1 and inputs[0].type == op.operation.results[0].type:
            return [inputs[0]]  # max/min/sum/mean of one tensor is that tensor
        kind, unsigned = self._KIND[name], b.is_unsigned(elem)

        def body(*xs: ir.Value) -> ir.Value:
            acc = xs[0]
            for x in xs[1:]:
                acc = b.scalar_binary(kind, acc, x, unsigned)
            if name == "onnx.mean":
                acc = arith.divf(acc, fconst(acc, len(xs)))
            return acc

        wrapped = via_f32(body) if name == "onnx.mean" else body
        return [elementwise(op, inputs, elem, wrapped)]
