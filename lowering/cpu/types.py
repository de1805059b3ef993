"""Element-type normalizations of the CPU pipeline.

``make_signless`` (pass ``cpu-signless-types``, on tensors, before bufferization)
    The onnx dialect keeps ONNX's unsigned types as ``uiN``; lowerings compute on signless ``iN``
    views made with ``tensor.bitcast``, which one-shot bufferization cannot bufferize ("op was not
    bufferized"). Unsigned-ness lives in the ops chosen (``arith.divui``, ``cmpi ult``, ...), not in
    the types, so every ``uiN``/``siN`` in the module becomes ``iN``: function signatures, value
    types, constants; the now no-op bitcasts are folded away. The original element type of each
    changed argument/result of a public function is kept in its ``onnx.element_type`` attribute
    (read by the runtime for the numpy dtype).

``widen_bool_buffers`` (pass ``cpu-widen-bool-buffers``, on memrefs, after the loops stage)
    LLVM 22's memref-to-llvm aborts the process on loads/stores of ``i1`` memrefs (and of the other
    sub-byte integers, ``i2``/``i4``). Such buffers become ``i8`` buffers holding the value in the
    low bits, zero-extended: numpy's bool layout and ml_dtypes' ``int4``/``uint4``/``int2``/``uint2``
    layout (one element per byte). Every such memref is retyped, loads are followed by
    ``arith.trunci`` and stored values are ``arith.extui``-ed, ``memref.global`` initial values are
    rewritten. Scalar sub-byte arithmetic is unchanged.

``copy_duplicate_results`` (in ``cpu-results-to-out-params``)
    A buffer returned twice is copied for each extra occurrence before results become out-params.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from mlir import ir
from mlir.dialects import arith

from ...dialects.dense_elements import dense_elements_to_numpy

ELEMENT_TYPE_ATTR = "onnx.element_type"

TypeMap = Callable[[ir.Type], ir.Type]


# --------------------------------------------------------------------------- type mapping

def _map_shaped(t: ir.Type, elem_map: TypeMap) -> ir.Type:
    """Apply ``elem_map`` to the element type of tensors/memrefs/vectors (and to scalars)."""
    if isinstance(t, ir.RankedTensorType):
        t = ir.RankedTensorType(t)
        e = elem_map(t.element_type)
        return t if e == t.element_type else ir.RankedTensorType.get(list(t.shape), e, t.encoding)
    if isinstance(t, ir.UnrankedTensorType):
        e = elem_map(ir.UnrankedTensorType(t).element_type)
        return t if e == ir.UnrankedTensorType(t).element_type else ir.UnrankedTensorType.get(e)
    if isinstance(t, ir.MemRefType):
        t = ir.MemRefType(t)
        e = elem_map(t.element_type)
        if e == t.element_type:
            return t
        return ir.MemRefType.get(list(t.shape), e, t.layout, t.memory_space)
    if isinstance(t, ir.UnrankedMemRefType):
        t = ir.UnrankedMemRefType(t)
        e = elem_map(t.element_type)
        return t if e == t.element_type else ir.UnrankedMemRefType.get(e, t.memory_space)
    if isinstance(t, ir.VectorType):
        t = ir.VectorType(t)
        e = elem_map(t.element_type)
        return t if e == t.element_type else ir.VectorType.get(list(t.shape), e)
    if isinstance(t, ir.FunctionType):
        t = ir.FunctionType(t)
        return ir.FunctionType.get([_map_shaped(i, elem_map) for i in t.inputs],
                                   [_map_shaped(r, elem_map) for r in t.results])
    return elem_map(t)


def _signless_elem(t: ir.Type) -> ir.Type:
    if isinstance(t, ir.IntegerType) and not ir.IntegerType(t).is_signless:
        return ir.IntegerType.get_signless(ir.IntegerType(t).width)
    return t


def signless_type(t: ir.Type) -> ir.Type:
    return _map_shaped(t, _signless_elem)


def _element(t: ir.Type) -> ir.Type | None:
    if isinstance(t, ir.ShapedType):
        return ir.ShapedType(t).element_type
    return None


def _all_ops(root: ir.Operation) -> list[ir.Operation]:
    ops: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        ops.append(op)
        return ir.WalkResult.ADVANCE

    root.walk(visit, ir.WalkOrder.PRE_ORDER)
    return ops


def _retype_values(ops: list[ir.Operation], type_map: TypeMap) -> None:
    """Set the type of every op result and block argument through ``type_map``."""
    for op in ops:
        for r in op.results:
            new = type_map(r.type)
            if new != r.type:
                r.set_type(new)
        for region in op.regions:
            for block in region.blocks:
                for a in block.arguments:
                    new = type_map(a.type)
                    if new != a.type:
                        a.set_type(new)


def _retype_attr(attr: ir.Attribute, new_type: ir.ShapedType) -> ir.Attribute:
    """The same elements as ``attr`` (dense or dense_resource) with type ``new_type``."""
    if isinstance(attr, ir.DenseElementsAttr):
        dense = ir.DenseElementsAttr(attr)
        old_e = ir.ShapedType(dense.type).element_type
        new_e = ir.ShapedType(new_type).element_type
        values = dense_elements_to_numpy(dense)
        old_width = ir.IntegerType(old_e).width
        if old_width < 8:  # bool, i2, i4 -> i8, zero-extended
            values = (values.astype(np.int64) & ((1 << old_width) - 1)).astype(np.int8)
        else:  # uiN/siN -> iN: the same bits (ui64 values above 2**63 - 1 become negative)
            target = np.dtype(f"i{ir.IntegerType(new_e).width // 8}")
            values = values.view(target) if values.dtype.itemsize == target.itemsize \
                else values.astype(target)
        if dense.is_splat:
            return ir.DenseElementsAttr.get_splat(new_type, ir.IntegerAttr.get(new_e, int(values.reshape(-1)[0])))
        return ir.DenseElementsAttr.get(np.ascontiguousarray(values), type=new_type)
    text = str(attr)
    if text.startswith("dense_resource<"):
        handle = text[:text.index(">") + 1]
        return ir.Attribute.parse(f"{handle} : {new_type}")
    raise ValueError(f"cannot retype attribute {text[:80]}")


# --------------------------------------------------------------------------- uiN -> iN

def _record_element_types(func: ir.Operation) -> None:
    """Keep the element type of unsigned args/results in ``onnx.element_type`` attributes."""
    ftype = ir.FunctionType(ir.TypeAttr(func.attributes["function_type"]).value)
    for key, types in (("arg_attrs", ftype.inputs), ("res_attrs", ftype.results)):
        if not any(_element(t) is not None and _element(t) != _signless_elem(_element(t)) for t in types):
            continue
        old = list(ir.ArrayAttr(func.attributes[key])) if key in func.attributes else \
            [ir.DictAttr.get({}) for _ in types]
        new = []
        for d, t in zip(old, types):
            d = ir.DictAttr(d)
            entries = {d[i].name: d[i].attr for i in range(len(d))}
            e = _element(t)
            if e is not None and e != _signless_elem(e):
                entries[ELEMENT_TYPE_ATTR] = ir.TypeAttr.get(e)
            new.append(ir.DictAttr.get(entries))
        func.attributes[key] = ir.ArrayAttr.get(new)


def make_signless(module: ir.Module) -> None:
    """Rewrite every ``uiN``/``siN`` type of ``module`` to ``iN`` (see the module docstring)."""
    with module.context, ir.Location.unknown():
        ops = _all_ops(module.operation)
        for op in ops:
            if op.name == "func.func":
                _record_element_types(op)
                ftype = ir.TypeAttr(op.attributes["function_type"]).value
                new = signless_type(ftype)
                if new != ftype:
                    op.attributes["function_type"] = ir.TypeAttr.get(new)
        for op in ops:
            if op.name == "arith.constant" and "value" in op.attributes:
                value = op.attributes["value"]
                if isinstance(value.type, ir.ShapedType) and signless_type(value.type) != value.type:
                    op.attributes["value"] = _retype_attr(value, signless_type(value.type))
            elif op.name == "memref.global":
                t = ir.TypeAttr(op.attributes["type"]).value
                if signless_type(t) != t:
                    op.attributes["type"] = ir.TypeAttr.get(signless_type(t))
                    if "initial_value" in op.attributes and not isinstance(
                            op.attributes["initial_value"], ir.UnitAttr):
                        init = op.attributes["initial_value"]
                        op.attributes["initial_value"] = _retype_attr(init, signless_type(init.type))
        _retype_values(ops, signless_type)
        for op in ops:  # bitcasts between types that are now equal are no-ops
            if op.name in ("tensor.bitcast", "arith.bitcast", "memref.cast") and \
                    op.operands[0].type == op.results[0].type:
                op.results[0].replace_all_uses_with(op.operands[0])
                op.erase()


# --------------------------------------------------------------------------- i1 (i2, i4) buffers -> i8

def _is_sub_byte(t: ir.Type) -> bool:
    return isinstance(t, ir.IntegerType) and ir.IntegerType(t).width < 8


def _bool_memref_elem(t: ir.Type) -> ir.Type:
    return ir.IntegerType.get_signless(8) if _is_sub_byte(t) else t


def _widen_memref_type(t: ir.Type) -> ir.Type:
    if isinstance(t, (ir.MemRefType, ir.UnrankedMemRefType)):
        return _map_shaped(t, _bool_memref_elem)
    if isinstance(t, ir.FunctionType):
        t = ir.FunctionType(t)
        return ir.FunctionType.get([_widen_memref_type(i) for i in t.inputs],
                                   [_widen_memref_type(r) for r in t.results])
    return t


def _is_bool_memref(v: ir.Value) -> bool:
    """A memref of i1 (or another sub-byte integer)."""
    t = v.type
    return isinstance(t, (ir.MemRefType, ir.UnrankedMemRefType)) and \
        _is_sub_byte(ir.ShapedType(t).element_type)


def widen_bool_buffers(module: ir.Module) -> None:
    """Rewrite every ``i1`` (``i2``, ``i4``) memref of ``module`` to an ``i8`` memref (see the
    module docstring)."""
    with module.context, ir.Location.unknown():
        ops = _all_ops(module.operation)
        i8 = ir.IntegerType.get_signless(8)
        # Accesses first, while their memref operands still have the narrow element type.
        for op in ops:
            name = op.name
            if name in ("memref.load", "affine.load") and _is_bool_memref(op.operands[0]):
                narrow = ir.ShapedType(op.operands[0].type).element_type
                result = op.results[0]
                result.set_type(i8)
                with ir.InsertionPoint.after(op), op.location:
                    trunc = arith.TruncIOp(narrow, result)
                result.replace_all_uses_except(trunc.result, trunc.operation)
            elif name in ("memref.store", "affine.store") and _is_bool_memref(op.operands[1]):
                with ir.InsertionPoint(op), op.location:
                    ext = arith.ExtUIOp(i8, op.operands[0])
                op.operands[0] = ext.result
            elif name in ("vector.load", "vector.maskedload", "vector.transfer_read") and \
                    _is_bool_memref(op.operands[0]):
                narrow = ir.ShapedType(op.operands[0].type).element_type
                result = op.results[0]
                vt = ir.VectorType(result.type)
                result.set_type(ir.VectorType.get(list(vt.shape), i8))
                if name == "vector.transfer_read":  # its padding value is the element type
                    pad = _pad_index(op)
                    with ir.InsertionPoint(op), op.location:
                        op.operands[pad] = arith.ExtUIOp(i8, op.operands[pad]).result
                with ir.InsertionPoint.after(op), op.location:
                    trunc = arith.TruncIOp(ir.VectorType.get(list(vt.shape), narrow), result)
                result.replace_all_uses_except(trunc.result, trunc.operation)
            elif name in ("vector.store", "vector.transfer_write") and _is_bool_memref(op.operands[1]):
                vt = ir.VectorType(op.operands[0].type)
                with ir.InsertionPoint(op), op.location:
                    ext = arith.ExtUIOp(ir.VectorType.get(list(vt.shape), i8), op.operands[0])
                op.operands[0] = ext.result
            elif name == "memref.global":
                t = ir.TypeAttr(op.attributes["type"]).value
                if _widen_memref_type(t) != t:
                    op.attributes["type"] = ir.TypeAttr.get(_widen_memref_type(t))
                    init = op.attributes["initial_value"] if "initial_value" in op.attributes else None
                    if init is not None and not isinstance(init, ir.UnitAttr) and \
                            isinstance(init, ir.DenseElementsAttr):
                        it = ir.ShapedType(init.type)
                        op.attributes["initial_value"] = _retype_attr(
                            init, ir.RankedTensorType.get(list(it.shape), i8))
            elif name == "func.func":
                ftype = ir.TypeAttr(op.attributes["function_type"]).value
                if _widen_memref_type(ftype) != ftype:
                    op.attributes["function_type"] = ir.TypeAttr.get(_widen_memref_type(ftype))
        _retype_values(ops, _widen_memref_type)


def _pad_index(op: ir.Operation) -> int:
    """Operand index of vector.transfer_read's padding value: after the source and the indices."""
    seg = op.attributes["operandSegmentSizes"] if "operandSegmentSizes" in op.attributes else None
    if seg is not None:
        sizes = list(ir.DenseI32ArrayAttr(seg))
        return sizes[0] + sizes[1]
    return 1 + ir.ShapedType(op.operands[0].type).rank



# --------------------------------------------------------------------------- distinct results

def copy_duplicate_results(func: ir.Operation) -> None:
    """Each extra occurrence of a memref returned more than once becomes a fresh copy.

    buffer-results-to-out-params crashes (segfault in LLVM 22) on a return that repeats a value;
    one-shot bufferization folds tensor-level copies away, so this runs on the bufferized IR.
    Only statically shaped memrefs are copied (dynamic results are not turned into out-params).
    """
    from mlir.dialects import memref

    with func.context:
        for block in func.regions[0].blocks:
            ret = block.operations[len(block.operations) - 1]
            if ret.operation.name != "func.return":
                continue
            seen: list[ir.Value] = []
            for i, v in enumerate(list(ret.operands)):
                if any(v == s for s in seen) and isinstance(v.type, ir.MemRefType) and \
                        ir.MemRefType(v.type).has_static_shape:
                    t = ir.MemRefType(v.type)
                    with ir.InsertionPoint(ret), ret.location:
                        fresh = memref.alloc(ir.MemRefType.get(list(t.shape), t.element_type), [], [])
                        memref.copy(v, fresh)
                    ret.operands[i] = fresh
                seen.append(v)
