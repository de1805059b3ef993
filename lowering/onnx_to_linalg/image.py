"""Lowering of ONNX sampling ops: GridSample and AffineGrid.

Both are one `linalg.generic` over the output whose body computes coordinates from
`linalg.index` and reads its operands with `tensor.extract` (a gather: the source positions
depend on data, so they cannot be affine indexing maps).

GridSample follows the ONNX reference (which follows PyTorch): the normalized grid coordinate
(x, y[, z] order: the last spatial dim first) is denormalized in the grid's precision, rounded
half to even for ``nearest``, moved inside the borders for ``border``/``reflection`` padding,
and then every tap of the ``nearest`` (1), ``linear`` (2 per dim) or ``cubic`` (4 per dim, Keys
with A = -0.75) kernel is read with the padding mode applied to its integer index (zeros:
out-of-range taps read 0; border: clamped; reflection: reflected).
"""

from __future__ import annotations

import itertools
from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg, math, tensor

from .lib import builders as b
from .lib import shape_checks as sc
from .lib.casting import cast_to_result, float_element_type
from .lib.index_checks import float_to_index
from .lib.runtime_checks import require
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.types import index_constant


def _cst(t: ir.Type, value: float) -> ir.Value:
    return arith.constant(t, ir.FloatAttr.get(t, float(value)))


def _to_index(f: ir.Value) -> ir.Value:
    """Float -> index, truncating toward zero (C++ / Python ``int()``); defined for NaN and
    far-out coordinates (see :func:`.index_checks.float_to_index`), which the taps clamp."""
    return float_to_index(f)


def _to_float(i: ir.Value, t: ir.Type) -> ir.Value:
    return arith.sitofp(t, arith.index_cast(ir.IntegerType.get_signless(64), i))


def _cmpf(pred: str, lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    return arith.cmpf(getattr(arith.CmpFPredicate, pred), lhs, rhs)


def _reflect(x: ir.Value, lo: float | ir.Value, hi: float | ir.Value) -> ir.Value:
    """Reflect ``x`` by the nearer border until it lies in [lo, hi] (the reference's
    ``_gs_reflect``); a zero-width range maps everything to ``lo``. The bounds are floats, or
    values of ``x``'s type when the axis size is only known at run time."""
    t = x.type
    if not isinstance(lo, ir.Value) and not isinstance(hi, ir.Value):
        span = hi - lo
        if span <= 0:
            return _cst(t, lo)
        lo_c, hi_c, span_c = _cst(t, lo), _cst(t, hi), _cst(t, span)
    else:
        lo_c = lo if isinstance(lo, ir.Value) else _cst(t, lo)
        hi_c = hi if isinstance(hi, ir.Value) else _cst(t, hi)
        span_c = arith.subf(hi_c, lo_c)
    two = _cst(t, 2.0)

    def fold(distance: ir.Value, near: ir.Value, far: ir.Value, sign_near: float) -> ir.Value:
        n = math.trunc(arith.divf(distance, span_c))
        r = arith.subf(distance, arith.mulf(n, span_c))
        even = _cmpf("OEQ", arith.remf(n, two), _cst(t, 0.0))
        toward = (arith.addf if sign_near > 0 else arith.subf)
        away = (arith.subf if sign_near > 0 else arith.addf)
        return arith.select(even, toward(near, r), away(far, r))

    below = fold(arith.subf(lo_c, x), lo_c, hi_c, +1.0)
    above = fold(arith.subf(x, hi_c), hi_c, lo_c, -1.0)
    result = arith.select(_cmpf("OLT", x, lo_c), below,
                          arith.select(_cmpf("OGT", x, hi_c), above, x))
    if isinstance(lo, ir.Value) or isinstance(hi, ir.Value):
        result = arith.select(_cmpf("OLE", span_c, _cst(t, 0.0)), lo_c, result)
    return result


def _cubic_weights(t: ir.Value) -> list[ir.Value]:
    """Keys cubic convolution weights (A = -0.75) of the taps at -1, 0, 1, 2 for fraction t."""
    ft = t.type
    a = -0.75
    one = _cst(ft, 1.0)

    def far(u: ir.Value) -> ir.Value:  # ((A u - 5A) u + 8A) u - 4A
        v = arith.subf(arith.mulf(_cst(ft, a), u), _cst(ft, 5 * a))
        v = arith.addf(arith.mulf(v, u), _cst(ft, 8 * a))
        return arith.subf(arith.mulf(v, u), _cst(ft, 4 * a))

    def near(u: ir.Value) -> ir.Value:  # ((A+2) u - (A+3)) u u + 1
        v = arith.subf(arith.mulf(_cst(ft, a + 2), u), _cst(ft, a + 3))
        return arith.addf(arith.mulf(arith.mulf(v, u), u), one)

    q = arith.subf(one, t)
    return [far(arith.addf(t, one)), near(t), near(q), far(arith.addf(q, one))]


@register_pattern
class LowerGridSample(OnnxLoweringPattern):
    """ONNX GridSample (N-D; nearest/linear/cubic; zeros/border/reflection; align_corners):
    one gather `linalg.generic` over [N, C, grid spatial...]."""

    op_names = ("onnx.grid_sample",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, grid = op.x, op.grid
        elem = float_element_type(x, "GridSample")
        grid_elem = float_element_type(grid, "GridSample grid")
        mode, padding, align = op.mode, op.padding_mode, bool(op.align_corners)
        if mode == "bilinear":
            mode = "linear"
        if mode == "bicubic":
            mode = "cubic"
        if mode not in ("nearest", "linear", "cubic"):
            raise LoweringError(f"unsupported GridSample mode '{op.mode}'")
        if padding not in ("zeros", "border", "reflection"):
            raise LoweringError(f"unsupported GridSample padding_mode '{padding}'")
        x_shape, g_shape = b.shape(x), b.shape(grid)
        rank = len(x_shape) - 2
        if rank < 1 or len(g_shape) != rank + 2 or g_shape[-1] not in (rank, b.DYNAMIC):
            raise LoweringError(f"GridSample grid {grid.type} does not fit input {x.type}")
        if g_shape[-1] == b.DYNAMIC:  # the coordinate count is the rank (the cast is checked)
            grid = tensor.cast(b.tensor_type([*g_shape[:-1], rank], b.element_type(grid)), grid)
        spatial = b.sizes(x)[2:]  # ints, or tensor.dim values read at run time
        if any(not isinstance(s, int) for s in spatial):
            # an empty spatial axis would be read at index -1 (clamped taps)
            for i, s in enumerate(spatial):
                if not isinstance(s, int):
                    require(arith.cmpi(arith.CmpIPredicate.sge, s, index_constant(1)),
                            f"GridSample of an empty spatial axis {2 + i}")
        sc.require_dim(grid, 0, b.dim(x, 0), "the grid has batch size {0}, the input {1}")
        out_sizes = [b.dim(x, 0), b.dim(x, 1), *[b.dim(grid, 1 + i) for i in range(rank)]]
        compute = ir.F64Type.get() if isinstance(elem, ir.F64Type) else ir.F32Type.get()
        # The reference denormalizes in the grid's precision (f32 for f32 grids).
        coord_t = ir.F64Type.get() if isinstance(grid_elem, ir.F64Type) else ir.F32Type.get()
        init = b.empty(out_sizes, elem)
        loops = 2 + rank

        def fsize(size: b.Size, delta: float) -> ir.Value:
            """``size + delta`` as a ``coord_t`` scalar (folded when the size is static)."""
            if isinstance(size, int):
                return _cst(coord_t, size + delta)
            value = _to_float(size, coord_t)
            return value if delta == 0 else arith.addf(value, _cst(coord_t, delta))

        def isize(size: b.Size, delta: int) -> ir.Value:
            if isinstance(size, int):
                return index_constant(size + delta)
            return arith.addi(size, index_constant(delta)) if delta else size

        def bounds(size: b.Size) -> tuple[float | ir.Value, float | ir.Value]:
            if isinstance(size, int):
                return (0.0, size - 1.0) if align else (-0.5, size - 0.5)
            return (0.0, fsize(size, -1.0)) if align else (-0.5, fsize(size, -0.5))

        def body(_out: ir.Value) -> ir.Value:
            n, c = linalg.IndexOp(0).result, linalg.IndexOp(1).result
            outs = [linalg.IndexOp(2 + i).result for i in range(rank)]
            coords = []
            for i, size in enumerate(spatial):
                g = tensor.extract(grid, [n, *outs, index_constant(rank - 1 - i)])
                g = b.convert_scalar(g, coord_t)
                one = _cst(coord_t, 1.0)
                if align:  # (g + 1) / 2 * (L - 1)
                    v = arith.mulf(arith.divf(arith.addf(g, one), _cst(coord_t, 2.0)),
                                   fsize(size, -1.0))
                else:  # ((g + 1) * L - 1) / 2
                    v = arith.divf(arith.subf(arith.mulf(arith.addf(g, one),
                                                         fsize(size, 0.0)), one),
                                   _cst(coord_t, 2.0))
                if mode == "nearest":
                    v = math.roundeven(v)
                lo, hi = bounds(size)
                if padding == "border" and mode != "cubic":
                    # Only coordinates outside [lo, hi] are clamped. Cubic leaves the coordinate
                    # alone and clamps each tap (PyTorch, onnxruntime; the ONNX reference
                    # clamps the coordinate too).
                    lo_c = lo if isinstance(lo, ir.Value) else _cst(coord_t, lo)
                    hi_c = hi if isinstance(hi, ir.Value) else _cst(coord_t, hi)
                    outside = arith.ori(_cmpf("OLT", v, lo_c), _cmpf("OGT", v, hi_c))
                    clamped = arith.minimumf(arith.maximumf(v, _cst(coord_t, 0.0)),
                                             fsize(size, -1.0))
                    v = arith.select(outside, clamped, v)
                elif padding == "reflection":
                    v = _reflect(v, lo, hi)
                coords.append(v)

            def tap_index(i: int, index: ir.Value) -> tuple[ir.Value, ir.Value | None]:
                """(safe index, in-range flag for zeros padding) of an integer tap."""
                size = spatial[i]
                clamped = arith.minsi(arith.maxsi(index, index_constant(0)), isize(size, -1))
                if padding == "zeros":
                    inside = arith.andi(
                        arith.cmpi(arith.CmpIPredicate.sge, index, index_constant(0)),
                        arith.cmpi(arith.CmpIPredicate.slt, index, isize(size, 0)))
                    return clamped, inside
                if padding == "reflection":
                    lo, hi = bounds(size)
                    reflected = _to_index(_reflect(_to_float(index, coord_t), lo, hi))
                    return arith.minsi(arith.maxsi(reflected, index_constant(0)),
                                       isize(size, -1)), None
                return clamped, None

            # Per dim: the taps' integer indices and weights.
            per_dim: list[list[tuple[ir.Value, ir.Value | None]]] = []
            for i, v in enumerate(coords):
                if mode == "nearest":
                    per_dim.append([(_to_index(v), None)])
                    continue
                v0 = math.floor(v)
                base = _to_index(v0)
                frac = b.convert_scalar(arith.subf(v, v0), compute)
                if mode == "linear":
                    weights = [arith.subf(_cst(compute, 1.0), frac), frac]
                    offsets = [0, 1]
                else:
                    weights = _cubic_weights(frac)
                    offsets = [-1, 0, 1, 2]
                per_dim.append([(arith.addi(base, index_constant(o)), w)
                                for o, w in zip(offsets, weights)])

            total = None
            zero = _cst(compute, 0.0)
            for combo in itertools.product(*per_dim):
                indices, flags, weight = [], [], None
                for i, (index, w) in enumerate(combo):
                    safe, inside = tap_index(i, index)
                    indices.append(safe)
                    if inside is not None:
                        flags.append(inside)
                    if w is not None:
                        weight = w if weight is None else arith.mulf(weight, w)
                value = b.convert_scalar(tensor.extract(x, [n, c, *indices]), compute)
                if flags:
                    inside = flags[0]
                    for f in flags[1:]:
                        inside = arith.andi(inside, f)
                    value = arith.select(inside, value, zero)
                term = value if weight is None else arith.mulf(weight, value)
                total = term if total is None else arith.addf(total, term)
            return b.convert_scalar(total, elem)

        result = b.generic([], [init], [b.identity_map(loops)], ["parallel"] * loops, body)[0]
        return [cast_to_result(result, op.y)]


@register_pattern
class LowerAffineGrid(OnnxLoweringPattern):
    """ONNX AffineGrid: ``grid[n, (d,) h, w, j] = sum_k theta[n, j, k] * base[k]`` with the base
    (x, y[, z], 1) spread evenly over [-1, 1] (pixel centers unless ``align_corners``). The
    output sizes come from the static result type (``size`` is only read by shape inference)."""

    op_names = ("onnx.affine_grid",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        theta = op.theta
        elem = float_element_type(theta, "AffineGrid")
        t_shape = b.shape(theta)
        result = op.grid.type
        if not isinstance(result, ir.RankedTensorType):
            raise LoweringError("AffineGrid needs a ranked result type")
        out_shape = list(ir.RankedTensorType(result).shape)
        rank = len(out_shape) - 2
        if rank not in (2, 3) or len(t_shape) != 3 or t_shape[1] != rank or \
                t_shape[2] != rank + 1 or out_shape[-1] != rank:
            raise LoweringError(f"AffineGrid theta {theta.type} does not fit result {result}")
        spatial = out_shape[1:-1]
        if any(s == b.DYNAMIC for s in spatial):
            raise LoweringError(f"AffineGrid needs static output spatial sizes, got {result}")
        align = bool(op.align_corners)
        compute = ir.F64Type.get() if isinstance(elem, ir.F64Type) else ir.F32Type.get()
        out_sizes = [b.dim(theta, 0), *spatial, rank]
        init = b.empty(out_sizes, elem)
        loops = rank + 2

        def base_coordinate(index: ir.Value, size: int) -> ir.Value:
            i = _to_float(index, compute)
            if size == 1:  # PyTorch and onnxruntime use 0 (the reference divides by zero)
                return _cst(compute, 0.0)
            if align:  # -1 + 2 i / (L - 1)
                return arith.subf(arith.mulf(i, _cst(compute, 2.0 / (size - 1))),
                                  _cst(compute, 1.0))
            # (2 i + 1) / L - 1
            return arith.subf(arith.divf(arith.addf(arith.mulf(i, _cst(compute, 2.0)),
                                                    _cst(compute, 1.0)),
                                         _cst(compute, float(size))), _cst(compute, 1.0))

        def body(_out: ir.Value) -> ir.Value:
            n = linalg.IndexOp(0).result
            j = linalg.IndexOp(loops - 1).result
            # base = (x, y[, z], 1): x runs over the last spatial dim.
            base = [base_coordinate(linalg.IndexOp(1 + d).result, spatial[d])
                    for d in reversed(range(rank))]
            total = b.convert_scalar(tensor.extract(theta, [n, j, index_constant(rank)]), compute)
            for k, coordinate in enumerate(base):
                t = b.convert_scalar(tensor.extract(theta, [n, j, index_constant(k)]), compute)
                total = arith.addf(total, arith.mulf(t, coordinate))
            return b.convert_scalar(total, elem)

        grid = b.generic([], [init], [b.identity_map(loops)], ["parallel"] * loops, body)[0]
        return [cast_to_result(grid, op.grid)]


__all__ = ["LowerAffineGrid", "LowerGridSample"]
