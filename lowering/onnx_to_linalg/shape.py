"""Shape and data-movement-free ops: Constant, Identity, Flatten, Reshape.

Reshapes are `tensor.collapse_shape` / `tensor.expand_shape` when the shapes are known at compile
time (they bufferize to views), and `tensor.reshape` with a computed shape tensor otherwise.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith, tensor

from ...dialects.onnx import ConstantOp, FlattenOp, IdentityOp, ReshapeOp
from ...dialects.dense_elements import dense_elements_to_numpy
from . import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern


def _dense_of(values: list, elem: ir.Type, shape: list[int]) -> ir.DenseElementsAttr:
    dtype = np.float32 if b.is_float(elem) else np.int64
    return ir.DenseElementsAttr.get(np.asarray(values, dtype=dtype).reshape(shape),
                                    type=ir.RankedTensorType.get(shape, elem))


def _is_dense_resource(attr: ir.Attribute) -> bool:
    try:
        ir.DenseResourceElementsAttr(attr)
    except ValueError:
        return False
    return True


@register_pattern
class LowerConstant(OnnxLoweringPattern):
    """Constant (and initializers) -> `arith.constant` carrying the same dense / dense_resource
    attribute; the value_float(s)/value_int(s) variants become rank-0/1 f32/i64 tensors."""

    op_names = ("onnx.constant",)

    def rewrite(self, op: ConstantOp) -> Sequence[ir.Value]:
        attrs = op.operation.attributes
        result_type = op.operation.results[0].type
        if "value" in attrs:
            value = attrs["value"]
            if not (isinstance(value, ir.DenseElementsAttr) or _is_dense_resource(value)):
                raise LoweringError(f"unsupported constant value attribute {value}")
            if ir.ShapedType(value.type).element_type != b.element_type(result_type):
                raise LoweringError(f"constant value type {value.type} does not match {result_type}")
        elif "value_float" in attrs:
            value = _dense_of(op.value_float, ir.F32Type.get(), [])
        elif "value_int" in attrs:
            value = _dense_of(op.value_int, ir.IntegerType.get_signless(64), [])
        elif "value_floats" in attrs:
            floats = op.value_floats
            value = _dense_of(floats, ir.F32Type.get(), [len(floats)])
        elif "value_ints" in attrs:
            ints = op.value_ints
            value = _dense_of(ints, ir.IntegerType.get_signless(64), [len(ints)])
        elif "sparse_value" in attrs:
            raise LoweringError("sparse constants are not supported")
        elif "value_string" in attrs or "value_strings" in attrs:
            raise LoweringError("string constants are not supported")
        else:
            raise LoweringError("constant without a value attribute")
        result = arith.constant(value.type, value)
        if isinstance(result_type, ir.RankedTensorType) and result_type != result.type:
            result = tensor.cast(result_type, result)
        return [result]


@register_pattern
class LowerIdentity(OnnxLoweringPattern):
    """Identity: the operand itself (tensors are values; no copy needed)."""

    op_names = ("onnx.identity",)

    def rewrite(self, op: IdentityOp) -> Sequence[ir.Value]:
        return [op.operation.operands[0]]


@register_pattern
class LowerFlatten(OnnxLoweringPattern):
    """Flatten to [prod(d[:axis]), prod(d[axis:])] with one `tensor.collapse_shape`; axis 0 or
    axis == rank adds the unit dim with a `tensor.expand_shape`."""

    op_names = ("onnx.flatten",)

    def rewrite(self, op: FlattenOp) -> Sequence[ir.Value]:
        x = op.input
        r = b.rank(x)
        axis = op.axis
        if axis < 0:
            axis += r
        if not 0 <= axis <= r:
            raise LoweringError(f"axis {op.axis} is out of range for rank {r}")
        if r == 0:
            return [b.expand(x, [], [1, 1])]
        if 0 < axis < r:
            return [b.collapse(x, [list(range(axis)), list(range(axis, r))])]
        flat = b.collapse(x, [list(range(r))])
        size = b.dim(flat, 0)
        out = [1, size] if axis == 0 else [size, 1]
        return [b.expand(flat, [[0, 1]], out)]


def constant_ints(value: ir.Value) -> list[int] | None:
    """The integers held by ``value`` when it is produced by an `onnx.constant` (or
    `arith.constant`) with a dense attribute; None when unknown at compile time."""
    owner = value.owner
    if not isinstance(owner, ir.Operation):
        owner = getattr(owner, "operation", None)
    if owner is None or owner.name not in ("onnx.constant", "arith.constant"):
        return None
    attrs = owner.attributes
    if "value" in attrs and isinstance(attrs["value"], ir.DenseIntElementsAttr):
        return [int(v) for v in dense_elements_to_numpy(attrs["value"]).reshape(-1)]
    if "value_ints" in attrs:
        return [ir.IntegerAttr(v).value for v in ir.ArrayAttr(attrs["value_ints"])]
    if "value_int" in attrs:
        return [ir.IntegerAttr(attrs["value_int"]).value]
    return None


@register_pattern
class LowerReshape(OnnxLoweringPattern):
    """Reshape with ONNX 0 (copy dim, unless allowzero) and -1 (inferred) entries.

    Static shapes -> collapse/expand. Otherwise the target shape must be a constant; its dims are
    computed with `tensor.dim`/arith and fed to `tensor.reshape`."""

    op_names = ("onnx.reshape",)

    def rewrite(self, op: ReshapeOp) -> Sequence[ir.Value]:
        data, shape_operand = op.data, op.shape
        result_type = op.operation.results[0].type
        target = constant_ints(shape_operand)
        if target is not None:
            target_static = self._resolve_static(b.shape(data), target, op.allowzero)
        else:
            target_static = None
        if target_static is None and isinstance(result_type, ir.RankedTensorType) \
                and b.is_static(result_type):
            target_static = b.shape(result_type)
        if target_static is not None and b.is_static(data):
            return [b.reshape_static(data, target_static)]
        if target is None:
            from . import index_math as im

            runtime = im.operand_ints(shape_operand, "Reshape shape")
            return [self._runtime(data, runtime, op.allowzero, result_type)]
        return [self._dynamic(data, target, op.allowzero, result_type)]

    @staticmethod
    def _runtime(data: ir.Value, target: list, allowzero: int, result_type: ir.Type) -> ir.Value:
        """Reshape to a shape read at run time: 0 (copy, unless allowzero) and -1 (inferred)
        entries are resolved with `arith.select`, then `tensor.reshape`."""
        from . import index_math as im

        src = b.sizes(data)
        resolved = []
        for i, t in enumerate(target):
            if not allowzero and i < len(src):
                t = im.select(im.cmp("eq", t, 0), src[i], t)
            resolved.append(t)
        total = 1
        for s in src:
            total = im.mul(total, s)
        known = 1
        for t in resolved:
            known = im.mul(known, im.select(im.cmp("eq", t, -1), 1, t))
        inferred = im.floordiv(total, im.smax(known, 1))
        dims = [im.select(im.cmp("eq", t, -1), inferred, t) for t in resolved]
        static = b.static_of(dims)
        if isinstance(result_type, ir.RankedTensorType) and len(result_type.shape) == len(static):
            static = [r if r != b.DYNAMIC else s for r, s in zip(result_type.shape, static)]
        out_type = ir.RankedTensorType.get(static, b.element_type(data))
        index = ir.IndexType.get()
        shape_tensor = tensor.from_elements(ir.RankedTensorType.get([len(dims)], index),
                                            [im.value(s) for s in dims])
        result = tensor.reshape(out_type, data, shape_tensor)
        if isinstance(result_type, ir.RankedTensorType) and result.type != result_type:
            result = tensor.cast(result_type, result)
        return result

    @staticmethod
    def _resolve_static(src: list[int], target: list[int], allowzero: int) -> list[int] | None:
        """The output shape when computable at compile time, else None."""
        out: list[int] = []
        infer = None
        for i, t in enumerate(target):
            if t == 0 and not allowzero:
                if i >= len(src):
                    raise LoweringError(f"shape entry {i} is 0 but the input has rank {len(src)}")
                if src[i] == b.DYNAMIC:
                    return None
                out.append(src[i])
            elif t == -1:
                if infer is not None:
                    raise LoweringError("more than one -1 in the Reshape shape")
                infer = i
                out.append(-1)
            elif t < 0:
                raise LoweringError(f"invalid Reshape shape entry {t}")
            else:
                out.append(t)
        if infer is not None:
            if b.DYNAMIC in src:
                return None
            total = int(np.prod(src)) if src else 1
            known = int(np.prod([d for j, d in enumerate(out) if j != infer])) if len(out) > 1 else 1
            if known == 0 or total % known:
                raise LoweringError(f"cannot infer -1 reshaping {src} to {target}")
            out[infer] = total // known
        return out

    @staticmethod
    def _dynamic(data: ir.Value, target: list[int], allowzero: int,
                 result_type: ir.Type) -> ir.Value:
        index = ir.IndexType.get()
        src = b.sizes(data)

        def as_value(s: b.Size) -> ir.Value:
            return s if isinstance(s, ir.Value) else arith.constant(index, s)

        dims: list[b.Size] = []
        infer = None
        for i, t in enumerate(target):
            if t == 0 and not allowzero:
                dims.append(src[i])
            elif t == -1:
                infer = i
                dims.append(0)
            else:
                dims.append(t)
        if infer is not None:
            total = as_value(1)
            for s in src:
                total = arith.muli(total, as_value(s))
            known = as_value(1)
            for j, s in enumerate(dims):
                if j != infer:
                    known = arith.muli(known, as_value(s))
            dims[infer] = arith.divui(total, known)
        static = b.static_of(dims)
        if isinstance(result_type, ir.RankedTensorType) and len(result_type.shape) == len(static):
            static = [r if r != b.DYNAMIC else s for r, s in zip(result_type.shape, static)]
        out_type = ir.RankedTensorType.get(static, b.element_type(data))
        shape_tensor = tensor.from_elements(ir.RankedTensorType.get([len(dims)], index),
                                            [as_value(s) for s in dims])
        return tensor.reshape(out_type, data, shape_tensor)
