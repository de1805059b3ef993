"""Declared types (graph outputs, ``value_info``) against the types the operators compute.

A model's declared shapes are hints, not facts: exporters write them from one trace, users edit
them, and onnxruntime only warns when they disagree with what the nodes compute. ONNX shape
inference in non-strict mode keeps a conflicting declaration, and the lowerings build results
from their static result types, so trusting it returns a tensor of the declared shape filled from
the wrong elements (an Expand to [2, 3, 7] declared [2, 3, 5] came back as (2, 3, 5)).

So :class:`DeclaredTypes` takes the main graph's declared output and value_info types off the model
before anything infers from them (the version converter does, and would copy a wrong declaration
into the types it infers), and after shape inference merges each one into what the nodes computed:

* computed unknown (no rank): the declaration is all there is and is kept;
* a different rank, or a static dim that differs: the computed type wins, with a
  :class:`~onnx_mlir.errors.ShapeWarning` naming the value and the node computing it;
* a dim computed dynamic but declared static (Resize of run-time scales, Compress of a run-time
  condition, an Expand to a run-time shape): the declared size is kept, as lowerings that need
  static sizes use it, but recorded as *declared only* (:data:`DECLARED_DIMS_KEY` in the model's
  metadata; the importer puts it on the producing op as ``onnx_mlir.declared_dims``), so that
  ``onnx-shape-inference`` verifies it once the passes can compute it and the lowerings compute
  or check it rather than trust it;
* a dim computed static but declared symbolic: the computed dim; a dim dynamic on both sides
  keeps the declared ``dim_param`` (the name users see);
* a different element type cannot be reconciled: :class:`~onnx_mlir.errors.OnnxImportError`
  naming the node.

Subgraph (If/Loop/Scan body) declarations are not revisited.
"""

from __future__ import annotations

import json
import warnings
from typing import Callable

import onnx

from ..errors import OnnxImportError, ShapeWarning

Infer = Callable[[onnx.ModelProto], onnx.ModelProto]

# Model metadata: JSON {value name: [dims whose static size only the declaration gives]}; the
# importer moves it onto the producing ops (``dialects.onnx.DECLARED_DIMS_ATTR``).
DECLARED_DIMS_KEY = "onnx_mlir.declared_dims"


def _is_tensor(t: onnx.TypeProto) -> bool:
    return t.WhichOneof("value") == "tensor_type"


def _has_shape(t: onnx.TypeProto) -> bool:
    return _is_tensor(t) and t.tensor_type.HasField("shape")


def _text(t: onnx.TypeProto) -> str:
    dims = [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?")
            for d in t.tensor_type.shape.dim]
    return "[" + ", ".join(str(d) for d in dims) + "]"


class DeclaredTypes:
    """The declared tensor types of a model's main graph (graph outputs and value_info)."""

    def __init__(self, model: onnx.ModelProto):
        graph = model.graph
        self.types = {info.name: info.type for info in list(graph.value_info) + list(graph.output)
                      if _is_tensor(info.type)}

    def strip(self, model: onnx.ModelProto) -> onnx.ModelProto:
        """``model`` without the declarations (outputs keep their names, untyped)."""
        if not self.types:
            return model
        stripped = onnx.ModelProto()
        stripped.CopyFrom(model)
        graph = stripped.graph
        kept = [info for info in graph.value_info if not _is_tensor(info.type)]
        del graph.value_info[:]
        graph.value_info.extend(kept)
        for info in graph.output:
            if _is_tensor(info.type):
                info.ClearField("type")
        return stripped

    def reconcile(self, inferred: onnx.ModelProto, infer: Infer) -> onnx.ModelProto:
        """The types of the shape-inferred (stripped) ``inferred`` with the declarations merged
        in; values the nodes leave untyped take their declared type, and ``infer`` runs again so
        that their users see it."""
        if not self.types:
            return inferred
        computed = _computed(inferred.graph)
        untyped = {name: t for name, t in self.types.items() if name not in computed}
        if untyped:
            inferred = infer(_with_types(inferred, untyped))
            computed = _computed(inferred.graph)
        merger = _Merger(inferred.graph)
        merged = {name: merger.merge(name, t, computed.get(name)) for name, t in self.types.items()}
        result = _with_types(inferred, merged)
        kept = [p for p in result.metadata_props if p.key != DECLARED_DIMS_KEY]
        del result.metadata_props[:]
        result.metadata_props.extend(kept)
        if merger.declared_only:
            entry = result.metadata_props.add()
            entry.key, entry.value = DECLARED_DIMS_KEY, json.dumps(merger.declared_only)
        return result


def declared_only_dims(model: onnx.ModelProto) -> dict[str, list[int]]:
    """The dims recorded by :meth:`DeclaredTypes.reconcile` (value name -> dim indices)."""
    for prop in model.metadata_props:
        if prop.key == DECLARED_DIMS_KEY:
            return {name: list(dims) for name, dims in json.loads(prop.value).items()}
    return {}


def _computed(graph: onnx.GraphProto) -> dict[str, onnx.TypeProto]:
    return {info.name: info.type for info in list(graph.value_info) + list(graph.output)
            if _has_shape(info.type)}


class _Merger:
    """Merges declarations into computed types, naming values by their producing nodes."""

    def __init__(self, graph: onnx.GraphProto):
        self.outputs = {o.name for o in graph.output}
        self.producers = {name: node for node in graph.node for name in node.output if name}
        self.declared_only: dict[str, list[int]] = {}

    def describe(self, name: str) -> str:
        kind = "graph output" if name in self.outputs else "value"
        node = self.producers.get(name)
        if node is None:
            return f"{kind} '{name}'"
        return f"{kind} '{name}' of node '{node.name or name}' ({node.op_type})"

    def merge(self, name: str, declared: onnx.TypeProto,
              computed: onnx.TypeProto | None) -> onnx.TypeProto:
        if computed is None:
            return declared
        want, got = declared.tensor_type, computed.tensor_type
        if want.elem_type and got.elem_type and want.elem_type != got.elem_type:
            node = self.producers.get(name)
            names = onnx.TensorProto.DataType.Name
            raise OnnxImportError(
                f"{self.describe(name)} is declared {names(want.elem_type)} but computed as "
                f"{names(got.elem_type)}", node=(node.name or name) if node else None,
                op_type=node.op_type if node else None, domain=node.domain if node else None)
        if not want.HasField("shape"):
            return computed
        if len(want.shape.dim) != len(got.shape.dim):
            self.warn(name, declared, computed)
            return computed
        merged = onnx.TypeProto()
        merged.CopyFrom(computed)
        conflict = False
        for i, (mine, theirs) in enumerate(zip(merged.tensor_type.shape.dim, want.shape.dim)):
            if mine.HasField("dim_value"):
                conflict |= theirs.HasField("dim_value") and theirs.dim_value != mine.dim_value
            elif theirs.HasField("dim_value"):
                mine.dim_value = theirs.dim_value  # kept, but recorded as declared only
                if name in self.producers:
                    self.declared_only.setdefault(name, []).append(i)
            elif theirs.HasField("dim_param"):
                mine.dim_param = theirs.dim_param
        if conflict:
            self.warn(name, declared, computed)
        return merged

    def warn(self, name: str, declared: onnx.TypeProto, computed: onnx.TypeProto) -> None:
        warnings.warn(f"{self.describe(name)}: declared shape {_text(declared)} disagrees with "
                      f"the computed shape {_text(computed)}; using the computed shape",
                      ShapeWarning, stacklevel=4)


def _with_types(model: onnx.ModelProto, types: dict[str, onnx.TypeProto]) -> onnx.ModelProto:
    """``model`` with the graph outputs and value_info of ``types`` set to those types."""
    result = onnx.ModelProto()
    result.CopyFrom(model)
    graph = result.graph
    pending = dict(types)
    outputs = set()
    for info in graph.output:
        outputs.add(info.name)
        if info.name in pending:
            info.type.CopyFrom(pending[info.name])
    for info in graph.value_info:
        if info.name in pending:
            info.type.CopyFrom(pending.pop(info.name))
    for name, t in pending.items():
        if name not in outputs:
            graph.value_info.add(name=name).type.CopyFrom(t)
    return result
