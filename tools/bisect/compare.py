"""Compare one value computed by the compiled model with the reference's.

Integers and bools must be equal. Floats agree when ``|ours - ref| <= atol + rtol * |ref|``, or
both are NaN (ONNX leaves the NaN payload, and often the NaN itself, to the implementation: two
NaNs are one answer), or both are the same infinity. Floats narrower than f32 (f16, bf16, the
float8 formats) get at least ``4 * eps`` of their type as rtol and atol: they are usually
computed in f32 and rounded, and one rounding step apart is not a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

import ml_dtypes
import numpy as np

_F32_EPS = float(np.finfo(np.float32).eps)
_LOW_PRECISION_ULPS = 4


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float

    def for_dtype(self, dtype: np.dtype) -> "Tolerance":
        """The tolerance used for floats of ``dtype`` (widened for types narrower than f32)."""
        eps = float(ml_dtypes.finfo(dtype).eps)
        if eps <= _F32_EPS:
            return self
        floor = _LOW_PRECISION_ULPS * eps
        return Tolerance(max(self.rtol, floor), max(self.atol, floor))


def is_float(dtype: np.dtype) -> bool:
    """numpy floats and the ml_dtypes ones (bfloat16, float8_*), which numpy does not call floats."""
    try:
        ml_dtypes.finfo(dtype)
    except (ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class ValueComparison:
    """How one value of ours compares with the reference's.

    ``problem`` is set when the values cannot be compared element by element (shape or dtype
    differ); otherwise ``mismatches`` counts elements out of tolerance and ``first_index`` (an
    index into the shape) with ``ours_at_first``/``ref_at_first`` shows the first of them."""

    name: str
    ours_dtype: np.dtype
    ours_shape: tuple[int, ...]
    ref_dtype: np.dtype
    ref_shape: tuple[int, ...]
    tolerance: Tolerance | None  # None: compared exactly
    problem: str | None = None
    mismatches: int = 0
    max_abs_diff: float = 0.0
    max_rel_diff: float = 0.0
    first_index: tuple[int, ...] | None = None
    ours_at_first: object = None
    ref_at_first: object = None

    @property
    def agrees(self) -> bool:
        return self.problem is None and self.mismatches == 0

    @property
    def size(self) -> int:
        return int(np.prod(self.ref_shape, dtype=np.int64))


def compare_values(name: str, ours: np.ndarray, ref: np.ndarray, tolerance: Tolerance) -> ValueComparison:
    ours, ref = np.asarray(ours), np.asarray(ref)
    header = dict(name=name, ours_dtype=ours.dtype, ours_shape=tuple(ours.shape),
                  ref_dtype=ref.dtype, ref_shape=tuple(ref.shape))
    floating = is_float(ref.dtype)
    exact = not floating and ref.dtype.kind != "c"
    tol = None if exact else (tolerance.for_dtype(ref.dtype) if floating else tolerance)
    if ours.dtype != ref.dtype:
        return ValueComparison(**header, tolerance=tol,
                               problem=f"dtype {ours.dtype}, reference {ref.dtype}")
    if ours.shape != ref.shape:
        return ValueComparison(**header, tolerance=tol,
                               problem=f"shape {list(ours.shape)}, reference {list(ref.shape)}")
    if exact:
        wide = np.int64 if ref.dtype.kind != "u" else np.uint64
        a, b = ours.astype(wide), ref.astype(wide)
        mismatch = a != b
        with np.errstate(over="ignore"):
            diff = np.abs(a.astype(np.float64) - b.astype(np.float64))
    else:
        wide = np.complex128 if ref.dtype.kind == "c" else np.float64
        a, b = ours.astype(wide), ref.astype(wide)
        with np.errstate(invalid="ignore", over="ignore"):
            same = (a == b) | (np.isnan(a) & np.isnan(b))
            diff = np.where(same, 0.0, np.abs(a - b))
            diff = np.where(np.isnan(diff), np.inf, diff)  # a NaN on one side only
            mismatch = diff > tol.atol + tol.rtol * np.abs(b)
    return _summary(header, tol, a, b, diff, mismatch)


def _summary(header: dict, tol: Tolerance | None, a: np.ndarray, b: np.ndarray, diff: np.ndarray,
             mismatch: np.ndarray) -> ValueComparison:
    count = int(np.count_nonzero(mismatch))
    if diff.size == 0:
        return ValueComparison(**header, tolerance=tol)
    with np.errstate(divide="ignore", invalid="ignore"):
        magnitude = np.abs(b)
        # Relative to a zero reference is undefined: those elements show in the absolute diff.
        rel = np.where((diff == 0) | (magnitude == 0), 0.0,
                       np.where(np.isfinite(magnitude), diff / magnitude, np.inf))
    result = dict(mismatches=count, max_abs_diff=float(diff.max()), max_rel_diff=float(rel.max()))
    if count:
        flat = int(np.flatnonzero(mismatch)[0])
        index = tuple(int(i) for i in np.unravel_index(flat, mismatch.shape))
        result.update(first_index=index, ours_at_first=a.reshape(-1)[flat].item(),
                      ref_at_first=b.reshape(-1)[flat].item())
    return ValueComparison(**header, tolerance=tol, **result)
