"""Signal ops: DFT as a contraction with a compile-time DFT matrix, STFT as a gather generic.

DFT. Complex numbers are a trailing dim of 2 (real input: a trailing dim of 1). Every variant
is one contraction over the signal axis ``n`` and the input channel ``ci``::

    y[..., k, ..., co] = sum_{n, ci} x[..., n, ..., ci] * W[co, ci, k, n]

where ``W`` is a constant built with numpy at compile time (float64, then the element type):
forward ``exp(-2 pi i k n / N)``, inverse ``exp(+2 pi i k n / N) / N``, ``onesided`` keeps
``k <= N / 2``, and the one-sided inverse (irfft) folds the Hermitian half back in (weights 2
for the bins that stand for a conjugate pair, real output). ``dft_length`` N shorter than the
signal reads only its first N samples; longer acts as zero padding (W has no column for them).
Every type accumulates in f64 (with f64 coefficients): the sums of N
products of large terms must cancel to near 0 (imaginary parts of real signals), and f32
accumulation leaves errors of 1e-5 where the ONNX tests expect 1e-7.

The ``axis`` operand may be a run-time value: every axis the static result type allows is
computed and the right one chosen by an elementwise `arith.select` on the axis (one candidate
when the result type pins it down, as for a one-sided transform).

STFT. ``out[b, f, k, co] = sum_{n, ci} signal[b, f * step + n, ci] * window[n] * W(co, ci, k, n)``
with the frame step and frame length possibly run-time values: one `linalg.generic` over
(b, f, k, co, n, ci) reads the signal with `tensor.extract` at ``f * step + n`` (0 past the
end) and computes the DFT coefficient from `linalg.index` values (``cos``/``sin`` of
``2 pi ((k n) mod N) / N``). Without a window, a `linalg.fill` of ones of the frame length is
the window (its size is the run-time extent of ``n``).
"""

from __future__ import annotations

import math as pymath
from typing import Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith, math, tensor

from .lib import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.index_checks import require_one_element
from .lib.runtime_checks import require
from .lib.casting import convert_tensor
from .lib.reduction_common import loop_index
from .lib.constants import constant_ints


def _float_elem(value: ir.Value, what: str) -> ir.Type:
    elem = b.element_type(value)
    if not b.is_float(elem):
        raise LoweringError(f"{what} must be a float tensor, got {value.type}")
    return elem


def dft_matrix(n_len: int, used: int, k_len: int, cin: int, cout: int, inverse: bool,
               onesided: bool) -> np.ndarray:
    """W[co, ci, k, n] (float64) for a transform of length ``n_len`` reading ``used`` input
    positions and writing ``k_len`` outputs (see module docstring)."""
    n = np.arange(used)[None, :]
    k = np.arange(k_len)[:, None]
    w = np.zeros((cout, cin, k_len, used))
    if inverse and onesided:
        # irfft: x[n] = 1/N sum_k w_k (Re X_k cos - Im X_k sin), k <= N/2, n the output index.
        theta = 2 * np.pi * ((k * n) % n_len) / n_len  # [output sample, bin]
        weight = np.full(used, 2.0)
        weight[0] = 1.0
        if n_len % 2 == 0 and n_len // 2 < used:
            weight[n_len // 2] = 1.0
        w[0, 0] = weight * np.cos(theta) / n_len
        if cin == 2:
            w[0, 1] = -weight * np.sin(theta) / n_len
        return w
    theta = 2 * np.pi * ((k * n) % n_len) / n_len
    sign = 1.0 if inverse else -1.0
    scale = 1.0 / n_len if inverse else 1.0
    c, s = np.cos(theta) * scale, np.sin(theta) * scale
    w[0, 0] = c
    w[1, 0] = sign * s
    if cin == 2:
        w[0, 1] = -sign * s
        w[1, 1] = c
    return w


def dft_along(x: ir.Value, axis: int, n_len: int, k_len: int, cout: int, inverse: bool,
              onesided: bool) -> ir.Value:
    """The DFT of ``x`` along ``axis`` (static length), result in the accumulator type."""
    r = b.rank(x)
    elem = b.element_type(x)
    acc = ir.F64Type.get()  # see module docstring
    cin = b.shape(x)[-1]
    length = b.shape(x)[axis]
    if length == b.DYNAMIC:
        raise LoweringError("the DFT axis must have a static length")
    used = min(length, n_len // 2 + 1 if (inverse and onesided) else n_len)
    if used < length:
        sizes = b.sizes(x)
        sizes[axis] = used
        from .lib.movement_common import extract_slice

        x = extract_slice(x, [0] * r, sizes)
    w = b.dense_constant(dft_matrix(n_len, used, k_len, cin, cout, inverse, onesided), acc)
    sizes = b.sizes(x)
    sizes[axis] = k_len
    sizes[-1] = cout
    init = b.fill(0.0, b.empty(sizes, acc))
    loops = r + 2  # output dims, then n, then ci
    dims = [ir.AffineDimExpr.get(d) for d in range(loops)]
    x_map = ir.AffineMap.get(loops, 0, [dims[r] if d == axis else dims[r + 1] if d == r - 1
                                        else dims[d] for d in range(r)])
    w_map = ir.AffineMap.get(loops, 0, [dims[r - 1], dims[r + 1], dims[axis], dims[r]])
    out_map = ir.AffineMap.get(loops, 0, dims[:r])

    def body(xv, wv, out):
        if xv.type != acc:
            xv = b.convert_scalar(xv, acc)
        return arith.addf(out, arith.mulf(xv, wv))

    return b.generic([x, w], [init], [x_map, w_map, out_map],
                     ["parallel"] * r + ["reduction", "reduction"], body)[0]


def _scalar_int(value: ir.Value | None, what: str) -> int | None:
    if value is None:
        return None
    vals = constant_ints(value)
    if vals is None:
        return None
    if len(vals) != 1:
        raise LoweringError(f"{what} must hold one value, got {len(vals)}")
    return vals[0]


@register_pattern
class LowerDFT(OnnxLoweringPattern):
    """DFT -> contraction with a constant DFT matrix (see module docstring)."""

    op_names = ("onnx.dft",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.input
        elem = _float_elem(x, "DFT input")
        inverse, onesided = bool(op.inverse), bool(op.onesided)
        r = b.rank(x)
        cin = b.shape(x)[-1]
        if r < 2 or cin not in (1, 2):
            raise LoweringError(f"DFT input must end in a dim of 1 (real) or 2 (complex), "
                                f"got {x.type}")
        out_type = ir.RankedTensorType(op.operation.results[0].type)
        out_shape = list(out_type.shape)
        cout = 1 if (inverse and onesided) else 2
        if len(out_shape) != r or out_shape[-1] not in (cout, b.DYNAMIC):
            raise LoweringError(f"DFT result type {out_type} does not match the input {x.type}")
        if inverse and onesided and cin != 2:
            raise LoweringError("a one-sided inverse DFT takes a complex input (last dim 2)")
        in_shape = b.shape(x)
        if op.axis is None:
            axis_const: int | None = -2
        else:
            axis_const = _scalar_int(op.axis, "DFT axis")
        candidates = list(range(r - 1))
        if axis_const is not None:
            if not -r <= axis_const <= r - 2 or axis_const == -1:
                raise LoweringError(f"DFT axis {axis_const} is out of range for rank {r}")
            candidates = [axis_const % r]
        n_given = _scalar_int(op.dft_length, "dft_length")
        if op.dft_length is not None and n_given is None and any(
                out_shape[a] == b.DYNAMIC for a in candidates):
            raise LoweringError("a run-time dft_length needs a static result type")

        plans = []  # (axis, N, K)
        for a in candidates:
            length = in_shape[a]
            if length == b.DYNAMIC:
                continue
            if n_given is not None:
                n_len = n_given
            elif op.dft_length is not None:  # run-time value: deduce it from the result type
                k_out = out_shape[a]
                if onesided and not inverse:
                    raise LoweringError("a run-time dft_length of a one-sided DFT is ambiguous")
                n_len = k_out
            else:
                n_len = 2 * (length - 1) if (inverse and onesided) else length
            if n_len < 1:
                continue
            k_len = n_len // 2 + 1 if (onesided and not inverse) else n_len
            expect = list(in_shape)
            expect[a] = k_len
            expect[-1] = cout
            if any(e != o and b.DYNAMIC not in (e, o) for e, o in zip(expect, out_shape)):
                continue
            plans.append((a, n_len, k_len))
        if not plans:
            raise LoweringError(f"no DFT axis gives the result type {out_type} from {x.type}")
        self._require_plan(op, r, plans, axis_const is None, op.dft_length is not None
                           and n_given is None)
        results = [dft_along(x, a, n_len, k_len, cout, inverse, onesided)
                   for a, n_len, k_len in plans]
        result = results[0]
        if len(plans) > 1:
            result = self._select_axis(op.axis, r, [p[0] for p in plans], results)
        result = convert_tensor(result, elem)
        if result.type != out_type:
            result = tensor.cast(out_type, result)
        return [result]

    @staticmethod
    def _require_plan(op, rank: int, plans: list[tuple[int, int, int]], runtime_axis: bool,
                      runtime_length: bool) -> None:
        """A run-time axis must name one of the planned axes (the static result type allows
        them), and a run-time dft_length the length planned for it."""
        if not (runtime_axis or runtime_length):
            return
        i64 = ir.IntegerType.get_signless(64)
        zero = arith.constant(ir.IndexType.get(), 0)

        def read(v: ir.Value) -> ir.Value:
            require_one_element(v, "axis" if v == op.axis else "dft_length")
            return b.convert_scalar(tensor.extract(v, [zero] * b.rank(v)), i64)

        axis = read(op.axis) if runtime_axis else None
        if axis is not None:
            negative = arith.cmpi(arith.CmpIPredicate.slt, axis, arith.constant(i64, 0))
            axis = arith.select(negative, arith.addi(axis, arith.constant(i64, rank)), axis)
        length = read(op.dft_length) if runtime_length else None
        ok = None
        for a, n_len, _ in plans:
            match = arith.constant(ir.IntegerType.get_signless(1), 1)
            if axis is not None:
                match = arith.andi(match, arith.cmpi(arith.CmpIPredicate.eq, axis,
                                                     arith.constant(i64, a)))
            if length is not None:
                match = arith.andi(match, arith.cmpi(arith.CmpIPredicate.eq, length,
                                                     arith.constant(i64, n_len)))
            ok = match if ok is None else arith.ori(ok, match)
        shown = [v for v in (axis, length) if v is not None]
        what = " and ".join(w for w, v in (("axis {}", axis), ("dft_length {}", length))
                            if v is not None)
        what = what.format(*[f"{{{i}}}" for i in range(len(shown))])
        require(ok, f"{what} do not match the static result type", *shown)

    @staticmethod
    def _select_axis(axis: ir.Value, rank: int, axes: list[int], results: list[ir.Value]):
        """Elementwise select among same-shaped ``results`` by the run-time ``axis`` value."""
        shapes = {tuple(b.shape(v)) for v in results}
        if len(shapes) != 1:
            raise LoweringError("the run-time DFT axis selects between results of different "
                                "shapes")
        i64 = ir.IntegerType.get_signless(64)
        zero = arith.constant(ir.IndexType.get(), 0)
        a = tensor.extract(axis, [zero] * b.rank(axis))
        a = b.convert_scalar(a, i64)
        neg = arith.cmpi(arith.CmpIPredicate.slt, a, arith.constant(i64, 0))
        a = arith.select(neg, arith.addi(a, arith.constant(i64, rank)), a)
        preds = [arith.cmpi(arith.CmpIPredicate.eq, a, arith.constant(i64, ax)) for ax in axes]
        r = b.rank(results[0])

        def body(*vals):
            chosen = vals[len(results) - 1]
            for p, v in zip(reversed(preds[:-1]), reversed(vals[:len(results) - 1])):
                chosen = arith.select(p, v, chosen)
            return chosen

        init = b.empty(b.sizes(results[0]), b.element_type(results[0]))
        return b.generic(results, [init], [b.identity_map(r)] * (len(results) + 1),
                         ["parallel"] * r, body)[0]


def _to_index(v: ir.Value) -> ir.Value:
    return arith.index_cast(ir.IndexType.get(), b.convert_scalar(v, ir.IntegerType.get_signless(64)))


@register_pattern
class LowerSTFT(OnnxLoweringPattern):
    """STFT -> one gather generic with run-time DFT coefficients (see module docstring)."""

    op_names = ("onnx.stft",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.signal
        elem = _float_elem(x, "STFT signal")
        acc = ir.F64Type.get()  # see module docstring
        if b.rank(x) != 3 or b.shape(x)[-1] not in (1, 2):
            raise LoweringError(f"STFT signal must be [batch, length, 1 or 2], got {x.type}")
        out_type = ir.RankedTensorType(op.operation.results[0].type)
        shape = list(out_type.shape)
        if len(shape) != 4 or shape[1] == b.DYNAMIC or shape[2] == b.DYNAMIC:
            raise LoweringError(f"STFT needs a result type with static frame and bin counts, "
                                f"got {out_type}")
        cin = b.shape(x)[-1]
        idx = ir.IndexType.get()
        zero = arith.constant(idx, 0)

        def scalar_index(v: ir.Value, what: str) -> ir.Value:
            if any(d != 1 for d in b.shape(v)):
                raise LoweringError(f"{what} must hold one value, got {v.type}")
            return _to_index(tensor.extract(v, [zero] * b.rank(v)))

        step = scalar_index(op.frame_step, "frame_step")
        require(arith.cmpi(arith.CmpIPredicate.sgt, step, zero), "frame_step {0} is not positive",
                step)
        # The frame length: the window's, else frame_length, else the whole signal. It is read
        # (and checked) before the window is built: a huge run-time length must not allocate.
        given = scalar_index(op.frame_length, "frame_length") \
            if op.frame_length is not None else None
        if given is not None:
            require(arith.cmpi(arith.CmpIPredicate.sgt, given, zero),
                    "frame_length {0} is not positive", given)
        if op.window is not None:
            if b.rank(op.window) != 1:
                raise LoweringError(f"STFT window must be 1-D, got {op.window.type}")
            n_len = b.dim(op.window, 0)
            n_len = arith.constant(idx, n_len) if isinstance(n_len, int) else n_len
            if given is not None:
                require(arith.cmpi(arith.CmpIPredicate.eq, given, n_len),
                        "frame_length {0} differs from the window length {1}", given, n_len)
        else:
            n_len = given if given is not None else b.dim(x, 1)
            n_len = arith.constant(idx, n_len) if isinstance(n_len, int) else n_len
        length = b.dim(x, 1)
        length = arith.constant(idx, length) if isinstance(length, int) else length
        self._require_frames(n_len, length, step, shape[1], shape[2], bool(op.onesided))
        window = convert_tensor(op.window, acc) if op.window is not None \
            else b.fill(1.0, b.empty([n_len], acc))
        batch = b.dim(x, 0)
        init = b.fill(0.0, b.empty([batch, shape[1], shape[2], 2], acc))
        # loops: b f k co n ci
        d = [ir.AffineDimExpr.get(i) for i in range(6)]
        w_map = ir.AffineMap.get(6, 0, [d[4]])
        out_map = ir.AffineMap.get(6, 0, d[:4])
        cin_dummy = b.empty([cin], acc)  # gives the ci loop its extent
        ci_map = ir.AffineMap.get(6, 0, [d[5]])
        f_acc = acc
        two_pi = arith.constant(f_acc, ir.FloatAttr.get(f_acc, 2 * pymath.pi))
        i64 = ir.IntegerType.get_signless(64)
        n_len_f = arith.sitofp(f_acc, arith.index_cast(i64, n_len))

        def body(wv, _ci, out):
            bi, fi, ki, co, ni, ci = (loop_index(i) for i in range(6))
            pos = arith.addi(arith.muli(fi, step), ni)
            inside = arith.cmpi(arith.CmpIPredicate.ult, pos, length)
            safe = arith.select(inside, pos, zero)
            xv = tensor.extract(x, [bi, safe, ci])
            xv = b.convert_scalar(xv, acc) if xv.type != acc else xv
            xv = arith.select(inside, xv, arith.constant(acc, ir.FloatAttr.get(acc, 0.0)))
            kn = arith.remui(arith.muli(ki, ni), n_len)
            theta = arith.divf(arith.mulf(two_pi, arith.sitofp(f_acc, arith.index_cast(i64, kn))),
                               n_len_f)
            c, s = math.cos(theta), math.sin(theta)
            ms = arith.negf(s)
            # forward: re = xr cos + xi sin, im = -xr sin + xi cos
            one = arith.constant(idx, 1)
            is_im = arith.cmpi(arith.CmpIPredicate.eq, co, one)
            is_xi = arith.cmpi(arith.CmpIPredicate.eq, ci, one)
            coef_r = arith.select(is_xi, s, c)
            coef_i = arith.select(is_xi, c, ms)
            coef = arith.select(is_im, coef_i, coef_r)
            return arith.addf(out, arith.mulf(arith.mulf(xv, wv), coef))

        result = b.generic([window, cin_dummy], [init], [w_map, ci_map, out_map],
                           ["parallel"] * 4 + ["reduction"] * 2, body)[0]
        result = convert_tensor(result, elem)
        if result.type != out_type:
            result = tensor.cast(out_type, result)
        return [result]


    @staticmethod
    def _require_frames(n_len: ir.Value, length: ir.Value, step: ir.Value, frames: int,
                        bins: int, onesided: bool) -> None:
        """The static result sizes stand for the run-time frame length and step: a frame length
        in [1, signal length], ``1 + (length - n_len) / step`` frames, ``n_len`` bins
        (``n_len / 2 + 1`` one-sided). (The length also divides the DFT coefficients' index.)"""
        idx = ir.IndexType.get()

        def c(v: int) -> ir.Value:
            return arith.constant(idx, v)

        positive = arith.cmpi(arith.CmpIPredicate.sgt, n_len, c(0))
        require(arith.andi(positive, arith.cmpi(arith.CmpIPredicate.sle, n_len, length)),
                "frame length {0} is out of range [1, {1}] (the signal length)", n_len, length)
        safe_step = arith.select(arith.cmpi(arith.CmpIPredicate.sgt, step, c(0)), step, c(1))
        count = arith.addi(arith.floordivsi(arith.subi(length, n_len), safe_step), c(1))
        require(arith.cmpi(arith.CmpIPredicate.eq, count, c(frames)),
                f"the signal gives {{0}} frames, but the result type says {frames}", count)
        want = arith.addi(arith.divsi(n_len, c(2)), c(1)) if onesided else n_len
        require(arith.cmpi(arith.CmpIPredicate.eq, want, c(bins)),
                f"the frame length gives {{0}} bins, but the result type says {bins}", want)


@register_pattern
class LowerMelWeightMatrix(OnnxLoweringPattern):
    """MelWeightMatrix -> one generic over [spectrogram bin j, mel bin i] computing the three
    triangle edges of mel bin i from the run-time scalars (as the ONNX reference does, in f64:
    ``num_mel_bins + 2`` points equally spaced in mel, mel -> Hz, Hz -> bin by
    ``floor((dft_length + 1) * hz / sample_rate)``) and the triangle's value at j. The result
    type (static, from shape inference) gives both extents."""

    op_names = ("onnx.mel_weight_matrix",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        out_type = ir.RankedTensorType(op.operation.results[0].type)
        elem = out_type.element_type
        if out_type.rank != 2 or not out_type.has_static_shape:
            raise LoweringError(f"MelWeightMatrix needs a static 2-D result type, got {out_type}")
        f64 = ir.F64Type.get()
        zero = arith.constant(ir.IndexType.get(), 0)

        def scalar(v: ir.Value, what: str) -> ir.Value:
            if any(d != 1 for d in b.shape(v)):
                raise LoweringError(f"{what} must hold one value, got {v.type}")
            value = tensor.extract(v, [zero] * b.rank(v))
            return b.convert_scalar(value, f64, unsigned=b.is_unsigned(b.element_type(v)))

        mels = scalar(op.num_mel_bins, "num_mel_bins")
        n_fft = scalar(op.dft_length, "dft_length")
        rate = scalar(op.sample_rate, "sample_rate")
        lo_hz = scalar(op.lower_edge_hertz, "lower_edge_hertz")
        hi_hz = scalar(op.upper_edge_hertz, "upper_edge_hertz")

        def c(v: float) -> ir.Value:
            return arith.constant(f64, ir.FloatAttr.get(f64, v))

        ln10 = pymath.log(10.0)

        def hz_to_mel(h):
            return arith.divf(arith.mulf(c(2595.0), math.log1p(arith.divf(h, c(700.0)))),
                              c(ln10))

        lo_mel = hz_to_mel(lo_hz)
        step = arith.divf(arith.subf(hz_to_mel(hi_hz), lo_mel), arith.addf(mels, c(2.0)))
        scale = arith.addf(n_fft, c(1.0))
        i64 = ir.IntegerType.get_signless(64)
        init = b.empty(list(out_type.shape), b.signless(elem))

        def edge(m):
            mel = arith.addf(arith.mulf(m, step), lo_mel)
            hz = arith.mulf(c(700.0), math.expm1(arith.mulf(arith.divf(mel, c(2595.0)), c(ln10))))
            return math.floor(arith.divf(arith.mulf(scale, hz), rate))

        def body(_out):
            j = arith.sitofp(f64, arith.index_cast(i64, loop_index(0)))
            i = arith.sitofp(f64, arith.index_cast(i64, loop_index(1)))
            lo = edge(i)
            ce = edge(arith.addf(i, c(1.0)))
            hi = edge(arith.addf(i, c(2.0)))
            pred = lambda p, x, y: arith.cmpf(getattr(arith.CmpFPredicate, p.upper()), x, y)  # noqa: E731
            rise_w = arith.subf(ce, lo)
            rising = arith.select(pred("oeq", rise_w, c(0.0)),
                                  arith.select(pred("oeq", j, ce), c(1.0), c(0.0)),
                                  arith.select(arith.andi(pred("oge", j, lo), pred("ole", j, ce)),
                                               arith.divf(arith.subf(j, lo), rise_w), c(0.0)))
            fall_w = arith.subf(hi, ce)
            falling = arith.andi(pred("ogt", fall_w, c(0.0)),
                                 arith.andi(pred("oge", j, ce), pred("olt", j, hi)))
            value = arith.select(falling, arith.divf(arith.subf(hi, j), fall_w), rising)
            return b.convert_scalar(value, b.signless(elem))

        result = b.generic([], [init], [b.identity_map(2)], ["parallel", "parallel"], body)[0]
        return [b.from_signless(result, out_type)]


__all__ = ["LowerDFT", "LowerMelWeightMatrix", "LowerSTFT", "dft_matrix"]
