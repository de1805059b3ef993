"""SoftmaxCrossEntropyLoss and NegativeLogLikelihoodLoss.

Both pick, for every sample position (n, d1, ...), the log-probability of the target class.
That gather is written as a structured reduction over the class dim: a `linalg.generic` with
loops (n, d..., c) whose body keeps ``-logp[n, c, d...] * w[c]`` where ``c == target`` (and the
target is not ``ignore_index``), and in a second result the weight ``w[c]`` (1 without weights),
so no data-dependent indexing is needed. ``reduction``: none returns the per-sample losses; sum
reduces them; mean divides the sum by the sum of the picked weights (the count of non-ignored
samples without weights), as the ONNX reference does. SoftmaxCrossEntropyLoss computes the log
probabilities with the stable LogSoftmax of :mod:`.softmax` and can return them.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith

from .lib import builders as b
from .lib import shape_checks as sc
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.casting import cast_to, compute_type, convert_tensor, float_element_type
from .lib.reduction_common import loop_index, map_elementwise, reduce_dims
from .lib.softmax_common import softmax


def picked_losses(logp: ir.Value, target: ir.Value, weights: ir.Value | None,
                  ignore_index: int | None, acc: ir.Type,
                  shaped_like: ir.Value | None = None) -> tuple[ir.Value, ir.Value]:
    """(per-sample ``-logp[target] * w[target]``, per-sample ``w[target]``) of shape
    [N, d1, ...]; both 0 where the target is ``ignore_index``. ``shaped_like`` (default
    ``logp``) is the model input that ``logp`` has the shape of: its dims are the ones the target
    [N, d1, ...] and the weights [C] must match (checked at run time when dynamic)."""
    r = b.rank(logp)
    if b.rank(target) != r - 1:
        raise LoweringError(f"target {target.type} must have rank {r - 1} for input {logp.type}")
    source = logp if shaped_like is None else shaped_like
    for i in range(r - 1):
        axis = 0 if i == 0 else i + 1
        sc.require_dim(target, i, b.dim(source, axis),
                       f"the target has size {{0}} at axis {i}, but the input has {{1}} at "
                       f"axis {axis}")
    if weights is not None:
        if b.rank(weights) != 1:
            raise LoweringError(f"weights must be 1-D, got {weights.type}")
        sc.require_dim(weights, 0, b.dim(source, 1),
                       "the weights have {0} entries, but the input has {1} classes")
    # Loops: n, d1..dk (parallel, = target dims), c (reduction, last).
    c_loop = r - 1
    dims = [ir.AffineDimExpr.get(i) for i in range(r)]
    logp_map = ir.AffineMap.get(r, 0, [dims[0], dims[c_loop], *dims[1:c_loop]])
    sample_map = ir.AffineMap.get(r, 0, dims[:c_loop])
    inputs, maps = [logp, target], [logp_map, sample_map]
    if weights is not None:
        inputs.append(weights)
        maps.append(ir.AffineMap.get(r, 0, [dims[c_loop]]))
    sizes = [b.dim(target, i) for i in range(r - 1)]
    loss_init = b.fill(0.0, b.empty(sizes, acc))
    weight_init = b.fill(0.0, b.empty(sizes, acc))
    t_elem = b.element_type(target)

    def body(lp, t, *rest):
        w = rest[0] if weights is not None else None
        loss_acc, weight_acc = rest[-2], rest[-1]
        c = arith.index_cast(t_elem, loop_index(c_loop))
        hit = arith.cmpi(arith.CmpIPredicate.eq, c, t)
        if ignore_index is not None:
            kept = arith.cmpi(arith.CmpIPredicate.ne, t, b.scalar_constant(t_elem, ignore_index))
            hit = arith.andi(hit, kept)
        wv = b.convert_scalar(w, acc) if w is not None else b.scalar_constant(acc, 1.0)
        loss = arith.negf(arith.mulf(b.convert_scalar(lp, acc), wv))
        return [arith.select(hit, loss, loss_acc), arith.select(hit, wv, weight_acc)]

    iterators = ["parallel"] * (r - 1) + ["reduction"]
    losses, picked = b.generic(inputs, [loss_init, weight_init], maps + [sample_map, sample_map],
                               iterators, body)
    return losses, picked


def reduce_losses(losses: ir.Value, picked: ir.Value, reduction: str, acc: ir.Type) -> ir.Value:
    """Apply the ONNX ``reduction`` (none, sum, mean) to per-sample losses."""
    if reduction == "none":
        return losses
    all_dims = list(range(b.rank(losses)))
    total = reduce_dims(losses, all_dims, acc, 0.0, lambda v, a: arith.addf(v, a))
    if reduction == "sum":
        return total
    if reduction != "mean":
        raise LoweringError(f"unknown reduction '{reduction}'")
    weight = reduce_dims(picked, all_dims, acc, 0.0, lambda v, a: arith.addf(v, a))
    return map_elementwise([total, weight], acc, arith.divf)


def _check_target(target: ir.Value, op_type: str) -> None:
    elem = b.element_type(target)
    if not (b.is_integer(elem) and ir.IntegerType(elem).width in (32, 64)):
        raise LoweringError(f"{op_type} target must be int32 or int64, got {target.type}")


@register_pattern
class LowerNegativeLogLikelihoodLoss(OnnxLoweringPattern):
    """NegativeLogLikelihoodLoss: the gather-as-reduction generic, then the reduction."""

    op_names = ("onnx.negative_log_likelihood_loss",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, target = op.input, op.target
        elem = float_element_type(x, "NegativeLogLikelihoodLoss")
        _check_target(target, "NegativeLogLikelihoodLoss")
        if b.rank(x) < 2:
            raise LoweringError("NegativeLogLikelihoodLoss input must have rank >= 2 (N, C, ...)")
        acc = compute_type(elem)
        losses, picked = picked_losses(x, target, op.weight, op.ignore_index, acc)
        out = reduce_losses(losses, picked, op.reduction, acc)
        return [cast_to(convert_tensor(out, elem), op.loss)]


@register_pattern
class LowerSoftmaxCrossEntropyLoss(OnnxLoweringPattern):
    """SoftmaxCrossEntropyLoss: LogSoftmax over the class dim, then as NLL; the optional
    ``log_prob`` output is the LogSoftmax."""

    op_names = ("onnx.softmax_cross_entropy_loss",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        scores, labels = op.scores, op.labels
        elem = float_element_type(scores, "SoftmaxCrossEntropyLoss")
        _check_target(labels, "SoftmaxCrossEntropyLoss")
        if b.rank(scores) < 2:
            raise LoweringError("SoftmaxCrossEntropyLoss scores must have rank >= 2 (N, C, ...)")
        acc = compute_type(elem)
        logp = softmax(scores, 1, log=True)  # in the accumulator type
        losses, picked = picked_losses(logp, labels, op.weights, op.ignore_index, acc,
                                       scores)
        out = reduce_losses(losses, picked, op.reduction, acc)
        results = [cast_to(convert_tensor(out, elem), op.output)]
        if op.log_prob is not None:
            results.append(cast_to(convert_tensor(logp, elem), op.log_prob))
        return results


__all__ = ["LowerNegativeLogLikelihoodLoss", "LowerSoftmaxCrossEntropyLoss", "picked_losses",
           "reduce_losses"]
