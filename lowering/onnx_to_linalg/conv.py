"""Lowering of ONNX Conv to linalg convolutions on tensors.

Conv becomes: an optional `tensor.pad` (ONNX pads, possibly asymmetric, or the padding that
``auto_pad`` implies), an accumulator initialised with the bias broadcast over N and the spatial
dims (or zero), and one structured convolution:

* ``group == 1``: ``linalg.conv_{1d_ncw_fcw,2d_nchw_fchw,3d_ncdhw_fcdhw}``;
* 2-D depthwise with multiplier 1 (``group == C == M``): ``linalg.depthwise_conv_2d_nchw_chw``;
* other 2-D groups (including depthwise with a multiplier): ``linalg.conv_2d_ngchw_gfchw`` on
  `tensor.expand_shape` views of input, weights and accumulator;
* 1-D / 3-D groups: a `linalg.generic` with the same grouped structure.

The spatial geometry (kernel, strides, dilations, pads, output size) is shared with the pooling
lowering (:mod:`.pooling`) through :func:`window_geometry`.

f16/bf16 convolutions accumulate in f32 and truncate once at the end (the named ops extend their
operands to the accumulator type).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from .lib import builders as b
from .lib import index_math as im
from .lib.runtime_checks import require
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.window import (WindowGeometry, nc_spatial_shape, pad_spatial, spatial_attr,
                         window_geometry, window_input_map, with_channels)
from .lib.casting import accumulator_type, cast_to_result, float_element_type, truncate_to

# --------------------------------------------------------------------------- window geometry


# --------------------------------------------------------------------------- shared helpers


# --------------------------------------------------------------------------- Conv


_NAMED_CONV = {1: linalg.conv_1d_ncw_fcw, 2: linalg.conv_2d_nchw_fchw, 3: linalg.conv_3d_ncdhw_fcdhw}


def _grouped_conv_generic(x: ir.Value, w: ir.Value, init: ir.Value,
                          geometry: WindowGeometry) -> ir.Value:
    """Grouped convolution of any spatial rank as a `linalg.generic` on expanded views:
    x [N, G, C/G, in...], w [G, M/G, C/G, k...], init [N, G, M/G, out...]."""
    rank = len(geometry.kernel)
    # Loops: n, g, f, o_1..o_r (parallel), c, k_1..k_r (reduction).
    n, g, f = 0, 1, 2
    outs = list(range(3, 3 + rank))
    c = 3 + rank
    ks = list(range(4 + rank, 4 + 2 * rank))
    n_loops = 4 + 2 * rank
    dims = [ir.AffineDimExpr.get(i) for i in range(n_loops)]
    x_map = window_input_map(n_loops, n, [g, c], outs, ks, geometry)
    w_map = ir.AffineMap.get(n_loops, 0, [dims[g], dims[f], dims[c], *[dims[k] for k in ks]])
    o_map = ir.AffineMap.get(n_loops, 0, [dims[n], dims[g], dims[f], *[dims[o] for o in outs]])
    acc = b.element_type(init)

    def body(xv: ir.Value, wv: ir.Value, accv: ir.Value) -> ir.Value:
        product = arith.mulf(b.convert_scalar(xv, acc), b.convert_scalar(wv, acc))
        return arith.addf(accv, product)

    iterators = ["parallel"] * (3 + rank) + ["reduction"] * (1 + rank)
    return b.generic([x, w], [init], [x_map, w_map, o_map], iterators, body)[0]


def _bias_init(bias: ir.Value | None, out_sizes: Sequence[b.Size], elem: ir.Type,
               acc: ir.Value | ir.Type, op_type: str) -> ir.Value:
    """The accumulator: the bias broadcast over N and the spatial dims, or zero."""
    out_channels = out_sizes[1]
    if bias is None:
        return b.fill(0.0, b.empty(out_sizes, acc))
    if b.shape(bias) != [out_channels] or b.element_type(bias) != elem:
        raise LoweringError(f"{op_type} bias must be tensor<{out_channels}x{elem}>, "
                            f"got {bias.type}")
    loops = len(out_sizes)
    bias_map = ir.AffineMap.get(loops, 0, [ir.AffineDimExpr.get(1)])
    return b.generic([bias], [b.empty(out_sizes, acc)], [bias_map, b.identity_map(loops)],
                     ["parallel"] * loops, lambda bv, _out: b.convert_scalar(bv, acc))[0]


def convolve(padded: ir.Value, w: ir.Value, init: ir.Value, group: int,
             geometry: WindowGeometry) -> ir.Value:
    """Cross-correlate the (already padded) N x C x spatial input with weights
    [M, C/group, k...] into ``init`` [N, M, out...]: the named linalg convolution that fits the
    group structure, or a grouped `linalg.generic`."""
    batch = b.dim(padded, 0)
    channels = b.shape(padded)[1]
    out_channels, channels_per_group, *kernel = b.shape(w)
    rank = len(kernel)
    strides, dilations = list(geometry.strides), list(geometry.dilations)
    if group == 1:
        return _NAMED_CONV[rank](padded, w, outs=[init], strides=strides, dilations=dilations)
    if rank == 2 and group == channels == out_channels:
        # Depthwise, multiplier 1: weights [C, 1, kh, kw] -> [C, kh, kw].
        w_chw = b.collapse(w, [[0, 1], [2], [3]])
        return linalg.depthwise_conv_2d_nchw_chw(padded, w_chw, outs=[init], strides=strides,
                                                 dilations=dilations)
    padded_spatial = b.sizes(padded)[2:]
    spatial_groups = [[i] for i in range(3, 3 + rank)]
    x_g = b.expand(padded, [[0], [1, 2], *spatial_groups],
                   [batch, group, channels // group, *padded_spatial])
    w_g = b.expand(w, [[0, 1], *[[i] for i in range(2, 3 + rank)]],
                   [group, out_channels // group, channels_per_group, *kernel])
    init_g = b.expand(init, [[0], [1, 2], *spatial_groups],
                      [batch, group, out_channels // group, *geometry.output])
    if rank == 2:
        result_g = linalg.conv_2d_ngchw_gfchw(x_g, w_g, outs=[init_g], strides=strides,
                                              dilations=dilations)
    else:
        result_g = _grouped_conv_generic(x_g, w_g, init_g, geometry)
    return b.collapse(result_g, [[0], [1, 2], *spatial_groups])


@register_pattern
class LowerConv(OnnxLoweringPattern):
    """ONNX Conv (1-D, 2-D, 3-D; any group count) to a padded structured convolution."""

    op_names = ("onnx.conv",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, w, bias = op.x, op.w, op.b
        elem = float_element_type(x, "Conv")
        if b.element_type(w) != elem:
            raise LoweringError(f"Conv input and weight element types differ: "
                                f"{b.element_type(x)} vs {b.element_type(w)}")
        w_shape = b.static_shape(w, "Conv weight")
        batch, (channels, *in_spatial) = nc_spatial_shape(
            x, "Conv", channels=w_shape[1] * op.group if len(w_shape) > 1 else None)
        x = with_channels(x, channels)
        rank = len(in_spatial)
        if rank not in _NAMED_CONV:
            raise LoweringError(f"Conv with {rank} spatial dims is not supported (1-D, 2-D and "
                                f"3-D are)")
        if len(w_shape) != rank + 2:
            raise LoweringError(f"Conv weight rank {len(w_shape)} does not match input rank "
                                f"{rank + 2}")
        out_channels, channels_per_group, *kernel = w_shape
        if op.kernel_shape is not None and list(op.kernel_shape) != kernel:
            raise LoweringError(f"kernel_shape {list(op.kernel_shape)} does not match the weight "
                                f"shape {w_shape}")
        group = op.group
        if group < 1 or channels % group or out_channels % group or \
                channels // group != channels_per_group:
            raise LoweringError(f"group={group} is inconsistent with {channels} input channels, "
                                f"{out_channels} filters of {channels_per_group} channels")
        geometry = window_geometry(in_spatial, kernel, op.strides, op.dilations, op.pads,
                                   op.auto_pad)
        acc = accumulator_type(elem)
        out_sizes: list[b.Size] = [batch, out_channels, *geometry.output]
        init = _bias_init(bias, out_sizes, elem, acc, "Conv")
        result = convolve(pad_spatial(x, geometry, 0.0), w, init, group, geometry)
        return [cast_to_result(truncate_to(result, elem), op.y)]


# --------------------------------------------------------------------------- ConvTranspose


def conv_transpose_geometry(in_spatial: Sequence[b.Size], kernel: Sequence[int],
                            strides: Sequence[int] | None, dilations: Sequence[int] | None,
                            pads: Sequence[int] | None, auto_pad: str,
                            output_padding: Sequence[int] | None,
                            output_shape: Sequence[int] | None
                            ) -> tuple[list[int], list[int], list[int], list[b.Size], list[int]]:
    """(strides, dilations, begin crop per dim, output sizes, extra per dim) of a ConvTranspose,
    following the ONNX reference: the full output has ``s * (in - 1) + output_padding +
    (k - 1) * d + 1`` positions; the result is the window ``[begin, begin + out)`` of it (zeros
    beyond it). ``extra = out - s * (in - 1) - 1`` is static even where ``in`` is dynamic.

    ``output_shape`` (or SAME_* padding, whose output is ``in * s``) fixes ``out`` and the total
    padding is split: SAME_UPPER puts the smaller half first, otherwise it goes last."""
    rank = len(in_spatial)
    strides = spatial_attr("strides", strides, rank, 1)
    dilations = spatial_attr("dilations", dilations, rank, 1)
    if output_padding is None:
        output_padding = [0] * rank
    output_padding = list(output_padding)[:rank]
    if len(output_padding) != rank:
        raise LoweringError(f"'output_padding' has {len(output_padding)} values for {rank} "
                            f"spatial dims")
    # full - s * (in - 1): the part of the full size that does not depend on the input size
    full_extra = [p + (k - 1) * d + 1 for p, k, d in zip(output_padding, kernel, dilations)]
    if auto_pad not in ("NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"):
        raise LoweringError(f"unsupported auto_pad '{auto_pad}'")
    explicit = pads is not None and auto_pad == "NOTSET"
    if explicit and len(pads) != 2 * rank:
        raise LoweringError(f"'pads' has {len(pads)} values for {rank} spatial dims "
                            f"(expected {2 * rank})")
    if output_shape is not None:
        if any(not isinstance(n, int) for n in in_spatial):
            raise LoweringError("ConvTranspose with 'output_shape' needs static spatial input "
                                "dims (the padding depends on them)")
        out: list[b.Size] = list(output_shape)[-rank:]
        if len(out) != rank:
            raise LoweringError(f"'output_shape' has {len(output_shape)} values for {rank} "
                                f"spatial dims")
        full = [s * (n - 1) + f for n, s, f in zip(in_spatial, strides, full_extra)]
        if explicit:
            begins = list(pads[:rank])
        else:
            totals = [f - o for f, o in zip(full, out)]
            begins = [t // 2 if auto_pad == "SAME_UPPER" else t - t // 2 for t in totals]
        extra = [o - s * (n - 1) - 1 for o, s, n in zip(out, strides, in_spatial)]
    elif auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        out = [im.mul(n, s) for n, s in zip(in_spatial, strides)]
        if explicit:
            begins = list(pads[:rank])
        else:
            totals = [f - s for f, s in zip(full_extra, strides)]  # full - in * s
            begins = [t // 2 if auto_pad == "SAME_UPPER" else t - t // 2 for t in totals]
        extra = [s - 1 for s in strides]
    else:
        if not explicit:
            pads = [0] * (2 * rank)
        begins = list(pads[:rank])
        extra = [f - pb - pe - 1 for f, pb, pe in zip(full_extra, pads[:rank], pads[rank:])]
        out = [im.add(im.mul(s, im.sub(n, 1)), e + 1)
               for n, s, e in zip(in_spatial, strides, extra)]
    for o, n, s, e in zip(out, in_spatial, strides, extra):
        if isinstance(o, int):
            if o < 1:
                raise LoweringError(f"ConvTranspose output size {out} is not positive")
        else:
            require(im.cmp("ge", o, 1), "ConvTranspose output size {0} is not positive", o)
    return strides, dilations, begins, out, extra


def _dilate_and_pad(x: ir.Value, strides: Sequence[int], low: Sequence[int],
                    tails: Sequence[int]) -> ir.Value:
    """The N x C x spatial tensor P with ``P[..., i * s + low] = x[..., i]`` and zeros elsewhere,
    of spatial sizes ``dilated + tails`` (``dilated = (in - 1) * s + 1``; ``low`` may be
    negative: the start is cropped, as is any part of x past the end): a zero fill, a strided
    `tensor.insert_slice`, and an `extract_slice` crop."""
    batch, channels, *in_spatial = b.sizes(x)
    elem = b.element_type(x)
    dilated = [im.add(im.mul(im.sub(n, 1), s), 1) for n, s in zip(in_spatial, strides)]
    lo = [max(l, 0) for l in low]
    hi = [max(t - l, 0) for t, l in zip(tails, low)]
    exact = [l >= 0 and t - l >= 0 for t, l in zip(tails, low)]  # canvas == target size
    canvas = [im.add(dz, l + h) for l, dz, h in zip(lo, dilated, hi)]
    if all(s == 1 for s in strides) and not any(l < 0 for l in low) and all(exact):
        scalar = b.scalar_constant(elem, 0.0)
        return b.pad(x, [0, 0, *lo], [0, 0, *hi], scalar)
    zeros = b.fill(0.0, b.empty([batch, channels, *canvas], elem))
    x_sizes = [batch, channels, *in_spatial]
    result = tensor.InsertSliceOp(
        x, zeros, [], [v for v in x_sizes if isinstance(v, ir.Value)], [],
        ir.DenseI64ArrayAttr.get([0, 0, *lo]), ir.DenseI64ArrayAttr.get(b.static_of(x_sizes)),
        ir.DenseI64ArrayAttr.get([1, 1, *strides])).result
    crop = [max(-l, 0) for l in low]
    if not any(crop) and all(exact):
        return result
    sizes = [im.add(dz, t) for dz, t in zip(dilated, tails)]
    out_sizes = [batch, channels, *sizes]
    out_type = b.tensor_type(out_sizes, elem)
    return tensor.ExtractSliceOp(
        out_type, result, [], [v for v in out_sizes if isinstance(v, ir.Value)], [],
        ir.DenseI64ArrayAttr.get([0, 0, *crop]), ir.DenseI64ArrayAttr.get(b.static_of(out_sizes)),
        ir.DenseI64ArrayAttr.get([1] * len(out_sizes))).result


def _transpose_flip_weights(w: ir.Value, group: int) -> ir.Value:
    """ConvTranspose weights [C, M/g, k...] -> Conv weights [M, C/g, k...] with the kernel
    flipped: ``w'[g*M/g + m, c, k] = w[g*C/g + c, m, K - 1 - k]`` (one `linalg.generic` on
    group-expanded views)."""
    channels, per_group_out, *kernel = b.shape(w)
    rank = len(kernel)
    per_group_in = channels // group
    w_g = b.expand(w, [[0, 1], *[[i] for i in range(2, 3 + rank)]],
                   [group, per_group_in, per_group_out, *kernel])
    loops = 3 + rank
    d = [ir.AffineDimExpr.get(i) for i in range(loops)]
    in_map = ir.AffineMap.get(loops, 0, [d[0], d[2], d[1], *[
        ir.AffineConstantExpr.get(k - 1) - d[3 + i] for i, k in enumerate(kernel)]])
    init = b.empty([group, per_group_out, per_group_in, *kernel], b.element_type(w))
    flipped = b.generic([w_g], [init], [in_map, b.identity_map(loops)], ["parallel"] * loops,
                        lambda v, _out: v)[0]
    return b.collapse(flipped, [[0, 1], *[[i] for i in range(2, 3 + rank)]])


@register_pattern
class LowerConvTranspose(OnnxLoweringPattern):
    """ONNX ConvTranspose as a stride-1 convolution: the input is dilated by the strides and
    padded by ``(k - 1) * d - pad_begin`` (zeros: a strided `tensor.insert_slice` into a filled
    tensor, cropped where the padding is negative), the weights are transposed per group and
    flipped, then the Conv lowering's structured convolution runs with the dilations."""

    op_names = ("onnx.conv_transpose",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, w, bias = op.x, op.w, op.b
        elem = float_element_type(x, "ConvTranspose")
        if b.element_type(w) != elem:
            raise LoweringError(f"ConvTranspose input and weight element types differ: "
                                f"{b.element_type(x)} vs {b.element_type(w)}")
        w_shape = b.static_shape(w, "ConvTranspose weight")
        batch, (channels, *in_spatial) = nc_spatial_shape(
            x, "ConvTranspose", channels=w_shape[0] if w_shape else None)
        x = with_channels(x, channels)
        rank = len(in_spatial)
        if rank not in _NAMED_CONV:
            raise LoweringError(f"ConvTranspose with {rank} spatial dims is not supported (1-D, "
                                f"2-D and 3-D are)")
        if len(w_shape) != rank + 2:
            raise LoweringError(f"ConvTranspose weight rank {len(w_shape)} does not match input "
                                f"rank {rank + 2}")
        w_channels, per_group_out, *kernel = w_shape
        if op.kernel_shape is not None and list(op.kernel_shape) != kernel:
            raise LoweringError(f"kernel_shape {list(op.kernel_shape)} does not match the weight "
                                f"shape {w_shape}")
        group = op.group
        if group < 1 or w_channels != channels or channels % group:
            raise LoweringError(f"group={group} is inconsistent with {channels} input channels "
                                f"and weights {w_shape}")
        out_channels = per_group_out * group
        strides, dilations, begins, out, extra = conv_transpose_geometry(
            in_spatial, kernel, op.strides, op.dilations, op.pads, op.auto_pad,
            op.output_padding, op.output_shape)
        # Stride-1 convolution over P[j] = x-dilated[j - low], low = (k - 1) * d - begin, of
        # size out + (k - 1) * d = dilated + extra + (k - 1) * d.
        low = [(k - 1) * d - pb for k, d, pb in zip(kernel, dilations, begins)]
        tails = [e + (k - 1) * d for e, k, d in zip(extra, kernel, dilations)]
        padded = _dilate_and_pad(x, strides, low, tails)
        weights = _transpose_flip_weights(w, group)
        geometry = WindowGeometry(tuple(kernel), (1,) * rank, tuple(dilations), (0,) * rank,
                                  (0,) * rank, (0,) * rank, tuple(out))
        acc = accumulator_type(elem)
        init = _bias_init(bias, [batch, out_channels, *out], elem, acc, "ConvTranspose")
        result = convolve(padded, weights, init, group, geometry)
        return [cast_to_result(truncate_to(result, elem), op.y)]


__all__ = ["LowerConv", "LowerConvTranspose", "convolve"]
