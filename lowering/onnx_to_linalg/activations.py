"""Activation functions, Clip and Dropout -> one `linalg.generic` each.

Float activations compute f16/bf16 in f32 and round back (``via_f32``), like onnxruntime.
Attribute constants (alpha, beta, ...) are ONNX FLOAT (f32) attributes, used at the input's type.
"""

from __future__ import annotations

from typing import Callable, Sequence

from mlir import ir
from mlir.dialects import arith, linalg, math

from .lib import builders as b
from .lib.scalar import common_element_type, cmp, elementwise, fconst, require_float, via_f32
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern


def _sigmoid(x: ir.Value) -> ir.Value:
    """1 / (1 + exp(-x))."""
    one = fconst(x, 1.0)
    return arith.divf(one, arith.addf(one, math.exp(arith.negf(x))))


def _softplus(x: ir.Value) -> ir.Value:
    """log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|))."""
    zero = fconst(x, 0.0)
    return arith.addf(arith.maximumf(x, zero), math.log1p(math.exp(arith.negf(math.absf(x)))))


def _clamp01(v: ir.Value) -> ir.Value:
    return arith.minimumf(arith.maximumf(v, fconst(v, 0.0)), fconst(v, 1.0))


def _gelu(approximate: str) -> Callable[[ir.Value], ir.Value]:
    if approximate not in ("none", "tanh"):
        raise LoweringError(f"Gelu approximate must be 'none' or 'tanh', got {approximate!r}")

    def body(x: ir.Value) -> ir.Value:
        half = arith.mulf(fconst(x, 0.5), x)
        if approximate == "none":  # 0.5 x (1 + erf(x / sqrt 2))
            inner = math.erf(arith.mulf(x, fconst(x, 0.7071067811865476)))
        else:  # 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
            cube = arith.mulf(arith.mulf(x, x), x)
            poly = arith.addf(x, arith.mulf(fconst(x, 0.044715), cube))
            inner = math.tanh(arith.mulf(fconst(x, 0.7978845608028654), poly))
        return arith.mulf(half, arith.addf(fconst(x, 1.0), inner))

    return body


# One scalar body builder per op: ``builder(op)`` reads the op's attributes and returns the
# per-element float function (the formula of the ONNX spec).
ScalarBody = Callable[[ir.Value], ir.Value]
_ACTIVATIONS: dict[str, Callable[[ir.OpView], ScalarBody]] = {}


def _activation(op_name: str):
    def register(builder: Callable[[ir.OpView], ScalarBody]) -> Callable[[ir.OpView], ScalarBody]:
        _ACTIVATIONS[op_name] = builder
        return builder
    return register


def _attr(op: ir.OpView, name: str) -> float:
    return float(getattr(op, name))


@_activation("onnx.sigmoid")
def _sigmoid_body(op: ir.OpView) -> ScalarBody:
    return _sigmoid


@_activation("onnx.hard_sigmoid")
def _hard_sigmoid_body(op: ir.OpView) -> ScalarBody:
    alpha, beta = _attr(op, "alpha"), _attr(op, "beta")
    return lambda x: _clamp01(arith.addf(arith.mulf(fconst(x, alpha), x), fconst(x, beta)))


@_activation("onnx.hard_swish")
def _hard_swish_body(op: ir.OpView) -> ScalarBody:
    return lambda x: arith.mulf(x, _clamp01(
        arith.addf(arith.mulf(fconst(x, 1.0 / 6.0), x), fconst(x, 0.5))))


@_activation("onnx.gelu")
def _gelu_body(op: ir.OpView) -> ScalarBody:
    return _gelu(op.approximate)


@_activation("onnx.leaky_relu")
def _leaky_relu_body(op: ir.OpView) -> ScalarBody:
    alpha = _attr(op, "alpha")
    return lambda x: arith.select(cmp("lt", x, fconst(x, 0.0)), arith.mulf(fconst(x, alpha), x), x)


@_activation("onnx.elu")
def _elu_body(op: ir.OpView) -> ScalarBody:
    alpha = _attr(op, "alpha")
    return lambda x: arith.select(
        cmp("lt", x, fconst(x, 0.0)), arith.mulf(fconst(x, alpha), math.expm1(x)), x)


@_activation("onnx.selu")
def _selu_body(op: ir.OpView) -> ScalarBody:
    alpha, gamma = _attr(op, "alpha"), _attr(op, "gamma")
    return lambda x: arith.mulf(fconst(x, gamma), arith.select(
        cmp("le", x, fconst(x, 0.0)),
        arith.subf(arith.mulf(fconst(x, alpha), math.exp(x)), fconst(x, alpha)), x))


@_activation("onnx.celu")
def _celu_body(op: ir.OpView) -> ScalarBody:
    alpha = _attr(op, "alpha")

    def celu(x: ir.Value) -> ir.Value:
        zero = fconst(x, 0.0)
        neg = arith.mulf(fconst(x, alpha), math.expm1(arith.divf(x, fconst(x, alpha))))
        return arith.addf(arith.maximumf(x, zero), arith.minimumf(neg, zero))
    return celu


@_activation("onnx.softplus")
def _softplus_body(op: ir.OpView) -> ScalarBody:
    return _softplus


@_activation("onnx.softsign")
def _softsign_body(op: ir.OpView) -> ScalarBody:
    return lambda x: arith.divf(x, arith.addf(fconst(x, 1.0), math.absf(x)))


@_activation("onnx.thresholded_relu")
def _thresholded_relu_body(op: ir.OpView) -> ScalarBody:
    alpha = _attr(op, "alpha")
    return lambda x: arith.select(cmp("gt", x, fconst(x, alpha)), x, fconst(x, 0.0))


@_activation("onnx.mish")
def _mish_body(op: ir.OpView) -> ScalarBody:
    return lambda x: arith.mulf(x, math.tanh(_softplus(x)))


@_activation("onnx.swish")
def _swish_body(op: ir.OpView) -> ScalarBody:
    alpha = _attr(op, "alpha")
    return lambda x: arith.mulf(x, _sigmoid(arith.mulf(fconst(x, alpha), x)))


@register_pattern
class LowerFloatActivation(OnnxLoweringPattern):
    """The float activations of the table above (Sigmoid, HardSigmoid, HardSwish, Gelu,
    LeakyRelu, Elu, Selu, Celu, Softplus, Softsign, ThresholdedRelu, Mish, Swish): the op's
    scalar body per element (floats only, f16/bf16 computed in f32)."""

    op_names = tuple(_ACTIVATIONS)

    def body(self, op: ir.OpView) -> ScalarBody:
        return _ACTIVATIONS[op.operation.name](op)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = common_element_type(op, [x])
        require_float(elem, op.operation.name)
        return [elementwise(op, [x], elem, via_f32(self.body(op)))]


@register_pattern
class LowerShrink(OnnxLoweringPattern):
    """Shrink: x < -lambd ? x + bias : (x > lambd ? x - bias : 0). On integers the thresholds
    and bias are converted to the input type (the f32 attributes truncated toward zero)."""

    op_names = ("onnx.shrink",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = common_element_type(op, [x])
        if b.is_bool(elem):
            raise LoweringError("Shrink is not defined on bool (i1) tensors")
        lambd, bias = float(op.lambd), float(op.bias)
        unsigned = b.is_unsigned(elem)

        def body(v: ir.Value) -> ir.Value:
            t = v.type
            if b.is_float(t):
                lo, hi, bi = fconst(v, -lambd), fconst(v, lambd), fconst(v, bias)
            else:
                lo, hi, bi = (b.scalar_constant(t, int(c)) for c in (-lambd, lambd, bias))
            zero = b.scalar_constant(t, 0)
            below = b.scalar_binary("add", v, bi)
            above = b.scalar_binary("sub", v, bi)
            result = arith.select(cmp("gt", v, hi, unsigned), above, zero)
            if unsigned and lambd >= 0:  # -lambd <= 0: nothing is below it
                return result
            return arith.select(cmp("lt", v, lo, unsigned), below, result)

        body_fn = via_f32(body) if b.is_float(elem) else body
        return [elementwise(op, [x], elem, body_fn)]


@register_pattern
class LowerPRelu(OnnxLoweringPattern):
    """PRelu: x < 0 ? slope * x : x, slope broadcast unidirectionally to x's shape."""

    op_names = ("onnx.p_relu",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        x, slope = op.operation.operands
        elem = common_element_type(op, [x, slope])
        if b.is_bool(elem):
            raise LoweringError("PRelu is not defined on bool (i1) tensors")
        if b.is_unsigned(elem):
            return [x]

        def body(v: ir.Value, s: ir.Value) -> ir.Value:
            zero = b.scalar_constant(v.type, 0)
            return arith.select(cmp("lt", v, zero), b.scalar_binary("mul", s, v), v)

        body_fn = via_f32(body) if b.is_float(elem) else body
        return [elementwise(op, [x, slope], elem, body_fn, out_sizes=b.sizes(x))]


@register_pattern
class LowerClip(OnnxLoweringPattern):
    """Clip: max(x, min) then min(., max), each bound optional (scalar tensors). Floats use the
    NaN-propagating `maximumf`/`minimumf`; integers the signed/unsigned variants."""

    op_names = ("onnx.clip",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        x, lo, hi = op.input, op.min, op.max
        bounds = [v for v in (lo, hi) if v is not None]
        elem = common_element_type(op, [x, *bounds])
        if b.is_bool(elem):
            raise LoweringError("Clip is not defined on bool (i1) tensors")
        if not bounds:
            return [x]
        unsigned = b.is_unsigned(elem)

        def body(v: ir.Value, *bs: ir.Value) -> ir.Value:
            it = iter(bs)
            if lo is not None:
                v = b.scalar_binary("max", v, next(it), unsigned)
            if hi is not None:
                v = b.scalar_binary("min", v, next(it), unsigned)
            return v

        return [elementwise(op, [x, *bounds], elem, body, out_sizes=b.sizes(x))]


def _splitmix64(h: ir.Value) -> ir.Value:
    """The splitmix64 finalizer: a well-mixed 64-bit hash of a counter."""
    def c(v: int) -> ir.Value:
        return b.scalar_constant(h.type, v)
    h = arith.xori(h, arith.shrui(h, c(30)))
    h = arith.muli(h, c(0xBF58476D1CE4E5B9))
    h = arith.xori(h, arith.shrui(h, c(27)))
    h = arith.muli(h, c(0x94D049BB133111EB))
    return arith.xori(h, arith.shrui(h, c(31)))


@register_pattern
class LowerDropout(OnnxLoweringPattern):
    """Dropout. Without ``training_mode`` (inference) the output is the input and the mask all
    true. With it, one `linalg.generic` draws u in [0, 1) per element from a counter-based hash
    (splitmix64 of the linear index and ``seed``) and keeps x / (1 - ratio) where u >= ratio when
    training is true; so ratio 0 (or training false) is the identity at run time too. The random
    stream is not numpy's or onnxruntime's: only its distribution matches."""

    op_names = ("onnx.dropout",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value | None]:
        x, ratio, training = op.data, op.ratio, op.training_mode
        elem = b.element_type(x)
        b.ranked(x)
        mask_result = op.mask
        i1 = ir.IntegerType.get_signless(1)
        if training is None:
            mask = None
            if mask_result is not None and list(mask_result.uses):
                mask = b.fill(1, b.tensor_type(b.sizes(x), i1),
                              [s for s in b.sizes(x) if isinstance(s, ir.Value)])
            return [x, mask] if mask_result is not None else [x]
        if not b.is_float(elem):
            raise LoweringError(f"Dropout in training mode needs a float input, got {elem}")
        seed = int(op.seed) if op.seed is not None else 0
        sizes = b.sizes(x)
        n = len(sizes)
        i64, f32, index = ir.IntegerType.get_signless(64), ir.F32Type.get(), ir.IndexType.get()
        inputs = [b.to_signless(x), training]
        maps = [b.identity_map(n), ir.AffineMap.get(n, 0, [])]
        if ratio is not None:
            inputs.append(ratio)
            maps.append(ir.AffineMap.get(n, 0, []))
        size_values = [s if isinstance(s, ir.Value) else arith.constant(index, s) for s in sizes]
        inits = [b.empty(sizes, b.signless(elem)), b.empty(sizes, i1)]
        maps += [b.identity_map(n)] * 2

        def body(v: ir.Value, train: ir.Value, *rest: ir.Value) -> list[ir.Value]:
            r = b.convert_scalar(rest[0], f32) if ratio is not None else fconst(f32, 0.5)
            linear = arith.constant(index, 0)
            for d in range(n):
                linear = arith.addi(arith.muli(linear, size_values[d]), linalg.IndexOp(d).result)
            h = arith.index_cast(i64, linear)
            h = arith.addi(arith.muli(h, b.scalar_constant(i64, 0x9E3779B97F4A7C15)),
                           b.scalar_constant(i64, seed))
            h = _splitmix64(h)
            u = arith.mulf(arith.uitofp(f32, arith.shrui(h, b.scalar_constant(i64, 40))),
                           fconst(f32, 2.0 ** -24))
            keep = arith.ori(arith.xori(train, b.scalar_constant(i1, 1)), cmp("ge", u, r))
            scale = arith.select(train, arith.divf(fconst(f32, 1.0), arith.subf(fconst(f32, 1.0), r)),
                                 fconst(f32, 1.0))
            work = f32 if b.is_float(elem) and ir.FloatType(elem).width <= 32 else elem
            scaled = b.convert_scalar(arith.mulf(b.convert_scalar(v, work),
                                                 b.convert_scalar(scale, work)), elem)
            return [arith.select(keep, scaled, b.scalar_constant(elem, 0)), keep]

        out, mask = b.generic(inputs, inits, maps, ["parallel"] * n, body)
        return [out, mask] if mask_result is not None else [out]
