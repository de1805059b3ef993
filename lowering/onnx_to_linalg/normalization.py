"""Normalizations: BatchNormalization, InstanceNormalization, LayerNormalization,
GroupNormalization, RMSNormalization, LpNormalization, MeanVarianceNormalization, LRN.

Each is: statistics as reduction `linalg.generic`s over the normalized dims (mean, then the
centred sum of squares: two passes, numerically stable), then one elementwise generic that reads
the statistics and the per-channel / broadcast parameters through its indexing maps, so nothing
is broadcast into memory. 16-bit floats compute in f32 (``stash_type`` likewise). Group
normalization works on a `tensor.expand_shape` view [N, G, C/G, ...] and reads the per-channel
scale at ``g * C/G + c``. LRN pads the channel dim with zeros and sums squares over a window
loop, like a 1-D pooling along C.
"""

from __future__ import annotations

from typing import Callable, Sequence

from mlir import ir
from mlir.dialects import arith, math

from .lib import builders as b
from .lib import shape_checks as sc
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.casting import cast_to, compute_type, convert_tensor, float_element_type
from .lib.index_math import normalize_axis
from .lib.reduction_common import (count_of, keep_dims, kept_map, map_elementwise, reduce_dims)


def moments(x: ir.Value, dims: Sequence[int], acc: ir.Type,
            mean_only: bool = False) -> tuple[ir.Value, ir.Value | None]:
    """(mean, population variance) of ``x`` over ``dims`` (kept dims, type ``acc``)."""
    count = count_of(x, dims, acc)

    def up(v):
        return b.convert_scalar(v, acc)

    total = reduce_dims(x, dims, acc, 0.0, lambda v, a: arith.addf(up(v), a))
    mean = map_elementwise([total], acc, lambda s: arith.divf(s, count))
    if mean_only:
        return mean, None

    def centred(v, m, a):
        d = arith.subf(up(v), m)
        return arith.addf(arith.mulf(d, d), a)

    sq = reduce_dims(x, dims, acc, 0.0, centred, extras=[mean])
    var = map_elementwise([sq], acc, lambda s: arith.divf(s, count))
    return mean, var


def apply(x: ir.Value, operands: Sequence[tuple[ir.Value, ir.AffineMap]], elem: ir.Type,
          body: Callable[..., ir.Value]) -> ir.Value:
    """Elementwise generic over ``x``'s shape producing ``elem``; each extra operand is read
    through its map. ``body(x_scalar, *operand_scalars)``."""
    r = b.rank(x)
    init = b.empty(b.sizes(x), elem)
    maps = [b.identity_map(r)] + [m for _, m in operands] + [b.identity_map(r)]
    n = 1 + len(operands)
    return b.generic([x, *[v for v, _ in operands]], [init], maps, ["parallel"] * r,
                     lambda *args: body(*args[:n]))[0]


def _channel_map(rank: int) -> ir.AffineMap:
    return b.permutation_map(rank, [1])


def _check_vector(value: ir.Value, x: ir.Value, what: str, op_type: str) -> None:
    """``value`` is a float vector with one entry per channel (dim 1) of ``x``: checked at run
    time when either size is dynamic (the elementwise generic reads it at every channel)."""
    shape = b.shape(value)
    channels = b.shape(x)[1]
    if len(shape) != 1 or shape[0] not in (channels, b.DYNAMIC) and channels != b.DYNAMIC:
        raise LoweringError(f"{op_type} {what} must have shape [{channels}], got {value.type}")
    if not b.is_float(b.element_type(value)):
        raise LoweringError(f"{op_type} {what} must be a float tensor, got {value.type}")
    sc.require_dim(value, 0, b.dim(x, 1),
                   f"{what} has {{0}} elements, but the input has {{1}} channels")


def _rsqrt_eps(var: ir.Value, eps: float, acc: ir.Type) -> ir.Value:
    """``1 / sqrt(var + eps)`` elementwise."""
    e = b.scalar_constant(acc, eps)
    return map_elementwise([var], acc, lambda v: math.rsqrt(arith.addf(v, e)))


def _unidirectional_map(param: ir.Value, x: ir.Value, what: str) -> ir.AffineMap:
    """Numpy unidirectional broadcast of ``param`` onto a loop nest over ``x`` (static size-1
    dims read index 0; every other dim must be the size of ``x`` there, checked at run time when
    dynamic)."""
    shape = b.shape(param)
    x_rank = b.rank(x)
    if len(shape) > x_rank:
        raise LoweringError(f"cannot broadcast {param.type} to rank {x_rank}")
    offset = x_rank - len(shape)
    exprs = []
    for i, s in enumerate(shape):
        if s == 1:
            exprs.append(ir.AffineConstantExpr.get(0))
            continue
        sc.require_dim(param, i, b.dim(x, offset + i),
                       f"{what} has size {{0}} at axis {i}, but the input has {{1}} there")
        exprs.append(ir.AffineDimExpr.get(offset + i))
    return ir.AffineMap.get(x_rank, 0, exprs)


# --------------------------------------------------------------------------- BatchNormalization


@register_pattern
class LowerBatchNormalization(OnnxLoweringPattern):
    """BatchNormalization. Inference: one elementwise generic with the four [C] vectors read
    through ``d1``. training_mode: batch statistics over all dims but C (reductions), the
    normalized output, and the running statistics updated with ``momentum``."""

    op_names = ("onnx.batch_normalization",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = float_element_type(x, "BatchNormalization")
        r = b.rank(x)
        if r < 2:
            raise LoweringError("BatchNormalization input must have rank >= 2 (N, C, ...)")
        vectors = [op.scale, op.b, op.input_mean, op.input_var]
        for v, what in zip(vectors, ("scale", "B", "input_mean", "input_var")):
            _check_vector(v, x, what, "BatchNormalization")
        acc = compute_type(elem)
        eps = op.epsilon
        cmap = _channel_map(r)
        results: list[ir.Value | None] = []
        if op.training_mode:
            dims = [d for d in range(r) if d != 1]
            mean, var = moments(x, dims, acc)
            stats_mean, stats_var = mean, var
        else:
            stats_mean = convert_tensor(op.input_mean, acc)
            stats_var = convert_tensor(op.input_var, acc)
        inv = _rsqrt_eps(stats_var, eps, acc)

        def body(xv, mv, iv, sv, bv):
            up = lambda v: b.convert_scalar(v, acc)  # noqa: E731
            y = arith.mulf(arith.mulf(arith.subf(up(xv), mv), iv), up(sv))
            return b.convert_scalar(arith.addf(y, up(bv)), elem)

        y = apply(x, [(stats_mean, cmap), (inv, cmap), (op.scale, cmap), (op.b, cmap)], elem,
                  body)
        results.append(cast_to(y, op.y))
        for out, running, stat in ((op.running_mean, op.input_mean, stats_mean),
                                   (op.running_var, op.input_var, stats_var)):
            if out is None:
                continue
            if not op.training_mode:
                raise LoweringError("running_mean/running_var outputs need training_mode=1")
            momentum = b.scalar_constant(acc, op.momentum)
            rest = b.scalar_constant(acc, 1.0 - op.momentum)
            run_elem = b.element_type(running)
            updated = map_elementwise(
                [running, stat], run_elem,
                lambda rv, sv: b.convert_scalar(arith.addf(
                    arith.mulf(b.convert_scalar(rv, acc), momentum), arith.mulf(sv, rest)),
                    run_elem))
            results.append(cast_to(updated, out))
        return results


# --------------------------------------------------------------------------- Instance/Group


@register_pattern
class LowerInstanceNormalization(OnnxLoweringPattern):
    """InstanceNormalization: mean/variance over the spatial dims of each (n, c)."""

    op_names = ("onnx.instance_normalization",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.input
        elem = float_element_type(x, "InstanceNormalization")
        r = b.rank(x)
        if r < 3:
            raise LoweringError("InstanceNormalization input must have rank >= 3")
        _check_vector(op.scale, x, "scale", "InstanceNormalization")
        _check_vector(op.b, x, "B", "InstanceNormalization")
        acc = compute_type(elem)
        dims = list(range(2, r))
        mean, var = moments(x, dims, acc)
        inv = _rsqrt_eps(var, op.epsilon, acc)
        stat_map = kept_map(r, dims)
        cmap = _channel_map(r)

        def body(xv, mv, iv, sv, bv):
            up = lambda v: b.convert_scalar(v, acc)  # noqa: E731
            y = arith.mulf(arith.mulf(arith.subf(up(xv), mv), iv), up(sv))
            return b.convert_scalar(arith.addf(y, up(bv)), elem)

        y = apply(x, [(mean, stat_map), (inv, stat_map), (op.scale, cmap), (op.b, cmap)], elem,
                  body)
        return [cast_to(y, op.output)]


@register_pattern
class LowerGroupNormalization(OnnxLoweringPattern):
    """GroupNormalization (opset 21: per-channel scale and bias): statistics over
    [C/G, spatial...] of an expanded [N, G, C/G, ...] view."""

    op_names = ("onnx.group_normalization",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = float_element_type(x, "GroupNormalization")
        r = b.rank(x)
        if r < 2:
            raise LoweringError("GroupNormalization input must have rank >= 2")
        shape = b.shape(x)
        channels, groups = shape[1], op.num_groups
        if channels == b.DYNAMIC or groups <= 0 or channels % groups:
            raise LoweringError(f"num_groups={groups} must divide the static channel count "
                                f"{channels}")
        _check_vector(op.scale, x, "scale", "GroupNormalization")
        _check_vector(op.bias, x, "bias", "GroupNormalization")
        per_group = channels // groups
        mixed = b.sizes(x)
        xg = b.expand(x, [[0], [1, 2], *[[d + 1] for d in range(2, r)]],
                      [mixed[0], groups, per_group, *mixed[2:]])
        rg = r + 1
        acc = compute_type(elem, op.stash_type)
        dims = list(range(2, rg))
        mean, var = moments(xg, dims, acc)
        inv = _rsqrt_eps(var, op.epsilon, acc)
        stat_map = kept_map(rg, dims)
        cmap = ir.AffineMap.get(rg, 0, [ir.AffineDimExpr.get(1) * per_group +
                                        ir.AffineDimExpr.get(2)])

        def body(xv, mv, iv, sv, bv):
            up = lambda v: b.convert_scalar(v, acc)  # noqa: E731
            y = arith.mulf(arith.mulf(arith.subf(up(xv), mv), iv), up(sv))
            return b.convert_scalar(arith.addf(y, up(bv)), elem)

        yg = apply(xg, [(mean, stat_map), (inv, stat_map), (op.scale, cmap), (op.bias, cmap)],
                   elem, body)
        y = b.collapse(yg, [[0], [1, 2], *[[d + 1] for d in range(2, r)]])
        return [cast_to(y, op.y)]


# --------------------------------------------------------------------------- Layer/RMS


@register_pattern
class LowerLayerNormalization(OnnxLoweringPattern):
    """LayerNormalization over dims [axis, rank); Scale/B broadcast to X; optional Mean and
    InvStdDev outputs (shape X[:axis] + ones)."""

    op_names = ("onnx.layer_normalization",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = float_element_type(x, "LayerNormalization")
        r = b.rank(x)
        if r == 0:
            raise LoweringError("LayerNormalization needs a tensor of rank >= 1")
        axis = normalize_axis(op.axis, r, scalar_ok=True)
        dims = list(range(axis, r))
        acc = compute_type(elem, op.stash_type)
        mean, var = moments(x, dims, acc)
        inv = _rsqrt_eps(var, op.epsilon, acc)
        stat_map = kept_map(r, dims)
        operands = [(mean, stat_map), (inv, stat_map),
                    (op.scale, _unidirectional_map(op.scale, x, "Scale"))]
        if op.b is not None:
            operands.append((op.b, _unidirectional_map(op.b, x, "B")))

        def body(xv, mv, iv, sv, *bias):
            up = lambda v: b.convert_scalar(v, acc)  # noqa: E731
            y = arith.mulf(arith.mulf(arith.subf(up(xv), mv), iv), up(sv))
            if bias:
                y = arith.addf(y, up(bias[0]))
            return b.convert_scalar(y, elem)

        results = [cast_to(apply(x, operands, elem, body), op.y)]
        for out, stat in ((op.mean, mean), (op.inv_std_dev, inv)):
            if out is None:
                continue
            out_elem = b.element_type(out.type)
            results.append(cast_to(keep_dims(convert_tensor(stat, out_elem), r, dims), out))
        return results


@register_pattern
class LowerRMSNormalization(OnnxLoweringPattern):
    """RMSNormalization: ``x / sqrt(mean(x^2) + epsilon) * scale`` over dims [axis, rank)."""

    op_names = ("onnx.rms_normalization",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = float_element_type(x, "RMSNormalization")
        r = b.rank(x)
        if r == 0:
            raise LoweringError("RMSNormalization needs a tensor of rank >= 1")
        axis = normalize_axis(op.axis, r, scalar_ok=True)
        dims = list(range(axis, r))
        acc = compute_type(elem, op.stash_type)
        count = count_of(x, dims, acc)

        def sq(v, a):
            u = b.convert_scalar(v, acc)
            return arith.addf(arith.mulf(u, u), a)

        sums = reduce_dims(x, dims, acc, 0.0, sq)
        eps = b.scalar_constant(acc, op.epsilon)
        inv = map_elementwise([sums], acc,
                              lambda s: math.rsqrt(arith.addf(arith.divf(s, count), eps)))

        def body(xv, iv, sv):
            up = lambda v: b.convert_scalar(v, acc)  # noqa: E731
            return b.convert_scalar(arith.mulf(arith.mulf(up(xv), iv), up(sv)), elem)

        scale_map = _unidirectional_map(op.scale, x, "scale")
        y = apply(x, [(inv, kept_map(r, dims)), (op.scale, scale_map)], elem, body)
        return [cast_to(y, op.y)]


# --------------------------------------------------------------------------- Lp / MVN / LRN


@register_pattern
class LowerLpNormalization(OnnxLoweringPattern):
    """LpNormalization (p = 1 or 2) along ``axis``: ``x / ||x||_p``."""

    op_names = ("onnx.lp_normalization",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.input
        elem = float_element_type(x, "LpNormalization")
        r = b.rank(x)
        if r == 0:
            raise LoweringError("LpNormalization needs a tensor of rank >= 1")
        axis = normalize_axis(op.axis, r, scalar_ok=True)
        p = op.p
        if p not in (1, 2):
            raise LoweringError(f"LpNormalization supports p = 1 or 2, got {p}")
        acc = compute_type(elem)

        def body(v, a):
            u = b.convert_scalar(v, acc)
            return arith.addf(math.absf(u) if p == 1 else arith.mulf(u, u), a)

        norm = reduce_dims(x, [axis], acc, 0.0, body)
        if p == 2:
            norm = map_elementwise([norm], acc, math.sqrt)
        y = apply(x, [(norm, kept_map(r, [axis]))], elem,
                  lambda xv, nv: b.convert_scalar(arith.divf(b.convert_scalar(xv, acc), nv),
                                                  elem))
        return [cast_to(y, op.output)]


@register_pattern
class LowerMeanVarianceNormalization(OnnxLoweringPattern):
    """MeanVarianceNormalization: ``(x - mean) / (sqrt(var) + 1e-9)`` over ``axes`` (the
    epsilon of the ONNX function body)."""

    op_names = ("onnx.mean_variance_normalization",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = float_element_type(x, "MeanVarianceNormalization")
        r = b.rank(x)
        dims = sorted({normalize_axis(a, r, "axes entry", scalar_ok=True) for a in op.axes})
        acc = compute_type(elem)
        mean, var = moments(x, dims, acc)
        eps = b.scalar_constant(acc, 1e-9)
        denom = map_elementwise([var], acc, lambda v: arith.addf(math.sqrt(v), eps))
        stat_map = kept_map(r, dims)
        y = apply(x, [(mean, stat_map), (denom, stat_map)], elem,
                  lambda xv, mv, dv: b.convert_scalar(
                      arith.divf(arith.subf(b.convert_scalar(xv, acc), mv), dv), elem))
        return [cast_to(y, op.y)]


@register_pattern
class LowerLRN(OnnxLoweringPattern):
    """LRN: ``x / (bias + alpha / size * sum of x^2 over the channel window)^beta``; the window
    [c - floor((size-1)/2), c + ceil((size-1)/2)] is a reduction loop over a zero-padded C."""

    op_names = ("onnx.lrn",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = float_element_type(x, "LRN")
        r = b.rank(x)
        if r < 2:
            raise LoweringError("LRN input must have rank >= 2 (N, C, ...)")
        size = op.size
        if size < 1:
            raise LoweringError(f"LRN size must be positive, got {size}")
        acc = compute_type(elem)
        low, high = (size - 1) // 2, size - 1 - (size - 1) // 2
        padded = b.pad(x, [0, low] + [0] * (r - 2), [0, high] + [0] * (r - 2),
                       b.scalar_constant(elem, 0.0))
        # Loops: the r dims of x, then the window k; read padded[n, c + k, ...].
        exprs = [ir.AffineDimExpr.get(d) for d in range(r)]
        exprs[1] = ir.AffineDimExpr.get(1) + ir.AffineDimExpr.get(r)
        in_map = ir.AffineMap.get(r + 1, 0, exprs)
        window = b.empty([size], elem)
        window_map = ir.AffineMap.get(r + 1, 0, [ir.AffineDimExpr.get(r)])
        out_map = ir.AffineMap.get(r + 1, 0, [ir.AffineDimExpr.get(d) for d in range(r)])
        init = b.fill(0.0, b.empty(b.sizes(x), acc))

        def sq(v, _w, a):
            u = b.convert_scalar(v, acc)
            return arith.addf(arith.mulf(u, u), a)

        sums = b.generic([padded, window], [init], [in_map, window_map, out_map],
                         ["parallel"] * r + ["reduction"], sq)[0]
        scale = b.scalar_constant(acc, op.alpha / size)
        bias = b.scalar_constant(acc, op.bias)
        beta = b.scalar_constant(acc, op.beta)

        def body(xv, sv):
            base = arith.addf(bias, arith.mulf(scale, sv))
            return b.convert_scalar(
                arith.divf(b.convert_scalar(xv, acc), math.powf(base, beta)), elem)

        y = apply(x, [(sums, b.identity_map(r))], elem, body)
        return [cast_to(y, op.y)]


__all__ = ["LowerBatchNormalization", "LowerInstanceNormalization", "LowerGroupNormalization",
           "LowerLayerNormalization", "LowerRMSNormalization", "LowerLpNormalization",
           "LowerMeanVarianceNormalization", "LowerLRN", "apply", "moments"]
