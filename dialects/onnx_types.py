"""Element types of the `onnx` dialect and their ONNX / numpy counterparts.

Signed integers are signless (`iN`) so that arith ops apply directly; unsigned integers keep their
signedness (`uiN`) in the onnx dialect, and lowerings pick unsigned arith ops for them.
"""

from __future__ import annotations

import numpy as np
from mlir import ir
from onnx import TensorProto

# ONNX TensorProto.DataType -> (MLIR type builder, numpy dtype or None)
_ONNX_TO_MLIR = {
    TensorProto.FLOAT: (lambda: ir.F32Type.get(), np.float32),
    TensorProto.DOUBLE: (lambda: ir.F64Type.get(), np.float64),
    TensorProto.FLOAT16: (lambda: ir.F16Type.get(), np.float16),
    TensorProto.BFLOAT16: (lambda: ir.BF16Type.get(), None),
    TensorProto.INT8: (lambda: ir.IntegerType.get_signless(8), np.int8),
    TensorProto.INT16: (lambda: ir.IntegerType.get_signless(16), np.int16),
    TensorProto.INT32: (lambda: ir.IntegerType.get_signless(32), np.int32),
    TensorProto.INT64: (lambda: ir.IntegerType.get_signless(64), np.int64),
    TensorProto.UINT8: (lambda: ir.IntegerType.get_unsigned(8), np.uint8),
    TensorProto.UINT16: (lambda: ir.IntegerType.get_unsigned(16), np.uint16),
    TensorProto.UINT32: (lambda: ir.IntegerType.get_unsigned(32), np.uint32),
    TensorProto.UINT64: (lambda: ir.IntegerType.get_unsigned(64), np.uint64),
    TensorProto.BOOL: (lambda: ir.IntegerType.get_signless(1), np.bool_),
    TensorProto.COMPLEX64: (lambda: ir.ComplexType.get(ir.F32Type.get()), np.complex64),
    TensorProto.COMPLEX128: (lambda: ir.ComplexType.get(ir.F64Type.get()), np.complex128),
    TensorProto.FLOAT8E4M3FN: (lambda: ir.Float8E4M3FNType.get(), None),
    TensorProto.FLOAT8E4M3FNUZ: (lambda: ir.Float8E4M3FNUZType.get(), None),
    TensorProto.FLOAT8E5M2: (lambda: ir.Float8E5M2Type.get(), None),
    TensorProto.FLOAT8E5M2FNUZ: (lambda: ir.Float8E5M2FNUZType.get(), None),
    TensorProto.INT4: (lambda: ir.IntegerType.get_signless(4), None),
    TensorProto.UINT4: (lambda: ir.IntegerType.get_unsigned(4), None),
    TensorProto.INT2: (lambda: ir.IntegerType.get_signless(2), None),
    TensorProto.UINT2: (lambda: ir.IntegerType.get_unsigned(2), None),
    TensorProto.STRING: (lambda: ir.Type.parse("!onnx.string"), None),
}

_NUMPY_TO_ONNX = {np.dtype(dt): code for code, (_, dt) in _ONNX_TO_MLIR.items() if dt is not None}


def element_type_from_onnx(elem_type: int) -> ir.Type:
    """The MLIR element type of an ONNX ``TensorProto.DataType``; KeyError if unsupported."""
    return _ONNX_TO_MLIR[elem_type][0]()


def element_type_from_numpy(dtype) -> ir.Type:
    return element_type_from_onnx(_NUMPY_TO_ONNX[np.dtype(dtype)])


def tensor_type_for_array(array: np.ndarray, element_type: ir.Type | None = None) -> ir.RankedTensorType:
    return ir.RankedTensorType.get(list(array.shape),
                                   element_type or element_type_from_numpy(array.dtype))
