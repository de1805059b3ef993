"""The project's result for the float -> integer conversions that ONNX leaves undefined, in numpy.

ONNX's Cast says "floating point to fixed point: undefined if OOR" (out of range), and numpy's
own ``astype`` of such values differs between CPUs (AVX2 and AVX-512 hosts disagree). The
compiled code defines it (``lowering/onnx_to_linalg/lib/float_to_int.py``), and this module states the
same definition for the places that compute it outside compiled code: the constant folder, the
tests and the conformance runner.

* in range: truncation toward zero;
* NaN: 0;
* below the target's range (``-inf`` included): the smallest value (0 for unsigned types);
* above it (``+inf`` included): the largest value, for 2/4-bit targets too (int4: 7, uint2: 3).

Every step here is exact and defined in numpy (float64 comparisons, conversions of in-range
values only), so the result does not depend on the CPU either.
"""

from __future__ import annotations

import numpy as np

_SUB_BYTE = {"int2": (2, False), "uint2": (2, True), "int4": (4, False), "uint4": (4, True)}


def is_float_dtype(dtype) -> bool:
    """numpy floats, bfloat16 and the float8 types of ml_dtypes."""
    dt = np.dtype(dtype)
    return dt.kind == "f" or dt.name == "bfloat16" or dt.name.startswith("float8_")


def is_integer_dtype(dtype) -> bool:
    """numpy integers (not bool) and the 2/4-bit integers of ml_dtypes."""
    dt = np.dtype(dtype)
    return dt.kind in "iu" or dt.name in _SUB_BYTE


def integer_range(dtype) -> tuple[int, int]:
    """Smallest and largest value of an integer dtype (ml_dtypes' 2/4-bit types included)."""
    dt = np.dtype(dtype)
    if dt.name in _SUB_BYTE:
        width, unsigned = _SUB_BYTE[dt.name]
    elif dt.kind in "iu":
        width, unsigned = dt.itemsize * 8, dt.kind == "u"
    else:
        raise TypeError(f"not an integer dtype: {dt}")
    if unsigned:
        return 0, (1 << width) - 1
    return -(1 << (width - 1)), (1 << (width - 1)) - 1


def _as_float64(x) -> np.ndarray:
    return np.asarray(x).astype(np.float64)  # exact for every float type, float8 and bf16 too


def float_to_int_out_of_range(x, dtype) -> np.ndarray:
    """Mask of the elements of float array ``x`` whose conversion to ``dtype`` ONNX leaves
    undefined: NaN, infinities, and values whose truncation is outside the range of ``dtype``."""
    return ~_in_range(np.trunc(_as_float64(x)), *integer_range(dtype))


def _in_range(t: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """``lo <= t <= hi`` for integral float64 ``t``, compared against float64 bounds that are
    exact (``hi`` itself is not for 64-bit types; ``hi + 1`` is a power of two). False for NaN."""
    with np.errstate(invalid="ignore"):
        return (t >= float(lo)) & (t < float(hi + 1))


def float_to_int(x, dtype) -> np.ndarray:
    """``x`` (any float type) converted to the integer ``dtype`` with the project's semantics:
    truncation toward zero, saturation to the range of ``dtype``, NaN -> 0."""
    dt = np.dtype(dtype)
    lo, hi = integer_range(dt)
    t = np.trunc(_as_float64(x))
    in_range = _in_range(t, lo, hi)
    with np.errstate(invalid="ignore"):
        too_low, too_high = t < float(lo), t >= float(hi + 1)
    safe = np.where(in_range, t, 0.0)
    if dt == np.uint64:
        out = safe.astype(np.uint64)  # in [0, 2**64): defined
    else:
        out = safe.astype(np.int64)  # in the range of dtype, a subset of int64's
    out = np.where(too_low, np.array(lo).astype(out.dtype), out)
    out = np.where(too_high, np.array(hi).astype(out.dtype), out)
    return out.astype(dt)
