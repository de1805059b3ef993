"""Transposes of constants done at compile time: the permuted data becomes a new constant.

Used for convolution filters (conv_layout.py) and for any ``linalg.transpose`` of an
`arith.constant` (e.g. a Gemm's transposed weights), so that no weight is transposed at run time.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith

from ...dialects.resources import create_resource

# Weights above this many elements become dense_resource blobs (as the importer's are).
_RESOURCE_THRESHOLD = 1024


def _defining_op(value: ir.Value) -> ir.Operation | None:
    if not isinstance(value, ir.OpResult):
        return None
    return value.owner.operation if hasattr(value.owner, "operation") else value.owner


def constant_array(value: ir.Value, module: ir.Module) -> np.ndarray | None:
    """The array of an `arith.constant` tensor, looked up through collapse/expand reshapes."""
    from ...passes.onnx_bridge import attribute_array

    op = _defining_op(value)
    if op is None:
        return None
    if op.name in ("tensor.collapse_shape", "tensor.expand_shape"):
        inner = constant_array(op.operands[0], module)
        shape = ir.RankedTensorType(value.type).shape
        return None if inner is None else inner.reshape(shape)
    if op.name != "arith.constant" or not isinstance(value.type, ir.RankedTensorType):
        return None
    array = attribute_array(op.attributes["value"], module.operation)
    if array is None or array.dtype == object or not value.type.has_static_shape:
        return None
    return np.broadcast_to(array, value.type.shape) if array.shape != tuple(value.type.shape) else array


def _constant_like(array: np.ndarray, elem: ir.Type, name: str) -> ir.Value:
    t = ir.RankedTensorType.get(list(array.shape), elem)
    array = np.ascontiguousarray(array)
    if array.size > _RESOURCE_THRESHOLD:
        attr = create_resource(array, name, t)
    else:
        attr = ir.DenseElementsAttr.get(array, type=t)
    return arith.constant(t, attr)


def permuted_constant(value: ir.Value, perm: Sequence[int], module: ir.Module) -> ir.Value | None:
    """A new constant holding ``value`` (a constant) with its dims permuted (result dim k is dim
    ``perm[k]``, as `linalg.transpose`), built at the insertion point; None if not constant."""
    array = constant_array(value, module)
    if array is None:
        return None
    return _constant_like(np.transpose(array, perm), ir.RankedTensorType(value.type).element_type,
                          "transposed_" + "".join(map(str, perm)))
