"""Read back the data of `dense_resource` attributes (large weights) from Python.

The MLIR 22 Python bindings can build a ``DenseResourceElementsAttr`` from a buffer
(``get_from_buffer``) but offer no way to read its elements again. Compile-time evaluation
(``onnx-constant-fold``, ``onnx-shape-inference``'s constant operands, ``onnx-decompose``) needs the
values, so every resource this package creates is also recorded in a side table: per context, the
blob's name (as printed, ``dense_resource<NAME>``; MLIR uniquifies clashing names, so the name
is read back from the attribute) maps to the numpy array the blob was built from. The array is the
very buffer MLIR points at, so the table costs no memory.

Modules parsed from text (``onnx-mlir-opt in.mlir``) carry their blobs in the
``{-# dialect_resources: {builtin: {NAME: "0x..."}} #-}`` section instead. For those, the module is
printed once (the blobs are hex strings there: 4 bytes of alignment, then the raw little-endian
data) and every blob is decoded into the table.
"""

from __future__ import annotations

import re
import weakref

import numpy as np
from mlir import ir

from .element_types import numpy_dtype_of

# context -> {blob name -> array}; weak so that a dropped context frees its arrays.
_TABLES: "weakref.WeakKeyDictionary[ir.Context, dict[str, np.ndarray]]" = weakref.WeakKeyDictionary()
# context -> {blob name -> raw bytes} decoded from printed modules (typed on first lookup).
_RAW: "weakref.WeakKeyDictionary[ir.Context, dict[str, bytes]]" = weakref.WeakKeyDictionary()

_NAME = re.compile(r"^dense_resource<([^>]+)>")
_BLOB = re.compile(r'^\s*"?([^":\s]+)"?\s*:\s*"0x([0-9A-Fa-f]*)"', re.M)


def is_resource(attr: ir.Attribute) -> bool:
    if isinstance(attr, ir.DenseResourceElementsAttr):
        return True
    if isinstance(attr, (ir.DenseElementsAttr, ir.IntegerAttr, ir.FloatAttr, ir.ArrayAttr)):
        return False  # (printing a large dense attribute to find out would be slow)
    try:
        ir.DenseResourceElementsAttr(attr)
    except ValueError:
        return False
    return True


def resource_name(attr: ir.Attribute) -> str:
    match = _NAME.match(str(attr))
    if not match:
        raise ValueError(f"not a dense_resource attribute: {attr}")
    return match.group(1).strip('"')


def _table(context: ir.Context) -> dict[str, np.ndarray]:
    table = _TABLES.get(context)
    if table is None:
        table = _TABLES[context] = {}
    return table


def create_resource(array: np.ndarray, name: str, tensor_type: ir.RankedTensorType) -> ir.Attribute:
    """A ``dense_resource`` attribute over ``array``'s buffer, recorded in the side table."""
    array = np.ascontiguousarray(array)
    try:
        buffer = memoryview(array)
    except ValueError:
        # ml_dtypes arrays (bf16, float8, int4, ...) have no buffer format ("cannot include
        # dtype 'A' in a buffer"): hand over the same bytes as unsigned integers of their width.
        buffer = memoryview(array.view(np.dtype(f"u{array.dtype.itemsize}")))
    attr = ir.DenseResourceElementsAttr.get_from_buffer(buffer, name, tensor_type)
    _table(attr.context)[resource_name(attr)] = array
    return attr


def resource_array(attr: ir.Attribute, module: ir.Module | ir.Operation | None = None) -> np.ndarray | None:
    """The numpy array behind a ``dense_resource`` attribute, or None when it is unknown.

    ``module`` (the op whose printed form holds the blob) is printed once to decode blobs that were
    parsed from text rather than created by this package.
    """
    context = attr.context
    name = resource_name(attr)
    table = _table(context)
    if name in table:
        return table[name]
    raw = _RAW.get(context, {}).get(name)
    if raw is None and module is not None:
        _decode_printed_blobs(module, context)
        raw = _RAW.get(context, {}).get(name)
    if raw is None:
        return None
    shaped = ir.ShapedType(attr.type)
    dtype = numpy_dtype_of(shaped.element_type)
    if dtype is None:
        return None
    data = raw[4:]  # the first 4 bytes hold the blob's alignment
    if dtype == np.bool_:
        array = np.frombuffer(data, dtype=np.uint8).astype(np.bool_)
    else:
        array = np.frombuffer(data, dtype=dtype)
    if array.size != int(np.prod(shaped.shape)):
        return None
    array = array.reshape(shaped.shape)
    table[name] = array
    return array


def _decode_printed_blobs(module, context: ir.Context) -> None:
    op = module.operation if hasattr(module, "operation") else module
    text = op.get_asm(large_elements_limit=None)
    start = text.find("{-#")
    raw = _RAW.get(context)
    if raw is None:
        raw = _RAW[context] = {}
    if start < 0:
        return
    section = text[start:]
    builtin = section.find("builtin")
    if builtin < 0:
        return
    for match in _BLOB.finditer(section[builtin:]):
        raw.setdefault(match.group(1), bytes.fromhex(match.group(2)))
