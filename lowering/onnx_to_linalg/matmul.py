"""MatMul and Gemm -> `linalg.matmul` / `linalg.batch_matmul` (named ops, so that CPU schedules
can match them), with a contraction `linalg.generic` only for true batch broadcasting.

Accumulators are zero-filled with `linalg.fill` (or, for Gemm with alpha == 1, initialized with
beta * C so that the bias add is fused into the matmul's accumulation).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import tensor

from ...dialects.onnx import GemmOp, MatMulOp
from .lib import broadcasting
from .lib import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.matmul_common import check_contraction, matmul_2d, matmul_values, zero_init


def _matmul_operand_type(values: Sequence[ir.Value]) -> ir.Type:
    elems = {str(b.element_type(v)) for v in values}
    if len(elems) != 1:
        raise LoweringError(f"operands have different element types: {', '.join(sorted(elems))}")
    elem = b.element_type(values[0])
    if b.is_bool(elem) or not (b.is_float(elem) or b.is_integer(elem)):
        raise LoweringError(f"unsupported element type {elem}")
    return elem


@register_pattern
class LowerMatMul(OnnxLoweringPattern):
    """MatMul with numpy semantics: 1-D operands get a unit dim (removed again from the result),
    batch dims broadcast. 2-D -> `linalg.matmul`; N-D x 2-D -> batch folded into M + `linalg.matmul`;
    equal batch dims -> `linalg.batch_matmul` on collapsed batches; broadcast batches -> a
    contraction `linalg.generic`."""

    op_names = ("onnx.mat_mul",)

    def rewrite(self, op: MatMulOp) -> Sequence[ir.Value]:
        a_in, b_in = op.operation.operands
        elem = _matmul_operand_type([a_in, b_in])
        result_type = op.operation.results[0].type
        result = matmul_values(b.to_signless(a_in), b.to_signless(b_in))
        result = b.from_signless(result, ir.RankedTensorType.get(b.shape(result), elem))
        if isinstance(result_type, ir.RankedTensorType) and result_type != result.type:
            if b.rank(result_type) != b.rank(result):
                raise LoweringError(f"result type {result_type} does not match computed {result.type}")
            result = tensor.cast(result_type, result)
        return [result]


@register_pattern
class LowerGemm(OnnxLoweringPattern):
    """Gemm: Y = alpha * op(A) @ op(B) + beta * C. Transposes are `linalg.transpose`; C (scalar,
    [N], [M,1], [1,N], [M,N]) is broadcast into the matmul's accumulator when alpha == 1, else
    added by an epilogue `linalg.generic`."""

    op_names = ("onnx.gemm",)

    def rewrite(self, op: GemmOp) -> Sequence[ir.Value]:
        a, bm, c = op.a, op.b, op.c
        elem = _matmul_operand_type([a, bm] + ([c] if c is not None else []))
        if b.rank(a) != 2 or b.rank(bm) != 2:
            raise LoweringError(f"Gemm operands must be 2-D, got {a.type} and {bm.type}")
        alpha, beta = float(op.alpha), float(op.beta)
        if b.is_integer(elem) and not (alpha.is_integer() and beta.is_integer()):
            raise LoweringError(f"non-integral alpha={alpha} / beta={beta} on integer Gemm")
        a, bm = b.to_signless(a), b.to_signless(bm)
        if op.trans_a:
            a = b.transpose(a, [1, 0])
        if op.trans_b:
            bm = b.transpose(bm, [1, 0])
        m, k_a = b.sizes(a)
        k_b, n = b.sizes(bm)
        check_contraction(k_a, k_b, a, bm)
        selem = b.signless(elem)
        unsigned = b.is_unsigned(elem)
        if c is not None and beta == 0.0:
            c = None
        if c is not None and b.rank(c) > 2:
            raise LoweringError(f"Gemm C must have rank <= 2, got {c.type}")

        def scaled(x: ir.Value, factor: float) -> ir.Value:
            if factor == 1.0:
                return x
            return b.scalar_binary("mul", x, b.scalar_constant(selem, factor), unsigned)

        if c is None:
            out = matmul_2d(a, bm, zero_init([m, n], selem))
            if alpha != 1.0:
                out = broadcasting.broadcast_generic([out], selem, lambda x: scaled(x, alpha))
        elif alpha == 1.0:
            init = broadcasting.broadcast_generic([c], elem, lambda x: scaled(x, beta), out_sizes=[m, n])
            out = matmul_2d(a, bm, b.to_signless(init))
        else:
            mm = matmul_2d(a, bm, zero_init([m, n], selem))
            out = broadcasting.broadcast_generic(
                [mm, b.to_signless(c)], selem,
                lambda x, y: b.scalar_binary("add", scaled(x, alpha), scaled(y, beta), unsigned),
                out_sizes=[m, n])
        out = b.from_signless(out, ir.RankedTensorType.get(b.shape(out), elem))
        result_type = op.operation.results[0].type
        if isinstance(result_type, ir.RankedTensorType) and result_type != out.type:
            out = tensor.cast(result_type, out)
        return [out]
