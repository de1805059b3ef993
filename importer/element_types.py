"""MLIR element types back to ONNX data types and numpy dtypes (the reverse of
``dialects.onnx_types``), for exporting onnx ops to ONNX protobuf and reading constants."""

from __future__ import annotations

import weakref

import numpy as np
from mlir import ir
from onnx import TensorProto

from ..dialects.onnx_types import _ONNX_TO_MLIR

# Printed MLIR element type -> ONNX data type; built lazily (building types needs a context).
_BY_NAME: dict[str, int] = {}


def _names() -> dict[str, int]:
    if not _BY_NAME:
        with ir.Context():
            for code, (make, _) in _ONNX_TO_MLIR.items():
                if code == TensorProto.STRING:
                    continue  # !onnx.string needs the dialect; handled by name below
                _BY_NAME.setdefault(str(make()), code)
        _BY_NAME["!onnx.string"] = TensorProto.STRING
    return _BY_NAME


# Per context: hash of a uniqued type (its pointer) -> ONNX code. Weak in the context, and
# holding no Type, so a dead context's entries cannot be hit by a later context's types.
_BY_TYPE: "weakref.WeakKeyDictionary[ir.Context, dict[int, int | None]]" = weakref.WeakKeyDictionary()


def onnx_dtype_of(element_type: ir.Type) -> int | None:
    """The ONNX ``TensorProto.DataType`` of an MLIR element type, or None."""
    table = _BY_TYPE.get(element_type.context)
    if table is None:
        table = _BY_TYPE[element_type.context] = {}
    key = hash(element_type)
    if key not in table:
        table[key] = _names().get(str(element_type))
    return table[key]


def numpy_dtype_of(element_type: ir.Type) -> np.dtype | None:
    """The numpy dtype holding elements of ``element_type`` (None for bf16, fp8, 4-bit)."""
    code = onnx_dtype_of(element_type)
    if code is None:
        return None
    dtype = _ONNX_TO_MLIR[code][1]
    return None if dtype is None else np.dtype(dtype)
