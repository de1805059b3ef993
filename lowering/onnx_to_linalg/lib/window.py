"""Sliding-window geometry (strides, dilations, pads, auto_pad, ceil_mode) shared by Conv,
the pooling ops and the quantized convolutions."""

from __future__ import annotations

from typing import Sequence
from dataclasses import dataclass

from mlir import ir

from ..pattern import LoweringError
from . import builders as b


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


def spatial_attr(name: str, values: Sequence[int] | None, rank: int, default: int) -> list[int]:
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
    strides = spatial_attr("strides", strides, rank, 1)
    dilations = spatial_attr("dilations", dilations, rank, 1)
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
