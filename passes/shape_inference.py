"""``onnx-shape-inference``: refine the result types of onnx ops with ONNX shape inference.

Each op with a result that is not fully static is exported alone as a one-node model
(:func:`onnx_bridge.single_node_model`): operand types become graph input types, and operands
produced by small `onnx.constant` ops become initializers, so ONNX's data propagation sees their
values (a Reshape whose shape operand was just folded gets a static result). Dynamic dims that ONNX
infers become static; static dims are never changed, a rank or element type that disagrees is
ignored. Ops are visited in program order, so one sweep propagates refinements forward; the
function signatures follow the refined returned values.

Dims that only the model's declaration made static (``onnx_mlir.declared_dims``, see
``importer/declared_types.py``) are verified the same way: once ONNX computes one, it is no
longer recorded, and a computed size that differs replaces the declared one (ShapeWarning).

Only ops with a dynamic result (or a declared-only dim) are exported, so a fully static model
costs one walk: the pass runs after every rewrite in ``onnx-simplify`` without re-inferring the
whole model.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import ClassVar

import onnx
from mlir import ir

from ..dialects.onnx import DECLARED_DIMS_ATTR, declared_only_dims
from ..errors import ShapeWarning
from ..importer.invented_zero_dims import drop_invented_zero_dims
from ..limits import type_size_problem
from .onnx_bridge import BridgeError, is_static_tensor, op_class, single_node_model
from .onnx_rewrite import update_function_types
from .rewrite import onnx_ops
from .pass_base import ModulePass, PassFailure


def refined_type(current: ir.Type, inferred: onnx.TypeProto | None) -> ir.Type | None:
    """``current`` with its dynamic dims replaced by those ONNX inferred (None if no better)."""
    if inferred is None or not isinstance(current, ir.RankedTensorType):
        return None
    if inferred.WhichOneof("value") != "tensor_type" or not inferred.tensor_type.HasField("shape"):
        return None
    dims = inferred.tensor_type.shape.dim
    if len(dims) != current.rank:
        return None
    from ..dialects.onnx_types import onnx_dtype_of

    elem = inferred.tensor_type.elem_type
    if elem and onnx_dtype_of(current.element_type) != elem:
        return None
    shape = list(current.shape)
    better = False
    for i, d in enumerate(dims):
        if ir.ShapedType.is_dynamic_size(shape[i]) and d.HasField("dim_value") and d.dim_value >= 0:
            shape[i] = d.dim_value
            better = True
    if not better:
        return None
    return ir.RankedTensorType.get(shape, current.element_type, current.encoding)


def infer_op(op: ir.OpView, module: ir.Module | None = None) -> bool:
    """Refine ``op``'s result types in place, and verify the dims only the model's declaration
    gave (:data:`DECLARED_DIMS_ATTR`); True when some type or record changed."""
    results = list(op.operation.results)
    declared = [declared_only_dims(op, i) for i in range(len(results))]
    if not results or (all(is_static_tensor(r.type) for r in results) and not any(declared)):
        return False
    if op_class(op) is None or len(op.operation.regions):
        return False
    if not any(isinstance(r.type, ir.RankedTensorType) for r in results):
        return False
    try:
        single = single_node_model(op, module=module)
    except BridgeError:
        return False
    try:
        inferred = onnx.shape_inference.infer_shapes(single.model, check_type=False,
                                                     strict_mode=False, data_prop=True)
    except Exception:  # onnx raises InferenceError / ValidationError / RuntimeError
        return False
    drop_invented_zero_dims(inferred.graph)
    types = {o.name: o.type for o in inferred.graph.output}
    changed = False
    for i, (value, name) in enumerate(zip(single.results, single.output_names)):
        computed = computed_rank_type(value.type, types.get(name))
        if computed is not None:
            _warn_rank_conflict(op, value, computed)
            value.set_type(computed)
            declared[i] = []
            changed = True
            continue
        if declared[i]:
            left = _verify_declared_dims(op, value, declared[i], types.get(name))
            changed |= left != declared[i]
            declared[i] = left
        new_type = refined_type(value.type, types.get(name))
        if new_type is not None:
            problem = type_size_problem(new_type)
            if problem:
                op.location.emit_error(f"'{op.operation.name}' op result #{i} would be {new_type}, "
                                       f"which is too large: {problem}")
                raise PassFailure("onnx-shape-inference")
            value.set_type(new_type)
            changed = True
    if not changed:
        return False
    if any(declared):
        op.operation.attributes[DECLARED_DIMS_ATTR] = ir.ArrayAttr.get(
            [ir.DenseI64ArrayAttr.get(dims) for dims in declared])
    elif DECLARED_DIMS_ATTR in op.operation.attributes:
        del op.operation.attributes[DECLARED_DIMS_ATTR]
    return True


def computed_rank_type(current: ir.Type, inferred: onnx.TypeProto | None) -> ir.Type | None:
    """The type ONNX computes when its rank differs from ``current`` (a declared type the
    importer had to take where whole-model inference gave nothing): the computed one wins, as in
    onnxruntime. None when the ranks agree or ONNX knows no rank or another element type."""
    if inferred is None or not isinstance(current, ir.RankedTensorType) or \
            inferred.WhichOneof("value") != "tensor_type" or \
            not inferred.tensor_type.HasField("shape"):
        return None
    dims = inferred.tensor_type.shape.dim
    if len(dims) == current.rank:
        return None
    from ..dialects.onnx_types import onnx_dtype_of

    elem = inferred.tensor_type.elem_type
    if elem and onnx_dtype_of(current.element_type) != elem:
        return None
    shape = [d.dim_value if d.HasField("dim_value") and d.dim_value >= 0
             else ir.ShapedType.get_dynamic_size() for d in dims]
    return ir.RankedTensorType.get(shape, current.element_type)


def _warn_rank_conflict(op, value: ir.Value, computed: ir.Type) -> None:
    """ShapeWarning naming the op (and the graph outputs ``value`` is returned as)."""
    where = str(op.location).removeprefix("loc(").removesuffix(")")
    outputs = _returned_as(value)
    named = f" (graph output {', '.join(repr(o) for o in outputs)})" if outputs else ""
    warnings.warn(f"{where}: result #{value.result_number}{named} is declared {value.type} but "
                  f"computed as {computed}; using the computed type", ShapeWarning, stacklevel=3)


def _returned_as(value: ir.Value) -> list[str]:
    """The ``onnx.name`` of each function result that returns ``value``."""
    names = []
    for use in value.uses:
        owner = use.owner
        if owner.name != "func.return":
            continue
        func = owner.parent
        attrs = func.attributes["res_attrs"] if "res_attrs" in func.attributes else None
        if attrs is None:
            continue
        entry = ir.DictAttr(ir.ArrayAttr(attrs)[use.operand_number])
        if "onnx.name" in entry:
            names.append(ir.StringAttr(entry["onnx.name"]).value)
    return names


def _verify_declared_dims(op, value: ir.Value, dims: list[int],
                          inferred: onnx.TypeProto | None) -> list[int]:
    """Check the declared-only ``dims`` of ``value`` against what ONNX now infers: a dim it
    computes is no longer declared only; one it computes differently takes the computed size,
    with a ShapeWarning. Returns the dims still unverified."""
    if inferred is None or not isinstance(value.type, ir.RankedTensorType) or \
            inferred.WhichOneof("value") != "tensor_type" or \
            not inferred.tensor_type.HasField("shape") or \
            len(inferred.tensor_type.shape.dim) != value.type.rank:
        return dims
    shape = list(value.type.shape)
    computed = inferred.tensor_type.shape.dim
    left, conflicts = [], []
    for d in dims:
        if not computed[d].HasField("dim_value"):
            left.append(d)
        elif computed[d].dim_value != shape[d]:
            conflicts.append(f"dim {d} is declared {shape[d]} but computed as {computed[d].dim_value}")
            shape[d] = computed[d].dim_value
    if conflicts:
        where = str(op.location).removeprefix("loc(").removesuffix(")")
        warnings.warn(f"{where}: result #{value.result_number}: {'; '.join(conflicts)}; using "
                      "the computed size", ShapeWarning, stacklevel=2)
        value.set_type(ir.RankedTensorType.get(shape, value.type.element_type, value.type.encoding))
    return left


def infer_module(module: ir.Module) -> int:
    """One forward sweep over every onnx op; the number of ops whose types got refined."""
    changed = sum(1 for op in onnx_ops(module) if infer_op(op, module))
    if changed:
        update_function_types(module)
    return changed


@dataclass
class OnnxShapeInferencePass(ModulePass):
    """Refine dynamic result dims of onnx ops with ONNX shape inference (one forward sweep:
    operands are refined before their users)."""

    name: ClassVar[str] = "onnx-shape-inference"
    summary: ClassVar[str] = ("Refine dynamic result types of onnx ops with ONNX shape inference "
                              "(one-node models, constant operands as initializers)")

    def run(self, module: ir.Module) -> None:
        with module.context, ir.Location.unknown():
            self.apply(module)

    def apply(self, module: ir.Module) -> int:
        return infer_module(module)
