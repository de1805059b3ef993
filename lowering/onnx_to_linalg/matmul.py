"""MatMul and Gemm -> `linalg.matmul` / `linalg.batch_matmul` (named ops, so that CPU schedules
can match them), with a contraction `linalg.generic` only for true batch broadcasting.

Accumulators are zero-filled with `linalg.fill` (or, for Gemm with alpha == 1, initialized with
beta * C so that the bias add is fused into the matmul's accumulation).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import linalg, tensor

from ...dialects.onnx import GemmOp, MatMulOp
from .lib import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.runtime_checks import require_equal_sizes


def _matmul_operand_type(values: Sequence[ir.Value]) -> ir.Type:
    elems = {str(b.element_type(v)) for v in values}
    if len(elems) != 1:
        raise LoweringError(f"operands have different element types: {', '.join(sorted(elems))}")
    elem = b.element_type(values[0])
    if b.is_bool(elem) or not (b.is_float(elem) or b.is_integer(elem)):
        raise LoweringError(f"unsupported element type {elem}")
    return elem


def _check_contraction(k_a: b.Size, k_b: b.Size, a: ir.Value, b_: ir.Value) -> None:
    if isinstance(k_a, int) and isinstance(k_b, int) and k_a != k_b:
        raise LoweringError(f"contraction dims differ: {a.type} x {b_.type}")
    require_equal_sizes(k_a, k_b, "contraction dims differ: A has {0} columns, B has {1} rows")


def zero_init(mixed_sizes: Sequence[b.Size], elem: ir.Type) -> ir.Value:
    """A zero-filled accumulator (signless element type)."""
    return b.fill(0, b.empty(mixed_sizes, b.signless(elem)))


def _matmul_2d(a: ir.Value, bm: ir.Value, init: ir.Value) -> ir.Value:
    return linalg.matmul(a, bm, outs=[init])


def _drop_unit_dims_groups(out_rank: int, dropped: set[int]) -> list[list[int]]:
    """Reassociation collapsing the (unit) dims in ``dropped`` into their neighbours."""
    kept = [d for d in range(out_rank) if d not in dropped]
    if not kept:
        return []
    groups: list[list[int]] = []
    pending: list[int] = []
    for d in range(out_rank):
        if d in dropped:
            (groups[-1] if groups else pending).append(d)
        else:
            groups.append(pending + [d])
            pending = []
    return groups


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

    @staticmethod
    def _batched(a: ir.Value, bm: ir.Value, elem: ir.Type) -> ir.Value:
        """a: [..., M, K], bm: [..., K, N] (ranks >= 2, signless) -> [batch..., M, N]."""
        sa, sb = b.sizes(a), b.sizes(bm)
        ra, rb = len(sa), len(sb)
        m, k_a, k_b, n = sa[-2], sa[-1], sb[-2], sb[-1]
        _check_contraction(k_a, k_b, a, bm)
        selem = b.signless(elem)
        if ra == 2 and rb == 2:
            return _matmul_2d(a, bm, zero_init([m, n], selem))
        if rb == 2:
            # Fold A's batch dims into M: one large matmul, then split the rows again.
            flat = b.collapse(a, [list(range(ra - 1)), [ra - 1]])
            rows = b.dim(flat, 0)
            out = _matmul_2d(flat, bm, zero_init([rows, n], selem))
            return b.expand(out, [list(range(ra - 1)), [ra - 1]], sa[:-1] + [n])
        batch_a, batch_b = b.shape(a)[:-2], b.shape(bm)[:-2]
        if batch_a == batch_b and b.DYNAMIC not in batch_a:
            batch = sa[:-2]
            if ra > 3:
                a = b.collapse(a, [list(range(ra - 2)), [ra - 2], [ra - 1]])
                bm = b.collapse(bm, [list(range(rb - 2)), [rb - 2], [rb - 1]])
            nb = b.dim(a, 0)
            out = linalg.batch_matmul(a, bm, outs=[zero_init([nb, m, n], selem)])
            if ra > 3:
                out = b.expand(out, [list(range(ra - 2)), [ra - 2], [ra - 1]], batch + [m, n])
            return out
        return LowerMatMul._broadcast_contraction(a, bm, selem)

    @staticmethod
    def _broadcast_contraction(a: ir.Value, bm: ir.Value, selem: ir.Type) -> ir.Value:
        """Batch-broadcasting matmul as one `linalg.generic` over (batch..., m, n, k)."""
        ra, rb = b.rank(a), b.rank(bm)
        batch_shape = b.broadcast_shapes(b.shape(a)[:-2], b.shape(bm)[:-2], what="batch dims")
        nb = len(batch_shape)
        batch: list[b.Size] = []
        for pos, size in enumerate(batch_shape):
            if size != b.DYNAMIC:
                batch.append(size)
                continue
            for v, r in ((a, ra), (bm, rb)):
                i = pos - (nb - (r - 2))
                if i >= 0 and b.shape(v)[i] == b.DYNAMIC:
                    batch.append(b.dim(v, i))
                    break
        for v, r in ((a, ra), (bm, rb)):
            for i, size in enumerate(b.shape(v)[:r - 2]):
                pos = i + nb - (r - 2)
                if size != 1 and (size == b.DYNAMIC or isinstance(batch[pos], ir.Value)):
                    require_equal_sizes(b.dim(v, i), batch[pos],
                                        f"batch axis {i} of an operand has size {{0}}, the broadcast "
                                        f"batch has {{1}}")
        m, n = b.dim(a, ra - 2), b.dim(bm, rb - 1)
        loops = nb + 3  # batch..., m, n, k
        dm, dn, dk = nb, nb + 1, nb + 2

        def operand_map(shape: list[int], last2: tuple[int, int]) -> ir.AffineMap:
            bmap = b.broadcast_map(shape[:-2], batch_shape)
            exprs = list(bmap.results) + [ir.AffineDimExpr.get(d) for d in last2]
            return ir.AffineMap.get(loops, 0, exprs)

        maps = [operand_map(b.shape(a), (dm, dk)), operand_map(b.shape(bm), (dk, dn)),
                b.permutation_map(loops, list(range(nb)) + [dm, dn])]
        init = zero_init(batch + [m, n], selem)

        def body(x: ir.Value, y: ir.Value, acc: ir.Value) -> ir.Value:
            return b.scalar_binary("add", acc, b.scalar_binary("mul", x, y))

        (out,) = b.generic([a, bm], [init], maps, ["parallel"] * (nb + 2) + ["reduction"], body)
        return out


def matmul_values(a: ir.Value, bm: ir.Value) -> ir.Value:
    """numpy ``matmul`` of two signless tensors of one element type (1-D operands get a unit dim
    that is removed from the result again, batch dims broadcast). Integer products accumulate in
    the element type (MatMulInteger passes i32 operands)."""
    ra, rb = b.rank(a), b.rank(bm)
    if ra == 0 or rb == 0:
        raise LoweringError("MatMul operands must have rank >= 1")
    if ra == 1:
        a = b.expand(a, [[0, 1]], [1, b.dim(a, 0)])
    if rb == 1:
        bm = b.expand(bm, [[0, 1]], [b.dim(bm, 0), 1])
    result = LowerMatMul._batched(a, bm, b.element_type(a))
    dropped = set()
    out_rank = b.rank(result)
    if ra == 1:
        dropped.add(out_rank - 2)
    if rb == 1:
        dropped.add(out_rank - 1)
    if dropped:
        result = b.collapse(result, _drop_unit_dims_groups(out_rank, dropped))
    return result


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
        _check_contraction(k_a, k_b, a, bm)
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
            out = _matmul_2d(a, bm, zero_init([m, n], selem))
            if alpha != 1.0:
                out = b.broadcast_generic([out], selem, lambda x: scaled(x, alpha))
        elif alpha == 1.0:
            init = b.broadcast_generic([c], elem, lambda x: scaled(x, beta), out_sizes=[m, n])
            out = _matmul_2d(a, bm, b.to_signless(init))
        else:
            mm = _matmul_2d(a, bm, zero_init([m, n], selem))
            out = b.broadcast_generic(
                [mm, b.to_signless(c)], selem,
                lambda x, y: b.scalar_binary("add", scaled(x, alpha), scaled(y, beta), unsigned),
                out_sizes=[m, n])
        out = b.from_signless(out, ir.RankedTensorType.get(b.shape(out), elem))
        result_type = op.operation.results[0].type
        if isinstance(result_type, ir.RankedTensorType) and result_type != out.type:
            out = tensor.cast(result_type, out)
        return [out]
