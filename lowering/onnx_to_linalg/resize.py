"""Lowering of ONNX Resize (and Upsample, which the importer's version converter turns into
Resize) to `linalg.generic` ops that gather with `tensor.extract`.

* ``nearest``: one `linalg.generic` over the output; its body maps every output index to the
  source index (coordinate transformation, then ``nearest_mode`` rounding, clamped to the input)
  and reads the input with one `tensor.extract`.
* ``linear`` / ``cubic``: separable, one `linalg.generic` per resized axis. Each output element
  computes its source coordinate, the taps' indices (clamped: edge padding) and weights (linear,
  cubic with ``cubic_coeff_a``, ``exclude_outside`` renormalization, ``antialias`` widened
  kernels) and sums the taps read with `tensor.extract`. Intermediate results are carried in
  f32 (f64 for f64 input) and converted once at the end (integers: round half to even and
  saturate, as the ONNX reference does).

Coordinates are computed in f64 so that rounding decisions match the ONNX reference. Scales,
sizes and roi may be runtime tensors (read with `tensor.extract` in the body) or constants
(folded). Input and output sizes may be dynamic on the resized axes: a dynamic output size is
``floor(in * scale)`` (f32 product, as onnxruntime computes it) or the run-time ``sizes`` element;
``keep_aspect_ratio_policy`` computes its common scale and the output sizes at run time; only
``antialias`` needs static sizes (its kernel width is derived at compile time). A run-time
``scales``/``roi`` of dynamic length is checked to have one (two) entries per resized axis.
"""

from __future__ import annotations

import math as pymath
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith, linalg, math, tensor

from ...dialects.dense_elements import dense_elements_to_numpy
from .lib import broadcasting
from .lib import builders as b
from .lib import index_math as im
from .lib import shape_checks as sc
from .lib.casting import cast_to_result
from .lib.constants import dense_constant_attr
from .lib.runtime_checks import require
from .lib.index_checks import float_to_index
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.types import f64_type, index_constant

_COORDINATE_MODES = ("half_pixel", "half_pixel_symmetric", "pytorch_half_pixel", "align_corners",
                     "asymmetric", "tf_crop_and_resize")
_NEAREST_MODES = ("round_prefer_floor", "round_prefer_ceil", "floor", "ceil")


def _cst(value: float) -> ir.Value:
    return arith.constant(f64_type(), ir.FloatAttr.get(f64_type(), float(value)))


def _index_to_f64(i: ir.Value) -> ir.Value:
    return arith.sitofp(f64_type(), arith.index_cast(ir.IntegerType.get_signless(64), i))


def _f64_to_index(f: ir.Value) -> ir.Value:
    """Defined for every coordinate (NaN and infinities from run-time scales or roi included);
    the callers clamp the index to the axis."""
    return float_to_index(f)


def _clamp_index(i: ir.Value, size: b.Size) -> ir.Value:
    return arith.minsi(arith.maxsi(i, index_constant(0)), im.value(im.sub(size, 1)))


def _size_f64(size: b.Size) -> ir.Value:
    """A mixed size as an f64 scalar."""
    return _cst(float(size)) if isinstance(size, int) else _index_to_f64(size)


def _cmpf(pred: str, lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    return arith.cmpf(getattr(arith.CmpFPredicate, pred), lhs, rhs)


def constant_floats(value: ir.Value) -> list[float] | None:
    """The numbers held by ``value`` when it is an `onnx.constant`/`arith.constant` with a dense
    (not dense_resource) attribute; None when only known at run time."""
    attr = dense_constant_attr(value)
    if attr is None:
        return None
    elem = ir.ShapedType(attr.type).element_type
    if not (b.is_float(elem) or b.is_integer(elem)):
        return None
    return [float(v) for v in dense_elements_to_numpy(attr).reshape(-1)]


def _numel(value: ir.Value | None) -> int | None:
    if value is None:
        return 0
    s = b.shape(value)
    if any(d == b.DYNAMIC for d in s):
        return None
    return int(np.prod(s))


# A quantity used in the generic bodies: a Python float (compile-time constant) or a builder
# that emits its computation at the current insertion point and returns an f64 value.
Scalar = float | Callable[[], ir.Value]


def _with_length(value: ir.Value | None, length: int, what: str) -> ir.Value | None:
    """A 1-D ``scales``/``sizes``/``roi`` operand as a tensor of its ``length`` (the number of
    resized axes, or twice that); a dynamic length is checked at run time."""
    if value is None:
        return None
    if b.rank(value) != 1 or b.shape(value)[0] not in (length, b.DYNAMIC):
        raise LoweringError(f"Resize '{what}' must have {length} elements, got {value.type}")
    return sc.with_static_shape(value, [length], f"Resize '{what}'")


def _emit(s: Scalar) -> ir.Value:
    return _cst(s) if isinstance(s, (int, float)) else s()


def _extract_f64(tensor_value: ir.Value, position: int) -> ir.Value:
    elem = b.element_type(tensor_value)
    scalar = tensor.extract(b.to_signless(tensor_value), [index_constant(position)])
    return b.convert_scalar(scalar, f64_type(), unsigned=b.is_unsigned(elem))


@dataclass
class _Axis:
    """Source-coordinate parameters of one resized axis."""

    dim: int
    in_size: b.Size
    out_size: b.Size
    scale: Scalar
    roi_start: Scalar = 0.0
    roi_end: Scalar = 1.0
    scale_lower_bound: float = 1.0  # static lower bound of the scale (kernel width of antialias)


class _Resize:
    """Attributes and scale/size/roi sources of one onnx.resize, validated."""

    def __init__(self, op) -> None:
        self.op = op
        x = op.x
        self.rank = b.rank(x)
        self.x_shape = b.shape(x)
        result = op.y.type
        if not isinstance(result, ir.RankedTensorType) or ir.RankedTensorType(result).rank != self.rank:
            raise LoweringError(f"Resize needs a ranked result of rank {self.rank}, got {result}")
        self.out_shape = list(ir.RankedTensorType(result).shape)
        self.mode = op.mode
        if self.mode not in ("nearest", "linear", "cubic"):
            raise LoweringError(f"unsupported Resize mode '{self.mode}'")
        self.ctm = op.coordinate_transformation_mode
        if self.ctm not in _COORDINATE_MODES:
            raise LoweringError(f"unsupported coordinate_transformation_mode '{self.ctm}'")
        self.nearest_mode = op.nearest_mode
        if self.mode == "nearest" and self.nearest_mode not in _NEAREST_MODES:
            raise LoweringError(f"unsupported nearest_mode '{self.nearest_mode}'")
        self.antialias = bool(op.antialias) and self.mode != "nearest"
        self.exclude_outside = bool(op.exclude_outside)
        self.cubic_a = float(op.cubic_coeff_a)
        self.extrapolation_value = float(op.extrapolation_value)
        policy = op.keep_aspect_ratio_policy
        if policy not in ("stretch", "not_larger", "not_smaller"):
            raise LoweringError(f"unsupported keep_aspect_ratio_policy '{policy}'")

        axes = list(op.axes) if op.axes is not None else list(range(self.rank))
        axes = [a + self.rank if a < 0 else a for a in axes]
        if any(a < 0 or a >= self.rank for a in axes) or len(set(axes)) != len(axes):
            raise LoweringError(f"invalid Resize axes {list(op.axes)} for rank {self.rank}")
        self.axes = axes

        scales = op.scales if _numel(op.scales) != 0 else None
        sizes = op.sizes if _numel(op.sizes) != 0 else None
        if (scales is None) == (sizes is None):
            raise LoweringError("Resize needs exactly one of non-empty 'scales' and 'sizes'")
        scales = _with_length(scales, len(axes), "scales")
        sizes = _with_length(sizes, len(axes), "sizes")
        roi = op.roi if self.ctm == "tf_crop_and_resize" else None
        if roi is not None and _numel(roi) == 0:
            roi = None
        if self.ctm == "tf_crop_and_resize" and roi is None:
            raise LoweringError("coordinate_transformation_mode 'tf_crop_and_resize' needs 'roi'")
        roi = _with_length(roi, 2 * len(axes), "roi")

        self.resized: list[_Axis] = []
        aspect_scale: Scalar | None = None
        if sizes is not None and policy != "stretch":
            aspect_scale = self._aspect_scale(sizes, policy)
        for pos, d in enumerate(axes):
            in_size, out_size = b.dim(x, d), self.out_shape[d]
            static_sizes = isinstance(in_size, int) and out_size != b.DYNAMIC
            if not static_sizes and self.antialias:
                raise LoweringError(f"Resize with antialias needs static input and output sizes "
                                    f"on resized axis {d}, got {b.ranked(x)} -> {result}")
            if in_size == 0:
                raise LoweringError(f"Resize of an empty axis {d}")
            if not isinstance(in_size, int):
                require(im.cmp("ge", in_size, 1), f"Resize of an empty axis {d}")
            if scales is not None:
                folded = constant_floats(scales)
                scale: Scalar = (float(np.float32(folded[pos])) if folded is not None else
                                 (lambda pos=pos: _extract_f64(scales, pos)))
                if out_size == b.DYNAMIC:
                    out_size = self._scaled_size(in_size, scale)
                lower = out_size / in_size if static_sizes else 1.0
            elif aspect_scale is not None:
                scale = aspect_scale
                if out_size == b.DYNAMIC:  # round half up, as the ONNX reference
                    out_size = float_to_index(math.floor(arith.addf(
                        arith.mulf(_emit(scale), _size_f64(in_size)), _cst(0.5))))
                lower = (out_size - 0.5) / in_size if static_sizes else 1.0
            else:
                if out_size == b.DYNAMIC:
                    out_size = self._size_operand(sizes, pos)
                scale = (out_size / in_size if isinstance(in_size, int) and
                         isinstance(out_size, int) else
                         (lambda i=in_size, o=out_size: arith.divf(_size_f64(o), _size_f64(i))))
                lower = scale if isinstance(scale, float) else 1.0
            if isinstance(scale, float) and scale <= 0:
                raise LoweringError(f"Resize scales must be positive, got {scale}")
            axis = _Axis(d, in_size, out_size, scale, scale_lower_bound=max(lower, 1e-6))
            if roi is not None:
                folded = constant_floats(roi)
                if folded is not None:
                    axis.roi_start, axis.roi_end = float(np.float32(folded[pos])), \
                        float(np.float32(folded[len(axes) + pos]))
                else:
                    axis.roi_start = lambda pos=pos: _extract_f64(roi, pos)
                    axis.roi_end = lambda pos=pos: _extract_f64(roi, len(axes) + pos)
            if self._is_identity(axis):
                continue
            self.resized.append(axis)
        for d in range(self.rank):
            if d not in [a.dim for a in self.resized] and self.out_shape[d] != b.DYNAMIC and \
                    self.x_shape[d] != b.DYNAMIC and self.out_shape[d] != self.x_shape[d]:
                raise LoweringError(f"Resize result dim {d} ({self.out_shape[d]}) differs from "
                                    f"the input ({self.x_shape[d]}) on an axis not resized")

    @staticmethod
    def _scaled_size(in_size: b.Size, scale: Scalar) -> b.Size:
        """The output size ``floor(in * scale)`` of a dynamic axis (the product in f32, as
        onnxruntime computes it); the input size itself for a constant scale of 1."""
        if scale == 1.0:
            return in_size
        f32 = ir.F32Type.get()
        in_f = arith.sitofp(f32, arith.index_cast(ir.IntegerType.get_signless(64),
                                                  im.value(in_size)))
        scale_f = arith.truncf(f32, _emit(scale))
        return float_to_index(math.floor(arith.extf(f64_type(), arith.mulf(in_f, scale_f))))

    @staticmethod
    def _size_operand(sizes: ir.Value, pos: int) -> ir.Value:
        """Element ``pos`` of the run-time ``sizes`` operand as an index (negative: 0)."""
        value = tensor.extract(b.to_signless(sizes), [index_constant(pos)])
        return arith.maxsi(arith.index_cast(ir.IndexType.get(), value), index_constant(0))

    def _aspect_scale(self, sizes: ir.Value, policy: str) -> Scalar:
        """keep_aspect_ratio_policy: one scale for all axes, min (not_larger) or max
        (not_smaller) of sizes[i] / in[i]."""
        folded = constant_floats(sizes)
        ins = [b.dim(self.op.x, d) for d in self.axes]
        if folded is not None and all(isinstance(i, int) for i in ins):
            ratios = [s / i for s, i in zip(folded, ins)]
            return min(ratios) if policy == "not_larger" else max(ratios)

        def emit() -> ir.Value:
            best = None
            for pos, i in enumerate(ins):
                ratio = arith.divf(_extract_f64(sizes, pos), _size_f64(i))
                best = ratio if best is None else (
                    arith.minimumf(best, ratio) if policy == "not_larger"
                    else arith.maximumf(best, ratio))
            return best
        return emit

    def _is_identity(self, axis: _Axis) -> bool:
        """An axis whose scale is statically 1 with an unchanged size maps every index to itself
        (no roi cropping)."""
        same_size = (axis.in_size is axis.out_size or (
            isinstance(axis.in_size, int) and isinstance(axis.out_size, int)
            and axis.in_size == axis.out_size))
        return (same_size and isinstance(axis.scale, float)
                and axis.scale == 1.0 and self.ctm != "tf_crop_and_resize")

    # ------------------------------------------------------------------ body computations

    def source_coordinate(self, axis: _Axis, out_index: ir.Value) -> tuple[ir.Value, ir.Value | None]:
        """(x_original as f64, extrapolated-flag or None) for an output index on ``axis``,
        following the ONNX reference (the float output width is ``scale * in``)."""
        y = _index_to_f64(out_index)
        scale = _emit(axis.scale)
        in_f = _size_f64(axis.in_size)
        in_less_1 = (_cst(axis.in_size - 1) if isinstance(axis.in_size, int)
                     else arith.subf(in_f, _cst(1.0)))

        def width() -> ir.Value:  # output_width of the reference: a float, scale * in
            return arith.mulf(scale, in_f)
        half = _cst(0.5)
        ctm = self.ctm
        extrapolated = None
        if ctm == "asymmetric":
            x = arith.divf(y, scale)
        elif ctm in ("half_pixel", "pytorch_half_pixel", "half_pixel_symmetric"):
            x = arith.subf(arith.divf(arith.addf(y, half), scale), half)
            if ctm == "pytorch_half_pixel":
                x = arith.select(_cmpf("OEQ", width(), _cst(1.0)), _cst(-0.5), x)
            elif ctm == "half_pixel_symmetric":
                adjustment = arith.divf(_size_f64(axis.out_size), width())
                half_in = (_cst(axis.in_size / 2) if isinstance(axis.in_size, int)
                           else arith.divf(in_f, _cst(2.0)))
                offset = arith.mulf(half_in, arith.subf(_cst(1.0), adjustment))
                x = arith.addf(offset, x)
        elif ctm == "align_corners":
            w = width()
            ratio = arith.divf(in_less_1, arith.subf(w, _cst(1.0)))
            x = arith.select(_cmpf("OEQ", w, _cst(1.0)), _cst(0.0), arith.mulf(y, ratio))
        else:  # tf_crop_and_resize
            start, end = _emit(axis.roi_start), _emit(axis.roi_end)
            span = arith.mulf(arith.subf(end, start), in_less_1)
            w = width()
            general = arith.divf(arith.mulf(y, span), arith.subf(w, _cst(1.0)))
            single = arith.divf(span, _cst(2.0))
            x = arith.select(_cmpf("OEQ", w, _cst(1.0)), single, general)
            x = arith.addf(x, arith.mulf(start, in_less_1))
            extrapolated = arith.ori(_cmpf("OLT", x, _cst(0.0)), _cmpf("OGT", x, in_less_1))
        return x, extrapolated

    def nearest_index(self, axis: _Axis, x: ir.Value) -> ir.Value:
        half = _cst(0.5)
        mode = self.nearest_mode
        if mode == "round_prefer_floor":
            r = math.ceil(arith.subf(x, half))
        elif mode == "round_prefer_ceil":
            r = math.floor(arith.addf(x, half))
        elif mode == "floor":
            r = math.floor(x)
        else:
            r = math.ceil(x)
        return _clamp_index(_f64_to_index(r), axis.in_size)

    def taps(self, axis: _Axis, x: ir.Value) -> tuple[list[ir.Value], list[ir.Value]]:
        """(clamped tap indices, f64 weights) of a linear/cubic kernel at source coordinate x.

        As in the reference, the window is anchored at ``floor(x)`` except that an integral x
        counts as ``x - 1`` with ratio 1 (the left pixel is preferred)."""
        xi = math.floor(x)
        ratio = arith.subf(x, xi)
        integral = _cmpf("OEQ", ratio, _cst(0.0))
        xi = arith.select(integral, arith.subf(xi, _cst(1.0)), xi)
        ratio = arith.select(integral, _cst(1.0), ratio)
        base = _f64_to_index(xi)
        a = self.cubic_a
        if self.antialias:
            s = min(axis.scale, 1.0) if isinstance(axis.scale, float) else None
            s_lb = min(axis.scale_lower_bound, 1.0)
            support = 1.0 if self.mode == "linear" else 2.0
            start = int(pymath.floor(-support / s_lb) + 1)
            n = 2 - 2 * start
            s_val = _cst(s) if s is not None else arith.minimumf(_emit(axis.scale), _cst(1.0))
            offsets = list(range(start, start + n))
            weights = []
            for off in offsets:
                t = math.absf(arith.mulf(arith.subf(_cst(float(off)), ratio), s_val))
                weights.append(self._kernel(t))
            normalize = True
        else:
            if self.mode == "linear":
                offsets = [0, 1]
                weights = [arith.subf(_cst(1.0), ratio), ratio]
            else:
                offsets = [-1, 0, 1, 2]
                r1 = arith.addf(ratio, _cst(1.0))
                q = arith.subf(_cst(1.0), ratio)
                q1 = arith.addf(q, _cst(1.0))

                def far(t: ir.Value) -> ir.Value:  # ((A t - 5A) t + 8A) t - 4A, 1 < t < 2
                    v = arith.subf(arith.mulf(_cst(a), t), _cst(5 * a))
                    v = arith.addf(arith.mulf(v, t), _cst(8 * a))
                    return arith.subf(arith.mulf(v, t), _cst(4 * a))

                def near(t: ir.Value) -> ir.Value:  # ((A+2) t - (A+3)) t t + 1, t <= 1
                    v = arith.subf(arith.mulf(_cst(a + 2), t), _cst(a + 3))
                    return arith.addf(arith.mulf(arith.mulf(v, t), t), _cst(1.0))

                weights = [far(r1), near(ratio), near(q), far(q1)]
            normalize = False
        indices = []
        for k, off in enumerate(offsets):
            raw = arith.addi(base, index_constant(off))
            if self.exclude_outside:
                inside = arith.andi(
                    arith.cmpi(arith.CmpIPredicate.sge, raw, index_constant(0)),
                    arith.cmpi(arith.CmpIPredicate.slt, raw, im.value(axis.in_size)))
                weights[k] = arith.select(inside, weights[k], _cst(0.0))
                normalize = True
            indices.append(_clamp_index(raw, axis.in_size))
        if normalize:
            total = weights[0]
            for w in weights[1:]:
                total = arith.addf(total, w)
            total = arith.select(_cmpf("OEQ", total, _cst(0.0)), _cst(1.0), total)
            weights = [arith.divf(w, total) for w in weights]
        return indices, weights

    def _kernel(self, t: ir.Value) -> ir.Value:
        """Antialias kernels of |x| (already scaled): linear clip(1 - t, 0, 1); cubic
        (A+2)t^3-(A+3)t^2+1 for t <= 1, At^3-5At^2+8At-4A for t < 2, else 0."""
        if self.mode == "linear":
            return arith.maximumf(arith.subf(_cst(1.0), t), _cst(0.0))
        a = self.cubic_a
        t2 = arith.mulf(t, t)
        t3 = arith.mulf(t2, t)
        near = arith.addf(arith.subf(arith.mulf(_cst(a + 2), t3), arith.mulf(_cst(a + 3), t2)),
                          _cst(1.0))
        far = arith.subf(arith.addf(arith.subf(arith.mulf(_cst(a), t3),
                                               arith.mulf(_cst(5 * a), t2)),
                                    arith.mulf(_cst(8 * a), t)), _cst(4 * a))
        return arith.select(_cmpf("OLE", t, _cst(1.0)), near,
                            arith.select(_cmpf("OLT", t, _cst(2.0)), far, _cst(0.0)))


def _out_sizes(value: ir.Value, shape: Sequence[b.Size]) -> list[b.Size]:
    """Mixed sizes of the result: a static or computed size where known, else the input's
    (unresized) dim."""
    return [s if isinstance(s, ir.Value) or s != b.DYNAMIC else b.dim(value, d)
            for d, s in enumerate(shape)]


def _round_saturate(v: ir.Value, elem: ir.Type) -> ir.Value:
    """Float -> integer ``elem`` as the ONNX reference casts: round half to even, saturate."""
    width = ir.IntegerType(elem).width
    unsigned = b.is_unsigned(elem)
    lo, hi = (0, 2 ** width - 1) if unsigned else (-(2 ** (width - 1)), 2 ** (width - 1) - 1)
    t = v.type
    np_float = np.float64 if isinstance(t, ir.F64Type) else np.float32
    hi_f = np_float(hi)
    if int(hi_f) > hi:  # 2**63 - 1 is not representable: the largest float below it
        hi_f = np.nextafter(hi_f, np_float(0))
    v = math.roundeven(v)
    v = arith.maximumf(v, arith.constant(t, ir.FloatAttr.get(t, float(lo))))
    v = arith.minimumf(v, arith.constant(t, ir.FloatAttr.get(t, float(hi_f))))
    return b.convert_scalar(v, b.signless(elem), unsigned=unsigned)


@register_pattern
class LowerResize(OnnxLoweringPattern):
    """ONNX Resize: a gather `linalg.generic` (nearest) or one weighted-tap gather per resized
    axis (linear, cubic)."""

    op_names = ("onnx.resize",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        r = _Resize(op)
        x = op.x
        elem = b.element_type(x)
        if b.is_bool(elem) and r.mode != "nearest":
            raise LoweringError(f"Resize mode '{r.mode}' is not defined on bool tensors")
        if not (b.is_float(elem) or b.is_integer(elem)):
            raise LoweringError(f"Resize of element type {elem} is not supported")
        result_type = ir.RankedTensorType(op.y.type)
        if not r.resized:
            return [tensor.cast(result_type, x) if x.type != result_type else x]
        resized = self._nearest(r, x) if r.mode == "nearest" else self._interpolate(r, x)
        resized = b.from_signless(resized, ir.RankedTensorType.get(b.shape(resized), elem))
        return [cast_to_result(resized, op.y)]

    @staticmethod
    def _nearest(r: _Resize, x: ir.Value) -> ir.Value:
        src = b.to_signless(x)
        elem = b.element_type(src)
        by_dim = {a.dim: a for a in r.resized}
        shape: list[b.Size] = [by_dim[d].out_size if d in by_dim else s
                               for d, s in enumerate(r.out_shape)]
        init = b.empty(_out_sizes(x, shape), elem)

        def body(_out: ir.Value) -> ir.Value:
            indices, flags = [], []
            for d in range(r.rank):
                i = linalg.IndexOp(d).result
                if d in by_dim:
                    coord, extrapolated = r.source_coordinate(by_dim[d], i)
                    i = r.nearest_index(by_dim[d], coord)
                    if extrapolated is not None:
                        flags.append(extrapolated)
                indices.append(i)
            value = tensor.extract(src, indices)
            if flags:
                outside = flags[0]
                for f in flags[1:]:
                    outside = arith.ori(outside, f)
                value = arith.select(outside, b.scalar_constant(elem, r.extrapolation_value),
                                     value)
            return value

        return b.generic([], [init], [b.identity_map(r.rank)], ["parallel"] * r.rank, body)[0]

    @staticmethod
    def _interpolate(r: _Resize, x: ir.Value) -> ir.Value:
        elem = b.element_type(x)
        wide = isinstance(elem, ir.F64Type) or (b.is_integer(elem) and ir.IntegerType(elem).width >= 32)
        compute = ir.F64Type.get() if wide else ir.F32Type.get()
        current = b.to_signless(x)
        unsigned = b.is_unsigned(elem)
        shape = list(b.shape(x))
        for axis in r.resized:
            shape[axis.dim] = axis.out_size
            init = b.empty(_out_sizes(current, shape), compute)
            source = current

            def body(_out: ir.Value, axis=axis, source=source) -> ir.Value:
                index = [linalg.IndexOp(d).result for d in range(r.rank)]
                coord, extrapolated = r.source_coordinate(axis, index[axis.dim])
                taps, weights = r.taps(axis, coord)
                total = None
                for tap, w in zip(taps, weights):
                    at = list(index)
                    at[axis.dim] = tap
                    v = b.convert_scalar(tensor.extract(source, at), compute, unsigned=unsigned)
                    term = arith.mulf(b.convert_scalar(w, compute), v)
                    total = term if total is None else arith.addf(total, term)
                if extrapolated is not None:
                    total = arith.select(extrapolated,
                                         b.scalar_constant(compute, r.extrapolation_value), total)
                return total

            current = b.generic([], [init], [b.identity_map(r.rank)], ["parallel"] * r.rank,
                                body)[0]
            unsigned = False
        if b.is_float(elem):
            if elem != compute:
                current = broadcasting.broadcast_generic([current], elem,
                                              lambda v: b.convert_scalar(v, elem))
            return current
        return broadcasting.broadcast_generic([current], b.signless(elem),
                                   lambda v: _round_saturate(v, elem))


__all__ = ["LowerResize", "constant_floats"]
