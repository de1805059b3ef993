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

from dataclasses import dataclass
from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from . import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern

# --------------------------------------------------------------------------- window geometry


@dataclass(frozen=True)
class WindowGeometry:
    """Static geometry of a sliding window over the spatial dims of an N, C, spatial... tensor.

    ``pads_end`` includes any extra padding that ``ceil_mode`` needs so that the last window fits
    in the padded input; ``explicit_pads_end`` is the padding the model asked for (auto_pad or
    ``pads``), which average pooling with ``count_include_pad`` counts.
    """

    kernel: tuple[int, ...]
    strides: tuple[int, ...]
    dilations: tuple[int, ...]
    pads_begin: tuple[int, ...]
    pads_end: tuple[int, ...]
    explicit_pads_end: tuple[int, ...]
    output: tuple[int, ...]

    @property
    def has_padding(self) -> bool:
        return any(self.pads_begin) or any(self.pads_end)


def _spatial_attr(name: str, values: Sequence[int] | None, rank: int, default: int) -> list[int]:
    """An ONNX per-spatial-dim attribute (strides, dilations, kernel_shape) with its default."""
    if values is None:
        return [default] * rank
    if len(values) != rank:
        raise LoweringError(f"'{name}' has {len(values)} values for {rank} spatial dims")
    if any(v < 1 for v in values):
        raise LoweringError(f"'{name}' values must be positive, got {list(values)}")
    return list(values)


def window_geometry(in_spatial: Sequence[int], kernel: Sequence[int],
                    strides: Sequence[int] | None, dilations: Sequence[int] | None,
                    pads: Sequence[int] | None, auto_pad: str,
                    ceil_mode: bool = False) -> WindowGeometry:
    """Resolve ONNX window attributes against static spatial sizes (as onnxruntime does).

    ``auto_pad`` SAME_UPPER/SAME_LOWER: output ``ceil(in / stride)``, the total padding split
    evenly, the odd element at the end (UPPER) or the beginning (LOWER); VALID: no padding;
    NOTSET: ``pads`` (``[b1.., e1..]``, default 0). ``ceil_mode`` rounds the output size up but
    drops a last window that would start in the end padding.
    """
    rank = len(in_spatial)
    strides = _spatial_attr("strides", strides, rank, 1)
    dilations = _spatial_attr("dilations", dilations, rank, 1)
    effective = [(k - 1) * d + 1 for k, d in zip(kernel, dilations)]
    begins: list[int] = []
    ends: list[int] = []
    outputs: list[int] = []
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        for size, s, eff in zip(in_spatial, strides, effective):
            out = -(-size // s)
            total = max(0, (out - 1) * s + eff - size)
            small, large = total // 2, total - total // 2
            begins.append(small if auto_pad == "SAME_UPPER" else large)
            ends.append(large if auto_pad == "SAME_UPPER" else small)
            outputs.append(out)
        explicit_ends = list(ends)
    elif auto_pad in ("NOTSET", "VALID"):
        if auto_pad == "VALID" or pads is None:
            pads = [0] * (2 * rank)
        if len(pads) != 2 * rank:
            raise LoweringError(f"'pads' has {len(pads)} values for {rank} spatial dims "
                                f"(expected {2 * rank})")
        if any(p < 0 for p in pads):
            raise LoweringError(f"negative pads are not supported, got {list(pads)}")
        begins, ends = list(pads[:rank]), list(pads[rank:])
        explicit_ends = list(ends)
        for i, (size, s, eff) in enumerate(zip(in_spatial, strides, effective)):
            span = size + begins[i] + ends[i] - eff
            if span < 0:
                raise LoweringError(f"window of extent {eff} is larger than the padded input "
                                    f"({size + begins[i] + ends[i]}) in spatial dim {i}")
            if ceil_mode:
                out = -(-span // s) + 1
                if (out - 1) * s >= size + begins[i]:
                    out -= 1
                ends[i] = max(ends[i], (out - 1) * s + eff - size - begins[i])
            else:
                out = span // s + 1
            outputs.append(out)
    else:
        raise LoweringError(f"unsupported auto_pad '{auto_pad}'")
    return WindowGeometry(tuple(kernel), tuple(strides), tuple(dilations), tuple(begins),
                          tuple(ends), tuple(explicit_ends), tuple(outputs))


# --------------------------------------------------------------------------- shared helpers

_FLOAT_TYPES = (ir.F16Type, ir.BF16Type, ir.F32Type, ir.F64Type)


def float_element_type(value: ir.Value, op_type: str) -> ir.Type:
    """The element type of ``value``; `LoweringError` unless it is f16, bf16, f32 or f64."""
    elem = b.element_type(value)
    if not isinstance(elem, _FLOAT_TYPES):
        raise LoweringError(f"{op_type} is lowered for f16/bf16/f32/f64 only, got {elem}")
    return elem


def accumulator_type(elem: ir.Type) -> ir.Type:
    """Sums of 16-bit floats are carried in f32 (onnxruntime also accumulates wider)."""
    return ir.F32Type.get() if isinstance(elem, (ir.F16Type, ir.BF16Type)) else elem


def nc_spatial_shape(value: ir.Value, op_type: str) -> tuple[int | ir.Value, list[int]]:
    """(batch, [C, spatial...]) of an N x C x spatial tensor: the batch may be dynamic (a
    `tensor.dim` value), every other dim must be static."""
    shape = b.shape(value)
    if len(shape) < 3:
        raise LoweringError(f"{op_type} input must have rank >= 3 (N, C, spatial...), "
                            f"got {b.ranked(value)}")
    if any(s == b.DYNAMIC for s in shape[1:]):
        raise LoweringError(f"{op_type} needs static channel and spatial dims, got "
                            f"{b.ranked(value)}")
    return b.dim(value, 0), shape[1:]


def pad_spatial(value: ir.Value, geometry: WindowGeometry, pad_value: float) -> ir.Value:
    """`tensor.pad` of the spatial dims of an N x C x spatial tensor with a constant."""
    if not geometry.has_padding:
        return value
    scalar = b.scalar_constant(b.element_type(value), pad_value)
    return b.pad(value, [0, 0, *geometry.pads_begin], [0, 0, *geometry.pads_end], scalar)


def window_input_map(n_loops: int, batch: int, channel: Sequence[int] | int,
                     out_dims: Sequence[int], window_dims: Sequence[int],
                     geometry: WindowGeometry, lead: Sequence[ir.AffineExpr] = ()) -> ir.AffineMap:
    """Indexing map reading ``input[lead..., o_i * stride_i + k_i * dilation_i ...]`` where the
    leading exprs default to ``(d_batch, d_channel...)``."""
    exprs = list(lead) if lead else [ir.AffineDimExpr.get(batch)] + [
        ir.AffineDimExpr.get(c) for c in ([channel] if isinstance(channel, int) else channel)]
    for o, k, s, d in zip(out_dims, window_dims, geometry.strides, geometry.dilations):
        exprs.append(ir.AffineDimExpr.get(o) * s + ir.AffineDimExpr.get(k) * d)
    return ir.AffineMap.get(n_loops, 0, exprs)


def truncate_to(value: ir.Value, elem: ir.Type) -> ir.Value:
    """Elementwise conversion of a float tensor to ``elem`` (no-op when it already is)."""
    if b.element_type(value) == elem:
        return value
    return b.broadcast_generic([value], elem, lambda x: b.convert_scalar(x, elem))


def cast_to_result(value: ir.Value, result: ir.Value, hint: str = "") -> ir.Value:
    """Reconcile the computed static type with the op's declared result type (`tensor.cast`
    when the latter is less static); a conflicting static shape is a `LoweringError` (``hint``
    is appended to its message)."""
    if value.type == result.type:
        return value
    declared = result.type
    if isinstance(declared, ir.RankedTensorType):
        declared_shape = list(ir.RankedTensorType(declared).shape)
        computed = b.shape(value)
        if len(declared_shape) != len(computed) or any(
                d != b.DYNAMIC and c != b.DYNAMIC and d != c
                for d, c in zip(declared_shape, computed)):
            raise LoweringError(f"computed result shape {computed} does not match the declared "
                                f"result type {declared}{hint}")
        if ir.RankedTensorType(declared).element_type != b.element_type(value):
            raise LoweringError(f"computed result type {value.type} does not match the declared "
                                f"result type {declared}")
    return tensor.cast(declared, value)


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
        batch, (channels, *in_spatial) = nc_spatial_shape(x, "Conv")
        rank = len(in_spatial)
        if rank not in _NAMED_CONV:
            raise LoweringError(f"Conv with {rank} spatial dims is not supported (1-D, 2-D and "
                                f"3-D are)")
        w_shape = b.static_shape(w, "Conv weight")
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

        # The accumulator starts as the bias broadcast over N and the spatial dims.
        if bias is not None:
            if b.shape(bias) != [out_channels] or b.element_type(bias) != elem:
                raise LoweringError(f"Conv bias must be tensor<{out_channels}x{elem}>, "
                                    f"got {bias.type}")
            loops = rank + 2
            bias_map = ir.AffineMap.get(loops, 0, [ir.AffineDimExpr.get(1)])
            init = b.generic([bias], [b.empty(out_sizes, acc)], [bias_map, b.identity_map(loops)],
                             ["parallel"] * loops,
                             lambda bv, _out: b.convert_scalar(bv, acc))[0]
        else:
            init = b.fill(0.0, b.empty(out_sizes, acc))

        padded = pad_spatial(x, geometry, 0.0)
        strides, dilations = list(geometry.strides), list(geometry.dilations)
        if group == 1:
            result = _NAMED_CONV[rank](padded, w, outs=[init], strides=strides,
                                       dilations=dilations)
        elif rank == 2 and group == channels == out_channels:
            # Depthwise, multiplier 1: weights [C, 1, kh, kw] -> [C, kh, kw].
            w_chw = b.collapse(w, [[0, 1], [2], [3]])
            result = linalg.depthwise_conv_2d_nchw_chw(padded, w_chw, outs=[init],
                                                       strides=strides, dilations=dilations)
        else:
            padded_spatial = b.shape(padded)[2:]
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
            result = b.collapse(result_g, [[0], [1, 2], *spatial_groups])
        return [cast_to_result(truncate_to(result, elem), op.y)]


__all__ = ["LowerConv", "WindowGeometry", "window_geometry"]
