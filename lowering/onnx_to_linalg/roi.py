"""RoiAlign and DeformConv as gather-reduction `linalg.generic`s (the GridSample pattern of
:mod:`.image`: sample positions depend on data, so the body computes them from `linalg.index`
and operand values and reads the image with `tensor.extract`).

RoiAlign: one generic over ``[roi, channel, ph, pw]`` with reduction loops ``(iy, ix)`` over the
sampling grid of a bin, following the ONNX reference (= onnxruntime): bilinear samples at
``start + p * bin + (i + 0.5) * bin / grid``; a sample outside ``[-1, H] x [-1, W]`` counts 0;
``avg`` divides the sum by ``grid_h * grid_w``; ``max`` takes the max over samples of the max of
the four weighted corner values. With ``sampling_ratio = 0`` the grid of each roi is
``ceil(roi size / output size)``, a data-dependent count: the reduction loops then run to the
largest grid over all rois (computed first by a reduction generic, giving the extents of a
`tensor.empty` operand) and samples beyond a roi's own grid are masked out.

DeformConv (2-D): one generic over ``[n, oc, oh, ow]`` with reduction loops over the input
channels of the group and the kernel window; each tap reads its offset (and mask) with
`tensor.extract` and bilinearly samples the input at ``(i * stride - pad + k * dilation +
offset)``, corners outside the image reading 0 (GridSample with ``align_corners=1`` and zero
padding, as the ONNX reference does). The bias initializes the accumulator.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, math, tensor

from .lib import builders as b
from .lib import shape_checks as sc
from .lib.index_checks import float_to_index, require_in_range, require_sizes
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.casting import accumulator_type, convert_tensor
from .lib.reduction_common import loop_index
from .lib.runtime_checks import checks_enabled, require, require_equal_sizes
from .lib.types import index_type


def _ci(v: int) -> ir.Value:
    return arith.constant(index_type(), v)


def _cf(t: ir.Type, v: float) -> ir.Value:
    return arith.constant(t, ir.FloatAttr.get(t, float(v)))


def _i2f(i: ir.Value, t: ir.Type) -> ir.Value:
    return arith.sitofp(t, arith.index_cast(ir.IntegerType.get_signless(64), i))


def _f2i(f: ir.Value) -> ir.Value:
    """Float -> index, truncating toward zero; defined for NaN and far-out values (clamped to
    +-2^40, see :func:`.index_checks.float_to_index`)."""
    return float_to_index(f)


def _cmpf(pred: str, x: ir.Value, y: ir.Value) -> ir.Value:
    return arith.cmpf(getattr(arith.CmpFPredicate, pred.upper()), x, y)


def _cmpi(pred: str, x: ir.Value, y: ir.Value) -> ir.Value:
    return arith.cmpi(getattr(arith.CmpIPredicate, pred), x, y)


def _read(x: ir.Value, idx: list[ir.Value], acc: ir.Type) -> ir.Value:
    v = tensor.extract(x, idx)
    return v if v.type == acc else b.convert_scalar(v, acc)


def _float_operand(v: ir.Value, what: str) -> ir.Type:
    elem = b.element_type(v)
    if not b.is_float(elem):
        raise LoweringError(f"{what} must be a float tensor, got {v.type}")
    return elem


def _last(size: int | ir.Value) -> int | ir.Value:
    return size - 1 if isinstance(size, int) else arith.subi(size, _ci(1))


def _require_nonempty_image(height: int | ir.Value, width: int | ir.Value) -> None:
    """Samples clamp into the image: an empty one has no position to read."""
    for what, size in (("height", height), ("width", width)):
        if isinstance(size, int):
            require(size > 0, f"the input {what} is 0")
        else:
            require(_cmpi("sgt", size, _ci(0)), f"the input {what} is {{0}}", size)


def _require_finite(rois: ir.Value, acc: ir.Type) -> None:
    """Every roi coordinate finite (as onnxruntime requires): a reduction counting the others."""
    if not checks_enabled():
        return
    i64 = ir.IntegerType.get_signless(64)
    d0, d1 = ir.AffineDimExpr.get(0), ir.AffineDimExpr.get(1)

    def body(v, count):
        v = v if v.type == acc else b.convert_scalar(v, acc)
        finite = _cmpf("olt", math.absf(v), _cf(acc, float("inf")))
        return arith.addi(count, arith.select(finite, b.scalar_constant(i64, 0),
                                              b.scalar_constant(i64, 1)))

    (bad,) = b.generic([rois], [b.fill(0, b.empty([], i64))],
                       [ir.AffineMap.get(2, 0, [d0, d1]), ir.AffineMap.get(2, 0, [])],
                       ["reduction", "reduction"], body)
    count = tensor.extract(bad, [])
    require(arith.cmpi(arith.CmpIPredicate.eq, count, b.scalar_constant(i64, 0)),
            "rois holds {0} values that are not finite", count)


@register_pattern
class LowerRoiAlign(OnnxLoweringPattern):
    """RoiAlign -> gather-reduction generic (see module docstring)."""

    op_names = ("onnx.roi_align",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, rois, batch_idx = op.x, op.rois, op.batch_indices
        elem = _float_operand(x, "RoiAlign input")
        if b.rank(x) != 4 or b.rank(rois) != 2 or b.rank(batch_idx) != 1:
            raise LoweringError("RoiAlign takes X [N, C, H, W], rois [R, 4], batch_indices [R]")
        acc = accumulator_type(elem)
        mode = str(op.mode)
        if mode not in ("avg", "max"):
            raise LoweringError(f"RoiAlign mode '{mode}' is not supported")
        ctm = str(op.coordinate_transformation_mode)
        if ctm not in ("half_pixel", "output_half_pixel"):
            raise LoweringError(f"coordinate_transformation_mode '{ctm}' is not supported")
        half_pixel = ctm == "half_pixel"
        oh, ow = int(op.output_height), int(op.output_width)
        ratio = int(op.sampling_ratio)
        scale = float(op.spatial_scale)
        if oh < 1 or ow < 1 or ratio < 0:
            raise LoweringError("RoiAlign output sizes must be positive and sampling_ratio >= 0")
        out_type = ir.RankedTensorType(op.operation.results[0].type)
        sc.require_dim(rois, 1, 4, "rois have {0} coordinates per box (expected {1})")
        height, width = b.dim(x, 2), b.dim(x, 3)
        h_idx = _ci(height) if isinstance(height, int) else height
        w_idx = _ci(width) if isinstance(width, int) else width
        h_f, w_f = _i2f(h_idx, acc), _i2f(w_idx, acc)
        zero_i = _ci(0)

        def roi_geometry(r: ir.Value):
            """start_h, start_w, bin_h, bin_w, grid_h, grid_w (floats) of roi ``r``."""
            coords = [_read(rois, [r, _ci(k)], acc) for k in range(4)]
            off = _cf(acc, 0.5 if half_pixel else 0.0)
            sc = _cf(acc, scale)
            x0, y0, x1, y1 = (arith.subf(arith.mulf(v, sc), off) for v in coords)
            rw, rh = arith.subf(x1, x0), arith.subf(y1, y0)
            if not half_pixel:
                rw = arith.maximumf(rw, _cf(acc, 1.0))
                rh = arith.maximumf(rh, _cf(acc, 1.0))
            bh = arith.divf(rh, _cf(acc, oh))
            bw = arith.divf(rw, _cf(acc, ow))
            if ratio > 0:
                gh = gw = _cf(acc, ratio)
            else:
                gh, gw = math.ceil(bh), math.ceil(bw)
            return y0, x0, bh, bw, gh, gw

        num_rois = b.dim(rois, 0)
        require_equal_sizes(b.dim(batch_idx, 0), num_rois,
                            "batch_indices has {0} entries, but there are {1} rois")
        if b.shape(rois)[1] not in (4, b.DYNAMIC):
            raise LoweringError(f"RoiAlign rois must be [R, 4], got {rois.type}")
        require_equal_sizes(b.dim(rois, 1), 4, "rois has {0} coordinates per roi, expected {1}")
        batch = b.dim(x, 0)
        require_in_range(batch_idx, 0, _last(batch), "batch index {0} is out of range [0, {1})",
                         batch)
        _require_nonempty_image(height, width)
        _require_finite(rois, acc)
        if ratio > 0:
            grid = b.empty([ratio, ratio], acc)
        else:
            grid = self._max_grid(rois, num_rois, roi_geometry, acc)
        channels = b.dim(x, 1)
        out_sizes = [num_rois, channels, oh, ow]
        neg_inf = float("-inf")
        init = b.fill(0.0 if mode == "avg" else neg_inf, b.empty(out_sizes, acc))
        d = [ir.AffineDimExpr.get(i) for i in range(6)]
        grid_map = ir.AffineMap.get(6, 0, [d[4], d[5]])
        out_map = ir.AffineMap.get(6, 0, d[:4])

        def body(_g, out):
            r, c, ph, pw, iy, ix = (loop_index(i) for i in range(6))
            y0, x0, bh, bw, gh, gw = roi_geometry(r)
            bi = tensor.extract(batch_idx, [r])
            bi = arith.index_cast(index_type(), b.convert_scalar(bi, ir.IntegerType.get_signless(64)))
            half = _cf(acc, 0.5)
            yy = arith.addf(arith.addf(y0, arith.mulf(_i2f(ph, acc), bh)),
                            arith.divf(arith.mulf(arith.addf(_i2f(iy, acc), half), bh), gh))
            xx = arith.addf(arith.addf(x0, arith.mulf(_i2f(pw, acc), bw)),
                            arith.divf(arith.mulf(arith.addf(_i2f(ix, acc), half), bw), gw))
            # (unordered compares: a NaN sample position counts as outside)
            outside = arith.ori(arith.ori(_cmpf("ult", yy, _cf(acc, -1.0)), _cmpf("ugt", yy, h_f)),
                                arith.ori(_cmpf("ult", xx, _cf(acc, -1.0)), _cmpf("ugt", xx, w_f)))
            in_grid = arith.andi(_cmpf("olt", _i2f(iy, acc), gh), _cmpf("olt", _i2f(ix, acc), gw))

            def axis(v, size_i):
                v = arith.maximumf(v, _cf(acc, 0.0))
                low = _f2i(v)
                last = arith.subi(size_i, _ci(1))
                at_end = _cmpi("sge", low, last)
                low = arith.select(at_end, last, low)
                high = arith.select(at_end, last, arith.addi(low, _ci(1)))
                v = arith.select(at_end, _i2f(last, acc), v)
                frac = arith.subf(v, _i2f(low, acc))
                return low, high, frac, arith.subf(_cf(acc, 1.0), frac)

            yl, yh, ly, hy = axis(yy, h_idx)
            xl, xh, lx, hx = axis(xx, w_idx)
            terms = []
            for yi, xi, wgt in ((yl, xl, arith.mulf(hy, hx)), (yl, xh, arith.mulf(hy, lx)),
                                (yh, xl, arith.mulf(ly, hx)), (yh, xh, arith.mulf(ly, lx))):
                # Outside samples read position 0 with weight 0, as the reference does.
                yi = arith.select(outside, zero_i, yi)
                xi = arith.select(outside, zero_i, xi)
                wgt = arith.select(outside, _cf(acc, 0.0), wgt)
                terms.append(arith.mulf(wgt, _read(x, [bi, c, yi, xi], acc)))
            if mode == "avg":
                count = arith.maximumf(arith.mulf(gh, gw), _cf(acc, 1.0))
                val = arith.divf(arith.addf(arith.addf(terms[0], terms[1]),
                                            arith.addf(terms[2], terms[3])), count)
                return arith.select(in_grid, arith.addf(out, val), out)
            val = arith.maximumf(arith.maximumf(terms[0], terms[1]),
                                 arith.maximumf(terms[2], terms[3]))
            return arith.select(in_grid, arith.maximumf(out, val), out)

        result = b.generic([grid], [init], [grid_map, out_map],
                           ["parallel"] * 4 + ["reduction"] * 2, body)[0]
        if mode == "max":  # a bin without samples is 0 (the reference's initial value)
            from .lib.reduction_common import map_elementwise

            result = map_elementwise([result], acc, lambda v: arith.select(
                _cmpf("oeq", v, _cf(acc, neg_inf)), _cf(acc, 0.0), v))
        result = convert_tensor(result, elem)
        if result.type != out_type:
            result = tensor.cast(out_type, result)
        return [result]

    @staticmethod
    def _max_grid(rois, num_rois, roi_geometry, acc):
        """A `tensor.empty` whose dims are the largest adaptive grid over all rois."""
        init = b.fill(1.0, b.empty([2], acc))
        d0, d1 = ir.AffineDimExpr.get(0), ir.AffineDimExpr.get(1)
        dummy = b.empty([num_rois, 2], acc)

        def body(_d, out):
            r, k = loop_index(0), loop_index(1)
            _, _, _, _, gh, gw = roi_geometry(r)
            g = arith.select(_cmpi("eq", k, _ci(0)), gh, gw)
            return arith.maxnumf(out, g)  # (a NaN grid of a bad roi is ignored)

        sizes = b.generic([dummy], [init], [ir.AffineMap.get(2, 0, [d0, d1]),
                                            ir.AffineMap.get(2, 0, [d1])],
                          ["reduction", "parallel"], body)[0]
        gh = _f2i(tensor.extract(sizes, [_ci(0)]))
        gw = _f2i(tensor.extract(sizes, [_ci(1)]))
        require_sizes([gh, gw], acc, "RoiAlign sampling grid")
        return b.empty([gh, gw], acc)


@register_pattern
class LowerDeformConv(OnnxLoweringPattern):
    """DeformConv (2-D) -> gather-reduction generic (see module docstring)."""

    op_names = ("onnx.deform_conv",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, w, offset = op.x, op.w, op.offset
        elem = _float_operand(x, "DeformConv input")
        if b.rank(x) != 4:
            raise LoweringError(f"DeformConv is lowered for 2-D images only, got {x.type}")
        acc = accumulator_type(elem)
        w_shape = b.static_shape(w, "DeformConv weights")
        oc, icpg, kh, kw = w_shape
        if op.kernel_shape is not None and [int(k) for k in op.kernel_shape] != [kh, kw]:
            raise LoweringError("kernel_shape does not match the weights")
        group = int(op.group) if op.group is not None else 1
        ogroups = int(op.offset_group) if op.offset_group is not None else 1
        ic = b.shape(x)[1]
        if ic == b.DYNAMIC or ic != icpg * group or oc % group or ic % ogroups:
            raise LoweringError(f"DeformConv channels: X {x.type}, W {w.type}, group {group}, "
                                f"offset_group {ogroups} are inconsistent")
        ocpg, icpog = oc // group, ic // ogroups
        pads = [int(p) for p in op.pads] if op.pads is not None else [0, 0, 0, 0]
        strides = [int(s) for s in op.strides] if op.strides is not None else [1, 1]
        dil = [int(s) for s in op.dilations] if op.dilations is not None else [1, 1]
        out_type = ir.RankedTensorType(op.operation.results[0].type)
        oh, ow = b.dim(offset, 2), b.dim(offset, 3)
        mask = op.mask
        n = b.dim(x, 0)
        if b.rank(offset) != 4:
            raise LoweringError(f"DeformConv offset must be 4-D, got {offset.type}")
        sc.require_dim(offset, 0, n, "offset has batch size {0}, the input {1}")
        sc.require_dim(offset, 1, 2 * ogroups * kh * kw,
                       "offset has {0} channels, expected {1} (2 * offset_group * kernel size)")
        if op.mask is not None:
            if b.rank(op.mask) != 4:
                raise LoweringError(f"DeformConv mask must be 4-D, got {op.mask.type}")
            sc.require_dims(op.mask, [n, ogroups * kh * kw, oh, ow], "mask")
        if op.b is not None:
            if b.rank(op.b) != 1:
                raise LoweringError(f"DeformConv bias must be 1-D, got {op.b.type}")
            sc.require_dim(op.b, 0, oc, "bias has {0} entries for {1} output channels")
        height, width = b.dim(x, 2), b.dim(x, 3)
        h_idx = _ci(height) if isinstance(height, int) else height
        w_idx = _ci(width) if isinstance(width, int) else width
        out_sizes = [n, oc, oh, ow]
        _require_nonempty_image(height, width)
        taps = ogroups * kh * kw
        for operand, what, channels in ((offset, "offset", 2 * taps), (mask, "mask", taps)):
            if operand is None:
                continue
            if b.rank(operand) != 4:
                raise LoweringError(f"DeformConv {what} must be 4-D, got {operand.type}")
            for axis, want in ((0, n), (1, channels), (2, oh), (3, ow)):
                if operand is offset and axis >= 2:
                    continue
                require_equal_sizes(b.dim(operand, axis), want,
                                    f"{what} has size {{0}} at axis {axis}, expected {{1}}")
        if op.b is not None:
            bias = convert_tensor(op.b, acc)
            init = b.generic([bias], [b.empty(out_sizes, acc)],
                             [ir.AffineMap.get(4, 0, [ir.AffineDimExpr.get(1)]), b.identity_map(4)],
                             ["parallel"] * 4, lambda v, _o: v)[0]
        else:
            init = b.fill(0.0, b.empty(out_sizes, acc))
        d = [ir.AffineDimExpr.get(i) for i in range(7)]
        w_map = ir.AffineMap.get(7, 0, [d[1], d[4], d[5], d[6]])
        out_map = ir.AffineMap.get(7, 0, d[:4])
        w_acc = convert_tensor(w, acc)

        def body(wv, out):
            bn, o, i, j, c, ki, kj = (loop_index(k) for k in range(7))
            chan = arith.addi(arith.muli(arith.divui(o, _ci(ocpg)), _ci(icpg)), c)
            og = arith.divui(chan, _ci(icpog))
            tap = arith.addi(arith.muli(arith.addi(arith.muli(og, _ci(kh)), ki), _ci(kw)), kj)
            oy = _read(offset, [bn, arith.muli(tap, _ci(2)), i, j], acc)
            ox = _read(offset, [bn, arith.addi(arith.muli(tap, _ci(2)), _ci(1)), i, j], acc)
            base_y = arith.addi(arith.muli(i, _ci(strides[0])), arith.muli(ki, _ci(dil[0])))
            base_x = arith.addi(arith.muli(j, _ci(strides[1])), arith.muli(kj, _ci(dil[1])))
            py = arith.addf(arith.subf(_i2f(base_y, acc), _cf(acc, pads[0])), oy)
            px = arith.addf(arith.subf(_i2f(base_x, acc), _cf(acc, pads[1])), ox)
            fy, fx = math.floor(py), math.floor(px)
            y0, x0 = _f2i(fy), _f2i(fx)
            ly, lx = arith.subf(py, fy), arith.subf(px, fx)
            hy, hx = arith.subf(_cf(acc, 1.0), ly), arith.subf(_cf(acc, 1.0), lx)
            y1, x1 = arith.addi(y0, _ci(1)), arith.addi(x0, _ci(1))
            total = _cf(acc, 0.0)
            for yi, xi, wgt in ((y0, x0, arith.mulf(hy, hx)), (y0, x1, arith.mulf(hy, lx)),
                                (y1, x0, arith.mulf(ly, hx)), (y1, x1, arith.mulf(ly, lx))):
                inside = arith.andi(arith.andi(_cmpi("sge", yi, _ci(0)), _cmpi("slt", yi, h_idx)),
                                    arith.andi(_cmpi("sge", xi, _ci(0)), _cmpi("slt", xi, w_idx)))
                v = _read(x, [bn, chan, arith.select(inside, yi, _ci(0)),
                              arith.select(inside, xi, _ci(0))], acc)
                v = arith.select(inside, v, _cf(acc, 0.0))
                total = arith.addf(total, arith.mulf(wgt, v))
            if mask is not None:
                total = arith.mulf(total, _read(mask, [bn, tap, i, j], acc))
            return arith.addf(out, arith.mulf(total, wv))

        result = b.generic([w_acc], [init], [w_map, out_map],
                           ["parallel"] * 4 + ["reduction"] * 3, body)[0]
        result = convert_tensor(result, elem)
        if result.type != out_type:
            result = tensor.cast(out_type, result)
        return [result]


__all__ = ["LowerDeformConv", "LowerRoiAlign"]
