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
from .lib import builders as b
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.constants import constant_ints


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
        return [op.input]


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


@register_pattern
class LowerReshape(OnnxLoweringPattern):
    """Reshape with ONNX 0 (copy dim, unless allowzero) and -1 (inferred) entries.

    Static shapes -> collapse/expand. Otherwise the output dims are computed with `tensor.dim` and
    index arithmetic (from a constant shape, or from the shape operand read at run time) and fed
    to `tensor.reshape`; what cannot be decided at compile time is checked at run time: the
    element count is preserved (so a -1 leaves no remainder), a run-time shape has no entry
    below -1 and at most one -1, and the static dims of the result type are the computed ones."""

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
        sizes: set[int] = set()
        if target is None:
            target, sizes = shape_entries(shape_operand)
        return [self._dynamic(data, target, op.allowzero, result_type, sizes)]

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
    def _dynamic(data: ir.Value, target: list, allowzero: int, result_type: ir.Type,
                 sizes: set[int] = frozenset()) -> ir.Value:
        """Reshape to ``target`` (ints and/or index values read at run time; the entries at the
        positions in ``sizes`` are tensor sizes, never negative): 0 (copy, unless allowzero) and
        -1 (inferred) entries are resolved with folding index arithmetic, the assumptions are
        required (see the class docstring), then `tensor.reshape`."""
        from .lib import index_math as im
        from .lib import shape_checks as sc
        from .lib.runtime_checks import require

        src = b.sizes(data)
        resolved = []
        for i, t in enumerate(target):
            if not allowzero and i < len(src):
                t = im.select(im.cmp("eq", t, 0), src[i], t)
            resolved.append(t)
        runtime = [t for i, t in enumerate(target) if isinstance(t, ir.Value) and i not in sizes]
        if runtime:  # constant entries were validated by _resolve_static
            lowest = runtime[0]
            for t in runtime[1:]:
                lowest = im.smin(lowest, t)
            count = 0
            for i, t in enumerate(target):
                if i not in sizes:
                    count = im.add(count, im.select(im.cmp("eq", t, -1), 1, 0))
            require(im.and_(im.cmp("ge", lowest, -1), im.cmp("le", count, 1)),
                    "the shape has an entry {0} and {1} entries of -1 (entries must be at "
                    "least -1, with one -1 at most)", lowest, count)
        total = sc.product(src)
        # A copied input dim or a size read from a shape is never -1.
        inferring = [False if i in sizes else im.cmp("eq", t, -1) for i, t in enumerate(target)]
        declared = list(result_type.shape) if isinstance(result_type, ir.RankedTensorType) \
            and result_type.rank == len(resolved) else [b.DYNAMIC] * len(resolved)
        # A constant -1 whose result dim is typed static takes that size (the element count check
        # below proves it); any other -1 is the element count over the product of the others.
        typed = [c is True and d != b.DYNAMIC for c, d in zip(inferring, declared)]
        inferred: b.Size = 0
        if any(c is not False and not t for c, t in zip(inferring, typed)):
            known = sc.product([im.select(c, 1, t) for c, t in zip(inferring, resolved)])
            inferred = im.floordiv(total, im.smax(known, 1))
        dims = [d if is_typed else im.select(c, inferred, t)
                for c, t, d, is_typed in zip(inferring, resolved, declared, typed)]
        if not sc.products_cancel(src, dims):
            # Sizes read from data could multiply past 64 bits and wrap onto the count.
            asked, wrapped = sc.checked_product(dims) if runtime else (sc.product(dims), False)
            same = im.cmp("eq", total, asked)
            if wrapped is True:
                same = False
            elif wrapped is not False:
                same = im.and_(same, arith.xori(wrapped, arith.constant(
                    ir.IntegerType.get_signless(1), 1)))
            require(same, "the input has {0} elements, but the shape asks for {1}", total, asked)
        dims = sc.require_static_result(dims, declared)
        out_type = ir.RankedTensorType.get(b.static_of(dims), b.element_type(data))
        index = ir.IndexType.get()
        shape_tensor = tensor.from_elements(ir.RankedTensorType.get([len(dims)], index),
                                            [im.value(s) for s in dims])
        result = tensor.reshape(out_type, data, shape_tensor)
        if isinstance(result_type, ir.RankedTensorType) and result.type != result_type:
            result = tensor.cast(result_type, result)
        return result


def shape_entries(shape: ir.Value) -> tuple[list, set[int]]:
    """The entries of a 1-D shape operand (ints where known at compile time, else ``index``
    values) and the positions holding a tensor size. A shape assembled from constants and
    `onnx.shape` pieces (``Concat(Shape(x)[0:1], [4], [32])``, lowered to insert_slice chains of
    constants and `tensor.dim`s) is read through that construction, so its constant entries stay
    constants and its sizes stay dims; other entries are read with `tensor.extract`."""
    from .lib import index_math as im

    t = b.ranked(shape)
    if t.rank != 1 or t.shape[0] == b.DYNAMIC:
        return im.operand_ints(shape, "Reshape shape"), set()
    entries, sizes = [], set()
    for i in range(t.shape[0]):
        known = _element(shape, i)
        if known is None:
            entries.append(im.extract_index(shape, [i]))
        else:
            entries.append(known)
            if isinstance(known, ir.Value):
                sizes.add(i)
    return entries, sizes


def _owner(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    return owner if isinstance(owner, ir.Operation) else getattr(owner, "operation", None)


def _element(value: ir.Value, i: int) -> int | ir.Value | None:
    """Element ``i`` of a 1-D integer tensor when its construction shows it: an int, a
    `tensor.dim` (an index value), or None."""
    owner = _owner(value)
    if owner is None:
        return None
    if owner.name == "arith.constant":
        ints = constant_ints(value)
        return ints[i] if ints is not None and i < len(ints) else None
    if owner.name == "tensor.cast":
        return _element(owner.operands[0], i)
    if owner.name == "tensor.from_elements":
        scalar = owner.operands[i]
        inner = _owner(scalar)
        if inner is not None and inner.name in ("arith.index_cast", "arith.index_castui"):
            source = _owner(inner.operands[0])
            if source is not None and source.name == "tensor.dim":
                return inner.operands[0]
        return None
    if owner.name == "tensor.insert_slice":
        offsets = list(ir.DenseI64ArrayAttr(owner.attributes["static_offsets"]))
        lengths = list(ir.DenseI64ArrayAttr(owner.attributes["static_sizes"]))
        if len(offsets) != 1 or b.DYNAMIC in (offsets[0], lengths[0]):
            return None
        if offsets[0] <= i < offsets[0] + lengths[0]:
            return _element(owner.operands[0], i - offsets[0])
        return _element(owner.operands[1], i)
    return None
