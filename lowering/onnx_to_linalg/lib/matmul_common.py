"""The matrix-multiply kernel shared by MatMul, Gemm and the quantized matmuls: numpy ``matmul``
semantics on signless tensors (2-D `linalg.matmul`, equal batches as `linalg.batch_matmul`,
broadcast batches as one contraction `linalg.generic`)."""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import linalg

from ..pattern import LoweringError
from . import builders as b
from .runtime_checks import require_equal_sizes


def check_contraction(k_a: b.Size, k_b: b.Size, a: ir.Value, b_: ir.Value) -> None:
    if isinstance(k_a, int) and isinstance(k_b, int) and k_a != k_b:
        raise LoweringError(f"contraction dims differ: {a.type} x {b_.type}")
    require_equal_sizes(k_a, k_b, "contraction dims differ: A has {0} columns, B has {1} rows")


def zero_init(mixed_sizes: Sequence[b.Size], elem: ir.Type) -> ir.Value:
    """A zero-filled accumulator (signless element type)."""
    return b.fill(0, b.empty(mixed_sizes, b.signless(elem)))


def matmul_2d(a: ir.Value, bm: ir.Value, init: ir.Value) -> ir.Value:
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


def batched_matmul(a: ir.Value, bm: ir.Value, elem: ir.Type) -> ir.Value:
    """a: [..., M, K], bm: [..., K, N] (ranks >= 2, signless) -> [batch..., M, N]."""
    sa, sb = b.sizes(a), b.sizes(bm)
    ra, rb = len(sa), len(sb)
    m, k_a, k_b, n = sa[-2], sa[-1], sb[-2], sb[-1]
    check_contraction(k_a, k_b, a, bm)
    selem = b.signless(elem)
    if ra == 2 and rb == 2:
        return matmul_2d(a, bm, zero_init([m, n], selem))
    if rb == 2:
        # Fold A's batch dims into M: one large matmul, then split the rows again.
        flat = b.collapse(a, [list(range(ra - 1)), [ra - 1]])
        rows = b.dim(flat, 0)
        out = matmul_2d(flat, bm, zero_init([rows, n], selem))
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
    return _broadcast_contraction(a, bm, selem)


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
    result = batched_matmul(a, bm, b.element_type(a))
    dropped = set()
    out_rank = b.rank(result)
    if ra == 1:
        dropped.add(out_rank - 2)
    if rb == 1:
        dropped.add(out_rank - 1)
    if dropped:
        result = b.collapse(result, _drop_unit_dims_groups(out_rank, dropped))
    return result
