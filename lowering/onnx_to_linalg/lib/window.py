"""Sliding-window geometry (strides, dilations, pads, auto_pad, ceil_mode) shared by Conv,
the pooling ops and the quantized convolutions."""

from __future__ import annotations

from typing import Sequence
from dataclasses import dataclass

from mlir import ir

from mlir.dialects import tensor

from ..pattern import LoweringError
from . import builders as b
from . import index_math as im
from .runtime_checks import require


@dataclass(frozen=True)
class WindowGeometry:
    """Geometry of a sliding window over the spatial dims of an N, C, spatial... tensor.

    Kernel, strides and dilations are static; output sizes and pads are mixed sizes: an ``int``
    when the spatial size is static (or the pad does not depend on it), an ``index`` value
    computed at run time otherwise. ``pads_end`` includes any extra padding that ``ceil_mode``
    needs so that the last window fits in the padded input; ``explicit_pads_end`` is the padding
    the model asked for (auto_pad or ``pads``), which average pooling with ``count_include_pad``
    counts.
    """

    kernel: tuple[int, ...]
    strides: tuple[int, ...]
    dilations: tuple[int, ...]
    pads_begin: tuple[b.Size, ...]
    pads_end: tuple[b.Size, ...]
    explicit_pads_end: tuple[b.Size, ...]
    output: tuple[b.Size, ...]

    @property
    def has_padding(self) -> bool:
        """Whether any pad may be non-zero (a run-time pad counts)."""
        return any(not isinstance(p, int) or p for p in (*self.pads_begin, *self.pads_end))

    @property
    def is_static(self) -> bool:
        return all(isinstance(v, int) for v in (*self.pads_begin, *self.pads_end,
                                                *self.explicit_pads_end, *self.output))


def spatial_attr(name: str, values: Sequence[int] | None, rank: int, default: int) -> list[int]:
    """An ONNX per-spatial-dim attribute (strides, dilations, kernel_shape) with its default."""
    if values is None:
        return [default] * rank
    if len(values) != rank:
        raise LoweringError(f"'{name}' has {len(values)} values for {rank} spatial dims")
    if any(v < 1 for v in values):
        raise LoweringError(f"'{name}' values must be positive, got {list(values)}")
    return list(values)


def _same_padding(size: b.Size, s: int, eff: int, auto_pad: str) -> tuple[b.Size, b.Size, b.Size]:
    """(begin, end, output) of SAME_UPPER/SAME_LOWER: output ``ceil(size / s)``, the total
    padding split evenly, the odd element at the end (UPPER) or the beginning (LOWER)."""
    out = im.ceildiv(size, s)
    if s == 1:
        total: b.Size = max(0, eff - 1)  # (size - 1) + eff - size, whatever the size
    else:
        total = im.smax(0, im.sub(im.add(im.mul(im.sub(out, 1), s), eff), size))
    small = im.floordiv(total, 2)
    large = im.sub(total, small)
    return (small, large, out) if auto_pad == "SAME_UPPER" else (large, small, out)


def _explicit_padding(i: int, size: b.Size, s: int, eff: int, begin: int, end: int,
                      ceil_mode: bool) -> tuple[b.Size, b.Size]:
    """(end pad, output) of explicit pads; a window larger than the padded input is a
    compile-time error, or a run-time check when the size is dynamic."""
    padded = im.add(size, begin + end)
    span = im.sub(padded, eff)
    if isinstance(span, int):
        if span < 0:
            raise LoweringError(f"window of extent {eff} is larger than the padded input "
                                f"({padded}) in spatial dim {i}")
    else:
        require(im.cmp("ge", span, 0), f"a window of extent {{1}} is larger than the padded "
                f"input ({{0}}) in spatial dim {i}", padded, eff)
        span = im.smax(span, 0)  # what the guarded code computes with after a failed check
    if not ceil_mode:
        return end, im.add(im.floordiv(span, s), 1)
    out = im.add(im.ceildiv(span, s), 1)
    # a last window that would start in the end padding is dropped
    out = im.select(im.cmp("ge", im.mul(im.sub(out, 1), s), im.add(size, begin)),
                    im.sub(out, 1), out)
    end_pad = im.smax(end, im.sub(im.add(im.mul(im.sub(out, 1), s), eff), im.add(size, begin)))
    return end_pad, out


def window_geometry(in_spatial: Sequence[b.Size], kernel: Sequence[int],
                    strides: Sequence[int] | None, dilations: Sequence[int] | None,
                    pads: Sequence[int] | None, auto_pad: str,
                    ceil_mode: bool = False) -> WindowGeometry:
    """Resolve ONNX window attributes against the spatial sizes (as onnxruntime does); a
    dynamic size gives run-time output sizes (and pads where they depend on it).

    ``auto_pad`` SAME_UPPER/SAME_LOWER: output ``ceil(in / stride)``, the total padding split
    evenly, the odd element at the end (UPPER) or the beginning (LOWER); VALID: no padding;
    NOTSET: ``pads`` (``[b1.., e1..]``, default 0). ``ceil_mode`` rounds the output size up but
    drops a last window that would start in the end padding.
    """
    rank = len(in_spatial)
    strides = spatial_attr("strides", strides, rank, 1)
    dilations = spatial_attr("dilations", dilations, rank, 1)
    effective = [(k - 1) * d + 1 for k, d in zip(kernel, dilations)]
    begins: list[b.Size] = []
    ends: list[b.Size] = []
    outputs: list[b.Size] = []
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        for size, s, eff in zip(in_spatial, strides, effective):
            begin, end, out = _same_padding(size, s, eff, auto_pad)
            begins.append(begin)
            ends.append(end)
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
        begins = list(pads[:rank])
        explicit_ends = list(pads[rank:])
        for i, (size, s, eff) in enumerate(zip(in_spatial, strides, effective)):
            end, out = _explicit_padding(i, size, s, eff, pads[i], pads[rank + i], ceil_mode)
            ends.append(end)
            outputs.append(out)
    else:
        raise LoweringError(f"unsupported auto_pad '{auto_pad}'")
    return WindowGeometry(tuple(kernel), tuple(strides), tuple(dilations), tuple(begins),
                          tuple(ends), tuple(explicit_ends), tuple(outputs))


def nc_spatial_shape(value: ir.Value, op_type: str,
                     channels: int | None = None) -> tuple[b.Size, list[b.Size]]:
    """(batch, [C, spatial...]) of an N x C x spatial tensor as mixed sizes (`tensor.dim` values
    for dynamic dims). ``channels`` (from the weights) replaces a dynamic channel dim: callers
    then cast the input to it with :func:`with_channels`, which the driver checks at run time."""
    shape = b.shape(value)
    if len(shape) < 3:
        raise LoweringError(f"{op_type} input must have rank >= 3 (N, C, spatial...), "
                            f"got {b.ranked(value)}")
    sizes = b.sizes(value)
    if shape[1] == b.DYNAMIC and channels is not None:
        sizes[1] = channels
    return sizes[0], sizes[1:]


def with_channels(value: ir.Value, channels: int) -> ir.Value:
    """``value`` (N x C x spatial) with its channel dim cast to the static ``channels`` when it
    is dynamic (the driver guards the cast with a run-time check)."""
    shape = b.shape(value)
    if shape[1] != b.DYNAMIC:
        return value
    target = b.tensor_type([shape[0], channels, *shape[2:]], b.element_type(value))
    return tensor.cast(target, value)


def pad_spatial(value: ir.Value, geometry: WindowGeometry, pad_value: float) -> ir.Value:
    """`tensor.pad` of the spatial dims of an N x C x spatial tensor with a constant (run-time
    pads where the geometry computes them)."""
    if not geometry.has_padding:
        return value
    scalar = b.scalar_constant(b.element_type(value), pad_value)
    low, high = [0, 0, *geometry.pads_begin], [0, 0, *geometry.pads_end]
    if all(isinstance(p, int) for p in (*low, *high)):
        return b.pad(value, low, high, scalar)
    return b.pad_mixed(value, low, high, scalar)


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
