"""Size limits of the compiler: the largest tensor a model may declare or compute.

A tensor whose element count overflows int64 cannot be laid out at all (LLVM asserts while
computing its strides), and one of several terabytes compiles but cannot be allocated at run time.
Both are rejected with a typed error at the ONNX node, before lowering: at import for declared and
ONNX-inferred types, in ``onnx-shape-inference`` and ``onnx-constant-fold`` for computed ones.

The byte limit is :data:`DEFAULT_MAX_TENSOR_BYTES` (64 GiB: more than any single weight or
activation of today's models, less than the memory of the hosts that would run them), overridden
by the environment variable ``ONNX_MLIR_MAX_TENSOR_BYTES`` (a byte count, e.g. ``1099511627776``).
"""

from __future__ import annotations

import os
from typing import Sequence

DEFAULT_MAX_TENSOR_BYTES = 1 << 36
MAX_TENSOR_BYTES_ENV = "ONNX_MLIR_MAX_TENSOR_BYTES"
INT64_MAX = (1 << 63) - 1


def max_tensor_bytes() -> int:
    """The byte limit in force (the environment variable, else the default)."""
    text = os.environ.get(MAX_TENSOR_BYTES_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_TENSOR_BYTES
    try:
        value = int(text, 0)
    except ValueError:
        value = -1
    if value <= 0:
        from .errors import OnnxMlirError

        raise OnnxMlirError(f"{MAX_TENSOR_BYTES_ENV}='{text}' is not a positive byte count")
    return value


def _human(n: int) -> str:
    for unit, shift in (("EiB", 60), ("PiB", 50), ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            return f"{n / (1 << shift):.3g} {unit}"
    return f"{n} bytes"


def tensor_size_problem(static_dims: Sequence[int], element_bits: int) -> str | None:
    """Why a tensor with these static dims (dynamic ones left out) and element width is too
    large, or None when it is not. Elements narrower than a byte count as a byte (the CPU
    runtime stores them one per byte)."""
    count = 1
    for d in static_dims:
        count *= d
    if count > INT64_MAX:
        shape = "x".join(str(d) for d in static_dims)
        return f"its {shape} elements overflow a 64-bit element count"
    size = count * max(1, (element_bits + 7) // 8)
    limit = max_tensor_bytes()
    if size > limit:
        return (f"it would take {_human(size)} ({count} elements), more than the "
                f"{_human(limit)} a tensor may hold (set {MAX_TENSOR_BYTES_ENV} to raise it)")
    return None


def element_bits(element) -> int:
    """Bits of an MLIR element type (complex: both parts; strings and others: a pointer)."""
    from mlir import ir

    if isinstance(element, ir.ComplexType):
        return 2 * element_bits(element.element_type)
    if isinstance(element, ir.IntegerType):
        return element.width
    return getattr(element, "width", 64)


def type_size_problem(t) -> str | None:
    """:func:`tensor_size_problem` of an MLIR ranked tensor type (its static dims)."""
    from mlir import ir

    static = [d for d in t.shape if not ir.ShapedType.is_dynamic_size(d)]
    return tensor_size_problem(static, element_bits(t.element_type))
