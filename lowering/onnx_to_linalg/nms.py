"""NonMaxSuppression: the greedy box selection per (batch, class), its output size counted at
run time.

Structured steps: the pairwise "suppresses" matrix of each batch's boxes (IoU above the
threshold, a parallel generic); each box's rank in score order per (batch, class) and the box at
each rank (reductions); then the greedy selection, a true recurrence (a box is kept when no kept
box of a higher score suppresses it), is one `scf.for` over the ranks, each step a reduction
(suppressed by a kept box?) and parallel updates of the keep flags and counts, as the RNN time
loop is; finally the kept boxes in (batch, class, score) order are selected like NonZero's
positions (lib/selection.py) into the ``[count, 3]`` result, allocated at run time.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, scf, tensor

from ...dialects.onnx import NonMaxSuppressionOp
from .lib import builders as b
from .lib import index_math as im
from .lib import shape_checks as sc
from .lib.movement_common import finish, gather_generic
from .lib.selection import count_true, dims_map, i64, inclusive_counts, true_positions
from .lib.types import index_constant
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern


def _c(v: int) -> ir.Value:
    return b.scalar_constant(i64(), v)


def _scalar(v: ir.Value | None) -> ir.Value | None:
    """The single element of a rank-0 or one-element operand (None when absent)."""
    if v is None:
        return None
    return tensor.extract(b.to_signless(v), [im.value(0)] * b.rank(v))


def _corners(boxes: ir.Value, bi: ir.Value, i: ir.Value, center: bool):
    """(ymin, xmin, ymax, xmax) of box ``i`` of batch ``bi``."""
    v = [tensor.extract(boxes, [bi, i, im.value(k)]) for k in range(4)]
    if center:  # [x_center, y_center, width, height]
        half = b.scalar_constant(v[0].type, 0.5)
        hw, hh = arith.mulf(v[2], half), arith.mulf(v[3], half)
        return arith.subf(v[1], hh), arith.subf(v[0], hw), arith.addf(v[1], hh), arith.addf(v[0], hw)
    # [y1, x1, y2, x2], either corner first
    return (arith.minimumf(v[0], v[2]), arith.minimumf(v[1], v[3]),
            arith.maximumf(v[0], v[2]), arith.maximumf(v[1], v[3]))


def suppression_matrix(boxes: ir.Value, threshold: ir.Value, center: bool) -> ir.Value:
    """``over[b, i, k]`` (i64 0/1): the IoU of boxes i and k of batch b exceeds ``threshold``
    (boxes of no area never suppress, as onnxruntime)."""
    nb, n = b.dim(boxes, 0), b.dim(boxes, 1)
    ft = b.element_type(boxes)
    zero = b.scalar_constant(ft, 0.0)

    def body(idx):
        bi, i, k = idx
        a, c = _corners(boxes, bi, i, center), _corners(boxes, bi, k, center)
        area = lambda q: arith.mulf(arith.subf(q[2], q[0]), arith.subf(q[3], q[1]))  # noqa: E731
        ih = arith.maximumf(zero, arith.subf(arith.minimumf(a[2], c[2]), arith.maximumf(a[0], c[0])))
        iw = arith.maximumf(zero, arith.subf(arith.minimumf(a[3], c[3]), arith.maximumf(a[1], c[1])))
        inter = arith.mulf(ih, iw)
        area_a, area_c = area(a), area(c)
        union = arith.subf(arith.addf(area_a, area_c), inter)
        gt = lambda u, w: arith.cmpf(arith.CmpFPredicate.OGT, u, w)  # noqa: E731
        ok = arith.andi(arith.andi(gt(area_a, zero), gt(area_c, zero)), gt(union, zero))
        over = arith.andi(ok, gt(arith.divf(inter, union), threshold))
        return arith.extui(i64(), over)

    return gather_generic([nb, n, n], i64(), body)


def score_order(scores: ir.Value) -> ir.Value:
    """``order[b, c, p]``: the box of rank p by decreasing score (ties: lower index first)."""
    nb, nc, n = b.sizes(scores)
    (rank,) = b.generic(
        [scores, scores], [b.fill(0, im.empty([nb, nc, n], i64()))],
        [dims_map(4, [0, 1, 3]), dims_map(4, [0, 1, 2]), dims_map(4, [0, 1, 2])],
        ["parallel", "parallel", "parallel", "reduction"],
        lambda sk, si, acc: arith.addi(acc, arith.extui(i64(), arith.ori(
            arith.cmpf(arith.CmpFPredicate.OGT, sk, si),
            arith.andi(arith.cmpf(arith.CmpFPredicate.OEQ, sk, si),
                       im.cmp("lt", im.loop_index(3), im.loop_index(2)))))))
    (order,) = b.generic(
        [rank], [b.fill(0, im.empty([nb, nc, n], i64()))],
        [dims_map(4, [0, 1, 3]), dims_map(4, [0, 1, 2])],
        ["parallel", "parallel", "parallel", "reduction"],
        lambda r, acc: arith.addi(acc, arith.select(
            arith.cmpi(arith.CmpIPredicate.eq, r, im.from_index(im.loop_index(2), i64())),
            im.from_index(im.loop_index(3), i64()), _c(0))))
    return order


@register_pattern
class LowerNonMaxSuppression(OnnxLoweringPattern):
    op_names = ("onnx.non_max_suppression",)

    def rewrite(self, op: NonMaxSuppressionOp) -> Sequence[ir.Value]:
        boxes, scores = op.boxes, op.scores
        if b.rank(boxes) != 3 or b.rank(scores) != 3 or not b.is_float(b.element_type(scores)):
            raise LoweringError("NonMaxSuppression takes float boxes [B, N, 4] and scores [B, C, N]")
        ft = b.element_type(scores)
        nb, nc, n = b.sizes(scores)
        # boxes are read with tensor.extract at [batch, box, 0..3]: their shape is checked
        sc.require_dims(boxes, [nb, n, 4], "boxes (against scores [B, C, N] and 4 coordinates)")
        limit = _scalar(op.max_output_boxes_per_class)
        limit = limit if limit is not None else _c(0)
        iou = _scalar(op.iou_threshold)
        iou = iou if iou is not None else b.scalar_constant(ft, 0.0)
        min_score = _scalar(op.score_threshold)
        over = suppression_matrix(boxes, iou, bool(op.center_point_box))
        order = score_order(scores)

        def box_at(bi, ci, p):
            return im.to_index(tensor.extract(order, [bi, ci, p]))

        keep0 = b.fill(0, im.empty([nb, nc, n], i64()))
        taken0 = b.fill(0, im.empty([nb, nc], i64()))
        loop = scf.ForOp(index_constant(0), im.value(n), index_constant(1), [keep0, taken0])
        with ir.InsertionPoint(loop.body):
            p = loop.induction_variable
            keep, taken = loop.inner_iter_args
            # suppressed[b, c]: a kept box suppresses the box of rank p
            (suppressed,) = b.generic(
                [keep], [b.fill(0, im.empty([nb, nc], i64()))],
                [dims_map(3, [0, 1, 2]), dims_map(3, [0, 1])], ["parallel", "parallel", "reduction"],
                lambda k, acc: arith.ori(acc, arith.andi(k, tensor.extract(over, [
                    im.loop_index(0), box_at(im.loop_index(0), im.loop_index(1), p),
                    im.loop_index(2)]))))

            def take(idx, sup, count):
                i = box_at(idx[0], idx[1], p)
                ok = arith.andi(arith.cmpi(arith.CmpIPredicate.eq, sup, _c(0)),
                                arith.cmpi(arith.CmpIPredicate.slt, count, limit))
                if min_score is not None:
                    score = tensor.extract(b.to_signless(scores), [idx[0], idx[1], i])
                    ok = arith.andi(ok, arith.cmpf(arith.CmpFPredicate.OGT, score, min_score))
                return arith.extui(i64(), ok)

            chosen = gather_generic([nb, nc], i64(), take, [suppressed, taken],
                                    [dims_map(2, [0, 1])] * 2)
            (keep,) = b.generic(
                [chosen], [keep], [dims_map(3, [0, 1]), dims_map(3, [0, 1, 2])],
                ["parallel"] * 3,
                lambda ch, k: arith.select(
                    im.cmp("eq", box_at(im.loop_index(0), im.loop_index(1), p), im.loop_index(2)),
                    arith.ori(k, ch), k))
            (taken,) = b.generic([chosen], [taken], [dims_map(2, [0, 1])] * 2, ["parallel"] * 2,
                                 lambda ch, t: arith.addi(t, ch))
            scf.YieldOp([keep, taken])
        keep = loop.results[0]
        # kept flags in output order: batch, class, then decreasing score
        kept = gather_generic([nb, nc, n], i64(), lambda idx, i: tensor.extract(
            keep, [idx[0], idx[1], im.to_index(i)]), [order], [dims_map(3, [0, 1, 2])])
        flags = b.collapse(kept, [[0, 1, 2]])
        count = count_true(flags)
        positions = true_positions(inclusive_counts(flags), count)
        per_batch = im.mul(nc, n)

        def body(idx, flat):
            flat = im.to_index(flat)
            bi = im.floordiv(flat, per_batch)
            ci = im.rem(im.floordiv(flat, n), nc)
            pi = im.rem(flat, n)
            box = im.to_index(tensor.extract(order, [im.value(bi), im.value(ci), im.value(pi)]))
            col = im.select(im.cmp("eq", idx[1], 0), bi, im.select(im.cmp("eq", idx[1], 1), ci, box))
            return im.from_index(col, i64())

        result = gather_generic([count, 3], i64(), body, [positions], [dims_map(2, [0])])
        return [finish(result, op)]
