"""Quantization ops -> elementwise `linalg.generic`s, `linalg.matmul` and linalg convolutions.

* QuantizeLinear / DequantizeLinear: one elementwise generic; the scale and zero point are read
  through an indexing map that encodes the quantization mode (per tensor: ``()``, per axis:
  ``(d_axis)``, blocked: ``(.., d_axis floordiv block_size, ..)``), so nothing is materialized.
* DynamicQuantizeLinear: two reductions (min/max, seeded with 0) into rank-0 tensors, a rank-0
  generic for scale and zero point, and the elementwise quantization.
* MatMulInteger / ConvInteger: the zero points are subtracted while widening to i32, then the
  same `linalg.matmul` / named convolution as the float ops, accumulating in i32.
* QLinearMatMul / QLinearConv: the integer product as above, then a requantization generic
  (``rint(acc * (s_a * s_b / s_y)) + zp_y``, saturated), computed in f64 like the ONNX reference.

Rounding is round-half-to-even (`math.roundeven`), as ``np.rint`` and onnxruntime do. Float8 and
the 2/4-bit integer types are not lowered (the importer and the CPU runtime do not take them).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg, math

from .lib import broadcasting
from .lib import builders as b
from .lib import index_math as im
from .lib import shape_checks as sc
from .lib.float_to_int import float_to_int
from .lib.casting import cast_to_result
from .lib.window import nc_spatial_shape, pad_spatial, window_geometry, with_channels
from .lib.matmul_common import matmul_values
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.types import FLOAT_TYPES, is_low_float, f32_type, f64_type, i32_type, i64_type


def int_range(elem: ir.Type) -> tuple[int, int]:
    """The value range of an integer element type (``uiN`` unsigned, else signed)."""
    if not b.is_integer(elem) or b.is_bool(elem):
        raise LoweringError(f"expected an integer quantized type, got {elem}")
    width = ir.IntegerType(elem).width
    if b.is_unsigned(elem):
        return 0, (1 << width) - 1
    return -(1 << (width - 1)), (1 << (width - 1)) - 1


def _check_int_type(elem: ir.Type, what: str, widths=(8, 16, 32)) -> None:
    if not b.is_integer(elem) or b.is_bool(elem) or ir.IntegerType(elem).width not in widths:
        raise LoweringError(f"{what} must be a {'/'.join(map(str, widths))}-bit integer tensor, "
                            f"got {elem} (float8 and float4 types are not lowered)")


# QuantizeLinear / DequantizeLinear also take 2- and 4-bit integers (int_range and the
# conversions are width-generic; the CPU pipeline stores them one per byte).
_QDQ_WIDTHS = (2, 4, 8, 16, 32)


def _check_float_type(elem: ir.Type, what: str) -> None:
    if not isinstance(elem, FLOAT_TYPES):
        raise LoweringError(f"{what} must be a f16/bf16/f32/f64 tensor, got {elem}")


def widen_int(value: ir.Value, unsigned: bool, to: ir.Type) -> ir.Value:
    """Sign/zero-extend a signless integer scalar to ``to`` (no-op when it already is)."""
    return b.convert_scalar(value, to, unsigned=unsigned)


def float_step(kind: str, lhs: ir.Value, rhs: ir.Value, elem: ir.Type) -> ir.Value:
    """``lhs <kind> rhs`` rounded to ``elem``, as numpy computes in that type: 16-bit floats are
    computed in f32 and rounded back (LLVM's native f16/bf16 arithmetic is not assumed)."""
    if is_low_float(elem):
        lhs, rhs = b.convert_scalar(lhs, f32_type()), b.convert_scalar(rhs, f32_type())
        return arith.truncf(elem, b.scalar_binary(kind, lhs, rhs))
    return b.scalar_binary(kind, b.convert_scalar(lhs, elem), b.convert_scalar(rhs, elem))


def saturate_to(value: ir.Value, elem: ir.Type) -> ir.Value:
    """Round a f64 scalar half-to-even and convert it to ``elem``, saturating to its range
    (the spec's clamp; NaN, which ONNX leaves undefined, gives 0: float_to_int.py)."""
    int_range(elem)  # checks that elem is a quantized integer type
    return float_to_int(math.roundeven(value), b.signless(elem), b.is_unsigned(elem))


def axis_param(param: ir.Value | None, x: ir.Value, axis: int,
               block_size: int) -> ir.Value | None:
    """A 1-D scale / zero point of dynamic length, which is per tensor (one entry) or per axis
    (one per element of ``x``'s ``axis``) as only the run time tells, broadcast to the axis
    size (numpy rules, checked at run time); any other parameter unchanged."""
    if param is None or b.shape(param) != [b.DYNAMIC] or block_size > 0 or b.rank(x) == 0:
        return param
    axis = im.normalize_axis(axis, b.rank(x), scalar_ok=True)
    return broadcasting.broadcast_generic([param], b.element_type(param), lambda v: v,
                                          out_sizes=[b.dim(x, axis)])


def param_map(param: ir.Value, x: ir.Value, axis: int, block_size: int,
              what: str) -> ir.AffineMap:
    """Indexing map reading a scale / zero point in a loop nest over ``x``: per tensor (rank 0
    or one element), per axis (1-D along ``axis``) or blocked (``x``'s rank, dim ``axis``
    divided by ``block_size``). The sizes it reads at must exist: checked at compile time when
    static, at run time when dynamic."""
    x_shape = b.shape(x)
    rank = len(x_shape)
    p_shape = b.shape(param)
    if not p_shape:
        return ir.AffineMap.get(rank, 0, [])
    if all(s == 1 for s in p_shape) and block_size <= 0:
        return ir.AffineMap.get(rank, 0, [ir.AffineConstantExpr.get(0)] * len(p_shape))
    if rank == 0:
        raise LoweringError(f"{what} {param.type} must have one element for a rank-0 input")
    axis = im.normalize_axis(axis, rank, scalar_ok=True)
    if block_size > 0:
        if len(p_shape) != rank:
            raise LoweringError(f"blocked {what} must have the input's rank {rank}, "
                                f"got {param.type}")
        exprs = []
        for d in range(rank):
            if d == axis:
                sc.require_dim(param, d, im.ceildiv(b.dim(x, d), block_size),
                               f"blocked {what} has {{0}} blocks along axis {axis}, expected "
                               f"{{1}} (blocks of {block_size})")
                exprs.append(ir.AffineExpr.get_floor_div(ir.AffineDimExpr.get(d), block_size))
            else:
                sc.require_dim(param, d, b.dim(x, d),
                               f"blocked {what} has size {{0}} at axis {d}, but the input has "
                               f"{{1}} there")
                exprs.append(ir.AffineDimExpr.get(d))
        return ir.AffineMap.get(rank, 0, exprs)
    if len(p_shape) != 1:
        raise LoweringError(f"per-axis {what} must be 1-D, got {param.type}")
    sc.require_dim(param, 0, b.dim(x, axis),
                   f"per-axis {what} has {{0}} elements for axis {axis} of size {{1}}")
    return ir.AffineMap.get(rank, 0, [ir.AffineDimExpr.get(axis)])


# --------------------------------------------------------------------------- Quantize/Dequantize


@register_pattern
class LowerQuantizeLinear(OnnxLoweringPattern):
    """y = saturate(rint(x / scale) + zero_point): the division in x's float type (as the
    reference), the rest in f64 so that every integer of the target type is exact."""

    op_names = ("onnx.quantize_linear",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, scale, zp = op.x, op.y_scale, op.y_zero_point
        out_type = b.ranked(op.y.type)
        out_elem = out_type.element_type
        _check_int_type(out_elem, "QuantizeLinear output", _QDQ_WIDTHS)
        x_elem = b.element_type(x)
        if b.is_integer(x_elem):  # opset 10-18 allow int32 input
            _check_int_type(x_elem, "QuantizeLinear input")
        else:
            _check_float_type(x_elem, "QuantizeLinear input")
        if op.precision:
            raise LoweringError("the 'precision' attribute is not supported")
        if zp is not None and b.element_type(zp) != out_elem:
            raise LoweringError(f"zero point type {b.element_type(zp)} differs from the output "
                                f"type {out_elem}")
        rank = b.rank(x)
        scale = axis_param(scale, x, op.axis, op.block_size)
        zp = axis_param(zp, x, op.axis, op.block_size)
        inputs = [b.to_signless(x), scale]
        maps = [b.identity_map(rank), param_map(scale, x, op.axis, op.block_size, "scale")]
        if zp is not None:
            inputs.append(b.to_signless(zp))
            maps.append(param_map(zp, x, op.axis, op.block_size, "zero point"))
        maps.append(b.identity_map(rank))
        s_elem = b.element_type(scale)
        unsigned_zp = b.is_unsigned(out_elem)

        def body(xv, sv, *rest):
            if b.is_integer(x_elem):
                xv = arith.sitofp(s_elem if not is_low_float(s_elem)
                                  else f32_type(), xv)
                q = float_step("div", xv, sv, b.element_type(xv))
            else:
                q = float_step("div", xv, sv, x_elem)
            q = b.convert_scalar(q, f64_type())
            if zp is not None:
                q = arith.addf(math.roundeven(q), arith.uitofp(f64_type(), rest[0]) if unsigned_zp
                               else arith.sitofp(f64_type(), rest[0]))
            return saturate_to(q, out_elem)

        init = b.empty(b.sizes(x), b.signless(out_elem))
        (y,) = b.generic(inputs, [init], maps, ["parallel"] * rank, body)
        y = b.from_signless(y, ir.RankedTensorType.get(b.shape(y), out_elem))
        return [cast_to_result(y, op.y)]


@register_pattern
class LowerDequantizeLinear(OnnxLoweringPattern):
    """y = (x - zero_point) * scale: the difference in i64 (exact), then one f32 (f64 for f64
    outputs) multiply, rounded to the output type."""

    op_names = ("onnx.dequantize_linear",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, scale, zp = op.x, op.x_scale, op.x_zero_point
        x_elem = b.element_type(x)
        _check_int_type(x_elem, "DequantizeLinear input", _QDQ_WIDTHS)
        out_elem = b.ranked(op.y.type).element_type
        _check_float_type(out_elem, "DequantizeLinear output")
        if zp is not None and b.element_type(zp) != x_elem:
            raise LoweringError(f"zero point type {b.element_type(zp)} differs from the input "
                                f"type {x_elem}")
        rank = b.rank(x)
        scale = axis_param(scale, x, op.axis, op.block_size)
        zp = axis_param(zp, x, op.axis, op.block_size)
        inputs = [b.to_signless(x), scale]
        maps = [b.identity_map(rank), param_map(scale, x, op.axis, op.block_size, "scale")]
        if zp is not None:
            inputs.append(b.to_signless(zp))
            maps.append(param_map(zp, x, op.axis, op.block_size, "zero point"))
        maps.append(b.identity_map(rank))
        unsigned = b.is_unsigned(x_elem)
        compute = f64_type() if isinstance(out_elem, ir.F64Type) else f32_type()

        def body(xv, sv, *rest):
            v = widen_int(xv, unsigned, i64_type())
            if zp is not None:
                v = arith.subi(v, widen_int(rest[0], unsigned, i64_type()))
            y = arith.mulf(arith.sitofp(compute, v), b.convert_scalar(sv, compute))
            return b.convert_scalar(y, out_elem)

        init = b.empty(b.sizes(x), out_elem)
        (y,) = b.generic(inputs, [init], maps, ["parallel"] * rank, body)
        return [cast_to_result(y, op.y)]


@register_pattern
class LowerDynamicQuantizeLinear(OnnxLoweringPattern):
    """uint8 quantization with scale and zero point from the data's range (extended to 0):
    min/max reductions into rank-0 tensors, then rank-0 and elementwise generics."""

    op_names = ("onnx.dynamic_quantize_linear",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        if not isinstance(b.element_type(x), ir.F32Type):
            raise LoweringError(f"DynamicQuantizeLinear takes f32 input, got {x.type}")
        rank = b.rank(x)
        f32, u8 = f32_type(), ir.IntegerType.get_unsigned(8)
        scalar_f32 = ir.RankedTensorType.get([], f32)
        to_scalar = ir.AffineMap.get(rank, 0, [])

        def reduce(kind):
            init = b.fill(0.0, scalar_f32)
            return b.generic([x], [init], [b.identity_map(rank), to_scalar],
                             ["reduction"] * rank,
                             lambda v, acc: b.scalar_binary(kind, acc, v))[0]

        x_min, x_max = reduce("min"), reduce("max")
        none = ir.AffineMap.get(0, 0, [])

        def params(lo, hi, _s, _z):
            span = arith.subf(hi, lo)
            one = arith.constant(f32, ir.FloatAttr.get(f32, 1.0))
            span = arith.select(arith.cmpf(arith.CmpFPredicate.OEQ, hi, lo), one, span)
            scale = arith.divf(span, arith.constant(f32, ir.FloatAttr.get(f32, 255.0)))
            zp = arith.subf(arith.constant(f32, ir.FloatAttr.get(f32, 0.0)),
                            arith.divf(lo, scale))
            return [scale, saturate_to(arith.extf(f64_type(), zp), u8)]

        scale, zp = b.generic([x_min, x_max],
                              [b.empty([], f32), b.empty([], b.signless(u8))],
                              [none] * 4, [], params)

        def quantize(v, s, z, _out):
            q = math.roundeven(arith.extf(f64_type(), arith.divf(v, s)))
            return saturate_to(arith.addf(q, arith.uitofp(f64_type(), z)), u8)

        (y,) = b.generic([x, scale, zp], [b.empty(b.sizes(x), b.signless(u8))],
                         [b.identity_map(rank), to_scalar, to_scalar, b.identity_map(rank)],
                         ["parallel"] * rank, quantize)
        y = b.from_signless(y, ir.RankedTensorType.get(b.shape(y), u8))
        zp = b.from_signless(zp, ir.RankedTensorType.get([], u8))
        return [cast_to_result(y, op.y), cast_to_result(scale, op.y_scale),
                cast_to_result(zp, op.y_zero_point)]


# --------------------------------------------------------------------------- integer products


def subtract_zero_point(x: ir.Value, zp: ir.Value | None, zp_shape_for_x=None) -> ir.Value:
    """``int32(x) - int32(zp)`` elementwise with numpy broadcasting of ``zp`` (which the caller
    may have reshaped); without a zero point, just the widening to i32."""
    x_elem = b.element_type(x)
    _check_int_type(x_elem, "quantized operand")
    if ir.IntegerType(x_elem).width > 16:
        raise LoweringError(f"quantized operand must be 8 or 16-bit, got {x_elem}")
    unsigned = b.is_unsigned(x_elem)
    i32 = i32_type()
    if zp is None:
        return broadcasting.broadcast_generic([x], i32, lambda v: widen_int(v, unsigned, i32))
    if b.element_type(zp) != x_elem:
        raise LoweringError(f"zero point type {b.element_type(zp)} differs from the operand "
                            f"type {x_elem}")
    return broadcasting.broadcast_generic(
        [x, zp], i32,
        lambda v, z: arith.subi(widen_int(v, unsigned, i32), widen_int(z, unsigned, i32)),
        out_sizes=b.sizes(x))


def _as_column(zp: ir.Value | None, x: ir.Value) -> ir.Value | None:
    """A per-row zero point/scale ``[M]`` of a matrix operand ``[.., M, K]`` as ``[M, 1]``."""
    if zp is None or b.rank(zp) != 1 or b.rank(x) < 2 or b.shape(zp)[0] == 1:
        return zp
    return b.expand(zp, [[0, 1]], [b.dim(zp, 0), 1])


def _per_channel(zp: ir.Value | None, rank: int) -> ir.Value | None:
    """A per-output-channel ``[M]`` weight zero point as ``[M, 1, 1, ...]`` (weights of ``rank``)."""
    if zp is None or b.rank(zp) != 1 or b.shape(zp)[0] == 1:
        return zp
    return b.expand(zp, [list(range(rank))], [b.dim(zp, 0)] + [1] * (rank - 1))


def requantize(acc: ir.Value, scales: Sequence[tuple[ir.Value, ir.AffineMap]],
               y_scale: ir.Value, y_zp: ir.Value | None, out_elem: ir.Type) -> ir.Value:
    """``saturate(rint(acc * (s_1 * s_2 / y_scale)) + zp)`` over the i32 accumulator ``acc``:
    the multiplier is formed in the scales' float type (like numpy), the rest in f64."""
    rank = b.rank(acc)
    y_scale = _scalar_param(y_scale, "y_scale")
    y_zp = _scalar_param(y_zp, "y_zero_point")
    inputs = [acc] + [s for s, _ in scales] + [y_scale]
    if b.shape(y_scale) not in ([], [1]):
        raise LoweringError(f"output scale must be a scalar, got {y_scale.type}")
    maps = [b.identity_map(rank)] + [m for _, m in scales] + [
        ir.AffineMap.get(rank, 0, [ir.AffineConstantExpr.get(0)] * b.rank(y_scale))]
    if y_zp is not None:
        inputs.append(b.to_signless(y_zp))
        maps.append(ir.AffineMap.get(rank, 0, [ir.AffineConstantExpr.get(0)] * b.rank(y_zp)))
        if b.shape(y_zp) not in ([], [1]):
            raise LoweringError(f"output zero point must be a scalar, got {y_zp.type}")
    maps.append(b.identity_map(rank))
    s_elem = b.element_type(y_scale)
    for s, _ in scales:
        if b.element_type(s) != s_elem:
            raise LoweringError(f"scales have different element types: {s.type} vs "
                                f"{y_scale.type}")
    _check_float_type(s_elem, "scale")
    unsigned = b.is_unsigned(out_elem)
    n = len(scales)

    def body(av, *rest):
        s = rest[0]
        for other in rest[1:n]:
            s = float_step("mul", s, other, s_elem)
        s = float_step("div", s, rest[n], s_elem)
        v = arith.mulf(arith.sitofp(f64_type(), av), b.convert_scalar(s, f64_type()))
        if y_zp is not None:
            z = rest[n + 1]
            v = arith.addf(math.roundeven(v), arith.uitofp(f64_type(), z) if unsigned
                           else arith.sitofp(f64_type(), z))
        return saturate_to(v, out_elem)

    init = b.empty(b.sizes(acc), b.signless(out_elem))
    (y,) = b.generic(inputs, [init], maps, ["parallel"] * rank, body)
    return b.from_signless(y, ir.RankedTensorType.get(b.shape(y), out_elem))


def _raise(message: str):
    raise LoweringError(message)


def _scalar_param(param: ir.Value | None, what: str) -> ir.Value | None:
    """A per-tensor parameter given as a 1-D tensor of dynamic length: ``[1]``, checked at run
    time."""
    if param is None or b.shape(param) != [b.DYNAMIC]:
        return param
    return sc.with_static_shape(param, [1], what)


def _per_axis_param(param: ir.Value, operand: ir.Value, dim: int) -> ir.Value:
    """A 1-D scale of dynamic length (one entry, or one per row/column of ``operand``, known
    only at run time) broadcast to the axis ``dim`` of ``operand``; others unchanged."""
    if b.rank(operand) < 2:
        return param
    return axis_param(param, operand, dim, 0)


def _matrix_param_map(param: ir.Value, out_rank: int, operand: ir.Value, dim: int,
                      what: str) -> ir.AffineMap:
    """Map of a scale that is a scalar or a 1-D per-row (``dim = -2``, rows of A) / per-column
    (``-1``, columns of B) vector of ``operand`` in a loop nest over the ``[.., M, N]``
    product (it must have that many entries)."""
    p = b.shape(param)
    if not p or all(s == 1 for s in p):
        return ir.AffineMap.get(out_rank, 0, [ir.AffineConstantExpr.get(0)] * len(p))
    if len(p) != 1:
        raise LoweringError(f"{what} must be a scalar or 1-D, got {param.type}")
    sc.require_dim(param, 0, b.dim(operand, b.rank(operand) + dim),
                   f"{what} has {{0}} elements, but the operand has {{1}} "
                   f"{'rows' if dim == -2 else 'columns'}")
    return ir.AffineMap.get(out_rank, 0, [ir.AffineDimExpr.get(out_rank + dim)])


@register_pattern
class LowerMatMulInteger(OnnxLoweringPattern):
    """(A - a_zp) @ (B - b_zp) in i32: zero points subtracted while widening (a per-row a_zp
    ``[M]`` reads as ``[M, 1]``), then the MatMul lowering (`linalg.matmul` & co.)."""

    op_names = ("onnx.mat_mul_integer",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        a = subtract_zero_point(op.a, _as_column(op.a_zero_point, op.a))
        bm = subtract_zero_point(op.b, op.b_zero_point)
        return [cast_to_result(matmul_values(a, bm), op.y)]


@register_pattern
class LowerQLinearMatMul(OnnxLoweringPattern):
    """QLinearMatMul: the MatMulInteger product, then :func:`requantize` (scales per tensor, or
    per row of A / per column of B)."""

    op_names = ("onnx.q_linear_mat_mul",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        a = subtract_zero_point(op.a, _as_column(op.a_zero_point, op.a))
        bm = subtract_zero_point(op.b, op.b_zero_point)
        acc = matmul_values(a, bm)
        out_elem = b.ranked(op.y.type).element_type
        rank = b.rank(acc)

        def scale_map(scale, operand, dim, what):
            # The check reads the operand's dims, not the product's: a condition computed from
            # the product would run the product before its own contraction check.
            if b.rank(operand) >= 2:
                return _matrix_param_map(scale, rank, operand, dim, what)
            if b.shape(scale) in ([], [1]):
                return ir.AffineMap.get(rank, 0, [ir.AffineConstantExpr.get(0)] * b.rank(scale))
            return _raise(f"{what} of a 1-D operand must be a scalar, got {scale.type}")

        a_scale = _per_axis_param(op.a_scale, op.a, -2)
        b_scale = _per_axis_param(op.b_scale, op.b, -1)
        scales = [(a_scale, scale_map(a_scale, op.a, -2, "a_scale")),
                  (b_scale, scale_map(b_scale, op.b, -1, "b_scale"))]
        y = requantize(acc, scales, op.y_scale, op.y_zero_point, out_elem)
        return [cast_to_result(y, op.y)]


# --------------------------------------------------------------------------- integer convolutions

_NAMED_INT_CONV = {1: linalg.conv_1d_ncw_fcw, 2: linalg.conv_2d_nchw_fchw,
                   3: linalg.conv_3d_ncdhw_fcdhw}


def integer_conv(op, x: ir.Value, w: ir.Value, bias: ir.Value | None) -> ir.Value:
    """Convolution of i32 tensors x [N, C, spatial..] and w [M, C/group, k..] with the window
    attributes of ``op`` (pads filled with 0, i.e. with the zero point before subtraction),
    accumulating in i32 from ``bias`` [M] (or 0). group == 1 uses the named linalg convolution,
    other groups a `linalg.generic` of the same structure on grouped views."""
    w_shape = b.static_shape(w, "weight")
    batch, (channels, *in_spatial) = nc_spatial_shape(
        x, op.ONNX_OP_TYPE, channels=w_shape[1] * op.group if len(w_shape) > 1 else None)
    x = with_channels(x, channels)
    rank = len(in_spatial)
    if rank not in _NAMED_INT_CONV:
        raise LoweringError(f"{rank} spatial dims are not supported (1-D, 2-D and 3-D are)")
    if len(w_shape) != rank + 2:
        raise LoweringError(f"weight rank {len(w_shape)} does not match input rank {rank + 2}")
    out_channels, per_group, *kernel = w_shape
    if op.kernel_shape is not None and list(op.kernel_shape) != kernel:
        raise LoweringError(f"kernel_shape {list(op.kernel_shape)} does not match the weight "
                            f"shape {w_shape}")
    group = op.group
    if group < 1 or channels % group or out_channels % group or channels // group != per_group:
        raise LoweringError(f"group={group} is inconsistent with {channels} input channels and "
                            f"weights {w_shape}")
    geometry = window_geometry(in_spatial, kernel, op.strides, op.dilations, op.pads, op.auto_pad)
    i32 = i32_type()
    out_sizes: list[b.Size] = [batch, out_channels, *geometry.output]
    loops = rank + 2
    if bias is not None:
        if b.shape(bias) != [out_channels] or b.element_type(bias) != i32:
            raise LoweringError(f"bias must be tensor<{out_channels}xi32>, got {bias.type}")
        init = b.generic([bias], [b.empty(out_sizes, i32)],
                         [ir.AffineMap.get(loops, 0, [ir.AffineDimExpr.get(1)]),
                          b.identity_map(loops)], ["parallel"] * loops, lambda v, _o: v)[0]
    else:
        init = b.fill(0, b.empty(out_sizes, i32))
    padded = pad_spatial(x, geometry, 0)
    if group == 1:
        return _NAMED_INT_CONV[rank](padded, w, outs=[init], strides=list(geometry.strides),
                                     dilations=list(geometry.dilations))
    spatial = [[i] for i in range(3, 3 + rank)]
    x_g = b.expand(padded, [[0], [1, 2], *spatial],
                   [batch, group, channels // group, *b.sizes(padded)[2:]])
    w_g = b.expand(w, [[0, 1], *[[i] for i in range(2, 3 + rank)]],
                   [group, out_channels // group, per_group, *kernel])
    init_g = b.expand(init, [[0], [1, 2], *spatial],
                      [batch, group, out_channels // group, *geometry.output])
    # Loops: n, g, f, o.. (parallel), c, k.. (reduction).
    n_loops = 4 + 2 * rank
    d = [ir.AffineDimExpr.get(i) for i in range(n_loops)]
    outs, c, ks = list(range(3, 3 + rank)), 3 + rank, list(range(4 + rank, 4 + 2 * rank))
    x_exprs = [d[0], d[1], d[c]] + [d[o] * s + d[k] * dl for o, k, s, dl in
                                    zip(outs, ks, geometry.strides, geometry.dilations)]
    maps = [ir.AffineMap.get(n_loops, 0, x_exprs),
            ir.AffineMap.get(n_loops, 0, [d[1], d[2], d[c], *[d[k] for k in ks]]),
            ir.AffineMap.get(n_loops, 0, [d[0], d[1], d[2], *[d[o] for o in outs]])]
    result = b.generic([x_g, w_g], [init_g], maps,
                       ["parallel"] * (3 + rank) + ["reduction"] * (1 + rank),
                       lambda xv, wv, acc: arith.addi(acc, arith.muli(xv, wv)))[0]
    return b.collapse(result, [[0], [1, 2], *spatial])


@register_pattern
class LowerConvInteger(OnnxLoweringPattern):
    """ConvInteger: zero points subtracted while widening to i32 (w_zero_point per tensor or per
    output channel), then :func:`integer_conv`."""

    op_names = ("onnx.conv_integer",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = subtract_zero_point(op.x, op.x_zero_point)
        w = subtract_zero_point(op.w, _per_channel(op.w_zero_point, b.rank(op.w)))
        return [cast_to_result(integer_conv(op, x, w, None), op.y)]


@register_pattern
class LowerQLinearConv(OnnxLoweringPattern):
    """QLinearConv: the ConvInteger accumulation (starting from the i32 bias), then
    :func:`requantize` with a per-tensor or per-output-channel weight scale."""

    op_names = ("onnx.q_linear_conv",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = subtract_zero_point(op.x, op.x_zero_point)
        w = subtract_zero_point(op.w, _per_channel(op.w_zero_point, b.rank(op.w)))
        acc = integer_conv(op, x, w, op.b)
        rank = b.rank(acc)
        scalar = lambda s: ir.AffineMap.get(rank, 0, [ir.AffineConstantExpr.get(0)] * b.rank(s))
        w_scale = op.w_scale
        if b.rank(w_scale) == 1 and b.shape(w_scale)[0] != 1:
            sc.require_dim(w_scale, 0, b.dim(op.w, 0),
                           "w_scale has {0} elements, but there are {1} output channels")
            w_map = ir.AffineMap.get(rank, 0, [ir.AffineDimExpr.get(1)])
        elif b.rank(w_scale) <= 1:
            w_map = scalar(w_scale)
        else:
            raise LoweringError(f"w_scale must be a scalar or 1-D, got {w_scale.type}")
        out_elem = b.ranked(op.y.type).element_type
        y = requantize(acc, [(op.x_scale, scalar(op.x_scale)), (w_scale, w_map)], op.y_scale,
                       op.y_zero_point, out_elem)
        return [cast_to_result(y, op.y)]


__all__ = ["LowerQuantizeLinear", "LowerDequantizeLinear", "LowerDynamicQuantizeLinear",
           "LowerMatMulInteger", "LowerQLinearMatMul", "LowerConvInteger", "LowerQLinearConv",
           "integer_conv", "param_map", "requantize", "subtract_zero_point"]
