"""``math.exp``, ``math.tanh``, ``math.erf`` in f32 (and f16/bf16, through f32) as arith ops.

LLVM lowers these ops to one libm call per element (``expf``, ``tanhf``, ``erff``), which keeps
every loop that contains one scalar: a softmax or a GELU then runs 5-10x slower than onnxruntime.
Written as arith/math-intrinsic ops (bitcasts, shifts, ``math.roundeven``, ``math.absf``,
``math.copysign``: LLVM has vector forms of all of them) the loops vectorize like any other.
f64 keeps libm (exact to the last bit, and rarely hot in ONNX models).

* exp: ``n = roundeven(x / ln 2)``, ``r = x - n ln 2`` (ln 2 split in a high and a low part, so
  ``r`` is exact), ``e^r`` by the Cephes minimax polynomial on ``|r| <= ln2/2`` and ``2^n`` built
  in the exponent field, as two factors ``2^(n/2) 2^(n - n/2)`` so that results in the subnormal
  range and overflow to inf come out of the multiplications themselves. ``x`` is clamped to
  ``[-104, 89]`` first (outside, the result is 0 or inf anyway); NaN is passed through.
* tanh: the Cephes odd polynomial for ``|x| < 0.625`` (no cancellation near 0), else
  ``1 - 2 / (exp(2|x|) + 1)`` with the sign of x (1 for large |x|, NaN for NaN).
* erf: the Maclaurin series up to ``x^21`` for ``|x| < 1`` (alternating, truncation error
  < 1.3e-9) and ``1 - (a1 t + ... + a5 t^5) exp(-x^2)``, ``t = 1 / (1 + p x)`` (Abramowitz and
  Stegun 7.1.26, absolute error <= 1.5e-7, relative <= 1.8e-7 there since erf >= 0.84) for
  ``1 <= |x| < 4``; erf = +-1 beyond (erfc(3.92) is below half an ulp of 1); NaN passes through.

Measured against float64 references over the whole f32 range (tests/python/test_math_approx.py):
max relative error about 2e-7 (exp, tanh), 3e-7 (erf).
"""

from __future__ import annotations

import math as pymath

from mlir import ir
from mlir.dialects import arith, math

APPROXIMATED = ("math.exp", "math.tanh", "math.erf")

_LOG2E = 1.4426950408889634
_LN2_HI = 0.693359375  # exact in f32, few mantissa bits: n * _LN2_HI is exact for |n| < 2^14
_LN2_LO = -2.12194440e-4
_EXP_POLY = (1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2,
             1.6666665459e-1, 5.0000001201e-1)
_TANH_POLY = (-5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1,
              -3.33332819422e-1)
# erf(x) = 2/sqrt(pi) sum (-1)^k x^(2k+1) / (k! (2k+1)), as x * P(x^2), highest power first.
_ERF_SERIES = tuple(2 / pymath.sqrt(pymath.pi) * (-1) ** k / (pymath.factorial(k) * (2 * k + 1))
                    for k in range(10, -1, -1))
_AS_P = 0.3275911
_AS_A = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)  # a5 .. a1


class _F32:
    """Builds f32 arith ops of one shape (scalar or vector) at the current insertion point."""

    def __init__(self, like: ir.Type):
        self.f32 = ir.F32Type.get()
        self.i32 = ir.IntegerType.get_signless(32)
        if isinstance(like, ir.VectorType):
            self.type = ir.VectorType.get(like.shape, self.f32)
            self.int_type = ir.VectorType.get(like.shape, self.i32)
        else:
            self.type, self.int_type = self.f32, self.i32

    def const(self, value: float) -> ir.Value:
        attr = ir.FloatAttr.get(self.f32, value)
        if isinstance(self.type, ir.VectorType):
            attr = ir.DenseElementsAttr.get_splat(self.type, attr)
        return arith.constant(self.type, attr)

    def int_const(self, value: int) -> ir.Value:
        attr = ir.IntegerAttr.get(self.i32, value)
        if isinstance(self.int_type, ir.VectorType):
            attr = ir.DenseElementsAttr.get_splat(self.int_type, attr)
        return arith.constant(self.int_type, attr)

    def add(self, a, b):
        return arith.addf(a, b)

    def sub(self, a, b):
        return arith.subf(a, b)

    def mul(self, a, b):
        return arith.mulf(a, b)

    def horner(self, x: ir.Value, coefficients: tuple[float, ...]) -> ir.Value:
        acc = self.const(coefficients[0])
        for c in coefficients[1:]:
            acc = self.add(self.mul(acc, x), self.const(c))
        return acc

    def lt(self, a, b):
        return arith.cmpf(arith.CmpFPredicate.OLT, a, b)

    def is_nan(self, a):
        return arith.cmpf(arith.CmpFPredicate.UNO, a, a)

    def pow2(self, n: ir.Value) -> ir.Value:
        """2^n for an integral-valued float n in [-126, 127], built in the exponent field."""
        bits = arith.shli(arith.addi(arith.fptosi(self.int_type, n), self.int_const(127)),
                          self.int_const(23))
        return arith.bitcast(self.type, bits)


def exp_f32(b: _F32, x: ir.Value) -> ir.Value:
    clamped = arith.minimumf(arith.maximumf(x, b.const(-104.0)), b.const(89.0))
    n = math.roundeven(b.mul(clamped, b.const(_LOG2E)))
    r = b.sub(b.sub(clamped, b.mul(n, b.const(_LN2_HI))), b.mul(n, b.const(_LN2_LO)))
    r2 = b.mul(r, r)
    e_r = b.add(b.add(b.const(1.0), r), b.mul(r2, b.horner(r, _EXP_POLY)))
    half = math.floor(b.mul(n, b.const(0.5)))  # n in [-151, 129]: both factors in range
    scaled = b.mul(b.mul(e_r, b.pow2(half)), b.pow2(b.sub(n, half)))
    return arith.select(b.is_nan(x), x, scaled)


def tanh_f32(b: _F32, x: ir.Value) -> ir.Value:
    ax = math.absf(x)
    z = b.mul(x, x)
    # copysign: x + x z P(z) loses the sign of -0
    small = math.copysign(b.add(b.mul(b.mul(b.horner(z, _TANH_POLY), z), x), x), x)
    e = exp_f32(b, b.mul(ax, b.const(2.0)))
    large = math.copysign(b.sub(b.const(1.0), arith.divf(b.const(2.0), b.add(e, b.const(1.0)))), x)
    return arith.select(b.lt(ax, b.const(0.625)), small, large)


def erf_f32(b: _F32, x: ir.Value) -> ir.Value:
    ax = math.absf(x)
    series = b.mul(x, b.horner(b.mul(x, x), _ERF_SERIES))
    clamped = arith.minimumf(ax, b.const(4.0))
    t = arith.divf(b.const(1.0), b.add(b.const(1.0), b.mul(b.const(_AS_P), clamped)))
    poly = b.mul(b.horner(t, _AS_A), t)
    erfc = b.mul(poly, exp_f32(b, arith.negf(b.mul(clamped, clamped))))
    tail = math.copysign(b.sub(b.const(1.0), erfc), x)
    return arith.select(b.lt(ax, b.const(1.0)), series, tail)


_BUILDERS = {"math.exp": exp_f32, "math.tanh": tanh_f32, "math.erf": erf_f32}


def _element_type(t: ir.Type) -> ir.Type:
    return t.element_type if isinstance(t, ir.VectorType) else t


def _approximable(op: ir.Operation) -> bool:
    if op.name not in _BUILDERS or len(op.results) != 1:
        return False
    elt = _element_type(op.results[0].type)
    return isinstance(elt, (ir.F32Type, ir.F16Type, ir.BF16Type))


def approximate_math(module: ir.Module) -> int:
    """Rewrite every f32/f16/bf16 ``math.exp``/``tanh``/``erf`` of ``module``; returns how many."""
    ops: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if _approximable(op):
            ops.append(op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    with module.context:
        for op in ops:
            result_type = op.results[0].type
            with ir.InsertionPoint(op), op.location:
                b = _F32(result_type)
                x = op.operands[0]
                narrow = not isinstance(_element_type(result_type), ir.F32Type)
                if narrow:
                    x = arith.extf(b.type, x)
                y = _BUILDERS[op.name](b, x)
                if narrow:
                    y = arith.truncf(result_type, y)
            op.results[0].replace_all_uses_with(y)
            op.erase()
    return len(ops)
