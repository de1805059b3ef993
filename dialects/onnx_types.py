"""Element types: the one table of ONNX data types and their MLIR, numpy and onnxruntime forms.

Each ONNX ``TensorProto.DataType`` the project supports has one row: the element type of the
`onnx` dialect, the numpy dtype holding its elements and onnxruntime's type string. The importer,
the passes, the lowerings and both runtimes read it; nothing else maps element types.

Signed integers are signless (`iN`) so that arith ops apply directly; unsigned integers keep their
signedness (`uiN`) in the onnx dialect, and lowerings pick unsigned arith ops for them. bf16, the
float8 types and the 2/4-bit integers are ``ml_dtypes`` dtypes (a dependency of onnx; 2/4-bit
integers take one byte per element, as the CPU pipeline widens their buffers): numpy holds them
but does not compute with them, so compile-time evaluation (:func:`numpy_dtype_of`) leaves them
alone while the runtime (:func:`numpy_dtype`) passes them in and out.
"""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass
from typing import Callable

import numpy as np
from mlir import ir
from onnx import TensorProto

# dtypes that numpy only knows through ml_dtypes
_ML_DTYPES = frozenset({"bfloat16", "float8_e4m3fn", "float8_e4m3fnuz", "float8_e5m2",
                        "float8_e5m2fnuz", "int4", "uint4", "int2", "uint2"})


@functools.lru_cache(maxsize=None)
def _dtype(name: str) -> np.dtype:
    if name in _ML_DTYPES:
        import ml_dtypes

        return np.dtype(getattr(ml_dtypes, name))
    return np.dtype(name)


@dataclass(frozen=True)
class ElementType:
    """One ONNX data type: ``make_mlir()`` builds its MLIR type (in the current context);
    ``numpy`` names the dtype of its elements (None for strings)."""

    onnx: int
    make_mlir: Callable[[], ir.Type]
    numpy: str | None

    @property
    def dtype(self) -> np.dtype | None:
        return None if self.numpy is None else _dtype(self.numpy)

    @property
    def numpy_native(self) -> bool:
        """numpy itself computes with the dtype (not an ml_dtypes one)."""
        return self.numpy is not None and self.numpy not in _ML_DTYPES

    @property
    def ort_type(self) -> str:
        """onnxruntime's type string: ``tensor(<lowercase ONNX name>)``, e.g. ``tensor(float)``."""
        return f"tensor({TensorProto.DataType.Name(self.onnx).lower()})"


def _signless(width: int) -> Callable[[], ir.Type]:
    return lambda: ir.IntegerType.get_signless(width)


def _unsigned(width: int) -> Callable[[], ir.Type]:
    return lambda: ir.IntegerType.get_unsigned(width)


ELEMENT_TYPES: tuple[ElementType, ...] = (
    ElementType(TensorProto.FLOAT, lambda: ir.F32Type.get(), "float32"),
    ElementType(TensorProto.DOUBLE, lambda: ir.F64Type.get(), "float64"),
    ElementType(TensorProto.FLOAT16, lambda: ir.F16Type.get(), "float16"),
    ElementType(TensorProto.BFLOAT16, lambda: ir.BF16Type.get(), "bfloat16"),
    ElementType(TensorProto.INT8, _signless(8), "int8"),
    ElementType(TensorProto.INT16, _signless(16), "int16"),
    ElementType(TensorProto.INT32, _signless(32), "int32"),
    ElementType(TensorProto.INT64, _signless(64), "int64"),
    ElementType(TensorProto.UINT8, _unsigned(8), "uint8"),
    ElementType(TensorProto.UINT16, _unsigned(16), "uint16"),
    ElementType(TensorProto.UINT32, _unsigned(32), "uint32"),
    ElementType(TensorProto.UINT64, _unsigned(64), "uint64"),
    ElementType(TensorProto.BOOL, _signless(1), "bool"),
    ElementType(TensorProto.COMPLEX64, lambda: ir.ComplexType.get(ir.F32Type.get()), "complex64"),
    ElementType(TensorProto.COMPLEX128, lambda: ir.ComplexType.get(ir.F64Type.get()), "complex128"),
    ElementType(TensorProto.FLOAT8E4M3FN, lambda: ir.Float8E4M3FNType.get(), "float8_e4m3fn"),
    ElementType(TensorProto.FLOAT8E4M3FNUZ, lambda: ir.Float8E4M3FNUZType.get(), "float8_e4m3fnuz"),
    ElementType(TensorProto.FLOAT8E5M2, lambda: ir.Float8E5M2Type.get(), "float8_e5m2"),
    ElementType(TensorProto.FLOAT8E5M2FNUZ, lambda: ir.Float8E5M2FNUZType.get(), "float8_e5m2fnuz"),
    ElementType(TensorProto.INT4, _signless(4), "int4"),
    ElementType(TensorProto.UINT4, _unsigned(4), "uint4"),
    ElementType(TensorProto.INT2, _signless(2), "int2"),
    ElementType(TensorProto.UINT2, _unsigned(2), "uint2"),
    ElementType(TensorProto.STRING, lambda: ir.Type.parse("!onnx.string"), None),
)

_BY_ONNX = {e.onnx: e for e in ELEMENT_TYPES}
_BY_NUMPY = {e.numpy: e for e in ELEMENT_TYPES if e.numpy is not None}


def is_supported_onnx_type(elem_type: int) -> bool:
    """Whether an ONNX ``TensorProto.DataType`` code has a row in the table."""
    return elem_type in _BY_ONNX


# ---- ONNX / numpy -> MLIR

def element_type_from_onnx(elem_type: int) -> ir.Type:
    """The MLIR element type of an ONNX ``TensorProto.DataType``; KeyError if unsupported."""
    return _BY_ONNX[elem_type].make_mlir()


def element_type_from_numpy(dtype) -> ir.Type:
    """The MLIR element type of a numpy (or ml_dtypes) dtype; KeyError if unsupported."""
    return _BY_NUMPY[np.dtype(dtype).name].make_mlir()


def tensor_type_for_array(array: np.ndarray, element_type: ir.Type | None = None) -> ir.RankedTensorType:
    return ir.RankedTensorType.get(list(array.shape),
                                   element_type or element_type_from_numpy(array.dtype))


# ---- MLIR -> ONNX / numpy

# Printed MLIR element type -> ONNX data type; built lazily (building types needs a context).
_BY_NAME: dict[str, int] = {}


def _names() -> dict[str, int]:
    if not _BY_NAME:
        with ir.Context():
            for e in ELEMENT_TYPES:
                if e.onnx == TensorProto.STRING:
                    continue  # !onnx.string needs the dialect; handled by name below
                _BY_NAME.setdefault(str(e.make_mlir()), e.onnx)
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


def numpy_dtype(element_type: ir.Type) -> np.dtype:
    """The numpy dtype holding elements of ``element_type`` (ml_dtypes for bf16, float8 and 2/4-bit
    integers; signed ``siN`` as signless ``iN``, ``index`` as int64); TypeError if none."""
    if isinstance(element_type, ir.IndexType):
        return np.dtype(np.int64)
    if isinstance(element_type, ir.IntegerType) and element_type.is_signed:
        element_type = ir.IntegerType.get_signless(element_type.width, context=element_type.context)
    row = _BY_ONNX.get(onnx_dtype_of(element_type))
    if row is None or row.numpy is None:
        raise TypeError(f"unsupported element type {element_type}")
    return row.dtype


def numpy_dtype_of(element_type: ir.Type) -> np.dtype | None:
    """:func:`numpy_dtype` where numpy computes with it, else None (bf16, float8, 2/4-bit
    integers, strings): the dtypes compile-time evaluation works in."""
    row = _BY_ONNX.get(onnx_dtype_of(element_type))
    return row.dtype if row is not None and row.numpy_native else None


# ---- numpy -> onnxruntime

def ort_type(dtype) -> str:
    """onnxruntime's type string of a numpy dtype (``tensor(float)`` for float32)."""
    name = np.dtype(dtype).name
    row = _BY_NUMPY.get(name)
    return row.ort_type if row is not None else f"tensor({name})"
