"""``onnx-canonicalize``: local simplifications of onnx ops.

IRDL ops have no folders or canonicalization patterns, so upstream ``canonicalize`` leaves them
alone; this pass holds the simplifications that matter after import, decomposition and folding.
Each rule is a function ``(op) -> list of replacement values | None`` registered per op name
(``@rule("onnx.identity")``, the key every pattern of the project uses) and applied by the
project's rewrite driver (``rewrite.py``) to a fixpoint:

* Sum of two operands → Add;
* Identity, Cast/CastLike to the operand's own type, Reshape/Flatten/Squeeze/Unsqueeze/Expand
  whose result type equals the (static) operand type, single-input Concat/Sum/Max/Min/Mean
  → the operand;
* Reshape of Reshape (outer shape constant without 0, or allowzero) → one Reshape;
* Dropout in inference (no training_mode, or a constant false one) → the input, the mask a
  constant true tensor;
* Reshape/Flatten/Squeeze/Unsqueeze of a constant (any size, static result) → a constant with the
  same data (no copy: a ``dense_resource`` reuses the source array);
* x*1, x/1, x+0, x-0 with a constant splat operand that does not broadcast x → x;
* Gemm with transB and a constant B → Gemm of Transpose(B) (folded at compile time by
  onnx-constant-fold) without transB;
* identical small constants of a block are merged (IRDL ops are not CSE'd upstream);
* an inference BatchNormalization after a Conv with constant weights → the Conv with the
  BatchNormalization folded into its weights and bias (fold_batchnorm.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from mlir import ir

from ..dialects import onnx as onnx_dialect
from ..dialects.dense_elements import dense_splat_value
from ..dialects.resources import is_resource
from .onnx_bridge import array_attribute, constant_value, is_constant, op_class
from .fold_batchnorm import fold_into_conv
from .onnx_rewrite import update_function_types
from .pass_base import ModulePass
from .rewrite import PatternSet, Rewrite, apply_once, has_uses, to_fixpoint

RULES = PatternSet()


def rule(*op_names: str):
    """Decorator: ``fn`` is a rule for the ops named ``op_names`` (``"onnx.reshape"``)."""
    def register(fn: Rewrite) -> Rewrite:
        for op_name in op_names:
            RULES.add(op_name, fn)
        return fn
    return register


def _operands(op) -> list[ir.Value]:
    return list(op.operation.operands)


def _result_type(op) -> ir.Type:
    return op.operation.results[0].type


def _same_static(a: ir.Type, b: ir.Type) -> bool:
    return a == b and isinstance(a, ir.RankedTensorType) and a.has_static_shape


@rule("onnx.identity")
def _identity(op):
    x = _operands(op)[0]
    if x.type == _result_type(op) or _same_static(x.type, _result_type(op)):
        return [x]
    return None


@rule("onnx.cast", "onnx.cast_like")
def _cast_to_same_type(op):
    x = _operands(op)[0]
    return [x] if x.type == _result_type(op) else None


@rule("onnx.reshape", "onnx.flatten", "onnx.squeeze", "onnx.unsqueeze", "onnx.expand")
def _noop_reshape(op):
    x = _operands(op)[0]
    return [x] if _same_static(x.type, _result_type(op)) else None


@rule("onnx.concat", "onnx.sum", "onnx.max", "onnx.min", "onnx.mean")
def _single_input(op):
    operands = _operands(op)
    if len(operands) == 1 and operands[0].type == _result_type(op):
        return [operands[0]]
    return None


@rule("onnx.sum")
def _binary_sum(op):
    """Sum of two tensors is Add (which lowers, and verifies with broadcasting operands)."""
    operands = _operands(op)
    if len(operands) != 2:
        return None
    with ir.InsertionPoint(op), op.location:
        return [onnx_dialect.AddOp([_result_type(op)], *operands).result]


@rule("onnx.reshape")
def _reshape_of_reshape(op):
    x, shape = _operands(op)
    inner = x.owner
    if not isinstance(inner, ir.Operation) and hasattr(inner, "operation"):
        inner = inner.operation
    if isinstance(inner, ir.Block) or inner.name != "onnx.reshape":
        return None
    allowzero = op.allowzero if op.has_attribute("allowzero") else 0
    values = constant_value(shape)
    if values is None or (not allowzero and np.any(values == 0)):
        return None
    source = inner.operands[0]
    with ir.InsertionPoint(op), op.location:
        new = onnx_dialect.ReshapeOp([_result_type(op)], source, shape,
                                     onnx_attributes=dict(op.operation.attributes.items()))
    return [new.result]


@rule("onnx.dropout")
def _dropout_inference(op):
    view = op
    training = view.training_mode
    if training is not None:
        value = constant_value(training)
        if value is None or bool(np.asarray(value).reshape(-1)[0]):
            return None
    x = view.data
    output, mask = view.output, view.mask
    if output.type != x.type:
        return None
    replacements = [x]
    if mask is not None:
        if has_uses(mask):
            t = mask.type
            if not (isinstance(t, ir.RankedTensorType) and t.has_static_shape):
                return None
            with ir.InsertionPoint(op), op.location:
                attr = ir.DenseElementsAttr.get_splat(t, ir.IntegerAttr.get(t.element_type, 1))
                replacements.append(onnx_dialect.ConstantOp([t], value=attr).result)
        else:
            replacements.append(None)
    return replacements


@rule("onnx.reshape", "onnx.flatten", "onnx.squeeze", "onnx.unsqueeze")
def _reshape_constant(op):
    x = _operands(op)[0]
    t = _result_type(op)
    if not is_constant(x) or not (isinstance(t, ir.RankedTensorType) and t.has_static_shape):
        return None
    if any(not is_constant(v) for v in _operands(op)[1:]):
        return None
    owner = x.owner.operation if hasattr(x.owner, "operation") else x.owner
    attr = owner.attributes["value"] if "value" in owner.attributes else None
    with ir.InsertionPoint(op), op.location:
        if attr is not None and isinstance(attr, ir.DenseElementsAttr) and attr.is_splat:
            new_attr = ir.DenseElementsAttr.get_splat(t, attr.get_splat_value())
        else:
            array = constant_value(x)
            if array is None or array.size != int(np.prod(t.shape, dtype=np.int64)):
                return None
            new_attr = array_attribute(array.reshape(t.shape), t, "reshaped",
                                       resource_threshold=1024 if attr is None or not is_resource(attr) else 0)
        return [onnx_dialect.ConstantOp([t], value=new_attr).result]


def _splat_of(value: ir.Value) -> float | None:
    if not is_constant(value):
        return None
    owner = value.owner.operation if hasattr(value.owner, "operation") else value.owner
    attrs = owner.attributes
    if "value" in attrs and isinstance(attrs["value"], ir.DenseElementsAttr):
        attr = attrs["value"]
        if attr.is_splat:
            try:
                return float(dense_splat_value(attr))
            except TypeError:  # an element type without a numpy dtype
                return None
    array = constant_value(value, max_elements=1)
    if array is not None and array.size == 1:
        return float(np.asarray(array).reshape(-1)[0])
    return None


@rule("onnx.mul", "onnx.div", "onnx.add", "onnx.sub")
def _neutral_operand(op):
    a, b = _operands(op)
    t = _result_type(op)
    op_type = op_class(op).ONNX_OP_TYPE
    neutral = 1.0 if op_type in ("Mul", "Div") else 0.0
    candidates = [(b, a)] if op_type in ("Div", "Sub") else [(b, a), (a, b)]
    for const, other in candidates:
        if other.type == t and _splat_of(const) == neutral:
            return [other]
    return None


@rule("onnx.gemm")
def _gemm_constant_trans_b(op):
    """Gemm(transB=1) with a constant B -> Gemm(Transpose(B), transB=0): onnx-constant-fold
    then transposes the weight once at compile time instead of on every run."""
    if not op.trans_b:
        return None
    operands = _operands(op)
    weight = operands[1]
    t = weight.type
    if not is_constant(weight) or not isinstance(t, ir.RankedTensorType) or t.rank != 2 \
            or not t.has_static_shape:
        return None
    transposed_type = ir.RankedTensorType.get([t.shape[1], t.shape[0]], t.element_type)
    attributes = {k: v for k, v in op.operation.attributes.items() if k != "transB"}
    with ir.InsertionPoint(op), op.location:
        transposed = onnx_dialect.TransposeOp([transposed_type], weight, perm=[1, 0]).result
        gemm = onnx_dialect.GemmOp([_result_type(op)], operands[0], transposed, *operands[2:],
                                   onnx_attributes=attributes)
    return [gemm.result]


rule("onnx.batch_normalization")(fold_into_conv)  # (fold_batchnorm.py)


def _merge_constants(module: ir.Module) -> int:
    """Merge identical small `onnx.constant`s of each block into the first one."""
    merged = 0

    def sweep(block: ir.Block) -> None:
        nonlocal merged
        seen: dict[tuple[ir.Type, ir.Attribute], ir.Value] = {}  # both uniqued: hash = identity
        for op in list(block.operations):
            op = op.operation
            for region in op.regions:
                for inner in region.blocks:
                    sweep(inner)
            if op.name != "onnx.constant" or list(op.attributes.keys()) != ["value"]:
                continue
            attr = op.attributes["value"]
            if not isinstance(attr, ir.DenseElementsAttr) or is_resource(attr):
                continue
            if not (attr.is_splat or len(attr) <= 64):
                continue
            result = op.results[0]
            key = (result.type, attr)
            first = seen.get(key)
            if first is None:
                seen[key] = result
                continue
            result.replace_all_uses_with(first)
            op.erase()
            merged += 1

    for op in module.body.operations:
        for region in op.operation.regions:
            for block in region.blocks:
                sweep(block)
    return merged


@dataclass
class OnnxCanonicalizePass(ModulePass):
    """Apply the local simplification rules to every onnx op, to a fixpoint."""

    name: ClassVar[str] = "onnx-canonicalize"
    summary: ClassVar[str] = ("Simplify onnx ops: Identity, no-op Cast/Reshape, Reshape chains, "
                              "inference Dropout, reshapes of constants, x*1, duplicate constants")
    max_iterations: int = 8

    def run(self, module: ir.Module) -> None:
        with module.context, ir.Location.unknown():
            self.apply(module)

    def apply(self, module: ir.Module) -> int:
        total = to_fixpoint(lambda: apply_once(module, RULES) + _merge_constants(module),
                            self.max_iterations)
        if total:
            update_function_types(module)
        return total


__all__ = ["OnnxCanonicalizePass", "rule"]
