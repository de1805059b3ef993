"""``onnx-decompose``: replace onnx ops that have no linalg lowering by their ONNX function body.

Many ONNX operators are defined by a function of simpler operators in their schema, either fixed
(``schema.has_function``: Celu, HardSwish, Mish, MeanVarianceNormalization, the windows, ...) or
built for the node's attributes and input types (``has_context_dependent_function``: Attention,
LayerNormalization, RMSNormalization, Gelu, SoftmaxCrossEntropyLoss, Range, RotaryEmbedding,
...). For an op without a lowering pattern (``lowering_patterns.lowering_for(name)`` is None),
the pass

1. exports the op as a node (``onnx_bridge``) and gets the function for the newest function
   version not above the dialect's opset (schema defaults filled in for absent attributes, so
   ``@attr`` references resolve as the op means them);
2. builds a model calling that function as a model-local function, with the operands as typed
   graph inputs (small constants as initializers), and inlines it with ``onnx.inliner`` (which
   substitutes attribute references and renames every internal value uniquely);
3. upgrades the body to the dialect's opset and runs ONNX shape inference with data propagation
   (``importer.model_loading.upgrade_opset``), so every new value has a type;
4. imports the nodes at the op's position through the importer's node import code
   (``OnnxImporter.import_nodes``), named ``<op's node name>/<OpType>_<i>`` in locations, and
   replaces the op's results.

New ops without a lowering are decomposed in turn (up to ``max_depth`` rounds). Ops whose body
cannot be typed or imported are left alone; the lowering then reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import onnx
from mlir import ir
from onnx import defs, helper

from ..errors import OnnxImportError
from ..importer.model_loading import infer_shapes, upgrade_opset
from .onnx_bridge import (OPSET, BridgeError, import_model_nodes, op_class, single_node_model,
                          type_proto)
from .lowering_patterns import lowering_for
from .onnx_rewrite import location_name, update_function_types
from .pass_base import ModulePass
from .rewrite import PatternSet, apply_greedily, has_uses

LOCAL_DOMAIN = "onnx_mlir.decompose"


def _best_version(versions, opset: int) -> int | None:
    usable = [v for v in versions if v <= opset]
    return max(usable) if usable else None


def function_for(schema: defs.OpSchema, node: onnx.NodeProto,
                 input_types: list[onnx.TypeProto], opset: int = OPSET) -> onnx.FunctionProto | None:
    """The function defining ``node`` (schema function or context-dependent one), or None."""
    if schema.has_function:
        version = _best_version(schema.function_opset_versions, opset)
        if version is not None:
            return onnx.FunctionProto.FromString(schema.get_function_with_opset_version(version))
        return schema.function_body if schema.function_body.node else None
    if schema.has_context_dependent_function:
        version = _best_version(schema.context_dependent_function_opset_versions, opset)
        if version is None:
            return None
        try:
            data = schema.get_context_dependent_function_with_opset_version(
                version, node.SerializeToString(), [t.SerializeToString() for t in input_types])
        except Exception:  # the builder rejects this node (e.g. unsupported attribute values)
            return None
        function = onnx.FunctionProto.FromString(data)
        return function if function.node else None
    return None


def _with_defaults(node: onnx.NodeProto, schema: defs.OpSchema) -> None:
    """Add the schema's default value for every attribute the node leaves out."""
    present = {a.name for a in node.attribute}
    for name, attr in schema.attributes.items():
        if name in present or attr.required:
            continue
        default = attr.default_value
        if default is not None and default.type != onnx.AttributeProto.UNDEFINED:
            copy = onnx.AttributeProto()
            copy.CopyFrom(default)
            copy.name = name
            node.attribute.append(copy)


_SCHEMAS: dict[str, "defs.OpSchema | None"] = {}


def _schema_with_function(op_type: str) -> "defs.OpSchema | None":
    """The op's schema at the dialect's opset when it defines a function, else None (cached)."""
    if op_type not in _SCHEMAS:
        try:
            schema = defs.get_schema(op_type, OPSET, "")
        except defs.SchemaError:
            schema = None
        if schema is not None and not (schema.has_function
                                       or schema.has_context_dependent_function):
            schema = None
        _SCHEMAS[op_type] = schema
    return _SCHEMAS[op_type]


class DecompositionFailed(Exception):
    pass


def expanded_model(op) -> tuple[onnx.ModelProto, list[str], list[ir.Value], list[str]]:
    """The op's function body as a shape-inferred model at the dialect's opset.

    Returns (model, graph input names, the operands they stand for, output names per result).
    """
    cls = op_class(op)
    if cls is None or len(op.operation.regions):
        raise DecompositionFailed("not an onnx op without regions")
    schema = _schema_with_function(cls.ONNX_OP_TYPE)
    if schema is None:
        raise DecompositionFailed("no function body")
    try:
        single = single_node_model(op)
    except BridgeError as error:
        raise DecompositionFailed(str(error)) from None
    node = single.model.graph.node[0]
    _with_defaults(node, schema)
    # The op's result types (from whole-model inference at import) type the body's outputs where
    # the body alone does not determine them (e.g. LayerNormalization's Mean via a computed shape).
    for output, result in zip(single.model.graph.output, single.results):
        try:
            output.type.CopyFrom(type_proto(result.type))
        except BridgeError:
            pass
    # Input types as the function builder sees them, in node input order ("" for absent).
    known = {i.name: i.type for i in single.model.graph.input}
    for init in single.model.graph.initializer:
        known[init.name] = helper.make_tensor_type_proto(init.data_type, list(init.dims))
    input_types = [known[name] if name else onnx.TypeProto() for name in node.input]
    key = single.model.SerializeToString(deterministic=True)
    cached = _EXPANSIONS.get(key)
    if cached is None:
        cached = _expand(schema, node, input_types, single.model, cls.ONNX_OP_TYPE)
        if len(_EXPANSIONS) >= _CACHE_SIZE:
            _EXPANSIONS.pop(next(iter(_EXPANSIONS)))
        _EXPANSIONS[key] = cached
    if isinstance(cached, str):
        raise DecompositionFailed(cached)
    model = onnx.ModelProto()
    model.CopyFrom(cached)
    return model, single.input_names, single.operands, single.output_names


# Expansions by serialized one-node model (node, attributes, input types, constant inputs): the
# version converter and shape inference cost tens of ms per expansion, and repeated layers (or
# the conformance cases run in one process) expand the same node many times. A string is a
# cached failure reason.
_EXPANSIONS: dict[bytes, "onnx.ModelProto | str"] = {}
_CACHE_SIZE = 512


def _expand(schema, node, input_types, single_model, op_type) -> "onnx.ModelProto | str":
    function = function_for(schema, node, input_types)
    if function is None:
        return "the schema gives no function for this node"
    body = _converted_body(function, node, single_model, op_type)
    if isinstance(body, str):
        return body
    nodes, initializers, opsets = body
    graph = onnx.GraphProto()
    graph.CopyFrom(single_model.graph)
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(initializers)
    model = helper.make_model(graph, ir_version=single_model.ir_version, opset_imports=opsets)
    try:
        return infer_shapes(model)
    except OnnxImportError as error:
        return f"cannot infer the types of the function body: {error}"


# Inlined function bodies upgraded to the dialect's opset, by (function, calling node). The
# version converter costs tens of ms; the nodes it produces do not depend on the input shapes,
# so each body is converted once and only shape inference runs per instance.
_BODIES: dict[bytes, "tuple | str"] = {}


def _converted_body(function: onnx.FunctionProto, node: onnx.NodeProto, single_model,
                    op_type: str):
    # Input types are part of the key: a converted body keeps the types inferred inside its
    # subgraphs (e.g. LinearAttention's Scan body), which differ between f16 and f32 instances.
    key = b"|".join([function.SerializeToString(deterministic=True),
                     node.SerializeToString(deterministic=True),
                     *(i.SerializeToString(deterministic=True) for i in single_model.graph.input)])
    cached = _BODIES.get(key)
    if cached is not None:
        return cached
    function = onnx.FunctionProto.FromString(function.SerializeToString())
    function.domain, function.name = LOCAL_DOMAIN, op_type
    call = onnx.NodeProto()
    call.CopyFrom(node)
    call.domain, call.name = LOCAL_DOMAIN, "call"
    graph = onnx.GraphProto()
    graph.CopyFrom(single_model.graph)
    del graph.node[:]
    graph.node.append(call)
    opsets = {imp.domain: imp.version for imp in function.opset_import}
    opsets.setdefault("", OPSET)
    opsets[LOCAL_DOMAIN] = 1
    model = helper.make_model(graph, functions=[function], ir_version=single_model.ir_version,
                              opset_imports=[helper.make_opsetid(d, v) for d, v in opsets.items()])
    try:
        from onnx import inliner

        model = inliner.inline_local_functions(model)
        del model.opset_import[:]
        model.opset_import.extend([helper.make_opsetid(d, v) for d, v in opsets.items()
                                   if d != LOCAL_DOMAIN])
        model = upgrade_opset(model, OPSET)
        own = {t.name for t in single_model.graph.initializer}
        result = (list(model.graph.node),
                  [t for t in model.graph.initializer if t.name not in own],
                  list(model.opset_import))
    except (OnnxImportError, Exception) as error:  # inliner / converter / inference errors
        result = f"cannot expand the function: {error}"
    if len(_BODIES) >= _CACHE_SIZE:
        _BODIES.pop(next(iter(_BODIES)))
    _BODIES[key] = result
    return result


def decomposition(op, context: ir.Context) -> list[ir.Value | None] | None:
    """The values of ``op``'s function body, imported before ``op`` (None and the IR untouched
    when that is not possible)."""
    try:
        model, input_names, operands, output_names = expanded_model(op)
    except DecompositionFailed:
        return None
    types = {v.name: v.type for v in list(model.graph.value_info) + list(model.graph.output)}
    for node in model.graph.node:
        if node.domain not in ("", "ai.onnx"):
            return None
        for name in node.output:
            t = types.get(name)
            if name and (t is None or (t.WhichOneof("value") == "tensor_type"
                                       and not t.tensor_type.HasField("shape"))):
                return None  # a value without a known rank: the importer would reject it
    base = location_name(op.location) or op_class(op).ONNX_OP_TYPE
    for index, node in enumerate(model.graph.node):
        node.name = f"{base}/{node.op_type}_{index}"
    bindings = dict(zip(input_names, operands))
    results = list(op.operation.results)
    # Import into a detached scratch block first, so that a failure leaves the IR untouched.
    scratch = ir.Operation.create("builtin.module", regions=1, loc=op.location)
    body = scratch.regions[0].blocks.append()
    try:
        with ir.InsertionPoint(body), op.location:
            outputs = import_model_nodes(model, bindings, context)
        by_name = dict(zip([o.name for o in model.graph.output], outputs))
        replacements = []
        for result, name in zip(results, output_names):
            new = by_name.get(name)
            meet = None if new is None else _meet(new.type, result.type)
            if meet is None:
                return None
            if meet != new.type:
                new.set_type(meet)  # the op's type knew more (whole-model inference at import)
            replacements.append(new if has_uses(result) else None)
        for created in list(body.operations):
            created.operation.move_before(op.operation)
    except Exception:  # OnnxImportError, or a builder rejecting the body: keep the op
        return None
    finally:
        scratch.erase()
    return replacements


def _meet(a: ir.Type, b: ir.Type) -> ir.Type | None:
    """The most static type that both ``a`` and ``b`` describe, None if they disagree."""
    if a == b:
        return a
    if not (isinstance(a, ir.RankedTensorType) and isinstance(b, ir.RankedTensorType)):
        return None
    if a.element_type != b.element_type or a.rank != b.rank:
        return None
    dims = []
    for x, y in zip(a.shape, b.shape):
        if ir.ShapedType.is_dynamic_size(x):
            dims.append(y)
        elif ir.ShapedType.is_dynamic_size(y) or x == y:
            dims.append(x)
        else:
            return None
    return ir.RankedTensorType.get(dims, a.element_type)


@dataclass
class OnnxDecomposePass(ModulePass):
    """Expand onnx ops without a lowering pattern into their ONNX function bodies."""

    name: ClassVar[str] = "onnx-decompose"
    summary: ClassVar[str] = ("Replace onnx ops without a linalg lowering by their ONNX "
                              "(context-dependent) function body, recursively")
    max_depth: int = 8
    # Op types (ONNX names) to expand even when a lowering exists, comma separated.
    force: list[str] = field(default_factory=list)

    def run(self, module: ir.Module) -> None:
        with module.context, ir.Location.unknown():
            self.apply(module)

    def apply(self, module: ir.Module) -> int:
        patterns = PatternSet()
        patterns.add_for_any_op(lambda op: self._decompose(op, module.context))
        total = apply_greedily(module, patterns, max_iterations=self.max_depth, dialects=("onnx",))
        if total:
            update_function_types(module)
        return total

    def _decompose(self, op, context: ir.Context) -> list[ir.Value | None] | None:
        cls = op_class(op)
        if cls is None or op.operation.name == "onnx.constant" or len(op.operation.regions):
            return None
        if lowering_for(op.operation.name) is not None and cls.ONNX_OP_TYPE not in self.force:
            return None
        return decomposition(op, context)
