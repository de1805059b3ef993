"""``onnx-constant-fold``: evaluate onnx ops whose operands are all constants at compile time.

* ``Shape`` (with ``start``/``end``) and ``Size`` fold from the operand's type alone when the
  requested dims are static, whatever produces the operand. This is what makes the shape
  subgraphs of exported models (Shape → Gather → Concat → Reshape) disappear.
* Any other deterministic op whose operands are all `onnx.constant` is exported as a one-node
  model with the constants as initializers and run by ``onnx.reference.ReferenceEvaluator``; its
  results become `onnx.constant` ops (``dense`` splat/elements, or ``dense_resource`` above
  ``resource_threshold`` elements, recorded in ``dialects.resources`` so they can be read back).
* Size limit: an op is folded only when each result has at most ``max_elements`` elements, unless
  the large constant operands feeding it have no other user (then folding replaces the weight
  instead of duplicating it) or the op only rearranges its operand (``Transpose``: running it
  would make the same copy on every call), up to ``max_elements_replacing``. Operands of more than
  ``max_input_elements`` elements are never read.

Weights are ``dense_resource`` attributes that the Python bindings cannot read; the importer keeps
their arrays in a side table (``dialects/resources.py``) and blobs parsed from text are decoded
from the printed module once.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from mlir import ir

from .. import conversions
from ..dialects import onnx as onnx_dialect
from ..dialects.onnx_types import numpy_dtype_of
from .onnx_bridge import (BridgeError, array_attribute, constant_value, elements_of, is_constant,
                          op_class, single_node_model, _flat_values, operand_groups)
from .onnx_rewrite import update_function_types
from ..limits import type_size_problem
from .pass_base import ModulePass, PassFailure
from .rewrite import PatternSet, apply_once, has_uses

# Ops whose results are not a function of their operands.
NONDETERMINISTIC = frozenset({"RandomNormal", "RandomNormalLike", "RandomUniform",
                              "RandomUniformLike", "Bernoulli", "Multinomial"})
NEVER_FOLD = NONDETERMINISTIC | {"Constant"}
# Ops whose result is a rearranged copy of their one large operand: run, they allocate and fill
# that copy on every call, so folding a shared weight through them (keeping the original for its
# other users) costs no more memory than running them and saves the copy at run time (e.g. a
# transposed tied embedding used as the LM head's MatMul operand).
REARRANGING = frozenset({"Transpose"})


@dataclass
class OnnxConstantFoldPass(ModulePass):
    """Replace onnx ops computable at compile time by `onnx.constant` ops."""

    name: ClassVar[str] = "onnx-constant-fold"
    summary: ClassVar[str] = ("Fold onnx ops with constant operands (ONNX reference evaluator) "
                              "and Shape/Size of static tensors into onnx.constant")
    max_elements: int = 1 << 16
    max_elements_replacing: int = 1 << 24
    max_input_elements: int = 1 << 24
    resource_threshold: int = 1024

    def run(self, module: ir.Module) -> None:
        with module.context, ir.Location.unknown():
            self.apply(module)

    def apply(self, module: ir.Module) -> int:
        """One sweep of the rewrite driver: each foldable op becomes constants."""
        self._count = 0
        patterns = PatternSet()
        patterns.add_for_any_op(lambda op: self._fold(op, module))
        folded = apply_once(module, patterns, dialects=("onnx",))
        if folded:
            update_function_types(module)
        return folded

    def _fold(self, op, module: ir.Module) -> list[ir.Value] | None:
        """The constants replacing ``op``'s results, or None when it does not fold."""
        cls = op_class(op)
        if cls is None or cls.ONNX_OP_TYPE in NEVER_FOLD or len(op.operation.regions):
            return None
        if not any(has_uses(r) for r in op.operation.results):
            return None  # dead: onnx-dce removes it
        arrays = self._fold_from_types(op, cls.ONNX_OP_TYPE)
        if arrays is None:
            arrays = self._float_to_int_cast(op, cls.ONNX_OP_TYPE, module)
        if arrays is None:
            arrays = self._evaluate(op, module, cls.ONNX_OP_TYPE in REARRANGING)
        if arrays is None:
            return None
        return self._constants(op, arrays)

    # -------------------------------------------------------------- Shape / Size from types

    def _fold_from_types(self, op, op_type: str) -> list[np.ndarray] | None:
        if op_type == "Gather":
            return self._gather_of_shape(op)
        if op_type not in ("Shape", "Size"):
            return None
        return self._shape_dims(op, op_type)

    def _gather_of_shape(self, op) -> list[np.ndarray] | None:
        """Gather(Shape(x), constant indices) picking static dims of a dynamic x."""
        data, indices = op.operation.operands
        owner = data.owner
        owner = None if isinstance(owner, ir.Block) else getattr(owner, "operation", owner)
        if owner is None or owner.name != "onnx.shape" or op.axis != 0:
            return None
        dims = self._shape_dims(owner.opview, "Shape", allow_dynamic=True)
        index = constant_value(indices, max_elements=64)
        if dims is None or index is None:
            return None
        dims = dims[0]
        index = np.where(index < 0, index + dims.size, index)
        if np.any(index < 0) or np.any(index >= dims.size):
            return None
        picked = dims[index]
        if np.any(picked < 0):
            return None
        return [picked.astype(np.int64)]

    def _shape_dims(self, op, op_type: str, allow_dynamic: bool = False):
        t = op.operation.operands[0].type
        if not isinstance(t, ir.RankedTensorType):
            return None
        shape = list(t.shape)
        if op_type == "Size":
            if not t.has_static_shape:
                return None
            return [np.array(int(np.prod(shape, dtype=np.int64)), dtype=np.int64)]
        rank = len(shape)
        start = op.start if op.has_attribute("start") else 0
        end = op.end if op.has_attribute("end") else rank
        start = min(max(start + rank if start < 0 else start, 0), rank)
        end = min(max(end + rank if end < 0 else end, 0), rank)
        dims = [-1 if ir.ShapedType.is_dynamic_size(d) else d for d in shape[start:end]]
        if not allow_dynamic and any(d < 0 for d in dims):
            return None
        return [np.array(dims, dtype=np.int64)]

    # -------------------------------------------------------------- float -> integer Cast

    def _float_to_int_cast(self, op, op_type: str, module) -> list[np.ndarray] | None:
        """Cast/CastLike of a float constant to an integer type: the project's result
        (``onnx_mlir.conversions``: saturating, NaN -> 0), the one the compiled code gives, not
        the reference evaluator's numpy ``astype``, whose out-of-range results depend on the CPU."""
        if op_type not in ("Cast", "CastLike"):
            return None
        x, result = op.operation.operands[0], op.operation.results[0]
        if not isinstance(result.type, ir.RankedTensorType):
            return None
        dtype = numpy_dtype_of(ir.RankedTensorType(result.type).element_type)
        if dtype is None or not conversions.is_integer_dtype(dtype):
            return None
        size = elements_of(x.type)
        if size is None or size > self.max_elements and (size > self.max_elements_replacing
                                                          or len(list(x.uses)) > 1):
            return None
        value = constant_value(x, module=module)
        if value is None or not conversions.is_float_dtype(value.dtype):
            return None
        return [conversions.float_to_int(value, dtype)]

    # -------------------------------------------------------------- reference evaluation

    def _evaluate(self, op, module, rearranging: bool = False) -> list[np.ndarray] | None:
        operands = _flat_values(operand_groups(op))
        if not operands or not all(is_constant(v) for v in operands):
            return None
        results = list(op.operation.results)
        limit = self.max_elements
        sizes = [elements_of(v.type) for v in operands]
        if any(s is None or s > self.max_input_elements for s in sizes):
            return None
        if any(s > self.max_elements for s in sizes):
            # Folding may replace a large weight, never duplicate it (unless running the op
            # would make the same copy, see REARRANGING).
            for value, size in zip(operands, sizes):
                if size > self.max_elements and len(list(value.uses)) > 1 and not rearranging:
                    return None
            limit = self.max_elements_replacing
        for r in results:
            size = elements_of(r.type)
            if size is not None and size > limit:
                return None
        try:
            single = single_node_model(op, constant_limit=self.max_input_elements, module=module,
                                       require_constants=True)
        except BridgeError:
            return None
        if any(elements_of(r.type) is None for r in results) and \
                _inferred_elements(single.model) > limit:
            return None  # (evaluating would allocate it first: a ConstantOfShape of terabytes)
        try:
            from onnx.reference import ReferenceEvaluator

            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                evaluator = ReferenceEvaluator(single.model)
                outputs = evaluator.run(None, {})
        except Exception:  # an op the reference does not implement, or bad input: keep it
            return None
        arrays = []
        for value, array in zip(results, outputs):
            if not isinstance(array, np.ndarray) and not np.isscalar(array):
                return None
            array = np.asarray(array)
            if array.size > limit and not _is_splat(array):
                return None
            arrays.append(array)
        return arrays if len(arrays) == len(results) else None

    # -------------------------------------------------------------- replacement

    def _constants(self, op, arrays: list[np.ndarray]) -> list[ir.Value] | None:
        """``onnx.constant`` ops holding ``arrays``, one per result of ``op`` (None when an
        array does not fit its result's type)."""
        results = list(op.operation.results)
        new_values = []
        with ir.InsertionPoint(op), op.location:
            for result, array in zip(results, arrays):
                t = result.type
                if not isinstance(t, ir.RankedTensorType):
                    return None
                dtype = numpy_dtype_of(t.element_type)
                if dtype is None:
                    return None
                if t.rank != array.ndim or any(
                        not ir.ShapedType.is_dynamic_size(d) and d != n
                        for d, n in zip(t.shape, array.shape)):
                    return None  # disagrees with the declared type: leave it to the lowering
                if array.dtype != dtype:
                    if array.dtype.kind != np.dtype(dtype).kind and array.dtype != np.bool_:
                        return None
                    array = array.astype(dtype)
                new_type = ir.RankedTensorType.get(list(array.shape), t.element_type)
                problem = type_size_problem(new_type)
                if problem:  # (a splat of any size is cheap to evaluate, not to allocate)
                    op.location.emit_error(f"'{op.operation.name}' op result #{len(new_values)} "
                                           f"would be {new_type}, which is too large: {problem}")
                    raise PassFailure(self.name)
                self._count += 1
                attr = array_attribute(array, new_type, f"folded{self._count}",
                                       self.resource_threshold)
                new_values.append(onnx_dialect.ConstantOp([new_type], value=attr).result)
        return new_values


def _inferred_elements(model) -> int:
    """The largest static element count ONNX shape inference gives an output of ``model``
    (0 when it infers none)."""
    import onnx

    try:
        inferred = onnx.shape_inference.infer_shapes(model, check_type=False, strict_mode=False,
                                                     data_prop=True)
    except Exception:  # inference errors: the evaluator reports them its own way
        return 0
    largest = 0
    for output in inferred.graph.output:
        t = output.type.tensor_type
        if output.type.WhichOneof("value") == "tensor_type" and t.HasField("shape"):
            count = 1
            for d in t.shape.dim:
                count *= d.dim_value if d.HasField("dim_value") else 1
            largest = max(largest, count)
    return largest


def _is_splat(array: np.ndarray) -> bool:
    flat = array.reshape(-1)
    return flat.size > 0 and bool(np.all(flat == flat[0]))
