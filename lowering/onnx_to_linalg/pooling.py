"""Lowering of ONNX pooling ops (MaxPool, AveragePool, GlobalMaxPool, GlobalAveragePool).

MaxPool takes floats and integers (pad/fill value: -inf or the type's minimum; unsigned types
reduce with `maxui` in a generic); its optional Indices output is computed with the values in
one max/argmax `linalg.generic`.

Windowed pools pad the input with `tensor.pad` (-inf for max, 0 for average), where ``ceil_mode``
adds padding at the end so that the last window fits, then reduce with
``linalg.pooling_{ncw,nchw}_{max,sum}`` (a `linalg.generic` of the same shape for 3-D, which has
no NCDHW named pooling op). AveragePool divides the window sums by a per-output-position count
computed at compile time: the number of window taps inside the input (``count_include_pad=0``) or
inside input plus explicit padding (``count_include_pad=1``; the extra ``ceil_mode`` padding is
never counted, as in onnxruntime). Global pools are one reduction `linalg.generic` over the
spatial dims.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith, linalg, math

from .lib import broadcasting
from .lib import builders as b
from .lib import index_math as im
from .lib.window import (WindowGeometry, nc_spatial_shape, pad_spatial, window_geometry,
                         window_input_map)
from .lib.casting import accumulator_type, cast_to_result, float_element_type, truncate_to
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern

_NAMED_MAX = {1: linalg.pooling_ncw_max, 2: linalg.pooling_nchw_max}
_NAMED_SUM = {1: linalg.pooling_ncw_sum, 2: linalg.pooling_nchw_sum}


def _pool_generic(padded: ir.Value, init: ir.Value, geometry: WindowGeometry,
                  combine: Callable[[ir.Value, ir.Value], ir.Value]) -> ir.Value:
    """Windowed reduction ``init[n, c, o...] = combine(init, padded[n, c, o*s + k*d ...])`` as a
    `linalg.generic` (used where linalg has no NC-first named pooling op)."""
    rank = len(geometry.kernel)
    n_loops = 2 + 2 * rank
    outs = list(range(2, 2 + rank))
    ks = list(range(2 + rank, 2 + 2 * rank))
    in_map = window_input_map(n_loops, 0, 1, outs, ks, geometry)
    # Like the named pooling ops, read a window-shaped (never read) operand: it is what gives
    # the window loops their bounds.
    window = b.empty(list(geometry.kernel), b.element_type(padded))
    window_map = ir.AffineMap.get(n_loops, 0, [ir.AffineDimExpr.get(k) for k in ks])
    out_map = ir.AffineMap.get(n_loops, 0, [ir.AffineDimExpr.get(i) for i in range(2 + rank)])
    acc = b.element_type(init)
    iterators = ["parallel"] * (2 + rank) + ["reduction"] * rank
    return b.generic([padded, window], [init], [in_map, window_map, out_map], iterators,
                     lambda xv, _w, accv: combine(accv, b.convert_scalar(xv, acc)))[0]


def _window_reduce(padded: ir.Value, init: ir.Value, geometry: WindowGeometry,
                   kind: str) -> ir.Value:
    """Max or sum over each window: the named linalg pooling op where one exists."""
    rank = len(geometry.kernel)
    named = (_NAMED_MAX if kind == "max" else _NAMED_SUM).get(rank)
    if named is None:
        elem = b.element_type(init)
        return _pool_generic(padded, init, geometry,
                             _max_combine(elem) if kind == "max" else arith.addf)
    window = b.empty(list(geometry.kernel), b.element_type(padded))
    return named(padded, window, outs=[init], strides=list(geometry.strides),
                 dilations=list(geometry.dilations))


# onnx's shape inference (1.23) computes ceil_mode output sizes without the rule "windows that
# would start in the end padding are ignored" that the operator spec and onnxruntime follow.
_CEIL_MODE_HINT = ("; with ceil_mode=1 a window that would start in the end padding is dropped "
                   "(ONNX spec, onnxruntime), which onnx shape inference does not do: declare the "
                   "output shape in the model")


def _pool_result(value: ir.Value, op) -> ir.Value:
    return cast_to_result(value, op.y, _CEIL_MODE_HINT if op.ceil_mode else "")


def _window_attributes(op, op_type: str) -> tuple[ir.Type, b.Size, int, list[b.Size], list[int]]:
    """(element type, batch, channels, spatial sizes, kernel) of a windowed pool, checked."""
    elem = (_max_pool_element_type(op.x) if op_type == "MaxPool"
            else float_element_type(op.x, op_type))
    batch, (channels, *in_spatial) = nc_spatial_shape(op.x, op_type)
    rank = len(in_spatial)
    if rank > 3:
        raise LoweringError(f"{op_type} with {rank} spatial dims is not supported (1-D, 2-D and "
                            f"3-D are)")
    kernel = op.kernel_shape
    if kernel is None or len(kernel) != rank or any(k < 1 for k in kernel):
        raise LoweringError(f"{op_type} needs a kernel_shape of {rank} positive values, "
                            f"got {kernel}")
    return elem, batch, channels, in_spatial, list(kernel)


_INT_TYPES_NOTE = "MaxPool is lowered for f16/bf16/f32/f64 and 8/16/32/64-bit integers"


def _max_pool_element_type(value: ir.Value) -> ir.Type:
    """MaxPool takes floats and 8-bit integers in ONNX (onnxruntime also wider ones)."""
    elem = b.element_type(value)
    if b.is_float(elem) or (b.is_integer(elem) and ir.IntegerType(elem).width in (8, 16, 32, 64)):
        return elem
    raise LoweringError(f"{_INT_TYPES_NOTE}, got {elem}")


def _lowest(elem: ir.Type) -> float | int:
    """The identity of max: -inf, or the smallest integer of the (possibly unsigned) type."""
    if b.is_float(elem):
        return float("-inf")
    return 0 if b.is_unsigned(elem) else -(1 << (ir.IntegerType(elem).width - 1))


def _max_combine(elem: ir.Type) -> Callable[[ir.Value, ir.Value], ir.Value]:
    if b.is_float(elem):
        return arith.maximumf
    return arith.maxui if b.is_unsigned(elem) else arith.maxsi


def _max_pool_with_indices(x: ir.Value, batch: b.Size, channels: int, in_spatial: list[b.Size],
                           geometry: WindowGeometry, storage_order: int) -> tuple[ir.Value, ir.Value]:
    """Max and argmax over each window in one `linalg.generic` with two reduction results.

    The argmax is the flat index into the unpadded input (``((n * C + c) * H + h) * W + w``;
    with ``storage_order == 1`` the spatial dims are flattened column-major). Taps in the padding
    are skipped and the first maximal tap wins, as in the ONNX reference.
    """
    elem = b.element_type(x)
    src = b.to_signless(x)
    selem = b.element_type(src)
    rank = len(in_spatial)
    padded = pad_spatial(src, geometry, _lowest(elem))
    n_loops = 2 + 2 * rank
    outs = list(range(2, 2 + rank))
    ks = list(range(2 + rank, 2 + 2 * rank))
    in_map = window_input_map(n_loops, 0, 1, outs, ks, geometry)
    window = b.empty(list(geometry.kernel), selem)
    window_map = ir.AffineMap.get(n_loops, 0, [ir.AffineDimExpr.get(k) for k in ks])
    out_map = ir.AffineMap.get(n_loops, 0, [ir.AffineDimExpr.get(i) for i in range(2 + rank)])
    out_sizes: list[b.Size] = [batch, channels, *geometry.output]
    i64 = ir.IntegerType.get_signless(64)
    values = b.fill(_lowest(elem), b.empty(out_sizes, selem))
    indices = b.fill(-1, b.empty(out_sizes, i64))
    unsigned = b.is_unsigned(elem)

    def cst(v: b.Size) -> ir.Value:
        return im.value(v)

    def body(xv: ir.Value, _w: ir.Value, acc: ir.Value, acc_index: ir.Value) -> list[ir.Value]:
        inside = None
        positions = []
        for i in range(rank):
            o = linalg.IndexOp(outs[i]).result
            k = linalg.IndexOp(ks[i]).result
            pos = arith.subi(arith.addi(arith.muli(o, cst(geometry.strides[i])),
                                        arith.muli(k, cst(geometry.dilations[i]))),
                             cst(geometry.pads_begin[i]))
            ok = arith.andi(arith.cmpi(arith.CmpIPredicate.sge, pos, cst(0)),
                            arith.cmpi(arith.CmpIPredicate.slt, pos, cst(in_spatial[i])))
            inside = ok if inside is None else arith.andi(inside, ok)
            positions.append(pos)
        order = list(range(rank)) if storage_order == 0 else list(reversed(range(rank)))
        flat = arith.addi(arith.muli(linalg.IndexOp(0).result, cst(channels)),
                          linalg.IndexOp(1).result)
        for i in order:
            flat = arith.addi(arith.muli(flat, cst(in_spatial[i])), positions[i])
        flat = arith.index_cast(i64, flat)
        if b.is_float(selem):
            greater = arith.cmpf(arith.CmpFPredicate.OGT, xv, acc)
        else:
            greater = arith.cmpi(arith.CmpIPredicate.ugt if unsigned else arith.CmpIPredicate.sgt,
                                 xv, acc)
        first = arith.cmpi(arith.CmpIPredicate.eq, acc_index,
                           arith.constant(i64, ir.IntegerAttr.get(i64, -1)))
        take = arith.andi(inside, arith.ori(first, greater))
        return [arith.select(take, xv, acc), arith.select(take, flat, acc_index)]

    iterators = ["parallel"] * (2 + rank) + ["reduction"] * rank
    value, index = b.generic([padded, window], [values, indices],
                             [in_map, window_map, out_map, out_map], iterators, body)
    return value, index


@register_pattern
class LowerMaxPool(OnnxLoweringPattern):
    """ONNX MaxPool: padding with the lowest value, then a max pooling into an accumulator
    filled with it (named op for floats and signed integers, generic for unsigned ones); with
    a used Indices output, one max/argmax `linalg.generic`."""

    op_names = ("onnx.max_pool",)

    def rewrite(self, op) -> Sequence[ir.Value | None]:
        indices = op.indices
        elem, batch, channels, in_spatial, kernel = _window_attributes(op, "MaxPool")
        geometry = window_geometry(in_spatial, kernel, op.strides, op.dilations, op.pads,
                                   op.auto_pad, ceil_mode=bool(op.ceil_mode))
        if indices is not None and list(indices.uses):
            if op.storage_order not in (0, 1):
                raise LoweringError(f"storage_order must be 0 or 1, got {op.storage_order}")
            value, index = _max_pool_with_indices(op.x, batch, channels, in_spatial, geometry,
                                                  op.storage_order)
            value = b.from_signless(value, ir.RankedTensorType.get(b.shape(value), elem))
            return [_pool_result(value, op),
                    cast_to_result(index, indices, _CEIL_MODE_HINT if op.ceil_mode else "")]
        x = b.to_signless(op.x)
        padded = pad_spatial(x, geometry, _lowest(elem))
        init = b.fill(_lowest(elem), b.empty([batch, channels, *geometry.output],
                                             b.signless(elem)))
        if b.is_unsigned(elem):
            result = _pool_generic(padded, init, geometry, _max_combine(elem))
        else:
            result = _window_reduce(padded, init, geometry, "max")
        result = b.from_signless(result, ir.RankedTensorType.get(b.shape(result), elem))
        return [_pool_result(result, op), None] if indices is not None else \
            [_pool_result(result, op)]


def _average_divisor(in_spatial: Sequence[int], geometry: WindowGeometry,
                     count_include_pad: bool) -> np.ndarray:
    """Number of window taps averaged at each output position (shape: output spatial dims),
    for static geometry."""
    counts = []
    for i, size in enumerate(in_spatial):
        begin = geometry.pads_begin[i]
        low, high = ((-begin, size + geometry.explicit_pads_end[i]) if count_include_pad
                     else (0, size))
        starts = np.arange(geometry.output[i]) * geometry.strides[i] - begin
        taps = starts[:, None] + np.arange(geometry.kernel[i])[None, :] * geometry.dilations[i]
        counts.append(((taps >= low) & (taps < high)).sum(axis=1))
    divisor = np.ones((), dtype=np.int64)
    for c in counts:
        divisor = np.multiply.outer(divisor, c)
    if (divisor == 0).any():
        raise LoweringError("an AveragePool window lies entirely in the padding")
    return divisor


def _run_time_divisor(in_spatial: Sequence[b.Size], geometry: WindowGeometry,
                      count_include_pad: bool, acc: ir.Type) -> ir.Value:
    """The tap count of the current output position (inside a generic over [N, C, out...]):
    for each spatial dim, the taps ``o * s - begin + k * d`` inside the input (or input plus
    explicit padding), multiplied. A window entirely in the padding counts 1 (its sum is 0)."""
    total = None
    for i, size in enumerate(in_spatial):
        begin = im.value(geometry.pads_begin[i])
        low = arith.subi(im.value(0), begin) if count_include_pad else im.value(0)
        high = im.value(im.add(size, geometry.explicit_pads_end[i]) if count_include_pad
                        else size)
        start = arith.subi(arith.muli(linalg.IndexOp(2 + i).result,
                                      im.value(geometry.strides[i])), begin)
        count = im.value(0)
        for k in range(geometry.kernel[i]):
            tap = arith.addi(start, im.value(k * geometry.dilations[i]))
            inside = arith.andi(arith.cmpi(arith.CmpIPredicate.sge, tap, low),
                                arith.cmpi(arith.CmpIPredicate.slt, tap, high))
            count = arith.addi(count, arith.index_cast(ir.IndexType.get(),
                                                       arith.extui(ir.IntegerType.get_signless(64),
                                                                   inside)))
        total = count if total is None else arith.muli(total, count)
    total = arith.maxsi(total, im.value(1))
    return b.convert_scalar(arith.index_cast(ir.IntegerType.get_signless(64), total), acc)


def _index_as_float(size: b.Size, elem: ir.Type) -> ir.Value:
    """A mixed size as a float scalar of type ``elem``."""
    if isinstance(size, int):
        return b.scalar_constant(elem, float(size))
    return b.convert_scalar(arith.index_cast(ir.IntegerType.get_signless(64), size), elem)


@register_pattern
class LowerAveragePool(OnnxLoweringPattern):
    """ONNX AveragePool: zero padding, a sum pooling, then a division by the tap count."""

    op_names = ("onnx.average_pool",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        elem, batch, channels, in_spatial, kernel = _window_attributes(op, "AveragePool")
        geometry = window_geometry(in_spatial, kernel, op.strides, op.dilations, op.pads,
                                   op.auto_pad, ceil_mode=bool(op.ceil_mode))
        acc = accumulator_type(elem)
        padded = pad_spatial(op.x, geometry, 0.0)
        out_sizes: list[b.Size] = [batch, channels, *geometry.output]
        sums = _window_reduce(padded, b.fill(0.0, b.empty(out_sizes, acc)), geometry, "sum")

        loops = 2 + len(in_spatial)
        identity = b.identity_map(loops)
        static = geometry.is_static and all(isinstance(s, int) for s in in_spatial)
        if not static and geometry.has_padding:
            count_pad = bool(op.count_include_pad)

            def divide_by_taps(s: ir.Value, _out: ir.Value) -> ir.Value:
                count = _run_time_divisor(in_spatial, geometry, count_pad, acc)
                return b.convert_scalar(arith.divf(s, count), elem)

            result = b.generic([sums], [b.empty(out_sizes, elem)], [identity, identity],
                               ["parallel"] * loops, divide_by_taps)[0]
            return [_pool_result(result, op)]
        divisor = (_average_divisor(in_spatial, geometry, bool(op.count_include_pad)) if static
                   else np.array(int(np.prod(geometry.kernel))))
        if (divisor == divisor.flat[0]).all():
            count = b.scalar_constant(acc, float(divisor.flat[0]))

            def divide(s: ir.Value, _out: ir.Value) -> ir.Value:
                return b.convert_scalar(arith.divf(s, count), elem)

            result = b.generic([sums], [b.empty(out_sizes, elem)], [identity, identity],
                               ["parallel"] * loops, divide)[0]
        else:
            counts = b.dense_constant(divisor.astype(np.float64), acc)
            count_map = ir.AffineMap.get(loops, 0,
                                         [ir.AffineDimExpr.get(i) for i in range(2, loops)])
            result = b.generic([sums, counts], [b.empty(out_sizes, elem)],
                               [identity, count_map, identity], ["parallel"] * loops,
                               lambda s, c, _out: b.convert_scalar(arith.divf(s, c), elem))[0]
        return [_pool_result(result, op)]


@register_pattern
class LowerGlobalPool(OnnxLoweringPattern):
    """ONNX GlobalAveragePool / GlobalMaxPool: one reduction over all spatial dims into
    [N, C], then a `tensor.expand_shape` to [N, C, 1, ...]."""

    op_names = ("onnx.global_average_pool", "onnx.global_max_pool")

    def rewrite(self, op) -> Sequence[ir.Value]:
        is_max = op.operation.name == "onnx.global_max_pool"
        op_type = "GlobalMaxPool" if is_max else "GlobalAveragePool"
        elem = float_element_type(op.x, op_type)
        batch, (channels, *in_spatial) = nc_spatial_shape(op.x, op_type)
        rank = len(in_spatial)
        acc = elem if is_max else accumulator_type(elem)
        init = b.fill(float("-inf") if is_max else 0.0, b.empty([batch, channels], acc))
        loops = 2 + rank
        nc_map = ir.AffineMap.get(loops, 0, [ir.AffineDimExpr.get(0), ir.AffineDimExpr.get(1)])
        combine = arith.maximumf if is_max else arith.addf
        reduced = b.generic([op.x], [init], [b.identity_map(loops), nc_map],
                            ["parallel"] * 2 + ["reduction"] * rank,
                            lambda xv, accv: combine(accv, b.convert_scalar(xv, acc)))[0]
        if not is_max:
            count = _index_as_float(_product(in_spatial), acc)

            def divide(s: ir.Value, _out: ir.Value) -> ir.Value:
                return b.convert_scalar(arith.divf(s, count), elem)

            identity = b.identity_map(2)
            reduced = b.generic([reduced], [b.empty([batch, channels], elem)],
                                [identity, identity], ["parallel"] * 2, divide)[0]
        reduced = truncate_to(reduced, elem)
        result = b.expand(reduced, [[0], list(range(1, 2 + rank))],
                          [batch, channels, *([1] * rank)])
        return [cast_to_result(result, op.y)]


def _product(sizes: Sequence[b.Size]) -> b.Size:
    total: b.Size = 1
    for s in sizes:
        total = im.mul(total, s)
    return total


def _abs_pow(x: ir.Value, p: int) -> ir.Value:
    """|x|^p of a float scalar (products for small integer p)."""
    a = math.absf(x)
    if p == 1:
        return a
    if p <= 4:
        r = a
        for _ in range(p - 1):
            r = arith.mulf(r, a)
        return r
    return math.powf(a, b.scalar_constant(x.type, float(p)))


def _root(x: ir.Value, p: int) -> ir.Value:
    """x^(1/p) of a float scalar."""
    if p == 1:
        return x
    if p == 2:
        return math.sqrt(x)
    return math.powf(x, b.scalar_constant(x.type, 1.0 / p))


def _lp_order(op) -> int:
    p = op.p
    if p < 1:
        raise LoweringError(f"LpPool needs p >= 1, got {p}")
    return p


@register_pattern
class LowerLpPool(OnnxLoweringPattern):
    """ONNX LpPool: |x|^p (elementwise generic), zero padding and a sum pooling (the AveragePool
    machinery), then the p-th root: ``(sum over the window of |x|^p)^(1/p)``."""

    op_names = ("onnx.lp_pool",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        p = _lp_order(op)
        elem, batch, channels, in_spatial, kernel = _window_attributes(op, "LpPool")
        geometry = window_geometry(in_spatial, kernel, op.strides, op.dilations, op.pads,
                                   op.auto_pad, ceil_mode=bool(op.ceil_mode))
        acc = accumulator_type(elem)
        powered = broadcasting.broadcast_generic([op.x], acc, lambda v: _abs_pow(b.convert_scalar(v, acc), p))
        padded = pad_spatial(powered, geometry, 0.0)
        out_sizes: list[b.Size] = [batch, channels, *geometry.output]
        sums = _window_reduce(padded, b.fill(0.0, b.empty(out_sizes, acc)), geometry, "sum")
        result = broadcasting.broadcast_generic([sums], elem,
                                     lambda v: b.convert_scalar(_root(v, p), elem))
        return [_pool_result(result, op)]


@register_pattern
class LowerGlobalLpPool(OnnxLoweringPattern):
    """ONNX GlobalLpPool: one reduction generic of |x|^p over the spatial dims, the p-th root,
    and a `tensor.expand_shape` to [N, C, 1, ...]."""

    op_names = ("onnx.global_lp_pool",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        p = _lp_order(op)
        elem = float_element_type(op.x, "GlobalLpPool")
        batch, (channels, *in_spatial) = nc_spatial_shape(op.x, "GlobalLpPool")
        rank = len(in_spatial)
        acc = accumulator_type(elem)
        init = b.fill(0.0, b.empty([batch, channels], acc))
        loops = 2 + rank
        nc_map = ir.AffineMap.get(loops, 0, [ir.AffineDimExpr.get(0), ir.AffineDimExpr.get(1)])
        sums = b.generic([op.x], [init], [b.identity_map(loops), nc_map],
                         ["parallel"] * 2 + ["reduction"] * rank,
                         lambda xv, accv: arith.addf(accv, _abs_pow(b.convert_scalar(xv, acc), p)))[0]
        reduced = broadcasting.broadcast_generic([sums], elem, lambda v: b.convert_scalar(_root(v, p), elem))
        result = b.expand(reduced, [[0], list(range(1, 2 + rank))],
                          [batch, channels, *([1] * rank)])
        return [cast_to_result(result, op.y)]


__all__ = ["LowerAveragePool", "LowerGlobalLpPool", "LowerGlobalPool", "LowerLpPool",
           "LowerMaxPool"]
