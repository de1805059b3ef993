"""Elements of `dense<...>` attributes as numpy arrays, for every element type.

Use :func:`dense_elements_to_numpy` wherever a ``DenseElementsAttr`` (or its Int/FP views) must
become numbers: never ``np.array(attr)``, ``np.asarray(attr)``, ``list(attr)`` or iteration.
The bindings' buffer protocol behind those is unsafe: on a **splat** ``i1`` attribute (``dense<true>
: tensor<16xi1>``, one stored byte) it unpacks as many bits as the tensor has elements, so every
element after the 8th is read from memory past that byte and changes from run to run. It also
rejects bf16, the float8 types and 2/4-bit integers.

This module reads the attribute's storage itself, through the MLIR C API's
``mlirDenseElementsAttrGetRawData`` (reached with the bindings' ``_CAPIPtr`` capsule, their
documented interop protocol), and decodes it from the element type, as MLIR stores it:

* a splat stores exactly one element (for ``i1``: one byte, 0x00 or 0xff);
* non-splat ``i1`` is bit-packed, least significant bit first;
* other integers take ``ceil(width / 8)`` bytes; 2/4-bit ones hold their value in the low bits
  (two's complement when signless/signed); ``index`` takes 8 bytes;
* floats take their own width (bf16 and float8 through ``ml_dtypes``), complex numbers two.

:func:`element_dtype` is the numpy dtype of an MLIR element type (signless integers are read as
signed, ``i1`` as bool, 2/4-bit integers as ``ml_dtypes`` ``int4``/``uint4``/``int2``/``uint2``
with one element per byte), shared with the runtime's buffer handling.
"""

from __future__ import annotations

import ctypes
import functools
from pathlib import Path

import numpy as np
from mlir import ir

# MLIR float types -> ml_dtypes names (ml_dtypes is a dependency of onnx). Types whose class the
# bindings or whose dtype ml_dtypes lacks are skipped.
_ML_FLOATS = (
    ("BF16Type", "bfloat16"),
    ("Float8E4M3FNType", "float8_e4m3fn"),
    ("Float8E4M3FNUZType", "float8_e4m3fnuz"),
    ("Float8E5M2Type", "float8_e5m2"),
    ("Float8E5M2FNUZType", "float8_e5m2fnuz"),
    ("Float8E4M3Type", "float8_e4m3"),
    ("Float8E3M4Type", "float8_e3m4"),
    ("Float8E4M3B11FNUZType", "float8_e4m3b11fnuz"),
    ("Float8E8M0FNUType", "float8_e8m0fnu"),
    ("Float6E2M3FNType", "float6_e2m3fn"),
    ("Float6E3M2FNType", "float6_e3m2fn"),
    ("Float4E2M1FNType", "float4_e2m1fn"),
)
_CAPSULE_NAME = b"mlir.ir.Attribute._CAPIPtr"


@functools.lru_cache(maxsize=None)
def _ml_dtype(name: str) -> np.dtype:
    import ml_dtypes

    return np.dtype(getattr(ml_dtypes, name))


def element_dtype(t: ir.Type) -> np.dtype:
    """The numpy dtype holding elements of the MLIR element type ``t`` (TypeError if none)."""
    if isinstance(t, ir.F32Type):
        return np.dtype(np.float32)
    if isinstance(t, ir.F64Type):
        return np.dtype(np.float64)
    if isinstance(t, ir.F16Type):
        return np.dtype(np.float16)
    for class_name, dtype_name in _ML_FLOATS:
        mlir_class = getattr(ir, class_name, None)
        if mlir_class is not None and isinstance(t, mlir_class):
            return _ml_dtype(dtype_name)
    if isinstance(t, ir.IndexType):
        return np.dtype(np.int64)
    if isinstance(t, ir.IntegerType):
        width = ir.IntegerType(t).width
        if width == 1:
            return np.dtype(np.bool_)
        if width in (2, 4):
            return _ml_dtype(f"{'u' if ir.IntegerType(t).is_unsigned else ''}int{width}")
        if width in (8, 16, 32, 64):
            return np.dtype(f"{'u' if ir.IntegerType(t).is_unsigned else 'i'}{width // 8}")
        raise TypeError(f"unsupported integer width {width}")
    if isinstance(t, ir.ComplexType):
        inner = ir.ComplexType(t).element_type
        if isinstance(inner, ir.F32Type):
            return np.dtype(np.complex64)
        if isinstance(inner, ir.F64Type):
            return np.dtype(np.complex128)
    raise TypeError(f"unsupported element type {t}")


def _storage_bytes(t: ir.Type) -> int:
    """Bytes MLIR stores one element of ``t`` in (not used for bit-packed i1)."""
    if isinstance(t, ir.IndexType):
        return 8
    if isinstance(t, ir.ComplexType):
        return 2 * _storage_bytes(ir.ComplexType(t).element_type)
    width = ir.IntegerType(t).width if isinstance(t, ir.IntegerType) else ir.FloatType(t).width
    return (width + 7) // 8


class _MlirAttribute(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p)]


@functools.lru_cache(maxsize=1)
def _c_api():
    """(capsule -> pointer, mlirDenseElementsAttrGetRawData) from the bindings' own C API library
    (already loaded by ``mlir.ir``, so this shares its state)."""
    import mlir._mlir_libs as libs

    candidates = sorted(Path(libs.__file__).parent.glob("libMLIRPythonCAPI.*"))
    if not candidates:
        raise RuntimeError("libMLIRPythonCAPI is missing from the MLIR Python bindings")
    library = ctypes.CDLL(str(candidates[0]))
    raw_data = library.mlirDenseElementsAttrGetRawData
    raw_data.restype = ctypes.c_void_p
    raw_data.argtypes = [_MlirAttribute]
    capsule_pointer = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.py_object, ctypes.c_char_p)(
        ("PyCapsule_GetPointer", ctypes.pythonapi))
    return capsule_pointer, raw_data


def _raw_bytes(dense: ir.DenseElementsAttr, size: int) -> bytes:
    capsule_pointer, raw_data = _c_api()
    handle = capsule_pointer(dense._CAPIPtr, _CAPSULE_NAME)
    address = raw_data(_MlirAttribute(handle))
    if not address:
        raise ValueError(f"no storage behind {dense.type}")
    return ctypes.string_at(address, size)


def decode_elements(data: bytes | memoryview, element_type: ir.Type, count: int, *,
                    packed_bools: bool) -> np.ndarray:
    """``count`` elements of ``element_type`` stored in ``data`` as a flat array.

    ``packed_bools``: i1 elements are bits (a ``dense`` attribute's storage) rather than one byte
    each (a ``dense_resource`` blob)."""
    dtype = element_dtype(element_type)
    if isinstance(element_type, ir.IntegerType) and ir.IntegerType(element_type).width < 8:
        raw = np.frombuffer(data, dtype=np.uint8)
        width = ir.IntegerType(element_type).width
        if len(raw) < ((count + 7) // 8 if width == 1 and packed_bools else count):
            raise ValueError(f"{len(raw)} bytes cannot hold {count} elements of {element_type}")
        if width == 1:
            bits = np.unpackbits(raw, count=count, bitorder="little") if packed_bools else raw[:count]
            return bits.astype(np.bool_)
        low = (raw[:count] & ((1 << width) - 1)).astype(np.int8)
        if not ir.IntegerType(element_type).is_unsigned:
            sign = 1 << (width - 1)
            low = (low ^ sign) - sign  # two's complement of the low ``width`` bits
        return low.astype(dtype)
    storage = np.dtype(np.int64) if isinstance(element_type, ir.IndexType) else dtype
    if len(data) < count * storage.itemsize:
        raise ValueError(f"{len(data)} bytes cannot hold {count} elements of {element_type}")
    return np.frombuffer(data, dtype=storage, count=count).copy()


def dense_elements_to_numpy(attr: ir.Attribute) -> np.ndarray:
    """The elements of a ``dense<...>`` attribute as a new numpy array of its shape.

    Splat and non-splat attributes of every element type :func:`element_dtype` knows; TypeError
    for other element types, ValueError when ``attr`` is not a ``dense`` elements attribute."""
    dense = ir.DenseElementsAttr(attr)
    shaped = ir.ShapedType(dense.type)
    shape = list(shaped.shape)
    element_type = shaped.element_type
    dtype = element_dtype(element_type)
    count = int(np.prod(shape, dtype=np.int64))
    if count == 0:
        return np.zeros(shape, dtype=dtype)
    if dense.is_splat:
        return np.repeat(_splat_element(dense), count).reshape(shape)
    size = (count + 7) // 8 if _is_bool(element_type) else count * _storage_bytes(element_type)
    flat = decode_elements(_raw_bytes(dense, size), element_type, count, packed_bools=True)
    return flat.reshape(shape)


def dense_splat_value(attr: ir.Attribute) -> np.ndarray:
    """The one value of a splat ``dense<...>`` attribute as a 0-d array (without materializing the
    whole tensor); ValueError when ``attr`` is not a splat."""
    dense = ir.DenseElementsAttr(attr)
    if not dense.is_splat:
        raise ValueError(f"not a splat attribute of type {dense.type}")
    return _splat_element(dense).reshape(())


def _is_bool(element_type: ir.Type) -> bool:
    return isinstance(element_type, ir.IntegerType) and ir.IntegerType(element_type).width == 1


def _splat_element(dense: ir.DenseElementsAttr) -> np.ndarray:
    """A splat stores one element; an i1 splat one byte (0x00 or 0xff)."""
    element_type = ir.ShapedType(dense.type).element_type
    size = 1 if _is_bool(element_type) else _storage_bytes(element_type)
    return decode_elements(_raw_bytes(dense, size), element_type, 1, packed_bools=True)


def dense_elements_from_numpy(array: np.ndarray, tensor_type: ir.ShapedType) -> ir.DenseElementsAttr:
    """A ``dense<...>`` attribute of ``tensor_type`` holding ``array``, whose dtype must be the
    element type's (:func:`element_dtype`). The buffer is taken as MLIR's storage, so bools are
    bit-packed first (numpy stores one byte per bool, which the bindings reject with a type)."""
    array = np.ascontiguousarray(array)
    if array.dtype == np.bool_:
        array = np.packbits(array.reshape(-1), bitorder="little")
    return ir.DenseElementsAttr.get(array, type=tensor_type)
